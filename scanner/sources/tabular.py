"""Data exports: CSV/TSV, Parquet, Excel `.xlsx` and JSON arrays of objects.

Every cell becomes a Record located by its 0-based data `row` (the header is not
counted) and its `column` (`Sheet!header` in Excel, the dotted field path in JSON).
Files are streamed: CSV row by row (`csv` module, delimiter and encoding sniffed:
UTF-8 with or without BOM, else cp1251), Parquet one record batch at a time, Excel
through openpyxl's read-only reader, JSON element by element with a bounded
incremental decoder (memory grows with the largest single object, not the file).

`--sample N` keeps N rows a file chosen uniformly at random (reservoir sampling with a
fixed seed: the same file gives the same sample); the file is still read once whole,
but only the N rows are scanned.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import random
import re
import zipfile
from typing import IO, Any, Iterable, Iterator

from ..errors import Problem, SourceError
from . import SourceOptions, register_suffix
from .base import ProblemSink, Record, Source, open_binary
from .database import value_text

SNIFF_BYTES = 64 * 1024
JSON_CHUNK = 1 << 16
SAMPLE_SEED = 20240101
# A cell bigger than this is a broken quote swallowing the file, not data.
csv.field_size_limit(64 * 1024 * 1024)

Row = tuple[int, list[tuple[str, str]]]      # (0-based data row, [(column, text)])


def reservoir(rows: Iterable[Row], n: int) -> tuple[list[Row], int]:
    """N rows chosen uniformly at random (fixed seed), in file order, and the rows seen."""
    rng = random.Random(SAMPLE_SEED)
    kept: list[Row] = []
    seen = 0
    for item in rows:
        if seen < n:
            kept.append(item)
        else:
            j = rng.randrange(seen + 1)
            if j < n:
                kept[j] = item
        seen += 1
    kept.sort(key=lambda r: r[0])
    return kept, seen


def column_hint(column: str) -> tuple[str, ...]:
    """The context word a column name gives: `Sheet!phone` -> phone, `contact.phones.0` -> phones."""
    parts = [p for p in re.split(r"[.!]", column) if p and not p.isdigit()]
    return (parts[-1],) if parts else ()


class TabularSource(Source):
    """Base of the export readers: subclasses yield (row, [(column, text)]) from `rows()`."""

    kind = "tabular"

    def __init__(self, name: str, path: str, options: SourceOptions | None = None):
        super().__init__(name)
        self.path = path
        self.options = options or SourceOptions()
        self.sampled: dict = {}
        self.column_names: list[tuple[None, str]] = []

    def rows(self, problems: ProblemSink) -> Iterator[Row]:
        raise NotImplementedError

    def records(self, problems: ProblemSink) -> Iterator[Record]:
        rows = self.rows(problems)
        n = self.options.sample
        if n:
            kept, seen = reservoir(rows, n)
            if seen > n:
                self.sampled = {"method": f"reservoir sample of {n} rows", "rows": n, "of": seen}
            rows = iter(kept)
        name = self.name
        hints: dict[str, tuple[str, ...]] = {}
        for row, cells in rows:
            for column, text in cells:
                hint = hints.get(column)
                if hint is None:
                    hint = hints[column] = column_hint(column)
                yield Record(text=text, source=name, row=row, column=column, hints=hint)
        try:
            self.bytes_read = os.path.getsize(self.path)
        except OSError:
            pass

    def _open_binary(self) -> IO[bytes]:
        fh: IO[bytes] = open_binary(self.name, self.path)
        if self.path.lower().endswith(".gz"):
            return gzip.GzipFile(fileobj=fh, mode="rb")     # type: ignore[return-value]
        return fh

    def _column_seen(self, column: str) -> None:
        self.column_names.append((None, column))


# --- CSV / TSV -----------------------------------------------------------------------

def sniff_encoding(head: bytes) -> str:
    """utf-8-sig with a BOM, utf-8 when the head decodes, else cp1251 (legacy exports)."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:       # not just a character cut at the window's end
            return "cp1251"
    return "utf-8"


