"""`kgpii retain` on real SQLite, PostgreSQL and MariaDB: read-only plans, exact applies, refusals."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import uuid

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from scanner.cli import main
from scanner.engine import EngineOptions, ScanEngine
from scanner.keys import Keyed

NOW = "2026-01-01"
OLD = dt.datetime(2025, 3, 1, 9, 30)       # past 6 months at NOW
YOUNG = dt.datetime(2025, 11, 1, 9, 30)
N_CUSTOMERS = 12
ENTITIES = ("PHONE_NUMBER", "EMAIL_ADDRESS")
TOKEN = r"[A-Z_]+_[0-9a-f]{8}"



# --- the test shop --------------------------------------------------------------------------
def phone(i: int) -> int:
    return 996555100000 + i * 1013


def build_shop(url: str) -> None:
    engine = sa.create_engine(url)
    md = sa.MetaData()
    customers = sa.Table("customers", md,
                         sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
                         sa.Column("name", sa.String(100)), sa.Column("email", sa.String(200)),
                         sa.Column("phone", sa.BigInteger, nullable=True), sa.Column("created_at", sa.DateTime))
    orders = sa.Table("orders", md,
                      sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
                      sa.Column("customer_id", sa.Integer, sa.ForeignKey("customers.id")),
                      sa.Column("created_at", sa.DateTime), sa.Column("total", sa.Integer),
                      sa.Column("courier_note", sa.String(300)))
    sms = sa.Table("sms_log", md,
                   sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
                   sa.Column("phone", sa.String(32)), sa.Column("body", sa.String(300)),
                   sa.Column("sent_at", sa.DateTime))
    md.create_all(engine)
    with engine.begin() as conn:
        for i in range(1, N_CUSTOMERS + 1):
            when = OLD if i % 2 else YOUNG
            conn.execute(customers.insert().values(id=i, name=f"Клиент {i}", email=f"client{i}@mail.kg",
                                                   phone=phone(i), created_at=when))
            conn.execute(orders.insert().values(id=i, customer_id=i, created_at=when, total=1000 + i,
                                                courier_note=f"звонить +996 555 {100000 + i * 1013 - 100000:06d}"
                                                             f" или client{i}@mail.kg"))
            conn.execute(sms.insert().values(id=i, phone=str(phone(i)), body=f"Код {1000 + i}", sent_at=when))
    engine.dispose()


def snapshot(url: str) -> dict[str, list[tuple]]:
    engine = sa.create_engine(url)
    out = {}
    with engine.connect() as conn:
        for table in ("customers", "orders", "sms_log"):
            out[table] = [tuple(r) for r in conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY id")]
    engine.dispose()
    return out


def checksum(url: str) -> str:
    return hashlib.sha256(json.dumps(snapshot(url), default=str).encode()).hexdigest()


def policy(tmp_path, url: str, extra: str = "") -> str:
    path = tmp_path / "retention.yaml"
    path.write_text(f"""
