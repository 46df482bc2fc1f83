"""Databases behind any SQLAlchemy URL: SQLite files, PostgreSQL, MySQL/MariaDB.

Every table (of the default schema, or those chosen by `--schema`, `--tables`,
`--exclude-tables`) is read in one read-only transaction of its own with a server-side
cursor, `BATCH_ROWS` rows at a time, so memory stays flat whatever the table size and
a table the user may not read is one problem, not the end of the scan. Text and JSON
columns are scanned whole; integer and decimal columns only where a value has at least
`MIN_NUMBER_DIGITS` digits (a phone or a ПИН kept as a number); binary, boolean and
date columns are skipped. Each value becomes a Record located by its table, primary
key and column.

Sampling (`--sample N`, N rows a table), by dialect:
  SQLite       `ORDER BY random() LIMIT N` (a local file: a full pass is cheap)
  PostgreSQL   `ORDER BY random() LIMIT N` up to `SAMPLE_SORT_ROWS` estimated rows
               (pg_class.reltuples), else `TABLESAMPLE SYSTEM (p) LIMIT N` with p
               three times N / rows (pages at random: cheap, but rows of one page together)
  MySQL        `ORDER BY RAND() LIMIT N` up to `SAMPLE_SORT_ROWS` estimated rows
               (information_schema.TABLES), else `WHERE RAND() < p LIMIT N` (no sort;
               the scan stops once N rows are found)
"""

from __future__ import annotations

import datetime
import fnmatch
import json
import os
import uuid
from decimal import Decimal
from typing import Any, Iterator, NamedTuple
from urllib.parse import quote

from ..errors import Problem, SourceError, scrub
from . import SourceOptions, register_suffix, register_url
from .base import ProblemSink, Record, Source, mask_url

BATCH_ROWS = 2000
MIN_NUMBER_DIGITS = 9
SAMPLE_SORT_ROWS = 100_000
# A parallel scan cuts a table with a single integer key (or SQLite's rowid) into key
# ranges of about this many rows: work for every process, and a bounded unit result.
RANGE_ROWS = 10_000
SQLITE_SUFFIXES = (".db", ".sqlite", ".sqlite3")
SQLITE_MAGIC = b"SQLite format 3\x00"

# Schemas that hold the server's own catalogs, never user data.
SYSTEM_SCHEMAS = {"information_schema", "pg_catalog", "pg_toast", "mysql", "performance_schema", "sys"}

# Column kinds
TEXT, NUMBER, SKIP = "text", "number", "skip"

# Defaults where SQLAlchemy's own default driver is not installed with kgpii.
DEFAULT_DRIVERS = {"postgresql": "postgresql+psycopg", "postgres": "postgresql+psycopg",
                   "mysql": "mysql+pymysql", "mariadb": "mariadb+pymysql"}


class KeyRange(NamedTuple):
    """Rows whose integer key (`column`, or SQLite's `rowid`) is in [low, high); None = open."""

    column: str
    low: int | None
    high: int | None


def is_database_url(spec: str) -> bool:
    """True for a URL SQLAlchemy has a dialect for (`sqlite:///x.db`, `mysql+pymysql://…`)."""
    if "://" not in spec and not spec.startswith("sqlite:"):
        return False
    scheme = spec.split(":", 1)[0].lower()
    dialect = scheme.split("+", 1)[0]
    if dialect in DEFAULT_DRIVERS or dialect == "sqlite":
        return True
    try:
        from sqlalchemy.dialects import registry

        registry.load(scheme.replace("+", "."))
    except Exception:  # noqa: BLE001 - any failure means "not a dialect we can use"
        return False
    return True


def _with_default_driver(url: str) -> str:
    scheme, rest = url.split("://", 1)
    return f"{DEFAULT_DRIVERS.get(scheme.lower(), scheme)}://{rest}"


def column_kind(sa_type: Any) -> str:
    """How a column of this SQLAlchemy type is read: TEXT, NUMBER or SKIP."""
    from sqlalchemy import types as t

    if isinstance(sa_type, (t.Boolean, t.LargeBinary, t._Binary, t.Date, t.DateTime, t.Time,
                            t.Interval, t.Uuid)):
        return SKIP
    if isinstance(sa_type, t.SmallInteger):
        return SKIP                 # at most 5 digits: never a phone or a ПИН
    if isinstance(sa_type, (t.Integer, t.Numeric)):
        return NUMBER
    if isinstance(sa_type, (t.String, t.JSON, t.Enum, t.NullType, t.ARRAY)):
        return TEXT
    name = type(sa_type).__name__.upper()
    if any(word in name for word in ("BLOB", "BINARY", "BYTEA", "BIT", "GEOMETRY", "POINT", "OID")):
        return SKIP
    return TEXT                     # JSONB, CITEXT, XML, INET, unknown vendor types: read as text


