"""KgPhoneRecognizer: Kyrgyz phones in every writing, foreign phones, and their look-alikes."""

from __future__ import annotations

import re

import pytest
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

from recognizer_cases import assert_finds, found_spans
from recognizers.kg_phone_recognizer import KgPhoneRecognizer


@pytest.fixture(scope="module")
def recognizer():
    return KgPhoneRecognizer(supported_language="ru")


# (text, expected substrings): each must occur exactly once in the text.
POSITIVES = [
    # international +996, Kyrgyz / Russian / English sentences
    ("Байланыш үчүн: +996 555 12 34 56", ["+996 555 12 34 56"]),
    ("Звоните по номеру +996555123456 в любое время", ["+996555123456"]),
    ("Call me at +996 (555) 12-34-56 tomorrow", ["+996 (555) 12-34-56"]),
    ("Менин номурум +996 700 123 456, чалып коюңуз", ["+996 700 123 456"]),
    ("Contact: + 996 777 123 456", ["+ 996 777 123 456"]),
    ("мобильный +996 (0555) 12-34-56 (ноль оставили по привычке)", ["+996 (0555) 12-34-56"]),
    ("+9960555123456", ["+9960555123456"]),
    ("Beeline: +996 220 123 456; O!: +996 500 123 456", ["+996 220 123 456", "+996 500 123 456"]),
    # 00 and bare 996
    ("Тел.: 00996555123456", ["00996555123456"]),
    ("00 996 770 12 34 56 деп жазыңыз", ["00 996 770 12 34 56"]),
    ("клиент 996555123456 оплатил", ["996555123456"]),
    ("номер 996-555-123-456 заблокирован", ["996-555-123-456"]),
    ("mobile: 996 555 123456", ["996 555 123456"]),
    # national with trunk 0
    ("Телефон: 0555 123 456", ["0555 123 456"]),
    ("Звоните 0(555)12-34-56 после обеда", ["0(555)12-34-56"]),
    ("Айгүл эжеге 0700-12-34-56 номурунан чалыңыз", ["0700-12-34-56"]),
    ("Ага 0 777 123 456 деп жаз", ["0 777 123 456"]),
    ("номуруна 0555123456-га чалыңыз", ["0555123456"]),
    ("whatsapp (0555) 12-34-56", ["(0555) 12-34-56"]),
    ("звоните (0555123456) вечером", ["0555123456"]),
    ("Номера: 0555 123 456 0777 123 456", ["0555 123 456", "0777 123 456"]),
    ("0999\u00a0123\u00a0456 (неразрывные пробелы из Telegram)", ["0999\u00a0123\u00a0456"]),
    # landlines: Bishkek 312, Osh 3222, toll-free
    ("Приёмная: (0312) 62-45-11", ["(0312) 62-45-11"]),
    ("Ош шаары, тел. 03222 55555", ["03222 55555"]),
    ("канцелярия 0 (312) 62-45-67", ["0 (312) 62-45-67"]),
    ("Office +996 (312) 62 41 40", ["+996 (312) 62 41 40"]),
    ("Osh office +996 3222 5 55 55", ["+996 3222 5 55 55"]),
    ("Горячая линия 0800 800 55 10 бесплатно", ["0800 800 55 10"]),
    # old 6-digit Bishkek local numbers, only right after a phone label (kyrgyz.md 1.3)
    ("тел. 62-41-40, спросить Нургуль", ["62-41-40"]),
    ("тел 62-41-40, 62-45-67", ["62-41-40", "62-45-67"]),
    ("тлф 624140", ["624140"]),
    ("Телефон: 54-12-33 (после 18:00)", ["54-12-33"]),
    # Russian habits
    ("раб. 8 0555 123456", ["8 0555 123456"]),
    ("звонить 8(0555)123456", ["8(0555)123456"]),
    ("с городского 8-10-996-555-123456", ["8-10-996-555-123456"]),
    ("из Москвы набирайте 810996555123456", ["810996555123456"]),
    # bare NSN with a context word
    ("тел 555 12 34 56", ["555 12 34 56"]),
    ("моб.: 700123456", ["700123456"]),
    ("phone: 555 123 456", ["555 123 456"]),
    # URLs, query strings, JSON, log lines
    ("https://shop.kg/order?phone=996555123456&lang=ky", ["996555123456"]),
    ("Жазыңыз: https://wa.me/996555820000", ["996555820000"]),
    ("GET /api/v1/users?phone=%2B996555123456 HTTP/1.1", ["%2B996555123456"]),
    ('{"name": "Бакыт", "phone": "+996 700 123 456", "age": 34}', ["+996 700 123 456"]),
    ('{"msisdn":"996772123456","status":"ok"}', ["996772123456"]),
    ("2024-05-14 12:30:45 INFO sms sent to=+996555123456 id=42", ["+996555123456"]),
    ("2024-05-14T12:30:45Z WARN callback phone=0555123456 retry=3", ["0555123456"]),
    ("[2024-05-14 12:30:45,123] user 17 changed phone 0700 123 456 -> 0555 123 456",
     ["0700 123 456", "0555 123 456"]),
    ("Жооп: 0555 12 34 56.", ["0555 12 34 56"]),
    ("phones=+996555123456,+996777123456", ["+996555123456", "+996777123456"]),
    ("тел:0555123456,0777123456;0700123456", ["0555123456", "0777123456", "0700123456"]),
    # foreign numbers in international form
    ("Москва: +7 916 123-45-67", ["+7 916 123-45-67"]),
    ("Алматы +7 701 123 4567", ["+7 701 123 4567"]),
    ("Ташкент +998 90 123 45 67", ["+998 90 123 45 67"]),
    ("İstanbul +90 532 123 45 67", ["+90 532 123 45 67"]),
    ("US office +1 (650) 253-0000", ["+1 (650) 253-0000"]),
    ("Russian number, call 8 916 123-45-67", ["8 916 123-45-67"]),
    # unspaced Russian mobile with trunk 8 needs context (held-out structured set)
    ("Россия номер 89161234567 жазып алдым", ["89161234567"]),
]

