"""The Finding: one piece of personal data found somewhere (the findings contract, v1)."""

from __future__ import annotations

import dataclasses
import json
import math
import operator
from dataclasses import dataclass
from typing import Any

ENTITY_TYPES = (
    "PHONE_NUMBER",
    "PERSON",
    "ADDRESS",
    "KG_PIN",
    "KG_PASSPORT",
    "EMAIL_ADDRESS",
    "IP_ADDRESS",
    "CREDIT_CARD",
)

# Contract field order; optional fields are left out when empty.
CONTRACT_FIELDS = (
    "source", "table", "key", "row", "column", "line", "field",
    "start", "end", "entity_type", "score", "recognizer", "fingerprint", "preview",
)


@dataclass(slots=True)
class Finding:
    """One finding. `value` is the raw text and never leaves the process unless asked.

    Treat it as immutable (`dataclasses.replace` for a changed copy). It is not declared
    frozen: a frozen dataclass sets each of its 15 fields through `object.__setattr__`,
    which made building one cost 3.6 µs, a sizeable part of a finding on a busy log.

    >>> Finding(source="a.log", line=1, start=0, end=3, entity_type="PERSON",
    ...         score=0.9, recognizer="KgPersonRecognizer", fingerprint="ab").to_dict()["line"]
    1
    """

    source: str
    start: int
    end: int
    entity_type: str
    score: float
    recognizer: str
    fingerprint: str
    table: str | None = None
    key: dict[str, Any] | None = None
    row: int | None = None
    column: str | None = None
    line: int | None = None
    field: str | None = None
    preview: str | None = None
    value: str | None = dataclasses.field(default=None, repr=False, compare=False)

    def __reduce__(self):
        # the fields as one tuple: pickling (process pools, Dask) ~4x faster than the
        # default slots state, and unpickling ~2x
        return (Finding, _all_fields(self))

    def to_dict(self, show_values: bool = False) -> dict[str, Any]:
        """The contract's JSON object; the raw value only with `show_values`."""
        out: dict[str, Any] = {}
        for name in CONTRACT_FIELDS:
            val = getattr(self, name)
            if val is not None:
                out[name] = round(val, 4) if name == "score" else val
        if show_values and self.value is not None:
            out["value"] = self.value
        return out

    def to_json(self, show_values: bool = False) -> str:
        """`json.dumps(self.to_dict(show_values), ensure_ascii=False, default=str)`, byte for
        byte, written field by field with the repeated strings (source, type, recognizer,
        column) encoded once: building the dict and the general encoder cost about as much
        as the rest of writing a JSONL finding (bench/README.md, speed pass)."""
        if None in (self.source, self.start, self.end, self.entity_type, self.score, self.recognizer,
                    self.fingerprint):
            return _json_value(self.to_dict(show_values))   # a finding read back with nulls
        parts = ['{"source": ', _json_repeated(self.source)]
        if self.table is not None:
            parts += [', "table": ', _json_repeated(self.table)]
        if self.key is not None:
            parts += [', "key": ', _json_key(self.key)]
        if self.row is not None:
            parts += [', "row": ', _json_value(self.row)]
        if self.column is not None:
            parts += [', "column": ', _json_repeated(self.column)]
        if self.line is not None:
            parts += [', "line": ', _json_value(self.line)]
        if self.field is not None:
            parts += [', "field": ', _json_repeated(self.field)]
        score = self.score
        parts += [
            ', "start": ', _json_value(self.start),
            ', "end": ', _json_value(self.end),
            ', "entity_type": ', _json_repeated(self.entity_type),
            ', "score": ', _json_value(round(score, 4) if score is not None else None),
            ', "recognizer": ', _json_repeated(self.recognizer),
            ', "fingerprint": ', _json_value(self.fingerprint),
        ]
        if self.preview is not None:
            parts += [', "preview": ', _json_value(self.preview)]
        if show_values and self.value is not None:
            parts += [', "value": ', _json_value(self.value)]
        parts.append("}")
        return "".join(parts)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Finding":
        """Read a finding back from its contract JSON object (unknown keys ignored)."""
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})

    def location(self) -> str:
        """A short human-readable location: `file:line`, `table[key].column`, `file[row].column`."""
        if self.table is not None:
            key = ",".join(f"{k}={v}" for k, v in (self.key or {}).items())
            return f"{self.source} {self.table}[{key}].{self.column}"
        if self.row is not None:
            return f"{self.source}[{self.row}].{self.column}"
        loc = self.source
        if self.line is not None:
            loc += f":{self.line}"
        if self.field:
            loc += f" {self.field}"
        return loc


# What json.dumps(..., ensure_ascii=False) uses for strings (the C encoder when present).
_encode_str = json.encoder.encode_basestring


def _json_value(val: Any) -> str:
    """One JSON value as `json.dumps(val, ensure_ascii=False, default=str)` writes it."""
    kind = type(val)
    if kind is str:
        return _encode_str(val)
    if kind is int:
        return int.__repr__(val)
    if kind is float and math.isfinite(val):
        return float.__repr__(val)
    return json.dumps(val, ensure_ascii=False, default=str)


def _json_key(key: Any) -> str:
    """A row key (`{"id": 17}`) as `_json_value` writes it, without the general encoder."""
    if type(key) is dict and all(type(k) is str for k in key):
        return "{" + ", ".join(_json_repeated(k) + ": " + _json_value(v) for k, v in key.items()) + "}"
    return _json_value(key)


_all_fields = operator.attrgetter(*(f.name for f in dataclasses.fields(Finding)))

_REPEATED: dict[Any, str] = {}


def _json_repeated(val: Any) -> str:
    """`_json_value` for values that repeat from finding to finding, remembered (bounded)."""
    out = _REPEATED.get(val) if type(val) is str else None
    if out is None:
        out = _json_value(val)
        if type(val) is str:
            if len(_REPEATED) >= 4096:
                _REPEATED.clear()
            _REPEATED[val] = out
    return out


def read_findings(path: str) -> list[Finding]:
    """Load findings saved as JSON Lines (the `--format jsonl` output)."""
    findings = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                findings.append(Finding.from_dict(json.loads(line)))
            except (json.JSONDecodeError, TypeError) as exc:
                raise ValueError(f"{path}:{n}: not a findings line ({exc})") from None
    return findings
