"""KgCreditCardRecognizer: Luhn-valid numbers of known card schemes with exact spans;
Luhn failures, ПИН, phones, bank accounts, order ids and timestamps are not."""

from __future__ import annotations

import re

import pytest
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

from recognizer_cases import assert_finds, found_spans
from recognizers.credit_card_recognizer import KgCreditCardRecognizer, card_scheme, luhn_valid


@pytest.fixture(scope="module")
def recognizer():
    return KgCreditCardRecognizer()


POSITIVES = [
    # Visa, Mastercard, Mir, UnionPay, Amex, Elcart, Maestro, JCB, Discover, Diners
    ("4111 1111 1111 1111", ["4111 1111 1111 1111"]),
    ("4111-1111-1111-1111", ["4111-1111-1111-1111"]),
    ("4111111111111111", ["4111111111111111"]),
    ("4111\u00a01111\u00a01111\u00a01111", ["4111\u00a01111\u00a01111\u00a01111"]),
    ("Visa 4012 8888 8888 1881", ["4012 8888 8888 1881"]),
    ("old Visa 4222222222222", ["4222222222222"]),
    ("Visa 19: 4000 1234 5678 9012 343", ["4000 1234 5678 9012 343"]),
    ("Mastercard 5520 1234 5678 9015", ["5520 1234 5678 9015"]),
    ("MC 2221 1234 5678 9014", ["2221 1234 5678 9014"]),
    ("MC 2720123456789010", ["2720123456789010"]),
    ("Мир 2200 1234 5678 9019", ["2200 1234 5678 9019"]),
    ("Мир 2204-1234-5678-9015", ["2204-1234-5678-9015"]),
    ("UnionPay 6200 1234 5678 9010", ["6200 1234 5678 9010"]),
    ("UnionPay 620012345678901232", ["620012345678901232"]),
    ("Amex 3782 822463 10005", ["3782 822463 10005"]),
    ("Amex 378282246310005", ["378282246310005"]),
    ("Amex 3714-496353-98431", ["3714-496353-98431"]),
    ("Элкарт 9417 1234 5678 9013", ["9417 1234 5678 9013"]),
    ("Elcart 9417000012345672", ["9417000012345672"]),
    ("Maestro 5018 1234 5678 9014", ["5018 1234 5678 9014"]),
    ("Maestro 6761 1234 5678 9011", ["6761 1234 5678 9011"]),
    ("JCB 3530 1113 3330 0000", ["3530 1113 3330 0000"]),
    ("Discover 6011 1234 5678 9019", ["6011 1234 5678 9019"]),
    ("Discover 6500123456789017", ["6500123456789017"]),
    ("Diners 3000 1234 5678 9019", ["3000 1234 5678 9019"]),
    # Russian and Kyrgyz sentences
    ("Номер карты: 4111 1111 1111 1111, срок 12/25", ["4111 1111 1111 1111"]),
    ("Оплата картой 5520 1234 5678 9015 прошла", ["5520 1234 5678 9015"]),
    ("Төлөм картасы 9417 1234 5678 9013 бөгөттөлдү", ["9417 1234 5678 9013"]),
    ("Кардар Асанов Бакыт, карта 4111 1111 1111 1111 12/25, тел. 0555 123 456", ["4111 1111 1111 1111"]),
    ("Customer paid with card 4111-1111-1111-1111.", ["4111-1111-1111-1111"]),
    # log lines
    ("2024-04-14 23:07:12 INFO [pay] pan=4111111111111111 amount=500 KGS", ["4111111111111111"]),
    ("ERROR [billing] declined 5520123456789015 (insufficient funds)", ["5520123456789015"]),
    ("txn 42 card_4111111111111111.png uploaded", ["4111111111111111"]),
    ("cards: 4111111111111111/5520123456789015", ["4111111111111111", "5520123456789015"]),
    # JSON
    ('{"card": "4111 1111 1111 1111", "exp": "12/25"}', ["4111 1111 1111 1111"]),
    ('{"pan":"9417123456789013","holder":"ASANOV BAKYT"}', ["9417123456789013"]),
    ('{"cards":["4111111111111111","2200123456789019"]}', ["4111111111111111", "2200123456789019"]),
    # CSV cells
    ("4111111111111111", ["4111111111111111"]),
    ("1,4111111111111111,Асанов", ["4111111111111111"]),
    ("Асанов;5520 1234 5678 9015;Бишкек", ["5520 1234 5678 9015"]),
    ('"2200123456789019","500.00"', ["2200123456789019"]),
    ("\t6200123456789010\t", ["6200123456789010"]),
]