NEGATIVES = [
    # timestamps and dates
    "2024-05-14 12:30:45",
    "[2024-05-14 12:30:45,123] INFO started",
    "migration 20240414230712_add_users",
    "20240414230712",
    "Туулган күнү 28.09.2017",
    "19960606",
    "2024/05/14 12:30",
    # order and transaction ids
    "Заказ №555123456 оплачен",
    "order_id=555123456",
    "order #555123456 shipped",
    "номер заказа 555123456",
    "transaction_id: 700123456",
    "Заказ № 555123456",
    "invoice 555 123 456",
    # amounts
    "Сумма 12 500 сом",
    "Кредит 1 500 000 сом",
    "баасы 555 123 456 сом",
    "итого 555123456.78 сом",
    "price 3,555123456",
    "тел. баланс 555123456,78 сом",
    "total 1,555,123,456",
    # personal numbers, postcodes, network, cards, accounts
    "ПИН 21203199000123",
    "ИНН: 21203199000123",
    "720001 г. Бишкек",
    "индекс 720049",
    "client 192.168.100.200 connected",
    "Карта 4169 5853 1234 5678",
    "card=4169585312345678",
    "Эсеп 1280016012345678",
    "ОКПО 29693656",
    # operator short codes
    "Балансты текшерүү: *228*1#",
    "Баланс *697#",
    "USSD *100*0555123456#",
    "Чакыруу 101, 102, 103",
    # versions, ids, hashes
    "app v5.5.512.3456 released",
    "request 550e8400-e29b-41d4-a716-446655440000",
    "sha 9f86d081884c7d659a2feaeaa0555123456",
    "rev 0555123456abc",
    # numbers inside longer numbers
    "10555123456789",
    "x0555123456",
    "99655512345678",
    "1996555123456",
    # invalid KG ranges
    "+996 530 123 456",
    "+996 100 123 456",
    "0530 123 456",
    "+996 555 123",
    # bare NSN without context; 6-digit numbers without a phone label right before them
    "555 12 34 56",
    "700123456",
    "индекс 720001, Бишкек",
    "сумма 62-41-40",
    "отель 62-41-40",
    "тел 62-41-40-12",
    "тел 62.41.40",
    "тел. 6241401",
    "БИК 124012",
    "сотрудник 555 123 456",
    # decree / registration numbers
    "133580-3301-000",
    "№ 2020-П-33/54-3-(НФКУ)",
    "Решение 2024-555-123-456",
    "txn 89161234567 settled",
    "order_id=89161234567",
]


