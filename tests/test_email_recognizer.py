"""KgEmailRecognizer: addresses with a public suffix found with exact spans; hosts without
a suffix, mentions, version pins, retina file names and git remotes are not."""

from __future__ import annotations

import re
import socket

import pytest
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

from recognizer_cases import assert_finds, found_spans
from recognizers.email_recognizer import KgEmailRecognizer


@pytest.fixture(scope="module")
def recognizer():
    return KgEmailRecognizer()


POSITIVES = [
    # Kyrgyz, Russian, English sentences
    ("Кеңешке өтүнүч жөнөттү: aigul@mail.kg!", ["aigul@mail.kg"]),
    ("Электрондук почтасы: bakyt.asanov@gmail.com", ["bakyt.asanov@gmail.com"]),
    ("Айгүл Токтогул кызы, почта aigul_t@mail.ru, тел. 0555 123 456", ["aigul_t@mail.ru"]),
    ("Пишите на info@kgpii.kg или support@kgpii.kg.", ["info@kgpii.kg", "support@kgpii.kg"]),
    ("Эл. почта: Ivan.Petrov@Yandex.RU", ["Ivan.Petrov@Yandex.RU"]),
    ("Клиент указал e-mail nurlan+shop@gmail.com при заказе", ["nurlan+shop@gmail.com"]),
    ("Contact john.doe@example.com for details.", ["john.doe@example.com"]),
    ("Send the report to finance-team@bank.kg today", ["finance-team@bank.kg"]),
    ("Reply-To: <chyngyz@ait.edu.kg>", ["chyngyz@ait.edu.kg"]),
    ("Адрес: почта@пример.рф", ["почта@пример.рф"]),
    ("айгүл@mail.kg деген дарек", ["айгүл@mail.kg"]),
    ("info@xn--e1afmkfd.xn--p1ai", ["info@xn--e1afmkfd.xn--p1ai"]),
    ("user@sub.domain.co.uk", ["user@sub.domain.co.uk"]),
    ("a@mail.kz", ["a@mail.kz"]),
    ("first.middle.last@mail-server.kg", ["first.middle.last@mail-server.kg"]),
    ("o'brien@mail.com", ["o'brien@mail.com"]),
    ("x_1-2.3@my-domain.org", ["x_1-2.3@my-domain.org"]),
    ("mailto:Ivan@Mail.KG", ["Ivan@Mail.KG"]),
    ("git@github.com", ["git@github.com"]),
    ("noreply@github.com wrote:", ["noreply@github.com"]),
    # log lines
    ("2024-04-14 23:07:12 INFO [auth] login ok user=bakyt@mail.kg ip=10.0.0.5", ["bakyt@mail.kg"]),
    ("WARN smtp: 550 rejected <aigul@mail.kg>: mailbox full", ["aigul@mail.kg"]),
    ("GET /api/users?email=ivan@mail.kg&page=2 HTTP/1.1", ["ivan@mail.kg"]),
    ("from=<a.b@c.kg> to=<d.e@f.kg>", ["a.b@c.kg", "d.e@f.kg"]),
    ("[mail] queued for asel.k@gmail.com (retry 3)", ["asel.k@gmail.com"]),
    ("Jan 12 10:00:01 host postfix: to=ivan@mail.kg, relay=none", ["ivan@mail.kg"]),
    ("user ivan@mail.kg: quota exceeded", ["ivan@mail.kg"]),
    # JSON
    ('{"email": "aigul@mail.kg", "phone": "+996555123456"}', ["aigul@mail.kg"]),
    ('{"contact":{"mail":"b.asanov@gmail.com"}}', ["b.asanov@gmail.com"]),
    ('{"to":["a@mail.kg","b@mail.ru"]}', ["a@mail.kg", "b@mail.ru"]),
    ('{"cc":"Ivan@Example.COM"}', ["Ivan@Example.COM"]),
    # CSV cells
    ("aigul@mail.kg", ["aigul@mail.kg"]),
    ("Асанов;bakyt@mail.kg;Бишкек", ["bakyt@mail.kg"]),
    ("ivan@mail.kg,petr@mail.kg", ["ivan@mail.kg", "petr@mail.kg"]),
    ('"nurlan@gmail.com","21203199000123"', ["nurlan@gmail.com"]),
    ("\tasel@mail.kg\t", ["asel@mail.kg"]),
    ("'ivan@mail.kg'", ["ivan@mail.kg"]),
    ("(ivan@mail.kg)", ["ivan@mail.kg"]),
    ("ivan@mail.kg.", ["ivan@mail.kg"]),
    ("ivan@mail.kg: please reply", ["ivan@mail.kg"]),
    ("a@b.io", ["a@b.io"]),
    ("test@domain.info", ["test@domain.info"]),
    # held-out structured set: URL-encoded `@`, LDAP DN, a mailbox on the `gov.kg` suffix
    ("GET /recover?login=nazira.k%40mail.ru HTTP/1.1", ["nazira.k%40mail.ru"]),
    ("uid=k.abdyldaev@gov.kg,ou=people,dc=gov,dc=kg", ["k.abdyldaev@gov.kg"]),
]

