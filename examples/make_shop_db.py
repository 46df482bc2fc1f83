"""Create the sample SQLite database of Qlever, a (fictional) delivery service in Bishkek.

    python examples/make_shop_db.py examples/shop.db
    python examples/make_shop_db.py examples/shop.db --csv examples/exports/customers_export.csv

Deterministic (a fixed seed) and idempotent (the file is overwritten). Every person is
invented: names are drawn from common Kyrgyz and Russian names, phones from real Kyrgyz
operator ranges (checked with `phonenumbers`) with random subscriber numbers, ПИНs are
14 digits around a valid birth date, passports random. Tables:

  customers        id, full_name, phone (text, or an INTEGER 996555123456 in legacy rows),
                   email, pin, passport, created_at
  orders           id, customer_id -> customers, delivery_address (Russian and Kyrgyz
                   forms), courier_note (free text with phones and names), created_at
  support_tickets  id, customer_id, message (Kyrgyz, Russian, English)
  sms_log          sent_at, phone, text   (no primary key: located by rowid)
"""

from __future__ import annotations

import argparse
import csv
import datetime
import os
import random
import sqlite3

SEED = 996

SURNAMES = ["Асанов", "Жумабеков", "Токтогулов", "Сыдыков", "Абдыкадыров", "Осмонов", "Мамытов",
            "Бекмуратов", "Турдубаев", "Исаков", "Садыков", "Иванов", "Ким", "Кадыров", "Эсенбаев"]
MALE = ["Бакыт", "Азамат", "Нурлан", "Эрлан", "Улан", "Тилек", "Мирлан", "Чынгыз", "Алмаз", "Дмитрий",
        "Сергей", "Бектур", "Айбек", "Канат", "Руслан"]
FEMALE = ["Айгүл", "Айпери", "Жылдыз", "Нургүл", "Гульнара", "Айжан", "Бермет", "Чолпон", "Мээрим",
          "Елена", "Динара", "Асель", "Алтынай", "Назира", "Светлана"]
FATHERS = ["Жумабек", "Токтогул", "Асан", "Сыдык", "Осмон", "Мамыт", "Бекмурат", "Турдубай", "Кадыр"]
LATIN = {"Бакыт": "bakyt", "Азамат": "azamat", "Нурлан": "nurlan", "Эрлан": "erlan", "Улан": "ulan",
         "Тилек": "tilek", "Мирлан": "mirlan", "Чынгыз": "chyngyz", "Алмаз": "almaz", "Дмитрий": "dmitry",
         "Сергей": "sergey", "Бектур": "bektur", "Айбек": "aibek", "Канат": "kanat", "Руслан": "ruslan",
         "Айгүл": "aigul", "Айпери": "aiperi", "Жылдыз": "jyldyz", "Нургүл": "nurgul", "Гульнара": "gulnara",
         "Айжан": "aizhan", "Бермет": "bermet", "Чолпон": "cholpon", "Мээрим": "meerim", "Елена": "elena",
         "Динара": "dinara", "Асель": "asel", "Алтынай": "altynai", "Назира": "nazira",
         "Светлана": "svetlana"}
DOMAINS = ["gmail.com", "mail.ru", "inbox.kg", "yandex.ru", "qlever.kg"]
# Operator prefixes after +996 (MegaCom 55x, Beeline 77x/22x, O! 70x/50x) and Bishkek landlines.
MOBILE_PREFIXES = ["555", "557", "558", "550", "700", "702", "705", "707", "709", "500", "505", "770",
                   "772", "777", "779", "220", "222"]
STREETS_RU = ["ул. Киевская", "ул. Боконбаева", "пр. Чуй", "ул. Токтогула", "ул. Исанова", "пр. Манаса",
              "ул. Ахунбаева", "ул. Фрунзе"]