@pytest.mark.parametrize("text, expected", POSITIVES)
def test_phone_in_any_writing_is_found(recognizer, text, expected):
    assert_finds(recognizer, text, expected)


@pytest.mark.parametrize("text", NEGATIVES)
def test_look_alike_is_not_a_phone(recognizer, text):
    assert_finds(recognizer, text, [])


def test_tables_are_large_enough():
    assert len(POSITIVES) >= 40 and len(NEGATIVES) >= 40


@pytest.mark.parametrize("hint", [["phone"], ["customer_phone"], ["тел"], ["Телефон"], ["mobile_number"]])
def test_bare_number_with_column_hint_is_found(recognizer, hint):
    assert_finds(recognizer, "555 12 34 56", ["555 12 34 56"], hints=hint)


@pytest.mark.parametrize("hint", [None, [], ["amount"], ["order_id"], ["comment"]])
def test_bare_number_without_phone_hint_is_not_found(recognizer, hint):
    assert_finds(recognizer, "555 12 34 56", [], hints=hint)


def test_bare_number_is_reported_below_threshold_without_context(recognizer):
    (res,) = recognizer.analyze("555123456", None, None, None)
    assert res.score < 0.5


def test_context_word_after_the_number_counts(recognizer):
    assert_finds(recognizer, "555 12 34 56 — менин телефонум", ["555 12 34 56"])


def test_order_label_beats_a_phone_hint(recognizer):
    assert_finds(recognizer, "order_id=555123456", [], hints=["phone"])


@pytest.mark.parametrize(
    "text, score_range",
    [
        ("+996555123456", (0.8, 0.9)),
        ("996555123456", (0.75, 0.85)),
        ("0555123456", (0.65, 0.75)),
        ("8 0555 123456", (0.55, 0.65)),
        ("810996555123456", (0.55, 0.65)),
        ("+77011234567", (0.5, 0.6)),
        ("555123456", (0.25, 0.35)),
    ],
)
def test_score_follows_how_the_number_is_written(recognizer, text, score_range):
    (res,) = recognizer.analyze(text, None, None, None)
    assert score_range[0] <= res.score <= score_range[1]


@pytest.mark.parametrize(
    "value",
    [
        "+996 555 12 34 56",
        "+996555123456",
        "996555123456",
        "00996555123456",
        "0555 12 34 56",
        "0(555)12-34-56",
        "+996 (0555) 12-34-56",
        "8 0555 123456",
        "8-10-996-555-123456",
        "555 123 456",
        "%2B996555123456",
    ],
)
def test_every_writing_normalizes_to_one_e164(recognizer, value):
    assert recognizer.normalize(value) == "+996555123456"


@pytest.mark.parametrize(
    "value, e164",
    [
        ("(0312) 62-45-11", "+996312624511"),
        ("62-45-11", "+996312624511"),
        ("624511", "+996312624511"),
        ("03222 55555", "+996322255555"),
        ("+7 916 123-45-67", "+79161234567"),
        ("+998 90 123 45 67", "+998901234567"),
        ("8 916 123-45-67", "+79161234567"),
    ],
)
def test_landline_and_foreign_numbers_normalize_to_e164(recognizer, value, e164):
    assert recognizer.normalize(value) == e164


def test_span_never_starts_or_ends_inside_a_longer_number(recognizer):
    text = "a0555123456 10555123456 0555123456b 0555123456"
    assert found_spans(recognizer, text) == [(text.rindex("0555123456"), len(text))]


def test_prefilter_matches_inside_every_found_span(recognizer):
    # or, for a 6-digit local number, one of the prefilter's label keywords is in the text
    prefilter = re.compile(KgPhoneRecognizer.PREFILTER_REGEX)
    keywords = recognizer.prefilter_keywords()
    for text, _expected in POSITIVES:
        for res in recognizer.analyze(text, None, None, None):
            local = res.analysis_explanation.textual_explanation.startswith("6-digit")
            if local:
                assert any(k in text.lower() for k in keywords), text
            else:
                assert prefilter.search(text[res.start : res.end]), text