NEGATIVES = [
    # no public suffix
    "user@localhost",
    "root@localhost.localdomain",
    "a@b",
    "admin@server",
    "x@1.2.3.4",
    "user@192.168.0.1",
    # mentions and handles
    "@username",
    "thanks @aigul_t!",
    "cc @bakyt.asanov",
    "email @ mail.kg",
    # version pins
    "package@1.2.3",
    "lodash@4.17.21",
    "npm i react@18.2.0",
    "@types/node@20.11.5",
    "pip install presidio@2.2.366",
    "left-pad@1.3.0",
    # retina and other file names
    "image@2x.png",
    "logo@3x.jpg",
    "icon@1.5x.zip",
    "banner@2X.webp",
    "sprite@2x.gif",
    # git remotes and host:port
    "git@github.com:owner/repo.git",
    "git clone git@gitlab.com:group/project.git",
    "ssh deploy@example.com:22",
    "user@host.kg:/var/www",
    # broken forms
    "ivan@",
    "@mail.kg",
    "ivan@.kg",
    "ivan@mail.",
    "ivan.@",
    # prose with @ but no address
    "встреча @ 10:00",
    "цена 5 @ 100 сом",
    "Кошумча маалымат @ сайтта",
    "a @ b . com",
    "@",
    "@@",
    # not even an @
    "aigul mail.kg",
    "почта не указана",
    "ivan(at)mail.kg",
    "ivan [at] mail [dot] kg",
    "x@2x.png and y@3x.png",
    "Message-ID: <20261126104501.88213@mx1.shop.kg>",
    "In-Reply-To: <CAF1x2y3z@mail.gmail.com>",
]


@pytest.mark.parametrize("text,expected", POSITIVES)
def test_email_is_found_with_exact_span(recognizer, text, expected):
    assert_finds(recognizer, text, expected)


@pytest.mark.parametrize("text", NEGATIVES)
def test_lookalike_is_not_an_email(recognizer, text):
    assert_finds(recognizer, text, [])


@pytest.mark.parametrize(
    "value,normalized",
    [
        ("Aigul@Mail.KG", "aigul@mail.kg"),
        ("IVAN.PETROV@YANDEX.RU", "ivan.petrov@yandex.ru"),
        ("Почта@Пример.РФ", "почта@пример.рф"),
        ("aigul@mail.kg", "aigul@mail.kg"),
    ],
)
def test_email_normalizes_to_lower_case(recognizer, value, normalized):
    assert recognizer.normalize(value) == normalized


def test_intranet_address_needs_context(recognizer):
    assert found_spans(recognizer, "a.asanov@bank.local") == []
    assert_finds(recognizer, "e-mail: a.asanov@bank.local", ["a.asanov@bank.local"])


def test_intranet_address_found_with_column_hint(recognizer):
    assert_finds(recognizer, "a.asanov@bank.local", ["a.asanov@bank.local"], hints=["employee_email"])
    assert_finds(recognizer, "a.asanov@bank.local", [], hints=["asset_tag"])


def test_suffix_check_never_touches_the_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(KgEmailRecognizer, "_tld_extract", None)
    assert_finds(KgEmailRecognizer(), "aigul@mail.kg", ["aigul@mail.kg"])


def test_prefilter_matches_inside_every_positive():
    prefilter = re.compile(KgEmailRecognizer.PREFILTER_REGEX)
    for text, expected in POSITIVES:
        for item in expected:
            assert prefilter.search(item), item


def test_email_found_through_presidio_analyzer_engine():
    from scanner.nlp import BlankSpacyNlpEngine

    nlp = BlankSpacyNlpEngine(["ru"])
    nlp.load()
    registry = RecognizerRegistry(supported_languages=["ru"])
    registry.add_recognizer(KgEmailRecognizer(supported_language="ru"))
    engine = AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["ru"])
    text = "Почта aigul@mail.kg, пакет lodash@4.17.21"
    results = engine.analyze(text, language="ru")
    assert [(r.entity_type, text[r.start : r.end]) for r in results] == [("EMAIL_ADDRESS", "aigul@mail.kg")]
