"""Retention on a database table (SQLite, PostgreSQL, MariaDB through SQLAlchemy).

Rows past retention are read in primary-key order, `batch_size` at a time; each batch is one
transaction whose audit lines are fsync'd before it commits. Every change is idempotent
(transformed values are recognised and left alone, NULL stays NULL, deleted rows are gone),
so a run killed half-way is finished by running it again.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

import sqlalchemy as sa
from sqlalchemy.exc import NoSuchTableError, SQLAlchemyError

from ..errors import KgpiiError, scrub
from ..preview import mask_preview
from .audit import AuditLog
from .operators import SpanRewriter, is_transformed
from .policy import Rule
from .report import RuleReport

ROWID = "rowid"


def mask_url(url: str) -> str:
    from ..run import mask_url as _mask

    return _mask(url)


def db_error(rule: Rule, exc: Exception) -> KgpiiError:
    """A one-line message for a database error (values in it scrubbed)."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    return KgpiiError(f"rule {rule.name!r}: database error on {mask_url(rule.source)}: {scrub(text)}")


@dataclass
class ChildLink:
    """Rows of `table` whose `columns` point at the parent's `referred` columns."""

    table: sa.Table
    columns: list[str]
    referred: list[str]


@dataclass
class RowChange:
    key: dict[str, Any]
    updates: dict[str, Any] = field(default_factory=dict)
    delete: bool = False
    audit: list[dict[str, Any]] = field(default_factory=list)


