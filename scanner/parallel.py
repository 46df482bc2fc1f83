"""Scanning across processes (`--jobs N`) or a Dask cluster (`--dask`).

The work is cut into units: one per source; one per chunk of at most `CHUNK_BYTES` of a
big plain text or JSON Lines file (chunks start after a newline); one per database table,
and for a big table with an integer key one per key range (`sources.database.RANGE_ROWS`).
Each worker process builds its engine once (a forked pool shares the parent's) and scans
whole units; the parent merges results and per-column counts in unit order, so the
findings are those of a one-process scan (files in the same order; a table cut into key
ranges in key order). A big unit that cannot be cut (a CSV, a gzip log, a table keyed by
text) is scanned by the parent itself, streaming: a worker returns a unit's findings all
at once, which for such a unit could exceed its memory.
"""

from __future__ import annotations

import dataclasses
import os
from collections import deque
from dataclasses import dataclass
from typing import Callable, Iterator

from .columns import ColumnStats
from .engine import EngineOptions, ScanEngine
from .errors import Problem, SourceError
from .findings import Finding
from .keys import Keyed
from .scan import Scan, ScanSummary
from .sources import Source, SourceOptions, open_sources, source_for_file

CHUNK_BYTES = 8 << 20             # most a chunk holds: bounds each worker's findings in memory
MIN_CHUNK_BYTES = 1 << 20
PARALLEL_MIN_BYTES = 8 << 20      # below this, starting workers costs more than it saves


@dataclass(frozen=True)
class Unit:
    """One piece of work a worker can open by itself."""

    spec: str                                 # a file path or a database URL
    name: str                                 # the source name findings carry
    byte_range: tuple[int, int] | None = None
    size: int = 0
    is_file: bool = True
    table: tuple[str | None, str] | None = None     # (schema, table) of a database partition
    key_range: tuple | None = None                  # a KeyRange of that table, for a big one
    inline: bool = False                            # too big for a worker's result list, not cut: scanned in the parent

    def open(self, options: SourceOptions) -> Source:
        if not self.is_file:
            (source,) = list(open_sources(self.spec, options, lambda p: None))
            source.name = self.name          # a .db file keeps the path it was reached by
            if self.table is not None:
                source.only = self.table
                source.key_range = self.key_range
            return source
        source = source_for_file(self.name, self.spec, options)
        if self.byte_range is not None:
            source.byte_range = self.byte_range
        return source


@dataclass
class UnitResult:
    findings: list[Finding]
    summary: ScanSummary
    line_count: int
    columns: ColumnStats | None = None     # merged in the parent: verdicts need every part of a table


