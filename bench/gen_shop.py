"""Generate a large fake shop: customers + orders in SQLite (and PostgreSQL), and a CSV export.

    python bench/gen_shop.py --rows 1000000 --sqlite bench/data/shop.db --csv bench/data/customers.csv
    python bench/gen_shop.py --rows 1000000 --postgres postgresql+psycopg://postgres@127.0.0.1/test

`--rows` customers and as many orders. Names come from recognizers/data word lists (the
first writing of each entry) when present, else a small built-in list; phones, ПИНs and
e-mails are random but well-formed, about a third of free-text notes carry a phone.
Deterministic for a given --rows and --seed.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import os
import random
import sqlite3
from pathlib import Path
from typing import Iterator

DATA = Path(__file__).resolve().parent.parent / "recognizers" / "data"
FALLBACK_NAMES = ["Бакыт", "Айгүл", "Нурлан", "Жылдыз", "Азамат", "Елена", "Сергей", "Бермет"]
FALLBACK_SURNAMES = ["Асанов", "Жумабеков", "Токтогулов", "Иванов", "Сыдыков", "Ким"]
STREETS = ["ул. Киевская", "ул. Боконбаева", "пр. Чуй", "Токтогул көч.", "Манас пр.", "ул. Исанова"]
PREFIXES = ["555", "557", "700", "705", "770", "772", "500", "220", "999"]
NOTES = ["Позвонить за 10 минут: {phone}", "Код подъезда 45К", "Чалып коюңуз {phone}",
         "Оставить у двери", "Получатель {name}, тел. {phone}", "Не звонить"]
BATCH = 10_000


def words(name: str, fallback: list[str]) -> list[str]:
    try:
        lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    except OSError:
        return fallback
    out = [line.split("#", 1)[0].split("|", 1)[0].strip() for line in lines]
    return [w for w in out if w] or fallback


def rows(n: int, seed: int) -> Iterator[tuple[tuple, tuple]]:
    """(customer, order) tuples."""
    rng = random.Random(seed)
    names = words("given_names_ky.txt", FALLBACK_NAMES) + words("given_names_ru.txt", [])
    surnames = words("surnames.txt", FALLBACK_SURNAMES)
    start = datetime.datetime(2023, 1, 1)
    for i in range(1, n + 1):
        first, last = rng.choice(names), rng.choice(surnames)
        phone = f"+996{rng.choice(PREFIXES)}{rng.randrange(1_000_000):06d}"
        shown = phone if i % 3 else f"0{phone[4:7]} {phone[7:10]} {phone[10:]}"
        birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=rng.randrange(16000))
        pin = f"{rng.choice('12')}{birth:%d%m%Y}{rng.randrange(100000):05d}"
        created = (start + datetime.timedelta(seconds=rng.randrange(60_000_000))).isoformat(" ")
        customer = (i, f"{last} {first}", shown, f"user{i}@mail.kg", pin, created)
        note = rng.choice(NOTES).format(phone=f"0{rng.choice(PREFIXES)} {rng.randrange(1000):03d} "
                                        f"{rng.randrange(1000):03d}", name=first)
        address = f"г. Бишкек, {rng.choice(STREETS)} {rng.randrange(1, 200)}, кв. {rng.randrange(1, 90)}"
        order = (i, rng.randrange(1, i + 1), address, note, rng.randrange(200, 9000), created)
        yield customer, order


SCHEMA = [
    "CREATE TABLE customers (id BIGINT PRIMARY KEY, full_name TEXT, phone TEXT, email TEXT, pin TEXT, "
    "created_at TIMESTAMP)",
    "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT, delivery_address TEXT, "
    "courier_note TEXT, total_som INTEGER, created_at TIMESTAMP)",
]


def write_sqlite(path: str, n: int, seed: int) -> None:
    if os.path.exists(path):
        os.remove(path)
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    for sql in SCHEMA:
        conn.execute(sql)
    customers, orders = [], []
    for customer, order in rows(n, seed):
        customers.append(customer)
        orders.append(order)
        if len(customers) >= BATCH:
            conn.executemany("INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?)", customers)
            conn.executemany("INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?)", orders)
            customers, orders = [], []
    conn.executemany("INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?)", customers)
    conn.executemany("INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?)", orders)
    conn.commit()
    conn.close()


def write_postgres(url: str, n: int, seed: int) -> None:
    """Replace tables customers/orders in the URL's default schema, loaded with COPY."""
    import sqlalchemy

    engine = sqlalchemy.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS orders, customers")
        for sql in SCHEMA:
            conn.exec_driver_sql(sql)
        cursor = conn.connection.driver_connection.cursor()
        with cursor.copy("COPY customers FROM STDIN") as copy:
            for customer, _ in rows(n, seed):
                copy.write_row(customer)
        with cursor.copy("COPY orders FROM STDIN") as copy:
            for _, order in rows(n, seed):
                copy.write_row(order)
        conn.exec_driver_sql("ANALYZE customers")
        conn.exec_driver_sql("ANALYZE orders")
    engine.dispose()


def write_csv(path: str, n: int, seed: int) -> None:
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["id", "full_name", "phone", "email", "pin", "delivery_address", "courier_note"])
        for customer, order in rows(n, seed):
            out.writerow([customer[0], customer[1], customer[2], customer[3], customer[4], order[2], order[3]])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--sqlite", help="write the SQLite database here")
    parser.add_argument("--postgres", help="load customers/orders into this SQLAlchemy URL")
    parser.add_argument("--csv", help="write the CSV export here")
    args = parser.parse_args()
    if args.sqlite:
        write_sqlite(args.sqlite, args.rows, args.seed)
    if args.postgres:
        write_postgres(args.postgres, args.rows, args.seed)
    if args.csv:
        write_csv(args.csv, args.rows, args.seed)


if __name__ == "__main__":
    main()
