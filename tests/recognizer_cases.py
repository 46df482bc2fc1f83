"""The one assert helper for recognizer tables: exact spans and entity types."""

from __future__ import annotations


def found_spans(recognizer, text: str, hints=None, min_score: float = 0.5) -> list[tuple[int, int]]:
    """Spans the recognizer reports at or above `min_score` (what a scan would report)."""
    results = recognizer.analyze(text, [recognizer.ENTITY], None, hints)
    for res in results:
        assert res.entity_type == recognizer.ENTITY
        assert 0.0 <= res.score <= 1.0
        assert res.recognition_metadata["recognizer_name"] == recognizer.name
    return sorted((r.start, r.end) for r in results if r.score >= min_score)


def assert_finds(recognizer, text: str, expected: list[str] | list[tuple[int, int]], hints=None) -> None:
    """`expected` as substrings (each must occur once in `text`) or as (start, end) spans."""
    spans = []
    for item in expected:
        if isinstance(item, str):
            assert text.count(item) == 1, f"{item!r} must occur exactly once in {text!r}"
            start = text.index(item)
            spans.append((start, start + len(item)))
        else:
            spans.append(tuple(item))
    got = found_spans(recognizer, text, hints)
    assert got == sorted(spans), (
        f"\ntext:     {text!r}\nexpected: {[text[s:e] for s, e in sorted(spans)]}\n"
        f"got:      {[text[s:e] for s, e in got]}"
    )
