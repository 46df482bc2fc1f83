"""Retention on files: those matching a glob whose modification time is past retention.

Text actions rewrite a file in place (temp file, fsync, rename, original modification time
kept so the file's age does not change); `delete` removes it. Audit lines are fsync'd before
the file is replaced or removed.
"""

from __future__ import annotations

import datetime as dt
import glob
import hashlib
import os
from typing import Callable

from ..errors import SourceError
from .audit import AuditLog
from .files import FileRedactor, FileResult
from .operators import SpanRewriter
from .policy import Rule
from .report import RuleReport


class FileRuleJob:
    """Plans or applies one file rule."""

    def __init__(self, rule: Rule, engine_for: Callable, now: dt.datetime):
        self.rule = rule
        self.now = now
        self.engine = engine_for(rule.entities)
        self.redactor = None
        if rule.action != "delete":
            self.redactor = FileRedactor(SpanRewriter(rule.action, self.engine, keep_last=rule.keep_last))
        self.cutoff = rule.older_than.cutoff(now)

    def resolve(self) -> None:
        """Nothing to check before a run: a glob matching nothing is a plan of zero files."""

    def files(self) -> list[str]:
        """Regular files matching the glob, older than the cutoff, in name order."""
        limit = self.cutoff.replace(tzinfo=self.cutoff.tzinfo or dt.timezone.utc).timestamp()
        out = []
        for path in sorted(glob.glob(self.rule.source, recursive=True)):
            name = os.path.basename(path)
            if name.startswith(".kgpii-") or name.endswith(".bak") or not os.path.isfile(path):
                continue
            if os.stat(path).st_mtime < limit:
                out.append(path)
        return out

    def new_report(self) -> RuleReport:
        return RuleReport(self.rule, self.rule.source, "files",
                          condition=f"modified before {self.cutoff:%Y-%m-%d %H:%M:%S}")

    def _fingerprint_file(self, path: str) -> str:
        digest = hashlib.sha256()
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        return self.engine.keyed.fingerprint("FILE", digest.hexdigest())

    def _tally(self, result: FileResult, report: RuleReport) -> None:
        if result.changes:
            report.affected += 1
            report.changes += result.changed
            for change in result.changes:
                for ent in change["entities"]:
                    report.columns[ent["entity_type"]] += 1
                    if "pseudonym" in ent:
                        report.sample(f"{result.path}:{change.get('line', change.get('row'))}: "
                                      f"{ent['entity_type']} -> {ent['pseudonym']}")
            if not report.samples:
                report.sample(f"{result.path}: {result.changed} value(s) -> {self.rule.action}")

    def plan(self) -> RuleReport:
        report = self.new_report()
        for path in self.files():
            report.candidates += 1
            if self.rule.action == "delete":
                report.affected += 1
                report.changes += 1
                report.sample(f"{path}: deleted")
                continue
            try:
                self._tally(self.redactor.redact_file(path, None), report)
            except SourceError as exc:
                report.notes.append(f"{path}: {exc}; it will be left untouched")
        return report

    def apply(self, audit: AuditLog, problems: list[str]) -> RuleReport:
        report = self.new_report()
        base = {"event": "change", "rule": self.rule.name, "source": self.rule.source}
        for path in self.files():
            report.candidates += 1
            if self.rule.action == "delete":
                audit.write([{**base, "file": path, "action": "delete", "fingerprint": self._fingerprint_file(path)}])
                audit.sync()
                try:
                    os.unlink(path)
                except OSError as exc:
                    problems.append(f"{path}: cannot delete: {exc.strerror}")
                    continue
                report.affected += 1
                report.changes += 1
                continue

            def log(result: FileResult) -> None:
                audit.write([{**base, "file": path, **{k: v for k, v in change.items() if k != "entities"},
                              "action": self.rule.action, "entities": change["entities"]}
                             for change in result.changes])
                audit.sync()

            try:
                result = self.redactor.redact_file(path, path, skip_unchanged=True, keep_times=True,
                                                   before_replace=log)
            except SourceError as exc:
                problems.append(f"{path}: {exc}; left untouched")
                continue
            self._tally(result, report)
        return report