def _is_json(sa_type: Any) -> bool:
    from sqlalchemy import types as t

    return isinstance(sa_type, t.JSON) or type(sa_type).__name__.upper() in ("JSON", "JSONB")


def value_text(value: Any) -> str | None:
    """The text scanned for one value, or None when it cannot hold personal data.

    Numbers count only with at least MIN_NUMBER_DIGITS digits (996555123456, a ПИН);
    an integral float or decimal (Excel and ORM leftovers) is written without `.0`.
    """
    if value is None or isinstance(value, (bool, bytes, bytearray, memoryview,
                                           datetime.date, datetime.time, datetime.timedelta, uuid.UUID)):
        return None
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, int):
        text = str(value)
        return text if len(text.lstrip("-")) >= MIN_NUMBER_DIGITS else None
    if isinstance(value, (float, Decimal)):
        try:
            if value != value or value in (float("inf"), float("-inf")) or value != int(value):
                return None
        except (OverflowError, ValueError, ArithmeticError):
            return None
        return value_text(int(value))
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False, default=str)
    text = str(value)
    return text if text.strip() else None


def key_value(value: Any) -> Any:
    """A primary-key value as JSON can hold it."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


def describe_db_error(exc: BaseException) -> str:
    """One line for a driver error, without values or passwords."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip()
    low = text.lower()
    if "password authentication failed" in low or "access denied for user" in low \
            or "authentication failed" in low:
        return "authentication failed: check the user name and password in the URL"
    if ("database" in low and "does not exist" in low) or "unknown database" in low:
        return "unknown database: check the database name in the URL"
    if "connection refused" in low or "could not connect" in low or "can't connect" in low \
            or "timeout" in low or "timed out" in low or "name or service not known" in low \
            or "could not translate host name" in low or "no route to host" in low \
            or "failed to resolve host" in low or "nodename nor servname" in low:
        return "cannot connect to the server: check the host and port, and that it is running"
    if "permission denied" in low or "command denied" in low or "insufficient privilege" in low:
        return "permission denied"
    if "unable to open database file" in low:
        return "cannot open the SQLite file"
    if "file is not a database" in low or "file is encrypted" in low:
        return "not a SQLite database (or encrypted)"
    first = text.splitlines()[0] if text else type(orig).__name__
    return f"{type(orig).__name__}: {scrub(first)}"


def _matches_any(names: tuple[str, ...], patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(n.lower(), p.lower()) for n in names for p in patterns)


