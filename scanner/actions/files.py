"""Redacted copies of files: logs (plain and `.gz`), JSON Lines, CSV/TSV, Parquet.

Each format keeps its shape: a log line stays one line in its encoding, a JSON Lines line
stays valid JSON with only string (and number) values changed in place, a CSV keeps its
columns, delimiter, line endings and quoting style, a Parquet file its schema. Spans come
from the engine (`SpanRewriter`); a file that cannot be parsed raises `SourceError` and its
output is never written.

>>> redactor = FileRedactor(SpanRewriter("redact", engine))     # doctest: +SKIP
>>> redactor.redact_file("app.log.gz", "out/app.log.gz").changed  # doctest: +SKIP
12
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import io
import json
import os
import re
import shutil
import tempfile
import zlib
from dataclasses import dataclass, field
from typing import IO, Any, Callable, Iterator

from ..errors import SourceError
from ..sources.base import open_binary
from ..sources.text import describe_read_error
from ..sources.jsonl import json_values
from .operators import Replacement, SpanRewriter

LINE_BATCH = 2000
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def file_format(path: str) -> str:
    """`jsonl`, `csv`, `tsv`, `parquet` or `text` (logs and anything else), from the name."""
    lower = path.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    for suffix, fmt in ((".jsonl", "jsonl"), (".ndjson", "jsonl"), (".csv", "csv"), (".tsv", "tsv"),
                        (".parquet", "parquet")):
        if lower.endswith(suffix):
            return fmt
    return "text"


@dataclass
class FileResult:
    """What redacting one file did: every change with its location (never the value)."""

    path: str
    changes: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return sum(len(c["entities"]) for c in self.changes)


def _record(result: FileResult, location: dict[str, Any], replacements: list[Replacement], action: str) -> None:
    if replacements:
        result.changes.append({**location, "entities": [r.to_dict(action) for r in replacements]})


def _fsync_dir(directory: str) -> None:
    """Make a rename durable (the directory entry), where the platform allows it."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _decode(raw: bytes) -> tuple[str, str]:
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1251", errors="replace"), "cp1251"


def _split_ending(raw: bytes) -> tuple[bytes, bytes]:
    body = raw.rstrip(b"\r\n")
    return body, raw[len(body):]


