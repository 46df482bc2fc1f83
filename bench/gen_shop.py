"""Generate a large fake shop: customers + orders in SQLite and PostgreSQL, and a CSV export.

    python bench/gen_shop.py --rows 1000000 --sqlite bench/data/shop_1000000.db --csv bench/data/customers_1000000.csv
    python bench/gen_shop.py --rows 100000 --orders 0 \\
        --postgres postgresql+psycopg://postgres@127.0.0.1:5432/test --pg-schema kgpii_bench

`customers` is the table the speed target is about: six text columns (full_name, phone,
email, pin, address, comment) next to an id and a timestamp, which kgpii skips. Names,
streets, places and microdistricts come from the project's word lists in
`recognizers/data/` (the first writing of each entry, a Kyrgyz writing for Kyrgyz-style
addresses); phones are Kyrgyz numbers in the writings people use, ПИНs carry a valid
birth date, e-mails are transliterated names. Not every field is filled, and about half
of the comments hold no personal data (see `Shop.customer`). `orders` (`--orders`,
default as many as customers) adds a delivery address and a courier note a row. The CSV
is the customers table with a header.

Rows are generated once and written to every requested sink in the same pass.
Deterministic: the customers depend only on --rows and --seed, the orders on --orders and --seed.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import os
import random
import sqlite3
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "recognizers" / "data"
BATCH = 10_000

MOBILE_PREFIXES = ["555", "557", "550", "552", "700", "702", "705", "707", "770", "772", "775", "777",
                   "500", "501", "505", "220", "222", "227", "999", "995", "990", "755", "880"]
DOMAINS = ["gmail.com", "mail.ru", "mail.kg", "inbox.ru", "yandex.ru", "list.ru", "outlook.com", "yahoo.com"]
PATRONYMIC_KY = ("уулу", "кызы")
NO_PII_COMMENTS = ["Оставить у двери", "Постоянный клиент", "Не звонить, писать в WhatsApp", "VIP",
                   "Доставка после 18:00", "Эшикке калтырыңыз", "Кечки 6дан кийин", "Оптовый покупатель",
                   "Скидка 5% по карте лояльности", "Возврат оформлен 12.03.2024", "Домофон не работает",
                   "Код подъезда 45К", "Предпочитает самовывоз", "Жаңы кардар", "Счет на юрлицо, ИНН 01203199910123"]
PII_COMMENTS = ["Второй номер: {phone}", "Жена {name}, тел. {phone}", "Чалып коюңуз {phone}",
                "Паспорт {passport}, выдан МКК 211021", "Резервная почта {email}",
                "Получатель {name}", "Курьер, звоните {phone} (рабочий)", "Ишеним кат: {name}, {passport}",
                "Оплата картой {card}", "Байланыш үчүн: {phone}"]
NOTES = ["Позвонить за 10 минут: {phone}", "Код подъезда 45К", "Чалып коюңуз {phone}",
         "Оставить у двери", "Получатель {name}, тел. {phone}", "Не звонить"]
TRANSLIT = dict(zip("абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя",
                    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "ng", "o", "o",
                     "p", "r", "s", "t", "u", "u", "f", "kh", "ts", "ch", "sh", "sch", "", "y", "", "e", "yu", "ya"]))


def writings(name: str) -> list[list[str]]:
    """The entries of a word list: each line's writings, comments dropped."""
    out = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        parts = [w.strip() for w in line.split("#", 1)[0].split("|")]
        if parts and parts[0]:
            out.append([w for w in parts if w])
    return out


def first_writings(name: str) -> list[str]:
    return [entry[0] for entry in writings(name)]


def is_cyrillic(word: str) -> bool:
    return any("а" <= ch.lower() <= "я" or ch.lower() in "ёңөү" for ch in word)


def latin(word: str) -> str:
    return "".join(TRANSLIT.get(ch, ch) for ch in word.lower())


def looks_female(given: str) -> bool:
    """Rough: the word lists carry no gender; -а/-я and -гүл/-гул names are mostly women's."""
    low = given.lower()
    return low.endswith(("а", "я")) or "гүл" in low or "гул" in low


def feminine(surname: str) -> str:
    return surname + "а" if surname.endswith(("ов", "ев", "ин")) else surname


