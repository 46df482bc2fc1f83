"""KgIpRecognizer: IPv4 and IPv6 addresses with exact spans; versions, OIDs, dates,
amounts, times, MAC addresses and non-host addresses are not."""

from __future__ import annotations

import re

import pytest
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

from recognizer_cases import assert_finds, found_spans
from recognizers.ip_recognizer import KgIpRecognizer


@pytest.fixture(scope="module")
def recognizer():
    return KgIpRecognizer()


POSITIVES = [
    # Russian, Kyrgyz, English sentences
    ("IP-адрес клиента 92.62.72.14 заблокирован", ["92.62.72.14"]),
    ("Кардардын IP дареги: 212.112.100.5", ["212.112.100.5"]),
    ("Вход с адреса 10.0.0.5 в 23:07", ["10.0.0.5"]),
    ("Сервер 192.168.1.1 жооп бербейт", ["192.168.1.1"]),
    ("Login from 8.8.8.8 was blocked.", ["8.8.8.8"]),
    ("The client 1.1.1.1 retried 3 times", ["1.1.1.1"]),
    ("localhost is 127.0.0.1", ["127.0.0.1"]),
    ("шлюз 172.16.0.1, DNS 8.8.4.4", ["172.16.0.1", "8.8.4.4"]),
    ("CGNAT 100.64.1.1 абоненттин дареги", ["100.64.1.1"]),
    ("адрес 169.254.10.20 (link-local)", ["169.254.10.20"]),
    ("255.255.255.254 эмес, 254.255.255.255 эмес, 203.0.113.7 ооба", ["203.0.113.7"]),
    # IPv6
    ("IPv6 2001:0db8:85a3:0000:0000:8a2e:0370:7334", ["2001:0db8:85a3:0000:0000:8a2e:0370:7334"]),
    ("клиент 2a02:6b8::1 подключился", ["2a02:6b8::1"]),
    ("connection from ::1 accepted", ["::1"]),
    ("link-local fe80::1%eth0 up", ["fe80::1"]),
    ("ULA fd12:3456:789a::1", ["fd12:3456:789a::1"]),
    ("mapped ::ffff:10.0.0.5 seen", ["::ffff:10.0.0.5"]),
    ("mapped ::ffff:92.62.72.14", ["::ffff:92.62.72.14"]),
    ("[2001:db8::1]:443 handshake", ["2001:db8::1"]),
    ("2001:db8:0:0:1:0:0:1 and 2001:db8::2", ["2001:db8:0:0:1:0:0:1", "2001:db8::2"]),
    ("fe80::", ["fe80::"]),
    ("2606:4700:4700::1111", ["2606:4700:4700::1111"]),
    # log lines
    ('92.62.72.14 - - [14/Apr/2024:23:07:12 +0600] "GET / HTTP/1.1" 200 512', ["92.62.72.14"]),
    ("2024-04-14 23:07:12 WARN [auth] failed login ip=10.0.0.5 user=bakyt", ["10.0.0.5"]),
    ("X-Forwarded-For: 212.42.101.3, 10.0.0.1", ["212.42.101.3", "10.0.0.1"]),
    ("sshd[123]: Accepted password for root from 95.215.8.9 port 22 ssh2", ["95.215.8.9"]),
    ("remote_addr=2001:db8::ff00:42:8329 status=403", ["2001:db8::ff00:42:8329"]),
    ("upstream 10.0.0.5:8080 timed out", ["10.0.0.5"]),
    ("GET http://192.168.0.10/admin", ["192.168.0.10"]),
    ("POST /api/clients/92.62.72.14/ban 204", ["92.62.72.14"]),
    ("route 192.168.1.10/24 added", ["192.168.1.10"]),
    ("Apr 14 23:07:12 fw kernel: SRC=31.186.50.7 DST=10.0.0.2", ["31.186.50.7", "10.0.0.2"]),
    # JSON
    ('{"ip": "92.62.72.14", "ua": "Mozilla/5.0"}', ["92.62.72.14"]),
    ('{"client":{"addr":"2a02:6b8::1"}}', ["2a02:6b8::1"]),
    ('{"ips":["10.0.0.1","10.0.0.2"]}', ["10.0.0.1", "10.0.0.2"]),
    # CSV cells
    ("92.62.72.14", ["92.62.72.14"]),
    ("Асанов;92.62.72.14;Бишкек", ["92.62.72.14"]),
    ("10.1.1.1,10.1.1.2", ["10.1.1.1", "10.1.1.2"]),
    ('"::1","localhost"', ["::1"]),
    ("\t172.31.255.255\t", ["172.31.255.255"]),
    # punctuation around
    ("IP: 8.8.8.8.", ["8.8.8.8"]),
    ("(10.0.0.5)", ["10.0.0.5"]),
    ("адрес=<1.2.3.4>", ["1.2.3.4"]),
    # held-out structured set: Apache 2.4 `[client IPv6:port]`, strongSwan `a[id]...b[id]`
    ("[client 2001:67c:1a8c:100::17:40112] AH01964: Connection", ["2001:67c:1a8c:100::17"]),
    ("[client 2a02:6b8::1:8080] PHP Warning", ["2a02:6b8::1"]),
    ("established between 185.48.234.10[vpn.kg]...5.59.143.201[user]", ["185.48.234.10", "5.59.143.201"]),
]

