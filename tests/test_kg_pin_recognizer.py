"""KgPinRecognizer: individuals' 14-digit ПИН found with exact spans; timestamps, legal
entities' ИНН, invalid or future dates and longer digit runs are not."""

from __future__ import annotations

import pytest
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

from recognizer_cases import assert_finds, found_spans
from recognizers.kg_pin_recognizer import KgPinRecognizer


@pytest.fixture(scope="module")
def recognizer():
    return KgPinRecognizer()


POSITIVES = [
    # Russian
    ("ПИН 21203199000123", ["21203199000123"]),
    ("ИНН: 11505198512345", ["11505198512345"]),
    ("Персональный номер 22907197700011 указан неверно", ["22907197700011"]),
    ("Клиент Асанов Бакыт, ПИН 20101200054321, тел. +996 555 12 34 56", ["20101200054321"]),
    ("идентификационный номер 13112195699999", ["13112195699999"]),
    ("Паспорт ID1234567, ПИН 12902200012345 (29.02.2000)", ["12902200012345"]),
    ("ПИН:21203199000123;", ["21203199000123"]),
    ("Заявитель — Иванова Мария (ИНН 10807199300456).", ["10807199300456"]),
    ("инн=21001196000001&fio=test", ["21001196000001"]),
    ("Получатель 23112199000123 оплатил", ["23112199000123"]),
    # Kyrgyz
    ("Жеке номери: 21203199000123", ["21203199000123"]),
    ("Айгүл Токтогул кызынын ПИНи 10304199512345 туура эмес", ["10304199512345"]),
    ("Идентификациялык жеке номер 21508200112233 каттоодо", ["21508200112233"]),
    ("Кардардын ИНН 11111196811111 экен", ["11111196811111"]),
    ("Өмүрбек Үмүтбеков уулу, ЖИН 20506197000777", ["20506197000777"]),
    ("Туулган: 01.01.1999, 20101199912345", ["20101199912345"]),
    # English
    ("PIN 21203199000123", ["21203199000123"]),
    ("Tax ID (14-digit personal number): 12512198800345", ["12512198800345"]),
    ("customer tin 23107197512345 verified", ["23107197512345"]),
    ("Sole proprietor INN 21009198100008", ["21009198100008"]),
    ("no label at all 21203199000123 but a valid date", ["21203199000123"]),
    # log lines
    ("2024-04-14 23:07:12 INFO [kyc] pin=21203199000123 status=ok", ["21203199000123"]),
    ("2024-04-14T23:07:12Z WARN user 11505198512345 failed login", ["11505198512345"]),
    ("[svc-tax] lookup inn:22907197700011 took 12ms", ["22907197700011"]),
    ("GET /api/v1/persons/21203199000123/docs HTTP/1.1 200", ["21203199000123"]),
    ("uploaded scan_21203199000123.pdf", ["21203199000123"]),
    ("key 21203199000123_front.jpg", ["21203199000123"]),
    # JSON
    ('{"pin": "21203199000123", "name": "Асанов"}', ["21203199000123"]),
    ('{"inn":11505198512345,"type":"individual"}', ["11505198512345"]),
    ('{"person":{"id":"22907197700011"}}', ["22907197700011"]),
    ('{"a":"21203199000123","b":"11505198512345"}', ["21203199000123", "11505198512345"]),
    # CSV cells
    ("21203199000123", ["21203199000123"]),
    ("Асанов;21203199000123;Бишкек", ["21203199000123"]),
    ("21203199000123,11505198512345", ["21203199000123", "11505198512345"]),
    ('"11505198512345","+996555123456"', ["11505198512345"]),
    ("\t22907197700011\t", ["22907197700011"]),
    # edges of the date rule
    ("ПИН 12902199612345 (29 Feb 1996, leap year)", ["12902199612345"]),
    ("ПИН 23112192000001", ["23112192000001"]),
    ("ПИН 10101192000001", ["10101192000001"]),
    ("ПИН 23112201512345", ["23112201512345"]),
    ("ПИН‑21203199000123", ["21203199000123"]),
    ("два номера: 21203199000123 и 11505198512345", ["21203199000123", "11505198512345"]),
]