class TableJob:
    """Plans or applies one database rule."""

    def __init__(self, rule: Rule, engine_for: Callable, now: dt.datetime, batch_size: int = 1000):
        self.rule = rule
        self.scan_engine = engine_for(rule.entities)
        self.now = now
        self.batch_size = batch_size
        self.source = mask_url(rule.source)
        self.db: sa.Engine | None = None
        self.table: sa.Table | None = None
        self.key_columns: list[str] = []
        self.columns: list[str] = []
        self.children: list[ChildLink] = []
        self.condition_text = ""
        self.rewriter = SpanRewriter("redact" if rule.action in ("null", "delete") else rule.action,
                                     self.scan_engine, keep_last=rule.keep_last)
        self._reflected: dict[str, sa.Table] = {}

    # --- setup ------------------------------------------------------------------------------
    def connect(self) -> sa.Engine:
        if self.db is None:
            url = self.rule.source
            try:
                parsed = sa.engine.make_url(url)
            except Exception:  # noqa: BLE001 - any parse failure is a bad URL
                raise KgpiiError(f"rule {self.rule.name!r}: source {self.source!r} is not a database URL") from None
            if parsed.get_backend_name() == "sqlite":
                import os

                path = parsed.database
                if not path or path == ":memory:" or not os.path.isfile(path):
                    raise KgpiiError(f"rule {self.rule.name!r}: no SQLite database at {path!r}")
            try:
                self.db = sa.create_engine(url)
            except Exception as exc:  # noqa: BLE001 - missing driver, bad URL
                raise KgpiiError(f"rule {self.rule.name!r}: cannot use {self.source}: {scrub(str(exc))}") from None
        return self.db

    def _reflect(self, conn, name: str, schema: str | None) -> sa.Table:
        cache_key = f"{schema}.{name}"
        if cache_key not in self._reflected:
            self._reflected[cache_key] = sa.Table(name, sa.MetaData(), schema=schema, autoload_with=conn)
        return self._reflected[cache_key]

    def resolve(self) -> None:
        """Check the table and columns exist, find the key and the child tables. KgpiiError if not."""
        rule = self.rule
        label = f"rule {rule.name!r}"
        schema, _, name = rule.table.rpartition(".")
        schema = schema or None
        try:
            with self.connect().connect() as conn:
                try:
                    table = self._reflect(conn, name, schema)
                except NoSuchTableError:
                    raise KgpiiError(f"{label}: field table: no table {rule.table!r} in {self.source}") from None
                self.table = table
                names = list(table.c.keys())
                if rule.age_column and rule.age_column not in names:
                    raise KgpiiError(f"{label}: field age_column: no column {rule.age_column!r} in {rule.table} "
                                     f"(columns: {', '.join(names)})")
                pk = [c.name for c in table.primary_key.columns]
                if not pk:
                    if conn.dialect.name != "sqlite":
                        raise KgpiiError(f"{label}: table {rule.table} has no primary key; "
                                         "kgpii needs one to change rows safely")
                    pk = [ROWID]
                self.key_columns = pk
                fks = {c for fk in table.foreign_keys for c in [fk.parent.name]}
                if rule.columns is not None:
                    missing = [c for c in rule.columns if c not in names]
                    if missing:
                        raise KgpiiError(f"{label}: field columns: no column {', '.join(map(repr, missing))} in "
                                         f"{rule.table} (columns: {', '.join(names)})")
                    keyed = [c for c in rule.columns if c in pk]
                    if keyed and rule.action != "delete":
                        raise KgpiiError(f"{label}: field columns: {', '.join(keyed)} is the primary key; "
                                         "use action delete to remove such rows")
                    self.columns = list(rule.columns)
                else:
                    self.columns = [c.name for c in table.columns
                                    if c.name not in pk and c.name not in fks and c.name != rule.age_column
                                    and _scannable(c.type)]
                if rule.action == "null" and rule.columns is not None:
                    strict = [c for c in self.columns if not table.c[c].nullable]
                    if strict:
                        raise KgpiiError(f"{label}: field columns: {', '.join(strict)} is NOT NULL; "
                                         "action null cannot empty it (use redact or pseudonymize)")
                if rule.action == "delete":
                    self.children = self._child_links(conn, table, schema)
                self.condition_text = self._condition_text(conn)
                conn.rollback()
        except SQLAlchemyError as exc:
            raise db_error(rule, exc) from None

    def _child_links(self, conn, table: sa.Table, schema: str | None) -> list[ChildLink]:
        inspector = sa.inspect(conn)
        links = []
        for other in inspector.get_table_names(schema=schema):
            for fk in inspector.get_foreign_keys(other, schema=schema):
                if fk.get("referred_table") == table.name and fk.get("referred_schema") in (None, schema):
                    child = self._reflect(conn, other, schema)
                    links.append(ChildLink(child, list(fk["constrained_columns"]), list(fk["referred_columns"])))
        return links

    # --- selecting rows past retention ------------------------------------------------------
    def _age_clause(self, conn):
        rule = self.rule
        col = self.table.c[rule.age_column]
        cutoff = rule.older_than.cutoff(self.now)
        kind = col.type
        if isinstance(kind, (sa.Integer, sa.Numeric)) and not isinstance(kind, sa.Boolean):
            return col < int(cutoff.replace(tzinfo=dt.timezone.utc).timestamp()), f"{rule.age_column} < {cutoff:%Y-%m-%d %H:%M:%S} (epoch)"
        text = f"{rule.age_column} < {cutoff:%Y-%m-%d %H:%M:%S}"
        if conn.dialect.name == "sqlite":
            return sa.func.datetime(col) < cutoff.strftime("%Y-%m-%d %H:%M:%S"), text
        if isinstance(kind, sa.DateTime):
            return col < cutoff, text
        if isinstance(kind, sa.Date):
            return col < cutoff.date(), text
        return col < cutoff.strftime("%Y-%m-%d %H:%M:%S"), text

    def _conditions(self, conn) -> list:
        out = []
        if self.rule.age_column:
            out.append(self._age_clause(conn)[0])
        if self.rule.where:
            out.append(sa.text(f"({self.rule.where})"))
        return out

    def _condition_text(self, conn) -> str:
        parts = []
        if self.rule.age_column:
            parts.append(self._age_clause(conn)[1])
        if self.rule.where:
            parts.append(f"({self.rule.where})")
        return " and ".join(parts)

    def _key_expr(self, name: str):
        return sa.literal_column(ROWID).label(ROWID) if name == ROWID else self.table.c[name]

    def _key_col(self, name: str):
        return sa.literal_column(ROWID) if name == ROWID else self.table.c[name]

    def _batches(self, conn) -> Iterator[list]:
        """Rows past retention in key order, a batch at a time (keyset pagination)."""
        keys = [self._key_col(k) for k in self.key_columns]
        wanted = [c for c in self.table.c.keys() if c not in self.key_columns] \
            if self.rule.action == "delete" else [c for c in self.columns if c not in self.key_columns]
        select_cols = [self._key_expr(k) for k in self.key_columns] + [self.table.c[c] for c in wanted]
        conditions = self._conditions(conn)
        last = None
        while True:
            stmt = sa.select(*select_cols).where(*conditions)
            if last is not None:
                stmt = stmt.where(sa.tuple_(*keys) > sa.tuple_(*last) if len(keys) > 1 else keys[0] > last[0])
            stmt = stmt.order_by(*keys).limit(self.batch_size)
            rows = conn.execute(stmt).mappings().all()
            if not rows:
                return
            last = [rows[-1][k] for k in self.key_columns]
            yield rows
            if len(rows) < self.batch_size:
                return

    def count_candidates(self, conn) -> int:
        return conn.execute(sa.select(sa.func.count()).select_from(self.table).where(*self._conditions(conn))).scalar()

    def count_children(self, conn) -> dict[str, int]:
        """Child rows that point at rows past retention (one query per child table)."""
        out = {}
        for link in self.children:
            parent = sa.select(*[self.table.c[c] for c in link.referred]).where(*self._conditions(conn))
            child_cols = [link.table.c[c] for c in link.columns]
            target = sa.tuple_(*child_cols) if len(child_cols) > 1 else child_cols[0]
            n = conn.execute(sa.select(sa.func.count()).select_from(link.table).where(target.in_(parent))).scalar()
            if n:
                out[link.table.name] = n
        return out

    # --- computing changes ------------------------------------------------------------------
    def _audit_base(self, key: dict[str, Any], table: str | None = None) -> dict[str, Any]:
        return {"event": "change", "rule": self.rule.name, "source": self.source,
                "table": table or self.rule.table, "key": key}

    def _fingerprint(self, value: Any) -> str:
        return self.scan_engine.keyed.fingerprint("VALUE", value if isinstance(value, str) else json.dumps(value, default=str))

    def changes(self, rows: list, report: RuleReport) -> list[RowChange]:
        """What the rule does to these rows (nothing written)."""
        rule = self.rule
        out = []
        if rule.action == "delete":
            for row in rows:
                key = {k: row[k] for k in self.key_columns}
                values = {k: v for k, v in row.items()}
                out.append(RowChange(key, delete=True, audit=[{**self._audit_base(key), "action": "delete",
                                                              "fingerprint": self._fingerprint(values)}]))
            return out
        if rule.action == "null" and rule.columns is not None and rule.entities is None:
            for row in rows:
                change = RowChange({k: row[k] for k in self.key_columns})
                for col in self.columns:
                    if row[col] is not None:
                        change.updates[col] = None
                        change.audit.append({**self._audit_base(change.key), "column": col, "action": "null",
                                             "fingerprint": self._fingerprint(row[col])})
                        if report.wants_samples:
                            report.sample(f"{rule.table}[{_key_text(change.key)}].{col}: "
                                          f"{mask_preview(str(row[col]), 'PII')} -> NULL")
                if change.updates:
                    out.append(change)
            return out
        cells = [(i, col, row[col]) for i, row in enumerate(rows) for col in self.columns
                 if isinstance(row[col], (str, int)) and not isinstance(row[col], bool) and str(row[col]).strip()]
        texts = [str(v) for _, _, v in cells]
        found = self.scan_engine.analyze_texts(texts, [(col,) for _, col, _ in cells])
        by_row: dict[int, RowChange] = {}
        for (i, col, value), text, results in zip(cells, texts, found):
            results = [r for r in results if not is_transformed(text[r.start:r.end])]
            if rule.whole_value:
                if is_transformed(text):
                    continue
                etype = results[0].entity_type if results else (rule.entities[0] if rule.entities else "PII")
                name = results[0].recognition_metadata.get("recognizer_name", "") if results else ""
                new_text, fp = self.rewriter.replacement(text, etype, name)
                reps = [{"entity_type": etype, "fingerprint": fp}]
                spans = [(text, etype, new_text)]
            else:
                if not results:
                    continue
                new_text, replaced = self.rewriter.rewrite(text, results)
                if not replaced:
                    continue
                reps = [r.to_dict("redact") for r in replaced]
                spans = [(text[r.start:r.end], r.entity_type, r.new) for r in replaced]
            action = rule.action
            if action == "null":
                new_value = None
            elif isinstance(value, int):
                new_value = int(new_text) if new_text.isdigit() else None
                if new_value is None:
                    action = "null"
            else:
                new_value = new_text
            if new_value is None and not self.table.c[col].nullable:
                raise KgpiiError(f"rule {rule.name!r}: column {rule.table}.{col} is NOT NULL and numeric "
                                 f"or nulled; {rule.action} cannot write there (use pseudonymize, or list other columns)")
            if action == "pseudonymize":
                for rep, (_, _, new) in zip(reps, spans):
                    rep["pseudonym"] = new
            row = rows[i]
            change = by_row.setdefault(i, RowChange({k: row[k] for k in self.key_columns}))
            change.updates[col] = new_value
            change.audit.append({**self._audit_base(change.key), "column": col, "action": action,
                                 "fingerprint": self._fingerprint(value), "entities": reps})
            for old, etype, new in spans if report.wants_samples else ():
                report.sample(f"{rule.table}[{_key_text(change.key)}].{col}: {mask_preview(old, etype)} -> "
                              + ("NULL" if new_value is None else new))
        return [by_row[i] for i in sorted(by_row)]

    def _children_of(self, conn, table: sa.Table, rows: list, seen: set) -> list[tuple[sa.Table, list[dict]]]:
        """Descendant rows of `rows` (mappings of `table`), deepest first, for on_children: delete."""
        schema = table.schema
        links = self.children if table is self.table else self._child_links(conn, table, schema)
        out: list[tuple[sa.Table, list[dict]]] = []
        for link in links:
            values = [tuple(r[c] for c in link.referred) for r in rows]
            values = [v for v in values if None not in v]
            if not values:
                continue
            child_cols = [link.table.c[c] for c in link.columns]
            target = sa.tuple_(*child_cols) if len(child_cols) > 1 else child_cols[0]
            found = conn.execute(sa.select(link.table).where(
                target.in_(values if len(child_cols) > 1 else [v[0] for v in values]))).mappings().all()
            pk = [c.name for c in link.table.primary_key.columns]
            fresh = []
            for r in found:
                ident = (link.table.name, tuple(r[c] for c in pk) if pk else tuple(r.values()))
                if ident not in seen:
                    seen.add(ident)
                    fresh.append(r)
            if fresh:
                out += self._children_of(conn, link.table, fresh, seen)
                out.append((link.table, fresh))
        return out

    def _rows_with_children(self, conn, rows: list) -> set[int]:
        keep = set()
        for link in self.children:
            values = [tuple(r[c] for c in link.referred) for r in rows]
            child_cols = [link.table.c[c] for c in link.columns]
            target = sa.tuple_(*child_cols) if len(child_cols) > 1 else child_cols[0]
            probe = values if len(child_cols) > 1 else [v[0] for v in values]
            present = {tuple(r) for r in conn.execute(sa.select(*child_cols).where(target.in_(probe))).all()}
            keep |= {i for i, v in enumerate(values) if v in present}
        return keep

    # --- plan and apply ---------------------------------------------------------------------
    def new_report(self) -> RuleReport:
        return RuleReport(self.rule, self.source, self.rule.table, condition=self.condition_text)

    def _refusals(self, children: dict[str, int]) -> list[str]:
        if children and self.rule.action == "delete" and self.rule.on_children is None:
            return [f"{sum(children.values())} child row(s) in {', '.join(sorted(children))} point at rows "
                    "past retention; add on_children: delete (remove them too) or skip (keep those parents)"]
        return []

    def check(self) -> list[str]:
        """Why apply must refuse this rule (child rows without on_children), checked before any change."""
        if self.rule.action != "delete" or not self.children:
            return []
        try:
            with self.connect().connect() as conn:
                children = self.count_children(conn)
                conn.rollback()
        except SQLAlchemyError as exc:
            raise db_error(self.rule, exc) from None
        return self._refusals(children)

    def plan(self) -> RuleReport:
        """Count and preview what apply would do; reads only (the transaction is rolled back)."""
        report = self.new_report()
        try:
            with self.connect().connect() as conn:
                report.candidates = self.count_candidates(conn)
                if self.rule.action == "delete":
                    report.children.update(self.count_children(conn))
                    report.errors += self._refusals(report.children)
                for rows in self._batches(conn):
                    self._count(conn, rows, report)
                conn.rollback()
        except SQLAlchemyError as exc:
            raise db_error(self.rule, exc) from None
        return report

    def _count(self, conn, rows: list, report: RuleReport) -> list[RowChange]:
        if self.rule.action == "delete" and self.rule.on_children == "skip" and self.children:
            keep = self._rows_with_children(conn, rows)
            if keep:
                report.notes.append(f"{len(keep)} row(s) kept because child rows point at them")
            rows = [r for i, r in enumerate(rows) if i not in keep]
        changes = self.changes(rows, report)
        report.affected += len(changes)
        for change in changes:
            if change.delete:
                report.changes += 1
            for col in change.updates:
                report.columns[col] += 1
                report.changes += 1
        if self.rule.action == "delete" and report.samples == [] and changes:
            report.sample(f"{self.rule.table}[{_key_text(changes[0].key)}]: row deleted")
        return changes

    def preflight(self) -> None:
        """Before any change: prove the user may write (a no-op UPDATE/DELETE, rolled back)."""
        try:
            with self.connect().connect() as conn:
                with conn.begin() as trans:
                    if self.rule.action == "delete":
                        conn.execute(sa.delete(self.table).where(sa.false()))
                        if self.rule.on_children == "delete":
                            for link in self.children:
                                conn.execute(sa.delete(link.table).where(sa.false()))
                    elif self.columns:
                        conn.execute(sa.update(self.table).where(sa.false())
                                     .values({c: self.table.c[c] for c in self.columns}))
                    trans.rollback()
        except SQLAlchemyError as exc:
            raise KgpiiError(f"{db_error(self.rule, exc)}; nothing was changed "
                             "(the database user needs UPDATE/DELETE on the table)") from None

    def apply(self, audit: AuditLog) -> RuleReport:
        """Execute the rule batch by batch; each batch is audited (fsync) and then committed."""
        report = self.new_report()
        try:
            with self.connect().connect() as conn:
                batches = self._batches(conn)
                while True:
                    with conn.begin():
                        rows = next(batches, None)
                        if rows is None:
                            break
                        report.candidates += len(rows)
                        changes = self._count(conn, rows, report)
                        if not changes:
                            continue
                        entries: list[dict] = []
                        children: list[tuple[sa.Table, list[dict]]] = []
                        if self.rule.action == "delete" and self.rule.on_children == "delete" and self.children:
                            children = self._children_of(conn, self.table, rows, set())
                            for child, child_rows in children:
                                pk = [c.name for c in child.primary_key.columns]
                                for r in child_rows:
                                    key = {c: r[c] for c in pk} if pk else dict(r)
                                    entries.append({**self._audit_base(key, child.name), "action": "delete",
                                                    "via": self.rule.table, "fingerprint": self._fingerprint(dict(r))})
                                    report.children[child.name] += 1
                        for change in changes:
                            entries += change.audit
                        audit.write(entries)
                        audit.sync()
                        for child, child_rows in children:
                            self._delete_rows(conn, child, child_rows)
                        self._write(conn, changes)
                    audit.write([{"event": "commit", "rule": self.rule.name, "table": self.rule.table,
                                  "rows": len(changes)}])
        except SQLAlchemyError as exc:
            raise db_error(self.rule, exc) from None
        audit.sync()
        return report

    def _delete_rows(self, conn, table: sa.Table, rows: list) -> None:
        pk = [c.name for c in table.primary_key.columns]
        cols = pk or list(rows[0].keys())
        stmt = sa.delete(table).where(*[table.c[c] == sa.bindparam(f"k_{c}") for c in cols])
        conn.execute(stmt, [{f"k_{c}": r[c] for c in cols} for r in rows])

    def _write(self, conn, changes: list[RowChange]) -> None:
        keys = [self._key_col(k) for k in self.key_columns]
        key_where = [col == sa.bindparam(f"k_{name}") for col, name in zip(keys, self.key_columns)]
        deletes = [c for c in changes if c.delete]
        if deletes:
            conn.execute(sa.delete(self.table).where(*key_where),
                         [{f"k_{k}": c.key[k] for k in self.key_columns} for c in deletes])
        groups: dict[tuple, list[RowChange]] = {}
        for change in changes:
            if change.updates:
                groups.setdefault(tuple(sorted(change.updates)), []).append(change)
        for cols, group in groups.items():
            stmt = sa.update(self.table).where(*key_where).values({c: sa.bindparam(f"v_{c}") for c in cols})
            conn.execute(stmt, [{**{f"k_{k}": c.key[k] for k in self.key_columns},
                                 **{f"v_{col}": c.updates[col] for col in cols}} for c in group])


def _scannable(kind) -> bool:
    """Columns that can hold personal data as text or digits (not dates, floats, blobs)."""
    if isinstance(kind, (sa.Boolean, sa.Date, sa.DateTime, sa.Time, sa.LargeBinary, sa.Float, sa.Interval)):
        return False
    return isinstance(kind, (sa.String, sa.Integer, sa.types.NullType))


def _key_text(key: dict[str, Any]) -> str:
    return ",".join(f"{k}={v}" for k, v in key.items())
