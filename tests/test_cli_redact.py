"""`kgpii redact`: redacted copies and in-place redaction of logs, JSON Lines, CSV/TSV, Parquet."""

from __future__ import annotations

import gzip
import json
import os
import re

import pytest
from click.testing import CliRunner

from scanner.cli import main

PHONE = "+996 555 12 34 56"
MAIL = "aigul@mail.kg"



def run(*args):
    result = CliRunner().invoke(main, ["redact", *args, "--entities", "PHONE_NUMBER,EMAIL_ADDRESS"])
    return result


def test_log_and_gzip_copies_are_redacted_line_for_line(tmp_path):
    log = tmp_path / "app.log"
    log.write_bytes(f"login {MAIL}\r\nno data here\ncall {PHONE}\n".encode())
    with gzip.open(tmp_path / "app.log.gz", "wb") as fh:
        fh.write(log.read_bytes())
    result = run(str(log), str(tmp_path / "app.log.gz"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    expected = b"login [EMAIL_ADDRESS]\r\nno data here\ncall [PHONE_NUMBER]\n"
    assert (tmp_path / "out" / "app.log").read_bytes() == expected
    assert gzip.open(tmp_path / "out" / "app.log.gz").read() == expected
    assert log.read_bytes().startswith(b"login aigul")          # the original is untouched
    assert MAIL not in result.stderr and result.stdout == ""


def test_cp1251_log_keeps_its_encoding(tmp_path):
    log = tmp_path / "old.log"
    log.write_bytes(f"звонок {PHONE}\n".encode("cp1251"))
    assert run(str(log), "--out", str(tmp_path / "out")).exit_code == 0
    assert (tmp_path / "out" / "old.log").read_bytes() == "звонок [PHONE_NUMBER]\n".encode("cp1251")


def test_jsonl_stays_valid_and_only_values_change(tmp_path):
    src = tmp_path / "events.jsonl"
    lines = [
        {"user": {"email": MAIL, "id": 7}, "msg": f"звонок {PHONE}"},
        {"phone": 996555123456, "note": "Кавычка \" и \\ остаются"},
    ]
    src.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    result = run(str(src), "--out", str(tmp_path / "out"), "--operator", "pseudonymize")
    assert result.exit_code == 0, result.output
    out = [json.loads(x) for x in (tmp_path / "out" / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert re.fullmatch(r"EMAIL_ADDRESS_[0-9a-f]{8}", out[0]["user"]["email"]) and out[0]["user"]["id"] == 7
    assert re.fullmatch(r"звонок PHONE_NUMBER_[0-9a-f]{8}", out[0]["msg"])
    assert isinstance(out[1]["phone"], int) and str(out[1]["phone"]).startswith("996000")
    assert out[1]["note"] == lines[1]["note"]


def test_csv_keeps_columns_quoting_and_line_endings(tmp_path):
    src = tmp_path / "orders.csv"
    src.write_bytes(f'"id","phone","note"\r\n"1","{PHONE}","ok, fine"\r\n"2","","{MAIL}"\r\n'.encode())
    assert run(str(src), "--out", str(tmp_path / "out")).exit_code == 0
    assert (tmp_path / "out" / "orders.csv").read_bytes() == \
        b'"id","phone","note"\r\n"1","[PHONE_NUMBER]","ok, fine"\r\n"2","","[EMAIL_ADDRESS]"\r\n'


def test_tsv_with_minimal_quoting(tmp_path):
    src = tmp_path / "x.tsv"
    src.write_text(f"id\tcontact\n1\t{MAIL}\n2\tnone\n")
    assert run(str(src), "--out", str(tmp_path / "out"), "--operator", "mask").exit_code == 0
    assert (tmp_path / "out" / "x.tsv").read_text() == "id\tcontact\n1\t*********l.kg\n2\tnone\n"


def test_parquet_keeps_schema_and_numeric_phones(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    src = tmp_path / "c.parquet"
    pq.write_table(pa.table({"id": [1, 2], "phone": pa.array([996555123456, None], pa.int64()),
                             "email": [MAIL, "none"]}), src)
    assert run(str(src), "--out", str(tmp_path / "out"), "--operator", "pseudonymize").exit_code == 0
    table = pq.read_table(tmp_path / "out" / "c.parquet")
    assert table.schema == pq.read_table(src).schema
    rows = table.to_pylist()
    assert str(rows[0]["phone"]).startswith("996000") and rows[1]["phone"] is None
    assert rows[0]["email"].startswith("EMAIL_ADDRESS_") and rows[1]["email"] == "none"


def test_in_place_keeps_a_backup_and_a_second_run_changes_nothing(tmp_path):
    log = tmp_path / "app.log"
    log.write_text(f"call {PHONE}\n")
    assert run(str(log), "--in-place").exit_code == 0
    assert log.read_text() == "call [PHONE_NUMBER]\n"
    assert (tmp_path / "app.log.bak").read_text() == f"call {PHONE}\n"
    before = os.stat(log).st_mtime_ns
    result = run(str(log), "--in-place")
    assert result.exit_code == 0 and "0 value(s)" in result.stderr
    assert os.stat(log).st_mtime_ns == before and (tmp_path / "app.log.bak").read_text() == f"call {PHONE}\n"


def test_in_place_without_backup(tmp_path):
    log = tmp_path / "app.log"
    log.write_text(f"call {PHONE}\n")
    assert run(str(log), "--in-place", "--no-backup").exit_code == 0
    assert not (tmp_path / "app.log.bak").exists() and [p.name for p in tmp_path.iterdir()] == ["app.log"]


def test_unparseable_file_is_left_untouched_and_others_still_processed(tmp_path):
    bad_gz = tmp_path / "broken.log.gz"
    data = gzip.compress(f"call {PHONE}\n".encode() * 50)
    bad_gz.write_bytes(data[: len(data) // 2])
    bad_csv = tmp_path / "bad.csv"
    bad_csv.write_text(f'a,b\n"unclosed,{PHONE}\n')
    good = tmp_path / "good.log"
    good.write_text(f"call {PHONE}\n")
    before = {p: p.read_bytes() for p in (bad_gz, bad_csv)}
    result = run(str(bad_gz), str(bad_csv), str(good), "--in-place")
    assert result.exit_code == 2
    assert "broken.log.gz" in result.stderr and "bad.csv" in result.stderr and "Traceback" not in result.output
    assert all(p.read_bytes() == data for p, data in before.items())
    assert good.read_text() == "call [PHONE_NUMBER]\n"
    assert not any(p.name.startswith(".kgpii-") for p in tmp_path.iterdir())


def test_folder_goes_to_the_same_relative_paths(tmp_path):
    (tmp_path / "logs" / "a").mkdir(parents=True)
    (tmp_path / "logs" / "a" / "x.log").write_text(f"{MAIL}\n")
    assert run(str(tmp_path / "logs"), "--out", str(tmp_path / "out")).exit_code == 0
    assert (tmp_path / "out" / "a" / "x.log").read_text() == "[EMAIL_ADDRESS]\n"


def test_pseudonymize_without_a_key_is_refused(tmp_path, monkeypatch):
    monkeypatch.delenv("KGPII_KEY")
    log = tmp_path / "app.log"
    log.write_text(f"call {PHONE}\n")
    result = run(str(log), "--out", str(tmp_path / "out"), "--operator", "pseudonymize")
    assert result.exit_code == 2 and "needs the project key" in result.stderr
    assert not (tmp_path / "out").exists()
    assert not (tmp_path / "xdg").exists() or not any((tmp_path / "xdg").rglob("key"))


def test_out_or_in_place_is_required(tmp_path):
    result = run(str(tmp_path))
    assert result.exit_code == 2 and "--out DIR or --in-place" in result.stderr


def test_help_has_an_example():
    result = CliRunner().invoke(main, ["redact", "--help"])
    assert result.exit_code == 0 and "Examples:" in result.output


def test_two_inputs_with_one_output_name_are_refused_before_writing(tmp_path):
    from click.testing import CliRunner

    from scanner.cli import main

    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "app.log").write_text("mail aigul@mail.kg\n")
    out = tmp_path / "clean"
    result = CliRunner().invoke(main, ["redact", str(tmp_path / "a" / "app.log"), str(tmp_path / "b" / "app.log"),
                                       "--out", str(out)])
    assert result.exit_code == 2 and "would both be written to" in result.stderr
    assert not out.exists()
