"""Postal and delivery addresses in Kyrgyzstan, in Russian, Kyrgyz and Latin writing.

One span runs from the most general part present (postcode, country, region, district,
town, village) to the most specific (house, flat):

>>> rec = KgAddressRecognizer()
>>> [text[r.start:r.end] for text in ["Жеткирүү: Ош ш., Ленин көч., 205-үй"] for r in rec.analyze(text)]
['Ош ш., Ленин көч., 205-үй']

How it works: one compiled regex (`_COMPONENT_RX`) finds address *components* left to
right: a postcode, a town with its generic word ("г. Бишкек", "Бишкек шаары"), a street
("ул. Киевская", "Ленин көчөсүндө", "Manas ave"), a microdistrict ("мкр. Джал-23",
"12 мкр", "Восток-5 к/р"), a house ("д. 96", "205-үйдө"), a flat ("кв. 12", "45-батир"),
a bare number, or a gazetteer name written without a generic word. Components separated
only by commas and spaces form a run; a run is an address when it reaches a home:

* street or microdistrict (with its generic word) + house or flat       0.75
* ... and a town, village, district or region                            0.85
* ... and a postcode or country, or a flat                               0.90-0.95
* postcode + town + street, no house (a postal address)                  0.90
* village + house ("с. Кок-Жар, д. 12": villages often have no streets)  0.75
* known microdistrict without a generic word + house-flat ("Асанбай 45-12") 0.75
* known street without a generic word + house-flat or a house word
  ("Боконбаева 45-12", "Киевская д. 96")                                  0.60
* known street + a plain number ("Киевская 96"), or an unknown surname-like
  word + house-flat ("Сатаркулова 45-12"), or town + street without house  0.40

The 0.40 cases are reported only with a context word (адрес, дарек, жеткирүү, deliver,
проживает, жашайт, ...) or an address-like column name: a bare "Name 45" is too often a
person's age, an order line or a product version. A town, street or region alone is
never an address: it cannot find a home. The gazetteers are in `data/address_*.txt`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from .base import KgRecognizer, load_word_list

_UP = "A-ZА-ЯЁӨҮҢÖÜ"
_L = r"[^\W\d_]"
# A proper-name word: capitalized, at least two letters; hyphenated parts may be numbers
# (Джал-23, Восток-5, Кара-Суу, Курманжан-Датка).
_CAP = rf"[{_UP}]{_L}+(?:['’]{_L}+)?(?:-[^\W_]+)*"
# Any word, after an unambiguous generic word ("ул. киевская" in sloppy data).
_ANY = rf"{_L}{{2,}}(?:['’]{_L}+)?(?:-[^\W_]+)*"
# Kyrgyz case endings after a possessive generic word: шаары-нда, көчөсү-ндө, району-нун
# (kyrgyz.md 4.4: an inserted н, then the case suffix; all attested in KYRGYZNER).
_KYCASE = r"(?:н(?:[ыиуү]н|[дт][аеоө](?:г[ыиуү])?|[аеоө]н?))?"
# Case endings on a bare town name: Russian (Бишкеке, Оша) and Kyrgyz (Бишкекте,
# Оштогу, Нарындын) without a hyphen (kyrgyz.md 5.2).
# What follows an unlisted street-like name: house-flat "45-12", "15/2", or a house with a
# letter "12а" (a letter is never an age or a count).
_GUESS_HOUSE = r"[1-9]\d{0,3}(?:[а-я]?\s?[-/]\s?[1-9]|[а-я](?![\w/-]))"
# Endings of a street written like a Russian genitive surname or street adjective.
_GUESS_ENDINGS = ("[ое]ва", "ина", "ына", "[ое]в", "ин", "ская", "цкая", "ского", "цкого", "ого")
# Such an ending, spaces, then house-flat ("Сатаркулова 45-12"), for the cheap tests:
# written from the space on, the endings as look-behinds, so `re` tries it at spaces before
# a digit instead of at every "о" or "и".
_GUESS_ENDING_HOUSE = (
    r"\s(?=\s*[1-9])(?:" + "|".join(rf"(?<={e}\s)" for e in _GUESS_ENDINGS) + r")\s*" + _GUESS_HOUSE
)
# Russian case endings on a microdistrict name: "на Джале", "в Асанбае", "в Тунгуче".
_MKR_INFL = r"(?:е|а|у|ом)?"
_PLACE_INFL = r"(?:[дт][аеоө](?:г[ыиуү]|н)?|[дтн][ыиуү]н|[гк][аеоө]|[еуа]|ом)?"

# Capitalized words that start sentences and are never part of a street name: without
# them "Биз Ленин көчөсүндө" would make "Биз Ленин" the street.
_STOP = (
    r"(?:Мен|Биз|Сен|Сиз|Ал|Алар|Менин|Биздин|Анын|Дарек|Дареги|Адрес|Адресс|Я|Мы|Он|Она|Они|"
    r"Живу|Живет|Проживает|Доставка|Доставить|Заказ|Курьер|На|По|В|Во|Из|От|До|Для|И|Или|Не|Это|"
    r"Заказды|Заказыңызды|Посылканы|Курьерге|Дарегим|Адресим|Привезите|Доставьте|Отправьте|Клиент|"
    r"Address|Deliver|Delivery|Ship|At|On|In|To|The|My|Our|Your|His|Her|Their|And|Or|From|Near|"
    r"Дом|Кв|Ул|Үй|Мкр|Apt|Flat|House|Street|Ave|Avenue)(?![\w-])"
)
_NAMEW = rf"(?:(?!{_STOP}){_CAP}|[1-9]\d?-[{_UP}]{_L}+)"
_LATW = r"(?:(?!{stop})[A-Z][A-Za-zÀ-ÿ'’]+(?:-[A-Za-z0-9]+)*)".format(stop=_STOP)
# A street name after its generic word: "Киевская", "Льва Толстого", "50 лет Киргизии",
# "6-я линия", "7 Апреля"; continuation words must be capitalized and not a town.
_ORDNAME = rf"[1-9]\d{{0,2}}(?:-?(?:я|й|ая|ий|ый|ой|го))?\s+(?:лет\s+{_CAP}|линия|{_CAP})"

# A house number: 96, 96а, 15/2 (house 15 building 2); never starting with 0 (phone
# numbers, dates 05-12 do).
_HNUM = r"[1-9]\d{0,3}(?:[а-яa-zА-ЯA-Z](?!\w))?(?:\s?/\s?[1-9]\d{0,3}[а-яa-z]?(?!\w))?"
# What may not follow a bare number: more digits (a phone or date), a decimal or time,
# a unit or currency (amounts, ages, years: "2024 г.", "45 жашта").
_NUM_END = (
    r"(?!\d|[.,:/]\d|\s?-\s?\d|\s+\d|\s*(?i:%|сом|руб|тыс|млн|kgs|usd|\$|€|шт|км|кг|м2|кв\.?\s?м|лет|года?\b|"
    r"жыл|жаш|чел|киши|раз|мин|сек|час|саат|мүнөт|мес|күн|г\.|гг|x\d|gb|mb|pcs|items?\b)"
    r"|\s*-?\s*(?i:подъезд|под\.|этаж|эт\.|кабат))"
)

# Generic words after a street name (literal prefixes, for the look-aheads in `_alternatives`).
_POSTPOSED_STREET = r"көчө|көч\.|проспектиси|бульвары|тупиги|к\.|пр\.|ул\.|улица|пр-т|проспект|бул\.|бульвар|пер\.|переулок"
_LATIN_STREET = r"(?i:st|avenue|ave|boulevard|blvd|road|rd|lane|prospekt|prospect|ulitsa|ul\.|kochosu|köchösü|koch\.)"

_GAP_RX = re.compile(r"[ \t]*,?[ \t]*")
# Characters no component (nor the gap between two) ever holds, so no run crosses one:
# `find` scans from the last of them before the first anchor (past a log line's timestamp,
# "[service]" and "key:" prefixes, a JSON record's other fields). `.*` makes `match` find
# the last one.
_LAST_BREAK_RX = re.compile(r'.*[":;=|()\[\]{}<>]', re.DOTALL)

# Component kinds.
LOCALITY = frozenset({"city", "village", "place", "district", "region", "mkr_lead"})
POSTAL = frozenset({"post", "country"})
STREET = frozenset({"street", "mkr"})
BARE = frozenset({"mkr_bare", "street_bare", "street_guess"})
HOUSE = frozenset({"house", "street_h"})
FLAT = frozenset({"flat"})
# (for `_runs`: after a house or flat, these start the next address)
_STARTS_AFRESH = STREET | BARE | {"street_h", "district", "region"}
_HOME_NUMBER = HOUSE | FLAT | {"num"}


def _variants(name: str) -> list[list[str]]:
    """Gazetteer lines `canonical | variant | ...` as lists of writings."""
    return [[v.strip() for v in line.split("|") if v.strip()] for line in load_word_list(name)]


def _trie_pattern(words: Iterable[str]) -> str:
    """One regex alternation for many literals, factored as a trie (fast in `re`).

    Longer continuations come first inside each optional group, so with a boundary
    check after it the longest listed name wins ("Джал-23" over "Джал").
    """
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?"
        return body

    return emit(trie)


@lru_cache(maxsize=1)
def _gazetteers() -> dict:
    """The three word lists, loaded once per process on first use."""
    places = _variants("address_places.txt")
    mkrs = _variants("address_districts_bishkek.txt")
    streets = _variants("address_streets.txt")
    ambiguous = _variants("address_places_ambiguous.txt")
    canon = {}
    for kind, table in (("loc", places + ambiguous), ("mkr", mkrs), ("street", streets)):
        for writings in table:
            for w in writings:
                canon[(kind, _fold(w))] = _fold(writings[0])
    return {
        # all-caps writings too: forms and exports ("Г. БИШКЕК", "BISHKEK, MOSKOVSKAYA STR.")
        "places": sorted({v for ws in places for w in ws for v in (w, w.upper())}),
        "places_lead": sorted({w for ws in ambiguous for w in ws}),
        # compound names ("Кызыл-Аскер", "Арча-Бешик") are never a person's name
        "mkrs_lead": sorted({w for ws in mkrs for w in ws if "-" in w or " " in w}),
        "mkrs": sorted({w for ws in mkrs for w in ws}),
        "streets": sorted({w for ws in streets for w in ws}),
        "canon": canon,
    }


# What a component can start with, for `_component_rx` to try at each word start only the
# alternatives that can match there (a third of them on a lower-case word).
_STARTS = {"digit": "[1-9]", "capital": f"[{_UP}]", "other": f"[^1-9{_UP}]"}


def _starts_of(names: Iterable[str]) -> str:
    """The `_STARTS` classes the first letters of listed names fall in: "capital other"."""
    return " ".join(cls for cls, rx in _STARTS.items() if any(re.match(rx, name) for name in names))


def _alternatives() -> list[tuple[str, str, str]]:
    """(kind, starts, regex) in priority order: at one position the first that matches
    wins. `starts` names every `_STARTS` class the first character of a match can be in."""
    g = _gazetteers()
    places = _trie_pattern(g["places"])
    mkrs = _trie_pattern(g["mkrs"])
    streets = _trie_pattern(g["streets"])
    mkrs_lead = _trie_pattern(g["mkrs_lead"])
    places_lead = _trie_pattern(g["places_lead"])
    street_word = r"(?i:ул[.\s]|улица|пр\.|пр-к?т|проспект|бул\.|бульвар|пер\.|мкр|м-н|ж/м)"
    not_town = rf"(?!(?:{places})(?![\w-]))"
    # A street name before its generic word: one or two words, the first not a town
    # ("Бишкектеги Токтогул көчөсүндө": the town is its own component).
    not_town_infl = rf"(?!(?:{places}){_PLACE_INFL}(?![\w-]))"
    # (the capital-letter lookahead first: it fails fast where no name starts)
    lname = rf"(?=[{_UP}\d])(?:{not_town_infl}{_NAMEW}\s+)?{_NAMEW}"
    latname = rf"(?=[A-Z])(?:{not_town}{_LATW}\s+)?{_LATW}"
    cont = rf"(?:\s+{not_town}(?!{_STOP}){_CAP}){{0,2}}"
    after_name = rf"(?:{_ORDNAME}|(?:им\.\s*)?{_ANY}{cont})"
    # a house number follows (for postposed short generic words and bare names)
    house_next = r"(?=\s*,?\s*(?:(?i:д\.|дом|№|house|h\.)\s*)?№?\s*[1-9])"

    def then(words: str) -> str:
        """A look-ahead for `words` after one or two space-free tokens: implied by a name
        of one or two words (which holds no space) followed by spaces and `words`; it
        rejects most word starts before the name's own (slower) tests run."""
        return rf"(?=\S+\s+(?:\S+\s+)?(?:{words}))"

    mkr_after = (
        r"мкр|микрорайон|м-н|м/р|мк-н|к/р|ж/м|жилмассив|(?i:mkr|microdistrict)|кичи\s+район|жаңы\s+конушу|"
        r"конушу|турак\s+жай\s+массиви"
    )
    return [
        ("post", "digit", r"(?<![\w+])7[12]\d{4}(?!\d)"),
        (
            "country", "capital",
            r"(?:Кыргызская|Киргизская)\s+Республика|Кыргыз\s+Республикасы" + _KYCASE
            + r"|Кыргызстан(?:дын|да|ga)?|Киргизия|КР(?![\w-])|Kyrgyz\s+Republic|Kyrgyzstan|Kirgizia",
        ),
        ("region", "capital", rf"{_CAP}\s+(?:обл(?:асть|асти|\.)|обл(?!\w))"),
        ("region", "other", rf"(?<!\w)обл(?:\.|асть)\s*{_CAP}"),
        ("region", "capital", rf"{_CAP}\s+облусу{_KYCASE}(?!\w)"),
        ("region", "capital", rf"(?=[A-Z]){then('(?i:oblast|region|province)')}{latname}\s+(?i:oblast|region|province)(?!\w)"),
        ("district", "capital", rf"{_CAP}\.?\s+(?:р-н[аеу]?|р-он[аеу]?|район[аеу]?)(?![\w-])\.?"),
        ("district", "other", rf"(?<!\w)(?:р-н|район)\s+{_CAP}"),
        ("district", "capital", rf"{_CAP}\s+району{_KYCASE}(?!\w)"),
        ("district", "capital", rf"(?=[A-Z]){then('(?i:district|rayon|raion)')}{latname}\s+(?i:district|rayon|raion)(?!\w)"),
        ("city", "capital other", rf"(?<![\w\d])(?<!\d\s)(?:[Гг]ор(?:од|\.)|ГОР(?:ОД|\.)|[Гг]\.|г(?=\s))\s*{_CAP}"),
        (
            "village", "capital other",
            rf"(?<![\w.])(?:с\.|село|п\.|пос\.|поселок|посёлок|пгт\.?|аил|айыл|кыштак|(?i:v\.|vil\.|village))"
            rf"\s*{_CAP}",
        ),
        (
            "mkr", "capital other",
            r"(?<![\w/.])(?:мкр(?:н|-н)?|микрорайон|м-н|м/р|мк-н|ж/м|ж\.\s?м|ж-м|жилмассив|жил\.\s*массив|"
            r"ж/массив|к/р|(?i:mkr|mkrn|microdistrict|md|j/m|zh/m))(?:\.\s*|\s+|(?=[{up}\d]))"
            r"(?:[1-9]\d?[а-яА-Я]?(?!\d)|{after})".format(up=_UP, after=after_name),
        ),
        (
            "street", "capital other",
            r"(?<![\w.])(?i:ул(?:ица|\.|\s)|пр(?:оспект|-кт|-т|\.)|бул(?:ьвар|\.)|б-р|пер(?:еулок|\.)|тупик|"
            r"шоссе|тракт|проезд|пр-д|ul\.|ulitsa|prospekt|prospect|str\.)\s*" + after_name,
        ),
        (
            "street", "digit capital",
            rf"(?=[{_UP}\d]){then(_POSTPOSED_STREET)}{lname}\s+(?:көчөсү{_KYCASE}(?!\w)|көчө(?!\w)|көч\.|проспектиси{_KYCASE}(?!\w)|"
            rf"бульвары{_KYCASE}(?!\w)|тупиги{_KYCASE}(?!\w)|(?:к\.|пр\.|ул\.|улица|пр-т|проспект|"
            rf"бул\.|бульвар|пер\.|переулок)(?!\w){house_next})",
        ),
        (
            "street", "capital",
            rf"(?=[A-Z]){then(_LATIN_STREET)}{latname}\s+(?i:street|str\.?|st\.?|avenue|ave\.?|boulevard|blvd\.?|road|rd\.?|lane|"
            rf"prospekt|prospect|ulitsa|ul\.|kochosu|köchösü|koch\.)(?![\w])",
        ),
        # numbered streets and lines: "5-көчө", "6-я линия", "2-й переулок"
        (
            "street", "digit",
            rf"(?<![\w.,/-])[1-9]\d{{0,2}}(?:-?(?:я|й|ая|ий|ый))?[\s-]*(?:көчө(?:сү{_KYCASE})?|линия|"
            rf"переулок|проезд|тупик)(?!\w)",
        ),
        ("city", "capital", rf"{_CAP}\s+(?:шаары{_KYCASE}(?!\w)|шаар(?!\w)|ш\.|(?i:city)(?!\w))"),
        ("village", "capital", rf"{_CAP}\s+(?:айыл(?:ы{_KYCASE})?(?!\w)|кыштагы{_KYCASE}(?!\w)|а/о|(?i:village)(?!\w))"),
        (
            "mkr", "digit capital",
            r"(?<![\w.,/-])(?:[1-9]\d?[а-я]?|{name})\s*-?\s*(?:(?:мкр(?:н|-н)?|микрорайон|м-н|м/р|мк-н|к/р|"
            r"ж/м|жилмассив|(?i:mkr|microdistrict))(?![\w/])\.?|кичи\s+району{ky}(?!\w)|кичи\s+район(?!\w)|"
            r"жаңы\s+конушу{ky}(?!\w)|конушу{ky}(?!\w)|турак\s+жай\s+массиви{ky}(?!\w))".format(
                # (the name holds no space; the generic word may follow it without one)
                name=rf"(?=[{_UP}\d])(?=(?:\S+\s+)?\S*?[\s-]*(?:{mkr_after})){lname}", ky=_KYCASE
            ),
        ),
        # English order: "12 Toktogul St., Bishkek"
        (
            "street_h", "digit",
            rf"(?<![\w.,/-])[1-9]\d{{0,3}}[a-zA-Z]?\s+{then(_LATIN_STREET)}{latname}\s+(?i:street|str\.?|st\.?|avenue|ave\.?|"
            rf"boulevard|blvd\.?|road|rd\.?|lane)(?![\w])",
        ),
        # "д. 96", "дом №5", "house 5", "үй №12"; `(?<![\w.])` keeps "и т.д. 5" out.
        ("house", "capital other", rf"(?<![\w.])(?:[Дд]ом|[Дд]\.|д(?=\s*[1-9])|(?i:house|h\.|bldg\.?)|үй)\s*(?:№\s*)?{_HNUM}"),
        # house and flat words after the number: "205-үй", and as chats write them "55 дом"
        # (not "5 дом 12": that reads "дом 12")
        ("house", "digit", rf"(?<![\w.,/-]){_HNUM}\s*-?\s*(?:үй\w{{0,6}}|дом(?!\w)(?!\s*№?\s*\d))"),
        ("house", "other", rf"№\s*{_HNUM}(?:\s*-?\s*үй\w{{0,6}})?"),
        ("house", "other", r"(?<![\w.])(?:уч\.|участок)\s*№?\s*[1-9]\d{0,4}[а-я]?"),
        (
            "flat", "capital other",
            r"(?<![\w.])(?:(?i:кв(?:артира|-ра)?\.?|apt\.?|apartment|flat|оф(?:ис)?\.?|office|каб(?:инет)?\.?|"
            r"корп(?:ус)?\.?|room)|к\.|бат(?:ир)?\.?|kv\.?)\s*№?\s*[1-9]\d{0,3}[а-яa-z]?(?!\d)",
        ),
        # (the dot after a postposed "бат" stays out: it ends the address, and most often
        # the sentence too; bench/README.md)
        # "45-батир", "5-бат", "12 кв"; not "1 кв. 2024" (a quarter) nor "45 кв.м" (an area)
        (
            "flat", "digit",
            r"(?<![\w.,/-])[1-9]\d{0,3}\s*-?\s*(?:батир\w{0,5}|бат|кв(?:артира)?(?!\.?\s*(?:м(?!\w)|\d)))(?!\w)",
        ),
        # a microdistrict with a Russian case ending is still one: "на Джале, 23 дом"
        ("mkr_bare", _starts_of(g["mkrs"]), rf"(?<![\w-])(?:{mkrs}){_MKR_INFL}(?![\w-]){house_next}"),
        ("street_bare", _starts_of(g["streets"]), rf"(?<![\w-])(?:{streets})(?![\w-]){house_next}"),
        # an unlisted street written like a Russian genitive surname or street adjective,
        # followed by house-flat: "Сатаркулова 45-12" (context only)
        (
            "street_guess", "capital",
            rf"(?<![\w-])(?=\S+\s+{_GUESS_HOUSE})(?!{_STOP})[{_UP}]{_L}+(?:{'|'.join(_GUESS_ENDINGS)})"
            rf"(?=\s+{_GUESS_HOUSE})",
        ),
        # a compound microdistrict name or an ambiguous town in front of a street, like a
        # town: "Кызыл-Аскер, Ибраимова 115", "Кант, ул. Гагарина 8"
        ("mkr_lead", "capital", rf"(?<![\w-])(?=[{_UP}][^,]{{2,24}},)(?:{mkrs_lead})(?![\w-])(?=\s*,\s*(?:[{_UP}]|{street_word}))"),
        ("place", _starts_of(g["places_lead"]), rf"(?<![\w-])(?:{places_lead})(?![\w-])(?=\s*,?\s*(?:{street_word}))"),
        ("place", _starts_of(g["places"]), rf"(?<![\w-])(?:{places}){_PLACE_INFL}(?![\w-])"),
        ("num", "digit other", rf"(?<![\w.:/+-])(?:№\s*)?{_HNUM}(?:\s?-\s?[1-9]\d{{0,3}}[а-яa-z]?(?!\w)){{0,2}}{_NUM_END}"),
    ]


