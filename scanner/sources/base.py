"""What every source yields: records of text with where they came from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterator, Sequence

from ..errors import Problem, SourceError


@dataclass(slots=True)
class Record:
    """A piece of text to scan and its location (the contract's location fields).

    `offset` is added to every span (a value's position inside its raw line); `offsets`
    maps each character of `text` to its raw position, plus one entry for the end, when
    decoding changed lengths (JSON string escapes). `hints` are extra context words, e.g. the column name.
    """

    text: str
    source: str
    line: int | None = None
    field: str | None = None
    offset: int = 0
    offsets: Sequence[int] | None = None
    table: str | None = None
    key: dict[str, Any] | None = None
    row: int | None = None
    column: str | None = None
    hints: tuple[str, ...] | None = None
    limit: int | None = None      # a window of a long line: values starting here belong to the next one

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span in `text` to the raw source's offsets."""
        if self.offsets is not None:
            return self.offsets[start], self.offsets[end]
        return self.offset + start, self.offset + end


ProblemSink = Callable[[Problem], None]


class Source:
    """A readable place: yields Records, reports problems to `problems` and goes on.

    A source that cannot be opened at all raises `SourceError` from `records()`.
    """

    kind = "source"

    def __init__(self, name: str):
        self.name = name
        self.bytes_read = 0

    def records(self, problems: ProblemSink) -> Iterator[Record]:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r})"


_SECRET_QUERY_KEYS = ("password", "passwd", "pwd", "pass", "sslpassword", "secret", "token")


def mask_url(url: str) -> str:
    """A database URL with its password (in the user part or the query) replaced by `***`.

    >>> mask_url("postgresql+psycopg://app:s3cret@db:5432/shop")
    'postgresql+psycopg://app:***@db:5432/shop'
    >>> mask_url("postgresql://db/shop?sslmode=require&password=s3cret")
    'postgresql://db/shop?sslmode=require&password=***'
    """
    if "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    path, sep, query = rest.partition("?")
    creds, at, host = path.rpartition("@")
    if at and ":" in creds:
        path = f"{creds.split(':', 1)[0]}:***@{host}"
    if sep:
        parts = []
        for item in query.split("&"):
            name, eq, _ = item.partition("=")
            parts.append(f"{name}=***" if eq and name.lower() in _SECRET_QUERY_KEYS else item)
        query = "&".join(parts)
    return f"{scheme}://{path}{sep}{query}"


def open_binary(name: str, path: str):
    """Open a file for reading bytes, with OS errors as one-line `SourceError`s."""
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise SourceError(name, "no such file") from None
    except PermissionError:
        raise SourceError(name, "permission denied") from None
    except IsADirectoryError:
        raise SourceError(name, "is a directory") from None
    except OSError as exc:
        raise SourceError(name, f"cannot open: {exc.strerror}") from None
