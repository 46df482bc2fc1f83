"""Masked previews and masked URLs: safe to show, never the value or the password."""

from __future__ import annotations

import pytest

from scanner.preview import mask_preview
from scanner.sources.base import mask_url


@pytest.mark.parametrize("value,entity,expected", [
    ("+996 555 12 34 67", "PHONE_NUMBER", "+996 *** ** ** 67"),
    ("0555123456", "PHONE_NUMBER", "********56"),
    ("4111 1111 1111 1111", "CREDIT_CARD", "**** **** **** 1111"),
    ("21203199000123", "KG_PIN", "************23"),
    ("ID1234567", "KG_PASSPORT", "ID*****67"),
    ("aigul@mail.kg", "EMAIL_ADDRESS", "a****@mail.kg"),
    ("x@y.kg", "EMAIL_ADDRESS", "*@y.kg"),
    ("10.0.0.5", "IP_ADDRESS", "10.*.*.*"),
    ("2a02:2168:8fe1:4200::1b", "IP_ADDRESS", "2a02:2168:*:*:*:*"),
    ("Асанов Бакыт", "PERSON", "А***** Б****"),
])
def test_preview_masks_the_value(value, entity, expected):
    assert mask_preview(value, entity) == expected
    assert mask_preview(value, entity) != value


@pytest.mark.parametrize("url,expected", [
    ("postgresql+psycopg://app:s3cret@db:5432/shop", "postgresql+psycopg://app:***@db:5432/shop"),
    ("postgresql://db/shop?sslmode=require&password=s3cret", "postgresql://db/shop?sslmode=require&password=***"),
    ("mysql+pymysql://root:p%40ss@127.0.0.1/test?charset=utf8mb4", "mysql+pymysql://root:***@127.0.0.1/test?charset=utf8mb4"),
    ("sqlite:///shop.db", "sqlite:///shop.db"),
    ("postgresql://app@db/shop", "postgresql://app@db/shop"),
])
def test_mask_url_hides_passwords_in_user_part_and_query(url, expected):
    assert mask_url(url) == expected


@pytest.mark.parametrize("value,entity,expected", [
    ("12", "KG_PIN", "12"),                                  # fewer digits than the tail shown
    ("+996 (555) 12-34-67", "PHONE_NUMBER", "+996 (***) **-**-67"),
    ("996555123467", "PHONE_NUMBER", "996*******67"),
    (" +996555", "PHONE_NUMBER", " +996*55"),
    ("+99655", "PHONE_NUMBER", "+99655"),                    # head and tail overlap: all shown
    ("AN 1234567", "KG_PASSPORT", "AN *****67"),             # passport letters stay
    ("4111-1111-1111-1111", "CREDIT_CARD", "****-****-****-1111"),
    ("ID12x34567", "PHONE_NUMBER", "********67"),            # letters masked outside a passport
    ("+996 ٥٥٥ 12 34 67", "PHONE_NUMBER", "+996 *** ** ** 67"),  # non-ASCII digits: the general rule
])
def test_digit_masking_edge_cases(value, entity, expected):
    assert mask_preview(value, entity) == expected


def test_ascii_fast_path_matches_the_general_rule():
    """Every short mix of digits, letters and separators masks alike on both paths."""
    import itertools

    from scanner.preview import _mask_ascii_digits, _mask_digits

    alphabet = "0 7+-(aB"
    checked = 0
    for length in range(0, 7):
        for chars in itertools.product(alphabet, repeat=length):
            value = "".join(chars)
            for head, tail, letters in ((0, 2, False), (3, 2, False), (0, 4, False), (0, 2, True)):
                assert _mask_ascii_digits(value, head, tail, letters) == _mask_digits(value, head, tail, letters), \
                    (value, head, tail, letters)
                checked += 1
    assert checked == 4 * sum(8 ** n for n in range(7))
