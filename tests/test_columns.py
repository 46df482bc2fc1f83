"""Per-column counts merged from the parts of a parallel scan equal one scan's counts."""

from __future__ import annotations

import hashlib

import pytest

from scanner.columns import ColumnStats, DistinctCounter
from scanner.findings import Finding
from scanner.sources.base import Record


def fingerprints(n: int, salt: str) -> list[str]:
    return [hashlib.sha256(f"{salt}{i}".encode()).hexdigest()[:32] for i in range(n)]


@pytest.mark.parametrize("sizes", [(10, 20), (80, 90), (300, 50), (700, 900)])
def test_merged_distinct_counters_equal_one_counter(monkeypatch, sizes):
    monkeypatch.setattr(DistinctCounter, "CAP", 100)      # past CAP: the sampled estimate
    shared = fingerprints(40, "both")                     # values both parts saw
    parts = [fingerprints(n, f"part{k}") + shared for k, n in enumerate(sizes)]
    one = DistinctCounter()
    for part in parts:
        for fp in part:
            one.add(fp)
    merged = DistinctCounter()
    for part in parts:
        counter = DistinctCounter()
        for fp in part:
            counter.add(fp)
        merged.merge(counter)
    assert (merged.level, merged.values) == (one.level, one.values)
    assert len(merged) == len(one)
    assert merged.exact == (sum(sizes) + 40 <= 100)


def test_merged_column_stats_give_the_verdicts_of_one_scan():
    def feed(stats, rows):
        for row in rows:
            rec = Record(text=f"+996 555 {row:06d}", source="shop.db", table="customers", key={"id": row},
                         column="phone")
            stats.value(rec)
            if row % 3:
                stats.finding(Finding(source="shop.db", table="customers", key={"id": row}, column="phone",
                                      start=0, end=16, entity_type="PHONE_NUMBER", score=1.0, recognizer="R",
                                      fingerprint=hashlib.sha256(str(row % 50).encode()).hexdigest()[:32]))
        stats.column_seen("shop.db", "customers", "passport_no")

    one = ColumnStats()
    feed(one, range(300))
    merged = ColumnStats()
    for lo in range(0, 300, 100):        # three key ranges, three workers
        part = ColumnStats()
        feed(part, range(lo, lo + 100))
        merged.merge(part)
    assert merged.verdicts({}) == one.verdicts({})
    phone = [v for v in one.verdicts({}) if v["column"] == "phone"][0]
    assert (phone["values"], phone["matches"], phone["distinct"]) == (300, 200, 50)