@lru_cache(maxsize=1)
def _core_rxs() -> tuple[re.Pattern, ...]:
    """Cheap tests for what every address needs: a street, microdistrict or village word,
    a house/flat word, a house-flat pair after a street-like name, or a listed street or
    microdistrict before a number. Most prefilter candidates (a context word alone, "д."
    in "т.д.") fail them at once.

    They run on lower-cased text, as separate patterns whose branches start with a
    literal: `re` then skips ahead by first character (IGNORECASE, or one combined
    pattern, is 5-15x slower).
    """
    g = _gazetteers()
    bare = _trie_pattern({w.lower() for w in g["streets"] + g["mkrs"]})
    return (
        re.compile(
            r"ул[.\s]|улиц|көчө|көч\.|к\.\s*,|пр\.|пр-|просп|бул\.|бульв|б-р|пер\.|переул|тупик|шоссе|"
            r"тракт|проезд|мкр|м-н|м/р|мк-н|микрор|к/р|кичи\s+район|ж/м|ж\.\s?м|ж-м|жилм|жил\.|конуш|массив|"
            r"айыл|аил|кыштак|село|пос\.|посел|посёл|пгт|street|str\.|st\.|st\s|ave\b|avenue|blvd|boulevard|"
            r"road\b|rd\.|lane\b|ul\.|ulitsa|prospe|kochosu|köchösü|koch\.|mkr|microdistrict|md\.|j/m|zh/m|"
            r"линия|№|кв(?:\.|\s?\d|артир)|бат(?:ир|\.|\b)|уч\.|участок|дом\b|д\.\s?\d|apt|flat|house"
        ),
        re.compile(r"[сп]\.\s?[а-яөү]|\d\s?-?\s?үй"),
        re.compile(_GUESS_ENDING_HOUSE),
        re.compile(r"(?:" + bare + r")\w{0,2}\W{1,4}\d"),
    )


