"""Retention policy files: schema, durations, and errors that name the rule and the field."""

from __future__ import annotations

import datetime as dt

import pytest

from scanner.actions.policy import load_policy, parse_duration, parse_policy
from scanner.errors import KgpiiError

NOW = dt.datetime(2026, 3, 31, 12, 0)


def rule(**fields):
    base = {"name": "r1", "source": "sqlite:///shop.db", "table": "orders", "age_column": "created_at",
            "older_than": "90d", "action": "redact"}
    base.update(fields)
    return {"rules": [{k: v for k, v in base.items() if v is not None}]}


@pytest.mark.parametrize("text, cutoff", [
    ("90d", dt.datetime(2025, 12, 31, 12, 0)),
    ("12w", dt.datetime(2026, 1, 6, 12, 0)),
    ("1m", dt.datetime(2026, 2, 28, 12, 0)),       # calendar month, clamped to the month's last day
    ("6m", dt.datetime(2025, 9, 30, 12, 0)),
    ("3y", dt.datetime(2023, 3, 31, 12, 0)),
])
def test_durations_are_calendar_aware(text, cutoff):
    assert parse_duration(text).cutoff(NOW) == cutoff


def test_a_valid_rule_is_read_with_defaults():
    policy = parse_policy(rule())
    r = policy.rules[0]
    assert r.columns is None and r.entities is None and r.is_database and r.keep_last == 4


def test_columns_mix_names_and_entity_types():
    r = parse_policy(rule(columns=["courier_note", "PHONE_NUMBER"])).rules[0]
    assert r.columns == ("courier_note",) and r.entities == ("PHONE_NUMBER",)


@pytest.mark.parametrize("fields, message", [
    ({"older_than": "90 days"}, "rule 'r1': field older_than: '90 days' is not a duration"),
    ({"action": "shred"}, "rule 'r1': field action: 'shred' is not one of"),
    ({"table": None}, "rule 'r1': field table: required for a database source"),
    ({"age_column": None}, "rule 'r1': field age_column: required with older_than"),
    ({"olderthan": "1d"}, "rule 'r1': unknown field 'olderthan'"),
    ({"entities": ["PHONE"]}, "rule 'r1': field entities: unknown entity type 'PHONE'"),
    ({"on_children": "delete"}, "rule 'r1': field on_children: only for action delete"),
    ({"keep_last": -1}, "rule 'r1': field keep_last"),
    ({"source": "logs/*.log", "table": None, "age_column": None, "action": "null"},
     "rule 'r1': field action: null applies to database columns"),
    ({"source": "postgresql://u:${KGPII_NO_SUCH_VAR}@db/x"}, "environment variable $KGPII_NO_SUCH_VAR is not set"),
])
def test_invalid_rules_name_the_rule_and_field(fields, message):
    with pytest.raises(KgpiiError) as err:
        parse_policy(rule(**fields))
    assert message in str(err.value)


def test_every_problem_is_reported_at_once():
    data = {"rules": [rule(action="x")["rules"][0], {**rule()["rules"][0], "name": "r2", "older_than": "soon"}]}
    with pytest.raises(KgpiiError) as err:
        parse_policy(data)
    assert "rule 'r1'" in str(err.value) and "rule 'r2'" in str(err.value) and "\n" not in str(err.value)


def test_duplicate_names_and_missing_rules_are_refused():
    with pytest.raises(KgpiiError, match="used twice"):
        parse_policy({"rules": rule()["rules"] * 2})
    with pytest.raises(KgpiiError, match="non-empty `rules:`"):
        parse_policy({"version": 1})


def test_source_expands_environment_variables(monkeypatch):
    monkeypatch.setenv("SHOP_DB", "sqlite:///x.db")
    assert parse_policy(rule(source="${SHOP_DB}")).rules[0].source == "sqlite:///x.db"


def test_yaml_and_toml_files_load(tmp_path):
    yml = tmp_path / "p.yaml"
    yml.write_text("rules:\n  - name: logs\n    source: 'logs/*.log'\n    older_than: 30d\n    action: redact\n")
    assert not load_policy(str(yml)).rules[0].is_database
    toml = tmp_path / "p.toml"
    toml.write_text('[[rules]]\nname = "sms"\nsource = "sqlite:///shop.db"\ntable = "sms_log"\n'
                    'age_column = "sent_at"\nolder_than = "6m"\naction = "delete"\n')
    assert load_policy(str(toml)).rules[0].action == "delete"


def test_broken_yaml_is_one_clear_line(tmp_path):
    bad = tmp_path / "p.yaml"
    bad.write_text("rules:\n  - name: [x\n")
    with pytest.raises(KgpiiError, match="not valid YAML at line"):
        load_policy(str(bad))


def test_duplicate_name_is_reported_with_the_rules_other_errors():
    good = rule()["rules"][0]
    broken_twin = {**good, "action": "shred"}
    with pytest.raises(KgpiiError) as err:
        parse_policy({"rules": [good, broken_twin]})
    message = str(err.value)
    assert "used twice" in message and "'shred' is not one of" in message
