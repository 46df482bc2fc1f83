"""A fixed set of findings and a scan summary for the report tests (built directly, no scan)."""

from __future__ import annotations

from scanner.errors import Problem
from scanner.findings import Finding
from scanner.scan import ScanSummary

# raw values carried on the findings: no report may show them without --show-values
RAW_VALUES = ("+996 555 12 34 67", "21203199000123", "aigul.toktogulova@mail.kg", "0555 123 456",
              "Асанов Бакыт Жумабекович", "4169 5853 1234 1234", "ID1234567")


def sample_findings() -> list[Finding]:
    """Eight findings across a log, a JSON Lines file, a database table and a CSV export."""
    phone, pin, email, phone2, person, card, passport = RAW_VALUES
    return [
        Finding(source="logs/app.log", line=3, start=10, end=27, entity_type="PHONE_NUMBER", score=0.95,
                recognizer="KgPhoneRecognizer", fingerprint="a1b2c3d4e5f6a7b8c9d0", preview="+996 *** ** ** 67",
                value=phone),
        Finding(source="logs/app.log", line=9, start=4, end=18, entity_type="KG_PIN", score=0.85,
                recognizer="KgPinRecognizer", fingerprint="ffeeddccbbaa99887766", preview="************23",
                value=pin),
        Finding(source="logs/app.log", line=12, start=5, end=30, entity_type="EMAIL_ADDRESS", score=0.9,
                recognizer="KgEmailRecognizer", fingerprint="11112222333344445555", preview="a****************@mail.kg",
                value=email),
        Finding(source="events.jsonl", line=1, field="user.contact", start=30, end=55, entity_type="EMAIL_ADDRESS",
                score=0.9, recognizer="KgEmailRecognizer", fingerprint="11112222333344445555",
                preview="a****************@mail.kg", value=email),
        Finding(source="sqlite:///shop.db", table="customers", key={"id": 3}, column="phone", start=0, end=12,
                entity_type="PHONE_NUMBER", score=0.6749996, recognizer="KgPhoneRecognizer",
                fingerprint="a1b2c3d4e5f6a7b8c9d0", preview="0*** *** *56", value=phone2),
        Finding(source="sqlite:///shop.db", table="customers", key={"id": 3}, column="full_name", start=0, end=24,
                entity_type="PERSON", score=0.7, recognizer="KgPersonRecognizer", fingerprint="99998888777766665555",
                preview="А***** Б**** Ж*********", value=person),
        Finding(source="exports/orders <2024>.csv", row=4, column="card", start=0, end=19, entity_type="CREDIT_CARD",
                score=1.0, recognizer="KgCreditCardRecognizer", fingerprint="00001111222233334444",
                preview="**** **** **** 1234", value=card),
        Finding(source="exports/orders <2024>.csv", row=7, column='=HYPERLINK("http://x")', start=0, end=9,
                entity_type="KG_PASSPORT", score=0.8, recognizer="KgPassportRecognizer",
                fingerprint="55554444333322221111", preview="ID*****67", value=passport),
    ]


def sample_summary(findings: list[Finding] | None = None) -> ScanSummary:
    """The summary a scan of those sources would leave: counts, a problem, a note, column verdicts."""
    summary = ScanSummary(
        sources=["logs/app.log", "events.jsonl", "sqlite:///shop.db", "exports/orders <2024>.csv", "logs/empty.log"],
        records=1234, bytes=5_600_000, started=0.0, seconds=1.23456,
        parameters={"sources": ["logs/", "events.jsonl", "sqlite:///shop.db", "exports/"], "fmt": "html",
                    "min_score": 0.5, "entities": ("PHONE_NUMBER", "KG_PIN"), "jobs": 4},
        columns=[{"source": "sqlite:///shop.db", "table": "customers", "column": "phone",
                  "verdict": "personal data", "entity_types": ("PHONE_NUMBER",), "rows": 10, "hits": 8},
                 {"source": "sqlite:///shop.db", "table": "customers", "column": "note", "verdict": "clean",
                  "rows": 10, "hits": 0}],
        problems=[Problem("logs/broken.gz", "could not be read: not a gzip file"),
                  Problem("logs/big.log", "a line longer than 1 MB was scanned in windows", severity="note", line=7)],
    )
    for f in findings if findings is not None else sample_findings():
        summary.counts[(f.source, f.entity_type)] += 1
    return summary
