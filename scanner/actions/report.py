"""What one retention rule found (plan) or did (apply): counts, columns, masked samples."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .policy import Rule

MAX_SAMPLES = 3


@dataclass
class RuleReport:
    """The plan (or the outcome) of one rule. Holds no raw value: samples are masked."""

    rule: Rule
    source: str                     # masked URL or the glob
    target: str                     # table, or "files"
    condition: str = ""
    candidates: int = 0             # rows / files past retention
    affected: int = 0               # rows / files that change
    changes: int = 0                # values (cells or spans) that change; rows / files for delete
    columns: Counter = field(default_factory=Counter)
    children: Counter = field(default_factory=Counter)
    samples: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def wants_samples(self) -> bool:
        return len(self.samples) < MAX_SAMPLES

    def sample(self, text: str) -> None:
        if len(self.samples) < MAX_SAMPLES:
            self.samples.append(text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule.name, "source": self.source, "target": self.target, "action": self.rule.action,
            "condition": self.condition, "candidates": self.candidates, "affected": self.affected,
            "changes": self.changes, "columns": dict(sorted(self.columns.items())),
            "children": dict(sorted(self.children.items())), "samples": self.samples,
            "notes": self.notes, "errors": self.errors,
        }

    def lines(self) -> list[str]:
        """The human-readable plan of this rule."""
        unit = "files" if self.target == "files" else "rows"
        out = [f"rule {self.rule.name}: {self.rule.action} {self.target} in {self.source}"
               + (f" where {self.condition}" if self.condition else "")]
        out.append(f"  {unit} past retention: {self.candidates}; {unit} to change: {self.affected}; "
                   f"values: {self.changes}")
        if self.columns:
            out.append("  columns: " + ", ".join(f"{c} ({n})" for c, n in sorted(self.columns.items())))
        if self.children:
            out.append("  child rows: " + ", ".join(f"{t} ({n})" for t, n in sorted(self.children.items())))
        out += [f"  sample: {s}" for s in self.samples]
        out += [f"  note: {n}" for n in self.notes]
        out += [f"  REFUSED: {e}" for e in self.errors]
        return out
