"""Write the labelled development corpus `bench/corpus/dev.jsonl` (fixed seed, made-up values).

Every document is one line of text built from a hand-written template; placeholders such
as `<PHONE>` are filled by value generators and the spans of labelled values are recorded
while the text is assembled, so they are exact. Placeholders of hard negatives (order
ids, amounts, timestamps, org ИНН, Luhn-failing numbers, ...) add text but no label.

Span conventions:
  PERSON        the full name incl. patronymic / уулу / кызы, without titles
  ADDRESS       from the most general part present (region or city) to the house/flat;
                a postcode in front of it is not part of the span
  PHONE_NUMBER  the number as written, incl. `+` and brackets, without a case suffix (`-га`)
  IP_ADDRESS    the address without a port

    python bench/make_corpus.py                   # bench/corpus/dev.jsonl
    python bench/make_corpus.py --docs 3000 --seed 7 -o /tmp/other.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

from templates import LOG_PREFIX, NEGATIVE_TEMPLATES, PII_TEMPLATES   # bench/templates.py

SEED = 20241125
DEFAULT_DOCS = 1500
HERE = Path(__file__).resolve().parent

# --- names -------------------------------------------------------------------------
KY_MALE = ("Азамат Айбек Айдар Акылбек Алмазбек Алтынбек Аманбек Арген Арстанбек Асан Аскар Асылбек "
           "Бакыт Бакытбек Бактыбек Бекболот Бекжан Бекзат Бектур Болот Данияр Дастан Дөөлөт Жаныбек "
           "Жеңишбек Жоомарт Жумабек Замир Канат Каныбек Кайрат Кубанычбек Кубат Курманбек Кутман "
           "Максат Марат Медер Мирлан Мурат Мураталы Нурбек Нурлан Нурсултан Өмүрбек Орозбек Руслан "
           "Садыр Самат Санжар Сапарбек Семетей Султан Таалайбек Талант Темирлан Тилек Тынчтык Улан "
           "Урмат Үсөн Чыңгыз Эрлан Эрмек Эсен Адилет Айбар Бекнур Жыргал Мирзат Нурболот").split()
KY_FEMALE = ("Айгерим Айгүл Айдана Айжамал Айжан Айзада Айнура Айпери Айсулуу Айтолкун Айчүрөк Акмарал "
             "Алтынай Анара Асел Асема Бегимай Бермет Бурул Гүлжамал Гүлжан Гүлзат Гүлмира Гүлназ Гүлнара "
             "Гүлнура Динара Жазгүл Жамила Жаңыл Жибек Жылдыз Назгүл Нургүл Нурзада Мээрим Сайкал Толгонай "
             "Чолпон Чынара Элиза Элмира Бактыгүл Гульнара Айдай Кундуз Мыскал Тамара").split()
RU_MALE = "Александр Сергей Владимир Андрей Алексей Дмитрий Николай Евгений Игорь Олег Виктор Михаил Павел Денис Роман Максим".split()
RU_FEMALE = "Елена Ольга Татьяна Наталья Ирина Светлана Людмила Галина Анна Мария Екатерина Марина Юлия Оксана".split()
# father's name -> (patronymic m, patronymic f)
FATHERS = {
    "Жумабек": ("Жумабекович", "Жумабековна"), "Асан": ("Асанович", "Асановна"),
    "Бакыт": ("Бакытович", "Бакытовна"), "Токтогул": ("Токтогулович", "Токтогуловна"),
    "Нурлан": ("Нурланович", "Нурлановна"), "Мурат": ("Муратович", "Муратовна"),
    "Эсен": ("Эсенович", "Эсеновна"), "Кубат": ("Кубатович", "Кубатовна"),
    "Талант": ("Талантович", "Талантовна"), "Марат": ("Маратович", "Маратовна"),
    "Самат": ("Саматович", "Саматовна"), "Сооронбай": ("Сооронбаевич", "Сооронбаевна"),
    "Кайрат": ("Кайратович", "Кайратовна"), "Болот": ("Болотович", "Болотовна"),
    "Алмаз": ("Алмазович", "Алмазовна"), "Өмүрбек": ("Өмүрбекович", "Өмүрбековна"),
    "Канат": ("Канатович", "Канатовна"), "Темир": ("Темирович", "Темировна"),
    "Сулайманкул": ("Сулайманкулович", "Сулайманкуловна"), "Үсөн": ("Үсөнович", "Үсөновна"),
}
RU_FATHERS = {
    "Сергей": ("Сергеевич", "Сергеевна"), "Петр": ("Петрович", "Петровна"),
    "Николай": ("Николаевич", "Николаевна"), "Александр": ("Александрович", "Александровна"),
    "Владимир": ("Владимирович", "Владимировна"), "Виктор": ("Викторович", "Викторовна"),
    "Юрий": ("Юрьевич", "Юрьевна"), "Иван": ("Иванович", "Ивановна"),
}
KY_SURNAMES = ("Асанов Жумабеков Осмоналиев Токтогулов Кадыров Сыдыков Мамбетов Абдыкадыров Бакиров Исаков "
               "Турсунбаев Алымкулов Жолдошев Эсенгулов Мырзабеков Сатыбалдиев Орозбаев Кудайбергенов Касымов "
               "Муратбеков Маматов Садыков Бейшеналиев Калыков Чотонов Осмонов Шаршеев Бообеков Өмүрбеков "
               "Үсөнов Сасыкбаев Карасартов Жээнбаев Абдраев Медетбеков Назаркулов Сулайманов Кенжебаев "
               "Джумабаев Дүйшөнбиев Ниязбеков Таштанов Эркинбеков Бектурганов Сагынбаев").split()
RU_SURNAMES = "Иванов Петров Смирнов Кузнецов Попов Васильев Соколов Михайлов Новиков Федоров Морозов Волков Лебедев Козлов".split()
INDECL_SURNAMES = "Ким Тен Ли Пак Шевченко Бондаренко Цой".split()

_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ү": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}
_TRANSLIT_J = dict(_TRANSLIT, **{"ж": "j", "й": "y", "ң": "ng", "ю": "yu", "я": "ya", "х": "h"})


def translit(word: str, informal: bool = False) -> str:
    """Passport-style (ж -> zh) or informal (ж -> j) Latin, first letter capitalised."""
    table = _TRANSLIT_J if informal else _TRANSLIT
    out = "".join(table.get(ch, ch) for ch in word.lower())
    return out[:1].upper() + out[1:]


def fem(surname: str) -> str:
    return surname if surname in INDECL_SURNAMES else surname + "а"


# --- value generators: each returns (value, label or None) -------------------------
MOBILE_PREFIXES = (["555", "550", "551", "552", "553", "554", "556", "557", "558", "559", "700", "701", "702",
                    "703", "704", "705", "707", "708", "709", "770", "771", "772", "773", "774", "775", "776",
                    "777", "778", "779", "990", "995", "996", "997", "998", "999", "220", "221", "222", "225",
                    "227", "500", "501", "502", "504", "505", "507", "509", "755", "880", "888", "543", "545",
                    "561", "566", "200", "202", "600"])


def _d(rng, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def phone_kg(rng) -> str:
    """A Kyrgyz mobile or landline number in one of the common writings."""
    if rng.random() < 0.2:   # landline
        if rng.random() < 0.7:
            sub = rng.choice("2346") + _d(rng, 5)
            a, b, c = sub[:2], sub[2:4], sub[4:]
            return rng.choice([
                f"0312 {a}-{b}-{c}", f"(0312) {a}-{b}-{c}", f"+996 (312) {a} {b} {c}", f"0 (312) {a}-{b}-{c}",
                f"+996 312 {sub[:3]} {sub[3:]}", f"0312 {sub}", f"+996312{sub}",
            ])
        sub = rng.choice("2579") + _d(rng, 4)
        return rng.choice([f"(03222) {sub[0]}-{sub[1:3]}-{sub[3:]}", f"+996 3222 {sub}", f"03222 {sub}"])
    p = rng.choice(MOBILE_PREFIXES)
    s = _d(rng, 6)
    a, b, c = s[:2], s[2:4], s[4:]
    forms = [
        (f"+996 {p} {a} {b} {c}", 10), (f"+996{p}{s}", 10), (f"+996 ({p}) {a}-{b}-{c}", 6),
        (f"+996 {p} {s[:3]} {s[3:]}", 8), (f"996{p}{s}", 6), (f"0{p} {s[:3]} {s[3:]}", 9), (f"0{p}{s}", 9),
        (f"0({p}){a}-{b}-{c}", 4), (f"0 ({p}) {a}-{b}-{c}", 3), (f"0{p}-{a}-{b}-{c}", 5),
        (f"(0{p}) {a}-{b}-{c}", 4), (f"0 {p} {s[:3]} {s[3:]}", 3), (f"00996{p}{s}", 2),
        (f"+996 (0{p}) {s}", 2), (f"996-{p}-{s[:3]}-{s[3:]}", 2), (f"0{p} {a} {b} {c}", 6),
        (f"8 0{p} {s}", 1), (f"+996-{p}-{a}{b}{c}", 1),
    ]
    return rng.choices([f for f, _ in forms], weights=[w for _, w in forms])[0]


def phone_foreign(rng) -> str:
    s = _d(rng, 7)
    return rng.choice([
        f"+7 701 {s[:3]} {s[3:5]} {s[5:]}", f"+7 (916) {s[:3]}-{s[3:5]}-{s[5:]}", f"8 (916) {s[:3]}-{s[3:5]}-{s[5:]}",
        f"+7 777 {s[:3]} {s[3:5]} {s[5:]}", f"+998 90 {s[:3]} {s[3:5]} {s[5:]}", f"+90 532 {s[:3]} {s[3:5]} {s[5:]}",
    ])


def g_phone(rng, lang):
    return (phone_foreign(rng) if rng.random() < 0.08 else phone_kg(rng)), "PHONE_NUMBER"


def g_phone_plain(rng, lang):
    p, s = rng.choice(MOBILE_PREFIXES), _d(rng, 6)
    return rng.choice([f"996{p}{s}", f"+996{p}{s}", f"0{p}{s}"]), "PHONE_NUMBER"


def g_phone_bare(rng, lang):   # no trunk prefix: only ever written next to a phone label
    p, s = rng.choice(MOBILE_PREFIXES), _d(rng, 6)
    return rng.choice([f"{p} {s[:2]} {s[2:4]} {s[4:]}", f"{p} {s[:3]} {s[3:]}"]), "PHONE_NUMBER"


def _person_parts(rng):
    female = rng.random() < 0.5
    given = rng.choice(KY_FEMALE if female else KY_MALE)
    surname = rng.choice(KY_SURNAMES)
    father = rng.choice(list(FATHERS))
    return female, given, fem(surname) if female else surname, father, FATHERS[father][1 if female else 0]


def person_cyr(rng, lang: str) -> str:
    female, given, surname, father, patr = _person_parts(rng)
    if lang == "ky":
        forms = [(f"{given} {father} {'кызы' if female else 'уулу'}", 4), (f"{father} {'кызы' if female else 'уулу'} {given}", 2),
                 (f"{surname} {given}", 3), (f"{given} {surname}", 3), (f"{surname} {given} {patr}", 2)]
    else:
        russian = rng.random() < 0.25
        if russian:
            female = rng.random() < 0.5
            given = rng.choice(RU_FEMALE if female else RU_MALE)
            fa = rng.choice(list(RU_FATHERS))
            patr = RU_FATHERS[fa][1 if female else 0]
            sur = rng.choice(RU_SURNAMES + INDECL_SURNAMES)
            surname = fem(sur) if female else sur
        forms = [(f"{surname} {given} {patr}", 6), (f"{surname} {given}", 3), (f"{given} {surname}", 2),
                 (f"{surname} {given[0]}.{patr[0]}.", 1), (f"{given} {father} {'кызы' if female else 'уулу'}", 1 if not russian else 0)]
    return rng.choices([f for f, _ in forms], weights=[w for _, w in forms])[0]


def person_lat(rng) -> str:
    female, given, surname, father, patr = _person_parts(rng)
    informal = rng.random() < 0.4
    g, s, f, pt = (translit(x, informal) for x in (given, surname, father, patr))
    forms = [(f"{g} {s}", 5), (f"{s} {g}", 2), (f"{s.upper()} {g.upper()}", 2), (f"{g} {f} {'kyzy' if female else 'uulu'}", 2),
             (f"{f} {'kyzy' if female else 'uulu'} {g}", 1), (f"{s} {g} {pt}", 1)]
    return rng.choices([f for f, _ in forms], weights=[w for _, w in forms])[0]


def g_person(rng, lang):
    return (person_lat(rng) if lang == "en" else person_cyr(rng, lang)), "PERSON"


def g_person_lat(rng, lang):
    return person_lat(rng), "PERSON"


def g_person_ru(rng, lang):
    return person_cyr(rng, "ru"), "PERSON"


def g_person_ky(rng, lang):
    return person_cyr(rng, "ky"), "PERSON"


RU_STREETS = ("ул. Киевская|ул. Токтогула|ул. Ахунбаева|пр. Чуй|пр. Манаса|ул. Боконбаева|ул. Исанова|ул. Московская|"
              "ул. Фрунзе|бул. Эркиндик|пр. Жибек Жолу|ул. Льва Толстого|ул. Абдрахманова|ул. Раззакова|ул. Ибраимова|"
              "ул. Тоголок Молдо|ул. Юнусалиева|ул. Горького|ул. Жукеева-Пудовкина|ул. Шабдан Баатыра|ул. Кулиева|"
              "пр. Айтматова|ул. Байтик Баатыра|ул. Суюмбаева|ул. Панфилова|ул.Боконбаева|ул.Манаса").split("|")
KY_STREETS = ("Ахунбаев көчөсү|Токтогул көчөсү|Киев көчөсү|Чүй проспектиси|Жунусалиев к.|Абдыкадыров к.|"
              "Манас проспектиси|Москва көчөсү|Исанов көчөсү|Ибраимов к.|Раззаков көчөсү|Ленин көч.").split("|")
LAT_STREETS = ("Kievskaya st.|Toktogul str.|Chui ave.|Manas ave.|Akhunbaev st.|Bokonbaeva str.|Ibraimov st.|"
               "Moskovskaya st.|Erkindik blvd.").split("|")
MICRO = "мкр. Джал-29|мкр. Асанбай|мкр. Восток-5|мкр. Учкун|мкр. Тунгуч|мкр. Магистраль|10 мкр.|мкр. 12|мкр. Аламедин-1|мкр. Кок-Жар".split("|")
ZHILMASSIV = "ж/м Ак-Орго|ж/м Кок-Жар|ж/м Арча-Бешик|ж/м Ала-Арча|ж/м Калыс-Ордо|ж/м Ак-Босого|ж.м. Ынтымак".split("|")
RU_REGIONS = [("Чуйская обл.", "Сокулукский р-н", "с. Сокулук"), ("Чуйская обл.", "Аламудунский р-н", "с. Лебединовка"),
              ("Иссык-Кульская обл.", "Тюпский р-н", "с. Тюп"), ("Ошская обл.", "Араванский р-н", "с. Араван"),
              ("Джалал-Абадская обл.", "Сузакский р-н", "с. Сузак"), ("Нарынская обл.", "Кочкорский р-н", "с. Кочкор"),
              ("Таласская обл.", "Манасский р-н", "с. Покровка")]
KY_REGIONS = [("Чүй облусу", "Сокулук району", "Сокулук айылы"), ("Чүй облусу", "Аламүдүн району", "Лебединовка айылы"),
              ("Ысык-Көл облусу", "Түп району", "Түп айылы"), ("Ош облусу", "Араван району", "Араван айылы"),
              ("Жалал-Абад облусу", "Сузак району", "Сузак айылы"), ("Нарын облусу", "Кочкор району", "Кочкор айылы")]
RU_CITIES = ["г. Бишкек", "г. Бишкек", "г. Бишкек", "г.Бишкек", "Бишкек", "г. Ош", "г. Каракол", "г. Токмок",
             "г. Кара-Балта", "г. Джалал-Абад", "г. Нарын", "г. Талас"]
KY_CITIES = ["Бишкек ш.", "Бишкек шаары", "Бишкек шаары", "Ош ш.", "Ош шаары", "Каракол шаары", "Токмок шаары",
             "Жалал-Абад шаары", "Нарын шаары"]


def _house(rng) -> int:
    return rng.choice([rng.randint(1, 60), rng.randint(1, 260), rng.randint(1, 20)])


def address_ru(rng) -> str:
    h, f = _house(rng), rng.randint(1, 120)
    street = rng.choice(RU_STREETS)
    city = rng.choice(RU_CITIES)
    return rng.choices([
        f"{city}, {street} {h}, кв. {f}", f"{city}, {street}, д. {h}, кв. {f}", f"{city}, {street}, {h}",
        f"{city}, {rng.choice(MICRO)}, д. {rng.randint(1, 60)}, кв. {f}", f"{street} {h}-{f}",
        f"{city}, {rng.choice(MICRO)}, {rng.randint(1, 60)}-{f}", f"{rng.choice(MICRO)}, д. {rng.randint(1, 60)}, кв. {f}",
        "{}, {}, {}, ул. {} {}".format(*rng.choice(RU_REGIONS), rng.choice(["Ленина", "Фрунзе", "Советская", "Мира"]), h),
        f"{city}, {rng.choice(ZHILMASSIV)}, ул. {rng.choice(['Кулиева', 'Арашан', 'Таш-Рабат', 'Ак-Тилек'])} {h}",
        f"{city}, {street} {h}/{rng.randint(1, 4)}, кв. {f}", f"{city}, {street}, дом {h}, квартира {f}",
    ], weights=[6, 5, 3, 3, 2, 2, 2, 2, 2, 1, 1])[0]


def address_ky(rng) -> str:
    h, f = _house(rng), rng.randint(1, 120)
    city = rng.choice(KY_CITIES)
    street = rng.choice(KY_STREETS)
    return rng.choices([
        f"{city}, {street}, {h}-үй, {f}-батир", f"{city}, {street}, {h}, {f}-бат", f"{city}, {street}, {h}-үй",
        "{}, {}, {}, Ленин көчөсү, {}-үй".format(*rng.choice(KY_REGIONS), h),
        f"{city}, Восток-5 к/р, {rng.randint(1, 40)}, {f}-бат", f"{street}, {h}-үй, {f}-батир",
    ], weights=[5, 3, 3, 2, 1, 1])[0]


def address_lat(rng) -> str:
    h, f = _house(rng), rng.randint(1, 120)
    street = rng.choice(LAT_STREETS)
    return rng.choice([f"Bishkek, {street} {h}, apt. {f}", f"Bishkek, {h} {street}, apt {f}", f"Osh, {street} {h}",
                       f"Bishkek city, {street} {h}-{f}", f"Karakol, {street} {h}"])


def g_address(rng, lang):
    if lang == "en":
        return address_lat(rng), "ADDRESS"
    if lang == "ky" or (lang == "mix" and rng.random() < 0.5):
        return address_ky(rng), "ADDRESS"
    return address_ru(rng), "ADDRESS"


def g_address_ru(rng, lang):
    return address_ru(rng), "ADDRESS"


def g_address_ky(rng, lang):
    return address_ky(rng), "ADDRESS"


def g_address_lat(rng, lang):
    return address_lat(rng), "ADDRESS"


def _date(rng, y0: int, y1: int) -> tuple[int, int, int]:
    y = rng.randint(y0, y1)
    m = rng.randint(1, 12)
    return rng.randint(1, 28 if m == 2 else 30), m, y


def g_pin(rng, lang):
    d, m, y = _date(rng, 1950, 2006)
    return f"{rng.choice('12')}{d:02d}{m:02d}{y}{_d(rng, 5)}", "KG_PIN"


def g_passport(rng, lang):
    n = _d(rng, 7)
    return rng.choices([f"ID{n}", f"ID {n}", f"AN{n}", f"AN {n}", f"АN {n}", f"AC{n}", f"AC {n}"],
                       weights=[6, 4, 3, 3, 1, 2, 1])[0], "KG_PASSPORT"


DOMAINS = ["gmail.com", "mail.ru", "mail.kg", "inbox.ru", "yandex.ru", "bk.ru", "list.ru", "outlook.com",
           "yahoo.com", "tezdostavka.kg", "bizdin-dukon.kg", "akylai-shop.kg", "ktnet.kg", "mail.com"]


def g_email(rng, lang):
    female, given, surname, _, _ = _person_parts(rng)
    g, s = translit(given, rng.random() < 0.5).lower(), translit(surname).lower()
    local = rng.choice([f"{g}.{s}", f"{g[0]}.{s}", f"{g}{rng.randint(70, 99)}", f"{s}_{g}", f"{g}.{s}{rng.randint(1, 9)}",
                        f"{g}_{rng.randint(1990, 2006)}", f"{s}{g[0]}", f"{g}-{s}"])
    value = f"{local}@{rng.choice(DOMAINS)}"
    if rng.random() < 0.07:
        value = value[:1].upper() + value[1:]
    return value, "EMAIL_ADDRESS"


IP_NETS = ["212.112", "92.62", "176.123", "31.186", "195.38", "213.145", "46.251", "5.59", "158.181", "188.247",
           "10.0", "10.10", "192.168", "172.16", "172.20", "185.117", "217.29", "91.213"]


def g_ip(rng, lang):
    if rng.random() < 0.1:
        groups = [rng.choice(["2a02", "2a03", "2001"]), format(rng.randint(0x100, 0xffff), "x")] + \
                 [format(rng.randint(0, 0xffff), "x") for _ in range(rng.choice([2, 3]))]
        return ":".join(groups) + "::" + format(rng.randint(1, 0xfff), "x"), "IP_ADDRESS"
    return f"{rng.choice(IP_NETS)}.{rng.randint(0, 254)}.{rng.randint(1, 254)}", "IP_ADDRESS"


def g_ip4(rng, lang):   # where a port follows: an unbracketed IPv6 would swallow it
    return f"{rng.choice(IP_NETS)}.{rng.randint(0, 254)}.{rng.randint(1, 254)}", "IP_ADDRESS"


def luhn_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2
            d = d - 9 if d > 9 else d
        total += d
    return str((10 - total % 10) % 10)


def luhn_ok(num: str) -> bool:
    return luhn_digit(num[:-1]) == num[-1]


def _card_digits(rng) -> str:
    prefix = rng.choices(["9417", "4169", "4400", "5168", "5211", "2200", "4578", "5440", "2202"],
                         weights=[4, 3, 2, 2, 2, 1, 2, 2, 1])[0]
    body = prefix + _d(rng, 15 - len(prefix))
    return body + luhn_digit(body)


def _group(num: str, rng) -> str:
    sep = rng.choices([" ", "", "-"], weights=[6, 3, 1])[0]
    return sep.join(num[i:i + 4] for i in range(0, 16, 4))


def g_card(rng, lang):
    return _group(_card_digits(rng), rng), "CREDIT_CARD"


# --- hard negatives (no label) ------------------------------------------------------
def g_bad_card(rng, lang):
    num = _card_digits(rng)
    num = num[:-1] + str((int(num[-1]) + rng.randint(1, 9)) % 10)
    return _group(num, rng), None


def g_masked_card(rng, lang):
    num = _card_digits(rng)
    return rng.choice([f"{num[:4]} {num[4:6]}** **** {num[12:]}", f"{num[:6]}******{num[12:]}", f"****{num[12:]}",
                       f"*{num[12:]}"]), None


def g_account(rng, lang):
    while True:
        num = rng.choice(["124", "109", "118", "103"]) + _d(rng, 13)
        if not luhn_ok(num):
            return num, None


def g_order(rng, lang):
    return rng.choice([f"№{_d(rng, 6)}", f"#{rng.randint(100000, 999999)}", f"ORD-2024-{_d(rng, 6)}", f"№{rng.choice(MOBILE_PREFIXES)}{_d(rng, 6)}",
                       f"{rng.randint(10 ** 8, 10 ** 9 - 1)}", f"KG{_d(rng, 10)}"]), None


def g_amount(rng, lang):
    n = rng.choice([rng.randint(100, 999), rng.randint(1, 99) * 100 + rng.choice([0, 50]), rng.randint(1, 250) * 1000,
                    rng.randint(1, 3) * 1_000_000 + rng.randint(0, 999) * 1000])
    s = f"{n:,}".replace(",", " ")
    return rng.choice([f"{s} сом", f"{s} сом", f"{s} KGS", f"{s},00 сом", f"{n} с.", f"{s} сомго" if lang == "ky" else f"{s} сом."]), None


def g_amount_num(rng, lang):
    return f"{rng.randint(100, 250000)}.{rng.choice(['00', '50'])}", None


def g_amount_en(rng, lang):
    return rng.choice([f"{rng.randint(100, 99999)}.00 KGS", f"${rng.randint(5, 900)}.{_d(rng, 2)}"]), None


def g_date(rng, lang):
    d, m, y = _date(rng, 2019, 2025)
    return rng.choice([f"{d:02d}.{m:02d}.{y}", f"{d:02d}.{m:02d}.{y}", f"{y}-{m:02d}-{d:02d}", f"{d:02d}/{m:02d}/{y}"]), None


def g_date_iso(rng, lang):
    d, m, y = _date(rng, 2022, 2025)
    return f"{y}-{m:02d}-{d:02d}", None


def g_ts(rng, lang):
    d, m, y = _date(rng, 2024, 2025)
    return f"{y}-{m:02d}-{d:02d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d},{_d(rng, 3)}", None


def g_ts_iso(rng, lang):
    d, m, y = _date(rng, 2024, 2025)
    return f"{y}-{m:02d}-{d:02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}Z", None


MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def g_nginx_ts(rng, lang):
    d, m, y = _date(rng, 2024, 2025)
    return f"{d:02d}/{MONTHS[m - 1]}/{y}:{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d} +0600", None


def g_ts14(rng, lang):
    d, m, y = _date(rng, 2023, 2025)
    return f"{y}{m:02d}{d:02d}{rng.randint(0, 23):02d}{rng.randint(0, 59):02d}{rng.randint(0, 59):02d}", None


def g_unix(rng, lang):
    return str(rng.randint(1_690_000_000, 1_760_000_000)), None


def g_org_inn(rng, lang):
    d, m, y = _date(rng, 1992, 2023)
    return f"0{d:02d}{m:02d}{y}{_d(rng, 5)}", None


def g_bad_pin(rng, lang):   # a 14-digit id whose birth date cannot exist (month 13-99)
    return f"{rng.choice('12')}{rng.randint(1, 28):02d}{rng.randint(13, 99)}{rng.randint(1950, 2005)}{_d(rng, 5)}", None


def g_postcode(rng, lang):
    return rng.choice(["720001", "720040", "720021", "720072", "722191", "723500", "720011", "720054"]), None


def g_version(rng, lang):
    return rng.choice([f"v{rng.randint(1, 4)}.{rng.randint(0, 12)}.{rng.randint(0, 30)}.{rng.randint(0, 200)}",
                       f"v{rng.randint(1, 4)}.{rng.randint(0, 12)}.{rng.randint(0, 30)}", f"{rng.randint(1, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 99)}",
                       f"2024.{rng.randint(1, 12)}.{rng.randint(1, 28)}.{rng.randint(1, 9)}"]), None


def g_street_alone(rng, lang):
    return rng.choice(["ул. Токтогула", "ул. Ахунбаева", "пр. Чуй", "пр. Манаса", "ул. Киевская", "бул. Эркиндик",
                       "ул. Льва Толстого", "ул. Жибек Жолу"]), None


def g_city(rng, lang):
    return rng.choice(["Бишкек", "Ош", "Каракол", "Токмок", "Кара-Балта", "Нарын", "Талас", "Чолпон-Ата"]), None


def g_city_in(rng, lang):   # Russian prepositional after "в"
    return rng.choice(["Бишкеке", "Оше", "Караколе", "Токмоке", "Нарыне", "Таласе", "Кара-Балте"]), None


def g_ussd(rng, lang):
    return rng.choice(["*228#", "*697#", "*697*0#", "*228*1*5#", "*728*9#", "*100#", "*505#"]), None


def g_hex(rng, lang):
    h = "".join(rng.choice("0123456789abcdef") for _ in range(rng.choice([12, 16, 24, 32])))
    return h[:-1] + rng.choice("abcdef"), None


def g_uuid(rng, lang):
    h = "".join(rng.choice("0123456789abcdef") for _ in range(32))
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}", None


def g_userid(rng, lang):
    return str(rng.randint(10_000, 9_999_999)), None


def g_txn(rng, lang):
    return rng.choice([f"T{_d(rng, 12)}", f"tx_{_d(rng, 10)}", f"{_d(rng, 19)}", f"RRN {_d(rng, 12)}"]), None


def g_ticket(rng, lang):
    return rng.choice([f"#{rng.randint(10000, 99999)}", f"SUP-{rng.randint(1000, 9999)}", f"№{rng.randint(1000, 99999)}"]), None


def g_okpo(rng, lang):
    return _d(rng, 8), None


def g_bik(rng, lang):
    return rng.choice(["124012", "109001", "118005", "103001"]), None


def g_mkk(rng, lang):
    return rng.choice(["МКК 50-03", "МКК 211031", "ИИМ 50-55", "МКК 211042"]), None


def g_short(rng, lang):
    return rng.choice(["101", "102", "103", "112", "119", "4040"]), None


def g_plate(rng, lang):
    return rng.choice([f"01KG{_d(rng, 3)}ABC", f"01 KG {_d(rng, 3)} AKM", f"08 {_d(rng, 3)} BDE", f"B {_d(rng, 4)} AB"]), None


def g_ms(rng, lang):
    return str(rng.randint(1, 4000)), None


def g_status(rng, lang):
    return rng.choices(["200", "201", "204", "301", "304", "400", "401", "403", "404", "499", "500", "502"],
                       weights=[40, 4, 3, 2, 6, 2, 2, 1, 5, 1, 1, 1])[0], None


def g_bytes(rng, lang):
    return str(rng.randint(0, 250_000)), None


def g_level(rng, lang):
    return rng.choices(["INFO", "DEBUG", "WARN", "ERROR"], weights=[6, 2, 2, 1])[0], None


SERVICES = ["order-svc", "courier-api", "payments", "auth", "notify", "crm-sync", "chat-bot", "billing", "kyc", "gateway"]


def g_svc(rng, lang):
    return rng.choice(SERVICES), None


UAS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.91 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 13; SM-A325F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.6312.118 Mobile Safari/537.36",
    "okhttp/4.12.0", "Dart/3.3 (dart:io)", "curl/8.5.0", "TezDostavka/2.14.3.1 (Android 12; build 20240512)",
    "Go-http-client/1.1", "kube-probe/1.29", "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
]


def g_ua(rng, lang):
    return rng.choice(UAS), None


def g_path(rng, lang):
    return rng.choice([
        f"/api/v1/orders/{rng.randint(100000, 999999)}", "/api/v2/couriers/nearby?lat=42.8746&lon=74.5698",
        f"/static/js/app.{rng.randint(1000, 9999)}.js", "/health", "/metrics", f"/api/v1/products?page={rng.randint(1, 40)}",
        f"/api/v1/cart/{_d(rng, 6)}/items", "/favicon.ico", f"/img/banners/{rng.randint(1, 30)}.webp",
        f"/api/v1/tracking/KG{_d(rng, 10)}", "/api/v1/auth/refresh", f"/api/v2/shops/{rng.randint(1, 400)}/menu",
    ]), None


def g_npm(rng, lang):
    return rng.choice(["lodash@4.17.21", "react@18.2.0", "axios@1.6.8", "@types/node@20.12.7", "express@4.19.2"]), None


def g_oid(rng, lang):
    return rng.choice(["1.3.6.1.4.1.2011.5.25", "1.3.6.1.2.1.1.3.0", "1.3.6.1.4.1.9.9.13"]), None


def g_handle(rng, lang):
    return rng.choice(["@tezdostavka_bot", "@bishkek_market", "@kg_support", "@dukon_admin"]), None


def g_n(rng, lang):
    return str(rng.randint(2, 480)), None


def g_time(rng, lang):
    return f"{rng.randint(7, 22):02d}:{rng.choice(['00', '15', '30', '45'])}", None


GENERATORS = {
    "PHONE": g_phone, "PHONE_PLAIN": g_phone_plain, "PHONE_BARE": g_phone_bare,
    "PERSON": g_person, "PERSON_LAT": g_person_lat, "PERSON_RU": g_person_ru, "PERSON_KY": g_person_ky,
    "ADDRESS": g_address, "ADDRESS_RU": g_address_ru, "ADDRESS_KY": g_address_ky, "ADDRESS_LAT": g_address_lat,
    "PIN": g_pin, "PASSPORT": g_passport, "EMAIL": g_email, "IP": g_ip, "IP4": g_ip4, "CARD": g_card,
    "BAD_CARD": g_bad_card, "MASKED_CARD": g_masked_card, "ACCOUNT": g_account, "ORDER": g_order, "AMOUNT": g_amount,
    "AMOUNT_NUM": g_amount_num, "AMOUNT_EN": g_amount_en, "DATE": g_date, "DATE_ISO": g_date_iso, "TS": g_ts,
    "TS_ISO": g_ts_iso, "NGINX_TS": g_nginx_ts, "TS14": g_ts14, "UNIX": g_unix, "ORG_INN": g_org_inn,
    "BAD_PIN": g_bad_pin, "POSTCODE": g_postcode, "VERSION": g_version, "STREET_ALONE": g_street_alone,
    "CITY": g_city, "CITY_IN": g_city_in, "USSD": g_ussd, "HEX": g_hex, "UUID": g_uuid, "USERID": g_userid, "TXN": g_txn,
    "TICKET": g_ticket, "OKPO": g_okpo, "BIK": g_bik, "MKK": g_mkk, "SHORT": g_short, "PLATE": g_plate,
    "MS": g_ms, "STATUS": g_status, "BYTES": g_bytes, "LEVEL": g_level, "SVC": g_svc, "UA": g_ua, "PATH": g_path,
    "NPM": g_npm, "OID": g_oid, "HANDLE": g_handle, "N": g_n, "TIME": g_time,
}

PLACEHOLDER = re.compile(r"<([A-Z][A-Z0-9_]*)>")


def render(template: str, lang: str, rng: random.Random) -> tuple[str, list[dict]]:
    """Fill `<NAME>` placeholders; returns the text and the exact spans of labelled values."""
    parts: list[str] = []
    entities: list[dict] = []
    pos = 0
    length = 0
    for m in PLACEHOLDER.finditer(template):
        literal = template[pos:m.start()]
        parts.append(literal)
        length += len(literal)
        value, label = GENERATORS[m.group(1)](rng, lang)
        if label:
            entities.append({"start": length, "end": length + len(value), "type": label})
        parts.append(value)
        length += len(value)
        pos = m.end()
    parts.append(template[pos:])
    return "".join(parts), entities



def make_document(rng: random.Random, negative: bool) -> tuple[str, list[dict], str]:
    """One document: (text, entities, kind)."""
    kind, lang, template = rng.choice(NEGATIVE_TEMPLATES if negative else PII_TEMPLATES)
    if kind in ("app", "chat", "note", "ticket") and rng.random() < (0.7 if kind == "app" else 0.25):
        template = LOG_PREFIX + template
    text, entities = render(template, lang, rng)
    return text, entities, kind


def build_corpus(docs: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for i in range(docs):
        text, entities, kind = make_document(rng, negative=rng.random() < 0.35)
        out.append({"id": i, "kind": kind, "text": text, "entities": entities})
    return out


def check(doc: dict) -> None:
    """Spans inside the text, non-empty, not overlapping, not padded with spaces."""
    text = doc["text"]
    last = 0
    for ent in sorted(doc["entities"], key=lambda e: e["start"]):
        value = text[ent["start"]:ent["end"]]
        assert value and value == value.strip(), (doc["id"], value)
        assert ent["start"] >= last, (doc["id"], "overlap")
        last = ent["end"]
    assert "\n" not in text


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=DEFAULT_DOCS)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("-o", "--output", default=str(HERE / "corpus" / "dev.jsonl"))
    args = parser.parse_args(argv)
    corpus = build_corpus(args.docs, args.seed)
    counts: dict[str, int] = {}
    for doc in corpus:
        check(doc)
        for ent in doc["entities"]:
            counts[ent["type"]] = counts.get(ent["type"], 0) + 1
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        for doc in corpus:
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    negatives = sum(1 for d in corpus if not d["entities"])
    print(f"{out}: {len(corpus)} documents ({negatives} without PII), {sum(counts.values())} entities", file=sys.stderr)
    for typ, n in sorted(counts.items()):
        print(f"  {typ:14} {n}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
