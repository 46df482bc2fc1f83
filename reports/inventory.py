"""The per-column inventory (`kgpii scan --inventory inv.csv`): where personal data lives.

One CSV row per (source, table, column, entity_type), from the scan summary's column
verdicts; a column suspected by its name but with no matches has an empty entity_type.

>>> write_inventory(scan.summary, open("inventory.csv", "w", newline=""))   # doctest: +SKIP
"""

from __future__ import annotations

import csv
from typing import IO

INVENTORY_FIELDS = ("source", "table", "column", "entity_type", "values", "matches", "rate", "distinct",
                    "coverage", "verdict")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (table names come from data)."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def write_inventory(summary, stream: IO[str]) -> None:
    """Write `summary.columns` as the inventory CSV (`coverage` is `sampled` or `full`)."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(INVENTORY_FIELDS)
    for col in summary.columns:
        writer.writerow([
            _cell(col["source"]),
            _cell(col["table"]),
            _cell(col["column"]),
            col["entity_type"] or "",
            col["values"],
            col["matches"],
            f"{col['rate']:.4f}",
            col["distinct"],
            "sampled" if col["sampled"] else "full",
            _cell(col["verdict"]),
        ])
