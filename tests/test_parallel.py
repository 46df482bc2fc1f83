"""Processes and Dask give exactly the findings of a one-process scan."""

from __future__ import annotations

import random

import pytest

from scanner.engine import EngineOptions, ScanEngine
from scanner.keys import Keyed
from scanner.parallel import ParallelScan, plan_units
from scanner.scan import Scan
from scanner.sources import SourceOptions
from scanner.sources.text import chunk_ranges

KEY = b"parallel-test-key-0123456789"
OPTIONS = EngineOptions(entities=("EMAIL_ADDRESS", "PHONE_NUMBER", "IP_ADDRESS"))


def write_log(path, lines: int, seed: int = 7):
    rnd = random.Random(seed)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(lines):
            kind = rnd.randrange(4)
            if kind == 0:
                fh.write(f"2026-11-20 INFO user{i}@mail.kg logged in from 10.0.{i % 250}.{rnd.randrange(1, 250)}\n")
            elif kind == 1:
                fh.write(f"2026-11-20 INFO Клиент, тел. +996 555 {rnd.randrange(10, 99)} {rnd.randrange(10, 99)} 56\n")
            else:
                fh.write(f"2026-11-20 DEBUG order {100000 + i} total {rnd.randrange(100, 9000)} сом\n")


def as_tuples(findings):
    return [(f.source, f.line, f.start, f.end, f.entity_type, f.fingerprint) for f in findings]


def one_process(specs):
    return as_tuples(Scan(specs, ScanEngine(Keyed(KEY), OPTIONS)).findings())


def test_chunks_start_after_a_newline_and_cover_the_file(tmp_path):
    path = tmp_path / "a.log"
    write_log(path, 3000)
    data = path.read_bytes()
    ranges = chunk_ranges(str(path), 10_000)
    assert len(ranges) > 5
    assert ranges[0][0] == 0 and ranges[-1][1] == len(data)
    for (a, b), (c, _) in zip(ranges, ranges[1:]):
        assert b == c and data[b - 1 : b] == b"\n"


def test_processes_give_the_same_findings_in_the_same_order(tmp_path):
    path = tmp_path / "big.log"
    write_log(path, 4000)
    (tmp_path / "small.log").write_text("mail: x.y@mail.kg\n")
    specs = [str(tmp_path)]
    units = plan_units(specs, SourceOptions(), lambda p: None, chunk_bytes=20_000)
    assert sum(u.byte_range is not None for u in units) > 5
    scan = ParallelScan(specs, KEY, OPTIONS, jobs=2, chunk_bytes=20_000)
    parallel = as_tuples(scan.findings())
    expected = one_process(specs)
    assert len(expected) > 1000
    assert parallel == expected
    assert scan.summary.sources == [str(tmp_path / "big.log"), str(tmp_path / "small.log")]
    assert sum(scan.summary.counts.values()) == len(expected)


def test_missing_file_in_parallel_scan_is_a_problem(tmp_path):
    path = tmp_path / "a.log"
    write_log(path, 200)
    scan = ParallelScan([str(tmp_path / "nope.log"), str(path)], KEY, OPTIONS, jobs=2)
    found = as_tuples(scan.findings())
    assert found == one_process([str(path)])
    assert [p.message for p in scan.summary.errors] == ["no such file"]


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_findings(tmp_path):
    pytest.importorskip("distributed")
    path = tmp_path / "big.log"
    write_log(path, 3000)
    specs = [str(path)]
    scan = ParallelScan(specs, KEY, OPTIONS, jobs=2, executor="dask", dask_address="local", chunk_bytes=30_000)
    assert set(as_tuples(scan.findings())) == set(one_process(specs))


def make_shop(path, rows: int = 300):
    import sqlite3

    con = sqlite3.connect(path)
    con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT, phone TEXT)")
    con.execute("CREATE TABLE notes (body TEXT)")
    con.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, note TEXT)")
    for i in range(rows):
        con.execute("INSERT INTO customers VALUES (?, ?, ?)", (i, f"user{i}@mail.kg", f"+996 555 {i % 90 + 10} 34 56"))
        con.execute("INSERT INTO notes VALUES (?)", (f"call 0700 12 {i % 90 + 10} 56 or mail n{i}@mail.kg",))
        con.execute("INSERT INTO orders VALUES (?, ?, ?)", (i, i, f"ip 10.1.{i % 250}.7"))
    con.commit()
    con.close()


