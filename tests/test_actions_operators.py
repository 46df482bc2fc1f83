"""Operators: keyed pseudonyms (typed and format-preserving), masks, redaction labels, idempotence."""

from __future__ import annotations

import re

import pytest
from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig, RecognizerResult

from scanner.actions.operators import (
    KgMask, KgPseudonymize, KgRedact, Pseudonymizer, SpanRewriter, is_transformed, mask_value,
)
from scanner.engine import EngineOptions, ScanEngine
from scanner.keys import Keyed

KEY = Keyed(b"kgpii-test-key-0123456789abcdef")
OTHER_KEY = Keyed(b"another-key-fedcba9876543210")
TOKEN = re.compile(r"^[A-Z_]+_[0-9a-f]{8}$")



def engine(entities=("PHONE_NUMBER", "EMAIL_ADDRESS", "KG_PIN")) -> ScanEngine:
    return ScanEngine(KEY, EngineOptions(entities=entities))


def test_pseudonym_is_a_typed_token_by_default():
    assert TOKEN.match(Pseudonymizer(KEY).pseudonym("Асанов Бакыт", "PERSON"))
    assert Pseudonymizer(KEY).pseudonym("Асанов Бакыт", "PERSON").startswith("PERSON_")


def test_same_value_gives_same_pseudonym_and_other_key_another():
    p = Pseudonymizer(KEY)
    assert p.pseudonym("aigul@mail.kg", "EMAIL_ADDRESS") == p.pseudonym("aigul@mail.kg", "EMAIL_ADDRESS")
    assert p.pseudonym("aigul@mail.kg", "EMAIL_ADDRESS") != p.pseudonym("bakyt@mail.kg", "EMAIL_ADDRESS")
    assert p.pseudonym("aigul@mail.kg", "EMAIL_ADDRESS") != Pseudonymizer(OTHER_KEY).pseudonym("aigul@mail.kg", "EMAIL_ADDRESS")


@pytest.mark.parametrize("value, prefix, length", [
    ("996555123456", "996000", 12),
    ("0555123456", "0000", 10),
    ("555123456", "400", 9),
])
def test_digits_only_phone_keeps_its_length_in_an_unassigned_range(value, prefix, length):
    out = Pseudonymizer(KEY).pseudonym(value, "PHONE_NUMBER")
    assert out.isdigit() and len(out) == length and out.startswith(prefix)
    assert is_transformed(out)


def test_digits_only_phone_forms_share_the_keyed_digits():
    p = Pseudonymizer(KEY)
    tails = {p.pseudonym(v, "PHONE_NUMBER")[-6:] for v in ("996555123456", "0555123456", "555123456")}
    assert len(tails) == 1


def test_pin_keeps_14_digits_with_a_leading_9():
    out = Pseudonymizer(KEY).pseudonym("21203199000123", "KG_PIN")
    assert re.fullmatch(r"9\d{13}", out)
    assert is_transformed(out)


def test_formatted_phone_becomes_a_token():
    assert TOKEN.match(Pseudonymizer(KEY).pseudonym("+996 555 12 34 56", "PHONE_NUMBER"))


@pytest.mark.parametrize("value, expected", [
    ("+996555123456", "*********3456"),
    ("Бакыт", "***ыт"),
    ("ab", "***b"),
])
def test_mask_keeps_at_most_half_and_always_marks(value, expected):
    assert mask_value(value) == expected


@pytest.mark.parametrize("text, done", [
    ("PERSON_7f3a9c21", True), ("[PHONE_NUMBER]", True), ("****3456", True), ("996000123456", True),
    ("91234567890123", True), ("996555123456", False), ("aigul@mail.kg", False), ("21203199000123", False),
])
def test_transformed_values_are_recognised(text, done):
    assert is_transformed(text) is done


def test_operators_work_inside_presidio_anonymizer_engine():
    anonymizer = AnonymizerEngine()
    for cls in (KgPseudonymize, KgMask, KgRedact):
        anonymizer.add_anonymizer(cls)
    text = "mail aigul@mail.kg now"
    results = [RecognizerResult("EMAIL_ADDRESS", 5, 18, 0.9)]
    pseudo = anonymizer.anonymize(text, results, {"EMAIL_ADDRESS": OperatorConfig(
        "kg_pseudonymize", {"pseudonymizer": Pseudonymizer(KEY)})}).text
    assert pseudo == "mail " + Pseudonymizer(KEY).pseudonym("aigul@mail.kg", "EMAIL_ADDRESS") + " now"
    assert anonymizer.anonymize(text, results, {"EMAIL_ADDRESS": OperatorConfig("kg_redact")}).text == \
        "mail [EMAIL_ADDRESS] now"
    assert anonymizer.anonymize(text, results, {"EMAIL_ADDRESS": OperatorConfig(
        "kg_mask", {"keep_last": 3})}).text == "mail **********.kg now"


def test_rewriter_replaces_right_to_left_and_a_second_pass_changes_nothing():
    rw = SpanRewriter("pseudonymize", engine())
    text = "звонить +996 555 12 34 56, почта aigul@mail.kg"
    (new, reps), = rw.rewrite_texts([text])
    assert [r.entity_type for r in reps] == ["PHONE_NUMBER", "EMAIL_ADDRESS"]
    assert new.startswith("звонить PHONE_NUMBER_") and ", почта EMAIL_ADDRESS_" in new
    assert rw.rewrite_texts([new])[0] == (new, [])


@pytest.mark.parametrize("action, pattern", [
    ("redact", r"^tel \[PHONE_NUMBER\]$"),
    ("mask", r"^tel \*+3456$"),
    ("pseudonymize", r"^tel 996000\d{6}$"),
])
def test_each_text_action_is_idempotent(action, pattern):
    rw = SpanRewriter(action, engine())
    (new, reps), = rw.rewrite_texts(["tel 996555123456"])
    assert re.fullmatch(pattern, new) and len(reps) == 1
    assert rw.rewrite_texts([new]) == [(new, [])]


def test_replacements_carry_fingerprints_never_values():
    rw = SpanRewriter("redact", engine())
    (_, reps), = rw.rewrite_texts(["aigul@mail.kg"])
    data = reps[0].to_dict("redact")
    assert "aigul" not in str(data) and len(data["fingerprint"]) == 32 and "pseudonym" not in data
