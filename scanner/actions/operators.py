"""What happens to a piece of personal data: pseudonymize, mask, redact (and null / delete).

The text operators are Presidio `Operator`s, usable with `presidio_anonymizer.AnonymizerEngine`
(`engine.add_anonymizer(KgPseudonymize)`), and `SpanRewriter` applies them right to left to
the spans `ScanEngine.analyze_texts` found, skipping spans that are already transformed, so a
second run changes nothing.

Pseudonyms are keyed (HMAC-SHA256 with the project key) over the normalized value: the same
phone gives the same pseudonym in every table and file, and nobody without the key can
recompute or reverse it. Digits-only values keep their form so numeric columns do not break:

* a phone `996NNNNNNNNN` becomes `996000` + 6 keyed digits: a national number starting with
  `0` is never assigned (the trunk prefix; numbering plan `8\\d{9}|[235-9]\\d{8}`, libphonenumber);
  `0NNNNNNNNN` becomes `0000` + 6 digits and a bare 9-digit `NNNNNNNNN` becomes `400` + 6 digits
  (no national number starts with `4`); the 6 keyed digits are the same in all three forms.
* a ПИН (14 digits) becomes `9` + 13 keyed digits: real ПИН start with 0 (organisations),
  1 or 2 (people).

>>> from scanner.keys import Keyed
>>> p = Pseudonymizer(Keyed(b"0123456789abcdef"))
>>> p.pseudonym("Асанов Бакыт", "PERSON").startswith("PERSON_")
True
>>> p.pseudonym("996555123456", "PHONE_NUMBER")[:6]
'996000'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence

from presidio_anonymizer.operators import Operator, OperatorType

from ..errors import KgpiiError
from ..keys import Keyed

ACTIONS = ("pseudonymize", "mask", "redact", "null", "delete")
TEXT_ACTIONS = ("pseudonymize", "mask", "redact")
DEFAULT_KEEP_LAST = 4

TOKEN_RE = re.compile(r"^[A-Z_]+_[0-9a-f]{8}$")
LABEL_RE = re.compile(r"^\[[A-Z_]+\]$")
MASK_MARK = "***"
# Format-preserving pseudonym ranges (see the module docstring for why they are never real).
PSEUDO_PHONE_RE = re.compile(r"^(?:996000\d{6}|0000\d{6}|400\d{6})$")
PSEUDO_PIN_RE = re.compile(r"^9\d{13}$")
_NON_DIGITS = re.compile(r"\D")
_PHONE_CHARS = re.compile(r"^\+?[\d\s()\-]+$")


def default_normalize(value: str, entity_type: str) -> str:
    """A canonical form when no recognizer supplies one: phones to +996 E.164, ПИН to digits."""
    if entity_type == "PHONE_NUMBER":
        digits = _NON_DIGITS.sub("", value)
        if len(digits) == 9:
            digits = "996" + digits
        elif len(digits) == 10 and digits.startswith("0"):
            digits = "996" + digits[1:]
        return "+" + digits
    if entity_type in ("KG_PIN", "CREDIT_CARD"):
        return _NON_DIGITS.sub("", value)
    if entity_type == "KG_PASSPORT":
        return re.sub(r"\s+", "", value).upper()
    return " ".join(value.casefold().split())


def is_transformed(text: str) -> bool:
    """True for a value this module produced: a token, a `[TYPE]` label, a mask, a pseudonym range.

    >>> is_transformed("PERSON_7f3a9c21"), is_transformed("[PHONE_NUMBER]"), is_transformed("996000123456")
    (True, True, True)
    >>> is_transformed("996555123456")
    False
    """
    text = text.strip()
    if not text:
        return True
    if MASK_MARK in text or TOKEN_RE.match(text) or LABEL_RE.match(text):
        return True
    if _PHONE_CHARS.match(text):
        digits = _NON_DIGITS.sub("", text)
        return bool(PSEUDO_PHONE_RE.match(digits) or PSEUDO_PIN_RE.match(digits))
    return False


class Pseudonymizer:
    """Keyed, deterministic pseudonyms: typed tokens, or same-shape digits for digits-only values."""

    def __init__(self, keyed: Keyed):
        self._keyed = keyed

    def _material(self, entity_type: str, normalized: str) -> bytes:
        return self._keyed.digest(f"pseudonym:{entity_type}:{normalized}")

    def token(self, entity_type: str, normalized: str) -> str:
        """`PERSON_7f3a9c21`: the type and 8 hex characters of the keyed digest."""
        return f"{entity_type}_{self._material(entity_type, normalized).hex()[:8]}"

    def _digits(self, entity_type: str, normalized: str, count: int) -> str:
        number = int.from_bytes(self._material(entity_type, normalized), "big")
        return str(number % (10 ** count)).zfill(count)

    def pseudonym(self, value: str, entity_type: str, normalized: str | None = None) -> str:
        """The pseudonym of `value` (found as `entity_type`); `normalized` defaults to ours."""
        if normalized is None:
            normalized = default_normalize(value, entity_type)
        stripped = value.strip()
        if stripped.isdigit():
            n = len(stripped)
            if entity_type == "PHONE_NUMBER":
                tail = self._digits(entity_type, normalized, 6)
                if n == 12 and stripped.startswith("996"):
                    return "996000" + tail
                if n == 10 and stripped.startswith("0"):
                    return "0000" + tail
                if n == 9:
                    return "400" + tail
            if entity_type == "KG_PIN" and n == 14:
                return "9" + self._digits(entity_type, normalized, 13)
        return self.token(entity_type, normalized)


def mask_value(value: str, keep_last: int = DEFAULT_KEEP_LAST) -> str:
    """Stars and the last `keep_last` characters (never more than half of the value).

    >>> mask_value("+996555123456")
    '*********3456'
    >>> mask_value("Бакыт")
    '***ыт'
    """
    keep = max(0, min(keep_last, len(value) // 2))
    return "*" * max(3, len(value) - keep) + (value[-keep:] if keep else "")


def redact_label(entity_type: str) -> str:
    """`[PHONE_NUMBER]`."""
    return f"[{entity_type}]"


# --- Presidio operators --------------------------------------------------------------------
class KgPseudonymize(Operator):
    """Presidio operator: keyed pseudonym. params: `pseudonymizer`, optional `normalize(value, type)`."""

    def operate(self, text: str, params: dict | None = None) -> str:
        params = params or {}
        entity_type = params.get("entity_type", "PII")
        normalize = params.get("normalize")
        normalized = normalize(text, entity_type) if normalize else None
        return params["pseudonymizer"].pseudonym(text, entity_type, normalized)

    def validate(self, params: dict | None = None) -> None:
        if not params or not isinstance(params.get("pseudonymizer"), Pseudonymizer):
            raise KgpiiError("kg_pseudonymize needs a `pseudonymizer` (a Pseudonymizer built on the key)")

    def operator_name(self) -> str:
        return "kg_pseudonymize"

    def operator_type(self) -> OperatorType:
        return OperatorType.Anonymize


class KgMask(Operator):
    """Presidio operator: stars and the last `keep_last` characters."""

    def operate(self, text: str, params: dict | None = None) -> str:
        return mask_value(text, int((params or {}).get("keep_last", DEFAULT_KEEP_LAST)))

    def validate(self, params: dict | None = None) -> None:
        keep = (params or {}).get("keep_last", DEFAULT_KEEP_LAST)
        if not isinstance(keep, int) or keep < 0:
            raise KgpiiError("kg_mask: keep_last must be a whole number >= 0")

    def operator_name(self) -> str:
        return "kg_mask"

    def operator_type(self) -> OperatorType:
        return OperatorType.Anonymize


class KgRedact(Operator):
    """Presidio operator: the entity type in brackets, `[PHONE_NUMBER]`."""

    def operate(self, text: str, params: dict | None = None) -> str:
        return redact_label((params or {}).get("entity_type", "PII"))

    def validate(self, params: dict | None = None) -> None:
        return None

    def operator_name(self) -> str:
        return "kg_redact"

    def operator_type(self) -> OperatorType:
        return OperatorType.Anonymize


OPERATOR_CLASSES = {"pseudonymize": KgPseudonymize, "mask": KgMask, "redact": KgRedact}


# --- applying an action to found spans ------------------------------------------------------
@dataclass(frozen=True)
class Replacement:
    """One span replaced: where, what type, the keyed fingerprint of the old value, the new text."""

    start: int
    end: int
    entity_type: str
    fingerprint: str
    new: str

    def to_dict(self, action: str) -> dict:
        out = {"start": self.start, "end": self.end, "entity_type": self.entity_type,
               "fingerprint": self.fingerprint}
        if action == "pseudonymize":
            out["pseudonym"] = self.new
        return out


class SpanRewriter:
    """Applies one text action to the spans the engine finds, right to left.

    >>> rw = SpanRewriter("redact", engine)                   # doctest: +SKIP
    >>> rw.rewrite_texts(["call +996555123456"])[0][0]       # doctest: +SKIP
    'call [PHONE_NUMBER]'
    """

    def __init__(self, action: str, engine, keep_last: int = DEFAULT_KEEP_LAST):
        if action not in TEXT_ACTIONS:
            raise KgpiiError(f"action {action!r} does not rewrite text; choose from {', '.join(TEXT_ACTIONS)}")
        self.action = action
        self.engine = engine
        self.keep_last = keep_last
        self.pseudonymizer = Pseudonymizer(engine.keyed) if action == "pseudonymize" else None
        self._operator = OPERATOR_CLASSES[action]()
        self._normalizers: dict[str, Callable] | None = None

    def _normalizer(self, recognizer_name: str) -> Callable[[str, str], str]:
        if self._normalizers is None:
            self._normalizers = {rec.name: rec.normalize for rec in self.engine.recognizers}
        rec_normalize = self._normalizers.get(recognizer_name)
        if rec_normalize is None:
            return default_normalize
        return lambda value, entity_type: rec_normalize(value)

    def replacement(self, value: str, entity_type: str, recognizer_name: str = "") -> tuple[str, str]:
        """(new text, fingerprint of the old value) for one span."""
        normalized = self._normalizer(recognizer_name)(value, entity_type)
        fingerprint = self.engine.keyed.fingerprint(entity_type, normalized)
        params = {"entity_type": entity_type, "keep_last": self.keep_last}
        if self.pseudonymizer is not None:
            params["pseudonymizer"] = self.pseudonymizer
            params["normalize"] = lambda v, t: normalized
        return self._operator.operate(value, params), fingerprint

    def rewrite(self, text: str, results: Sequence) -> tuple[str, list[Replacement]]:
        """`text` with every not-yet-transformed span replaced; the replacements, left to right."""
        done: list[Replacement] = []
        for res in sorted(results, key=lambda r: r.start, reverse=True):
            value = text[res.start : res.end]
            if is_transformed(value):
                continue
            name = (res.recognition_metadata or {}).get("recognizer_name", "")
            new, fingerprint = self.replacement(value, res.entity_type, name)
            text = text[: res.start] + new + text[res.end :]
            done.append(Replacement(res.start, res.end, res.entity_type, fingerprint, new))
        done.reverse()
        return text, done

    def rewrite_texts(self, texts: Sequence[str], hints: Sequence | None = None) -> list[tuple[str, list[Replacement]]]:
        """`rewrite` for a batch of texts, one engine call."""
        found = self.engine.analyze_texts(texts, hints)
        return [self.rewrite(text, results) for text, results in zip(texts, found)]