def luhn_complete(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return body + str((10 - total % 10) % 10)


class Shop:
    """Word lists loaded once; `customer(i)` and `order(i)` draw from one seeded generator."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.given_ky = first_writings("given_names_ky.txt")
        self.given_ru = first_writings("given_names_ru.txt")
        self.surnames = first_writings("surnames.txt")
        self.latin = {w: latin(w) for w in self.given_ky + self.given_ru + self.surnames}
        streets = writings("address_streets.txt")
        self.streets_ru = [e[0] for e in streets]
        self.streets_ky = [next((w for w in e[1:] if is_cyrillic(w)), e[0]) for e in streets]
        self.places = [e[0] for e in writings("address_places.txt")][:40]
        self.districts = first_writings("address_districts_bishkek.txt")
        self.start = datetime.datetime(2023, 1, 1)

    def digits(self, n: int) -> str:
        return f"{self.rng.randrange(10 ** n):0{n}d}"

    def phone(self) -> str:
        rng = self.rng
        p, s = rng.choice(MOBILE_PREFIXES), self.digits(6)
        form = rng.randrange(8)
        if form < 3:
            return f"+996{p}{s}"
        if form == 3:
            return f"0{p} {s[:3]} {s[3:]}"
        if form == 4:
            return f"+996 ({p}) {s[:2]}-{s[2:4]}-{s[4:]}"
        if form == 5:
            return f"0{p}{s}"
        if form == 6:
            return f"996{p}{s}"
        return f"+996 {p} {s[:2]} {s[2:4]} {s[4:]}"

    def person(self) -> tuple[str, str, str]:
        """(full name, given name, surname)."""
        rng = self.rng
        if rng.random() < 0.75:
            given, surname = rng.choice(self.given_ky), rng.choice(self.surnames)
            female = looks_female(given)
            form = rng.randrange(4)
            if form == 0:   # Kyrgyz patronymic: Айгүл Асан кызы
                father = rng.choice(self.given_ky)
                return f"{given} {father} {PATRONYMIC_KY[female]}", given, father
            surname = feminine(surname) if female else surname
            return (f"{surname} {given}" if form < 3 else f"{given} {surname}"), given, surname
        given, surname = rng.choice(self.given_ru), rng.choice(self.surnames)
        surname = feminine(surname) if looks_female(given) else surname
        return f"{surname} {given}", given, surname

    def email(self, given: str, surname: str, i: int) -> str:
        rng = self.rng
        g, s = self.latin.get(given) or latin(given), self.latin.get(surname) or latin(surname)
        local = (f"{g}.{s}", f"{g}{i % 1000}", f"{s}_{g[:1]}", f"{g}{s}{rng.randrange(100)}")[rng.randrange(4)]
        return f"{local}@{rng.choice(DOMAINS)}"

    def pin(self) -> str:
        rng = self.rng
        birth = datetime.date(1950, 1, 1) + datetime.timedelta(days=rng.randrange(20000))
        return f"{rng.choice('12')}{birth:%d%m%Y}{self.digits(5)}"

    def address(self) -> str:
        rng = self.rng
        house, flat = rng.randrange(1, 250), rng.randrange(1, 120)
        form = rng.randrange(6)
        if form < 3:
            return f"г. Бишкек, ул. {rng.choice(self.streets_ru)}, д. {house}, кв. {flat}"
        if form == 3:
            return f"Бишкек, мкр. {rng.choice(self.districts)}, {house}-{flat}"
        if form == 4:
            return f"Бишкек ш., {rng.choice(self.streets_ky)} көчөсү, {house}-үй, {flat}-батир"
        return f"{rng.choice(self.places)}, ул. {rng.choice(self.streets_ru)} {house}"

    def comment(self, given: str) -> str | None:
        rng = self.rng
        roll = rng.random()
        if roll < 0.25:
            return None
        if roll < 0.6:
            return rng.choice(NO_PII_COMMENTS)
        name, _, _ = self.person()
        return rng.choice(PII_COMMENTS).format(
            phone=self.phone(), name=name, passport=f"{rng.choice(('ID', 'AN', 'AC'))}{self.digits(7)}",
            email=self.email(given, rng.choice(self.surnames), rng.randrange(10**6)),
            card=luhn_complete("4" + self.digits(14)))

    def created(self) -> str:
        return (self.start + datetime.timedelta(seconds=self.rng.randrange(60_000_000))).isoformat(" ")

    def customer(self, i: int) -> tuple:
        """(id, full_name, phone, email, pin, address, comment, created_at); some fields empty."""
        rng = self.rng
        full, given, surname = self.person()
        phone = self.phone() if rng.random() < 0.97 else None
        email = self.email(given, surname, i) if rng.random() < 0.85 else None
        pin = self.pin() if rng.random() < 0.7 else None
        address = self.address() if rng.random() < 0.9 else None
        return (i, full, phone, email, pin, address, self.comment(given), self.created())

    def order(self, i: int, customers: int) -> tuple:
        """(id, customer_id, delivery_address, courier_note, total_som, created_at)."""
        rng = self.rng
        name, _, _ = self.person()
        note = rng.choice(NOTES).format(phone=self.phone(), name=name.split()[0])
        return (i, rng.randrange(1, customers + 1), self.address(), note, rng.randrange(200, 90000), self.created())


CUSTOMER_COLUMNS = ["id", "full_name", "phone", "email", "pin", "address", "comment", "created_at"]
SCHEMA = [
    "CREATE TABLE customers (id BIGINT PRIMARY KEY, full_name TEXT, phone TEXT, email TEXT, pin TEXT, "
    "address TEXT, comment TEXT, created_at TIMESTAMP)",
    "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT, delivery_address TEXT, "
    "courier_note TEXT, total_som INTEGER, created_at TIMESTAMP)",
]


class SqliteSink:
    def __init__(self, path: str):
        if os.path.exists(path):
            os.remove(path)
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        self.conn = sqlite3.connect(path)
        self.conn.execute("PRAGMA journal_mode = OFF")
        self.conn.execute("PRAGMA synchronous = OFF")
        for sql in SCHEMA:
            self.conn.execute(sql)

    def write(self, customers: list[tuple], orders: list[tuple]) -> None:
        self.conn.executemany("INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?, ?, ?)", customers)
        self.conn.executemany("INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?)", orders)

    def close(self) -> None:
        self.conn.commit()
        self.conn.close()


class CsvSink:
    def __init__(self, path: str):
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        self.fh = open(path, "w", encoding="utf-8", newline="")
        self.out = csv.writer(self.fh)
        self.out.writerow(CUSTOMER_COLUMNS)

    def write(self, customers: list[tuple], orders: list[tuple]) -> None:
        self.out.writerows(customers)

    def close(self) -> None:
        self.fh.close()


class PostgresSink:
    """Replaces customers/orders in `schema` (created if absent), loaded with COPY in one transaction."""

    def __init__(self, url: str, schema: str | None):
        import sqlalchemy

        self.engine = sqlalchemy.create_engine(url)
        self.conn = self.engine.connect()
        self.tx = self.conn.begin()
        if schema:
            self.conn.exec_driver_sql(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
            self.conn.exec_driver_sql(f'SET LOCAL search_path TO "{schema}"')
        self.conn.exec_driver_sql("DROP TABLE IF EXISTS orders, customers")
        for sql in SCHEMA:
            self.conn.exec_driver_sql(sql)
        self.cursor = self.conn.connection.driver_connection.cursor()

    def write(self, customers: list[tuple], orders: list[tuple]) -> None:
        for table, rows in (("customers", customers), ("orders", orders)):
            if rows:
                with self.cursor.copy(f"COPY {table} FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)

    def close(self) -> None:
        self.conn.exec_driver_sql("ANALYZE customers")
        self.conn.exec_driver_sql("ANALYZE orders")
        self.tx.commit()
        self.conn.close()
        self.engine.dispose()


def generate(rows: int, sinks: list, orders: int | None = None, seed: int = 42) -> None:
    """`rows` customers and `orders` orders (default: as many), written batch by batch to every sink."""
    orders = rows if orders is None else orders
    # two generators: the customers are the same whether or not orders are written (PostgreSQL gets none)
    shop, order_shop = Shop(seed), Shop(seed + 1)
    try:
        for start in range(1, max(rows, orders) + 1, BATCH):
            stop = start + BATCH
            customers = [shop.customer(i) for i in range(start, min(stop, rows + 1))]
            batch_orders = [order_shop.order(i, rows) for i in range(start, min(stop, orders + 1))]
            for sink in sinks:
                sink.write(customers, batch_orders)
    finally:
        for sink in sinks:
            sink.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="customers (default 1,000,000)")
    parser.add_argument("--orders", type=int, default=None, help="orders (default: as many as customers)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--sqlite", help="write the SQLite database here")
    parser.add_argument("--csv", help="write the customers table as CSV here")
    parser.add_argument("--postgres", help="load customers/orders into this SQLAlchemy URL")
    parser.add_argument("--pg-schema", help="PostgreSQL schema to create and load into (default: the URL's)")
    args = parser.parse_args(argv)
    sinks = []
    if args.sqlite:
        sinks.append(SqliteSink(args.sqlite))
    if args.csv:
        sinks.append(CsvSink(args.csv))
    if args.postgres:
        sinks.append(PostgresSink(args.postgres, args.pg_schema))
    if not sinks:
        parser.error("give at least one of --sqlite, --csv, --postgres")
    t0 = time.perf_counter()
    generate(args.rows, sinks, args.orders, args.seed)
    print(f"{args.rows:,} customers, {args.rows if args.orders is None else args.orders:,} orders "
          f"in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
