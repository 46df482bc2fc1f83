"""A checker for the findings contract (v1), used by the CLI and source tests."""

from __future__ import annotations

ENTITY_TYPES = {
    "PHONE_NUMBER", "PERSON", "ADDRESS", "KG_PIN", "KG_PASSPORT",
    "EMAIL_ADDRESS", "IP_ADDRESS", "CREDIT_CARD",
}
ALLOWED = {
    "source": str, "table": str, "key": dict, "row": int, "column": str, "line": int, "field": str,
    "start": int, "end": int, "entity_type": str, "score": (int, float), "recognizer": str,
    "fingerprint": str, "preview": str,
}
ALWAYS = ("source", "start", "end", "entity_type", "score", "recognizer", "fingerprint")


def check_finding(obj: dict, show_values: bool = False) -> None:
    """Raise AssertionError when `obj` breaks the contract."""
    extra = set(obj) - set(ALLOWED) - ({"value"} if show_values else set())
    assert not extra, f"fields outside the contract: {extra}"
    for name in ALWAYS:
        assert name in obj, f"missing {name}: {obj}"
    for name, value in obj.items():
        if name == "value":
            continue
        typ = ALLOWED[name]
        assert isinstance(value, typ) and not isinstance(value, bool), f"{name}={value!r} is not {typ}"
    assert obj["entity_type"] in ENTITY_TYPES
    assert 0 <= obj["score"] <= 1
    assert 0 <= obj["start"] < obj["end"]
    fp = obj["fingerprint"]
    assert len(fp) >= 16 and all(c in "0123456789abcdef" for c in fp)
    if "table" in obj:
        assert "key" in obj and "column" in obj and obj["key"], obj
    if "row" in obj:
        assert obj["row"] >= 0 and "column" in obj
    if "line" in obj:
        assert obj["line"] >= 1
    if "table" not in obj and "row" not in obj:
        assert "line" in obj, f"a text finding needs a line: {obj}"
