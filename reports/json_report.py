"""One JSON document: findings, per-column verdicts and the scan summary."""

from __future__ import annotations

import json
from typing import IO, Sequence


def write_json(findings: Sequence, summary, stream: IO[str], show_values: bool = False) -> None:
    doc = {
        "version": 1,
        "summary": summary.to_dict() if summary is not None else None,
        "columns": summary.columns if summary is not None else [],
        "findings": [f.to_dict(show_values) for f in findings],
    }
    json.dump(doc, stream, ensure_ascii=False, indent=2, default=str)
    stream.write("\n")