def _after(literals: Iterable[str], before: str) -> str:
    """`lit(?<=BEFORE lit)|...`: each literal first (so `re` skips ahead by its first
    character), then a fixed-width look-behind for the character before it."""
    return "|".join(f"{re.escape(w)}(?<={before}{re.escape(w)})" for w in literals)


def _not_after(literals: Iterable[str], before: str) -> str:
    """Like `_after`, with a negative look-behind (true at the start of the text too)."""
    return "|".join(f"{re.escape(w)}(?<!{before}{re.escape(w)})" for w in literals)


@lru_cache(maxsize=1)
def _anchor_rxs() -> tuple[tuple[re.Pattern, ...], tuple[re.Pattern, ...]]:
    """Necessary tests for a reportable address: every run `_score` accepts holds a
    street, microdistrict or village component, and each of those is written with its
    generic word (or a listed name before a house number, or a street-like name before
    house-flat). Most lines that pass `_core_rxs` (a bare "№", "ул" ending "Токтогул",
    "st" in "last", "с." after an amount) fail these, and never reach the component regex.

    Each branch is a necessary part of one `_alternatives` entry, never more: that entry's
    words and the boundaries beside them, with the rest left out. So a branch matches
    inside the component, or right after it (the street-like name's space), never across
    a `_LAST_BREAK_RX` character: `find` starts its scan from where the first one matches.
    The first patterns run on lower-cased text, the others on the text itself (where case
    tells names apart); a yes/no test, they are fastest apart (one joined pattern is 2-4x
    slower).
    """
    g = _gazetteers()
    bare = _trie_pattern(set(g["streets"] + g["mkrs"]))
    house_next = r"\s*,?\s*(?:(?:д\.|дом|№|house|h\.)\s*)?№?\s*[1-9]"
    branches = (
        # street, generic word first ("ул. Киевская", "пр. Чуй", "ulitsa Kievskaya"), not
        # glued to a word or dot; then a letter or digit starts the name
        r"(?:" + "|".join(
            f"{head}(?<![\\w.]{head}){tail}"
            for head, tail in (
                ("ул", r"(?:ица|\.|\s)"), ("пр", r"(?:оспект|-кт|-т|\.|оезд|-д)"), ("бул", r"(?:ьвар|\.)"),
                ("б-р", ""), ("пер", r"(?:еулок|\.)"), ("тупик", ""), ("шоссе", ""), ("тракт", ""),
                ("ul", r"(?:\.|itsa)"), ("prospe", "(?:kt|ct)"), ("str", r"\."),
            )
        ) + r")\s*[^\W_]",
        # street, generic word after the name: "Ленин көчөсү", "5-көчө", "Абдыкадыров к., 56-үй"
        r"көчө(?<=[\d\s\-яй]көчө)|" + _after(("көч.", "проспектиси", "бульвары", "тупиги"), r"\s"),
        r"(?:" + _after(("к.", "пр.", "ул.", "улица", "пр-т", "проспект", "бул.", "бульвар", "пер.", "переулок"), r"\s")
        + r")(?!\w)" + house_next,
        r"линия|переулок|проезд|тупик",
        # Latin street, with or without a house number in front: "Manas ave", "12 Toktogul St."
        r"(?:" + _after(("street", "str", "st", "avenue", "ave", "boulevard", "blvd", "road", "rd", "lane",
                          "prospekt", "prospect", "ulitsa", "ul.", "kochosu", "köchösü", "koch."), r"\s")
        + r")\.?(?!\w)",
        # microdistrict, generic word before or after: "мкр. Джал-23", "12 мкр", "Восток-5 к/р"
        r"мкр|микрорайон|м-н|м/р|мк-н|к/р|ж/м|жилмассив|mkr|microdistrict|кичи\s+район|конушу|массив|жил\.|"
        + _not_after(("ж.", "ж-м", "md", "j/m", "zh/m"), r"[\w/.]"),
        # village: "Арашан айылы", "кыштагы", "v. Kok-Jar"
        _not_after(("айыл", "аил", "кыштак", "кыштагы", "v.", "vil."), r"[\w.]") + "|village|" + _after(("а/о",), r"\s"),
        # an unlisted street-like name before house-flat: "Сатаркулова 45-12"
        _GUESS_ENDING_HOUSE,
    )
    cased = (
        # village before its name, which is capitalised: "с. Кок-Жар", "пгт. Кант"
        rf"(?:с\.|село|п\.|пос\.|поселок|посёлок|пгт)\.?\s*[{_UP}]",
        # a listed street or microdistrict before a house number: "Боконбаева 45-12"; the
        # names are capitalised, so `re` tries them only where a capital letter or digit is
        rf"(?:{bare}){_MKR_INFL}(?![\w-])(?=\s*,?\s*(?:(?i:д\.|дом|№|house|h\.)\s*)?№?\s*[1-9])",
    )
    return tuple(re.compile(b) for b in branches), tuple(re.compile(b) for b in cased)


