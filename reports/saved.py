"""Saved scans read back for `kgpii report`: findings, and the scan summary when it was kept.

`--format jsonl` keeps findings only; `--format json` and `--report-dir` (its
`findings.json`) keep the summary too. Reports rendered from a saved summary are
byte-identical to those rendered during the scan.

>>> findings, summary = load_saved("out/findings.json")        # doctest: +SKIP
>>> summary = load_summary("out/findings.json")                 # doctest: +SKIP
"""

from __future__ import annotations

import json
from collections import Counter

from scanner.errors import KgpiiError, Problem
from scanner.findings import Finding, read_findings
from scanner.scan import ScanSummary


def summary_from_dict(doc: dict) -> ScanSummary:
    """The `ScanSummary` that `ScanSummary.to_dict()` wrote."""
    counts: Counter = Counter()
    for item in doc.get("counts", []):
        counts[(item["source"], item["entity_type"])] += int(item["count"])
    problems = [Problem(p["source"], p["message"], p.get("severity", "error"), p.get("line"))
                for p in doc.get("problems", [])]
    return ScanSummary(sources=list(doc.get("sources", [])), counts=counts, problems=problems,
                       records=int(doc.get("records", 0)), bytes=int(doc.get("bytes", 0)), started=0.0,
                       seconds=float(doc.get("seconds", 0.0)), parameters=dict(doc.get("parameters") or {}),
                       columns=list(doc.get("columns") or []), sampled=dict(doc.get("sampled") or {}))


def _read_json(path: str):
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except FileNotFoundError:
        raise KgpiiError(f"{path} does not exist") from None
    except OSError as exc:
        raise KgpiiError(f"cannot read {path}: {exc.strerror}") from None
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None


def _is_report_document(doc) -> bool:
    return isinstance(doc, dict) and "findings" in doc and isinstance(doc["findings"], list)


def load_summary(path: str) -> ScanSummary:
    """A scan summary from a `findings.json` report (or a bare `ScanSummary.to_dict()` object)."""
    doc = _read_json(path)
    if _is_report_document(doc):
        doc = doc.get("summary")
    if not isinstance(doc, dict) or "counts" not in doc:
        raise KgpiiError(f"{path} holds no scan summary; pass the findings.json written by "
                         "`kgpii scan --format json` or `--report-dir`")
    try:
        return summary_from_dict(doc)
    except (KeyError, TypeError, ValueError) as exc:
        raise KgpiiError(f"{path}: the scan summary is damaged ({exc})") from None


def _first_line(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    return line.strip()
    except FileNotFoundError:
        raise KgpiiError(f"{path} does not exist") from None
    except OSError as exc:
        raise KgpiiError(f"cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise KgpiiError(f"{path} is not UTF-8 text; expected findings as JSON Lines") from None
    return ""


def _loads_or_none(text: str):
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return None


def load_saved(path: str) -> tuple[list[Finding], ScanSummary | None]:
    """Findings from a JSON Lines file or a `findings.json` report, and its summary if it has one."""
    first = _first_line(path)
    if first in ("{", "[") or _is_report_document(_loads_or_none(first)):
        doc = _read_json(path)
        if not _is_report_document(doc):
            raise KgpiiError(f"{path}: not a kgpii findings report; expected the JSON Lines written by "
                             "`kgpii scan --format jsonl` or the findings.json of `--format json`")
        try:
            findings = [Finding.from_dict(item) for item in doc["findings"]]
            summary = summary_from_dict(doc["summary"]) if isinstance(doc.get("summary"), dict) else None
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise KgpiiError(f"{path}: not a kgpii findings report ({exc})") from None
        return findings, summary
    try:
        return read_findings(path), None
    except ValueError as exc:
        raise KgpiiError(f"{exc}; expected the JSON Lines written by `kgpii scan --format jsonl`") from None