class FileRedactor:
    """Writes a redacted copy of a file with one `SpanRewriter` (one action)."""

    def __init__(self, rewriter: SpanRewriter):
        self.rewriter = rewriter

    # --- entry points --------------------------------------------------------------------
    def redact_file(self, path: str, out_path: str | None, *, backup: str | None = None,
                    skip_unchanged: bool = False, keep_times: bool = False,
                    before_replace: Callable[[FileResult], None] | None = None) -> FileResult:
        """Redact `path` into `out_path` atomically (temp file, fsync, rename).

        `out_path` None only measures (a dry run: nothing is written). `backup`: where the
        original goes first (an existing backup is kept: it holds the oldest original).
        `skip_unchanged`: write nothing when no span changed. `keep_times`: the copy keeps
        the original's modification time (retention ages files by it). `before_replace` runs
        once the copy is on disk and before it replaces anything (the audit log). Raises SourceError
        when the file cannot be read or parsed; `out_path` is then left as it was.
        """
        fmt = file_format(path)
        result = FileResult(path)
        writer = {"text": self._text, "jsonl": self._jsonl, "csv": self._csv, "tsv": self._csv,
                  "parquet": self._parquet}[fmt]
        if out_path is None:
            writer(path, None, result, fmt)
            return result
        directory = os.path.dirname(os.path.abspath(out_path))
        try:
            os.makedirs(directory, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".kgpii-", dir=directory)
        except OSError as exc:
            raise SourceError(out_path, f"cannot write: {exc.strerror}") from None
        try:
            with os.fdopen(fd, "wb") as fh:
                writer(path, fh, result, fmt)
                fh.flush()
                os.fsync(fh.fileno())
            if skip_unchanged and not result.changes:
                os.unlink(tmp)
                return result
            with contextlib.suppress(OSError):
                shutil.copymode(path, tmp)
            if keep_times:
                stat = os.stat(path)
                os.utime(tmp, ns=(stat.st_atime_ns, stat.st_mtime_ns))
            if before_replace is not None:
                before_replace(result)
            if backup is not None and not os.path.exists(backup):
                try:
                    os.link(path, backup)
                except OSError:
                    shutil.copy2(path, backup)
            os.replace(tmp, out_path)
            _fsync_dir(directory)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise SourceError(path, f"cannot write {out_path}: {exc.strerror}") from None
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        return result

    # --- formats -------------------------------------------------------------------------
    @contextlib.contextmanager
    def _open_in(self, path: str) -> Iterator[IO[bytes]]:
        fh = open_binary(path, path)
        try:
            yield gzip.GzipFile(fileobj=fh, mode="rb") if path.lower().endswith(".gz") else fh
        except (OSError, EOFError, zlib.error) as exc:
            if isinstance(exc, SourceError):
                raise
            raise SourceError(path, f"cannot read: {describe_read_error(exc)}") from None
        finally:
            fh.close()

    @contextlib.contextmanager
    def _open_out(self, path: str, out: IO[bytes] | None) -> Iterator[IO[bytes] | None]:
        if out is None or not path.lower().endswith(".gz"):
            yield out
            return
        gz = gzip.GzipFile(fileobj=out, mode="wb", filename="", mtime=0)
        try:
            yield gz
        finally:
            gz.close()

    def _read_lines(self, fin: IO[bytes], path: str) -> Iterator[list[bytes]]:
        head = fin.peek(8192)[:8192] if hasattr(fin, "peek") else b""
        if b"\x00" in head:
            raise SourceError(path, "binary file: cannot be redacted as text")
        batch: list[bytes] = []
        for raw in fin:
            batch.append(raw)
            if len(batch) >= LINE_BATCH:
                yield batch
                batch = []
        if batch:
            yield batch

    def _text(self, path: str, out: IO[bytes] | None, result: FileResult, fmt: str) -> None:
        action = self.rewriter.action
        lineno = 0
        with self._open_in(path) as fin, self._open_out(path, out) as fout:
            for batch in self._read_lines(fin, path):
                parts = [_split_ending(raw) for raw in batch]
                decoded = [_decode(body) for body, _ in parts]
                rewritten = self.rewriter.rewrite_texts([text for text, _ in decoded])
                for (body, ending), (text, encoding), (new, reps) in zip(parts, decoded, rewritten):
                    lineno += 1
                    _record(result, {"line": lineno}, reps, action)
                    if fout is not None:
                        fout.write((new.encode(encoding, errors="replace") if reps else body) + ending)

    def _jsonl(self, path: str, out: IO[bytes] | None, result: FileResult, fmt: str) -> None:
        lineno = 0
        with self._open_in(path) as fin, self._open_out(path, out) as fout:
            for batch in self._read_lines(fin, path):
                for raw in batch:
                    lineno += 1
                    body, ending = _split_ending(raw)
                    text, encoding = _decode(body)
                    new = self._jsonl_line(text, lineno, result)
                    if fout is not None:
                        fout.write((new.encode(encoding, errors="replace") if new is not None else body) + ending)

    def _jsonl_line(self, text: str, lineno: int, result: FileResult) -> str | None:
        """The rewritten line, or None when nothing changed."""
        action = self.rewriter.action
        stripped = text.strip()
        parsed = False
        if stripped[:1] in ("{", "["):
            try:
                json.loads(stripped)
                parsed = True
            except ValueError:
                pass
        if not parsed:
            if stripped:
                result.notes.append(f"line {lineno}: not valid JSON; redacted as plain text")
            new, reps = self.rewriter.rewrite_texts([text])[0]
            _record(result, {"line": lineno}, reps, action)
            return new if reps else None
        values = list(json_values(text))
        hints = [((p.rsplit(".", 1)[-1],) if p and not p.rsplit(".", 1)[-1].isdigit() else None)
                 for p, _, _, _ in values]
        rewritten = self.rewriter.rewrite_texts([v for _, v, _, _ in values], hints)
        edits: list[tuple[int, int, str]] = []
        for (dotted, value, offsets, plain), (new, reps) in zip(values, rewritten):
            if not reps:
                continue
            _record(result, {"line": lineno, "field": dotted or None}, reps, action)
            if offsets is None and text[plain - 1 : plain] != '"':
                # a JSON number: digits stay a number, anything else becomes a string
                edits.append((plain, plain + len(value), new if new.isdigit() else json.dumps(new, ensure_ascii=False)))
                continue
            token = _JSON_STRING.match(text, plain - 1)
            edits.append((plain, token.end() - 1, json.dumps(new, ensure_ascii=False)[1:-1]))
        for start, end, replacement in sorted(edits, reverse=True):
            text = text[:start] + replacement + text[end:]
        try:
            json.loads(text)
        except ValueError:
            raise SourceError(result.path, "a rewritten line is not valid JSON; file left untouched", line=lineno) from None
        return text

    def _csv(self, path: str, out: IO[bytes] | None, result: FileResult, fmt: str) -> None:
        action = self.rewriter.action
        with self._open_in(path) as fin:
            raw = fin.read()
        if b"\x00" in raw[:8192]:
            raise SourceError(path, "binary file: cannot be read as CSV")
        bom = raw.startswith(b"\xef\xbb\xbf")
        text, encoding = _decode(raw[3:] if bom else raw)
        first_line = text.split("\n", 1)[0]
        terminator = "\r\n" if first_line.endswith("\r") else "\n"
        if fmt == "tsv":
            delimiter = "\t"
        else:
            counts = {d: first_line.count(d) for d in (",", ";", "\t", "|")}
            delimiter = max(counts, key=counts.get) if any(counts.values()) else ","
        quote_all = first_line.startswith('"') and first_line.rstrip("\r").endswith('"') and \
            first_line.count('"') >= 2 * (first_line.count(delimiter) + 1)
        try:
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
        except csv.Error as exc:
            raise SourceError(path, f"not valid CSV: {exc}; file left untouched") from None
        if not rows:
            return
        header = rows[0]
        cells: list[tuple[int, int]] = [(r, c) for r in range(1, len(rows)) for c in range(len(rows[r])) if rows[r][c]]
        hints = [(header[c],) if c < len(header) else None for r, c in cells]
        rewritten = self.rewriter.rewrite_texts([rows[r][c] for r, c in cells], hints)
        for (r, c), (new, reps) in zip(cells, rewritten):
            if reps:
                rows[r][c] = new
                _record(result, {"row": r - 1, "column": header[c] if c < len(header) else str(c)}, reps, action)
        if out is None:
            return
        buf = io.StringIO(newline="")
        writer = csv.writer(buf, delimiter=delimiter, lineterminator=terminator,
                            quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
        writer.writerows(rows)
        body = buf.getvalue()
        if not text.endswith(("\n", "\r")) and body.endswith(terminator):
            body = body[: -len(terminator)]
        data = (b"\xef\xbb\xbf" if bom else b"") + body.encode(encoding, errors="replace")
        with self._open_out(path, out) as fout:
            fout.write(data)

    def _parquet(self, path: str, out: IO[bytes] | None, result: FileResult, fmt: str) -> None:
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise SourceError(path, "Parquet needs pyarrow (pip install pyarrow)") from None
        action = self.rewriter.action
        try:
            table = pq.read_table(path)
        except (OSError, pa.ArrowException) as exc:
            raise SourceError(path, f"not a readable Parquet file: {str(exc).splitlines()[0][:200]}") from None
        columns = []
        for name, column in zip(table.column_names, table.columns):
            kind = column.type
            if not (pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_integer(kind)):
                columns.append(column)
                continue
            values = column.to_pylist()
            index = [i for i, v in enumerate(values) if v is not None and str(v)]
            rewritten = self.rewriter.rewrite_texts([str(values[i]) for i in index], [(name,)] * len(index))
            changed = False
            for i, (new, reps) in zip(index, rewritten):
                if not reps:
                    continue
                changed = True
                _record(result, {"row": i, "column": name}, reps, action)
                if pa.types.is_integer(kind):
                    values[i] = int(new) if new.isdigit() else None
                else:
                    values[i] = new
            columns.append(pa.array(values, type=kind) if changed else column)
        if out is None:
            return
        pq.write_table(pa.Table.from_arrays(columns, schema=table.schema), out)
