"""Baselines: findings accepted once, so a CI gate fails only on new ones.

A finding is identified by where it lives (source, table, row key, column, JSON field),
its entity type and its fingerprint; line numbers, rows of a file export and offsets are
left out so that an edit above a known finding does not make it "new". The same value
twice in one place counts twice: a third copy is new.

A baseline file holds fingerprints and locations only, never a value or a preview.

>>> from reports.baseline import Baseline                       # doctest: +SKIP
>>> Baseline.create(read_findings("findings.jsonl")).save(".kgpii-baseline.json")  # doctest: +SKIP
>>> new = list(Baseline.load(".kgpii-baseline.json").new_findings(findings))      # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
from collections import Counter
from typing import Iterable, Iterator

from scanner.errors import KgpiiError
from scanner.findings import Finding

FORMAT = "kgpii-baseline"
VERSION = 1
_IDENTITY_FIELDS = ("source", "table", "key", "column", "field", "entity_type", "fingerprint")

Identity = tuple


def identity(finding: Finding) -> Identity:
    """What makes two findings "the same" across runs (no line, row or offsets)."""
    key = json.dumps(finding.key, sort_keys=True, ensure_ascii=False, default=str) if finding.key else None
    return (finding.source, finding.table, key, finding.column, finding.field,
            finding.entity_type, finding.fingerprint)


class Baseline:
    """A multiset of accepted finding identities."""

    def __init__(self, accepted: Counter | None = None):
        self.accepted: Counter = accepted if accepted is not None else Counter()

    def __len__(self) -> int:
        return sum(self.accepted.values())

    @classmethod
    def create(cls, findings: Iterable[Finding]) -> "Baseline":
        """A baseline accepting every finding in `findings`."""
        return cls(Counter(identity(f) for f in findings))

    def to_dict(self) -> dict:
        entries = []
        for ident, count in sorted(self.accepted.items(), key=lambda kv: tuple(x or "" for x in kv[0])):
            entry = {}
            for name, val in zip(_IDENTITY_FIELDS, ident):
                if val is not None:
                    entry[name] = json.loads(val) if name == "key" else val
            entry["count"] = count
            entries.append(entry)
        return {"format": FORMAT, "version": VERSION, "findings": entries}

    def save(self, path: str) -> None:
        """Write the baseline as sorted, indented JSON (stable diffs in review)."""
        from scanner.cli.common import atomic_output

        with atomic_output(path) as fh:
            json.dump(self.to_dict(), fh, ensure_ascii=False, indent=2, sort_keys=False)
            fh.write("\n")

    @classmethod
    def load(cls, path: str) -> "Baseline":
        """Read a baseline file; a missing or damaged one is a `KgpiiError` saying what to do."""
        hint = "create one with: kgpii baseline create findings.jsonl -o " + os.path.basename(path)
        try:
            with open(path, encoding="utf-8") as fh:
                doc = json.load(fh)
        except FileNotFoundError:
            raise KgpiiError(f"baseline {path} does not exist; {hint}") from None
        except OSError as exc:
            raise KgpiiError(f"cannot read baseline {path}: {exc.strerror}") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise KgpiiError(f"baseline {path} is not valid JSON ({exc}); {hint}") from None
        if not isinstance(doc, dict) or doc.get("format") != FORMAT or not isinstance(doc.get("findings"), list):
            raise KgpiiError(f"{path} is not a kgpii baseline; {hint}")
        if doc.get("version") != VERSION:
            raise KgpiiError(f"baseline {path} has version {doc.get('version')!r}, this kgpii reads "
                             f"version {VERSION}; {hint}")
        accepted: Counter = Counter()
        for n, entry in enumerate(doc["findings"], 1):
            try:
                finding = Finding(source=entry["source"], start=0, end=0, entity_type=entry["entity_type"],
                                  score=0.0, recognizer="", fingerprint=entry["fingerprint"],
                                  table=entry.get("table"), key=entry.get("key"), column=entry.get("column"),
                                  field=entry.get("field"))
                count = int(entry.get("count", 1))
            except (KeyError, TypeError, ValueError, AttributeError):
                raise KgpiiError(f"baseline {path}: entry {n} is damaged (needs source, entity_type, "
                                 f"fingerprint); {hint}") from None
            accepted[identity(finding)] += count
        return cls(accepted)

    def new_findings(self, findings: Iterable[Finding]) -> Iterator[Finding]:
        """The findings not accepted by this baseline, streamed in their order.

        Each accepted identity absorbs as many findings as it was seen when the baseline
        was made; further ones with the same identity are new.
        """
        remaining = Counter(self.accepted)
        for finding in findings:
            ident = identity(finding)
            if remaining[ident] > 0:
                remaining[ident] -= 1
                continue
            yield finding
