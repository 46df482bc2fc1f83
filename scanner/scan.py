"""A scan: command-line arguments -> sources -> engine -> findings, with its summary."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from .columns import ColumnStats
from .engine import ScanEngine
from .errors import Problem, SourceError, scrub
from .findings import Finding
from .sources import Source, SourceOptions, open_sources


@dataclass
class ScanSummary:
    """What a scan did: counts, problems, timing. Filled while findings stream out."""

    sources: list[str] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)          # (source, entity_type) -> n
    problems: list[Problem] = field(default_factory=list)
    records: int = 0
    bytes: int = 0
    started: float = field(default_factory=time.time)
    seconds: float = 0.0
    parameters: dict = field(default_factory=dict)
    columns: list[dict] = field(default_factory=list)          # per-column verdicts (tabular sources)
    sampled: dict = field(default_factory=dict)                # source -> how it was sampled

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def totals(self) -> Counter:
        out: Counter = Counter()
        for (_, etype), n in self.counts.items():
            out[etype] += n
        return out

    def to_dict(self) -> dict:
        return {
            "sources": self.sources,
            "totals": dict(sorted(self.totals().items())),
            "counts": [{"source": s, "entity_type": e, "count": n} for (s, e), n in sorted(self.counts.items())],
            "problems": [p.to_dict() for p in self.problems],
            "records": self.records,
            "bytes": self.bytes,
            "seconds": round(self.seconds, 3),
            "parameters": self.parameters,
            "columns": self.columns,
            "sampled": self.sampled,
        }


ProgressHook = Callable[[str, dict], None]
PROGRESS_EVERY = 50_000      # records between progress events


class Scan:
    """Scans `specs` with `engine`; iterate `findings()`, then read `summary`."""

    def __init__(self, specs: Iterable[str], engine: ScanEngine, options: SourceOptions | None = None,
                 progress: ProgressHook | None = None):
        self.specs = list(specs)
        self.engine = engine
        self.options = options or SourceOptions()
        self.summary = ScanSummary()
        self.progress = progress or (lambda event, info: None)
        self.column_stats = ColumnStats()

    def problem(self, problem: Problem) -> None:
        self.summary.problems.append(problem)
        self.progress("problem", {"problem": problem})

    def findings(self) -> Iterator[Finding]:
        for spec in self.specs:
            try:
                for source in open_sources(spec, self.options, self.problem):
                    yield from self.scan_source(source)
            except SourceError as exc:
                self.problem(Problem(exc.source, str(exc), line=exc.line))
        self.summary.columns = self.column_stats.verdicts(self.summary.sampled)
        self.summary.seconds = time.time() - self.summary.started

    def _counted(self, source: Source, records) -> Iterator:
        count_value = self.column_stats.value
        summary = self.summary
        for rec in records:
            summary.records += 1
            count_value(rec)
            if not summary.records % PROGRESS_EVERY:
                self.progress("records", {"name": source.name, "records": summary.records})
            yield rec

    def scan_source(self, source: Source) -> Iterator[Finding]:
        """Findings of one opened source; problems and counts go to the summary."""
        summary = self.summary
        summary.sources.append(source.name)
        self.progress("source", {"name": source.name})
        try:
            for finding in self.engine.scan(self._counted(source, source.records(self.problem))):
                summary.counts[(finding.source, finding.entity_type)] += 1
                self.column_stats.finding(finding)
                yield finding
        except SourceError as exc:
            self.problem(Problem(exc.source, str(exc), line=exc.line))
        except Exception as exc:  # a reader bug must not end the whole scan
            self.problem(Problem(source.name, f"could not be read: {type(exc).__name__}: {scrub(str(exc))}"))
        finally:
            summary.bytes += source.bytes_read
            self.column_stats.add_columns(source.name, getattr(source, "column_names", ()))
            sampled = getattr(source, "sampled", None)
            if sampled:
                summary.sampled[source.name] = sampled
