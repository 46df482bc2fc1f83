"""KG_PIN: the 14-digit personal identification number (ПИН / ИНН of an individual).

Layout (domain notes, kyrgyz.md §2.2, from a Django validator that slices `pin[1:9]` as
`%d%m%Y`): `G DDMMYYYY NNNNN`, G = 1 (female) or 2 (male), then the date of birth, then a
5-digit serial. No public check digit exists, so the date is the only validation. A
leading 0 marks a legal entity's ИНН (0 + registration date), which the DPA lists as
non-personal data: those are not reported.

>>> [r.score for r in KgPinRecognizer().analyze("ПИН 21203199000123", ["KG_PIN"])]
[1.0]
"""

from __future__ import annotations

import re
from datetime import date

from presidio_analyzer import RecognizerResult

from .base import KgRecognizer


class KgPinRecognizer(KgRecognizer):
    """Finds individuals' ПИН: 14 digits, first 1 or 2, then a real past date of birth."""

    ENTITY = "KG_PIN"
    # kyrgyz.md §2.1/§2.4: Russian ПИН/ИНН, decree 619's "идентификациялык жеке номер",
    # O!'s "Tax ID (14-digit personal number)", the unverified abbreviation ЖИН.
    CONTEXT = (
        "пин",
        "инн",
        "pin",
        "inn",
        "tin",
        "tax id",
        "жеке номер",
        "жеке идентификациялык",
        "идентификациялык жеке",
        "жин",
        "персональный номер",
        "персональный идентификационный",
        "идентификационный",
        "налоговый номер",
    )
    # Every span is 14 ASCII digits: 1 or 2, a day 01-31, a month 01-12, a year from
    # MIN_BIRTH_YEAR to today, 7 more digits. `20240703100813` timestamps, ИНН of companies
    # and 14-digit ids without a date miss (bench/data/logs_5mb.log: 1.7k candidate lines
    # against 5.5k, for 1.7k ПИН). Where those 14 digits stand, _PIN's right edge and
    # the day 01-31 and month 01-12 that `date` demands are checked from there (`Номер
    # заявки 21719200561370` misses too): bench/data/logs_20mb_p05.log sends find() 1,102
    # lines, each with a ПИН, against 1,331, in the same time. (Written as alternatives
    # at the start, the day and month made the pass 5% slower.)
    PREFILTER_REGEX = (
        r"[12][0-3][0-9][01][0-9](?:19|20)[0-9]{7}(?![^\W_])(?!\.[0-9])"
        r"(?<![12](?:00|3[2-9])[0-9]{11})(?<![12][0-9]{2}(?:00|1[3-9])[0-9]{9})"
    )

    # Layout from kyrgyz.md §2.2. ASCII digits only (`\d` would take Arabic-Indic digits).
    # Not glued to letters or digits (a hash, a longer number); an underscore may glue it
    # (`scan_21203199000123.pdf` is still the person's number). A leading `+` makes it an
    # E.164 phone; a `.` with digits around makes it part of a decimal.
    _PIN = re.compile(
        r"(?<![^\W_])(?<![0-9]\.)(?<!\+)"
        r"[12](?P<day>[0-9]{2})(?P<month>[0-9]{2})(?P<year>[0-9]{4})[0-9]{5}"
        r"(?![^\W_])(?!\.[0-9])"
    )
    _NON_DIGIT = re.compile(r"[^0-9]")

    # PINs were assigned from the 2000s on, to living people: a date of birth before 1920
    # is more often a random 14-digit number than a person over 100. It needs context.
    OLD_BIRTH_YEAR = 1920
    MIN_BIRTH_YEAR = 1900
    SCORE = 0.7
    WEAK_SCORE = 0.4

    def find(self, text: str) -> list[RecognizerResult]:
        """Every 14-digit run whose digits 2-9 are a valid, past date of birth."""
        results = []
        today = None
        for m in self._PIN.finditer(text):
            year = int(m["year"])
            if year < self.MIN_BIRTH_YEAR:
                continue
            try:
                born = date(year, int(m["month"]), int(m["day"]))
            except ValueError:
                continue
            if today is None:
                today = date.today()
            if born > today:
                continue
            if year < self.OLD_BIRTH_YEAR:
                why = "PIN, birth year before 1920"
                results.append(self.result(m.start(), m.end(), self.WEAK_SCORE, why))
            else:
                results.append(self.result(m.start(), m.end(), self.SCORE, "PIN with a valid date of birth"))
        return results

    def normalize(self, value: str) -> str:
        """The 14 digits: `21203199000123`."""
        return self._NON_DIGIT.sub("", value)
