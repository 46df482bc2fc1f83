"""Masked previews: enough to recognise a finding, never the value."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+", re.UNICODE)


def _mask_word(word: str) -> str:
    if word.isdigit():
        return "*" * len(word)
    return word[0] + "*" * (len(word) - 1) if len(word) > 1 else "*"


_DIGIT_TYPES = frozenset(("PHONE_NUMBER", "CREDIT_CARD", "KG_PIN", "KG_PASSPORT"))
_ASCII_DIGITS = "0123456789"
_ASCII_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_DROP_DIGITS = str.maketrans("", "", _ASCII_DIGITS)
_STAR_LETTERS = str.maketrans(_ASCII_LETTERS, "*" * len(_ASCII_LETTERS))
_STAR_ALNUM = str.maketrans(_ASCII_LETTERS + _ASCII_DIGITS, "*" * (len(_ASCII_LETTERS) + 10))
_STAR_DIGITS = str.maketrans(_ASCII_DIGITS, "*" * 10)


def _mask_digits(value: str, keep_head: int, keep_tail: int, keep_letters: bool) -> str:
    """Digits masked but the first `keep_head` and last `keep_tail`; letters masked
    unless `keep_letters`; everything else kept."""
    digits_total = sum(ch.isdigit() for ch in value)
    seen = 0
    out = []
    for ch in value:
        if ch.isdigit():
            seen += 1
            out.append(ch if seen <= keep_head or seen > digits_total - keep_tail else "*")
        elif ch.isalpha():
            out.append(ch if keep_letters else "*")
        else:
            out.append(ch)
    return "".join(out)


def _mask_ascii_digits(value: str, keep_head: int, keep_tail: int, keep_letters: bool) -> str:
    """`_mask_digits` for ASCII text with `str.translate` (the common case, ~5x faster)."""
    digits_total = len(value) - len(value.translate(_DROP_DIGITS))
    # head: the text up to the keep_head-th digit; tail: from the first of the last keep_tail
    head_end = 0
    if keep_head:
        seen = 0
        for head_end, ch in enumerate(value, 1):
            if ch in _ASCII_DIGITS:
                seen += 1
                if seen == keep_head:
                    break
    tail_start = len(value)
    seen = 0
    while tail_start > 0 and seen < min(keep_tail, digits_total):
        tail_start -= 1
        if value[tail_start] in _ASCII_DIGITS:
            seen += 1
    outside = (lambda part: part) if keep_letters else (lambda part: part.translate(_STAR_LETTERS))
    if head_end >= tail_start:          # every digit is shown
        return outside(value)
    middle = value[head_end:tail_start].translate(_STAR_DIGITS if keep_letters else _STAR_ALNUM)
    return outside(value[:head_end]) + middle + outside(value[tail_start:])


def mask_preview(value: str, entity_type: str) -> str:
    """A masked form of `value` that is safe to show.

    >>> mask_preview("+996 555 12 34 67", "PHONE_NUMBER")
    '+996 *** ** ** 67'
    >>> mask_preview("aigul@mail.kg", "EMAIL_ADDRESS")
    'a****@mail.kg'
    """
    if entity_type in _DIGIT_TYPES:
        keep_tail = 2 if entity_type != "CREDIT_CARD" else 4
        keep_head = 3 if entity_type == "PHONE_NUMBER" and value.lstrip().startswith(("+996", "996")) else 0
        if value.isascii():
            return _mask_ascii_digits(value, keep_head, keep_tail, entity_type == "KG_PASSPORT")
        return _mask_digits(value, keep_head, keep_tail, entity_type == "KG_PASSPORT")
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
