"""Retention runs: a policy -> a plan (read-only) or its execution, audited.

>>> run = RetentionRun(load_policy("retention.yaml"), keyed, now=dt.datetime(2026, 1, 1))  # doctest: +SKIP
>>> [r.to_dict() for r in run.plan()]                                                      # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..engine import EngineOptions, ScanEngine
from ..errors import KgpiiError
from ..keys import Keyed
from .audit import AuditLog
from .database import TableJob
from .filerules import FileRuleJob
from .policy import Policy
from .report import RuleReport


@dataclass
class RetentionOutcome:
    reports: list[RuleReport] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


class RetentionRun:
    """Builds one job per rule; `plan()` changes nothing, `apply()` checks everything first."""

    def __init__(self, policy: Policy, keyed: Keyed, now: dt.datetime, batch_size: int = 1000,
                 min_score: float = 0.5):
        self.policy = policy
        self.keyed = keyed
        self.now = now
        self.batch_size = batch_size
        self.min_score = min_score
        self._engines: dict = {}
        self.jobs = [self._job(rule) for rule in policy.rules]

    def engine_for(self, entities) -> ScanEngine:
        if entities not in self._engines:
            self._engines[entities] = ScanEngine(self.keyed, EngineOptions(entities=entities, min_score=self.min_score))
        return self._engines[entities]

    def _job(self, rule):
        if rule.is_database:
            return TableJob(rule, self.engine_for, self.now, self.batch_size)
        return FileRuleJob(rule, self.engine_for, self.now)

    def resolve(self) -> None:
        """Check every rule against its source; one KgpiiError naming every failing rule."""
        errors = []
        for job in self.jobs:
            try:
                job.resolve()
            except KgpiiError as exc:
                errors.append(str(exc))
        if errors:
            raise KgpiiError("; ".join(errors) + "; nothing was changed")

    def plan(self) -> list[RuleReport]:
        self.resolve()
        return [job.plan() for job in self.jobs]

    def apply(self, audit_path: str) -> RetentionOutcome:
        """Check all rules (schema, child rows, write permission, audit log), then execute them in order."""
        self.resolve()
        refused = []
        for job in self.jobs:
            if isinstance(job, TableJob):
                refused += [f"rule {job.rule.name!r}: {e}" for e in job.check()]
        if refused:
            raise KgpiiError("; ".join(refused) + "; nothing was changed")
        for job in self.jobs:
            if isinstance(job, TableJob):
                job.preflight()
        outcome = RetentionOutcome()
        audit = AuditLog(audit_path).open({"policy": self.policy.path, "now": self.now.isoformat(),
                                            "rules": [r.name for r in self.policy.rules]})
        try:
            for job in self.jobs:
                if isinstance(job, TableJob):
                    outcome.reports.append(job.apply(audit))
                else:
                    outcome.reports.append(job.apply(audit, outcome.problems))
            audit.write([{"event": "end", "rules": len(outcome.reports), "problems": len(outcome.problems)}])
            audit.sync()
        finally:
            audit.close()
        return outcome
