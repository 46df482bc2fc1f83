"""Findings -> reports. One writer per format; every writer is a function of the findings
(and the scan's summary), never of the data scanned.

>>> from reports import render                                  # doctest: +SKIP
>>> render("sarif", findings, summary, open("out.sarif", "w"))   # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import IO, Sequence

# format -> (module, function). Each function: (findings, summary, stream, show_values) -> None
WRITERS: dict[str, tuple[str, str]] = {
    "jsonl": ("jsonl", "write_jsonl"),
    "json": ("json_report", "write_json"),
    "table": ("terminal", "write_table"),
    "csv": ("csv_report", "write_csv"),
    "sarif": ("sarif", "write_sarif"),
    "html": ("html", "write_html"),
}

# file names used by `--report-dir`
REPORT_FILES = {
    "jsonl": "findings.jsonl",
    "json": "findings.json",
    "csv": "findings.csv",
    "sarif": "findings.sarif",
    "html": "report.html",
    "table": "summary.txt",
}


def available_formats() -> list[str]:
    out = []
    for fmt, (module, _) in WRITERS.items():
        try:
            importlib.import_module(f"{__name__}.{module}")
        except ModuleNotFoundError:
            continue
        out.append(fmt)
    return out


def writer(fmt: str):
    module, func = WRITERS[fmt]
    return getattr(importlib.import_module(f"{__name__}.{module}"), func)


def render(fmt: str, findings: Sequence, summary, stream: IO[str], show_values: bool = False) -> None:
    """Write `findings` in `fmt` to `stream`."""
    writer(fmt)(findings, summary, stream, show_values=show_values)