def test_database_tables_are_units_and_findings_match_one_process(tmp_path):
    db = tmp_path / "shop.db"
    make_shop(db)
    url = f"sqlite:///{db}"
    units = plan_units([url], SourceOptions(), lambda p: None, jobs=2)
    assert [u.table for u in units] == [(None, "customers"), (None, "notes"), (None, "orders")]
    scan = ParallelScan([url, str(tmp_path)], KEY, OPTIONS, jobs=2)
    found = [(f.source, f.table, tuple(sorted((f.key or {}).items())), f.column, f.start, f.end, f.entity_type)
             for f in scan.findings()]
    one = Scan([url, str(tmp_path)], ScanEngine(Keyed(KEY), OPTIONS))
    expected = [(f.source, f.table, tuple(sorted((f.key or {}).items())), f.column, f.start, f.end, f.entity_type)
                for f in one.findings()]
    assert len(expected) == 2 * 1500 and found == expected     # by URL and as a file in the folder
    assert {f[0] for f in found} == {url, str(db)}
    verdicts = sorted((c["table"], c["column"], c["entity_type"]) for c in scan.summary.columns if c["entity_type"])
    assert verdicts == sorted((c["table"], c["column"], c["entity_type"])
                              for c in one.summary.columns if c["entity_type"])


