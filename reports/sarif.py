"""SARIF 2.1.0: findings as static-analysis results for code-scanning dashboards.

One rule per entity type. Text sources get a physical location (file, line, 1-based
columns counted in Unicode code points); database rows and file exports get a logical
location (`customers.phone[id=3]`, `phone[row=3]`). `partialFingerprints` follow a finding
across runs without its line, so an edit above it does not open a new alert. Messages
carry the masked preview only.

>>> write_sarif(findings, summary, open("findings.sarif", "w"))     # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import PurePosixPath, PureWindowsPath
from typing import IO, Iterable
from urllib.parse import quote

from scanner import __version__
from scanner.findings import ENTITY_TYPES, Finding

from .baseline import identity

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_NAME = "kgpiiFingerprint/v1"

# entity type -> (rule name, short description, what to do about it)
ENTITY_LABELS: dict[str, tuple[str, str, str]] = {
    "PHONE_NUMBER": ("PhoneNumber", "Phone number",
                     "A phone number identifies its owner. Remove it, mask it, or pseudonymize it."),
    "PERSON": ("PersonName", "Person's name",
               "A person's full or partial name. Remove it or replace it with a pseudonym."),
    "ADDRESS": ("PostalAddress", "Postal address",
                "An address precise enough to find a home. Remove it or keep only the city."),
    "KG_PIN": ("KgPersonalNumber", "Personal identification number (ПИН/ИНН)",
               "The 14-digit personal number identifies a citizen uniquely. Never keep it in logs or exports."),
    "KG_PASSPORT": ("KgPassportNumber", "Passport or ID-card number",
                    "A Kyrgyz passport or ID-card number. Never keep it in logs or exports."),
    "EMAIL_ADDRESS": ("EmailAddress", "E-mail address",
                      "An e-mail address identifies its owner. Remove it, mask it, or pseudonymize it."),
    "IP_ADDRESS": ("IpAddress", "IP address",
                   "An IP address is personal data (point 1.6 of the policy). Truncate or pseudonymize it."),
    "CREDIT_CARD": ("PaymentCardNumber", "Payment card number",
                    "A payment card number (Luhn-valid). Never store it outside the card processor."),
}

ERROR_TYPES = frozenset({"KG_PIN", "KG_PASSPORT", "CREDIT_CARD"})


def level_for(entity_type: str) -> str:
    """`error` for identity documents and cards, `warning` for everything else."""
    return "error" if entity_type in ERROR_TYPES else "warning"


def artifact_location(source: str) -> dict:
    """An `artifactLocation` for a file path or a (password-masked) database URL."""
    if "://" in source:
        return {"uri": quote(source, safe=":/@*+;=?&%[]!$'(),~")}
    if PureWindowsPath(source).drive and "\\" in source:
        source = PureWindowsPath(source).as_posix()
    path = source.replace(os.sep, "/")
    if path.startswith("/"):
        return {"uri": "file://" + quote(path, safe="/")}
    path = str(PurePosixPath(path))
    return {"uri": quote(path, safe="/"), "uriBaseId": "%SRCROOT%"}


def _rules() -> list[dict]:
    rules = []
    for etype in ENTITY_TYPES:
        name, short, help_text = ENTITY_LABELS[etype]
        level = level_for(etype)
        rules.append({
            "id": etype,
            "name": name,
            "shortDescription": {"text": f"{short} (personal data)"},
            "fullDescription": {"text": f"{short} found where personal data should not be. "
                                        f"{help_text}"},
            "help": {"text": help_text},
            "defaultConfiguration": {"level": level},
            "properties": {"tags": ["privacy", "personal-data", "pii"],
                           "security-severity": "7.5" if level == "error" else "4.0"},
        })
    return rules


def _logical_location(f: Finding) -> dict | None:
    if f.table is not None:
        key = ",".join(f"{k}={v}" for k, v in (f.key or {}).items())
        return {"name": f.column or f.table, "fullyQualifiedName": f"{f.table}.{f.column}[{key}]",
                "kind": "member"}
    if f.row is not None:
        return {"name": f.column, "fullyQualifiedName": f"{f.column}[row={f.row}]", "kind": "member"}
    if f.field:
        return {"name": f.field.rsplit(".", 1)[-1], "fullyQualifiedName": f.field, "kind": "member"}
    return None


def _location(f: Finding) -> dict:
    physical: dict = {"artifactLocation": artifact_location(f.source)}
    if f.line is not None and f.table is None and f.row is None:
        physical["region"] = {"startLine": f.line, "startColumn": f.start + 1, "endColumn": f.end + 1}
    location: dict = {"physicalLocation": physical}
    logical = _logical_location(f)
    if logical is not None:
        location["logicalLocations"] = [logical]
    return location


def _fingerprint(f: Finding, seen: Counter) -> str:
    ident = identity(f)
    seen[ident] += 1
    digest = hashlib.sha256(json.dumps(ident, ensure_ascii=False).encode("utf-8")).hexdigest()[:32]
    return f"{digest}:{seen[ident]}"


def _result(f: Finding, seen: Counter, show_values: bool) -> dict:
    short = ENTITY_LABELS.get(f.entity_type, (f.entity_type, f.entity_type, ""))[1]
    shown = f" {f.preview}" if f.preview else ""
    result = {
        "ruleId": f.entity_type,
        "level": level_for(f.entity_type),
        "message": {"text": f"{short}{shown} found by {f.recognizer} (score {round(f.score, 4):.2f})."},
        "locations": [_location(f)],
        "partialFingerprints": {FINGERPRINT_NAME: _fingerprint(f, seen)},
        "properties": f.to_dict(show_values),
    }
    if f.entity_type in ENTITY_TYPES:
        result["ruleIndex"] = ENTITY_TYPES.index(f.entity_type)
    return result


def _invocation(summary) -> dict:
    notes = []
    for p in summary.problems:
        note: dict = {"level": "error" if p.severity == "error" else "note", "message": {"text": str(p)}}
        physical: dict = {"artifactLocation": artifact_location(p.source)}
        if p.line is not None:
            physical["region"] = {"startLine": p.line}
        note["locations"] = [{"physicalLocation": physical}]
        notes.append(note)
    invocation: dict = {"executionSuccessful": not summary.errors}
    if notes:
        invocation["toolExecutionNotifications"] = notes
    if summary.parameters:
        invocation["properties"] = {"parameters": summary.parameters}
    return invocation


def write_sarif(findings: Iterable[Finding], summary, stream: IO[str], show_values: bool = False) -> None:
    """Write one SARIF log with a single run of kgpii."""
    seen: Counter = Counter()
    run: dict = {
        "tool": {"driver": {"name": "kgpii", "version": __version__, "semanticVersion": __version__,
                            "rules": _rules()}},
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, seen, show_values) for f in findings],
    }
    if summary is not None:
        run["invocations"] = [_invocation(summary)]
    doc = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    json.dump(doc, stream, ensure_ascii=False, indent=2, default=str)
    stream.write("\n")
