"""KG_PASSPORT: Kyrgyz ID-card and passport numbers (series letters + 7 digits).

Formats (domain notes, kyrgyz.md §3): the 2017 ID card `ID1234567`; the 2004 passport
`AN1234567` (registers also write `АN` with a Cyrillic А); the 1994 passport `A1234567`;
общегражданский passports `AC1234567` (2006, unverified) and `PE1234567` (2020+,
"often cited", unverified). Series letters are upper case in every observed record; a
register typed on a Cyrillic keyboard gives look-alike letters (А, С, Р, Е), so both
scripts are accepted and normalization maps them to Latin.

>>> KgPassportRecognizer().normalize("АN № 0123456")
'AN0123456'
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from .base import KgRecognizer

# What find() needs before the 7 digits: a series or label ending in one of _ENDS_BEFORE
# (ID, AN, AC, PE, A; номер(и), number, NUMBER, №), or a series and a field separator,
# then up to 4 of _FIELD_GAP (the separators of _PASSPORT and _SEPARATE_NUMBER).
_ENDS_BEFORE = r"[DNCСEЕAАрrRи№]"
_AFTER_SERIES = r"[DNCСEЕAА][,;\t-]"
_FIELD_GAP = r"[\"':=\s№]"
# Written to open with a digit class, so `re` skips ahead to digits in C: the look-behind
# after the first digit is `(?<![0-9])` before it (`.` for the digit itself: a class
# there cost 10% more). What find() needs after and before the digits is checked only
# where 7 lone digits stand, so it costs no measurable time and sends find() 3.8k lines
# of bench/data/logs_20mb_p05.log against 9.0k (order numbers, `id=1156758`, prices
# miss). A span alone (the start of a text) still matches.
_PREFILTER = (
    r"[0-9](?<![0-9].)[0-9]{6}(?![\w])(?![-/.][0-9])"
    r"(?:(?<![^\n][0-9]{7})|"
    + "|".join(
        rf"(?<={before}{_FIELD_GAP * gap}[0-9]{{7}})"
        for gap in range(5)
        for before in (_ENDS_BEFORE, _AFTER_SERIES)
    )
    + ")"
)


class KgPassportRecognizer(KgRecognizer):
    """Finds `ID`/`AN`/`AC`/`PE`/`A` + 7 digits; the bare `A` form needs context."""

    ENTITY = "KG_PASSPORT"
    # kyrgyz.md §3 "Labels in text": Russian, Kyrgyz (decree 197 wording) and English.
    CONTEXT = (
        "паспорт",
        "паспорттун",
        "загранпаспорт",
        "серия",
        "сериясы",
        "номер паспорта",
        "id-карта",
        "id карта",
        "id-карт",
        "id card",
        "id-card",
        "идентификациялык карта",
        "удостоверение",
        "passport",
        "pasport",
        "document",
        "документ",
        "кем выдан",
        "орган выдачи",
        "дата выдачи",
        "ким тарабынан",
        "берилген",
    )
    # Every span holds exactly 7 digits not glued to more digits. (Until the held-out structured
    # set this also required the series letter before them; a number in its own field,
    # `серия AN номер 1234567`, has none: measured on bench/data/logs_5mb.log, 10% of lines hit
    # against 5%, and the passport regex is cheap on them.) See _PREFILTER.
    PREFILTER_REGEX = _PREFILTER

    # Series from kyrgyz.md §3 (regex sketch `\b(?:ID|AN|АN|AC|A|А)\s?\d{7}\b`), widened to
    # the look-alike Cyrillic letters and the `№` sign seen in forms. Case-sensitive: a
    # lower-case `id1234567` is a program identifier. Not glued to a word before (`USER_ID`,
    # `IDX`) nor part of a letter-prefixed code (`INV-AN1234567`); exactly 7 digits, nothing
    # glued after (`AN12345678`, hex strings). The leading lookahead (the series' first
    # letters) rejects most positions before the lookbehinds run (measured: -55% time).
    _PASSPORT = re.compile(
        r"(?=[IAАPР])(?<![\w])(?<![^\W\d][-/])"
        r"(?P<series>ID|[AА][NCС]|[PР][EЕ]|[AА])"
        r"(?P<sep>[ \u00a0]?№[ \u00a0]?|[ \u00a0-])?"
        r"(?P<number>[0-9]{7})"
        r"(?![\w])(?![-/.][0-9])"
    )
    # `Order ID 1234567`, `User ID 1234567`: `ID` used as the English word "identifier".
    _GENERIC_ID_LABEL = re.compile(
        r"(?:user|order|transaction|txn|session|request|customer|client|account|product|item|"
        r"invoice|employee|record|message|chat|device|trace|ticket|job|tracking|reference|ref)"
        r"[\s_-]*$",
        re.IGNORECASE,
    )
    # Series and number in separate fields: `серия AN номер 1234567`, `Серия: ID, номер:
    # 1234567`, JSON `"passport_number":"1234567"`, CSV columns `AN,1234567`. The span is
    # the number alone; after a number label it needs passport context (`номер` alone is
    # any document or order number).
    _SEPARATE_NUMBER = re.compile(
        r"(?=[НнNn№IAА])"  # first letters of the labels and series: most positions fail at once
        r"(?:(?<![^\W_])(?:[Нн]омер[и]?|[Nn]umber|NUMBER|№)|(?<![\w])(?P<series>ID|[AА][NCС])[,;\t])"
        r"[\"':=\s№]{0,4}"
        r"(?P<number>[0-9]{7})"
        r"(?![\w])(?![-/.][0-9])"
    )
    _LATIN = str.maketrans({"А": "A", "С": "C", "Р": "P", "Е": "E"})
    _NOT_ALNUM = re.compile(r"[^0-9A-Z]")

    STRONG_SCORE = 0.6
    PE_SCORE = 0.5  # the PE series is unverified (kyrgyz.md §3)
    WEAK_SCORE = 0.35  # bare `A` + 7 digits is also any product or order code

    def find(self, text: str) -> list[RecognizerResult]:
        """Series + 7-digit candidates with their context-free scores."""
        results = []
        for m in self._PASSPORT.finditer(text):
            series = m["series"].translate(self._LATIN)
            if series == "A":
                score, why = self.WEAK_SCORE, "1994 passport form A + 7 digits"
            elif series == "PE":
                score, why = self.PE_SCORE, "общегражданский passport PE + 7 digits"
            elif series == "ID" and self._GENERIC_ID_LABEL.search(text, max(0, m.start() - 24), m.start()):
                score, why = self.WEAK_SCORE, "ID after a generic label (order/user ID)"
            else:
                score, why = self.STRONG_SCORE, f"{series} + 7 digits"
            results.append(self.result(m.start(), m.end(), score, why))
        taken = [(r.start, r.end) for r in results]
        for m in self._SEPARATE_NUMBER.finditer(text):
            start, end = m.span("number")
            if any(s < end and start < e for s, e in taken):
                continue
            if m["series"] and m["series"] != "ID":
                score, why = self.PE_SCORE, "7 digits in the field after an AN/AC series field"
            else:
                score, why = self.WEAK_SCORE, "7 digits after a number label or an ID field"
            results.append(self.result(start, end, score, why))
        return results

    def normalize(self, value: str) -> str:
        """Latin upper-case series + digits: `АN № 0123456` -> `AN0123456`."""
        return self._NOT_ALNUM.sub("", value.upper().translate(self._LATIN))