NEGATIVES = [
    # timestamps YYYYMMDDhhmmss
    "20240414230712",
    "build 20240414230712 finished",
    "ts=20231231235959",
    "20100512235959",
    "19991231235959",
    "20110512101010",
    # legal entities' ИНН (leading 0, kyrgyz.md §2.3)
    "ИНН организации 02507199510010",
    "00108199510201",
    "ОсОО, ИНН 01203199910012",
    # invalid dates
    "ПИН 23113199000123",
    "ПИН 23200199000123",
    "ПИН 20001199000123",
    "ПИН 23102199000123",
    "ПИН 12902199700123",
    "ПИН 13104199000123",
    "ПИН 21203189900123",
    "ПИН 21203000000123",
    # future dates of birth
    "ПИН 21203209000123",
    "ПИН 10101210012345",
    # wrong first digit
    "ПИН 31203199000123",
    "ПИН 91203199000123",
    # too long / too short
    "212031990001234",
    "2120319900012345",
    "2120319900012",
    "ПИН 2120319900012",
    # cards, phones, accounts
    "4111 1111 1111 1111",
    "4111111111111111",
    "+996 555 12 34 56",
    "996555123456",
    "+21203199000123",
    "счёт 1240010001234567",
    # glued to letters or digits
    "a21203199000123",
    "21203199000123b",
    "ID21203199000123",
    "x21203199000123y",
    "hash 3f21203199000123ab",
    # decimals
    "1.21203199000123",
    "21203199000123.5",
    # spaced digits are not the 14-digit run
    "2 12031990 00123",
    "order 2120 3199 0001 23",
    # Kyrgyz / Russian prose without a number
    "ПИН жана паспорт маалыматы жок",
    "Укажите ваш ПИН",
]


@pytest.mark.parametrize("text,expected", POSITIVES)
def test_pin_is_found_with_exact_span(recognizer, text, expected):
    assert_finds(recognizer, text, expected)


@pytest.mark.parametrize("text", NEGATIVES)
def test_lookalike_is_not_a_pin(recognizer, text):
    assert_finds(recognizer, text, [])


@pytest.mark.parametrize(
    "value,normalized",
    [
        ("21203199000123", "21203199000123"),
        ("11505198512345", "11505198512345"),
    ],
)
def test_pin_normalizes_to_its_14_digits(recognizer, value, normalized):
    assert recognizer.normalize(value) == normalized


def test_pin_scores_without_context(recognizer):
    [res] = recognizer.analyze("x 21203199000123 y", ["KG_PIN"])
    assert res.score == pytest.approx(0.7)


def test_pin_context_raises_score(recognizer):
    [res] = recognizer.analyze("ПИН 21203199000123", ["KG_PIN"])
    assert res.score == pytest.approx(1.0)


def test_birth_year_before_1920_needs_context(recognizer):
    assert found_spans(recognizer, "row 21203191000123") == []
    assert_finds(recognizer, "ПИН 21203191000123", ["21203191000123"])


def test_birth_year_before_1920_found_with_column_hint(recognizer):
    assert_finds(recognizer, "21203191000123", ["21203191000123"], hints=["client_pin"])
    assert_finds(recognizer, "21203191000123", [], hints=["order_number"])


def test_prefilter_matches_inside_every_positive():
    import re

    prefilter = re.compile(KgPinRecognizer.PREFILTER_REGEX)
    for text, expected in POSITIVES:
        for item in expected:
            assert prefilter.search(item), item


def test_pin_found_through_presidio_analyzer_engine():
    from scanner.nlp import BlankSpacyNlpEngine

    nlp = BlankSpacyNlpEngine(["ru"])
    nlp.load()
    registry = RecognizerRegistry(supported_languages=["ru"])
    registry.add_recognizer(KgPinRecognizer(supported_language="ru"))
    engine = AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["ru"])
    text = "Клиент: ПИН 21203199000123, ИНН организации 02507199510010"
    results = engine.analyze(text, language="ru")
    assert [(r.entity_type, text[r.start : r.end]) for r in results] == [("KG_PIN", "21203199000123")]
