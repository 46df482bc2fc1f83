"""Text, log and .gz sources: lines, offsets, encodings, windows, bad input."""

from __future__ import annotations

import gzip

import pytest

from scanner.errors import SourceError
from scanner.sources import SourceOptions, open_sources
from scanner.sources.text import WINDOW_BYTES, TextSource


def read_records(path: str):
    problems = []
    records = list(TextSource(path).records(problems.append))
    return records, problems


def test_lines_are_numbered_from_one_and_blank_lines_skipped(tmp_path):
    path = tmp_path / "a.log"
    path.write_text("first\n\nthird line\n", encoding="utf-8")
    records, problems = read_records(str(path))
    assert [(r.line, r.text, r.offset) for r in records] == [(1, "first", 0), (3, "third line", 0)]
    assert problems == []


def test_cp1251_file_is_decoded(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes("Клиент Асанов, тел 0555 12 34 56\n".encode("cp1251"))
    records, _ = read_records(str(path))
    assert records[0].text == "Клиент Асанов, тел 0555 12 34 56"


def test_undecodable_bytes_never_stop_a_scan(tmp_path):
    path = tmp_path / "mixed.log"
    path.write_bytes(b"ok \xd0\x90\n\x98\x98 broken \xff\n" + "последняя\n".encode())
    records, _ = read_records(str(path))
    assert len(records) == 3
    assert records[2].text == "последняя"


def test_crlf_line_endings_are_stripped(tmp_path):
    path = tmp_path / "win.txt"
    path.write_bytes(b"one\r\ntwo\r\n")
    records, _ = read_records(str(path))
    assert [r.text for r in records] == ["one", "two"]


def test_gzip_file_is_read_transparently(tmp_path):
    path = tmp_path / "a.log.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("a\nb aigul@mail.kg\n")
    records, _ = read_records(str(path))
    assert [(r.line, r.text) for r in records] == [(1, "a"), (2, "b aigul@mail.kg")]


def test_corrupt_gzip_raises_a_source_error(tmp_path):
    path = tmp_path / "bad.log.gz"
    good = gzip.compress(b"line one\n" * 1000)
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(SourceError) as info:
        read_records(str(path))
    assert "truncated" in str(info.value) or "corrupt" in str(info.value)


def test_not_gzip_at_all_raises_a_source_error(tmp_path):
    path = tmp_path / "fake.gz"
    path.write_bytes(b"this is not gzip data\n")
    with pytest.raises(SourceError):
        read_records(str(path))


def test_binary_file_is_skipped_with_a_note(tmp_path):
    path = tmp_path / "blob.bin"
    path.write_bytes(b"\x00\x01\x02PNG" * 100)
    records, problems = read_records(str(path))
    assert records == []
    assert [p.severity for p in problems] == ["note"] and "binary" in problems[0].message


def test_empty_file_gives_a_note(tmp_path):
    path = tmp_path / "empty.log"
    path.write_bytes(b"")
    records, problems = read_records(str(path))
    assert records == [] and problems[0].severity == "note"


def test_missing_file_raises_a_source_error(tmp_path):
    with pytest.raises(SourceError, match="no such file"):
        read_records(str(tmp_path / "nope.log"))


def test_over_long_line_comes_in_windows_with_exact_offsets(tmp_path):
    filler = "слово " * (WINDOW_BYTES // 6)          # ~2 MiB of UTF-8, one line
    text = filler + "MARK-A " + filler + "MARK-B\n"
    path = tmp_path / "long.log"
    path.write_text("short\n" + text + "after\n", encoding="utf-8")
    records, problems = read_records(str(path))
    long_parts = [r for r in records if r.line == 2]
    assert len(long_parts) >= 3
    rebuilt = "".join(r.text[: r.limit] for r in long_parts)   # each window's own part
    assert all(r.limit is not None for r in long_parts[:-1]) and long_parts[-1].limit is None
    assert rebuilt == text.rstrip("\n")
    for r in long_parts:                          # offsets are character positions in the raw line
        assert text[r.offset : r.offset + len(r.text)] == r.text
    assert records[-1].line == 3 and records[-1].text == "after"
    assert any(p.severity == "note" and p.line == 2 for p in problems)


def test_folder_scan_joins_argument_and_relative_path_and_filters(tmp_path):
    (tmp_path / "logs" / "sub").mkdir(parents=True)
    (tmp_path / "logs" / "a.log").write_text("x\n")
    (tmp_path / "logs" / "sub" / "b.log").write_text("y\n")
    (tmp_path / "logs" / "sub" / "c.tmp").write_text("z\n")
    (tmp_path / "logs" / ".git").mkdir()
    (tmp_path / "logs" / ".git" / "config").write_text("x\n")
    root = str(tmp_path / "logs") + "/"
    names = [s.name for s in open_sources(root, SourceOptions(), lambda p: None)]
    assert names == [root + "a.log", root + "sub/b.log", root + "sub/c.tmp"]
    names = [s.name for s in open_sources(root, SourceOptions(exclude=("*.tmp",)), lambda p: None)]
    assert names == [root + "a.log", root + "sub/b.log"]
    names = [s.name for s in open_sources(root, SourceOptions(include=("sub/*",)), lambda p: None)]
    assert names == [root + "sub/b.log", root + "sub/c.tmp"]


def test_unknown_url_scheme_is_a_source_error():
    with pytest.raises(SourceError, match="unsupported URL scheme"):
        list(open_sources("ftp://user:secret@host/x", SourceOptions(), lambda p: None))


def test_utf16_export_with_bom_is_decoded_not_skipped(tmp_path):
    path = tmp_path / "export.txt"
    path.write_bytes("Клиент: aigul@mail.kg\nвторая строка\n".encode("utf-16"))
    records, problems = read_records(str(path))
    assert [(r.line, r.text) for r in records] == [(1, "Клиент: aigul@mail.kg"), (2, "вторая строка")]
    assert problems == []


def test_gzip_without_the_suffix_is_recognised_by_its_magic(tmp_path):
    path = tmp_path / "app.log.1"
    path.write_bytes(gzip.compress("rotated aigul@mail.kg\n".encode()))
    records, _ = read_records(str(path))
    assert [r.text for r in records] == ["rotated aigul@mail.kg"]
