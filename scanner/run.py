"""Run a scan request end to end: key, engine, sources, outputs, gate. The CLI calls this."""

from __future__ import annotations

import os
import sys
from collections import Counter
from dataclasses import asdict, dataclass

from .engine import EngineOptions, ScanEngine
from .errors import EXIT_GATE, EXIT_OK, EXIT_USAGE, KgpiiError, Problem
from .keys import Keyed, load_key
from .scan import Scan
from .sources import SourceOptions
from .sources.base import mask_url


@dataclass(frozen=True)
class ScanRequest:
    """Everything `kgpii scan` was asked to do."""

    sources: tuple[str, ...]
    fmt: str = "jsonl"
    output: str | None = None
    report_dir: str | None = None
    entities: tuple[str, ...] | None = None
    min_score: float = 0.5
    fail_on: tuple[str, ...] | None = None
    baseline: str | None = None
    show_values: bool = False
    quiet: bool = False
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    tables: tuple[str, ...] = ()
    exclude_tables: tuple[str, ...] = ()
    schema: str | None = None
    sample: int | None = None
    inventory: str | None = None
    key_file: str | None = None
    engine: str = "fast"
    jobs: int = 1
    dask: str | None = None

    def parameters(self) -> dict:
        """The scan's parameters as shown in reports (no key material)."""
        out = {k: v for k, v in asdict(self).items() if v not in (None, (), False) and k != "key_file"}
        out["sources"] = list(mask_url(s) for s in self.sources)
        return out


class _Progress:
    """Progress on stderr: a live line on a terminal, nothing otherwise; problems always."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.live = not quiet and sys.stderr.isatty()
        self.count = 0

    def __call__(self, event: str, info: dict) -> None:
        if event == "problem":
            problem: Problem = info["problem"]
            if problem.severity == "error" or not self.quiet:
                self._clear()
                label = "error" if problem.severity == "error" else "note"
                print(f"kgpii: {label}: {problem}", file=sys.stderr)
        elif event == "source" and self.live:
            self.count += 1
            self.name = info["name"]
            print(f"\r\033[Kscanning [{self.count}] {self.name[-70:]}", end="", file=sys.stderr, flush=True)
        elif event == "records" and self.live:
            print(f"\r\033[Kscanning [{self.count}] {info['name'][-60:]}  {info['records']:,} records",
                  end="", file=sys.stderr, flush=True)

    def _clear(self) -> None:
        if self.live:
            print("\r\033[K", end="", file=sys.stderr, flush=True)

    def done(self) -> None:
        self._clear()


def _counted(findings, counts: Counter):
    for f in findings:
        counts[(f.source, f.entity_type)] += 1
        yield f


def _report_only_new(summary, reported: Counter) -> None:
    """With a baseline, the summary counts what is reported (the new findings)."""
    summary.parameters["baseline_accepted"] = sum(summary.counts.values()) - sum(reported.values())
    summary.counts = reported


def _interrupt_on_sigterm() -> None:
    """SIGTERM (a job scheduler stopping us) unwinds like Ctrl-C: temp files removed, workers stopped."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        def interrupt(signum, frame):
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, interrupt)


def _refuse_overwriting_a_source(request: ScanRequest) -> None:
    outputs = [p for p in (request.output, request.inventory) if p not in (None, "-")]
    sources = {os.path.realpath(s) for s in request.sources if "://" not in s and s != "-" and os.path.isfile(s)}
    for path in outputs:
        if os.path.realpath(path) in sources:
            raise KgpiiError(f"{path} is one of the sources being scanned; refusing to overwrite it")


def run_scan(request: ScanRequest) -> int:
    """Scan, write the chosen outputs, and return the exit code."""
    from reports import REPORT_FILES, available_formats, render

    from .cli.common import atomic_output

    from .parallel import ParallelScan, worth_parallel

    _refuse_overwriting_a_source(request)
    _interrupt_on_sigterm()
    key = load_key(request.key_file, quiet=request.quiet)
    engine_options = EngineOptions(entities=request.entities, min_score=request.min_score,
                                   mode=request.engine)
    options = SourceOptions(include=request.include, exclude=request.exclude, tables=request.tables,
                            exclude_tables=request.exclude_tables, schema=request.schema, sample=request.sample)
    progress = _Progress(request.quiet)
    if request.dask:
        scan = ParallelScan(request.sources, key, engine_options, options, jobs=request.jobs,
                            progress=progress, executor="dask", dask_address=request.dask)
    elif worth_parallel(request.sources, options, request.jobs):
        scan = ParallelScan(request.sources, key, engine_options, options, jobs=request.jobs, progress=progress)
    else:
        engine = ScanEngine(Keyed(key), engine_options)
        engine.warm_up()
        scan = Scan(request.sources, engine, options, progress=progress)
    scan.summary.parameters = request.parameters()

    baseline = None
    if request.baseline:
        from reports.baseline import Baseline

        baseline = Baseline.load(request.baseline)

    findings_iter = scan.findings()
    reported = Counter()        # what this run reports: with a baseline, only the new findings
    if baseline is not None:
        findings_iter = _counted(baseline.new_findings(findings_iter), reported)

    formats = available_formats()
    if request.fmt not in formats:
        raise KgpiiError(f"format {request.fmt!r} is not available in this installation")
    gate_types = set(request.fail_on or ())
    gated = 0
    findings = []
    try:
        with atomic_output(request.output) as out:
            if request.fmt == "jsonl" and not request.report_dir:
                for f in findings_iter:       # stream: memory does not grow with the data
                    out.write(f.to_json(request.show_values) + "\n")
                    gated += f.entity_type in gate_types
                if baseline is not None:
                    _report_only_new(scan.summary, reported)
            else:
                findings = list(findings_iter)
                if baseline is not None:
                    _report_only_new(scan.summary, reported)
                gated = sum(f.entity_type in gate_types for f in findings)
                render(request.fmt, findings, scan.summary, out, request.show_values)
    finally:
        progress.done()
    if request.report_dir:
        for fmt in formats:
            path = os.path.join(request.report_dir, REPORT_FILES[fmt])
            with atomic_output(path) as fh:
                render(fmt, findings, scan.summary, fh, request.show_values)
        if not request.quiet:
            print(f"kgpii: reports written to {request.report_dir}/", file=sys.stderr)
    if request.inventory:
        from reports.inventory import write_inventory

        with atomic_output(request.inventory) as fh:
            write_inventory(scan.summary, fh)

    summary = scan.summary
    if not request.quiet:
        total = sum(summary.counts.values())
        accepted = summary.parameters.get("baseline_accepted")
        print(f"kgpii: {total} {'new ' if accepted is not None else ''}finding(s) in {len(summary.sources)} "
              f"source(s), {summary.seconds:.2f} s"
              + (f"; {accepted} accepted by the baseline" if accepted is not None else "")
              + (f"; {len(summary.errors)} could not be read" if summary.errors else ""), file=sys.stderr)
    if summary.errors:
        return EXIT_USAGE
    if gated:
        if not request.quiet:
            print(f"kgpii: --fail-on crossed: {gated} finding(s) of {', '.join(sorted(gate_types))}",
                  file=sys.stderr)
        return EXIT_GATE
    return EXIT_OK
