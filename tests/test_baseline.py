"""Baselines: accepted findings stay quiet, new ones fail the gate; files hold no values."""

from __future__ import annotations

import dataclasses
import json

import pytest
from click.testing import CliRunner

from report_samples import RAW_VALUES, sample_findings
from reports.baseline import Baseline
from scanner.cli import main
from scanner.errors import KgpiiError

LOG = (
    "2026-11-20 INFO client aigul@mail.kg asked for a refund\n"
    "2026-11-20 INFO call back +996 555 12 34 56 after 18:00\n"
    "2026-11-20 INFO order 100245 total 1 450 сом\n"
)
# what a developer adds the next day: one line on top (moving the others), one new value
NEW_VALUE = {"EMAIL_ADDRESS": "bakyt.asanov@gmail.com", "PHONE_NUMBER": "+996 700 98 76 54"}


def run(args):
    return CliRunner().invoke(main, args, catch_exceptions=False)


def moved(finding, **changes):
    return dataclasses.replace(finding, **changes)


# --- the library ---------------------------------------------------------------------------------

def test_findings_in_the_baseline_are_not_new():
    findings = sample_findings()
    assert list(Baseline.create(findings).new_findings(findings)) == []


def test_a_finding_whose_line_moved_is_still_known():
    first = sample_findings()[0]
    baseline = Baseline.create([first])
    assert list(baseline.new_findings([moved(first, line=first.line + 5, start=0, end=17)])) == []


def test_a_third_copy_of_a_known_value_in_the_same_place_is_new():
    first = sample_findings()[0]
    baseline = Baseline.create([first, moved(first, line=8)])
    third = moved(first, line=20)
    assert list(baseline.new_findings([first, moved(first, line=8), third])) == [third]


@pytest.mark.parametrize("change", [
    {"source": "logs/other.log"},
    {"fingerprint": "0" * 20},
    {"entity_type": "KG_PIN"},
    {"field": "user.phone"},
])
def test_the_same_value_elsewhere_or_another_value_is_new(change):
    first = sample_findings()[0]
    other = moved(first, **change)
    assert list(Baseline.create([first]).new_findings([other])) == [other]


def test_a_new_database_row_with_a_known_value_is_new():
    row = sample_findings()[4]
    other_row = moved(row, key={"id": 4})
    assert list(Baseline.create([row]).new_findings([other_row])) == [other_row]


def test_save_and_load_keep_the_baseline(tmp_path):
    findings = sample_findings()
    path = tmp_path / ".kgpii-baseline.json"
    Baseline.create(findings).save(str(path))
    loaded = Baseline.load(str(path))
    assert len(loaded) == len(findings)
    assert list(loaded.new_findings(findings)) == []


def test_baseline_file_holds_no_values_or_previews_and_is_stable(tmp_path):
    findings = sample_findings()
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    Baseline.create(findings).save(str(one))
    Baseline.create(list(reversed(findings))).save(str(two))
    text = one.read_text(encoding="utf-8")
    assert text == two.read_text(encoding="utf-8")
    for raw in RAW_VALUES:
        assert raw not in text
    assert "preview" not in text and "*" not in text
    entry = json.loads(text)["findings"][0]
    assert set(entry) <= {"source", "table", "key", "column", "field", "entity_type", "fingerprint", "count"}


def test_a_missing_baseline_says_how_to_create_one(tmp_path):
    with pytest.raises(KgpiiError, match="does not exist; create one with: kgpii baseline create"):
        Baseline.load(str(tmp_path / "nope.json"))


@pytest.mark.parametrize("content", ["{not json", "[]", '{"format": "kgpii-baseline", "version": 1}',
                                     '{"format": "kgpii-baseline", "version": 9, "findings": []}',
                                     '{"format": "kgpii-baseline", "version": 1, "findings": [{"source": "a"}]}'])
def test_a_corrupt_baseline_is_a_clear_error(tmp_path, content):
    path = tmp_path / "b.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KgpiiError, match="baseline|kgpii baseline create"):
        Baseline.load(str(path))


