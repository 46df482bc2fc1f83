"""Export readers on real files: CSV/TSV, Parquet, Excel, JSON arrays; the CLI on broken ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from scanner.cli import main
from scanner.engine import EngineOptions, ScanEngine
from scanner.keys import Keyed
from scanner.scan import Scan
from scanner.sources import SourceOptions
from tests.conftest import TEST_KEY

ENTITIES = ("PHONE_NUMBER", "EMAIL_ADDRESS")


def scan(path, **options) -> tuple[list[tuple], Scan]:
    engine = ScanEngine(Keyed(TEST_KEY.encode()), EngineOptions(entities=ENTITIES))
    run = Scan([str(path)], engine, SourceOptions(**options))
    found = sorted((f.row, f.column, f.start, f.end, f.entity_type) for f in run.findings())
    return found, run


CSV_TEXT = ('id;ФИО;Телефон;Комментарий\r\n'
            '1;Асанов Бакыт;+996 555 12 34 56;\r\n'
            '2;Айгүл Токтогул кызы;0700 123 456;"Звонить после 18:00\r\nили пишите aigul@mail.kg"\r\n'
            '3;Иванов Сергей;;"нет ""телефона"""\r\n')


def test_csv_with_bom_semicolons_and_multiline_cells(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(CSV_TEXT, encoding="utf-8-sig", newline="")
    found, run = scan(path)
    assert found == [
        (0, "Телефон", 0, 17, "PHONE_NUMBER"),
        (1, "Комментарий", 32, 45, "EMAIL_ADDRESS"),
        (1, "Телефон", 0, 12, "PHONE_NUMBER"),
    ]
    assert run.summary.errors == []


def test_csv_in_cp1251_is_decoded(tmp_path):
    path = tmp_path / "legacy.csv"
    path.write_bytes("имя,почта\nБакыт,bakyt@mail.kg\n".encode("cp1251"))
    found, _ = scan(path)
    assert found == [(0, "почта", 0, 13, "EMAIL_ADDRESS")]


def test_tsv_uses_tabs(tmp_path):
    path = tmp_path / "export.tsv"
    path.write_text("name\tnote\nБакыт\tзвоните 0555 123 456, a, b\n", encoding="utf-8")
    found, _ = scan(path)
    assert found == [(0, "note", 8, 20, "PHONE_NUMBER")]


def test_csv_sample_keeps_n_rows(tmp_path):
    path = tmp_path / "many.csv"
    path.write_text("email\n" + "".join(f"user{i}@mail.kg\n" for i in range(50)), encoding="utf-8")
    found, run = scan(path, sample=5)
    assert len(found) == 5 and len({f[0] for f in found}) == 5
    assert run.summary.sampled == {str(path): {"method": "reservoir sample of 5 rows", "rows": 5, "of": 50}}
    assert [c["sampled"] for c in run.summary.columns] == [True]
    assert run.summary.columns[0]["verdict"] == \
        "EMAIL_ADDRESS in 100.0 % of 5 values (5 distinct by fingerprint), sampled"


def test_parquet_int64_phone_and_strings(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    table = pa.table({
        "id": pa.array([1, 2, 3], pa.int64()),
        "phone": pa.array([996555123456, None, 996700123456], pa.int64()),
        "email": ["a.b@mail.kg", None, "нет"],
        "vip": [True, False, True],
    })
    path = tmp_path / "customers.parquet"
    pq.write_table(table, path, row_group_size=2)
    found, _ = scan(path)
    assert found == [
        (0, "email", 0, 11, "EMAIL_ADDRESS"),
        (0, "phone", 0, 12, "PHONE_NUMBER"),
        (2, "phone", 0, 12, "PHONE_NUMBER"),
    ]


def test_excel_every_sheet_with_sheet_in_column(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Клиенты"
    sheet.append(["ФИО", "тел"])
    sheet.append(["Асанов Бакыт", 996555123456])
    sheet.append(["Иванов Сергей", "0(700) 12-34-56"])
    orders = book.create_sheet("Orders")
    orders.append(["note"])
    orders.append(["write to ops@qlever.kg"])
    path = tmp_path / "book.xlsx"
    book.save(path)
    found, run = scan(path)
    assert found == [
        (0, "Orders!note", 9, 22, "EMAIL_ADDRESS"),
        (0, "Клиенты!тел", 0, 12, "PHONE_NUMBER"),
        (1, "Клиенты!тел", 0, 15, "PHONE_NUMBER"),
    ]
    assert run.summary.problems == []


def test_json_array_uses_dotted_field_paths(tmp_path):
    path = tmp_path / "dump.json"
    path.write_text(json.dumps([
        {"id": 1, "contact": {"email": "bakyt@mail.kg", "phones": ["+996 555 12 34 56", 996700123456]}},
        {"id": 2, "note": "нет данных"},
        {"id": 3, "note": "звонить 0555 123 456"},
    ], ensure_ascii=False), encoding="utf-8")
    found, _ = scan(path)
    assert found == [
        (0, "contact.email", 0, 13, "EMAIL_ADDRESS"),
        (0, "contact.phones.0", 0, 17, "PHONE_NUMBER"),
        (0, "contact.phones.1", 0, 12, "PHONE_NUMBER"),
        (2, "note", 8, 20, "PHONE_NUMBER"),
    ]


def test_large_json_array_streams_across_buffer_refills(tmp_path):
    path = tmp_path / "big.json"
    rows = [{"id": i, "email": f"user{i}@mail.kg", "pad": "x" * 5000} for i in range(100)]
    path.write_text(json.dumps(rows), encoding="utf-8")
    found, _ = scan(path)
    assert [f[0] for f in found] == list(range(100))


# --- broken exports through the command line ----------------------------------------------

@pytest.fixture
def good_csv(tmp_path):
    path = tmp_path / "good.csv"
    path.write_text("email\nbakyt@mail.kg\n", encoding="utf-8")
    return path


def run_cli(*args: str):
    result = CliRunner().invoke(main, ["scan", "-q", "--format", "jsonl", "--entities", ",".join(ENTITIES),
                                       *map(str, args)])
    errors = [line for line in result.stderr.splitlines() if line]
    return result, errors, [json.loads(line) for line in result.stdout.splitlines()]


def test_malformed_csv_row_is_reported_and_the_rest_scanned(tmp_path, good_csv):
    path = tmp_path / "broken.csv"
    path.write_text('name,email\nA,"a@mail.kg"x\nB,b@mail.kg\n', encoding="utf-8")
    result, errors, findings = run_cli(path, good_csv)
    assert result.exit_code == 2
    assert errors == [f"kgpii: error: {path}:2: malformed CSV row 0 (',' expected after '\"'); skipped"]
    assert sorted((f["source"], f["row"], f["column"]) for f in findings) == [
        (str(path), 1, "email"), (str(good_csv), 0, "email")]


def test_truncated_parquet_is_one_line(tmp_path, good_csv):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    whole = tmp_path / "whole.parquet"
    pq.write_table(pa.table({"email": ["a@mail.kg"] * 100}), whole)
    path = tmp_path / "cut.parquet"
    path.write_bytes(whole.read_bytes()[:300])
    result, errors, findings = run_cli(path, good_csv)
    assert result.exit_code == 2
    assert errors == [f"kgpii: error: {path}: not a readable Parquet file (truncated or corrupt)"]
    assert [f["source"] for f in findings] == [str(good_csv)]


def test_json_object_is_one_error_line_and_its_values_are_still_scanned(tmp_path, good_csv):
    path = tmp_path / "config.json"
    path.write_text('{"email": "a@mail.kg"}', encoding="utf-8")
    result, errors, findings = run_cli(path, good_csv)
    assert result.exit_code == 2
    assert errors == [f"kgpii: error: {path}: not a JSON array of objects (an object); its fields were "
                      "scanned as row 0"]
    # the object's values are still someone's data: scanned, located as row 0
    assert [(f["source"], f.get("row"), f.get("column")) for f in findings if f["source"] == str(path)] == [
        (str(path), 0, "email")]
    assert str(good_csv) in {f["source"] for f in findings}


def test_excel_merged_cells_are_noted_and_the_rest_scanned(tmp_path, good_csv):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Report"
    sheet.append(["Контакты", None])
    sheet.append(["ops@qlever.kg", None])
    sheet.merge_cells("A2:B2")
    path = tmp_path / "merged.xlsx"
    book.save(path)
    result = CliRunner().invoke(main, ["scan", "--format", "jsonl", "--entities", ",".join(ENTITIES),
                                       str(path), str(good_csv)])
    assert result.exit_code == 0
    assert (f"kgpii: note: {path}: sheet 'Report' has 1 merged cell range(s); a merged value is scanned "
            "once, at its top-left cell") in result.stderr.splitlines()
    assert sorted((f["source"], f["column"]) for f in map(json.loads, result.stdout.splitlines())) == [
        (str(good_csv), "email"), (str(path), "Report!Контакты")]


def test_corrupt_xlsx_is_one_line(tmp_path, good_csv):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    result, errors, findings = run_cli(path, good_csv)
    assert result.exit_code == 2
    assert errors == [f"kgpii: error: {path}: not a readable .xlsx workbook (BadZipFile)"]
    assert len(findings) == 1


def test_example_export_is_readable():
    found, run = scan(Path(__file__).parent.parent / "examples" / "exports" / "customers_export.csv")
    assert run.summary.errors == []
    columns = {c["column"]: c for c in run.summary.columns if c["entity_type"] == "PHONE_NUMBER"}
    assert columns["Телефон"]["rate"] == 1.0 and columns["Телефон"]["values"] == 40
    assert columns["Комментарий"]["matches"] == 10
