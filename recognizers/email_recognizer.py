"""EMAIL_ADDRESS: e-mail addresses, with the domain checked against the Public Suffix List.

The candidate regex is Presidio's `EmailRecognizer` pattern; its `validate_result` calls
`tldextract.extract`, which fetches the suffix list over the network on first use. Here
the check uses a `TLDExtract` instance limited to the snapshot bundled with tldextract
(no URLs, no disk cache), built once on first use (notes/presidio-offline.md §1.3); its
verdict is cached per domain.

Decisions: `git@github.com:owner/repo.git` (scp-style SSH remote: the address is followed
by `:path`) is not an e-mail, and neither is `host:port`; a bare `git@github.com` in prose
is reported, because nothing tells it from a mailbox. Retina file names
(`icon@2x.png`, `logo@1.5x.zip`) are never addresses.

>>> KgEmailRecognizer().normalize("Aigul.T@Mail.KG")
'aigul.t@mail.kg'
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import ClassVar

from presidio_analyzer import RecognizerResult

from .base import KgRecognizer


@lru_cache(maxsize=4096)
def _domain_kind(domain: str) -> str | None:
    """What an address's domain is: "public" (it ends in a public suffix), "internal"
    (an alphabetic last label, no public suffix) or None (no mailbox domain).

    Cached: a log repeats a few domains (19 distinct in 3,112 addresses of the 5 MB bench log).
    """
    if KgEmailRecognizer._RETINA.match(domain):
        return None
    parts = KgEmailRecognizer._suffix_checker()(domain)
    # a ministry's mailbox sits on a domain that is itself a public suffix: `gov.kg`
    if parts.fqdn or (parts.suffix and not parts.domain and "." in parts.suffix):
        return "public"
    if KgEmailRecognizer._ALPHA_LABEL.search(domain):
        return "internal"
    return None


class KgEmailRecognizer(KgRecognizer):
    """Finds e-mail addresses whose domain ends in a public suffix (`.kg`, `.com`, `.рф`)."""

    ENTITY = "EMAIL_ADDRESS"
    CONTEXT = (
        "email",
        "e-mail",
        "mail",
        "почта",
        "почтасы",
        "эл. почта",
        "электрондук почта",
        "электронная почта",
        "адрес",
        "дарек",
        "contact",
        "контакт",
    )
    # Every span holds `@` (or `%40`) and a domain whose last label has a letter: an internal
    # domain's is all letters (_ALPHA_LABEL), a public suffix's too (every rule of the
    # bundled Public Suffix List ends in a label with a letter, checked on tldextract 5.4.0).
    # `@kg_support` mentions and `lodash@4.17.21` pins miss (bench/data/logs_5mb.log:
    # 2.6k candidate lines against 3.6k).
    PREFILTER_REGEX = r"(?:@|%40)[\w.-]*\.[\w-]*[^\W\d_]"

    # Presidio EmailRecognizer "Email (Medium)" pattern (presidio_analyzer/
    # predefined_recognizers/generic/email_recognizer.py), with three changes:
    # - the local part is capped at RFC 5321's 64 characters: Presidio's `{0,}` rescans a
    #   long dotted token without `@` from every word boundary (quadratic);
    # - `& / = ? { | }` and backtick are dropped from the local part: RFC 5322 allows
    #   them, but in logs they are URL query separators, and Presidio's pattern reports
    #   `api?email=ivan@mail.kg` whole;
    # - the domain is a named group, for the suffix check.
    # `\w` is Unicode: Cyrillic local parts and IDN domains (`айгүл@mail.kg`,
    # `info@пример.рф`) match.
    _EMAIL = re.compile(
        r"\b(?:[!#$%'*+\-^_~\w]|[!#$%'*+\-^_~\w][!#$%'*+\-^_~.\w]{0,62}[!#$%'*+\-^_~\w])"
        r"(?:@|%40)(?P<domain>\w+(?:-+\w+)*(?:\.\w+(?:-+\w+)*)+)\b"
    )
    # In a query string the `@` is URL-encoded: `?login=nazira.k%40mail.ru`.
    # `user@host:path` (scp-style git remote) and `user@host:8080` are not mailboxes.
    _HOST_COLON = re.compile(r":[^\s\"'<>,;)\]]")
    # Retina image names: `icon@2x.png`, `logo@1.5x.zip` (`.zip` is a real TLD).
    _RETINA = re.compile(r"[0-9]+(?:\.[0-9]+)?x\.", re.IGNORECASE)
    # An internal domain (`bank.local`, `corp.internal`): alphabetic last label that is no
    # public suffix. A real mailbox on an intranet, but also `name@file.ext`: needs context.
    _ALPHA_LABEL = re.compile(r"\.[^\W\d_]{2,24}$")
    # `@` and `%40`: a span's separator starts at most 64 characters (the local part) after it.
    _SEPARATOR = re.compile(r"@|%40")
    _LONGEST_LOCAL_PART = 64
    # `<id@host>` after a mail header that holds message ids is no mailbox.
    _MESSAGE_ID_BEFORE = re.compile(r"(?:message-id|in-reply-to|references|content-id):[\s<>]*(?:[^\s<>]+>[\s<]*)*<$",
                                    re.IGNORECASE)

    SCORE = 0.85
    INTERNAL_SCORE = 0.3

    _tld_extract: ClassVar[object | None] = None

    @classmethod
    def _suffix_checker(cls):
        """The offline `TLDExtract`, built on first use and shared by every instance."""
        if cls._tld_extract is None:
            import tldextract

            cls._tld_extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
        return cls._tld_extract

    def find(self, text: str) -> list[RecognizerResult]:
        """Addresses with a public suffix; intranet-looking domains as weak candidates."""
        results = []
        for m in self._candidates(text):
            if self._HOST_COLON.match(text, m.end()):
                continue
            if text[m.start() - 1 : m.start()] == "<" and self._MESSAGE_ID_BEFORE.search(
                text, max(0, m.start() - 200), m.start()
            ):
                continue
            kind = _domain_kind(m["domain"])
            if kind == "public":
                results.append(self.result(m.start(), m.end(), self.SCORE, "e-mail with a public suffix"))
            elif kind == "internal":
                results.append(
                    self.result(m.start(), m.end(), self.INTERNAL_SCORE, "e-mail on a non-public domain")
                )
        return results

    @classmethod
    def _candidates(cls, text: str):
        """`_EMAIL.finditer(text)`, with each search started at most 64 characters before the
        next separator: no match can start earlier (its local part would be longer)."""
        pos = 0
        while True:
            separator = cls._SEPARATOR.search(text, pos)
            if separator is None:
                return
            m = cls._EMAIL.search(text, max(pos, separator.start() - cls._LONGEST_LOCAL_PART))
            if m is None:
                return
            yield m
            pos = m.end()

    def normalize(self, value: str) -> str:
        """Lower case, `%40` decoded: `Aigul.T%40Mail.KG` -> `aigul.t@mail.kg`."""
        return value.strip().lower().replace("%40", "@")
