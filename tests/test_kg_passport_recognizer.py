"""KgPassportRecognizer: ID-card and passport numbers with exact spans; short or long
digit runs, glued identifiers, hashes, order codes and issuing authorities are not."""

from __future__ import annotations

import re

import pytest
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

from recognizer_cases import assert_finds, found_spans
from recognizers.kg_passport_recognizer import KgPassportRecognizer


@pytest.fixture(scope="module")
def recognizer():
    return KgPassportRecognizer()


POSITIVES = [
    # ID card, 2017 model
    ("ID1234567", ["ID1234567"]),
    ("ID 1234567", ["ID 1234567"]),
    ("ID №1234567", ["ID №1234567"]),
    ("ID № 0012345", ["ID № 0012345"]),
    ("ID-1234567", ["ID-1234567"]),
    ("ID-карта ID1234567, берилген МКК 211031", ["ID1234567"]),
    ("Идентификациялык карта: ID 7654321", ["ID 7654321"]),
    ("Паспорт гражданина КР ID1234567 выдан 12.05.2019", ["ID1234567"]),
    # 2004 passport, Latin and Cyrillic А
    ("AN1234567", ["AN1234567"]),
    ("AN 1234567", ["AN 1234567"]),
    ("АN 1234567", ["АN 1234567"]),
    ("паспорт серии AN №3456789, кем выдан ИИМ 50-03", ["AN №3456789"]),
    ("Паспорттун сериясы жана номери: АN2345678", ["АN2345678"]),
    ("Паспорт AN0000001 жараксыз", ["AN0000001"]),
    # общегражданский passports
    ("AC1234567", ["AC1234567"]),
    ("АС 1234567", ["АС 1234567"]),
    ("загранпаспорт AC 7654321 до 2026", ["AC 7654321"]),
    ("PE1234567", ["PE1234567"]),
    ("РЕ 1234567", ["РЕ 1234567"]),
    ("Passport no. PE7654321, expires 2031", ["PE7654321"]),
    # 1994 passport, only with context
    ("паспорт A1234567", ["A1234567"]),
    ("Паспорт серия А 1234567, МВД 50-01", ["А 1234567"]),
    ("passport: A7654321", ["A7654321"]),
    ("кем выдан: МВД 50-02, номер А№1234567", ["А№1234567"]),
    ("Паспорттун номери A 0123456", ["A 0123456"]),
    # Kyrgyz, Russian, English sentences
    ("Кардар Асанов Бакыт, ID1234567, тел. 0555 123 456", ["ID1234567"]),
    ("Айгүл Токтогул кызы AN2345678 паспорту менен келди", ["AN2345678"]),
    ("Номер паспорта: AN 2345678.", ["AN 2345678"]),
    ("Client presented ID card ID 2345678 at the branch", ["ID 2345678"]),
    ("Document AC3456789 was scanned", ["AC3456789"]),
    # log lines
    ("2024-04-14 23:07:12 INFO [kyc] doc=ID1234567 pin=21203199000123", ["ID1234567"]),
    ("WARN passport AN1234567 rejected: expired", ["AN1234567"]),
    ("[auth] user 42 uploaded (ID7654321)", ["ID7654321"]),
    # JSON
    ('{"passport": "AN1234567", "issuer": "МКК 50-03"}', ["AN1234567"]),
    ('{"doc":"ID1234567","phone":"+996555123456"}', ["ID1234567"]),
    ('{"passport_no":"ID 1234567"}', ["ID 1234567"]),
    # CSV cells
    ("Асанов;ID1234567;МКК 211031", ["ID1234567"]),
    ("AN1234567,21203199000123", ["AN1234567"]),
    ('"AC1234567","Бишкек"', ["AC1234567"]),
    ("\tАN3456789\t", ["АN3456789"]),
    # two numbers in one text
    ("старый AN1234567, новый ID7654321", ["AN1234567", "ID7654321"]),
    ("ID1234567/ID7654321", ["ID1234567", "ID7654321"]),
    # series and number in separate fields: the number alone (held-out structured set)
    ("Паспорт: серия AN номер 1234567, выдан ИИМ 50-03", ["1234567"]),
    ("Серия паспорта: ID, номер: 2468013", ["2468013"]),
    ('{"passport_series":"AN","passport_number":"2345678"}', ["2345678"]),
    ('3,"Ibraimov, Ulan",AN,3456789,Bishkek', ["3456789"]),
]

