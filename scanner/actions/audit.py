"""The append-only audit log of retention changes (JSON Lines, fsync'd per batch).

Every line says what changed where and how, never the value: the keyed fingerprint of the
old value stands for it, and a pseudonym is shown because it reveals nothing without the key.

    {"time": "...", "event": "change", "rule": "old-orders", "source": "postgresql://app:***@db/shop",
     "table": "orders", "key": {"id": 7}, "column": "courier_note", "action": "pseudonymize",
     "fingerprint": "…", "entities": [{"entity_type": "PHONE_NUMBER", "fingerprint": "…", "pseudonym": "…"}]}
"""

from __future__ import annotations

import datetime as dt
import json
import os
from typing import Any, Iterable

from ..errors import KgpiiError


def utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class AuditLog:
    """Append-only JSON Lines; `open()` proves the file is writable before any change is made.

    >>> with AuditLog("kgpii-audit.jsonl") as audit:          # doctest: +SKIP
    ...     audit.write([{"event": "change", ...}]); audit.sync()
    """

    def __init__(self, path: str):
        self.path = path
        self._fh = None
        self.lines = 0

    def open(self, run: dict[str, Any] | None = None) -> "AuditLog":
        """Open for appending and write (and fsync) a `start` line; KgpiiError if that fails."""
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            self._fh = os.fdopen(fd, "a", encoding="utf-8")
        except OSError as exc:
            raise KgpiiError(f"cannot write the audit log {self.path}: {exc.strerror}; nothing was changed "
                             "(choose a writable file with --audit)") from None
        try:
            self.write([{"event": "start", **(run or {})}])
            self.sync()
        except KgpiiError:
            self.close()
            raise KgpiiError(f"cannot write the audit log {self.path} (disk full or read-only?); "
                             "nothing was changed (choose a writable file with --audit)") from None
        return self

    def write(self, entries: Iterable[dict[str, Any]]) -> None:
        """Append entries (each gets a `time`); call `sync()` before committing the batch."""
        if self._fh is None:
            raise KgpiiError("the audit log is not open")
        now = utc_now()
        try:
            for entry in entries:
                self._fh.write(json.dumps({"time": now, **entry}, ensure_ascii=False, default=str) + "\n")
                self.lines += 1
        except OSError as exc:
            raise KgpiiError(f"cannot write the audit log {self.path}: {exc.strerror}") from None

    def sync(self) -> None:
        """Flush and fsync: the lines are on disk before the batch they describe is committed."""
        if self._fh is None:
            return
        try:
            self._fh.flush()
            os.fsync(self._fh.fileno())
        except OSError as exc:
            raise KgpiiError(f"cannot write the audit log {self.path}: {exc.strerror}") from None

    def close(self) -> None:
        if self._fh is not None:
            try:
                self._fh.close()
            except OSError:
                pass
            self._fh = None

    def __enter__(self) -> "AuditLog":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