STREETS_KY = ["Киев көч.", "Боконбаев көч.", "Чүй пр.", "Токтогул көч.", "Ахунбаев көч.", "Манас пр."]
MICRODISTRICTS = ["мкр. Асанбай", "мкр. Джал", "мкр. Восток-5", "мкр. Тунгуч", "12 мкр."]
CITIES_RU = ["г. Бишкек", "г. Ош", "г. Каракол"]
CITIES_KY = ["Бишкек ш.", "Ош ш.", "Каракол ш."]
TICKETS = [
    "Саламатсызбы! Заказым келген жок, менин номерим {phone}. {name}",
    "Курьер {phone} номеринен чалды, бирок мен үйдө болгон жокмун.",
    "Здравствуйте, заказ не доставлен. Мой телефон {phone}, {name}.",
    "Прошу изменить адрес доставки на {address}. С уважением, {name}",
    "Hello, I paid twice for order #{order}. Please refund to my card, contact me at {email}.",
    "Hi, my name is {latin}. Courier never arrived, call {phone}.",
    "Добрый день! Паспорт {passport} для оформления возврата, ПИН {pin}.",
    "Жеткирүү кечикти, {email} дарегине жооп жазыңыз.",
]
NOTES = [
    "Позвонить за 10 минут: {phone}",
    "Домофон не работает, звонить {phone} ({first})",
    "Оставить у соседки, {first} {surname}",
    "Чалып коюңуз {phone}",
    "Получатель: {name}, тел. {phone}",
    "Код подъезда 45К, этаж 3",
    "Не звонить, писать в WhatsApp",
    "Эшикти каккыла, коңгуроо иштебейт",
]
SMS = [
    "Qlever: ваш заказ #{order} передан курьеру. Курьер: {courier}",
    "Qlever: буйрутмаңыз #{order} жеткирилди. Рахмат!",
    "Qlever: код подтверждения 4821",
    "Qlever: курьер {courier} будет через 15 минут",
]


def phone_number(rng: random.Random) -> str:
    """A valid Kyrgyz mobile number as +996XXXXXXXXX (no real subscriber intended)."""
    return "+996" + rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(1_000_000):06d}"


def written_phone(rng: random.Random, e164: str) -> str:
    """The same number as people write it."""
    nsn = e164[4:]
    style = rng.randrange(5)
    if style == 0:
        return f"+996 {nsn[:3]} {nsn[3:5]} {nsn[5:7]} {nsn[7:]}"
    if style == 1:
        return f"0{nsn[:3]} {nsn[3:6]} {nsn[6:]}"
    if style == 2:
        return f"0({nsn[:3]}) {nsn[3:5]}-{nsn[5:7]}-{nsn[7:]}"
    if style == 3:
        return e164
    return "996" + nsn


def person(rng: random.Random) -> dict:
    female = rng.random() < 0.5
    first = rng.choice(FEMALE if female else MALE)
    surname = rng.choice(SURNAMES)
    if female and surname.endswith("ов"):
        surname += "а"
    father = rng.choice(FATHERS)
    if rng.random() < 0.3:
        full = f"{first} {father} {'кызы' if female else 'уулу'}"
    else:
        full = f"{surname} {first} {father}{'овна' if female else 'ович'}"
    birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=rng.randrange(45 * 365))
    pin = f"{1 if female else 2}{birth:%d%m%Y}{rng.randrange(100000):05d}"
    series = rng.choice(["ID", "AN", "AC"])
    return {"first": first, "surname": surname, "full_name": full, "pin": pin,
            "passport": f"{series}{rng.randrange(1_000_000, 10_000_000)}",
            "email": f"{LATIN[first]}.{rng.randrange(10, 99)}@{rng.choice(DOMAINS)}",
            "latin": LATIN[first].capitalize()}


def address(rng: random.Random) -> str:
    house, flat = rng.randrange(1, 250), rng.randrange(1, 120)
    style = rng.randrange(3)
    if style == 0:
        return f"{rng.choice(CITIES_RU)}, {rng.choice(STREETS_RU)} {house}, кв. {flat}"
    if style == 1:
        return f"{rng.choice(CITIES_KY)}, {rng.choice(STREETS_KY)}, {house}-үй, {flat}-батир"
    return f"г. Бишкек, {rng.choice(MICRODISTRICTS)}, д. {rng.randrange(1, 60)}, кв. {flat}"