class DatabaseSource(Source):
    """All readable tables behind a SQLAlchemy URL, one Record per non-empty value.

    >>> src = DatabaseSource("sqlite:///shop.db", SourceOptions(tables=("customers",)))  # doctest: +SKIP
    >>> for rec in src.records(print): ...                                            # doctest: +SKIP

    After `records()` ran: `sampled` maps each sampled table to how it was sampled,
    `column_names` lists every (table, column) seen, scanned or not.
    """

    kind = "database"

    def __init__(self, url: str, options: SourceOptions | None = None, name: str | None = None):
        super().__init__(name or mask_url(url))
        self.url = url
        self.options = options or SourceOptions()
        self.sampled: dict[str, dict] = {}
        self.column_names: list[tuple[str, str]] = []
        self.only: tuple[str | None, str] | None = None    # (schema, table): one partition of a parallel scan
        self.key_range: KeyRange | None = None               # and, for a big table, one range of its key

    # --- connection -------------------------------------------------------------------
    def _engine(self):
        import sqlalchemy
        from sqlalchemy.engine import make_url
        from sqlalchemy.pool import NullPool

        url = self.url
        if "://" in url and not url.startswith("sqlite"):
            url = _with_default_driver(url)
        try:
            parsed = make_url(url)
        except Exception:  # noqa: BLE001 - sqlalchemy.exc.ArgumentError and friends
            raise SourceError(self.name, "not a valid database URL (e.g. sqlite:///shop.db, "
                              "postgresql+psycopg://user@host/db)") from None
        kwargs: dict[str, Any] = {"poolclass": NullPool}
        if parsed.get_backend_name() == "sqlite":
            parsed = self._sqlite_read_only(parsed)
        elif parsed.get_backend_name() == "postgresql":
            kwargs["connect_args"] = {"connect_timeout": 10}
        elif parsed.get_backend_name() in ("mysql", "mariadb"):
            kwargs["connect_args"] = {"connect_timeout": 10}
        try:
            return sqlalchemy.create_engine(parsed, **kwargs)
        except ModuleNotFoundError as exc:
            raise SourceError(self.name, f"database driver {exc.name!r} is not installed") from None
        except Exception as exc:  # noqa: BLE001 - unknown dialect, bad URL query
            raise SourceError(self.name, f"cannot use this URL: {describe_db_error(exc)}") from None

    def _sqlite_read_only(self, parsed):
        """The same SQLite URL opened through a `mode=ro` URI: SQLite itself refuses writes."""
        database = parsed.database or ""
        if database in ("", ":memory:") or database.startswith("file:"):
            return parsed
        if not os.path.exists(database):
            raise SourceError(self.name, "no such SQLite file")
        with open(database, "rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
        if head and head != SQLITE_MAGIC:
            raise SourceError(self.name, "not a SQLite database")
        self.bytes_read = os.path.getsize(database)
        uri = "file:" + quote(os.path.abspath(database)) + "?mode=ro"
        return parsed.set(database=uri, query={"uri": "true"})

    def read_only_connection(self, engine):
        """A connection whose every transaction is read-only: the server refuses writes.

        PostgreSQL and MySQL get `SET SESSION ... READ ONLY` (every later transaction,
        the catalog queries included, is `READ ONLY`); SQLite is opened `mode=ro` and
        also gets `PRAGMA query_only`.
        """
        from sqlalchemy.exc import SQLAlchemyError

        try:
            conn = engine.connect()
        except SQLAlchemyError as exc:
            raise SourceError(self.name, describe_db_error(exc)) from None
        dialect = conn.dialect.name
        try:
            if dialect == "sqlite":
                conn.exec_driver_sql("PRAGMA query_only = ON")
            elif dialect == "postgresql":
                conn.exec_driver_sql("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            elif dialect in ("mysql", "mariadb"):
                conn.exec_driver_sql("SET SESSION TRANSACTION READ ONLY")
            conn.commit()
        except SQLAlchemyError as exc:
            conn.close()
            raise SourceError(self.name, f"cannot start a read-only session: {describe_db_error(exc)}") from None
        return conn

    # --- discovery --------------------------------------------------------------------
    def _schemas(self, inspector, conn) -> list[str | None]:
        """None for the default schema, or the schemas named by `--schema` (globs allowed)."""
        wanted = self.options.schema
        if not wanted:
            return [None]
        patterns = tuple(p.strip() for p in wanted.split(",") if p.strip())
        names = [s for s in inspector.get_schema_names()
                 if s not in SYSTEM_SCHEMAS and not s.startswith(("pg_temp", "pg_toast"))]
        chosen = [s for s in names if _matches_any((s,), patterns)]
        if not chosen:
            raise SourceError(self.name, f"no schema matches --schema {wanted!r}")
        default = inspector.default_schema_name
        return [None if s == default else s for s in chosen]

    def _tables(self, inspector, schema: str | None) -> list[tuple[str, str]]:
        """(name as reported, bare name) of every table to scan in `schema`."""
        out = []
        for bare in sorted(inspector.get_table_names(schema=schema)):
            shown = f"{schema}.{bare}" if schema else bare
            names = (bare, shown)
            if self.options.tables and not _matches_any(names, self.options.tables):
                continue
            if self.options.exclude_tables and _matches_any(names, self.options.exclude_tables):
                continue
            out.append((shown, bare))
        return out

    # --- reading ----------------------------------------------------------------------
    def _plan(self, conn) -> tuple[Any, list[tuple[str | None, str, str]]]:
        """The inspector and the (schema, shown name, bare name) of every table to scan."""
        import sqlalchemy
        from sqlalchemy.exc import SQLAlchemyError

        try:
            inspector = sqlalchemy.inspect(conn)
            plan = [(schema, shown, bare) for schema in self._schemas(inspector, conn)
                    for shown, bare in self._tables(inspector, schema)]
            conn.rollback()
        except SQLAlchemyError as exc:
            raise SourceError(self.name, f"cannot list tables: {describe_db_error(exc)}") from None
        if self.only is not None:
            plan = [entry for entry in plan if (entry[0], entry[2]) == self.only]
        return inspector, plan

    def partitions(self, range_rows: int | None = None) -> list[tuple[str | None, str, "KeyRange | None", bool]]:
        """(schema, table, key range or None, big) of every table a scan would read: the
        units of a parallel scan. A table of more than `range_rows` rows (default
        `RANGE_ROWS`) with a single integer primary key, or a SQLite rowid, comes as several
        key ranges (not when sampling: a sample is drawn per table); `big` marks a table of
        more rows that cannot be cut (another kind of key), which the parallel scan then
        reads in the parent process, streaming, rather than hold its findings in a worker."""
        range_rows = range_rows or RANGE_ROWS
        engine = self._engine()
        out: list[tuple[str | None, str, KeyRange | None, bool]] = []
        try:
            with self.read_only_connection(engine) as conn:
                inspector, plan = self._plan(conn)
                for schema, shown, bare in plan:
                    if self.options.sample:
                        out.append((schema, bare, None, False))
                        continue
                    ranges, rows = self._key_ranges(conn, inspector, schema, bare, range_rows)
                    if ranges:
                        out.extend((schema, bare, r, False) for r in ranges)
                    else:
                        out.append((schema, bare, None, rows is not None and rows > range_rows))
        finally:
            engine.dispose()
        return out

    def _key_ranges(self, conn, inspector, schema, bare, range_rows: int) -> tuple[list["KeyRange"] | None, int | None]:
        """(half-open ranges of the table's integer key, about `range_rows` rows each, or None
        when the table is small or has no such key; the table's rows, None if unknown)."""
        from sqlalchemy import Integer, column, func, literal_column, select, table
        from sqlalchemy.exc import SQLAlchemyError

        try:
            columns = {c["name"]: c["type"] for c in inspector.get_columns(bare, schema=schema)}
            pk = list(inspector.get_pk_constraint(bare, schema=schema).get("constrained_columns") or [])
            key_col = key = None
            if len(pk) == 1 and isinstance(columns.get(pk[0]), Integer):
                key_col, key = pk[0], column(pk[0])
            elif not pk and conn.dialect.name == "sqlite" and "rowid" not in columns:
                key_col, key = "rowid", literal_column("rowid")
            conn.rollback()          # end the catalog queries' transaction
            with conn.begin():
                tbl = table(bare, schema=schema)
                if key is None:
                    return None, conn.execute(select(func.count()).select_from(tbl)).scalar()
                lo, hi, rows = conn.execute(select(func.min(key), func.max(key), func.count()).select_from(tbl)).one()
        except SQLAlchemyError:
            conn.rollback()
            return None, None        # the scan itself reports what is wrong with the table
        if rows is None or rows <= range_rows or lo is None:
            return None, rows
        parts = -(-rows // range_rows)
        step = max(1, -(-(hi - lo + 1) // parts))
        bounds = list(range(lo, hi + 1, step)) + [hi + 1]
        ranges = [KeyRange(key_col, a, b) for a, b in zip(bounds, bounds[1:])]
        # the first and last ranges are open: rows added while the scan runs are not missed
        ranges[0] = KeyRange(key_col, None, ranges[0].high)
        ranges[-1] = KeyRange(key_col, ranges[-1].low, None)
        return ranges, rows

    def records(self, problems: ProblemSink) -> Iterator[Record]:
        engine = self._engine()
        try:
            with self.read_only_connection(engine) as conn:
                inspector, plan = self._plan(conn)
                if not plan and self.only is None:
                    problems(Problem(self.name, "no tables to scan", severity="note"))
                for schema, shown, bare in plan:
                    yield from self._scan_table(conn, inspector, schema, shown, bare, problems)
        finally:
            engine.dispose()

    def _scan_table(self, conn, inspector, schema, shown, bare, problems) -> Iterator[Record]:
        from sqlalchemy.exc import SQLAlchemyError

        try:
            columns = inspector.get_columns(bare, schema=schema)
            pk = list(inspector.get_pk_constraint(bare, schema=schema).get("constrained_columns") or [])
        except SQLAlchemyError as exc:
            conn.rollback()
            problems(Problem(self.name, f"table {shown}: cannot read its columns: {describe_db_error(exc)}"))
            return
        conn.rollback()
        kinds = {c["name"]: column_kind(c["type"]) for c in columns}
        # JSON read as the server's own text, so offsets point into what the database holds
        as_text = {c["name"] for c in columns if _is_json(c["type"])}
        self.column_names.extend((shown, c["name"]) for c in columns)
        scanned = [name for name, kind in kinds.items() if kind != SKIP]
        if not scanned:
            return
        dialect = conn.dialect.name
        key_cols = pk
        rowid = False
        if not key_cols:
            if dialect == "sqlite" and "rowid" not in kinds:
                rowid = True
            else:
                problems(Problem(self.name, f"table {shown}: no primary key; rows located by "
                                 "their position in the scan (_row)", severity="note"))
        try:
            with conn.begin():
                stmt, method = self._select(conn, schema, bare, key_cols, scanned, rowid, as_text)
                result = conn.execution_options(stream_results=True, yield_per=BATCH_ROWS).execute(stmt)
                nkey = len(key_cols) + rowid
                source, hints = self.name, {c: (c,) for c in scanned}
                rows = 0
                for partition in result.partitions():
                    for row in partition:
                        if rowid:
                            key = {"rowid": row[0]}
                        elif key_cols:
                            key = {k: key_value(v) for k, v in zip(key_cols, row[:nkey])}
                        else:
                            key = {"_row": rows}
                        for col, value in zip(scanned, row[nkey:]):
                            text = value_text(value)
                            if text is not None:
                                yield Record(text=text, source=source, table=shown, key=key,
                                             column=col, hints=hints[col])
                        rows += 1
                if method is not None and rows >= (self.options.sample or 0):
                    self.sampled[shown] = {"method": method, "rows": rows}
        except SQLAlchemyError as exc:
            problems(Problem(self.name, f"table {shown}: cannot read: {describe_db_error(exc)}"))

    def _select(self, conn, schema, bare, key_cols, scanned, rowid, as_text=frozenset()):
        """The SELECT for one table (sampled when asked) and the sampling method's name."""
        from sqlalchemy import Text, cast, column, func, literal_column, select, table, text

        cols = ([literal_column("rowid")] if rowid else []) + [column(c) for c in key_cols] + [
            cast(column(c), Text).label(c) if c in as_text and conn.dialect.name == "postgresql" else column(c)
            for c in scanned]
        tbl = table(bare, schema=schema)
        n = self.options.sample
        if not n:
            stmt = select(*cols).select_from(tbl)
            if self.key_range is not None:
                name, low, high = self.key_range
                key = literal_column("rowid") if name == "rowid" else column(name)
                if low is not None:
                    stmt = stmt.where(key >= low)
                if high is not None:
                    stmt = stmt.where(key < high)
            return stmt, None
        dialect = conn.dialect.name
        if dialect == "postgresql":
            estimate = self._estimated_rows(conn, schema, bare)
            if estimate > SAMPLE_SORT_ROWS:
                percent = min(100.0, 300.0 * n / estimate)
                sampled = tbl.tablesample(func.system(percent))
                return (select(*cols).select_from(sampled).limit(n),
                        f"TABLESAMPLE SYSTEM ({percent:.4g}) LIMIT {n}")
            return select(*cols).select_from(tbl).order_by(func.random()).limit(n), f"ORDER BY random() LIMIT {n}"
        if dialect in ("mysql", "mariadb"):
            estimate = self._estimated_rows(conn, schema, bare)
            if estimate > SAMPLE_SORT_ROWS:
                p = min(1.0, 3.0 * n / estimate)
                return (select(*cols).select_from(tbl).where(text(f"RAND() < {p:.6g}")).limit(n),
                        f"WHERE RAND() < {p:.6g} LIMIT {n}")
            return select(*cols).select_from(tbl).order_by(func.rand()).limit(n), f"ORDER BY RAND() LIMIT {n}"
        return select(*cols).select_from(tbl).order_by(func.random()).limit(n), f"ORDER BY random() LIMIT {n}"

    def _estimated_rows(self, conn, schema, bare) -> float:
        """The planner's row estimate (no scan); 0 when unknown."""
        from sqlalchemy import text

        if conn.dialect.name == "postgresql":
            sql = ("SELECT c.reltuples FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                   "WHERE c.relname = :t AND n.nspname = COALESCE(:s, current_schema())")
        else:
            sql = ("SELECT table_rows FROM information_schema.tables "
                   "WHERE table_name = :t AND table_schema = COALESCE(:s, DATABASE())")
        value = conn.execute(text(sql), {"t": bare, "s": schema}).scalar()
        return float(value or 0)


def _database_file(name: str, path: str, options: SourceOptions) -> Source:
    return DatabaseSource(f"sqlite:///{path}", options, name=name)


register_url(is_database_url, lambda url, options: DatabaseSource(url, options))
for _suffix in SQLITE_SUFFIXES:
    register_suffix(_suffix, _database_file)
