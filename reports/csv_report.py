"""CSV: one row per finding, the contract's fields as columns (`key` as JSON text).

Reads back with `pandas.read_csv`. A text cell that a spreadsheet would run as a formula
(`=...`, `@...`, `+cmd|...`: file and column names come from the data scanned) gets a
leading `'`; a phone preview such as `+996 *** ** ** 67` is left as it is.
"""

from __future__ import annotations

import csv
import json
from typing import IO, Iterable

from scanner.findings import CONTRACT_FIELDS

_FORMULA_START = ("=", "@", "\t", "\r")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    if not isinstance(value, str):
        return str(value)
    if value.startswith(_FORMULA_START) or (
            len(value) > 1 and value[0] in "+-" and not (value[1].isdigit() or value[1] == " ")):
        return "'" + value
    return value


def write_csv(findings: Iterable, summary, stream: IO[str], show_values: bool = False) -> None:
    """Write `findings` as CSV with a header row; `value` is a column only with `show_values`."""
    columns = list(CONTRACT_FIELDS) + (["value"] if show_values else [])
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(columns)
    for f in findings:
        row = f.to_dict(show_values)
        writer.writerow([_cell(row.get(name)) for name in columns])
