"""The terminal summary: counts per source and entity type, what could not be read."""

from __future__ import annotations

from collections import defaultdict
from typing import IO, Sequence


def summary_counts(findings: Sequence, summary) -> dict[str, dict[str, int]]:
    """source -> entity_type -> count (from the summary if it has them, else the findings)."""
    table: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    if summary is not None and summary.counts:
        for (source, etype), n in summary.counts.items():
            table[source][etype] += n
    else:
        for f in findings:
            table[f.source][f.entity_type] += 1
    return table


def write_table(findings: Sequence, summary, stream: IO[str], show_values: bool = False) -> None:
    from rich.console import Console
    from rich.table import Table

    from scanner.findings import ENTITY_TYPES

    counts = summary_counts(findings, summary)
    used = [e for e in ENTITY_TYPES if any(e in row for row in counts.values())]
    # wide enough for whole file names and entity types: a cut path is useless to act on
    source_width = max((len(s) for s in counts), default=6)
    width = max(100, min(220, source_width + sum(len(e) + 3 for e in used) + 14))
    tty = stream.isatty() if hasattr(stream, "isatty") else False
    console = Console(file=stream, width=None if tty else width, highlight=False, force_terminal=tty)
    table = Table(title="Personal data found", show_footer=True)
    table.add_column("source", footer="total", overflow="fold")
    totals = {e: sum(row.get(e, 0) for row in counts.values()) for e in used}
    for etype in used:
        table.add_column(etype, justify="right", footer=str(totals[etype]))
    table.add_column("all", justify="right", footer=str(sum(totals.values())))
    for source in sorted(counts):
        row = counts[source]
        table.add_row(source, *[str(row.get(e, 0) or "") for e in used], str(sum(row.values())))
    console.print(table)
    if summary is not None:
        scanned = len(summary.sources)
        # seconds as saved in findings.json (3 decimals): `kgpii report` prints the same line
        seconds = round(summary.seconds, 3)
        rate = summary.bytes / seconds / 1e6 if seconds else 0.0
        console.print(f"{scanned} source(s), {summary.records:,} records, {summary.bytes / 1e6:.1f} MB "
                      f"in {seconds:.2f} s ({rate:.1f} MB/s)")
        errors = summary.errors
        if errors:
            console.print(f"[bold]Could not be read ({len(errors)}):[/bold]")
            for p in errors:
                console.print(f"  {p}", markup=False)
        notes = [p for p in summary.problems if p.severity != "error"]
        if notes:
            console.print(f"Notes ({len(notes)}):")
            for p in notes:
                console.print(f"  {p}", markup=False)
