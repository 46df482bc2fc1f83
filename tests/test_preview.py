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
