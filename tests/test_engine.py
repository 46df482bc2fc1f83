"""The engine: offline start-up, fast path vs Presidio path, overlaps, fingerprints."""

from __future__ import annotations

import logging
import socket
import subprocess
import sys
import warnings

import pytest
from presidio_analyzer import RecognizerResult

from scanner.engine import EngineOptions, ScanEngine, resolve_overlaps
from scanner.keys import Keyed
from scanner.sources.base import Record

KEY = Keyed(b"engine-test-key-0123456789")

LINES = [
    "Клиент Асанов Бакыт Жумабекович, тел. +996 555 12 34 56, доставка: г. Бишкек, ул. Киевская 96, кв. 12",
    "login ok user=aigul.toktogulova@mail.kg from 212.42.101.33",
    "passport AN 1234567 verified, ПИН 21203199000123",
    "card 4111 1111 1111 1111 charged 12 500 сом, order_id=555123456",
    "version 5.5.512.3456 uptime=86400s build 20240414230712",
]


@pytest.fixture(scope="module")
def engine():
    eng = ScanEngine(KEY, EngineOptions())
    eng.warm_up()
    return eng


def types_found(engine, text):
    (results,) = engine.analyze_texts([text])
    return [(r.entity_type, text[r.start : r.end]) for r in results]


def test_engine_starts_offline_without_warnings(monkeypatch, caplog):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    caplog.set_level(logging.WARNING)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for mode in ("fast", "presidio"):
            eng = ScanEngine(KEY, EngineOptions(mode=mode))
            eng.warm_up()
            results = eng.analyze_texts(LINES)
            assert sum(len(r) for r in results) >= 8
    assert [str(w.message) for w in caught] == []
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_every_kind_on_the_sample_lines(engine):
    assert types_found(engine, LINES[1]) == [
        ("EMAIL_ADDRESS", "aigul.toktogulova@mail.kg"), ("IP_ADDRESS", "212.42.101.33")]
    assert types_found(engine, LINES[2]) == [("KG_PASSPORT", "AN 1234567"), ("KG_PIN", "21203199000123")]
    assert types_found(engine, LINES[3]) == [("CREDIT_CARD", "4111 1111 1111 1111")]
    assert types_found(engine, LINES[4]) == []


def test_fast_path_and_presidio_path_agree(engine):
    presidio = ScanEngine(KEY, EngineOptions(mode="presidio"))
    fast = [[(r.entity_type, r.start, r.end) for r in res] for res in engine.analyze_texts(LINES)]
    slow = [[(r.entity_type, r.start, r.end) for r in res] for res in presidio.analyze_texts(LINES)]
    assert fast == slow


def test_entities_option_limits_the_types(engine):
    only = ScanEngine(KEY, EngineOptions(entities=("EMAIL_ADDRESS",)))
    assert [[r.entity_type for r in res] for res in only.analyze_texts(LINES[:2])] == [[], ["EMAIL_ADDRESS"]]


def test_column_hint_lifts_a_bare_value():
    eng = ScanEngine(KEY, EngineOptions(entities=("PHONE_NUMBER",)))
    assert eng.analyze_texts(["555 12 34 56"]) == [[]]
    (hinted,) = eng.analyze_texts(["555 12 34 56"], [("customer_phone",)])
    assert [(r.entity_type, r.start, r.end) for r in hinted] == [("PHONE_NUMBER", 0, 12)]


def test_one_phone_in_any_writing_has_one_fingerprint(engine):
    writings = ["+996555123456", "0555 12 34 56", "+996 (555) 12-34-56", "996 555 123 456"]
    records = [Record(text=f"тел {w}", source="t", line=i + 1) for i, w in enumerate(writings)]
    findings = list(engine.scan(records))
    assert [f.entity_type for f in findings] == ["PHONE_NUMBER"] * 4
    assert len({f.fingerprint for f in findings}) == 1
    other = ScanEngine(Keyed(b"another-key-0123456789"), EngineOptions())
    assert next(other.scan(records[:1])).fingerprint != findings[0].fingerprint


def test_findings_carry_raw_offsets_and_masked_preview(engine):
    rec = Record(text="x aigul@mail.kg", source="s.jsonl", line=3, field="user.email", offset=20)
    (f,) = list(engine.scan([rec]))
    assert (f.start, f.end, f.line, f.field) == (22, 35, 3, "user.email")
    assert f.preview == "a****@mail.kg" and "aigul" not in f.to_json()


def result(etype, start, end, score):
    return RecognizerResult(etype, start, end, score)


def test_overlaps_keep_the_containing_span():
    card = result("CREDIT_CARD", 0, 19, 0.8)
    phone = result("PHONE_NUMBER", 5, 17, 0.9)
    other = result("EMAIL_ADDRESS", 25, 30, 0.9)
    assert resolve_overlaps([phone, other, card]) == [card, other]


def test_partial_overlap_keeps_the_longer_then_higher_score():
    a = result("PERSON", 0, 10, 0.6)
    b = result("ADDRESS", 8, 30, 0.7)
    assert resolve_overlaps([a, b]) == [b]
    c = result("PERSON", 0, 10, 0.9)
    d = result("PHONE_NUMBER", 5, 15, 0.6)
    assert resolve_overlaps([d, c]) == [c]


def test_cli_import_is_light():
    code = ("import sys, scanner.cli; heavy = [m for m in ('presidio_analyzer', 'spacy', 'pandas', 'sqlalchemy')"
            " if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_findings_pickle_with_every_field():
    import pickle

    from scanner.findings import Finding

    f = Finding(source="shop.db", start=1, end=9, entity_type="PERSON", score=0.85, recognizer="R",
                fingerprint="ab", table="customers", key={"id": 7}, row=None, column="full_name",
                line=None, field="x", preview="А***", value="Айгүл")
    back = pickle.loads(pickle.dumps(f))
    assert back == f and back.value == "Айгүл" and back.key == {"id": 7}


def test_a_letter_that_lower_cases_to_two_does_not_shift_other_lines(engine):
    # "İ".lower() is two characters: the keyword pass over the lower-cased batch must not
    # credit a hit to the wrong line (it used to, and the address line was never analysed)
    address = "доставка: г. Бишкек, ул. Киевская 96, кв. 12"
    batch = ["İ" * 200, address, "x" * 500]
    alone = types_found(engine, address)
    assert alone == [("ADDRESS", "г. Бишкек, ул. Киевская 96, кв. 12")]
    results = engine.analyze_texts(batch)
    assert [(r.entity_type, address[r.start : r.end]) for r in results[1]] == alone
    assert results[0] == [] and results[2] == []
