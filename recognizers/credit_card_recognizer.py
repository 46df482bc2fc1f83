"""CREDIT_CARD: payment card numbers that pass the Luhn check and carry a known IIN.

Written as one run of 13-19 digits or in groups (4-4-4-4, 4-4-4-4-3, Amex 4-6-5) with one
kind of separator (space, no-break space or dash). The Luhn check is Presidio's
`CreditCardRecognizer.__luhn_checksum` (presidio_analyzer/predefined_recognizers/generic/
credit_card_recognizer.py). Presidio accepts any prefix 1, 3, 4, 5, 6; here the prefix
must belong to a known scheme with a fitting length, and a Luhn-valid 16-digit number
with an unknown prefix is only a weak candidate (a card of a scheme not listed, or an
account or order number that happens to pass): it needs a card word or column hint.

>>> KgCreditCardRecognizer().normalize("4111-1111-1111-1111")
'4111111111111111'
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from .base import KgRecognizer


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check, as in Presidio's CreditCardRecognizer."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


# (first digits low, high, lengths): a number is of a scheme when its leading digits,
# cut to the width of `low`, lie in [low, high]. Ranges from the schemes' published IIN
# tables (as collected on Wikipedia "Payment card number").
_SCHEMES: tuple[tuple[str, str, frozenset[int], str], ...] = (
    ("4", "4", frozenset({13, 16, 19}), "Visa"),
    ("51", "55", frozenset({16}), "Mastercard"),
    ("2221", "2720", frozenset({16}), "Mastercard"),
    ("34", "34", frozenset({15}), "American Express"),
    ("37", "37", frozenset({15}), "American Express"),
    ("2200", "2204", frozenset({16, 17, 18, 19}), "Mir"),
    ("62", "62", frozenset({16, 17, 18, 19}), "UnionPay"),
    ("3528", "3589", frozenset({16, 17, 18, 19}), "JCB"),
    ("36", "36", frozenset({14, 15, 16, 17, 18, 19}), "Diners Club"),
    ("300", "305", frozenset({14, 15, 16, 17, 18, 19}), "Diners Club"),
    ("6011", "6011", frozenset({16, 17, 18, 19}), "Discover"),
    ("644", "649", frozenset({16, 17, 18, 19}), "Discover"),
    ("65", "65", frozenset({16, 17, 18, 19}), "Discover"),
    ("50", "50", frozenset(range(12, 20)), "Maestro"),
    ("56", "58", frozenset(range(12, 20)), "Maestro"),
    ("6", "6", frozenset(range(12, 20)), "Maestro"),
    # Elcart, the Kyrgyz national card: BIN 9417 is widely cited but UNVERIFIED (no source
    # read states it, kyrgyz.md §6); accepted so that Elcart cards are not missed.
    ("9417", "9417", frozenset({16}), "Elcart"),
)


def card_scheme(digits: str) -> str | None:
    """The scheme whose IIN range and length fit `digits`, or None."""
    n = len(digits)
    for low, high, lengths, name in _SCHEMES:
        if n in lengths and low <= digits[: len(low)] <= high:
            return name
    return None


class KgCreditCardRecognizer(KgRecognizer):
    """Finds card numbers: Luhn-valid, with a known scheme prefix and length."""

    ENTITY = "CREDIT_CARD"
    # Presidio CreditCardRecognizer's context words, plus Russian and Kyrgyz ones
    # ("карта", "картасы", "төлөм картасы", Elcart as "Элкарт").
    CONTEXT = (
        "card",
        "credit",
        "debit",
        "cc",
        "pan",
        "visa",
        "mastercard",
        "maestro",
        "amex",
        "unionpay",
        "jcb",
        "discover",
        "diners",
        "elcart",
        "элкарт",
        "карт",
        "картасы",
        "төлөм",
        "оплата",
        "номер карты",
    )
    # Every span holds 4-4-4-x groups with one separator, the Amex 4-6-5 layout, or a whole
    # run of 13-19 digits: 16 with any first digit, other lengths only with a first digit
    # that _SCHEMES takes at that length (13-15: 3-6; 17-19: 2-6). A 14-digit ПИН or ИНН,
    # a `20240703100813` timestamp, `2024-0039` in an order id miss (bench/data/logs_5mb.log:
    # 3.6k candidate lines against 9.6k, for 1.4k cards). Opens with one digit class (a
    # repeat `[0-9]{4}` first gives `re` no character to skip ahead to) and leaves a run
    # at its second digit: 10% less time on bench/data/logs_20mb_p05.log, same matches.
    PREFILTER_REGEX = (
        r"[0-9](?<![0-9].)[0-9]{3}(?:"
        r"([ \u00a0-])[0-9]{4}\1[0-9]{4}\1[0-9]"
        r"|(?<=3[47][0-9]{2})[ \u00a0-][0-9]{6}[ \u00a0-][0-9]{5}"
        r"|(?:[0-9]{12}|(?<=[3-6][0-9]{3})[0-9]{9,15}|(?<=2[0-9]{3})[0-9]{13,15})(?![0-9])"
        r")"
    )

    # Written forms seen on cards and in forms: 4-digit groups with one consistent
    # separator (the last group 1-4 digits, an optional 1-3 digit fifth group for 19-digit
    # cards), the Amex 4-6-5 layout, or an unbroken run. Not glued to letters or digits,
    # not the head or tail of a longer grouped number (a 20-digit Russian account
    # `4081 7810 0999 1000 4312`, `1234 4111 1111 ...`), not after `+` (a phone), not
    # part of a decimal. An underscore may glue it (`card_4111111111111111.png`). The
    # leading lookahead rejects most positions before the lookbehinds run (measured: -30%).
    _CARD = re.compile(
        r"(?=[0-9])(?<![^\W_])(?<!\+)(?<![0-9][ \u00a0-])(?<![0-9]\.)"
        r"(?:"
        r"(?P<g1>[0-9]{4})(?P<sep>[ \u00a0-])[0-9]{4}(?P=sep)[0-9]{4}(?P=sep)"
        r"[0-9]{1,4}(?:(?P=sep)(?P<g5>[0-9]{1,3})|(?!(?P=sep)[0-9]))"
        r"|3[47][0-9]{2}(?P<asep>[ \u00a0-])[0-9]{6}(?P=asep)[0-9]{5}"
        r"|(?P<run>[0-9]{13,19})"
        r")"
        r"(?![0-9]|\.[0-9])(?![^\W\d_])"
    )
    _NON_DIGIT = re.compile(r"[^0-9]")

    GROUPED_SCORE = 0.85
    RUN_SCORE = 0.7  # an unbroken Luhn-valid run is also 1 in 10 random ids
    UNKNOWN_SCHEME_SCORE = 0.3

    def find(self, text: str) -> list[RecognizerResult]:
        """Luhn-valid numbers with a known scheme; unknown-scheme 16-digit ones as weak."""
        results = []
        for m in self._CARD.finditer(text):
            start, end = m.start(), m.end()
            if m["g1"] is not None and m["g5"] is not None:
                # `4111 1111 1111 1111 12` may be a card followed by another number:
                # try the whole, then the first four groups alone.
                digits = self._NON_DIGIT.sub("", m.group())
                if not (luhn_valid(digits) and card_scheme(digits)):
                    end = m.start("g5") - 1
            digits = m["run"] or self._NON_DIGIT.sub("", text[start:end])
            if len(digits) < 13 or not luhn_valid(digits):
                continue
            scheme = card_scheme(digits)
            if scheme is not None:
                score = self.RUN_SCORE if m["run"] is not None else self.GROUPED_SCORE
                results.append(self.result(start, end, score, f"{scheme} number, Luhn valid"))
            elif len(digits) == 16:
                why = "Luhn valid, unknown scheme"
                results.append(self.result(start, end, self.UNKNOWN_SCHEME_SCORE, why))
        return results

    def normalize(self, value: str) -> str:
        """The digits: `4111 1111 1111 1111` -> `4111111111111111`."""
        return self._NON_DIGIT.sub("", value)