NEGATIVES = [
    # short and long digit runs
    "ID: 12345",
    "ID 123456",
    "AN123456",
    "AN12345678",
    "ID12345678",
    "AC 123456789",
    # generic identifiers
    "user_id1234567",
    "userid1234567",
    "USER_ID1234567",
    "IDX1234567",
    "ID: 1234567",
    "id1234567",
    "an1234567",
    "Order ID 1234567",
    "User ID 1234567",
    "transaction ID1234567 ok",
    # hashes and hex strings
    "sha1 3fAN1234567bc",
    "0xA1234567",
    "DEADBEEFA1234567",
    "ID1234567abc",
    "AN1234567F",
    # bare A-form without context: product and order codes
    "A1234567",
    "SKU A1234567 in stock",
    "Заказ А1234567 доставлен",
    "Буйрутма A 7654321 жөнөтүлдү",
    # composite codes
    "INV-AN1234567",
    "PO/ID1234567",
    "AN1234567-01",
    "ID1234567.5",
    # issuing authorities and dates
    "МКК 211031",
    "ИИМ 50-03",
    "МВД 50-55",
    "выдан 12.05.2019",
    # other letters
    "BN1234567",
    "AB1234567",
    "IE1234567",
    "XID1234567",
    "PEA1234567",
    # phones, PINs, cards
    "+996 555 123 456",
    "21203199000123",
    "4111 1111 1111 1111",
    # words alone
    "паспорт жок",
    "ID-карта алынды",
    "Договор номер 1234567 от 12.05.2026",
    "патент № 0012345, ИНН указан выше",
    "order number 1234567 shipped",
]


@pytest.mark.parametrize("text,expected", POSITIVES)
def test_passport_is_found_with_exact_span(recognizer, text, expected):
    assert_finds(recognizer, text, expected)


@pytest.mark.parametrize("text", NEGATIVES)
def test_lookalike_is_not_a_passport(recognizer, text):
    assert_finds(recognizer, text, [])


@pytest.mark.parametrize(
    "value,normalized",
    [
        ("ID1234567", "ID1234567"),
        ("ID 1234567", "ID1234567"),
        ("ID № 1234567", "ID1234567"),
        ("ID-1234567", "ID1234567"),
        ("AN 1234567", "AN1234567"),
        ("АN 1234567", "AN1234567"),
        ("АС1234567", "AC1234567"),
        ("РЕ1234567", "PE1234567"),
        ("А№0123456", "A0123456"),
    ],
)
def test_passport_normalizes_to_latin_series_and_digits(recognizer, value, normalized):
    assert recognizer.normalize(value) == normalized


def test_cyrillic_and_latin_writings_normalize_the_same(recognizer):
    assert recognizer.normalize("АN 1234567") == recognizer.normalize("AN1234567")


def test_id_card_scores_without_context(recognizer):
    [res] = recognizer.analyze("x ID1234567 y", ["KG_PASSPORT"])
    assert res.score == pytest.approx(0.6)


def test_single_letter_form_found_with_column_hint(recognizer):
    assert_finds(recognizer, "A1234567", ["A1234567"], hints=["passport_no"])
    assert_finds(recognizer, "A1234567", ["A1234567"], hints=["Паспорт"])
    assert found_spans(recognizer, "A1234567") == []
    assert_finds(recognizer, "A1234567", [], hints=["sku"])


def test_generic_id_label_found_with_passport_hint(recognizer):
    assert_finds(recognizer, "Customer ID 1234567", ["ID 1234567"], hints=["passport"])


def test_prefilter_matches_inside_every_positive():
    prefilter = re.compile(KgPassportRecognizer.PREFILTER_REGEX)
    for text, expected in POSITIVES:
        for item in expected:
            assert prefilter.search(item), item


def test_passport_found_through_presidio_analyzer_engine():
    from scanner.nlp import BlankSpacyNlpEngine

    nlp = BlankSpacyNlpEngine(["ru"])
    nlp.load()
    registry = RecognizerRegistry(supported_languages=["ru"])
    registry.add_recognizer(KgPassportRecognizer(supported_language="ru"))
    engine = AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["ru"])
    text = "Паспорт AN 1234567, кем выдан МКК 211031"
    results = engine.analyze(text, language="ru")
    assert [(r.entity_type, text[r.start : r.end]) for r in results] == [("KG_PASSPORT", "AN 1234567")]