rules:
  - name: old-orders
    source: "{url}"
    table: orders
    age_column: created_at
    older_than: 6m
    action: pseudonymize
    entities: [PHONE_NUMBER, EMAIL_ADDRESS]
  - name: old-customers
    source: "{url}"
    table: customers
    age_column: created_at
    older_than: 6m
    action: pseudonymize
    columns: [email, phone, PHONE_NUMBER, EMAIL_ADDRESS]
  - name: old-sms
    source: "{url}"
    table: sms_log
    age_column: sent_at
    older_than: 6m
    action: "null"
    entities: [PHONE_NUMBER, EMAIL_ADDRESS]
{extra}""", encoding="utf-8")
    return str(path)


def retain(*args):
    return CliRunner().invoke(main, ["retain", "--now", NOW, *args])


def change_lines(audit) -> list[dict]:
    return [json.loads(x) for x in audit.read_text().splitlines() if json.loads(x).get("event") == "change"]


def findings(rows: list[tuple]) -> int:
    engine = ScanEngine(Keyed(b"kgpii-test-key-0123456789abcdef"), EngineOptions(entities=ENTITIES))
    texts = [str(v) for row in rows for v in row if isinstance(v, (str, int))]
    return sum(len(r) for r in engine.analyze_texts(texts))


# --- backends ---------------------------------------------------------------------------------
@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres),
                        pytest.param("mariadb", marks=pytest.mark.mariadb)])
def shop_url(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'shop.db'}"
    elif request.param == "postgresql":
        url = request.getfixturevalue("pg_url")[0]
    else:
        url = request.getfixturevalue("mysql_url")[0]
    build_shop(url)
    return url


def test_plan_changes_nothing_and_shows_masked_samples(tmp_path, shop_url):
    before = checksum(shop_url)
    result = retain("--policy", policy(tmp_path, shop_url))
    assert result.exit_code == 0, result.output
    assert checksum(shop_url) == before
    assert "rows past retention: 6; rows to change: 6" in result.stdout
    assert "client1@mail.kg" not in result.output and "996555101013" not in result.output
    assert re.search(r"orders\[id=1\]\.courier_note: .*\*.* -> PHONE_NUMBER_[0-9a-f]{8}", result.stdout)
    assert not (tmp_path / "kgpii-audit.jsonl").exists()


def test_apply_changes_exactly_the_old_personal_data(tmp_path, shop_url):
    before = snapshot(shop_url)
    audit = tmp_path / "audit.jsonl"
    result = retain("--policy", policy(tmp_path, shop_url), "--apply", "--audit", str(audit), "--batch-size", "4")
    assert result.exit_code == 0, result.output
    after = snapshot(shop_url)
    pseudo_phone = {}
    for old, new in zip(before["customers"], after["customers"]):
        cid, name, email, ph, created = old
        if cid % 2:                      # odd ids were created long ago
            assert new[0] == cid and new[1] == name and new[4] == created and ph != new[3]
            assert re.fullmatch(r"EMAIL_ADDRESS_[0-9a-f]{8}", new[2])
            assert str(new[3]).startswith("996000") and len(str(new[3])) == 12
            pseudo_phone[cid] = str(new[3])
        else:
            assert new == old
    for old, new in zip(before["orders"], after["orders"]):
        if old[0] in pseudo_phone:
            assert new[:4] == old[:4]
            assert re.fullmatch(r"звонить PHONE_NUMBER_[0-9a-f]{8} или EMAIL_ADDRESS_[0-9a-f]{8}", new[4])
        else:
            assert new == old
    for old, new in zip(before["sms_log"], after["sms_log"]):
        if old[0] in pseudo_phone:
            assert new == (old[0], None, old[2], old[3])
        else:
            assert new == old
    # the same e-mail has the same pseudonym in every table
    email_token = dict((r[0], r[2]) for r in after["customers"])[1]
    assert email_token in dict((r[0], r[4]) for r in after["orders"])[1]
    # a rescan finds nothing in the old rows and everything in the young ones
    old_rows = [r for t in after.values() for r in t if r[0] in pseudo_phone]
    young_before = [r for t in before.values() for r in t if r[0] not in pseudo_phone]
    young_after = [r for t in after.values() for r in t if r[0] not in pseudo_phone]
    assert findings(old_rows) == 0
    assert findings(young_after) == findings(young_before) > 0
    # the audit log names every change, never a value
    lines = change_lines(audit)
    assert len(lines) == 6 + 12 + 6
    text = audit.read_text()
    assert "client1@mail.kg" not in text and "996555101013" not in text and "kgpii-test-key" not in text
    assert all(set(x) >= {"time", "rule", "source", "table", "key", "column", "action", "fingerprint"} for x in lines)


def test_second_apply_changes_nothing(tmp_path, shop_url):
    path = policy(tmp_path, shop_url)
    audit = tmp_path / "audit.jsonl"
    assert retain("--policy", path, "--apply", "--audit", str(audit)).exit_code == 0
    state = checksum(shop_url)
    first = len(change_lines(audit))
    result = retain("--policy", path, "--apply", "--audit", str(audit))
    assert result.exit_code == 0, result.output
    assert checksum(shop_url) == state and len(change_lines(audit)) == first


def test_delete_of_parents_with_children_is_refused_before_any_change(tmp_path, shop_url):
    extra = f"""  - name: drop-customers
    source: "{shop_url}"
    table: customers
    age_column: created_at
    older_than: 6m
    action: delete
"""
    before = checksum(shop_url)
    plan = retain("--policy", policy(tmp_path, shop_url, extra))
    assert plan.exit_code == 2 and "REFUSED: 6 child row(s) in orders" in plan.stdout
    result = retain("--policy", policy(tmp_path, shop_url, extra), "--apply", "--audit", str(tmp_path / "a.jsonl"))
    assert result.exit_code == 2 and "on_children" in result.stderr and "Traceback" not in result.output
    assert checksum(shop_url) == before and not (tmp_path / "a.jsonl").exists()


@pytest.mark.parametrize("mode", ["delete", "skip"])
def test_on_children_deletes_or_skips(tmp_path, shop_url, mode):
    path = tmp_path / "p.yaml"
    path.write_text(f"""rules:
  - name: drop-customers
    source: "{shop_url}"
    table: customers
    age_column: created_at
    older_than: 6m
    action: delete
    on_children: {mode}
