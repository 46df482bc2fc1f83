"""DatabaseSource on real SQLite, PostgreSQL and MariaDB databases; the CLI on bad ones."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sqlite3
import uuid

import pytest
from click.testing import CliRunner

from scanner.cli import main
from scanner.engine import EngineOptions, ScanEngine
from scanner.keys import Keyed
from scanner.scan import Scan
from scanner.sources import SourceOptions
from scanner.sources.database import DatabaseSource, mask_url
from tests.conftest import PG_ADMIN_URL, TEST_KEY

ENTITIES = ("PHONE_NUMBER", "EMAIL_ADDRESS")


def scan(spec: str, **options) -> tuple[list[tuple], Scan]:
    engine = ScanEngine(Keyed(TEST_KEY.encode()), EngineOptions(entities=ENTITIES))
    run = Scan([spec], engine, SourceOptions(**options))
    found = sorted((f.table, json.dumps(f.key, sort_keys=True), f.column, f.start, f.end, f.entity_type)
                   for f in run.findings())
    return found, run


def key(**kw) -> str:
    return json.dumps(kw, sort_keys=True)


@pytest.fixture
def shop_db(tmp_path):
    path = tmp_path / "shop.db"
    conn = sqlite3.connect(path)
    conn.executescript("""
        CREATE TABLE customers (id INTEGER PRIMARY KEY, full_name TEXT, phone, email TEXT, photo BLOB,
                                active BOOLEAN, created_at TIMESTAMP);
        CREATE TABLE sms_log (sent_at TIMESTAMP, text TEXT);
        CREATE TABLE audit_events (id INTEGER PRIMARY KEY, payload TEXT);
    """)
    conn.executemany("INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?, ?)", [
        (1, "Асанов Бакыт", "+996 555 12 34 56", "bakyt.asanov@mail.kg", b"aigul@mail.kg", 1, "2024-01-01"),
        (2, "Айгүл Токтогул кызы", 996700123456, None, None, 0, "2024-01-02"),
        (3, "Иванов Сергей", 12345, "", None, 1, "2024-01-03"),
    ])
    conn.executemany("INSERT INTO sms_log VALUES (?, ?)", [
        ("2024-01-01 10:00", "Курьер: 0700 123 456"),
        ("2024-01-01 11:00", "код 4821"),
    ])
    conn.execute("INSERT INTO audit_events VALUES (1, 'login from ops@qlever.kg')")
    conn.commit()
    conn.close()
    return path


# --- SQLite ---------------------------------------------------------------------------------

def test_sqlite_values_are_found_by_table_key_and_column(shop_db):
    found, run = scan(f"sqlite:///{shop_db}")
    assert found == [
        ("audit_events", key(id=1), "payload", 11, 24, "EMAIL_ADDRESS"),
        ("customers", key(id=1), "email", 0, 20, "EMAIL_ADDRESS"),
        ("customers", key(id=1), "phone", 0, 17, "PHONE_NUMBER"),
        ("customers", key(id=2), "phone", 0, 12, "PHONE_NUMBER"),
        ("sms_log", key(rowid=1), "text", 8, 20, "PHONE_NUMBER"),
    ]
    assert run.summary.errors == []


def test_sqlite_binary_boolean_and_date_columns_are_not_read(shop_db):
    records = list(DatabaseSource(f"sqlite:///{shop_db}", SourceOptions(tables=("customers",))).records(print))
    assert {r.column for r in records} == {"full_name", "phone", "email"}
    assert "12345" not in {r.text for r in records}       # too few digits for a phone or a ПИН


def test_sqlite_scan_leaves_the_file_byte_for_byte_unchanged(shop_db):
    before = hashlib.sha256(shop_db.read_bytes()).hexdigest()
    scan(f"sqlite:///{shop_db}")
    assert hashlib.sha256(shop_db.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in shop_db.parent.iterdir()) == ["shop.db"]


def test_sqlite_connection_refuses_writes(shop_db):
    source = DatabaseSource(f"sqlite:///{shop_db}")
    from sqlalchemy.exc import OperationalError

    with source.read_only_connection(source._engine()) as conn:
        with pytest.raises(OperationalError):
            conn.exec_driver_sql("DELETE FROM customers")


def test_tables_and_exclude_tables_choose_what_is_scanned(shop_db):
    found, _ = scan(f"sqlite:///{shop_db}", tables=("cust*", "sms_*"), exclude_tables=("sms_log",))
    assert {f[0] for f in found} == {"customers"}


def test_sample_takes_n_rows_a_table_and_says_how(shop_db):
    found, run = scan(f"sqlite:///{shop_db}", sample=1, tables=("customers",))
    assert len({f[1] for f in found}) <= 1
    assert run.summary.sampled == {f"sqlite:///{shop_db}": {
        "customers": {"method": "ORDER BY random() LIMIT 1", "rows": 1}}}


def test_bigint_phone_column_verdict(shop_db):
    _, run = scan(f"sqlite:///{shop_db}", tables=("customers",))
    phone = [c for c in run.summary.columns if c["column"] == "phone"]
    assert phone == [{
        "source": f"sqlite:///{shop_db}", "table": "customers", "column": "phone", "values": 2,
        "entity_type": "PHONE_NUMBER", "matches": 2, "rate": 1.0, "distinct": 2, "sampled": False,
        "verdict": "PHONE_NUMBER in 100.0 % of 2 values (2 distinct by fingerprint)"}]


def test_column_named_like_pii_without_matches_is_suspected(tmp_path):
    path = tmp_path / "enc.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, phone_enc BLOB, email TEXT)")
    conn.execute("INSERT INTO users VALUES (1, x'8f3a', 'ZW1haWw=')")
    conn.commit()
    conn.close()
    _, run = scan(f"sqlite:///{path}")
    verdicts = {c["column"]: (c["entity_type"], c["verdict"]) for c in run.summary.columns}
    assert verdicts == {
        "email": (None, "suspected EMAIL_ADDRESS by name; no values matched (empty or encoded?)"),
        "phone_enc": (None, "suspected PHONE_NUMBER by name; no values matched (empty or encoded?)"),
    }


def test_sqlite_file_in_a_folder_is_scanned_as_a_database(shop_db):
    found, run = scan(str(shop_db.parent))
    assert ("sms_log", key(rowid=1), "text", 8, 20, "PHONE_NUMBER") in found
    assert run.summary.sources == [str(shop_db)]


# --- PostgreSQL ---------------------------------------------------------------------------

def _pg_setup(url: str) -> None:
    import sqlalchemy

    engine = sqlalchemy.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("""
            CREATE TABLE customers (id BIGSERIAL PRIMARY KEY, full_name TEXT, phone TEXT, phone_num BIGINT,
                                    short_code INTEGER, contact_num NUMERIC(16, 2), profile JSONB, active BOOLEAN,
                                    avatar BYTEA, created_at TIMESTAMPTZ DEFAULT now());
            CREATE TABLE order_lines (order_id INT, line_no INT, note VARCHAR(200),
                                      PRIMARY KEY (order_id, line_no));
        """)
        conn.exec_driver_sql("""
            INSERT INTO customers (full_name, phone, phone_num, short_code, contact_num, profile, active, avatar)
            VALUES ('Асанов Бакыт', '0555 123 456', 996772123456, 102, 1500.50,
                    '{"contact": {"email": "bakyt@mail.kg"}}', true, '\\x0102'),
                   ('Иванова Елена', NULL, NULL, 996, 996555123456, NULL, false, NULL)
        """)
        conn.exec_driver_sql("INSERT INTO order_lines VALUES (7, 2, 'позвонить +996 700 12 34 56')")
    engine.dispose()


@pytest.mark.postgres
def test_postgres_values_are_found_by_primary_key(pg_url):
    url, _ = pg_url
    _pg_setup(url)
    found, run = scan(url)
    assert found == [
        ("customers", key(id=1), "phone", 0, 12, "PHONE_NUMBER"),
        ("customers", key(id=1), "phone_num", 0, 12, "PHONE_NUMBER"),
        ("customers", key(id=1), "profile", 23, 36, "EMAIL_ADDRESS"),
        ("customers", key(id=2), "contact_num", 0, 12, "PHONE_NUMBER"),
        ("order_lines", key(line_no=2, order_id=7), "note", 10, 27, "PHONE_NUMBER"),
    ]
    assert run.summary.errors == []


@pytest.mark.postgres
def test_postgres_session_is_read_only(pg_url):
    url, _ = pg_url
    _pg_setup(url)
    from sqlalchemy.exc import DBAPIError

    source = DatabaseSource(url)
    with source.read_only_connection(source._engine()) as conn:
        with pytest.raises(DBAPIError, match="read-only transaction"):
            conn.exec_driver_sql("DELETE FROM customers")


@pytest.mark.postgres
def test_postgres_sample_orders_by_random(pg_url):
    url, _ = pg_url
    _pg_setup(url)
    found, run = scan(url, sample=1, tables=("customers",))
    assert run.summary.sampled[url] == {"customers": {"method": "ORDER BY random() LIMIT 1", "rows": 1}}
    assert len({f[1] for f in found}) == 1


@pytest.mark.postgres
def test_postgres_schema_option_picks_the_schema(pg_url):
    url, schema = pg_url
    _pg_setup(url)
    found, _ = scan(url, schema=schema, tables=("order_lines",))
    assert found == [("order_lines", key(line_no=2, order_id=7), "note", 10, 27, "PHONE_NUMBER")]


@pytest.fixture
def pg_limited_url(pg_url):
    """A login role that may read `order_lines` but not `customers`."""
    import sqlalchemy

    url, schema = pg_url
    _pg_setup(url)
    role = f"kgpii_ro_{uuid.uuid4().hex[:8]}"
    admin = sqlalchemy.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE ROLE "{role}" LOGIN')
        conn.exec_driver_sql(f'GRANT USAGE ON SCHEMA "{schema}" TO "{role}"')
        conn.exec_driver_sql(f'GRANT SELECT ON "{schema}".order_lines TO "{role}"')
    try:
        yield url.replace("//postgres@", f"//{role}:hunter2@"), role
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP OWNED BY "{role}"')
            conn.exec_driver_sql(f'DROP ROLE "{role}"')
        admin.dispose()


# --- MariaDB ------------------------------------------------------------------------------

def _mysql_setup(url: str) -> None:
    import sqlalchemy

    engine = sqlalchemy.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("""
            CREATE TABLE customers (id INT AUTO_INCREMENT PRIMARY KEY, full_name VARCHAR(100),
                                    phone BIGINT, email VARCHAR(100), profile JSON, active TINYINT(1),
                                    photo BLOB, created_at DATETIME)
        """)
        conn.exec_driver_sql("CREATE TABLE sms_log (sent_at DATETIME, text TEXT)")
        conn.exec_driver_sql("""
            INSERT INTO customers (full_name, phone, email, profile, active, photo, created_at) VALUES
            ('Асанов Бакыт', 996555123456, 'bakyt@mail.kg', '{"tel": "0700 123 456"}', 1, 'x@y.kg', NOW()),
            ('Иванов Сергей', 42, NULL, NULL, 0, NULL, NOW())
        """)
        conn.exec_driver_sql("INSERT INTO sms_log VALUES (NOW(), 'Курьер: +996 772 12 34 56')")
    engine.dispose()


@pytest.mark.mariadb
def test_mariadb_values_are_found_and_bigint_phone_too(mysql_url):
    url, _ = mysql_url
    _mysql_setup(url)
    found, run = scan(url)
    assert found == [
        ("customers", key(id=1), "email", 0, 13, "EMAIL_ADDRESS"),
        ("customers", key(id=1), "phone", 0, 12, "PHONE_NUMBER"),
        ("customers", key(id=1), "profile", 9, 21, "PHONE_NUMBER"),
        ("sms_log", key(_row=0), "text", 8, 25, "PHONE_NUMBER"),
    ]
    assert [p.message for p in run.summary.problems] == [
        "table sms_log: no primary key; rows located by their position in the scan (_row)"]


@pytest.mark.mariadb
def test_mariadb_session_is_read_only_and_sample_uses_rand(mysql_url):
    url, _ = mysql_url
    _mysql_setup(url)
    from sqlalchemy.exc import DBAPIError

    source = DatabaseSource(url)
    with source.read_only_connection(source._engine()) as conn:
        with pytest.raises(DBAPIError, match="READ ONLY"):
            conn.exec_driver_sql("DELETE FROM customers")
    _, run = scan(url, sample=1, tables=("customers",))
    assert run.summary.sampled[url] == {"customers": {"method": "ORDER BY RAND() LIMIT 1", "rows": 1}}


# --- the command line on bad databases ----------------------------------------------------

def run_cli(*args: str):
    result = CliRunner().invoke(main, ["scan", "-q", "--format", "jsonl",
                                       "--entities", ",".join(ENTITIES), *args])
    errors = [line for line in result.stderr.splitlines() if line]
    return result, errors, [json.loads(line) for line in result.stdout.splitlines()]


def test_missing_sqlite_file_is_one_line_and_others_still_scanned(shop_db, tmp_path):
    result, errors, findings = run_cli(f"sqlite:///{tmp_path}/nope.db", f"sqlite:///{shop_db}")
    assert result.exit_code == 2
    assert errors == [f"kgpii: error: sqlite:///{tmp_path}/nope.db: no such SQLite file"]
    assert not (tmp_path / "nope.db").exists()
    assert len(findings) == 5


def test_unreachable_server_masks_the_password(shop_db):
    result, errors, findings = run_cli("postgresql+psycopg://app:s3cret@127.0.0.1:1/shop", f"sqlite:///{shop_db}")
    assert result.exit_code == 2
    assert errors == ["kgpii: error: postgresql+psycopg://app:***@127.0.0.1:1/shop: cannot connect to the "
                      "server: check the host and port, and that it is running"]
    assert "s3cret" not in result.stderr + result.stdout
    assert len(findings) == 5


@pytest.mark.postgres
def test_unknown_database_is_one_line(pg_url, shop_db):
    pg_url  # the server must be there for this message
    bad = PG_ADMIN_URL.rsplit("/", 1)[0] + "/kgpii_no_such_database"
    result, errors, findings = run_cli(bad, f"sqlite:///{shop_db}")
    assert result.exit_code == 2
    assert errors == [f"kgpii: error: {bad}: unknown database: check the database name in the URL"]
    assert len(findings) == 5


@pytest.mark.mariadb
def test_wrong_password_is_one_line_and_masked(mysql_url, shop_db):
    url, name = mysql_url
    bad = f"mysql+pymysql://root:wrong-pw@127.0.0.1:3306/{name}"
    result, errors, findings = run_cli(bad, f"sqlite:///{shop_db}")
    assert result.exit_code == 2
    assert errors == [f"kgpii: error: {mask_url(bad)}: authentication failed: check the user name and "
                      "password in the URL"]
    assert "wrong-pw" not in result.stderr + result.stdout
    assert len(findings) == 5


@pytest.mark.postgres
def test_table_without_permission_is_a_problem_and_other_tables_are_scanned(pg_limited_url):
    url, role = pg_limited_url
    result, errors, findings = run_cli(url)
    assert result.exit_code == 2
    assert errors == [f"kgpii: error: {mask_url(url)}: table customers: cannot read: permission denied"]
    assert [(f["table"], f["key"], f["column"], f["start"], f["end"]) for f in findings] == [
        ("order_lines", {"order_id": 7, "line_no": 2}, "note", 10, 27)]
    assert all(f["source"] == mask_url(url) and "hunter2" not in f["source"] for f in findings)


def test_inventory_csv_has_one_row_per_column_and_type(shop_db, tmp_path):
    inventory = tmp_path / "inventory.csv"
    result, errors, _ = run_cli(f"sqlite:///{shop_db}", "--inventory", str(inventory))
    assert result.exit_code == 0, errors
    rows = list(csv.DictReader(io.StringIO(inventory.read_text(encoding="utf-8"))))
    assert [(r["table"], r["column"], r["entity_type"], r["values"], r["matches"], r["rate"], r["distinct"],
             r["coverage"]) for r in rows] == [
        ("audit_events", "payload", "EMAIL_ADDRESS", "1", "1", "1.0000", "1", "full"),
        ("customers", "email", "EMAIL_ADDRESS", "1", "1", "1.0000", "1", "full"),
        ("customers", "full_name", "", "3", "0", "0.0000", "0", "full"),
        ("customers", "phone", "PHONE_NUMBER", "2", "2", "1.0000", "2", "full"),
        ("sms_log", "text", "PHONE_NUMBER", "2", "1", "0.5000", "1", "full"),
    ]
    assert rows[2]["verdict"] == "suspected PERSON by name; no values matched (empty or encoded?)"


def test_json_format_carries_column_verdicts(shop_db):
    result = CliRunner().invoke(main, ["scan", "-q", "--format", "json", "--entities", ",".join(ENTITIES),
                                       "--sample", "5", f"sqlite:///{shop_db}"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    verdicts = {(c["table"], c["column"], c["entity_type"]): c for c in doc["summary"]["columns"]}
    assert verdicts[("sms_log", "text", "PHONE_NUMBER")]["verdict"] == \
        "PHONE_NUMBER in 50.0 % of 2 values (1 distinct by fingerprint)"
    assert verdicts[("sms_log", "text", "PHONE_NUMBER")]["sampled"] is False