NEGATIVES = [
    # Luhn failures
    "4111 1111 1111 1112",
    "4111111111111112",
    "5500 0000 0000 0001",
    "9417 0000 0000 0000",
    "1234 5678 9012 3456",
    "0000 0000 0000 0001",
    # ПИН and other 14-digit numbers
    "21203199000123",
    "ПИН 21203199000123",
    "ИНН 02507199510010",
    # phones
    "+996 555 123 456",
    "996555123456",
    "+4111111111111111",
    "0555 123 456",
    "+7 701 123 45 67",
    # bank accounts
    "счёт 1240010001234567",
    "р/с 1240010001234563",
    "account 1030120000012345",
    "40817810099910004312",
    "4081 7810 0999 1000 4312",
    "БИК 124012",
    # order ids, timestamps, hashes
    "order 100000000000000001",
    "заказ №7000123456789011",
    "20240414230712345",
    "ts=1713135432123",
    "1713135432123456",
    "sha 4111111111111111abc",
    "x4111111111111111",
    "deadbeef4111111111111111",
    # decimals and amounts
    "0.4111111111111111",
    "4111111111111111.5",
    "12 500 сом",
    "1 250 000 000 сом",
    # mixed separators, wrong groupings
    "4111 1111-1111 1111",
    "41 11 11 11 11 11 11 11",
    "4111 1111 1111",
    "411 1111 1111 1111",
    # too long or too short
    "41111111111111111111",
    "411111111111",
    # unknown scheme without context
    "7000123456789010",
    "8123456789012340",
    # wrong length for the scheme
    "37828224631000",
    "55201234567890156",
]


@pytest.mark.parametrize("text,expected", POSITIVES)
def test_card_is_found_with_exact_span(recognizer, text, expected):
    assert_finds(recognizer, text, expected)


@pytest.mark.parametrize("text", NEGATIVES)
def test_lookalike_is_not_a_card(recognizer, text):
    assert_finds(recognizer, text, [])


@pytest.mark.parametrize(
    "value,normalized",
    [
        ("4111 1111 1111 1111", "4111111111111111"),
        ("4111-1111-1111-1111", "4111111111111111"),
        ("4111\u00a01111\u00a01111\u00a01111", "4111111111111111"),
        ("3782 822463 10005", "378282246310005"),
        ("9417123456789013", "9417123456789013"),
    ],
)
def test_card_normalizes_to_its_digits(recognizer, value, normalized):
    assert recognizer.normalize(value) == normalized


@pytest.mark.parametrize(
    "digits,scheme",
    [
        ("4111111111111111", "Visa"),
        ("5520123456789015", "Mastercard"),
        ("2720123456789010", "Mastercard"),
        ("2200123456789019", "Mir"),
        ("378282246310005", "American Express"),
        ("6200123456789010", "UnionPay"),
        ("9417123456789013", "Elcart"),
        ("7000123456789010", None),
        ("37828224631000", None),
    ],
)
def test_scheme_is_known_by_prefix_and_length(digits, scheme):
    assert card_scheme(digits) == scheme


def test_luhn_matches_known_test_numbers():
    assert luhn_valid("4111111111111111")
    assert luhn_valid("378282246310005")
    assert not luhn_valid("4111111111111112")


def test_card_followed_by_another_number_keeps_four_groups(recognizer):
    assert_finds(recognizer, "4111 1111 1111 1111 12/25", ["4111 1111 1111 1111"])


def test_grouped_scores_higher_than_unbroken_run(recognizer):
    [grouped] = recognizer.analyze("4111 1111 1111 1111", ["CREDIT_CARD"])
    [run] = recognizer.analyze("x 4111111111111111 y", ["CREDIT_CARD"])
    assert grouped.score > run.score >= 0.5


def test_unknown_scheme_needs_context(recognizer):
    assert found_spans(recognizer, "7000 1234 5678 9010") == []
    assert_finds(recognizer, "карта 7000 1234 5678 9010", ["7000 1234 5678 9010"])


def test_unknown_scheme_found_with_column_hint(recognizer):
    assert_finds(recognizer, "7000123456789010", ["7000123456789010"], hints=["card_number"])
    assert_finds(recognizer, "7000123456789010", [], hints=["order_id"])


def test_prefilter_matches_inside_every_positive():
    prefilter = re.compile(KgCreditCardRecognizer.PREFILTER_REGEX)
    for text, expected in POSITIVES:
        for item in expected:
            assert prefilter.search(item), item


def test_card_found_through_presidio_analyzer_engine():
    from scanner.nlp import BlankSpacyNlpEngine

    nlp = BlankSpacyNlpEngine(["ru"])
    nlp.load()
    registry = RecognizerRegistry(supported_languages=["ru"])
    registry.add_recognizer(KgCreditCardRecognizer(supported_language="ru"))
    engine = AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["ru"])
    text = "Карта 4111 1111 1111 1111, ПИН 21203199000123, счёт 1240010001234567"
    results = engine.analyze(text, language="ru")
    found = [(r.entity_type, text[r.start : r.end]) for r in results]
    assert found == [("CREDIT_CARD", "4111 1111 1111 1111")]