def sniff_delimiter(sample: str, path: str) -> str:
    """`\\t` for .tsv, else what csv.Sniffer finds among `,;\\t|`, else the commonest in line 1."""
    lower = path.lower()
    if lower.endswith((".tsv", ".tsv.gz", ".tab")):
        return "\t"
    complete = sample[: sample.rfind("\n") + 1] or sample
    try:
        return csv.Sniffer().sniff(complete, delimiters=",;\t|").delimiter
    except csv.Error:
        first = complete.split("\n", 1)[0]
        return max(",;\t|", key=first.count) if any(d in first for d in ",;\t|") else ","


class CsvSource(TabularSource):
    """A CSV or TSV export (optionally `.gz`) with a header row."""

    kind = "csv"

    def rows(self, problems: ProblemSink) -> Iterator[Row]:
        raw = self._open_binary()
        try:
            try:
                buffered = io.BufferedReader(raw, buffer_size=SNIFF_BYTES)  # type: ignore[arg-type]
                head = buffered.peek(SNIFF_BYTES)[:SNIFF_BYTES]
            except (OSError, EOFError) as exc:
                raise SourceError(self.name, f"cannot read: {getattr(exc, 'strerror', None) or exc}") from None
            if not head.strip():
                problems(Problem(self.name, "empty file, nothing to scan", severity="note"))
                return
            if b"\x00" in head:
                raise SourceError(self.name, "binary data, not a CSV file")
            encoding = sniff_encoding(head)
            text = io.TextIOWrapper(buffered, encoding=encoding, errors="replace", newline="")
            delimiter = sniff_delimiter(head.decode(encoding, errors="ignore"), self.path)
            yield from self._rows(csv.reader(text, delimiter=delimiter, strict=True), problems)
        finally:
            raw.close()

    def _rows(self, reader, problems: ProblemSink) -> Iterator[Row]:
        header: list[str] | None = None
        row = 0
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                problems(Problem(self.name, f"malformed CSV row {row} ({exc}); skipped", line=reader.line_num))
                row += 1
                continue
            except (OSError, EOFError) as exc:
                raise SourceError(self.name, f"read failed after data row {row}: {exc}") from None
            if header is None:
                header = [h.strip() or f"column_{i + 1}" for i, h in enumerate(cells)]
                for col in header:
                    self._column_seen(col)
                continue
            if not cells:
                continue
            if len(cells) != len(header):
                problems(Problem(self.name, f"row {row} has {len(cells)} fields, the header {len(header)}; "
                                 "scanned as read", line=reader.line_num))
                while len(header) < len(cells):
                    header.append(f"column_{len(header) + 1}")
                    self._column_seen(header[-1])
            yield row, [(header[i], v) for i, v in enumerate(cells) if v and not v.isspace()]
            row += 1


# --- Parquet -------------------------------------------------------------------------

class ParquetSource(TabularSource):
    """A Parquet file, read one record batch (at most a row group) at a time."""

    kind = "parquet"
    BATCH_ROWS = 8192

    def rows(self, problems: ProblemSink) -> Iterator[Row]:
        import pyarrow as pa
        import pyarrow.parquet as pq

        try:
            pfile = pq.ParquetFile(self.path)
        except FileNotFoundError:
            raise SourceError(self.name, "no such file") from None
        except (pa.ArrowException, OSError):
            raise SourceError(self.name, "not a readable Parquet file (truncated or corrupt)") from None
        columns = []
        for fld in pfile.schema_arrow:
            self._column_seen(fld.name)
            if _arrow_scannable(fld.type):
                columns.append(fld.name)
        if not columns:
            return
        row = 0
        try:
            for batch in pfile.iter_batches(batch_size=self.BATCH_ROWS, columns=columns):
                values = [batch.column(i).to_pylist() for i in range(batch.num_columns)]
                names = batch.schema.names
                for r in range(batch.num_rows):
                    cells = []
                    for name, col in zip(names, values):
                        text = value_text(col[r])
                        if text is not None:
                            cells.append((name, text))
                    yield row, cells
                    row += 1
        except (pa.ArrowException, OSError) as exc:
            raise SourceError(self.name, f"corrupt data after row {row}: {str(exc).splitlines()[0][:120]}") from None


