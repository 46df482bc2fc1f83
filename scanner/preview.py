"""Masked previews: enough to recognise a finding, never the value."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+", re.UNICODE)


def _mask_word(word: str) -> str:
    if word.isdigit():
        return "*" * len(word)
    return word[0] + "*" * (len(word) - 1) if len(word) > 1 else "*"


def mask_preview(value: str, entity_type: str) -> str:
    """A masked form of `value` that is safe to show.

    >>> mask_preview("+996 555 12 34 67", "PHONE_NUMBER")
    '+996 *** ** ** 67'
    >>> mask_preview("aigul@mail.kg", "EMAIL_ADDRESS")
    'a****@mail.kg'
    """
    if entity_type in ("PHONE_NUMBER", "CREDIT_CARD", "KG_PIN", "KG_PASSPORT"):
        digits_total = sum(ch.isdigit() for ch in value)
        keep_tail = 2 if entity_type != "CREDIT_CARD" else 4
        keep_head = 4 if entity_type == "PHONE_NUMBER" and value.lstrip().startswith(("+996", "996")) else 0
        seen = 0
        out = []
        for ch in value:
            if ch.isdigit():
                seen += 1
                if (value.lstrip().startswith("+") or keep_head) and seen <= (3 if keep_head else 0):
                    out.append(ch)
                elif seen > digits_total - keep_tail:
                    out.append(ch)
                else:
                    out.append("*")
            elif ch.isalpha():
                out.append(ch if entity_type == "KG_PASSPORT" else "*")
            else:
                out.append(ch)
        return "".join(out)
    if entity_type == "EMAIL_ADDRESS" and "@" in value:
        local, _, domain = value.partition("@")
        # a one-letter local part would be shown whole: mask it entirely
        shown = local[:1] + "*" * (len(local) - 1) if len(local) > 1 else "*"
        return shown + "@" + domain
    if entity_type == "IP_ADDRESS":
        if ":" in value:
            parts = value.split(":")
            return ":".join(parts[:2] + ["*"] * (len(parts) - 2))
        parts = value.split(".")
        return ".".join(parts[:1] + ["*"] * (len(parts) - 1))
    return _WORD.sub(lambda m: _mask_word(m.group()), value)