# --- the command line ----------------------------------------------------------------------------

@pytest.mark.parametrize("entity", ["PHONE_NUMBER", "EMAIL_ADDRESS"])
def test_second_scan_with_one_new_value_fails_and_reports_only_it(tmp_path, entity):
    log = tmp_path / "app.log"
    log.write_text(LOG, encoding="utf-8")
    saved = tmp_path / "findings.jsonl"
    baseline = tmp_path / ".kgpii-baseline.json"
    entities = "EMAIL_ADDRESS,PHONE_NUMBER"

    first = run(["scan", str(log), "--entities", entities, "--format", "jsonl", "-o", str(saved), "--quiet"])
    assert first.exit_code == 0, first.stderr
    assert len(saved.read_text(encoding="utf-8").splitlines()) == 2
    created = run(["baseline", "create", str(saved), "-o", str(baseline)])
    assert created.exit_code == 0, created.stderr
    assert "baseline of 2 finding(s)" in created.stderr

    same = run(["scan", str(log), "--entities", entities, "--baseline", str(baseline), "--fail-on", "any",
                "--format", "jsonl"])
    assert same.exit_code == 0, same.stderr
    assert same.stdout == ""

    log.write_text("2026-11-21 INFO service restarted\n" + LOG
                   + f"2026-11-21 INFO new contact {NEW_VALUE[entity]} for order 100246\n", encoding="utf-8")
    second = run(["scan", str(log), "--entities", entities, "--baseline", str(baseline), "--fail-on", "any",
                  "--format", "jsonl"])
    assert second.exit_code == 1, second.stderr
    found = [json.loads(line) for line in second.stdout.splitlines()]
    assert len(found) == 1
    assert found[0]["entity_type"] == entity and found[0]["line"] == 5
    assert NEW_VALUE[entity] not in second.stdout
    assert "--fail-on crossed: 1 finding(s)" in second.stderr


def test_scan_with_a_missing_baseline_is_exit_2_with_a_hint(tmp_path):
    log = tmp_path / "app.log"
    log.write_text(LOG, encoding="utf-8")
    result = run(["scan", str(log), "--entities", "EMAIL_ADDRESS", "--baseline", str(tmp_path / "nope.json"),
                  "--format", "jsonl"])
    assert result.exit_code == 2
    assert "kgpii baseline create" in result.stderr and "Traceback" not in result.stderr


def test_baseline_create_from_a_findings_json_report(tmp_path):
    out = tmp_path / "out"
    log = tmp_path / "app.log"
    log.write_text(LOG, encoding="utf-8")
    assert run(["scan", str(log), "--entities", "EMAIL_ADDRESS", "--report-dir", str(out), "-q"]).exit_code == 0
    result = run(["baseline", "create", str(out / "findings.json"), "-o", str(tmp_path / "b.json"), "-q"])
    assert result.exit_code == 0 and result.stderr == ""
    assert len(Baseline.load(str(tmp_path / "b.json"))) == 1


def test_summary_counts_only_new_findings_and_says_how_many_were_accepted(tmp_path):
    log = tmp_path / "app.log"
    log.write_text("mail aigul@mail.kg\nip 212.42.101.33\n", encoding="utf-8")
    runner = CliRunner()
    saved = tmp_path / "f.jsonl"
    assert runner.invoke(main, ["scan", str(log), "-f", "jsonl", "-o", str(saved)]).exit_code == 0
    base = tmp_path / "b.json"
    assert runner.invoke(main, ["baseline", "create", str(saved), "-o", str(base)]).exit_code == 0
    result = runner.invoke(main, ["scan", str(log), "-f", "json", "--baseline", str(base), "--fail-on", "any"])
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["findings"] == [] and doc["summary"]["totals"] == {}
    assert doc["summary"]["parameters"]["baseline_accepted"] == 2
    assert "0 new finding(s)" in result.stderr and "2 accepted by the baseline" in result.stderr
