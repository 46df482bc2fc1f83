"""Crash safety: `kgpii retain --apply` SIGKILLed mid-way, rerun, ends exactly like an uninterrupted run."""

from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

ROWS = 100_000
NOW = "2026-01-01"
NOTE_DONE = re.compile(r"^заказ \d+: звонить PHONE_NUMBER_[0-9a-f]{8}, почта EMAIL_ADDRESS_[0-9a-f]{8}$")


def build(path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, created_at TEXT, total INTEGER, courier_note TEXT,"
                 " phone BIGINT)")
    conn.executemany("INSERT INTO orders VALUES (?, ?, ?, ?, ?)", (
        (i, "2025-02-01 10:00:00" if i % 4 else "2025-12-01 10:00:00", i % 997,
         f"заказ {i}: звонить +996 555 {i % 1000:03d} {i // 1000 % 1000:03d}, почта user{i}@mail.kg",
         996700000000 + i)
        for i in range(1, ROWS + 1)))
    conn.commit()
    conn.close()


def rows(path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT * FROM orders ORDER BY id").fetchall()
    finally:
        conn.close()


def command(tmp_path, db, audit) -> list[str]:
    policy = tmp_path / f"{os.path.basename(db)}.yaml"
    policy.write_text(f"""rules:
  - name: old-orders
    source: "sqlite:///{db}"
    table: orders
    age_column: created_at
    older_than: 6m
    action: pseudonymize
    columns: [courier_note, phone, PHONE_NUMBER, EMAIL_ADDRESS]
""")
    return [os.path.join(os.path.dirname(sys.executable), "kgpii"), "retain", "--policy", str(policy), "--apply", "--audit", str(audit),
            "--now", NOW, "--batch-size", "500", "-q"]


def change_count(audit) -> int:
    if not audit.exists():
        return 0
    return audit.read_text(encoding="utf-8", errors="replace").count('"event": "change"')


@pytest.mark.slow
def test_killed_apply_is_finished_by_a_rerun_and_equals_an_uninterrupted_run(tmp_path):
    original = tmp_path / "original.db"
    build(original)
    killed, clean = tmp_path / "killed.db", tmp_path / "clean.db"
    shutil.copy(original, killed)
    shutil.copy(original, clean)
    env = {**os.environ, "PYTHONPATH": os.getcwd()}

    audit = tmp_path / "killed-audit.jsonl"
    uninterrupted = subprocess.Popen(command(tmp_path, clean, tmp_path / "clean-audit.jsonl"), env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    proc = subprocess.Popen(command(tmp_path, killed, audit), env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    deadline = time.time() + 300
    while change_count(audit) < 3000 and proc.poll() is None and time.time() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, f"finished before it could be killed: {proc.stderr.read().decode()[-500:]}"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    before = rows(original)
    middle = rows(killed)
    old = [i for i, r in enumerate(before) if r[1].startswith("2025-02")]
    done = [i for i in old if middle[i] != before[i]]
    assert 0 < len(done) < len(old), "the kill should land mid-way"
    for i in range(len(before)):                  # no half-changed row, nothing outside the plan
        if middle[i] == before[i]:
            continue
        assert i in old
        assert NOTE_DONE.match(middle[i][3]) and str(middle[i][4]).startswith("996000"), middle[i]
        assert middle[i][:3] == before[i][:3]

    rerun = subprocess.run(command(tmp_path, killed, audit), env=env, capture_output=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr.decode()[-500:]
    assert uninterrupted.wait(timeout=600) == 0, uninterrupted.stderr.read().decode()[-500:]

    final, reference = rows(killed), rows(clean)
    assert final == reference
    for i, (b, f) in enumerate(zip(before, final)):
        if i in old:
            assert NOTE_DONE.match(f[3]) and f[:3] == b[:3]
        else:
            assert f == b
    # every changed row is in the audit log (a row redone after the kill may appear twice)
    logged = {line.split('"key": {"id": ')[1].split("}")[0] for line in audit.read_text().splitlines()
              if '"event": "change"' in line}
    assert len(logged) == len(old)
