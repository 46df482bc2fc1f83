"""`kgpii retain` on files (aged by modification time) and `kgpii key generate`."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat

import pytest
from click.testing import CliRunner

from scanner.cli import main

NOW = dt.datetime(2026, 1, 1)
PHONE = "+996 555 12 34 56"



def aged(path, text: str, days: int):
    path.write_text(text, encoding="utf-8")
    when = (NOW - dt.timedelta(days=days)).replace(tzinfo=dt.timezone.utc).timestamp()
    os.utime(path, (when, when))
    return path


def policy(tmp_path, action: str) -> str:
    path = tmp_path / "retention.yaml"
    path.write_text(f"""rules:
  - name: old-logs
    source: "{tmp_path}/logs/**/*.log"
    older_than: 30d
    action: {action}
    entities: [PHONE_NUMBER, EMAIL_ADDRESS]
""")
    return str(path)


def retain(*args):
    return CliRunner().invoke(main, ["retain", "--now", NOW.date().isoformat(), *args])


@pytest.fixture
def logs(tmp_path):
    (tmp_path / "logs" / "api").mkdir(parents=True)
    return {
        "old": aged(tmp_path / "logs" / "api" / "old.log", f"call {PHONE}\nok\n", 45),
        "young": aged(tmp_path / "logs" / "young.log", f"call {PHONE}\n", 5),
        "other": aged(tmp_path / "logs" / "old.txt", f"call {PHONE}\n", 45),
    }


def test_file_plan_changes_nothing(tmp_path, logs):
    before = {p: (p.read_bytes(), os.stat(p).st_mtime_ns) for p in logs.values()}
    result = retain("--policy", policy(tmp_path, "redact"))
    assert result.exit_code == 0, result.output
    assert "files past retention: 1; files to change: 1; values: 1" in result.stdout
    assert {p: (p.read_bytes(), os.stat(p).st_mtime_ns) for p in logs.values()} == before


def test_file_apply_redacts_only_old_files_keeps_their_age_and_is_idempotent(tmp_path, logs):
    audit = tmp_path / "audit.jsonl"
    mtime = os.stat(logs["old"]).st_mtime_ns
    result = retain("--policy", policy(tmp_path, "pseudonymize"), "--apply", "--audit", str(audit))
    assert result.exit_code == 0, result.output
    assert logs["old"].read_text().startswith("call PHONE_NUMBER_") and logs["old"].read_text().endswith("\nok\n")
    assert os.stat(logs["old"]).st_mtime_ns == mtime
    assert logs["young"].read_text() == f"call {PHONE}\n" and logs["other"].read_text() == f"call {PHONE}\n"
    changes = [json.loads(x) for x in audit.read_text().splitlines() if '"change"' in x]
    assert len(changes) == 1 and changes[0]["line"] == 1 and "pseudonym" in changes[0]["entities"][0]
    assert "555 12 34" not in audit.read_text()
    state = logs["old"].read_bytes()
    assert retain("--policy", policy(tmp_path, "pseudonymize"), "--apply", "--audit", str(audit)).exit_code == 0
    assert logs["old"].read_bytes() == state
    assert len([x for x in audit.read_text().splitlines() if '"change"' in x]) == 1


def test_file_delete_removes_only_old_files(tmp_path, logs):
    result = retain("--policy", policy(tmp_path, "delete"), "--apply", "--audit", str(tmp_path / "a.jsonl"))
    assert result.exit_code == 0, result.output
    assert not logs["old"].exists() and logs["young"].exists() and logs["other"].exists()


def test_unparseable_old_file_is_left_untouched_and_reported(tmp_path, logs):
    bad = tmp_path / "logs" / "bin.log"
    bad.write_bytes(b"\x00\x01 " + PHONE.encode())
    when = (NOW - dt.timedelta(days=60)).replace(tzinfo=dt.timezone.utc).timestamp()
    os.utime(bad, (when, when))
    result = retain("--policy", policy(tmp_path, "redact"), "--apply", "--audit", str(tmp_path / "a.jsonl"))
    assert result.exit_code == 2 and "bin.log" in result.stderr and "left untouched" in result.stderr
    assert bad.read_bytes() == b"\x00\x01 " + PHONE.encode()
    assert logs["old"].read_text() == "call [PHONE_NUMBER]\nok\n"


def test_key_generate_writes_a_private_key_and_never_prints_it(tmp_path):
    out = tmp_path / "k" / "kgpii.key"
    result = CliRunner().invoke(main, ["key", "generate", "--out", str(out)])
    assert result.exit_code == 0, result.output
    key = out.read_text().strip()
    assert len(key) == 64 and stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert key not in result.output
    again = CliRunner().invoke(main, ["key", "generate", "--out", str(out)])
    assert again.exit_code == 2 and "refusing to overwrite" in again.stderr and out.read_text().strip() == key


def test_generated_key_file_drives_pseudonyms(tmp_path, monkeypatch):
    monkeypatch.delenv("KGPII_KEY")
    key = tmp_path / "kgpii.key"
    assert CliRunner().invoke(main, ["key", "generate", "--out", str(key)]).exit_code == 0
    src = tmp_path / "a.log"
    src.write_text(f"call {PHONE}\n")
    outs = []
    for n in range(2):
        result = CliRunner().invoke(main, ["redact", str(src), "--out", str(tmp_path / f"o{n}"), "--operator",
                                           "pseudonymize", "--key-file", str(key), "--entities", "PHONE_NUMBER"])
        assert result.exit_code == 0, result.output
        outs.append((tmp_path / f"o{n}" / "a.log").read_text())
    assert outs[0] == outs[1] and outs[0].startswith("call PHONE_NUMBER_")
    assert key.read_text().strip() not in result.output


def test_key_help_has_an_example():
    result = CliRunner().invoke(main, ["key", "generate", "--help"])
    assert result.exit_code == 0 and "Example:" in result.output
