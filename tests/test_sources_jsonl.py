"""JSON Lines: field-by-field records whose spans map back to the raw line."""

from __future__ import annotations

import json

from scanner.sources.jsonl import JsonLinesSource, json_values


def records_of(tmp_path, lines: list[str]):
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = []
    return list(JsonLinesSource(str(path)).records(problems.append)), problems


def raw_slice(raw: str, rec, start: int, end: int) -> str:
    s, e = rec.raw_span(start, end)
    return raw[s:e]


def test_string_fields_get_dotted_paths_and_raw_offsets(tmp_path):
    raw = '{"user": {"name": "Асан", "phones": ["0555 12 34 56", "x"]}, "ip": "10.0.0.1"}'
    records, problems = records_of(tmp_path, [raw])
    assert problems == []
    assert [(r.field, r.text) for r in records] == [
        ("user.name", "Асан"), ("user.phones.0", "0555 12 34 56"), ("user.phones.1", "x"), ("ip", "10.0.0.1"),
    ]
    for rec in records:
        assert raw_slice(raw, rec, 0, len(rec.text)) == rec.text
        assert rec.line == 1


def test_field_name_is_passed_as_a_hint(tmp_path):
    records, _ = records_of(tmp_path, ['{"customer_phone": "555123456", "items": ["a"]}'])
    assert records[0].hints == ("customer_phone",)
    assert records[1].hints is None            # an array element has no name of its own


def test_escaped_values_map_each_character_to_its_raw_position(tmp_path):
    value = "Асанова, тел. 0770 45 67 89"
    raw = json.dumps({"note": value})          # ensure_ascii: Cyrillic as \\uXXXX escapes
    assert "\\u0410" in raw
    records, _ = records_of(tmp_path, [raw])
    rec = records[0]
    assert rec.text == value
    start = value.index("0770")
    assert raw_slice(raw, rec, start, len(value)) == "0770 45 67 89"
    first = raw_slice(raw, rec, 0, 1)
    assert json.loads(f'"{first}"') == "А"


def test_numbers_are_values_too(tmp_path):
    raw = '{"phone": 996555010203, "n": 1.5}'
    records, _ = records_of(tmp_path, [raw])
    assert [(r.field, r.text) for r in records] == [("phone", "996555010203"), ("n", "1.5")]
    assert raw_slice(raw, records[0], 0, 12) == "996555010203"


def test_malformed_line_is_scanned_as_text_and_reported(tmp_path):
    records, problems = records_of(tmp_path, ['{"a": "ok"}', '{"broken": ', "plain text line"])
    assert [(r.line, r.field, r.text) for r in records] == [
        (1, "a", "ok"), (2, None, '{"broken": '), (3, None, "plain text line"),
    ]
    assert [(p.line, p.severity) for p in problems] == [(2, "error"), (3, "error")]
    assert "not valid JSON" in problems[0].message


def test_keys_are_not_values():
    assert [(p, t) for p, t, _, _ in json_values('{"a": {"b": "c"}, "d": [1, {"e": "f"}]}')] == [
        ("a.b", "c"), ("d.0", "1"), ("d.1.e", "f"),
    ]


def test_surrogate_pair_escape_counts_as_one_character():
    raw = '{"m": "\\ud83d\\ude00 hi"}'
    (path, text, offsets, _), = list(json_values(raw))
    assert text == "😀 hi"
    assert raw[offsets[0] : offsets[0] + 12] == "\\ud83d\\ude00"
    assert raw[offsets[2]] == "h" and len(offsets) == len(text) + 1


def test_json_values_that_are_not_objects_are_json_too(tmp_path):
    records, problems = records_of(tmp_path, ['"+996 555 12 34 56"', "12", '["a.b@mail.kg"]'])
    assert problems == []
    assert [(r.line, r.field, r.text) for r in records] == [
        (1, None, "+996 555 12 34 56"), (2, None, "12"), (3, "0", "a.b@mail.kg")]


def test_a_plain_log_named_jsonl_names_five_lines_then_counts_the_rest(tmp_path):
    records, problems = records_of(tmp_path, [f"plain line {i}" for i in range(1, 13)])
    assert len(records) == 12
    assert [p.line for p in problems] == [1, 2, 3, 4, 5, None]
    assert problems[-1].message == "7 more line(s) not valid JSON; scanned as plain text"


def test_byte_order_mark_on_the_first_line_keeps_fields_and_offsets(tmp_path):
    raw = '\ufeff{"email": "a.b@mail.kg"}'
    path = tmp_path / "bom.jsonl"
    path.write_text(raw + "\n", encoding="utf-8")
    (rec,) = list(JsonLinesSource(str(path)).records(lambda p: None))
    assert rec.field == "email"
    s, e = rec.raw_span(0, len(rec.text))
    assert raw[s:e] == "a.b@mail.kg"