def plan_units(specs, options: SourceOptions, problem: Callable[[Problem], None],
               chunk_bytes: int = CHUNK_BYTES, jobs: int = 1) -> list[Unit]:
    """Expand arguments into units; big plain text files become chunks, at least one per job."""
    from .sources.text import TextSource, chunk_ranges

    units: list[Unit] = []
    for spec in specs:
        try:
            for source in open_sources(spec, options, problem):
                path = getattr(source, "path", None)
                if hasattr(source, "partitions") and jobs > 1:
                    url = getattr(source, "url", spec)
                    for schema, table, key_range, big in source.partitions():  # a table, or a key range of one
                        units.append(Unit(url, source.name, is_file=False, table=(schema, table),
                                          key_range=key_range, inline=big))
                    continue
                if path is None or path == "-" or "://" in spec:
                    units.append(Unit(spec, source.name, is_file=False))
                    continue
                try:
                    size = os.path.getsize(path)
                except OSError:
                    size = 0
                per_job = max(MIN_CHUNK_BYTES, -(-size // max(1, jobs)))
                this_chunk = min(chunk_bytes, per_job)
                chunkable = isinstance(source, TextSource) and size > this_chunk and _plain_bytes(path)
                if chunkable:
                    for rng in chunk_ranges(path, this_chunk):
                        units.append(Unit(path, source.name, rng, rng[1] - rng[0]))
                else:
                    # a big file that cannot be cut (CSV, Parquet, gzip...): a worker would hold
                    # all of its findings at once, so the parent scans it, streaming
                    units.append(Unit(path, source.name, None, size, inline=size > chunk_bytes))
        except SourceError as exc:
            problem(Problem(exc.source, str(exc), line=exc.line))
    return units


def _plain_bytes(path: str) -> bool:
    """True when byte ranges of the file are text lines (not gzip, not UTF-16)."""
    from .sources.text import GZIP_MAGIC, UTF16_BOMS

    try:
        with open(path, "rb") as fh:
            head = fh.read(2)
    except OSError:
        return False
    return head != GZIP_MAGIC and head not in UTF16_BOMS


# One engine per worker process, built on first use and kept for every unit it scans.
_WORKER_ENGINES: dict[tuple, ScanEngine] = {}


def process_engine(key: bytes, engine_options: EngineOptions) -> ScanEngine:
    """This process's engine for `key` and `engine_options`, built and warmed up once.

    A process pool forks its workers after the parent has built it: they share its word
    lists and automata page for page (frozen out of the garbage collector's sight, and
    only read) instead of each building and holding its own copy.
    """
    cache_key = (key, engine_options)
    engine = _WORKER_ENGINES.get(cache_key)
    if engine is None:
        engine = _WORKER_ENGINES[cache_key] = ScanEngine(Keyed(key), engine_options)
        engine.warm_up()
    return engine


def scan_unit(unit: Unit, key: bytes, engine_options: EngineOptions, options: SourceOptions) -> UnitResult:
    """Scan one unit in this process (a pool worker or a Dask worker)."""
    scan = Scan([], process_engine(key, engine_options), options)
    try:
        source = unit.open(options)
    except SourceError as exc:
        scan.problem(Problem(exc.source, str(exc), line=exc.line))
        return UnitResult([], scan.summary, 0)
    findings = list(scan.scan_source(source))
    return UnitResult(findings, scan.summary, getattr(source, "line_count", 0), scan.column_stats)


class ParallelScan:
    """Like `Scan`, but units run on `submit` (a process pool or a Dask client)."""

    def __init__(self, specs, key: bytes, engine_options: EngineOptions, options: SourceOptions | None = None,
                 jobs: int = 2, progress=None, executor: str = "processes", dask_address: str | None = None,
                 chunk_bytes: int = CHUNK_BYTES):
        self.specs = list(specs)
        self.key = key
        self.engine_options = engine_options
        self.options = options or SourceOptions()
        self.jobs = max(1, jobs)
        self.summary = ScanSummary()
        self.progress = progress or (lambda event, info: None)
        self.executor = executor
        self.dask_address = dask_address
        self.chunk_bytes = chunk_bytes
        self.column_stats = ColumnStats()
        self._range_problems: set[Problem] = set()
        self.scanned_inline = 0                            # units scanned in this process

    def problem(self, problem: Problem) -> None:
        self.summary.problems.append(problem)
        self.progress("problem", {"problem": problem})

    def findings(self) -> Iterator[Finding]:
        units = plan_units(self.specs, self.options, self.problem, self.chunk_bytes, self.jobs)
        with self._executor() as submit:
            yield from self._run(units, submit)
        import time

        self.summary.columns = self.column_stats.verdicts(self.summary.sampled)
        self.summary.seconds = time.time() - self.summary.started

    def _run(self, units: list[Unit], submit) -> Iterator[Finding]:
        window: deque = deque()
        pending = iter(units)
        line_base: dict[str, int] = {}
        for unit in pending:
            future = None if unit.inline else submit(scan_unit, unit, self.key, self.engine_options, self.options)
            window.append((unit, future))
            if len(window) >= self.jobs * 2:
                yield from self._merge(*window.popleft(), line_base)
        while window:
            yield from self._merge(*window.popleft(), line_base)

    def _merge(self, unit: Unit, future, line_base: dict[str, int]) -> Iterator[Finding]:
        if future is None:
            result = yield from self._scan_inline(unit)
        else:
            result = future.result()
        part = result.summary
        summary = self.summary
        if unit.name not in summary.sources:
            summary.sources.extend(part.sources)
            self.progress("source", {"name": unit.name})
        base = line_base.get(unit.name, 0) if unit.byte_range is not None else 0
        for problem in part.problems:
            if base and problem.line is not None:
                problem = dataclasses.replace(problem, line=problem.line + base)
            if unit.key_range is not None:
                # each key range of a table meets the table's own problems: report them once
                if problem in self._range_problems:
                    continue
                self._range_problems.add(problem)
            self.problem(problem)
        summary.counts.update(part.counts)
        summary.records += part.records
        summary.bytes += part.bytes
        if result.columns is not None:
            self.column_stats.merge(result.columns)
        for name, tables in part.sampled.items():    # several units (tables) of one database
            summary.sampled.setdefault(name, {}).update(tables)
        if unit.byte_range is not None:
            line_base[unit.name] = base + result.line_count
        if base:
            # the unit's own copies, fresh from the worker: shift them in place (a
            # dataclasses.replace per finding cost more than the rest of the merge)
            for finding in result.findings:
                if finding.line:
                    finding.line += base
        yield from result.findings

    def _scan_inline(self, unit: Unit):
        """Scan a unit here, yielding its findings as they come; return its UnitResult
        (with no findings: they are already out) for the summary and column counts."""
        self.scanned_inline += 1
        scan = Scan([], process_engine(self.key, self.engine_options), self.options)
        try:
            source = unit.open(self.options)
        except SourceError as exc:
            scan.problem(Problem(exc.source, str(exc), line=exc.line))
        else:
            yield from scan.scan_source(source)
        return UnitResult([], scan.summary, 0, scan.column_stats)

    def _executor(self):
        import contextlib

        if self.executor == "dask":
            return _dask_submitter(self.dask_address, self.jobs)

        @contextlib.contextmanager
        def pool():
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            process_engine(self.key, self.engine_options)      # built once, shared by the forked workers
            ex = ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context("fork"),
                                     initializer=_worker_signals)
            try:
                yield ex.submit
            except BaseException:
                # interrupted: stop the workers now rather than let them finish their chunks
                for proc in list((getattr(ex, "_processes", None) or {}).values()):  # no public API
                    proc.terminate()
                ex.shutdown(wait=False, cancel_futures=True)
                raise
            ex.shutdown(wait=True)

        return pool()


def _worker_signals() -> None:
    """Workers leave interrupts to the parent, and die at once when it terminates them."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _dask_submitter(address: str | None, jobs: int):
    import contextlib

    @contextlib.contextmanager
    def client_submit():
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            from .errors import KgpiiError

            raise KgpiiError("--dask needs the dask extra: pip install 'kgpii[dask]'") from None
        cluster = None
        if address in (None, "", "local"):
            cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=40)
            client = Client(cluster)
        else:
            try:
                client = Client(address, timeout="10s")
            except OSError as exc:
                from .errors import KgpiiError

                raise KgpiiError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        try:
            yield lambda fn, *args: client.submit(fn, *args, pure=False)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    return client_submit()


def worth_parallel(specs, options: SourceOptions, jobs: int) -> bool:
    """True when the scan is big enough for worker processes to pay off."""
    if jobs <= 1:
        return False
    total = 0
    count = 0
    for spec in specs:
        if "://" in spec:
            return True           # a database is split by table
        if spec == "-":
            return False
        if os.path.isfile(spec):
            total += os.path.getsize(spec)
            count += 1
        elif os.path.isdir(spec):
            for dirpath, _, files in os.walk(spec):
                for name in files:
                    try:
                        total += os.path.getsize(os.path.join(dirpath, name))
                    except OSError:
                        pass
                    count += 1
        if total >= PARALLEL_MIN_BYTES:
            return True
    return False