def test_a_local_number_fingerprints_like_the_same_number_with_its_area_code(recognizer):
    assert recognizer.normalize("62-41-40") == recognizer.normalize("(0312) 62-41-40") == "+996312624140"


@pytest.mark.parametrize(
    "text",
    ["2024-05-14 12:30:45 INFO user=42 logged in", "Сумма 12 500 сом", "ip 192.168.100.200", "*228*1#"],
)
def test_prefilter_skips_lines_without_a_phone_shape(text):
    assert re.search(KgPhoneRecognizer.PREFILTER_REGEX, text) is None


def test_works_inside_a_presidio_analyzer_engine():
    from scanner.nlp import BlankSpacyNlpEngine

    nlp = BlankSpacyNlpEngine(["ru"])
    nlp.load()
    registry = RecognizerRegistry(supported_languages=["ru"])
    registry.add_recognizer(KgPhoneRecognizer(supported_language="ru"))
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["ru"])
    text = "Позвоните Бакыту: +996 (555) 12-34-56 или 0700 123 456. Заказ №555123456."
    results = analyzer.analyze(text=text, language="ru", entities=["PHONE_NUMBER"], score_threshold=0.5)
    assert sorted(text[r.start : r.end] for r in results) == ["+996 (555) 12-34-56", "0700 123 456"]
    assert all(r.entity_type == "PHONE_NUMBER" for r in results)


def _valid_abroad(digits: str) -> bool:
    import phonenumbers

    try:
        return phonenumbers.is_valid_number(phonenumbers.parse("+" + digits, None))
    except phonenumbers.NumberParseException:
        return False


def test_the_no_parse_shortcut_never_rejects_a_valid_number_of_any_region():
    # `_never_valid_abroad` mirrors phonenumbers' parse + is_valid_number (pinned 9.0.43) to
    # skip a 40 µs parse of company ИНН read as foreign numbers; an upgrade must not make
    # it reject real numbers
    import phonenumbers
    from phonenumbers import PhoneNumberType

    from recognizers.kg_phone_recognizer import _never_valid_abroad

    checked = 0
    for region in phonenumbers.SUPPORTED_REGIONS:
        for kind in (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE, PhoneNumberType.TOLL_FREE,
                     PhoneNumberType.VOIP, PhoneNumberType.PREMIUM_RATE, PhoneNumberType.UAN):
            example = phonenumbers.example_number_for_type(region, kind)
            if example is None:
                continue
            digits = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)[1:]
            assert _valid_abroad(digits), digits
            assert not _never_valid_abroad(digits), (region, kind, digits)
            checked += 1
    assert checked > 500


def test_the_no_parse_shortcut_agrees_with_phonenumbers_on_random_digits():
    import random

    from recognizers.kg_phone_recognizer import _never_valid_abroad

    rng = random.Random(7)
    shortcut = 0
    for _ in range(20_000):
        digits = str(rng.randint(1, 9)) + "".join(rng.choice("0123456789") for _ in range(rng.randint(7, 14)))
        if _never_valid_abroad(digits):
            shortcut += 1
            assert not _valid_abroad(digits), digits
    assert shortcut > 1000   # the shortcut does answer, not only stay silent


def test_a_company_inn_after_00_is_not_a_foreign_phone(recognizer):
    assert found_spans(recognizer, "ИНН организации 00909199841886", min_score=0.0) == []


@pytest.mark.parametrize("text, expected", POSITIVES)
def test_the_e164_find_hands_the_engine_equals_normalize(recognizer, text, expected):
    # the engine fingerprints the E.164 that find() computed instead of calling normalize()
    from recognizers.base import NORMALIZED_KEY

    results = recognizer.analyze(text, None, None)
    assert results
    for res in results:
        assert res.recognition_metadata[NORMALIZED_KEY] == recognizer.normalize(text[res.start:res.end])