def timestamp(rng: random.Random) -> str:
    moment = datetime.datetime(2024, 1, 1) + datetime.timedelta(minutes=rng.randrange(525_600))
    return moment.strftime("%Y-%m-%d %H:%M:%S")


SCHEMA = """
CREATE TABLE customers (
    id INTEGER PRIMARY KEY,
    full_name TEXT NOT NULL,
    phone,                       -- legacy: no declared type, some rows hold an INTEGER
    email TEXT,
    pin TEXT,
    passport TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE orders (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    delivery_address TEXT NOT NULL,
    courier_note TEXT,
    total_som NUMERIC NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE support_tickets (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER REFERENCES customers(id),
    message TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE sms_log (
    sent_at TIMESTAMP NOT NULL,
    phone TEXT NOT NULL,
    text TEXT NOT NULL
);
"""


def build(path: str, customers: int = 120, orders: int = 200, tickets: int = 60, sms: int = 150) -> None:
    """Write the database to `path` (replacing it) and return nothing."""
    rng = random.Random(SEED)
    if os.path.exists(path):
        os.remove(path)
    conn = sqlite3.connect(path)
    try:
        conn.executescript(SCHEMA)
        people = []
        for cid in range(1, customers + 1):
            who = person(rng)
            e164 = phone_number(rng)
            who["e164"] = e164
            stored: object = int(e164[1:]) if cid % 7 == 0 else written_phone(rng, e164)
            email = who["email"] if rng.random() < 0.85 else None
            conn.execute("INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (cid, who["full_name"], stored, email, who["pin"], who["passport"], timestamp(rng)))
            people.append(who)
        for oid in range(1, orders + 1):
            cid = rng.randrange(1, customers + 1)
            who = people[cid - 1]
            note = rng.choice(NOTES).format(phone=written_phone(rng, phone_number(rng)), first=who["first"],
                                            surname=who["surname"], name=who["full_name"])
            conn.execute("INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?)",
                         (oid, cid, address(rng), note if rng.random() < 0.7 else None,
                          rng.randrange(250, 9000), timestamp(rng)))
        for tid in range(1, tickets + 1):
            cid = rng.randrange(1, customers + 1)
            who = people[cid - 1]
            message = rng.choice(TICKETS).format(
                phone=written_phone(rng, who["e164"]), name=who["full_name"], address=address(rng),
                order=rng.randrange(1, orders + 1), email=who["email"], latin=who["latin"],
                passport=who["passport"], pin=who["pin"])
            conn.execute("INSERT INTO support_tickets VALUES (?, ?, ?, ?)", (tid, cid, message, timestamp(rng)))
        for _ in range(sms):
            who = rng.choice(people)
            courier = written_phone(rng, phone_number(rng))
            text = rng.choice(SMS).format(order=rng.randrange(1, orders + 1), courier=courier)
            conn.execute("INSERT INTO sms_log VALUES (?, ?, ?)", (timestamp(rng), who["e164"], text))
        conn.commit()
    finally:
        conn.close()


def write_customers_csv(path: str, rows: int = 40) -> None:
    """The CSV export a manager would make: UTF-8 with BOM, `;`-separated, multi-line notes."""
    rng = random.Random(SEED + 1)
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        out.writerow(["id", "ФИО", "Телефон", "Email", "Адрес доставки", "Комментарий"])
        for n in range(1, rows + 1):
            who = person(rng)
            e164 = phone_number(rng)
            note = ""
            if n % 4 == 0:
                note = f"Звонить после 18:00\nзапасной номер {written_phone(rng, phone_number(rng))}"
            elif n % 5 == 0:
                note = "Постоянный клиент; скидка 5 %"
            out.writerow([n, who["full_name"], written_phone(rng, e164), who["email"], address(rng), note])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("path", help="the SQLite file to (re)create, e.g. examples/shop.db")
    parser.add_argument("--csv", help="also (re)write the customers CSV export here")
    args = parser.parse_args()
    build(args.path)
    if args.csv:
        write_customers_csv(args.csv)


if __name__ == "__main__":
    main()