def test_sigterm_stops_workers_and_leaves_no_partial_output(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    big = tmp_path / "big.log"
    line = "2026-11-20 INFO Клиент Асанов Бакыт, тел. +996 555 12 34 56, mail a.b@mail.kg from 10.1.2.3\n"
    with open(big, "w", encoding="utf-8") as fh:
        fh.write(line * 300_000)                         # ~30 MB: far more than 2 s of work
    out = tmp_path / "out" / "findings.jsonl"
    out.parent.mkdir()
    env = {**os.environ, "KGPII_KEY": "sigterm-key-0123456789abc"}
    proc = subprocess.Popen([sys.executable, "-m", "scanner.cli", "scan", str(big), "-o", str(out), "-j", "2", "-q"],
                            env=env, stderr=subprocess.PIPE, text=True, start_new_session=True)
    time.sleep(3)
    assert proc.poll() is None, "the scan ended before it could be interrupted"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and err.strip() == "kgpii: interrupted"
    assert list(out.parent.iterdir()) == []              # neither the output nor its temp file
    time.sleep(1)
    left = subprocess.run(["pgrep", "-s", str(proc.pid)], capture_output=True, text=True).stdout.split()
    assert left == [], "worker processes outlived the interrupted scan"


# --- big tables: key ranges -------------------------------------------------------------------

def fill_people(conn, rows: int, *, rowid_table: bool) -> None:
    """`people` (integer primary key, ids with gaps) or `notes` (SQLite rowid, no key)."""
    from sqlalchemy import text

    if rowid_table:
        conn.exec_driver_sql("CREATE TABLE notes (note TEXT)")
        conn.execute(text("INSERT INTO notes VALUES (:n)"),
                     [{"n": f"звоните 0700 12 {i % 90 + 10} 56 или n{i}@mail.kg"} for i in range(rows)])
        return
    conn.exec_driver_sql("CREATE TABLE people (id BIGINT PRIMARY KEY, email TEXT, phone TEXT)")
    conn.execute(text("INSERT INTO people VALUES (:id, :e, :p)"),
                 [{"id": 3 * i + 1, "e": f"user{i}@mail.kg", "p": f"+996 555 {i % 90 + 10} 34 56"}
                  for i in range(rows)])


def located(findings):
    return sorted((f.table, tuple(sorted((f.key or {}).items())), f.column, f.start, f.end, f.entity_type,
                   f.fingerprint) for f in findings)


def assert_ranges_match_one_process(url, monkeypatch, expected_units):
    import scanner.sources.database as database

    monkeypatch.setattr(database, "RANGE_ROWS", 100)
    units = plan_units([url], SourceOptions(), lambda p: None, jobs=2)
    assert len(units) == expected_units
    ranges = [u.key_range for u in units]
    assert ranges[0].low is None and ranges[-1].high is None            # open ends: nothing missed
    assert all(a.high == b.low for a, b in zip(ranges, ranges[1:]))     # no gap, no overlap
    scan = ParallelScan([url], KEY, OPTIONS, jobs=2)
    found = located(scan.findings())
    one = Scan([url], ScanEngine(Keyed(KEY), OPTIONS))
    expected = located(one.findings())
    assert found == expected and len(expected) == 2 * 450
    assert scan.summary.columns == one.summary.columns                   # per-column verdicts merged
    assert scan.summary.records == one.summary.records
    return scan


@pytest.mark.parametrize("rowid_table", [False, True])
def test_big_sqlite_table_is_split_by_key_range(tmp_path, monkeypatch, rowid_table):
    import sqlalchemy

    db = tmp_path / "big.db"
    engine = sqlalchemy.create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        fill_people(conn, 450, rowid_table=rowid_table)
    engine.dispose()
    scan = assert_ranges_match_one_process(f"sqlite:///{db}", monkeypatch, expected_units=5)
    assert scan.summary.problems == []


def test_sampled_tables_are_not_split(tmp_path, monkeypatch):
    import sqlalchemy

    import scanner.sources.database as database

    db = tmp_path / "big.db"
    engine = sqlalchemy.create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        fill_people(conn, 450, rowid_table=False)
    engine.dispose()
    monkeypatch.setattr(database, "RANGE_ROWS", 100)
    units = plan_units([f"sqlite:///{db}"], SourceOptions(sample=50), lambda p: None, jobs=2)
    assert [(u.table, u.key_range) for u in units] == [((None, "people"), None)]


@pytest.mark.postgres
def test_big_postgres_table_is_split_by_key_range(pg_url, monkeypatch):
    import sqlalchemy

    url, _ = pg_url
    engine = sqlalchemy.create_engine(url)
    with engine.begin() as conn:
        fill_people(conn, 450, rowid_table=False)
    engine.dispose()
    assert_ranges_match_one_process(url, monkeypatch, expected_units=5)


def test_big_files_that_cannot_be_cut_are_scanned_in_the_parent(tmp_path):
    """A CSV (or gzip log) bigger than a chunk would sit whole in a worker's result list."""
    import gzip

    export = tmp_path / "export.csv"
    with open(export, "w", encoding="utf-8") as fh:
        fh.write("id,email,phone\n")
        for i in range(600):
            fh.write(f"{i},user{i}@mail.kg,+996 555 {i % 90 + 10} 34 56\n")
    log = tmp_path / "small.log"
    write_log(log, 300)
    write_log(tmp_path / "old.log", 3000, seed=8)
    packed = tmp_path / "old.log.gz"
    packed.write_bytes(gzip.compress((tmp_path / "old.log").read_bytes()))
    (tmp_path / "old.log").unlink()
    chunk = 4096
    units = plan_units([str(tmp_path)], SourceOptions(), lambda p: None, chunk_bytes=chunk, jobs=2)
    inline = sorted(u.name.rsplit("/", 1)[-1] for u in units if u.inline)
    assert inline == ["export.csv", "old.log.gz"]            # the plain log is cut in chunks instead
    assert all(u.byte_range is not None for u in units if u.name.endswith("small.log"))
    scan = ParallelScan([str(tmp_path)], KEY, OPTIONS, jobs=2, chunk_bytes=chunk)
    found = as_tuples(scan.findings())
    assert found == one_process([str(tmp_path)])
    assert scan.scanned_inline == 2
    assert sum(1 for f in found if f[0].endswith("export.csv")) == 2 * 600


def test_big_table_without_an_integer_key_is_scanned_in_the_parent(tmp_path, monkeypatch):
    import sqlalchemy
    from sqlalchemy import text

    import scanner.sources.database as database

    db = tmp_path / "codes.db"
    engine = sqlalchemy.create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE people (code TEXT PRIMARY KEY, email TEXT)")
        conn.execute(text("INSERT INTO people VALUES (:c, :e)"),
                     [{"c": f"c{i:04d}", "e": f"user{i}@mail.kg"} for i in range(250)])
        conn.exec_driver_sql("CREATE TABLE small (code TEXT PRIMARY KEY, email TEXT)")
        conn.exec_driver_sql("INSERT INTO small VALUES ('a', 'x@mail.kg')")
    engine.dispose()
    monkeypatch.setattr(database, "RANGE_ROWS", 100)
    url = f"sqlite:///{db}"
    units = plan_units([url], SourceOptions(), lambda p: None, jobs=2)
    assert [(u.table, u.key_range, u.inline) for u in units] == [
        ((None, "people"), None, True), ((None, "small"), None, False)]
    scan = ParallelScan([url], KEY, OPTIONS, jobs=2)
    one = Scan([url], ScanEngine(Keyed(KEY), OPTIONS))
    assert located(scan.findings()) == located(one.findings())
    assert scan.summary.records == one.summary.records == 2 * 251       # code and email of every row
    assert scan.summary.columns == one.summary.columns


def test_json_lines_logs_are_cut_in_chunks_like_plain_logs(tmp_path):
    import json

    path = tmp_path / "app.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(3000):
            fh.write(json.dumps({"msg": f"user{i}@mail.kg тел +996 555 {i % 90 + 10} 34 56", "n": i},
                                ensure_ascii=False) + "\n")
    units = plan_units([str(path)], SourceOptions(), lambda p: None, chunk_bytes=20_000, jobs=2)
    assert len(units) > 5 and all(u.byte_range is not None and not u.inline for u in units)
    found = [(f.line, f.field, f.start, f.end, f.entity_type, f.fingerprint)
             for f in ParallelScan([str(path)], KEY, OPTIONS, jobs=2, chunk_bytes=20_000).findings()]
    expected = [(f.line, f.field, f.start, f.end, f.entity_type, f.fingerprint)
                for f in Scan([str(path)], ScanEngine(Keyed(KEY), OPTIONS)).findings()]
    assert found == expected and len(found) == 2 * 3000 and found[-1][0] == 3000
