"""Helpers shared by the commands: atomic output files, entity lists, stderr messages."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from typing import IO, Iterator

import click

from ..errors import KgpiiError
from ..findings import ENTITY_TYPES


FORMATS = ("table", "jsonl", "json", "csv", "sarif", "html")
_BY_SUFFIX = {".html": "html", ".htm": "html", ".sarif": "sarif", ".csv": "csv", ".json": "json",
              ".jsonl": "jsonl", ".ndjson": "jsonl", ".txt": "table"}


def default_format(output: str | None) -> str:
    """The format `-o FILE` asks for by its suffix; else table on a terminal, jsonl otherwise."""
    if output not in (None, "-"):
        return _BY_SUFFIX.get(os.path.splitext(output)[1].lower(), "jsonl")
    return "table" if sys.stdout.isatty() else "jsonl"


def parse_entities(value: str | tuple | None, allow_any: bool = False) -> tuple[str, ...] | None:
    """`PHONE_NUMBER,KG_PIN` -> a tuple; `any` (when allowed) -> every type; empty -> None."""
    if not value:
        return None
    items = value if isinstance(value, (list, tuple)) else value.split(",")
    out = []
    for item in items:
        item = item.strip().upper()
        if not item:
            continue
        if allow_any and item in ("ANY", "ALL"):
            return ENTITY_TYPES
        if item not in ENTITY_TYPES:
            raise click.BadParameter(f"unknown entity type {item!r}; choose from {', '.join(ENTITY_TYPES)}")
        out.append(item)
    return tuple(out) or None


@contextlib.contextmanager
def atomic_output(path: str | None, binary: bool = False) -> Iterator[IO]:
    """Write to `path` via a temp file renamed at the end (stdout when `path` is None or `-`).

    A failure half-way leaves the previous file untouched and no partial one.
    """
    if path in (None, "-"):
        yield sys.stdout.buffer if binary else sys.stdout
        return
    directory = os.path.dirname(os.path.abspath(path))
    try:
        os.makedirs(directory, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".kgpii-", dir=directory)
    except OSError as exc:
        raise KgpiiError(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": ""})) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def say(message: str, quiet: bool = False) -> None:
    """A human message on stderr (stdout carries only the chosen format)."""
    if not quiet:
        click.echo(message, err=True)
