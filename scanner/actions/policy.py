"""The retention policy: which data, how old, what to do. YAML or TOML; schema in docs/retention.md.

Every problem in the file is collected and reported at once, each naming its rule and field.

>>> policy = parse_policy({"rules": [{"name": "old-sms", "source": "sqlite:///shop.db",
...     "table": "sms_log", "age_column": "sent_at", "older_than": "6m", "action": "delete"}]})
>>> policy.rules[0].older_than.text
'6m'
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re
from dataclasses import dataclass
from typing import Any

from ..errors import KgpiiError
from ..findings import ENTITY_TYPES
from .operators import ACTIONS, DEFAULT_KEEP_LAST

RULE_FIELDS = ("name", "source", "table", "age_column", "where", "older_than", "action", "columns",
               "entities", "on_children", "keep_last", "whole_value")
_DURATION = re.compile(r"^\s*(\d+)\s*([dwmy])\s*$")
_ENV = re.compile(r"\$\{(\w+)\}|\$(\w+)")


@dataclass(frozen=True)
class Duration:
    """`90d`, `12w`, `6m` (calendar months), `3y` (calendar years)."""

    count: int
    unit: str
    text: str

    def cutoff(self, now: dt.datetime) -> dt.datetime:
        """The moment before which data is past retention."""
        if self.unit == "d":
            return now - dt.timedelta(days=self.count)
        if self.unit == "w":
            return now - dt.timedelta(weeks=self.count)
        months = self.count * (12 if self.unit == "y" else 1)
        month_index = now.year * 12 + now.month - 1 - months
        year, month = divmod(month_index, 12)
        day = min(now.day, calendar.monthrange(year, month + 1)[1])
        return now.replace(year=year, month=month + 1, day=day)


@dataclass(frozen=True)
class Rule:
    """One retention rule (database table or file glob)."""

    name: str
    source: str
    action: str
    older_than: Duration | None = None
    table: str | None = None
    age_column: str | None = None
    where: str | None = None
    columns: tuple[str, ...] | None = None       # None: auto (the columns a scan finds data in)
    entities: tuple[str, ...] | None = None      # None: every entity type
    on_children: str | None = None               # delete rules on parents: "delete" or "skip"
    keep_last: int = DEFAULT_KEEP_LAST
    whole_value: bool = False

    @property
    def is_database(self) -> bool:
        return is_database_url(self.source)


@dataclass(frozen=True)
class Policy:
    rules: tuple[Rule, ...]
    path: str = "<policy>"


def is_database_url(source: str) -> bool:
    return "://" in source or source.startswith("sqlite:")


def parse_duration(text: Any) -> Duration | None:
    m = _DURATION.match(str(text)) if isinstance(text, (str, int)) else None
    if not m:
        return None
    return Duration(int(m.group(1)), m.group(2), f"{m.group(1)}{m.group(2)}")


def _expand_env(source: str, missing: list[str]) -> str:
    def sub(m: re.Match) -> str:
        name = m.group(1) or m.group(2)
        value = os.environ.get(name)
        if value is None:
            missing.append(name)
            return m.group(0)
        return value

    return _ENV.sub(sub, source)


def _parse_rule(index: int, raw: Any, errors: list[str]) -> Rule | None:
    label = f"rule #{index + 1}"
    if not isinstance(raw, dict):
        errors.append(f"{label}: must be a mapping of fields")
        return None
    name = raw.get("name")
    if isinstance(name, str) and name.strip():
        label = f"rule {name!r}"
    else:
        errors.append(f"{label}: field name: required (a short unique name)")
        name = f"#{index + 1}"
    before = len(errors)
    for key in raw:
        if key not in RULE_FIELDS:
            errors.append(f"{label}: unknown field {key!r} (fields: {', '.join(RULE_FIELDS)})")

    source = raw.get("source")
    if not isinstance(source, str) or not source.strip():
        errors.append(f"{label}: field source: required (a database URL or a file glob)")
        source = ""
    missing: list[str] = []
    source = _expand_env(source, missing)
    for var in missing:
        errors.append(f"{label}: field source: environment variable ${var} is not set")
    database = is_database_url(source)

    action = raw.get("action")
    if action not in ACTIONS:
        errors.append(f"{label}: field action: {action!r} is not one of {', '.join(ACTIONS)}")

    older_than = None
    if "older_than" in raw:
        older_than = parse_duration(raw["older_than"])
        if older_than is None:
            errors.append(f"{label}: field older_than: {raw['older_than']!r} is not a duration "
                          "(use 90d, 12w, 6m or 3y)")

    table, age_column, where = raw.get("table"), raw.get("age_column"), raw.get("where")
    for field_name, value in (("table", table), ("age_column", age_column), ("where", where)):
        if value is not None and (not isinstance(value, str) or not value.strip()):
            errors.append(f"{label}: field {field_name}: must be a non-empty string")
    if database:
        if not table:
            errors.append(f"{label}: field table: required for a database source")
        if older_than is not None and not age_column:
            errors.append(f"{label}: field age_column: required with older_than on a database table")
        if age_column and "older_than" not in raw:
            errors.append(f"{label}: field older_than: required with age_column")
        if not age_column and not where:
            errors.append(f"{label}: fields age_column/where: a database rule needs age_column + older_than "
                          "or a where condition")
    elif source:
        for field_name in ("table", "age_column", "where", "on_children"):
            if raw.get(field_name) is not None:
                errors.append(f"{label}: field {field_name}: only for database sources "
                              "(files are aged by modification time)")
        if "older_than" not in raw:
            errors.append(f"{label}: field older_than: required for files")
        if action == "null":
            errors.append(f"{label}: field action: null applies to database columns; "
                          "for files use redact, mask, pseudonymize or delete")

    columns: tuple[str, ...] | None = None
    entities: list[str] = []
    raw_columns = raw.get("columns", "auto")
    if raw_columns != "auto":
        items = [raw_columns] if isinstance(raw_columns, str) else raw_columns
        if not isinstance(items, list) or not items or not all(isinstance(c, str) and c for c in items):
            errors.append(f"{label}: field columns: 'auto', or a list of column names and/or entity types")
        else:
            names = [c for c in items if c.upper() not in ENTITY_TYPES or c != c.upper()]
            entities += [c for c in items if c not in names]
            columns = tuple(names) or None
            if names and not database:
                errors.append(f"{label}: field columns: files have no columns; name entity types or use auto")
    raw_entities = raw.get("entities")
    if raw_entities is not None:
        items = [raw_entities] if isinstance(raw_entities, str) else raw_entities
        if not isinstance(items, list):
            items = []
            errors.append(f"{label}: field entities: a list of entity types")
        for item in items:
            if not isinstance(item, str) or item.upper() not in ENTITY_TYPES:
                errors.append(f"{label}: field entities: unknown entity type {item!r} "
                              f"(choose from {', '.join(ENTITY_TYPES)})")
            else:
                entities.append(item.upper())

    on_children = raw.get("on_children")
    if on_children is not None and on_children not in ("delete", "skip"):
        errors.append(f"{label}: field on_children: {on_children!r} is not delete or skip")
    if on_children is not None and action != "delete":
        errors.append(f"{label}: field on_children: only for action delete")

    keep_last = raw.get("keep_last", DEFAULT_KEEP_LAST)
    if not isinstance(keep_last, int) or isinstance(keep_last, bool) or keep_last < 0:
        errors.append(f"{label}: field keep_last: a whole number >= 0")
        keep_last = DEFAULT_KEEP_LAST
    whole_value = raw.get("whole_value", False)
    if not isinstance(whole_value, bool):
        errors.append(f"{label}: field whole_value: true or false")
        whole_value = False
    if whole_value and columns is None:
        errors.append(f"{label}: field whole_value: needs a list of columns")

    if len(errors) > before:
        return None
    return Rule(name=name, source=source, action=action, older_than=older_than, table=table,
                age_column=age_column, where=where, columns=columns,
                entities=tuple(dict.fromkeys(entities)) or None, on_children=on_children,
                keep_last=keep_last, whole_value=whole_value)


def parse_policy(data: Any, path: str = "<policy>") -> Policy:
    """A validated Policy from parsed YAML/TOML; KgpiiError listing every problem."""
    errors: list[str] = []
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list) or not data["rules"]:
        raise KgpiiError(f"{path}: needs a non-empty `rules:` list (see docs/retention.md)")
    for key in data:
        if key not in ("version", "rules"):
            errors.append(f"unknown top-level field {key!r} (fields: version, rules)")
    if data.get("version", 1) != 1:
        errors.append(f"version {data.get('version')!r} is not supported (use 1)")
    rules = []
    seen: set[str] = set()
    for i, raw in enumerate(data["rules"]):
        name = raw.get("name") if isinstance(raw, dict) else None
        if isinstance(name, str) and name:          # checked even when the rule has other errors
            if name in seen:
                errors.append(f"rule {name!r}: field name: used twice")
            seen.add(name)
        rule = _parse_rule(i, raw, errors)
        if rule is not None:
            rules.append(rule)
    if errors:
        raise KgpiiError(f"{path}: " + "; ".join(errors))
    return Policy(rules=tuple(rules), path=path)


def load_policy(path: str) -> Policy:
    """Read a policy file (`.toml` as TOML, anything else as YAML)."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise KgpiiError(f"cannot read the policy {path}: {exc.strerror}") from None
    if path.lower().endswith(".toml"):
        import tomllib

        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise KgpiiError(f"{path}: not valid TOML: {str(exc).splitlines()[0]}") from None
    else:
        import yaml

        try:
            data = yaml.safe_load(raw)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}" if mark is not None else ""
            raise KgpiiError(f"{path}: not valid YAML{where}: {getattr(exc, 'problem', None) or exc}") from None
    return parse_policy(data, path)