NEGATIVES = [
    # version strings
    "v1.2.3.4",
    "version 1.2.3.4",
    "Version: 10.0.19041.1",
    "ver. 2.0.1.5",
    "Версия 1.2.3.4",
    "Программанын версиясы 4.1.2.3",
    "build 1.2.3.4",
    "Mozilla/5.0 Chrome/120.0.0.0 Safari/537.36",
    "Edg/120.0.0.0",
    '"ua":"OPR/106.0.0.0"',
    # OIDs and longer dotted runs
    "1.3.6.1.4.1",
    "OID 1.2.840.113549.1.1.11",
    "1.2.3.4.5",
    "10.0.0.5.6.7",
    "4.1.2.3.in-addr.arpa",
    # dates and amounts
    "12.05.2024",
    "12.05.24",
    "2024.04.14",
    "1.100.200.250 сом",
    "3.500.000.000 KGS",
    "1.250.000.000",
    # leading zeros and out of range
    "10.0.0.01",
    "192.168.001.1",
    "256.1.1.1",
    "1.2.3",
    # times and MAC addresses
    "12:30:45",
    "2024-04-14 12:30:45.123",
    "23:59:59:999",
    "00:1A:2B:3C:4D:5E",
    "00-1A-2B-3C-4D-5E",
    "001a.2b3c.4d5e",
    # no host
    "::",
    "0.0.0.0",
    "255.255.255.0",
    "255.255.255.255",
    "224.0.0.251",
    "ff02::1",
    "0.1.2.3",
    # hex words and code
    "dead:beef",
    "dead::beef",
    "std::vector<int>",
    "Foo::Bar::baz",
    # glued
    "host10.0.0.5",
    "build 1.2.3...4.5.6.7.8 skipped",
]


@pytest.mark.parametrize("text,expected", POSITIVES)
def test_ip_is_found_with_exact_span(recognizer, text, expected):
    assert_finds(recognizer, text, expected)


@pytest.mark.parametrize("text", NEGATIVES)
def test_lookalike_is_not_an_ip(recognizer, text):
    assert_finds(recognizer, text, [])


@pytest.mark.parametrize(
    "value,normalized",
    [
        ("92.62.72.14", "92.62.72.14"),
        ("2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
        ("::ffff:10.0.0.5", "10.0.0.5"),
        ("::FFFF:0a00:0005", "10.0.0.5"),
        ("::1", "::1"),
    ],
)
def test_ip_normalizes_to_compressed_form(recognizer, value, normalized):
    assert recognizer.normalize(value) == normalized


def test_private_scores_lower_than_public(recognizer):
    [public] = recognizer.analyze("x 92.62.72.14 y", ["IP_ADDRESS"])
    [private] = recognizer.analyze("x 10.0.0.5 y", ["IP_ADDRESS"])
    assert private.score < public.score
    assert private.score >= 0.5


def test_hex_word_ipv6_needs_context(recognizer):
    assert found_spans(recognizer, "dead::beef") == []
    assert_finds(recognizer, "ip dead::beef", ["dead::beef"])
    assert_finds(recognizer, "fade::cab", [])


def test_hex_word_ipv6_found_with_column_hint(recognizer):
    assert_finds(recognizer, "fade::cab", ["fade::cab"], hints=["client_ip"])
    assert_finds(recognizer, "fade::cab", [], hints=["paint_color"])


def test_prefilter_matches_inside_every_positive():
    prefilter = re.compile(KgIpRecognizer.PREFILTER_REGEX)
    for text, expected in POSITIVES:
        for item in expected:
            assert prefilter.search(item), item


def test_prefilter_skips_plain_timestamps():
    prefilter = re.compile(KgIpRecognizer.PREFILTER_REGEX)
    assert prefilter.search("2024-04-14 23:07:12 INFO [svc] order 12.5 сом") is None


def test_ip_found_through_presidio_analyzer_engine():
    from scanner.nlp import BlankSpacyNlpEngine

    nlp = BlankSpacyNlpEngine(["ru"])
    nlp.load()
    registry = RecognizerRegistry(supported_languages=["ru"])
    registry.add_recognizer(KgIpRecognizer(supported_language="ru"))
    engine = AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["ru"])
    text = "IP 10.0.0.5, версия 1.2.3.4, время 12:30:45"
    results = engine.analyze(text, language="ru")
    assert [(r.entity_type, text[r.start : r.end]) for r in results] == [("IP_ADDRESS", "10.0.0.5")]
