"""JSON Lines: one contract object per finding (the machine format)."""

from __future__ import annotations

from typing import IO, Iterable


def write_jsonl(findings: Iterable, summary, stream: IO[str], show_values: bool = False) -> None:
    for f in findings:
        stream.write(f.to_json(show_values))
        stream.write("\n")
