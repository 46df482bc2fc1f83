"""kgpii recognizers: Presidio recognizers for personal data of people in Kyrgyzstan.

The one explicit list of recognizers is `RECOGNIZERS`; nothing is found by subclass
discovery. Importing this package is cheap; classes load on first use.

>>> from recognizers import build_registry
>>> registry = build_registry(["ru"])            # doctest: +SKIP
>>> AnalyzerEngine(registry=registry, nlp_engine=..., supported_languages=["ru"])  # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import Iterable, Sequence

# (module, class): one recognizer per file, in this package.
RECOGNIZERS: tuple[tuple[str, str], ...] = (
    ("kg_phone_recognizer", "KgPhoneRecognizer"),
    ("kg_pin_recognizer", "KgPinRecognizer"),
    ("kg_passport_recognizer", "KgPassportRecognizer"),
    ("kg_person_recognizer", "KgPersonRecognizer"),
    ("kg_address_recognizer", "KgAddressRecognizer"),
    ("email_recognizer", "KgEmailRecognizer"),
    ("ip_recognizer", "KgIpRecognizer"),
    ("credit_card_recognizer", "KgCreditCardRecognizer"),
)

LANGUAGES = ("ky", "ru", "en")


def recognizer_classes() -> list[type]:
    """The recognizer classes, imported on demand."""
    classes = []
    for module, name in RECOGNIZERS:
        mod = importlib.import_module(f"{__name__}.{module}")
        classes.append(getattr(mod, name))
    return classes


def build_recognizers(language: str = "ru", entities: Iterable[str] | None = None) -> list:
    """One instance of each recognizer (optionally only those for `entities`)."""
    wanted = set(entities) if entities else None
    out = []
    for cls in recognizer_classes():
        if wanted is None or cls.ENTITY in wanted:
            out.append(cls(supported_language=language))
    return out


def build_registry(languages: Sequence[str] = LANGUAGES, entities: Iterable[str] | None = None):
    """A Presidio `RecognizerRegistry` holding every kgpii recognizer for each language."""
    from presidio_analyzer import RecognizerRegistry

    registry = RecognizerRegistry(supported_languages=list(languages))
    for lang in languages:
        for rec in build_recognizers(lang, entities):
            registry.add_recognizer(rec)
    return registry
