"""Plain text and log files, gzip-compressed or not, and standard input.

Lines are read as bytes in bounded windows (a 50 MB single line never sits in memory
whole), decoded as UTF-8 with a per-line fallback to cp1251 (legacy Kyrgyz/Russian
exports), so undecodable bytes never stop a scan.
"""

from __future__ import annotations

import gzip
import io
import os
import sys
import zlib
from typing import BinaryIO, Iterator

from ..errors import Problem, SourceError
from .base import ProblemSink, Record, Source, open_binary

WINDOW_BYTES = 1 << 20      # longest piece of one line handed to the engine at once
SNIFF_BYTES = 8192


def decode_line(raw: bytes) -> str:
    """UTF-8, else cp1251; never raises."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1251", errors="replace")


def looks_binary(head: bytes) -> bool:
    return b"\x00" in head


def _split_window(chunk: bytes) -> int:
    """Where to cut an over-long line chunk: after the last whitespace, else a UTF-8 boundary."""
    tail = max(0, len(chunk) - 4096)
    for sep in (b" ", b"\t", b","):
        cut = chunk.rfind(sep, tail)
        if cut > 0:
            return cut + 1
    cut = len(chunk)
    while cut > 0 and (chunk[cut - 1] & 0xC0) == 0x80:
        cut -= 1
    if cut > 0 and chunk[cut - 1] >= 0xC0:   # a lead byte whose continuation was cut off
        cut -= 1
    return cut or len(chunk)


LOOKAHEAD_BYTES = 256       # how far past a window's cut its values may reach


def _lookahead(tail: bytes, fh: BinaryIO) -> bytes:
    """The bytes after a window's cut, up to LOOKAHEAD_BYTES, not past the line's end."""
    more = tail
    if len(more) < LOOKAHEAD_BYTES and hasattr(fh, "peek"):
        more += fh.peek(LOOKAHEAD_BYTES)[:LOOKAHEAD_BYTES]
    more = more[:LOOKAHEAD_BYTES].split(b"\n", 1)[0]
    end = len(more)
    while end and (more[end - 1] & 0xC0) == 0x80:     # do not end inside a UTF-8 character
        end -= 1
    if end and more[end - 1] >= 0xC0:
        end -= 1
    return more[:end]


def iter_lines(fh: BinaryIO, source: str, problems: ProblemSink) -> Iterator[tuple[int, int, str, int | None]]:
    """(line number, character offset in the line, text, limit) for every line or window of one.

    Trailing newlines are stripped. An over-long line comes as several windows of the
    same line number with increasing offsets, cut at whitespace where possible; each
    window's text runs LOOKAHEAD_BYTES past its cut so a value across the cut is still
    whole, and `limit` says where the window's own part ends (None for whole lines).
    """
    lineno = 0
    pending = b""      # the tail of an over-long line, cut off at a whitespace
    offset = 0         # characters of the current line already handed over
    in_long = False
    while True:
        chunk = fh.readline(WINDOW_BYTES)
        if not chunk:
            if pending:
                yield lineno, offset, decode_line(pending.rstrip(b"\r\n")), None
            return
        data = pending + chunk
        pending = b""
        if not in_long:
            lineno += 1
            offset = 0
        if chunk.endswith(b"\n") or len(chunk) < WINDOW_BYTES:
            yield lineno, offset, decode_line(data.rstrip(b"\r\n")), None
            in_long = False
            continue
        if not in_long:
            problems(Problem(source, f"line longer than {WINDOW_BYTES >> 20} MiB, scanned in windows",
                             severity="note", line=lineno))
            in_long = True
        cut = _split_window(data)
        piece, pending = data[:cut], data[cut:]
        text = decode_line(piece)
        ahead = decode_line(_lookahead(pending, fh)).rstrip("\r")
        yield lineno, offset, text + ahead, len(text)
        offset += len(text)


GZIP_MAGIC = b"\x1f\x8b"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class _Utf16AsUtf8(io.RawIOBase):
    """A UTF-16 byte stream (with BOM) read as UTF-8 bytes; characters are unchanged."""

    def __init__(self, raw: BinaryIO):
        self._text = io.TextIOWrapper(raw, encoding="utf-16", errors="replace", newline="")
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:
        while not self._pending:
            chunk = self._text.read(1 << 15)
            if not chunk:
                return 0
            self._pending = chunk.encode("utf-8")
        n = min(len(buf), len(self._pending))
        buf[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


class _RangeReader(io.RawIOBase):
    """Reads bytes [start, end) of an open file: one chunk of a big log for one worker."""

    def __init__(self, raw: BinaryIO, start: int, end: int):
        raw.seek(start)
        self._raw = raw
        self._left = end - start

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:
        if self._left <= 0:
            return 0
        view = memoryview(buf)[: self._left]
        n = self._raw.readinto(view) or 0
        self._left -= n
        return n

    def close(self) -> None:
        self._raw.close()
        super().close()


class TextSource(Source):
    """A text or log file (`.gz` transparently), or `-` for standard input.

    `byte_range` limits reading to one chunk of a plain file (chunks start after a
    newline); line numbers then count from the chunk's first line.
    """

    kind = "text"

    def __init__(self, name: str, path: str | None = None, byte_range: tuple[int, int] | None = None):
        super().__init__(name)
        self.path = path if path is not None else name
        self.byte_range = byte_range
        self.line_count = 0

    def open(self) -> BinaryIO:
        if self.path == "-":
            return sys.stdin.buffer
        fh = open_binary(self.name, self.path)
        if self.path.endswith(".gz"):
            return gzip.GzipFile(fileobj=fh, mode="rb")
        if self.byte_range is not None:
            return io.BufferedReader(_RangeReader(fh, *self.byte_range), buffer_size=1 << 16)
        return fh

    def lines(self, problems: ProblemSink) -> Iterator[tuple[int, int, str, int | None]]:
        """Lines of the file, with errors mapped to SourceError / Problems."""
        fh = self.open()
        try:
            buffered = fh if hasattr(fh, "peek") else io.BufferedReader(fh)
            try:
                head = buffered.peek(SNIFF_BYTES)[:SNIFF_BYTES]
                if head[:2] == GZIP_MAGIC and not isinstance(fh, gzip.GzipFile):
                    # compressed without the suffix: rotated logs (app.log.1), gzip on stdin
                    buffered = io.BufferedReader(gzip.GzipFile(fileobj=buffered, mode="rb"))
                    head = buffered.peek(SNIFF_BYTES)[:SNIFF_BYTES]
                if head[:2] in UTF16_BOMS:
                    # Windows tools export UTF-16: recode, so NUL bytes do not read as binary
                    buffered = io.BufferedReader(_Utf16AsUtf8(buffered))
                    head = buffered.peek(SNIFF_BYTES)[:SNIFF_BYTES]
            except (OSError, EOFError, zlib.error) as exc:
                raise SourceError(self.name, f"cannot read: {describe_read_error(exc)}") from None
            if not head:
                if self.byte_range is None:
                    problems(Problem(self.name, "empty file, nothing to scan", severity="note"))
                return
            if looks_binary(head):
                problems(Problem(self.name, "binary file skipped", severity="note"))
                return
            lineno = 0
            try:
                for lineno, offset, text, limit in iter_lines(buffered, self.name, problems):
                    yield lineno, offset, text, limit
            except (OSError, EOFError, zlib.error) as exc:
                raise SourceError(self.name, f"read failed after line {lineno}: {describe_read_error(exc)}",
                                  line=lineno + 1) from None
            self.line_count = lineno
        finally:
            if fh is not sys.stdin.buffer:
                fh.close()
            try:
                if self.byte_range is not None:
                    self.bytes_read = self.byte_range[1] - self.byte_range[0]
                elif self.path != "-":
                    self.bytes_read = os.path.getsize(self.path)
            except OSError:
                pass

    def records(self, problems: ProblemSink) -> Iterator[Record]:
        name = self.name
        for lineno, offset, text, limit in self.lines(problems):
            if text:
                yield Record(text=text, source=name, line=lineno, offset=offset, limit=limit)


def chunk_ranges(path: str, chunk_bytes: int) -> list[tuple[int, int]]:
    """Split a plain file into byte ranges of about `chunk_bytes`, each starting after a newline."""
    size = os.path.getsize(path)
    if size <= chunk_bytes:
        return [(0, size)]
    bounds = [0]
    with open(path, "rb") as fh:
        pos = chunk_bytes
        while pos < size:
            fh.seek(pos)
            fh.readline()            # to the end of the line the guess fell in
            pos = fh.tell()
            if pos >= size:
                break
            bounds.append(pos)
            pos += chunk_bytes
    bounds.append(size)
    return list(zip(bounds[:-1], bounds[1:]))


def describe_read_error(exc: BaseException) -> str:
    if isinstance(exc, gzip.BadGzipFile):
        return "not gzip data or a corrupt gzip header"     # its message quotes the file's bytes
    if isinstance(exc, EOFError):
        return "truncated compressed data"
    if isinstance(exc, zlib.error):
        return f"corrupt compressed data ({exc})"
    return getattr(exc, "strerror", None) or str(exc)
