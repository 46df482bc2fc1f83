"""The fingerprint key: where it comes from, how it is stored, and that it is keyed."""

from __future__ import annotations

import json
import stat

import pytest
from click.testing import CliRunner

from scanner.cli import main
from scanner.errors import KgpiiError
from scanner.keys import Keyed, default_key_path, generate_key_file, load_key


def test_key_is_generated_once_with_mode_0600_and_a_notice(monkeypatch, capsys):
    monkeypatch.delenv("KGPII_KEY")
    first = load_key()
    assert "generated a new fingerprint key" in capsys.readouterr().err
    path = default_key_path()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_key() == first
    assert capsys.readouterr().err == ""


def test_environment_key_wins_over_the_generated_one(monkeypatch):
    monkeypatch.setenv("KGPII_KEY", "env-key-0123456789abcdef")
    assert load_key() == b"env-key-0123456789abcdef"
    assert not default_key_path().exists()


def test_key_file_wins_over_the_environment(tmp_path):
    path = generate_key_file(tmp_path / "k")
    assert load_key(str(path)) == path.read_text().strip().encode()


def test_short_or_missing_key_is_a_clear_error(tmp_path, monkeypatch):
    (tmp_path / "short").write_text("abc")
    with pytest.raises(KgpiiError, match="no usable key"):
        load_key(str(tmp_path / "short"))
    with pytest.raises(KgpiiError, match="cannot read key file"):
        load_key(str(tmp_path / "absent"))
    monkeypatch.setenv("KGPII_KEY", "short")
    with pytest.raises(KgpiiError, match="too short"):
        load_key()


def test_existing_key_file_is_never_overwritten(tmp_path):
    path = generate_key_file(tmp_path / "k")
    with pytest.raises(KgpiiError, match="refusing to overwrite"):
        generate_key_file(path)


def test_fingerprint_is_keyed_not_a_plain_hash():
    import hashlib

    a = Keyed(b"key-one-0123456789").fingerprint("PHONE_NUMBER", "+996555123456")
    b = Keyed(b"key-two-0123456789").fingerprint("PHONE_NUMBER", "+996555123456")
    assert a != b
    plain = hashlib.sha256(b"PHONE_NUMBER:+996555123456").hexdigest()
    assert plain[:32] != a and hashlib.sha256(b"+996555123456").hexdigest()[:32] != a
    assert "hidden-key" not in repr(Keyed(b"hidden-key-0123456789"))


def test_key_file_option_changes_fingerprints(tmp_path):
    log = tmp_path / "a.log"
    log.write_text("mail aigul@mail.kg\n")
    key = generate_key_file(tmp_path / "k")
    runner = CliRunner()
    with_env = json.loads(runner.invoke(main, ["scan", str(log), "-f", "jsonl"]).stdout)
    with_file = json.loads(runner.invoke(main, ["scan", str(log), "-f", "jsonl", "--key-file", str(key)]).stdout)
    assert with_env["fingerprint"] != with_file["fingerprint"]
    assert key.read_text().strip() not in runner.invoke(main, ["scan", str(log), "-f", "json",
                                                               "--key-file", str(key)]).stdout
