"""Crash safety: `kgpii retain --apply` SIGKILLed mid-way, rerun, ends exactly like an uninterrupted run."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import signal
import subprocess
import sys
import time

import pytest
import sqlalchemy as sa

ROWS = 100_000
PG_ROWS = 20_000
NOW = "2026-01-01"
NOTE_DONE = re.compile(r"^заказ \d+: звонить PHONE_NUMBER_[0-9a-f]{8}, почта EMAIL_ADDRESS_[0-9a-f]{8}$")


def note(i: int) -> str:
    return f"заказ {i}: звонить +996 555 {i % 1000:03d} {i // 1000 % 1000:03d}, почта user{i}@mail.kg"


def build(url: str, table: str, count: int) -> None:
    """`count` orders, three in four of them past retention at NOW."""
    engine = sa.create_engine(url)
    md = sa.MetaData()
    orders = sa.Table(table, md, sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
                      sa.Column("created_at", sa.DateTime), sa.Column("total", sa.Integer),
                      sa.Column("courier_note", sa.String(200)), sa.Column("phone", sa.BigInteger))
    md.create_all(engine)
    with engine.begin() as conn:
        conn.execute(orders.insert(), [
            {"id": i, "created_at": dt.datetime(2025, 2, 1, 10) if i % 4 else dt.datetime(2025, 12, 1, 10),
             "total": i % 997, "courier_note": note(i), "phone": 996700000000 + i}
            for i in range(1, count + 1)])
    engine.dispose()


def rows(url: str, table: str) -> list[tuple]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY id")]
    finally:
        engine.dispose()


def command(tmp_path, url: str, table: str, audit) -> list[str]:
    policy = tmp_path / f"{table}-{abs(hash(url))}.yaml"
    policy.write_text(f"""rules:
  - name: old-orders
    source: "{url}"
    table: {table}
    age_column: created_at
    older_than: 6m
    action: pseudonymize
    columns: [courier_note, phone, PHONE_NUMBER, EMAIL_ADDRESS]
""")
    return [os.path.join(os.path.dirname(sys.executable), "kgpii"), "retain", "--policy", str(policy),
            "--apply", "--audit", str(audit), "--now", NOW, "--batch-size", "500", "-q"]


def change_count(audit) -> int:
    if not audit.exists():
        return 0
    return audit.read_text(encoding="utf-8", errors="replace").count('"event": "change"')


def kill_rerun_compare(tmp_path, original, killed, clean) -> None:
    """Run `killed` and `clean` (url, table) at once, SIGKILL `killed` mid-way, rerun it, compare."""
    audit = tmp_path / "killed-audit.jsonl"
    uninterrupted = subprocess.Popen(command(tmp_path, *clean, tmp_path / "clean-audit.jsonl"),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    proc = subprocess.Popen(command(tmp_path, *killed, audit), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _kill_and_finish(tmp_path, original, killed, clean, audit, proc, uninterrupted)
    finally:
        for child in (proc, uninterrupted):
            if child.poll() is None:
                child.kill()
                child.wait()


def _kill_and_finish(tmp_path, original, killed, clean, audit, proc, uninterrupted) -> None:
    deadline = time.time() + 300
    while change_count(audit) < 3000 and proc.poll() is None and time.time() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, f"finished before it could be killed: {proc.stderr.read().decode()[-500:]}"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    before = rows(*original)
    middle = rows(*killed)
    old = {i for i, r in enumerate(before) if str(r[1]).startswith("2025-02")}
    done = [i for i in old if middle[i] != before[i]]
    assert 0 < len(done) < len(old), "the kill should land mid-way"
    for i, (b, m) in enumerate(zip(before, middle)):     # no half-changed row, nothing outside the plan
        if m == b:
            continue
        assert i in old
        assert NOTE_DONE.match(m[3]) and str(m[4]).startswith("996000") and m[:3] == b[:3], m

    rerun = subprocess.run(command(tmp_path, *killed, audit), capture_output=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr.decode()[-500:]
    assert uninterrupted.wait(timeout=600) == 0, uninterrupted.stderr.read().decode()[-500:]

    final, reference = rows(*killed), rows(*clean)
    assert final == reference
    for i, (b, f) in enumerate(zip(before, final)):
        if i in old:
            assert NOTE_DONE.match(f[3]) and str(f[4]).startswith("996000") and f[:3] == b[:3]
        else:
            assert f == b
    # every changed row is in the audit log (a batch redone after the kill may appear twice)
    logged = {line.split('"key": {"id": ')[1].split("}")[0] for line in audit.read_text().splitlines()
              if '"event": "change"' in line}
    assert len(logged) == len(old)


@pytest.mark.slow
def test_killed_sqlite_apply_is_finished_by_a_rerun_and_equals_an_uninterrupted_run(tmp_path):
    original = tmp_path / "original.db"
    build(f"sqlite:///{original}", "orders", ROWS)
    urls = {}
    for name in ("killed", "clean"):
        shutil.copy(original, tmp_path / f"{name}.db")
        urls[name] = (f"sqlite:///{tmp_path / name}.db", "orders")
    kill_rerun_compare(tmp_path, (f"sqlite:///{original}", "orders"), urls["killed"], urls["clean"])


@pytest.mark.slow
@pytest.mark.parametrize("server", [pytest.param("pg_url", marks=pytest.mark.postgres, id="postgres"),
                                    pytest.param("mysql_url", marks=pytest.mark.mariadb, id="mariadb")])
def test_killed_server_apply_is_finished_by_a_rerun_and_equals_an_uninterrupted_run(tmp_path, request, server):
    url, _ = request.getfixturevalue(server)
    for table in ("orders_original", "orders_killed", "orders_clean"):
        build(url, table, PG_ROWS)
    kill_rerun_compare(tmp_path, (url, "orders_original"), (url, "orders_killed"), (url, "orders_clean"))
