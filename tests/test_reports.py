"""Report writers (SARIF, CSV, HTML) and `kgpii report`: formats, privacy, same bytes as the scan."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml
from click.testing import CliRunner

from report_samples import RAW_VALUES, sample_findings, sample_summary
from reports import render
from reports.csv_report import write_csv
from reports.html import write_html
from reports.sarif import FINGERPRINT_NAME, write_sarif
from scanner.cli import main
from scanner.findings import CONTRACT_FIELDS, ENTITY_TYPES

ROOT = Path(__file__).resolve().parent.parent
SARIF_SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"
LOG = (
    "2026-11-20 INFO user login ok\n"
    "2026-11-20 INFO order 100245 paid by aigul@mail.kg\n"
    "2026-11-20 INFO nothing here, total 1 450 сом\n"
    "2026-11-20 INFO reply to bakyt.asanov@gmail.com\n"
)


def rendered(fmt: str, findings=None, summary=None, show_values: bool = False) -> str:
    out = io.StringIO()
    findings = sample_findings() if findings is None else findings
    render(fmt, findings, summary if summary is not None else sample_summary(findings), out, show_values)
    return out.getvalue()


def run(args):
    return CliRunner().invoke(main, args, catch_exceptions=False)


@pytest.fixture
def log_dir(tmp_path):
    folder = tmp_path / "logs"
    folder.mkdir()
    (folder / "app.log").write_text(LOG, encoding="utf-8")
    return folder


# --- SARIF ---------------------------------------------------------------------------------------

def test_sarif_validates_against_the_2_1_0_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    doc = json.loads(rendered("sarif"))
    jsonschema.validators.validator_for(schema)(schema).validate(doc)
    assert doc["version"] == "2.1.0"
    assert len(doc["runs"][0]["results"]) == 8


def test_sarif_has_one_rule_per_entity_type_and_levels_by_type():
    run_ = json.loads(rendered("sarif"))["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert run_["tool"]["driver"]["name"] == "kgpii"
    assert [r["id"] for r in rules] == list(ENTITY_TYPES)
    levels = {r["ruleId"]: r["level"] for r in run_["results"]}
    assert levels == {"PHONE_NUMBER": "warning", "KG_PIN": "error", "EMAIL_ADDRESS": "warning",
                      "PERSON": "warning", "CREDIT_CARD": "error", "KG_PASSPORT": "error"}
    for result in run_["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_text_finding_has_a_one_based_region():
    result = json.loads(rendered("sarif"))["runs"][0]["results"][0]
    physical = result["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "logs/app.log", "uriBaseId": "%SRCROOT%"}
    assert physical["region"] == {"startLine": 3, "startColumn": 11, "endColumn": 28}


def test_sarif_database_and_export_findings_have_logical_locations():
    results = json.loads(rendered("sarif"))["runs"][0]["results"]
    db = results[4]["locations"][0]
    assert db["logicalLocations"][0]["fullyQualifiedName"] == "customers.phone[id=3]"
    assert db["physicalLocation"]["artifactLocation"]["uri"] == "sqlite:///shop.db"
    assert "region" not in db["physicalLocation"]
    export = results[6]["locations"][0]
    assert export["logicalLocations"][0]["fullyQualifiedName"] == "card[row=4]"
    assert export["physicalLocation"]["artifactLocation"]["uri"] == "exports/orders%20%3C2024%3E.csv"
    jsonl_field = results[3]["locations"][0]
    assert jsonl_field["logicalLocations"][0]["fullyQualifiedName"] == "user.contact"


def test_sarif_fingerprint_survives_a_moved_line_and_tells_copies_apart():
    first = sample_findings()[0]
    moved = first.__class__(**{**first.to_dict(), "line": 40, "start": 0, "end": 17})
    fp = lambda findings: [r["partialFingerprints"][FINGERPRINT_NAME]  # noqa: E731
                           for r in json.loads(rendered("sarif", findings))["runs"][0]["results"]]
    assert fp([first]) == fp([moved])
    twice = fp([first, moved])
    assert twice[0] != twice[1] and twice[0].split(":")[0] == twice[1].split(":")[0]


def test_sarif_lists_unreadable_sources_as_notifications():
    invocation = json.loads(rendered("sarif"))["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    texts = [n["message"]["text"] for n in invocation["toolExecutionNotifications"]]
    assert texts[0] == "logs/broken.gz: could not be read: not a gzip file"


def test_sarif_message_shows_the_masked_preview():
    message = json.loads(rendered("sarif"))["runs"][0]["results"][0]["message"]["text"]
    assert message == "Phone number +996 *** ** ** 67 found by KgPhoneRecognizer (score 0.95)."


# --- privacy and determinism, every format -------------------------------------------------------

@pytest.mark.parametrize("fmt", ["sarif", "csv", "html", "json", "jsonl", "table"])
def test_no_raw_value_in_any_report_without_show_values(fmt):
    text = rendered(fmt)
    for raw in RAW_VALUES:
        assert raw not in text, (fmt, raw)


@pytest.mark.parametrize("fmt", ["sarif", "csv", "html"])
def test_raw_values_appear_only_with_show_values(fmt):
    text = rendered(fmt, show_values=True)
    assert "aigul.toktogulova@mail.kg" in text


@pytest.mark.parametrize("fmt", ["sarif", "csv", "html", "json", "table"])
def test_same_input_gives_the_same_bytes(fmt):
    assert rendered(fmt) == rendered(fmt)


@pytest.mark.parametrize("show_values", [False, True])
def test_jsonl_line_is_json_dumps_of_the_contract_object_byte_for_byte(show_values):
    import datetime

    from scanner.findings import Finding

    odd = [
        Finding(source='a "b"\\\n\x01é\u2028', start=1, end=2, entity_type="PERSON", score=0.123456789,
                recognizer="r", fingerprint="f", table="t", key={"id": 1, "d": datetime.date(2020, 1, 1)},
                row=3, column="c", field="x\ty", preview="p\x00", value="v\ud800"),
        Finding(source="s", start=0, end=1, entity_type="X", score=float("nan"), recognizer="r", fingerprint="f"),
        Finding(source="s", start=0, end=1, entity_type="X", score=1, recognizer="r", fingerprint="f", line=True),
        Finding(source="s", start=0, end=1, entity_type="X", score=1e-7, recognizer="r", fingerprint="f"),
    ]
    for f in sample_findings() + odd:
        assert f.to_json(show_values) == json.dumps(f.to_dict(show_values), ensure_ascii=False, default=str)


# --- CSV -----------------------------------------------------------------------------------------

def test_csv_round_trips_through_pandas_with_the_contract_columns(tmp_path):
    path = tmp_path / "findings.csv"
    findings = sample_findings()
    with open(path, "w", encoding="utf-8", newline="") as fh:
        write_csv(findings, None, fh)
    typed = pd.read_csv(path)
    assert list(typed.columns) == list(CONTRACT_FIELDS)
    assert typed["start"].dtype.kind == "i" and typed["score"].dtype.kind == "f"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    ints = {"row", "line", "start", "end"}
    back = []
    for record in frame.to_dict("records"):
        obj = {}
        for name in CONTRACT_FIELDS:
            cell = record[name]
            if cell == "":
                continue
            obj[name] = (int(cell) if name in ints else float(cell) if name == "score"
                         else json.loads(cell) if name == "key" else cell)
        back.append(obj)
    expected = [f.to_dict() for f in findings]
    expected[7]["column"] = "'" + expected[7]["column"]      # the formula guard, nothing else changes
    assert back == expected


def test_csv_guards_formula_cells_but_keeps_phone_previews():
    text = rendered("csv")
    assert ',"\'=HYPERLINK(' in text
    assert ",+996 *** ** ** 67" in text


# --- HTML ----------------------------------------------------------------------------------------

def test_html_has_totals_heat_map_chart_findings_parameters_and_problems():
    page = rendered("html")
    assert '<div class="n" id="total-all">8</div>' in page
    assert '<div class="n" id="total-EMAIL_ADDRESS">2</div>' in page
    assert '<div class="n" id="total-ADDRESS">0</div>' in page
    assert '<svg id="bar-chart"' in page
    assert '<table class="heat">' in page and "sqlite:///shop.db · customers" in page
    assert page.count('<tr data-type="') == 8
    assert "+996 *** ** ** 67" in page
    assert "logs/broken.gz" in page and "could not be read: not a gzip file" in page
    assert "<dt>min_score</dt><dd class=\"mono\">0.5</dd>" in page
    assert "<td>personal data</td>" in page
    assert "1.235 s" in page


def test_html_escapes_names_from_the_data():
    page = rendered("html")
    assert "orders &lt;2024&gt;.csv" in page and "orders <2024>" not in page
    assert "=HYPERLINK(&quot;http://x&quot;)" in page


def test_html_loads_nothing_from_the_network():
    page = rendered("html")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    script = re.search(r"<script>(.*)</script>", page, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in page
    assert "default-src 'none'" in page


def test_html_table_is_capped_but_counts_cover_everything(monkeypatch):
    import reports.html

    monkeypatch.setattr(reports.html, "MAX_ROWS", 3)
    page = rendered("html")
    assert page.count('<tr data-type="') == 3
    assert "first 3 of 8 findings" in page
    assert '<div class="n" id="total-all">8</div>' in page


def test_html_without_a_summary_says_parameters_were_not_recorded():
    out = io.StringIO()
    write_html(sample_findings(), None, out)
    assert "Not recorded" in out.getvalue()
    assert '<div class="n" id="total-all">8</div>' in out.getvalue()


def test_sarif_without_a_summary_has_no_invocation():
    out = io.StringIO()
    write_sarif(sample_findings(), None, out)
    assert "invocations" not in json.loads(out.getvalue())["runs"][0]


# --- kgpii report ---------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt,name", [("html", "report.html"), ("sarif", "findings.sarif"), ("csv", "findings.csv"),
                                      ("json", "findings.json"), ("table", "summary.txt"),
                                      ("jsonl", "findings.jsonl")])
def test_report_on_saved_findings_gives_the_bytes_written_during_the_scan(log_dir, tmp_path, fmt, name):
    out = tmp_path / "out"
    scan = run(["scan", str(log_dir), "--entities", "EMAIL_ADDRESS", "--report-dir", str(out), "--quiet"])
    assert scan.exit_code == 0, scan.stderr
    assert (out / "findings.jsonl").read_text(encoding="utf-8").count("\n") == 2
    again = tmp_path / f"again.{fmt}"
    result = run(["report", str(out / "findings.jsonl"), "--summary", str(out / "findings.json"),
                  "--format", fmt, "-o", str(again)])
    assert result.exit_code == 0, result.stderr
    assert again.read_bytes() == (out / name).read_bytes()
    from_json = run(["report", str(out / "findings.json"), "--format", fmt])
    assert from_json.stdout.encode("utf-8") == (out / name).read_bytes()


def test_report_without_a_summary_renders_from_findings_alone(log_dir, tmp_path):
    saved = tmp_path / "findings.jsonl"
    scan = run(["scan", str(log_dir), "--entities", "EMAIL_ADDRESS", "--format", "jsonl", "-o", str(saved)])
    assert scan.exit_code == 0, scan.stderr
    result = run(["report", str(saved), "-o", str(tmp_path / "report.html")])
    assert result.exit_code == 0, result.stderr
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert '<div class="n" id="total-EMAIL_ADDRESS">2</div>' in page
    assert "aigul@mail.kg" not in page and "a****@mail.kg" in page
    sarif = run(["report", str(saved), "--format", "sarif"])
    assert len(json.loads(sarif.stdout)["runs"][0]["results"]) == 2


def test_report_on_a_missing_file_is_one_clear_line_and_exit_2(tmp_path):
    result = run(["report", str(tmp_path / "nope.jsonl"), "--format", "html"])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"kgpii: error: {tmp_path / 'nope.jsonl'} does not exist"
    assert result.stdout == ""


def test_report_on_a_file_that_is_not_findings_is_exit_2(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("this is not json\n", encoding="utf-8")
    result = run(["report", str(bad), "--format", "csv"])
    assert result.exit_code == 2
    assert "not a findings line" in result.stderr and "Traceback" not in result.stderr


def test_report_format_follows_the_output_suffix(tmp_path):
    saved = tmp_path / "findings.jsonl"
    saved.write_text("".join(f.to_json() + "\n" for f in sample_findings()), encoding="utf-8")
    assert run(["report", str(saved), "-o", str(tmp_path / "x.sarif")]).exit_code == 0
    assert json.loads((tmp_path / "x.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"


@pytest.mark.parametrize("command", [["report"], ["baseline"], ["baseline", "create"]])
def test_every_reporting_command_has_an_example_in_its_help(command):
    result = run([*command, "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.stdout and "kgpii " in result.stdout.split("Examples:")[1]


# --- CI integrations ------------------------------------------------------------------------------

def test_pre_commit_hook_definition_is_valid():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = {h["id"]: h for h in hooks}["kgpii"]
    assert hook["entry"] == "kgpii scan --fail-on any --quiet"
    assert hook["language"] == "python" and hook["types"] == ["text"]


def test_pre_commit_hook_entry_fails_on_a_file_with_personal_data_and_passes_a_clean_one(tmp_path):
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    entry = {h["id"]: h for h in hooks}["kgpii"]["entry"].split()
    assert entry[0] == "kgpii"
    dirty = tmp_path / "notes.txt"
    dirty.write_text("write to aigul@mail.kg\n", encoding="utf-8")
    clean = tmp_path / "README.txt"
    clean.write_text("nothing personal here\n", encoding="utf-8")
    failed = run([*entry[1:], "--entities", "EMAIL_ADDRESS", str(clean), str(dirty)])
    assert failed.exit_code == 1
    assert failed.stderr == ""
    assert [json.loads(line)["source"] for line in failed.stdout.splitlines()] == [str(dirty)]
    passed = run([*entry[1:], "--entities", "EMAIL_ADDRESS", str(clean)])
    assert passed.exit_code == 0 and passed.stdout == ""


def test_ci_examples_parse_and_upload_sarif():
    github = yaml.safe_load((ROOT / "docs" / "ci" / "github-actions.yml").read_text(encoding="utf-8"))
    steps = [s for job in github["jobs"].values() for s in job["steps"]]
    uploads = [s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif")]
    assert uploads and uploads[0]["with"]["sarif_file"] == "kgpii-report/findings.sarif"
    scans = [s["run"] for s in steps if "kgpii scan" in s.get("run", "")]
    assert scans and "--report-dir kgpii-report" in scans[0] and "--fail-on any" in scans[0]
    gitlab = yaml.safe_load((ROOT / "docs" / "ci" / "gitlab-ci.yml").read_text(encoding="utf-8"))
    jobs = [v for k, v in gitlab.items() if isinstance(v, dict) and "script" in v]
    assert any("kgpii scan" in line for job in jobs for line in job["script"])


def _ci_scan_commands() -> list[list[str]]:
    import shlex

    github = yaml.safe_load((ROOT / "docs" / "ci" / "github-actions.yml").read_text(encoding="utf-8"))
    gitlab = yaml.safe_load((ROOT / "docs" / "ci" / "gitlab-ci.yml").read_text(encoding="utf-8"))
    lines = [s["run"] for job in github["jobs"].values() for s in job["steps"] if "kgpii scan" in s.get("run", "")]
    lines += [line for job in gitlab.values() if isinstance(job, dict) for line in job.get("script", [])
              if "kgpii scan" in line]
    return [shlex.split(line) for line in lines]


@pytest.mark.parametrize("which", [0, 1], ids=["github", "gitlab"])
def test_ci_example_scan_command_runs_and_passes_on_baselined_data(tmp_path, monkeypatch, which):
    command = _ci_scan_commands()[which]
    assert command[:2] == ["kgpii", "scan"]
    monkeypatch.chdir(tmp_path)
    sample = tmp_path / "logs" / "sample"
    sample.mkdir(parents=True)
    (sample / "app.log").write_text(LOG, encoding="utf-8")
    assert run(["scan", "logs/sample/", "--format", "jsonl", "-o", "accepted.jsonl", "-q"]).exit_code == 0
    assert run(["baseline", "create", "accepted.jsonl", "-o", ".kgpii-baseline.json", "-q"]).exit_code == 0
    result = run(command[1:])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "kgpii-report" / "findings.sarif").exists()
    assert (tmp_path / "kgpii-report" / "report.html").exists()
    (sample / "app.log").write_text(LOG + "2026-11-21 INFO mail to new.person@mail.kg\n", encoding="utf-8")
    assert run(command[1:]).exit_code == 1