""")
    audit = tmp_path / "a.jsonl"
    result = retain("--policy", str(path), "--apply", "--audit", str(audit), "--batch-size", "4")
    assert result.exit_code == 0, result.output
    after = snapshot(shop_url)
    if mode == "delete":
        assert [r[0] for r in after["customers"]] == list(range(2, N_CUSTOMERS + 1, 2))
        assert [r[0] for r in after["orders"]] == list(range(2, N_CUSTOMERS + 1, 2))
        assert len(change_lines(audit)) == 12
    else:
        assert len(after["customers"]) == N_CUSTOMERS and len(after["orders"]) == N_CUSTOMERS
        assert change_lines(audit) == []


@pytest.mark.parametrize("extra, message", [
    ("table: no_such_table", "rule 'broken': field table: no table 'no_such_table'"),
    ("table: orders\n    columns: [no_such_column]", "rule 'broken': field columns: no column 'no_such_column'"),
    ("table: orders\n    age_column: made_at", "rule 'broken': field age_column: no column 'made_at'"),
])
def test_missing_table_or_column_is_a_clear_error_before_any_change(tmp_path, shop_url, extra, message):
    if "age_column" not in extra:
        extra += "\n    age_column: created_at"
    rule = f"""  - name: broken
    source: "{shop_url}"
    {extra}
    older_than: 6m
    action: redact
"""
    before = checksum(shop_url)
    result = retain("--policy", policy(tmp_path, shop_url, rule), "--apply", "--audit", str(tmp_path / "a.jsonl"))
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert checksum(shop_url) == before and not (tmp_path / "a.jsonl").exists()


@pytest.mark.parametrize("audit", ["/dev/full", "/nonexistent-dir/kgpii/audit.jsonl"])
def test_unwritable_audit_log_refuses_before_any_change(tmp_path, shop_url, audit):
    before = checksum(shop_url)
    result = retain("--policy", policy(tmp_path, shop_url), "--apply", "--audit", audit)
    assert result.exit_code == 2 and "audit log" in result.stderr and "nothing was changed" in result.stderr
    assert checksum(shop_url) == before


def test_no_readable_key_is_refused(tmp_path, shop_url, monkeypatch):
    monkeypatch.delenv("KGPII_KEY")
    before = checksum(shop_url)
    result = retain("--policy", policy(tmp_path, shop_url), "--apply", "--audit", str(tmp_path / "a.jsonl"))
    assert result.exit_code == 2 and "needs the project key" in result.stderr
    assert checksum(shop_url) == before
    result = retain("--policy", policy(tmp_path, shop_url), "--key-file", str(tmp_path / "missing.key"), "--apply")
    assert result.exit_code == 2 and "cannot read key file" in result.stderr


def test_another_key_does_not_reprocess_pseudonyms(tmp_path, shop_url, monkeypatch):
    path = policy(tmp_path, shop_url)
    assert retain("--policy", path, "--apply", "--audit", str(tmp_path / "a.jsonl")).exit_code == 0
    state = checksum(shop_url)
    monkeypatch.setenv("KGPII_KEY", "a-completely-different-key-0000")
    assert retain("--policy", path, "--apply", "--audit", str(tmp_path / "b.jsonl")).exit_code == 0
    assert checksum(shop_url) == state and change_lines(tmp_path / "b.jsonl") == []


@pytest.mark.postgres
def test_read_only_postgres_user_is_refused_before_any_change(tmp_path, pg_url):
    url, schema = pg_url
    build_shop(url)
    role = f"kgpii_ro_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE ROLE "{role}" LOGIN')
        conn.exec_driver_sql(f'GRANT USAGE ON SCHEMA "{schema}" TO "{role}"')
        conn.exec_driver_sql(f'GRANT SELECT ON ALL TABLES IN SCHEMA "{schema}" TO "{role}"')
    try:
        ro_url = url.replace("postgres@", f"{role}@", 1)
        before = checksum(url)
        audit = tmp_path / "a.jsonl"
        plan = retain("--policy", policy(tmp_path, ro_url))
        assert plan.exit_code == 0, plan.output
        result = retain("--policy", policy(tmp_path, ro_url), "--apply", "--audit", str(audit))
        assert result.exit_code == 2 and "permission denied" in result.stderr and "nothing was changed" in result.stderr
        assert checksum(url) == before and not audit.exists()
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP OWNED BY "{role}"')
            conn.exec_driver_sql(f'DROP ROLE "{role}"')
        admin.dispose()


def test_help_has_an_example():
    result = CliRunner().invoke(main, ["retain", "--help"])
    assert result.exit_code == 0 and "Examples:" in result.output
