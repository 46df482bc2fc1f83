"""Shared fixtures: real PostgreSQL and MariaDB databases, a fixed fingerprint key.

Each database fixture creates its own schema/database and drops it afterwards. Where a
server is absent the test is skipped with the reason, except under CI=true, where the
absence is a failure.
"""

from __future__ import annotations

import os
import uuid

import pytest

TEST_KEY = "kgpii-test-key-0123456789abcdef"
PG_ADMIN_URL = os.environ.get("KGPII_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
MYSQL_ADMIN_URL = os.environ.get("KGPII_TEST_MYSQL", "mysql+pymysql://root@127.0.0.1:3306/test")


@pytest.fixture(autouse=True)
def _fixed_key(monkeypatch, tmp_path_factory):
    """Every test uses a known key and a private config dir (never the user's)."""
    monkeypatch.setenv("KGPII_KEY", TEST_KEY)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("xdg")))


def _unavailable(what: str, exc: Exception):
    reason = f"{what} not reachable: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true requires the server: {reason}")
    pytest.skip(reason)


@pytest.fixture
def pg_url():
    """A SQLAlchemy URL whose default search_path is a fresh schema on the real PostgreSQL."""
    sqlalchemy = pytest.importorskip("sqlalchemy")
    schema = f"kgpii_t_{uuid.uuid4().hex[:10]}"
    try:
        admin = sqlalchemy.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    except Exception as exc:  # noqa: BLE001 - any connection failure means "absent"
        _unavailable("PostgreSQL at 127.0.0.1:5432", exc)
    url = f"{PG_ADMIN_URL}?options=-csearch_path%3D{schema}"
    try:
        yield url, schema
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        admin.dispose()


@pytest.fixture
def mysql_url():
    """A SQLAlchemy URL of a fresh database on the real MariaDB."""
    sqlalchemy = pytest.importorskip("sqlalchemy")
    name = f"kgpii_t_{uuid.uuid4().hex[:10]}"
    try:
        admin = sqlalchemy.create_engine(MYSQL_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
    except Exception as exc:  # noqa: BLE001
        _unavailable("MariaDB at 127.0.0.1:3306", exc)
    base = MYSQL_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}?charset=utf8mb4", name
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS `{name}`")
        admin.dispose()
