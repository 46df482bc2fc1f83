"""Where data lives: one reader per source kind, chosen by `open_sources`."""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from typing import Callable, Iterator

from ..errors import Problem
from .base import ProblemSink, Record, Source

SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__", ".venv", "node_modules"}


@dataclass(frozen=True)
class SourceOptions:
    """How sources are found and read."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    tables: tuple[str, ...] = ()
    exclude_tables: tuple[str, ...] = ()
    schema: str | None = None
    sample: int | None = None
    extra: dict = field(default_factory=dict)


def _text(name: str, path: str, options: SourceOptions) -> Source:
    from .text import TextSource

    return TextSource(name, path)


def _jsonl(name: str, path: str, options: SourceOptions) -> Source:
    from .jsonl import JsonLinesSource

    return JsonLinesSource(name, path)


# Suffix (lower case, longest first wins) -> factory. Tabular and database readers add
# their own entries in `register_suffix`.
SUFFIXES: dict[str, Callable[[str, str, SourceOptions], Source]] = {
    ".jsonl": _jsonl,
    ".ndjson": _jsonl,
    ".jsonl.gz": _jsonl,
    ".ndjson.gz": _jsonl,
}

# URL scheme prefixes (`sqlite:`, `postgresql+psycopg:` ...) -> factory(url, options)
URL_FACTORIES: list[tuple[Callable[[str], bool], Callable[[str, SourceOptions], Source]]] = []


def register_suffix(suffix: str, factory: Callable[[str, str, SourceOptions], Source]) -> None:
    SUFFIXES[suffix.lower()] = factory


def register_url(match: Callable[[str], bool], factory: Callable[[str, SourceOptions], Source]) -> None:
    URL_FACTORIES.append((match, factory))


def _load_plugins() -> None:
    """Import the optional readers so they register themselves."""
    for module in ("tabular", "database"):
        try:
            __import__(f"{__name__}.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{module}":
                raise


def source_for_file(name: str, path: str, options: SourceOptions) -> Source:
    lower = path.lower()
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if lower.endswith(suffix):
            return SUFFIXES[suffix](name, path, options)
    return _text(name, path, options)


def _matches(rel: str, patterns: tuple[str, ...]) -> bool:
    base = os.path.basename(rel)
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(base, p) for p in patterns)


def open_sources(spec: str, options: SourceOptions, problems: ProblemSink) -> Iterator[Source]:
    """The sources behind one command-line argument: a URL, `-`, a file or a folder."""
    _load_plugins()
    if "://" in spec or spec.startswith("sqlite:"):
        for match, factory in URL_FACTORIES:
            if match(spec):
                yield factory(spec, options)
                return
        from ..errors import SourceError

        scheme = spec.split(":", 1)[0]
        raise SourceError(spec.split("@")[-1] if "@" in spec else spec,
                          f"unsupported URL scheme {scheme!r} (use a SQLAlchemy URL such as sqlite:///shop.db)")
    if spec == "-":
        from .text import TextSource

        yield TextSource("-", "-")
        return
    if os.path.isdir(spec):
        for dirpath, dirnames, filenames in os.walk(spec, onerror=lambda e: problems(
                Problem(getattr(e, "filename", spec) or spec, f"cannot list folder: {e.strerror}"))):
            dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
            for fname in sorted(filenames):
                path = os.path.join(dirpath, fname)
                rel = os.path.relpath(path, spec)
                if options.include and not _matches(rel, options.include):
                    continue
                if options.exclude and _matches(rel, options.exclude):
                    continue
                yield source_for_file(path, path, options)
        return
    yield source_for_file(spec, spec, options)


__all__ = ["Record", "Source", "SourceOptions", "open_sources", "register_suffix", "register_url"]
