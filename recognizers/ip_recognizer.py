"""IP_ADDRESS: IPv4 and IPv6 addresses, validated with the `ipaddress` module.

Point 1.6 of the privacy policy makes an IP address personal data, so private and
loopback addresses count too (a little lower: they identify a machine on one network).
Addresses that name no host are not reported: `0.0.0.0`, `::`, netmasks
(`255.255.255.0`), broadcast, multicast and reserved ranges.

Traps handled: version strings (`v1.2.3.4`, `version 1.2.3.4`, `Chrome/120.0.0.0`), OIDs
and longer dotted runs (`1.3.6.1.4.1`), dates (`12.05.2024`), money (`1.100.200.250 сом`),
times (`12:30:45`), MAC addresses, and short hex words (`dead::beef`, which parses as
IPv6 but is usually a word: it needs context).

>>> KgIpRecognizer().normalize("2001:0DB8:0000:0000:0000:0000:0000:0001")
'2001:db8::1'
"""

from __future__ import annotations

import ipaddress
import re

from presidio_analyzer import RecognizerResult

from .base import KgRecognizer


class KgIpRecognizer(KgRecognizer):
    """Finds IPv4 and IPv6 addresses; public ones score higher than private ones."""

    ENTITY = "IP_ADDRESS"
    CONTEXT = (
        "ip",
        "ip-адрес",
        "айпи",
        "адрес",
        "дарек",
        "client",
        "клиент",
        "remote",
        "addr",
        "host",
        "x-forwarded-for",
        "x-real-ip",
        "source",
        "src",
        "from",
    )
    # Where an IPv4 address may start: not glued to a word or a dot, except after an ellipsis.
    _V4_START = r"(?:(?<![\w.])|(?<=[^\w.]\.\.\.))"
    # IPv4: four dotted numbers with the boundaries of _ADDRESS's IPv4 branch, so that OIDs
    # (`1.3.6.1.4.1`) and versions (`v1.8.27.115`, `2024.12.6.8`) miss (bench/data/
    # logs_5mb.log: 2.4k candidate lines against 4.3k); IPv6: `::` (every compressed form)
    # or four colon-ended hex groups (every full form has seven colons). `12:30:45` times,
    # on nearly every log line, miss. Every branch is anchored on a `.` or `:`, rare
    # characters in text, the rest checked around it (measured on the 5 MB log: 34 ms
    # against 61 ms for the unanchored `[0-9]\.[0-9]{1,3}...|::|...`). One branch per
    # anchor, each opening with its literal, so that a sentence's `.` fails on the digit
    # after it before any look-behind runs and a `:` never tries the IPv4 look-behinds
    # (bench/data/logs_20mb_p05.log: 0.10 s against 0.15 s, same matches).
    PREFILTER_REGEX = (
        r"\.(?=[0-9])"
        rf"(?:(?<={_V4_START}[0-9]\.)|(?<={_V4_START}[0-9]{{2}}\.)|(?<={_V4_START}[0-9]{{3}}\.))"
        r"[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}(?!\w|\.\w)"
        r"|:(?:(?<=::)|(?<=[0-9A-Fa-f]:)[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:[0-9A-Fa-f]{1,4}:)"
    )

    # Octet without leading zeros (`010` is octal in some parsers and garbage in logs);
    # Presidio's IpRecognizer accepts `[01]?[0-9][0-9]?`.
    _OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
    _IPV4 = rf"{_OCTET}(?:\.{_OCTET}){{3}}"
    # IPv6 candidates are matched loosely (Presidio's IpRecognizer spells out the nine
    # compressed shapes; `ipaddress` checks them here instead): 2-8 colon-separated hex
    # groups with an optional IPv4 tail. Boundaries from Presidio's IPv6 pattern:
    # `(?<![\w:])` ... `(?![\w:]|\.\d)`.
    _IPV6 = rf"(?:[0-9A-Fa-f]{{0,4}}:){{2,7}}(?:{_IPV4}|[0-9A-Fa-f]{{1,4}})?"
    # One pass, IPv6 first, so that the IPv4 tail of `::ffff:10.0.0.5` is not found twice.
    # IPv4 is not glued to a word or a dot, and no dot-digit continues it (`1.3.6.1.4.1`,
    # `4.1.2.3.5`).
    # Apache 2.4's error log writes `[client ADDR:PORT]` with an IPv6 address unbracketed
    # (`[client 2001:db8::17:40112]`): there the last group is the port. strongSwan writes
    # `a[id]...b[id]`, so an IPv4 may follow an ellipsis.
    # The leading lookarounds hold before every branch; they reject most positions of a
    # line at once (measured: -55% time on log lines).
    _ADDRESS = re.compile(
        r"(?=[0-9A-Fa-f:])(?<!\w)(?:"
        rf"(?P<v6port>(?<=\[client ){_IPV6}(?=:[0-9]{{1,5}}\]))"
        rf"|(?P<v6>(?<![\w:.]){_IPV6}(?![\w:]|\.[0-9]))"
        rf"|(?P<v4>{_V4_START}{_IPV4}(?!\w|\.\w))"
        r")"
    )
    # A User-Agent product token, not an address: `Chrome/120.0.0.0` (UA reduction freezes
    # the version at `N.0.0.0`). A URL path segment (`/clients/10.0.0.5`) is not one.
    _PRODUCT_TOKEN_BEFORE = re.compile(r"(?:^|[\s(;,\"'])[A-Za-z][\w.-]*/$")
    # A version, not an address: `v1.2.3.4`, `version: 1.2.3.4`, `Версия 1.2.3.4`.
    _VERSION_BEFORE = re.compile(
        r"\b(?:v|ver|version|версия|версиясы|нускасы|build|сборка|release|rev)[\s.:=#]*$",
        re.IGNORECASE,
    )
    # A sum of money: `1.100.200.250 сом`.
    _MONEY_AFTER = re.compile(r"\s?(?:сом|som|kgs|руб|rub|₽|\$|usd|eur|€|тенге|тг|kzt)", re.IGNORECASE)
    _HEX_GROUPS = re.compile(r"[0-9A-Fa-f]+")
    _LETTERS_ONLY = re.compile(r"[A-Fa-f]+")

    PUBLIC_SCORE = 0.8
    PRIVATE_SCORE = 0.6
    WORD_SCORE = 0.3  # IPv6 in unassigned space or spelled like hex words: needs context

    def find(self, text: str) -> list[RecognizerResult]:
        """Addresses that parse, name a host, and are no version, OID, date or amount."""
        results = []
        for m in self._ADDRESS.finditer(text):
            value = m.group()
            if m.lastgroup == "v4":
                parse = ipaddress.IPv4Address
            elif "::" in value or value.count(":") >= 6:
                parse = ipaddress.IPv6Address
            else:
                continue  # `12:30:45`: without `::` an IPv6 address has 7 colons, 6 before an IPv4 tail
            try:
                address = parse(value)  # what ipaddress.ip_address returns, without its IPv4 try
            except ValueError:
                continue
            if m.lastgroup == "v4":
                if self._VERSION_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                    continue
                if m.start() and text[m.start() - 1] == "/" and self._PRODUCT_TOKEN_BEFORE.search(
                    text, max(0, m.start() - 40), m.start()
                ):
                    continue
                if self._MONEY_AFTER.match(text, m.end()):
                    continue
            host = self._host_address(address)
            if host is None:
                continue
            if host.version == 6 and not host.is_loopback and (host.is_reserved or self._is_hex_word(value)):
                why = "IPv6 in unassigned space or spelled as hex words"
                results.append(self.result(m.start(), m.end(), self.WORD_SCORE, why))
            elif host.is_global:
                results.append(self.result(m.start(), m.end(), self.PUBLIC_SCORE, "public IP"))
            else:
                results.append(self.result(m.start(), m.end(), self.PRIVATE_SCORE, "private or loopback IP"))
        return results

    @staticmethod
    def _host_address(address):
        """The address a host could have (IPv4 for an IPv4-mapped one), or None.

        IPv6 reserved space (`dead::beef` lies in c000::/3) is returned: it parses, but no
        host is given such an address, so the caller scores it as needing context.
        """
        if address.version == 6:
            if address.ipv4_mapped is not None:
                address = address.ipv4_mapped
            elif address.is_loopback:
                return address
        if address.is_unspecified or address.is_multicast:
            return None
        if address.version == 4 and (address.is_reserved or address.packed[0] == 0):
            # 240.0.0.0/4 holds every netmask (`255.255.255.0`) and the broadcast
            # address; 0.0.0.0/8 is "this network"
            return None
        return address

    def _is_hex_word(self, value: str) -> bool:
        """`fade::cab`: at most two groups, all letters, reads as a word, not an address."""
        groups = self._HEX_GROUPS.findall(value)
        return len(groups) <= 2 and all(self._LETTERS_ONLY.fullmatch(g) for g in groups)

    def normalize(self, value: str) -> str:
        """`ipaddress` compressed form; an IPv4-mapped IPv6 address as its IPv4 address.

        `::ffff:10.0.0.5` and `10.0.0.5` are the same client, so they share a fingerprint.
        """
        try:
            address = ipaddress.ip_address(value.strip())
        except ValueError:
            return value.strip().lower()
        mapped = getattr(address, "ipv4_mapped", None)
        return (mapped or address).compressed
