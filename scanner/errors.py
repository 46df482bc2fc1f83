"""Problems met while scanning, and the exit codes they map to."""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK = 0
EXIT_GATE = 1      # --fail-on crossed
EXIT_USAGE = 2     # bad usage or a source that could not be read


class KgpiiError(Exception):
    """An error with a message fit for the user; the CLI prints it on one line, exit 2."""


class SourceError(KgpiiError):
    """A source (or part of one) that could not be read."""

    def __init__(self, source: str, message: str, line: int | None = None):
        self.source = source
        self.line = line
        super().__init__(message)


@dataclass(frozen=True)
class Problem:
    """Something a scan could not read (`error`) or wants the user to know (`note`)."""

    source: str
    message: str
    severity: str = "error"   # "error" -> exit 2, "note" -> informational
    line: int | None = None

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.message}"

    def to_dict(self) -> dict:
        out = {"source": self.source, "message": self.message, "severity": self.severity}
        if self.line is not None:
            out["line"] = self.line
        return out


_DIGITS = __import__("re").compile(r"\d[\d\s\-()]{4,}\d|\S+@\S+")


def scrub(message: str) -> str:
    """Mask digit runs and e-mail-like words in a message from a library we do not control."""
    return _DIGITS.sub("***", message)[:300]