def _arrow_scannable(typ) -> bool:
    import pyarrow.types as t

    if t.is_dictionary(typ):
        typ = typ.value_type
    if (t.is_boolean(typ) or t.is_binary(typ) or t.is_large_binary(typ) or t.is_fixed_size_binary(typ)
            or t.is_temporal(typ) or t.is_null(typ)):
        return False
    if t.is_integer(typ):
        return typ.bit_width >= 32        # 16-bit and smaller never hold 9 digits
    return True


# --- Excel ---------------------------------------------------------------------------

_MERGE_CELL = re.compile(rb"<(?:\w+:)?mergeCell\b")


class ExcelSource(TabularSource):
    """An `.xlsx` workbook: every sheet, first row as header, `column` = `Sheet!header`."""

    kind = "excel"

    def rows(self, problems: ProblemSink) -> Iterator[Row]:
        from openpyxl import load_workbook

        if not os.path.exists(self.path):
            raise SourceError(self.name, "no such file")
        try:
            book = load_workbook(self.path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError) as exc:
            raise SourceError(self.name, f"not a readable .xlsx workbook ({type(exc).__name__})") from None
        except Exception as exc:  # noqa: BLE001 - openpyxl raises its own InvalidFileException etc.
            raise SourceError(self.name, f"not a readable .xlsx workbook ({type(exc).__name__})") from None
        row = 0
        try:
            for sheet in book.worksheets:
                merged = self._merged_ranges(sheet)
                if merged:
                    problems(Problem(self.name, f"sheet {sheet.title!r} has {merged} merged cell range(s); "
                                     "a merged value is scanned once, at its top-left cell", severity="note"))
                header: list[str] | None = None
                for values in sheet.iter_rows(values_only=True):
                    if header is None:
                        if not any(v is not None for v in values):
                            continue
                        header = [f"{sheet.title}!{_header_name(v, i)}" for i, v in enumerate(values)]
                        for col in header:
                            self._column_seen(col)
                        continue
                    while len(header) < len(values):
                        header.append(f"{sheet.title}!column_{len(header) + 1}")
                        self._column_seen(header[-1])
                    cells = []
                    for col, value in zip(header, values):
                        text = value_text(value)
                        if text is not None:
                            cells.append((col, text))
                    yield row, cells
                    row += 1
                row = 0
        except (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError) as exc:
            raise SourceError(self.name, f"corrupt workbook after data row {row} ({type(exc).__name__})") from None
        finally:
            book.close()

    def _merged_ranges(self, sheet) -> int:
        """Merged ranges in a sheet: read-only mode ignores them, so count them in its XML."""
        path = getattr(sheet, "_worksheet_path", None)
        archive = getattr(sheet.parent, "_archive", None)
        if not path or archive is None:
            return 0
        count = 0
        tail = b""
        with archive.open(path) as fh:
            while True:
                chunk = fh.read(1 << 20)
                if not chunk:
                    return count
                data = tail + chunk
                # a match wholly inside `tail` was counted with the previous chunk
                count += sum(1 for m in _MERGE_CELL.finditer(data) if m.end() > len(tail))
                tail = data[-16:]


def _header_name(value: Any, index: int) -> str:
    text = "" if value is None else str(value).strip()
    return text or f"column_{index + 1}"


# --- JSON arrays ---------------------------------------------------------------------

