"""JSON Lines logs: a line that parses as JSON is scanned field by field.

Each string (and number: phones and ПИН are often stored as numbers) becomes a record
whose `field` is its dotted path (`user.phones.0`) and whose spans map back to the raw
line, escapes included. A line that is not JSON is scanned as plain text and reported.
"""

from __future__ import annotations

import json
import re
from typing import Iterator

from ..errors import Problem
from .base import ProblemSink, Record
from .text import TextSource

_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|-?\d[\d.eE+\-]*|[{}\[\],:]')


def _decode_with_offsets(token: str, raw_start: int) -> tuple[str, list[int] | None, int]:
    """Decode a JSON string token; return (text, per-char raw offsets or None, plain offset)."""
    body = token[1:-1]
    if "\\" not in body:
        return body, None, raw_start + 1
    chars: list[str] = []
    offsets: list[int] = []
    i = 0
    base = raw_start + 1
    n = len(body)
    while i < n:
        ch = body[i]
        if ch != "\\":
            chars.append(ch)
            offsets.append(base + i)
            i += 1
            continue
        esc = body[i + 1] if i + 1 < n else ""
        if esc == "u":
            code = int(body[i + 2 : i + 6], 16)
            width = 6
            if 0xD800 <= code < 0xDC00 and body[i + 6 : i + 8] == "\\u":
                low = int(body[i + 8 : i + 12], 16)
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                width = 12
            chars.append(chr(code))
            offsets.append(base + i)
            i += width
        else:
            chars.append(json.loads(f'"\\{esc}"') if esc else "\\")
            offsets.append(base + i)
            i += 2
    offsets.append(base + n)   # one past the last character: a span's end maps past an escape
    return "".join(chars), offsets, base


def json_values(raw: str) -> Iterator[tuple[str, str, list[int] | None, int]]:
    """(dotted path, decoded text, offsets or None, plain offset) for each scalar value."""
    stack: list[list] = []      # frames: [kind, key-or-index, expecting_key]
    for m in _TOKEN.finditer(raw):
        tok = m.group()
        c = tok[0]
        if c == "{":
            stack.append(["obj", None, True])
        elif c == "[":
            stack.append(["arr", 0, False])
        elif c in "}]":
            if stack:
                stack.pop()
        elif c == ",":
            if stack:
                top = stack[-1]
                if top[0] == "arr":
                    top[1] += 1
                else:
                    top[2] = True
        elif c == ":":
            if stack:
                stack[-1][2] = False
        else:
            if stack and stack[-1][0] == "obj" and stack[-1][2]:
                stack[-1][1] = json.loads(tok) if c == '"' else tok
                continue
            path = ".".join(str(f[1]) for f in stack if f[1] is not None)
            if c == '"':
                text, offsets, offset = _decode_with_offsets(tok, m.start())
            else:
                text, offsets, offset = tok, None, m.start()
            if text:
                yield path, text, offsets, offset


MAX_LINE_PROBLEMS = 5     # lines named one by one; the rest are counted in one message


class JsonLinesSource(TextSource):
    """`.jsonl` / `.ndjson` (optionally `.gz`)."""

    kind = "jsonl"

    def records(self, problems: ProblemSink) -> Iterator[Record]:
        name = self.name
        bad = 0
        for lineno, offset, text, limit in self.lines(problems):
            if lineno == 1 and offset == 0 and text.startswith("\ufeff"):
                text, offset = text[1:], 1          # a byte-order mark is not part of the data
            stripped = text.strip()
            if not stripped:
                continue
            if offset == 0 or (lineno == 1 and offset == 1):
                try:
                    json.loads(stripped)
                except ValueError:
                    pass
                else:
                    for path, value, offsets, plain in json_values(text):
                        if offsets is not None and offset:
                            offsets = [o + offset for o in offsets]
                        last = path.rsplit(".", 1)[-1] if path else None
                        hints = (last,) if last and not last.isdigit() else None
                        yield Record(text=value, source=name, line=lineno, field=path or None,
                                     offset=plain + offset, offsets=offsets, hints=hints)
                    continue
                bad += 1
                if bad <= MAX_LINE_PROBLEMS:
                    problems(Problem(name, "not valid JSON; scanned as plain text", line=lineno))
            yield Record(text=text, source=name, line=lineno, offset=offset, limit=limit)
        if bad > MAX_LINE_PROBLEMS:
            problems(Problem(name, f"{bad - MAX_LINE_PROBLEMS} more line(s) not valid JSON; scanned as plain text"))
