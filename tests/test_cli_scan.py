"""`kgpii scan` through click's CliRunner: formats, exit codes, bad input, privacy."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from contract import check_finding
from scanner.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
LOG = (
    "2026-11-20 INFO Клиент Асанов Бакыт, тел. +996 555 12 34 56\n"
    "2026-11-20 INFO login aigul@mail.kg from 212.42.101.33\n"
    "2026-11-20 INFO nothing here, order 100245 total 1 450 сом\n"
)
RAW_VALUES = ["+996 555 12 34 56", "aigul@mail.kg", "212.42.101.33"]


def run(args, input=None):
    return CliRunner().invoke(main, args, input=input, catch_exceptions=False)


@pytest.fixture
def log_file(tmp_path):
    path = tmp_path / "app.log"
    path.write_text(LOG, encoding="utf-8")
    return path


def jsonl(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_jsonl_output_is_contract_valid_and_offsets_slice_the_raw_line(log_file):
    result = run(["scan", str(log_file), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    found = jsonl(result)
    assert {(f["line"], f["entity_type"]) for f in found} >= {
        (1, "PHONE_NUMBER"), (2, "EMAIL_ADDRESS"), (2, "IP_ADDRESS")}
    lines = LOG.splitlines()
    raw = []
    for f in found:
        check_finding(f)
        assert f["source"] == str(log_file)
        raw.append(lines[f["line"] - 1][f["start"] : f["end"]])
    assert set(RAW_VALUES) <= set(raw)


def test_examples_folder_gives_only_contract_lines_on_stdout():
    result = run(["scan", str(EXAMPLES / "logs"), "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    found = jsonl(result)
    assert len(found) >= 20
    for f in found:
        check_finding(f)
    types = {f["entity_type"] for f in found}
    assert types >= {"PHONE_NUMBER", "EMAIL_ADDRESS", "IP_ADDRESS", "KG_PIN", "KG_PASSPORT", "CREDIT_CARD"}
    gz_lines = gzip.open(EXAMPLES / "logs" / "courier-2026-11-18.log.gz", "rt", encoding="utf-8").read().splitlines()
    for f in found:
        if f["source"].endswith(".log.gz"):
            assert gz_lines[f["line"] - 1][f["start"] : f["end"]]


def test_json_format_is_one_document_with_summary(log_file):
    result = run(["scan", str(log_file), "--format", "json"])
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["summary"]["totals"]["EMAIL_ADDRESS"] == 1
    for f in doc["findings"]:
        check_finding(f)


def test_table_format_counts_per_source_and_type(log_file):
    result = run(["scan", str(log_file), "--format", "table"])
    assert result.exit_code == 0
    assert "EMAIL_ADDRESS" in result.stdout and str(log_file.name) in result.stdout
    assert "aigul@mail.kg" not in result.stdout


def test_output_file_and_stdout_stays_empty(log_file, tmp_path):
    out = tmp_path / "out" / "f.jsonl"
    result = run(["scan", str(log_file), "-f", "jsonl", "-o", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    assert len(out.read_text().splitlines()) >= 3


def test_fail_on_crossed_exits_1(log_file):
    assert run(["scan", str(log_file), "-f", "jsonl", "--fail-on", "EMAIL_ADDRESS"]).exit_code == 1
    assert run(["scan", str(log_file), "-f", "jsonl", "--fail-on", "any"]).exit_code == 1
    assert run(["scan", str(log_file), "-f", "jsonl", "--fail-on", "KG_PIN"]).exit_code == 0


def test_unknown_entity_is_a_usage_error(log_file):
    result = run(["scan", str(log_file), "--entities", "SSN"])
    assert result.exit_code == 2 and "unknown entity type" in result.stderr


def test_missing_path_exit_2_and_other_sources_still_scanned(log_file, tmp_path):
    result = run(["scan", str(tmp_path / "missing.log"), str(log_file), "-f", "jsonl"])
    assert result.exit_code == 2
    assert "missing.log: no such file" in result.stderr
    assert len(jsonl(result)) >= 3
    assert "Traceback" not in result.stderr


def test_corrupt_gzip_exit_2_one_line(log_file, tmp_path):
    bad = tmp_path / "bad.log.gz"
    data = gzip.compress(("тел 0555 12 34 56\n" * 2000).encode())
    bad.write_bytes(data[: len(data) // 3])
    result = run(["scan", str(bad), str(log_file), "-f", "jsonl"])
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if "error:" in line]
    assert len(errors) == 1 and "bad.log.gz" in errors[0]
    assert any(f["source"] == str(log_file) for f in jsonl(result))


def test_malformed_json_line_exit_2_names_the_line_and_still_scans_it(tmp_path):
    path = tmp_path / "e.jsonl"
    path.write_text('{"email": "a.b@mail.kg"}\n{"email": "c.d@mail.kg", \n', encoding="utf-8")
    result = run(["scan", str(path), "-f", "jsonl"])
    assert result.exit_code == 2
    assert f"{path}:2: not valid JSON" in result.stderr
    found = jsonl(result)
    assert [(f["line"], f.get("field")) for f in found] == [(1, "email"), (2, None)]


def test_empty_file_is_a_note_not_a_failure(tmp_path):
    path = tmp_path / "empty.log"
    path.write_text("")
    result = run(["scan", str(path), "-f", "jsonl"])
    assert result.exit_code == 0 and "empty file" in result.stderr


def test_fifty_megabyte_single_line(tmp_path):
    path = tmp_path / "huge.log"
    chunk = "lorem ipsum dolor sit amet " * 1000
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("start aigul@mail.kg ")
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
        fh.write(" end zarina@mail.kg\n")
    result = run(["scan", str(path), "-f", "jsonl"])
    assert result.exit_code == 0, result.stderr
    found = jsonl(result)
    assert [(f["line"], f["entity_type"]) for f in found] == [(1, "EMAIL_ADDRESS")] * 2
    with open(path, encoding="utf-8") as fh:
        line = fh.readline()
    assert [line[f["start"] : f["end"]] for f in found] == ["aigul@mail.kg", "zarina@mail.kg"]
    assert "scanned in windows" in result.stderr


def _drop_file_capabilities():
    """In a child about to exec: drop root's right to read any file (CAP_DAC_*)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):                      # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, cap, 0, 0, 0) != 0:   # PR_CAPBSET_DROP: gone after exec
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def test_permission_denied_file_exit_2(tmp_path, log_file):
    secret = tmp_path / "secret.log"
    secret.write_text("тел 0555 12 34 56\n")
    secret.chmod(0o000)
    if os.geteuid() != 0:
        result = run(["scan", str(secret), str(log_file), "-f", "jsonl"])
        assert result.exit_code == 2 and "permission denied" in result.stderr
        return
    # root reads any file: run the CLI without the capabilities that allow it
    env = {**os.environ, "KGPII_KEY": "kgpii-test-key-0123456789abcdef"}
    proc = subprocess.run(
        [sys.executable, "-m", "scanner.cli", "scan", "secret.log", "app.log", "-f", "jsonl"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
        preexec_fn=_drop_file_capabilities,
    )
    assert proc.returncode == 2, proc.stderr
    assert "secret.log: permission denied" in proc.stderr and "Traceback" not in proc.stderr
    assert any(json.loads(line)["source"] == "app.log" for line in proc.stdout.splitlines())


def test_stdin_is_a_source():
    result = run(["scan", "-", "-f", "jsonl"], input="mail me: aigul@mail.kg\n")
    assert result.exit_code == 0
    (f,) = jsonl(result)
    assert (f["source"], f["line"], f["start"], f["end"]) == ("-", 1, 9, 22)


def test_no_raw_value_in_any_output_without_show_values(log_file, tmp_path):
    for fmt in ("jsonl", "json", "table", "csv", "sarif", "html"):
        result = run(["scan", str(log_file), "-f", fmt])
        assert result.exit_code == 0, (fmt, result.stderr)
        assert result.stdout.strip(), fmt
        for value in RAW_VALUES:
            assert value not in result.stdout, (fmt, value)
            assert value not in result.stderr, (fmt, value)
    report_dir = tmp_path / "reports"
    result = run(["scan", str(log_file), "--report-dir", str(report_dir)])
    assert result.exit_code == 0
    for path in report_dir.iterdir():
        text = path.read_text(encoding="utf-8")
        for value in RAW_VALUES:
            assert value not in text, (path.name, value)


def test_show_values_includes_them_and_warns(log_file):
    result = run(["scan", str(log_file), "-f", "jsonl", "--show-values"])
    assert "warning" in result.stderr and "raw personal data" in result.stderr
    values = {f["value"] for f in jsonl(result)}
    assert set(RAW_VALUES) <= values


def test_config_file_sets_defaults_and_command_line_wins(log_file, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "kgpii.toml").write_text('entities = ["EMAIL_ADDRESS"]\nfail-on = "any"\n')
    result = run(["scan", str(log_file), "-f", "jsonl"])
    assert {f["entity_type"] for f in jsonl(result)} == {"EMAIL_ADDRESS"} and result.exit_code == 1
    result = run(["scan", str(log_file), "-f", "jsonl", "--entities", "IP_ADDRESS"])
    assert {f["entity_type"] for f in jsonl(result)} == {"IP_ADDRESS"}


def test_quiet_silences_progress_but_not_errors(log_file, tmp_path):
    result = run(["scan", str(log_file), str(tmp_path / "nope"), "-f", "jsonl", "-q"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [f"kgpii: error: {tmp_path / 'nope'}: no such file"]


def _commands(group, prefix=()):
    for name, cmd in sorted(group.commands.items()):
        yield prefix + (name,), cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, prefix + (name,))


def test_every_command_is_documented_with_an_example():
    assert "Example" in run(["--help"]).stdout
    for path, cmd in _commands(main):
        result = run([*path, "--help"])
        assert result.exit_code == 0
        assert "Example" in result.stdout, f"`kgpii {' '.join(path)} --help` has no example"
        assert cmd.help and cmd.help.strip(), path


def test_a_bug_is_one_line_exit_2_without_values(log_file, monkeypatch):
    import scanner.run

    def broken(request):
        raise RuntimeError("failed on value 0555 12 34 56")

    monkeypatch.setattr(scanner.run, "run_scan", broken)
    result = CliRunner().invoke(main, ["scan", str(log_file)])
    assert result.exit_code == 2
    assert result.stderr.startswith("kgpii: internal error: RuntimeError: failed on value ***")
    assert len(result.stderr.strip().splitlines()) == 1 and "0555" not in result.stderr


def test_values_across_a_window_cut_of_a_long_line_are_found_once_and_whole(tmp_path):
    from scanner.sources.text import WINDOW_BYTES

    phone = "+996 555 12 34 56"
    name = "Асанов Бакыт Жумабекович"
    filler = "x" * 99 + " "

    def pad_to(fh, target):                      # ASCII only: characters are bytes here
        while fh.tell() + len(filler) <= target:
            fh.write(filler)
        fh.write("y" * (target - fh.tell() - 1) + " ")

    path = tmp_path / "long.log"
    with open(path, "w", encoding="utf-8") as fh:
        pad_to(fh, WINDOW_BYTES - 9)             # the first window ends inside the phone
        fh.write(phone + " ")
        pad_to(fh, 2 * WINDOW_BYTES - 30)        # the second one inside the name
        fh.write(name.encode().decode() + " aigul@mail.kg " + filler + "\n")
    raw = path.read_bytes()
    assert raw.index(phone.encode()) < WINDOW_BYTES < raw.index(phone.encode()) + len(phone)
    line = raw.decode("utf-8").rstrip("\n")
    result = run(["scan", str(path), "-f", "jsonl"])
    assert result.exit_code == 0, result.stderr
    found = sorted((line[f["start"] : f["end"]], f["entity_type"]) for f in jsonl(result))
    assert found == sorted([(phone, "PHONE_NUMBER"), (name, "PERSON"), ("aigul@mail.kg", "EMAIL_ADDRESS")])


def test_output_over_a_scanned_source_is_refused(log_file):
    before = log_file.read_bytes()
    result = run(["scan", str(log_file), "-o", str(log_file)])
    assert result.exit_code == 2 and "refusing to overwrite" in result.stderr
    assert log_file.read_bytes() == before


def test_output_suffix_chooses_the_format(log_file, tmp_path):
    out = tmp_path / "f.sarif"
    assert run(["scan", str(log_file), "-o", str(out)]).exit_code == 0
    assert json.loads(out.read_text())["version"] == "2.1.0"


def test_config_typo_is_a_clear_error(log_file, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "kgpii.toml").write_text("min-scor = 0.6\n")
    result = run(["scan", str(log_file), "-f", "jsonl"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "kgpii: error: ./kgpii.toml: unknown option(s) for `kgpii scan`: min-scor"


def test_database_password_in_the_query_is_never_printed():
    url = "postgresql+psycopg://postgres@127.0.0.1:1/test?password=HUNTER2SECRET"
    result = run(["scan", url, "-f", "jsonl"])
    assert result.exit_code == 2
    assert "HUNTER2SECRET" not in result.stderr and "password=***" in result.stderr