def flatten(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """(dotted path, scalar) for every leaf: `{"a": {"b": [1]}}` -> ("a.b.0", 1)."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from flatten(v, f"{path}.{k}" if path else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from flatten(v, f"{path}.{i}" if path else str(i))
    else:
        yield path, value


class JsonArraySource(TabularSource):
    """A `.json` file holding one array of objects (an API dump, a NoSQL export)."""

    kind = "json"
    single_object = False

    def rows(self, problems: ProblemSink) -> Iterator[Row]:
        raw = self._open_binary()
        try:
            text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace")
            seen: set[str] = set()
            for row, element in enumerate(self._elements(text)):
                if not isinstance(element, dict):
                    problems(Problem(self.name, f"element {row} is a {type(element).__name__}, not an object; "
                                     "skipped"))
                    continue
                cells = []
                for path, value in flatten(element):
                    if path not in seen:
                        seen.add(path)
                        self._column_seen(path)
                    text_value = value_text(value)
                    if text_value is not None:
                        cells.append((path, text_value))
                yield row, cells
            if self.single_object:
                problems(Problem(self.name, "not a JSON array of objects (an object); its fields were "
                                 "scanned as row 0"))
        finally:
            raw.close()

    def _elements(self, fh: IO[str]) -> Iterator[Any]:
        """Decode the array's elements one at a time; buffer = the element being decoded."""
        decoder = json.JSONDecoder()
        buf = ""
        pos = 0
        eof = False
        chunk = JSON_CHUNK

        def fill() -> bool:
            nonlocal buf, pos, eof, chunk
            if eof:
                return False
            try:
                data = fh.read(chunk)
            except (OSError, EOFError) as exc:
                raise SourceError(self.name, f"read failed: {getattr(exc, 'strerror', None) or exc}") from None
            if not data:
                eof = True
                return False
            buf = buf[pos:] + data
            pos = 0
            chunk = min(chunk * 2, 1 << 24)       # big objects: fewer re-decodes
            return True

        def skip_ws() -> str:
            nonlocal pos
            while True:
                while pos < len(buf) and buf[pos] in " \t\r\n":
                    pos += 1
                if pos < len(buf):
                    return buf[pos]
                if not fill():
                    return ""

        first = skip_ws()
        if first == "{":
            # not the array of objects an export should be, but its values are still
            # someone's data: scan the one object as row 0, then report the file
            while fill():
                pass
            try:
                value, _ = decoder.raw_decode(buf, pos)
            except json.JSONDecodeError as exc:
                raise SourceError(self.name, f"malformed JSON object: {exc.msg}") from None
            self.single_object = True
            yield value
            return
        if first != "[":
            what = "empty" if not first else "not an array"
            raise SourceError(self.name, f"not a JSON array of objects ({what}); JSON Lines files should be "
                              "named .jsonl")
        pos += 1
        index = 0
        if skip_ws() == "]":
            return
        while True:
            if not skip_ws():
                raise SourceError(self.name, f"truncated JSON array after element {index}")
            while True:
                try:
                    value, end = decoder.raw_decode(buf, pos)
                except json.JSONDecodeError as exc:
                    # an error before the buffer's end is bad JSON, not an element cut short
                    cut_short = exc.pos >= len(buf) - 1 or exc.msg.startswith("Unterminated string")
                    if cut_short and fill():
                        continue
                    raise SourceError(self.name, f"malformed JSON in element {index}: {exc.msg}") from None
                if end == len(buf) and not eof and buf[pos] not in "{[\"" and fill():
                    continue            # a number cut at the buffer's end: read on
                break
            pos = end
            yield value
            index += 1
            sep = skip_ws()
            if sep == ",":
                pos += 1
            elif sep == "]":
                return
            else:
                raise SourceError(self.name, f"malformed JSON after element {index - 1}: expected ',' or ']'")


# --- registration --------------------------------------------------------------------

for _suffix in (".csv", ".tsv", ".tab", ".csv.gz", ".tsv.gz"):
    register_suffix(_suffix, CsvSource)
register_suffix(".parquet", ParquetSource)
register_suffix(".pq", ParquetSource)
register_suffix(".xlsx", ExcelSource)
register_suffix(".xlsm", ExcelSource)
register_suffix(".json", JsonArraySource)
register_suffix(".json.gz", JsonArraySource)
