"""The HTML report in a real headless browser (Debian's chromium): totals, rows, filter, sort.

Skipped with the reason where chromium is absent, except under CI=true (then a failure).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from report_samples import sample_findings, sample_summary
from reports.html import write_html

BROWSERS = ("chromium", "chromium-browser", "google-chrome")


@pytest.fixture(scope="module")
def chromium() -> str:
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    reason = "no headless browser (apt-get install -y chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true requires it: {reason}")
    pytest.skip(reason)


def browser_args(browser: str, profile: Path) -> list[str]:
    return [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}"]


class FindingsRows(HTMLParser):
    """Collects the findings table's rows (hidden or not) and a few elements by id."""

    def __init__(self):
        super().__init__()
        self.rows: list[dict] = []
        self.ids: dict[str, str] = {}
        self.root: dict = {}
        self._in_findings = False
        self._row: dict | None = None
        self._cell: list[str] | None = None
        self._id: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.root = attrs
        if attrs.get("id"):
            self._id = attrs["id"]
            self.ids[self._id] = ""
        if tag == "table" and attrs.get("id") == "findings":
            self._in_findings = True
        elif self._in_findings and tag == "tr" and "data-type" in attrs:
            self._row = {"type": attrs["data-type"], "hidden": "hidden" in attrs, "cells": []}
        elif self._row is not None and tag == "td":
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "td" and self._row is not None and self._cell is not None:
            self._row["cells"].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None
        elif tag == "table" and self._in_findings:
            self._in_findings = False
        if tag in ("b", "div", "span", "p") and self._id:
            self._id = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._id is not None:
            self.ids[self._id] += data


def dump_dom(browser: str, page: Path, profile: Path, fragment: str = "") -> FindingsRows:
    done = subprocess.run([*browser_args(browser, profile), "--dump-dom", page.as_uri() + fragment],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    parsed = FindingsRows()
    parsed.feed(done.stdout)
    return parsed


@pytest.fixture(scope="module")
def report_page(tmp_path_factory) -> Path:
    findings = sample_findings()
    page = tmp_path_factory.mktemp("html") / "report.html"
    with open(page, "w", encoding="utf-8", newline="") as fh:
        write_html(findings, sample_summary(findings), fh)
    return page


def test_report_opens_with_totals_and_every_finding_listed(chromium, report_page, tmp_path):
    dom = dump_dom(chromium, report_page, tmp_path / "profile")
    assert dom.root.get("data-ready") == "1", "the report's script did not run"
    assert dom.ids["total-all"] == "8"
    assert dom.ids["total-PHONE_NUMBER"] == "2"
    assert dom.ids["total-EMAIL_ADDRESS"] == "2"
    assert dom.ids["total-IP_ADDRESS"] == "0"
    assert dom.ids["shown"] == "8 of 8"
    assert [r["cells"][0] for r in dom.rows] == [f.location() for f in sample_findings()]
    assert [r["cells"][3] for r in dom.rows][:2] == ["+996 *** ** ** 67", "************23"]
    assert not any(r["hidden"] for r in dom.rows)


def test_filter_by_entity_type_hides_the_other_rows(chromium, report_page, tmp_path):
    dom = dump_dom(chromium, report_page, tmp_path / "profile", "#type=EMAIL_ADDRESS")
    assert dom.ids["shown"] == "2 of 8"
    visible = [r for r in dom.rows if not r["hidden"]]
    assert [r["type"] for r in visible] == ["EMAIL_ADDRESS", "EMAIL_ADDRESS"]
    assert [r["cells"][0] for r in visible] == ["logs/app.log:12", "events.jsonl:1 user.contact"]


def test_text_filter_and_sort_by_score(chromium, report_page, tmp_path):
    dom = dump_dom(chromium, report_page, tmp_path / "profile", "#q=shop.db&sort=score&dir=desc")
    assert dom.ids["shown"] == "2 of 8"
    visible = [r for r in dom.rows if not r["hidden"]]
    assert [r["cells"][2] for r in visible] == ["0.70", "0.68"]
    assert [r["cells"][2] for r in dom.rows][0] == "1.00"


def test_screenshot_renders(chromium, report_page, tmp_path):
    shot = tmp_path / "report.png"
    done = subprocess.run([*browser_args(chromium, tmp_path / "profile"), f"--screenshot={shot}",
                           "--window-size=1280,1600", report_page.as_uri()],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