@lru_cache(maxsize=1)
def _component_rx() -> tuple[re.Pattern, dict[str, str]]:
    """The one compiled component regex and group name -> kind."""
    parts: dict[str, list[str]] = {cls: [] for cls in _STARTS}
    kinds = {}
    for i, (kind, starts, rx) in enumerate(_alternatives()):
        for cls in starts.split():
            name = f"{kind}_{i}_{cls}"
            kinds[name] = kind
            parts[cls].append(f"(?P<{name}>{rx})")
    # Every component starts a word: one look-behind rejects the positions inside words
    # before any of the alternatives is tried (a 4x speed-up on log lines). Then the first
    # character picks the alternatives that can start with it, still in priority order;
    # the others could not match there anyway.
    by_start = "|".join(f"(?={_STARTS[cls]})(?:{'|'.join(alts)})" for cls, alts in parts.items())
    return re.compile(r"(?<!\w)(?:" + by_start + ")"), kinds


def _fold(s: str) -> str:
    """Case, ё and the Kyrgyz letters folded (Ак-Өргө = Ак-Орго, Чүй = Чуй)."""
    return s.casefold().translate(_FOLD)


_FOLD = str.maketrans({"ё": "е", "ө": "о", "ү": "у", "ң": "н", "’": "'", "ö": "o", "ü": "u"})
_LATIN_TO_CYR = [
    ("shch", "щ"), ("zh", "ж"), ("kh", "х"), ("ch", "ч"), ("sh", "ш"), ("ts", "ц"), ("yu", "ю"),
    ("ya", "я"), ("yo", "е"), ("j", "ж"), ("a", "а"), ("b", "б"), ("v", "в"), ("g", "г"), ("d", "д"),
    ("e", "е"), ("z", "з"), ("i", "и"), ("y", "ы"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"),
    ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("f", "ф"), ("h", "х"),
    ("c", "к"), ("w", "в"), ("x", "кс"), ("q", "к"),
]
_LATIN_RX = re.compile("|".join(k for k, _ in _LATIN_TO_CYR))
_LATIN_MAP = dict(_LATIN_TO_CYR)
# Generic words removed from a component before its name is compared (normalize only).
_GENERIC_RX = re.compile(
    r"(?<!\w)(?:ул(?:ица)?|пр(?:оспект|-кт|-т)?|проспектиси\w*|бул(?:ьвар)?|бульвары\w*|б-р|пер(?:еулок)?|"
    r"көчө(?:сү\w*)?|көч|к|мкр(?:н|-н)?|микрорайон|м-н|м/р|мк-н|к/р|ж/м|ж\.\s?м|жилмассив|кичи|району\w*|"
    r"район|конушу\w*|жаңы|г|гор(?:од)?|шаары\w*|шаар|ш|с|село|п|пос|поселок|посёлок|пгт|айыл\w*|аил|"
    r"кыштак\w*|street|str|st|avenue|ave|boulevard|blvd|road|rd|lane|prospekt|prospect|ulitsa|ul|kochosu|"
    r"mkr|mkrn|microdistrict|md|city|village|им)(?!\w)\.?",
)


class KgAddressRecognizer(KgRecognizer):
    """Kyrgyz, Russian and Latin addresses as one span from town (or postcode) to flat.

    >>> KgAddressRecognizer().normalize("г. Бишкек, ул. Киевская 96, кв. 12")
    'loc:бишкек|street:киевская|house:96|flat:12'
    """

    ENTITY = "ADDRESS"
    CONTEXT = (
        "адрес", "адр", "дарек", "мекен", "доставк", "достав", "жеткир", "курьер", "прожива", "живу",
        "живет", "живёт", "прописк", "регистрац", "жашайт", "жашайм", "жашаган", "жашачу", "address", "addr",
        "deliver", "shipping", "ship", "residence", "street", "кв", "үй",
        # courier requests: "привезите на Ахунбаева 113", "алып келиңиз"
        "привез", "отвез", "везти", "отправ", "получател", "жибер", "алып кел",
    )

    # Trigger literals for the engine's Aho-Corasick pass over lower-cased text: every
    # span find() can report contains one (a generic word, a house or flat word, a
    # gazetteer name, or a context word for the context-only cases).
    _TRIGGERS = (
        "ул.", "ул ", "улиц", "көчө", "көч.", " к.", "пр.", "пр-т", "пр-кт", "проспект", "бул.", "бульвар",
        "б-р", "пер.", "переул", "тупик", "шоссе", "тракт", "проезд", "мкр", "м-н", "м/р", "мк-н", "микрорайон",
        "к/р", "кичи район", "ж/м", "ж.м", "ж-м", "жилмассив", "жил. массив", "конуш", "массив", "д.", "дом",
        "үй", "кв", "бат", "уч.", "участок", "айыл", "аил", "кыштак", "с.", "село", "п.", "пос.", "пгт",
        "street", "str.", "st.", "st ", "avenue", "ave", "blvd", "boulevard", "road", "rd.", "lane", "ul.",
        "ulitsa", "prospekt", "prospect", "kochosu", "köchösü", "koch.", "mkr", "microdistrict", "md.",
        "j/m", "zh/m", "apt", "apartment", "flat", "house", "kv.", "№",
    )

    def prefilter_keywords(self) -> list[str]:
        g = _gazetteers()
        names = {n.lower() for n in g["mkrs"] + g["streets"]}
        return sorted(set(self._TRIGGERS) | names | {w.lower() for w in self.context})

    def load(self) -> None:
        _component_rx()
        _core_rxs()
        _anchor_rxs()

    # --- finding ---------------------------------------------------------------------
    def components(self, text: str, start: int = 0) -> list[tuple[str, int, int]]:
        """(kind, start, end) of every address component, left to right; from `start` on,
        the same as in the whole text when no component runs across `start`."""
        rx, kinds = _component_rx()
        out = []
        for m in rx.finditer(text, start):  # (look-behinds still see the text before `start`)
            kind = kinds[m.lastgroup]
            begin, end = m.span()
            if kind == "street" and text[begin].isupper():
                begin = self._trim_left_name(text, begin, end)
            out.append((kind, begin, end))
        return out

    @staticmethod
    def _trim_left_name(text: str, start: int, end: int) -> int:
        """"Бакыт Ленин көчөсү": keep only the listed street when a name precedes it."""
        words = text[start:end].split()
        if len(words) < 3:
            return start
        canon = _gazetteers()["canon"]
        pair, last = _fold(" ".join(words[:2])), _fold(words[1])
        if ("street", pair) not in canon and ("street", last) in canon:
            return text.index(words[1], start + len(words[0]))
        return start

    def find(self, text: str):
        lowered = text.lower()
        anchor = self._first_anchor(text, lowered)
        if anchor is None or not any(rx.search(lowered) for rx in _core_rxs()):
            return []
        if len(lowered) != len(text):  # a letter lower-cased to two ("İ"): `anchor` is off
            anchor = 0
        # Every run `_score` accepts holds a component whose anchor match starts between the
        # same two break characters, so the runs before the first anchor's break never count.
        last_break = _LAST_BREAK_RX.match(text, 0, anchor)
        components = self.components(text, last_break.end() if last_break else 0)
        results = []
        for run in self._runs(text, components):
            score, why = self._score(text, run)
            if score is None:
                continue
            # a postcode or country in front is not part of the address (bench/README.md);
            # it still raised the score
            first = next(c for c in run if c[0] not in POSTAL)
            results.append(self.result(first[1], run[-1][2], score, why))
        return results

    @staticmethod
    def _first_anchor(text: str, lowered: str) -> int | None:
        """Where the first `_anchor_rxs` match starts (in `lowered` or `text`); None: no address."""
        on_lowered, on_text = _anchor_rxs()
        starts = [m.start() for rx in on_lowered if (m := rx.search(lowered))]
        starts += [m.start() for rx in on_text if (m := rx.search(text))]
        return min(starts, default=None)

    def _runs(self, text: str, components: list[tuple[str, int, int]]) -> list[list[tuple[str, int, int]]]:
        """Components joined by commas/spaces; a new street after a house starts a new run."""
        runs: list[list[tuple[str, int, int]]] = []
        cur: list[tuple[str, int, int]] = []
        gap = _GAP_RX.match
        for comp in components:
            kind, start, _ = comp
            adjacent = bool(cur) and gap(text, cur[-1][2]).end() == start
            if adjacent and kind in _STARTS_AFRESH and any(k in _HOME_NUMBER for k, _, _ in cur):
                adjacent = False
            if adjacent and kind == "num" and not self._num_fits(cur):
                runs.append(cur)
                cur = []
                continue
            if adjacent:
                cur.append(comp)
                continue
            if cur:
                runs.append(cur)
            cur = [] if kind == "num" else [comp]
        if cur:
            runs.append(cur)
        return runs

    @staticmethod
    def _num_fits(cur: list[tuple[str, int, int]]) -> bool:
        """A bare number is a house after a street/microdistrict/village, a flat after that house."""
        prev = cur[-1][0]
        if prev in STREET or prev in BARE or prev == "village":
            return True
        if prev == "num":
            nums = 0
            for k, _, _ in reversed(cur):
                if k != "num":
                    return nums == 1 and (k in STREET or k in BARE)
                nums += 1
        return False

    @staticmethod
    def _score(text: str, run: list[tuple[str, int, int]]) -> tuple[float | None, str]:
        kinds = {k for k, _, _ in run}
        nums = [text[s:e] for k, s, e in run if k == "num"]
        compact = any("-" in n or "/" in n for n in nums)
        house = bool(kinds & HOUSE) or bool(nums)
        flat = bool(kinds & FLAT) or len(nums) > 1 or any(n.count("-") for n in nums)
        locality = bool(kinds & LOCALITY)
        postal = bool(kinds & POSTAL)
        if kinds & STREET or "street_h" in kinds:
            if house or flat:
                score = 0.75
                if locality:
                    score = 0.85 + 0.05 * postal + 0.05 * flat
                return min(score, 0.95), "street or microdistrict with a house number"
            if locality and postal:
                return 0.9, "postcode, town and street"
            if locality:
                return 0.4, "town and street without a house"
            return None, ""
        worded = bool(kinds & HOUSE) or bool(kinds & FLAT)
        if "mkr_bare" in kinds and (house or flat):
            if compact or worded:
                return (0.85 if locality else 0.75), "known microdistrict with house-flat"
            return (0.55 if locality else 0.4), "known microdistrict with a number"
        if "street_bare" in kinds and (house or flat):
            if compact or worded:
                return (0.75 if locality else 0.6), "known street with house-flat"
            return (0.55 if locality else 0.4), "known street with a number"
        if "street_guess" in kinds and (house or flat):
            return (0.55 if locality else 0.4), "street-like name with house-flat"
        if "village" in kinds and (house or flat):
            return (0.85 if kinds & {"district", "region"} else 0.75), "village with a house number"
        return None, ""

    # --- normalization ---------------------------------------------------------------
    def normalize(self, value: str) -> str:
        """Fingerprint form: locality, microdistrict, street, house, flat; generic words,
        letter case, Kyrgyz letters, punctuation and the postcode/country/region dropped.

        "г. Бишкек, ул. Киевская, д. 96, кв. 12", "Бишкек, Kievskaya st. 96, apt. 12" and
        "Бишкек ш., Киев көчөсү, 96-үй, 12-батир" share "loc:бишкек|street:киевская|house:96|flat:12".
        """
        canon = _gazetteers()["canon"]
        parts: dict[str, str] = {}
        numbers: list[str] = []
        for kind, start, end in self.components(value):
            chunk = value[start:end]
            if kind in ("city", "village", "place"):
                parts.setdefault("loc", self._name(chunk, "loc", canon, place=True))
            elif kind in ("mkr", "mkr_bare", "mkr_lead"):
                parts.setdefault("mkr", self._name(chunk, "mkr", canon))
            elif kind in ("street", "street_bare", "street_guess"):
                parts.setdefault("street", self._name(chunk, "street", canon))
            elif kind == "street_h":
                num, _, rest = chunk.partition(" ")
                numbers.append(num.casefold())
                parts.setdefault("street", self._name(rest, "street", canon))
            elif kind in ("house", "flat", "num"):
                digits = re.findall(r"[1-9]\d*(?:\s?/\s?\d+)?[а-яa-z]?(?!\d)", chunk.casefold())
                if kind == "flat":
                    parts.setdefault("flat", digits[0].replace(" ", "") if digits else "")
                else:
                    numbers.extend(d.replace(" ", "") for d in digits)
        if parts.get("mkr", "").isdigit() and len(numbers) == 3:
            numbers = numbers[1:]  # "мкр 5-12-34": microdistrict, house, flat
        if numbers:
            parts.setdefault("house", numbers[0])
            if len(numbers) > 1:
                parts.setdefault("flat", numbers[1])
        if not parts:
            return super().normalize(_fold(_GENERIC_RX.sub(" ", value.casefold())))
        order = ("loc", "mkr", "street", "house", "flat")
        return "|".join(f"{k}:{parts[k]}" for k in order if parts.get(k))

    @staticmethod
    def _name(chunk: str, kind: str, canon: dict, place: bool = False) -> str:
        name = _fold(_GENERIC_RX.sub(" ", chunk.casefold()))
        name = " ".join(re.sub(r"[^\w\s/-]", " ", name).split())
        if (kind, name) in canon:
            return canon[(kind, name)]
        if name.isascii():  # an unlisted Latin writing: compare it in Cyrillic
            name = _LATIN_RX.sub(lambda m: _LATIN_MAP[m.group()], name)
        if (kind, name) in canon:
            return canon[(kind, name)]
        if kind == "mkr":  # "Джале" = "Джал"
            return canon.get((kind, re.sub(r"(?:е|а|у|ом)$", "", name)), name)
        if place:
            stem = re.sub(r"(?:[дт][ао](?:гы|гу)?|[дт][аеоө]н|[дтн][ыиуү]н|[гк][аеоө]|[еуа]|ом)$", "", name)
            return canon.get((kind, stem), name)
        # Kyrgyz nominative "Ахунбаев" and Russian genitive "Ахунбаева" name one street
        return re.sub(r"(?<=[ое]в)а$|(?<=ин)а$", "", name)
