"""Phone numbers of people in Kyrgyzstan in every writing seen, and foreign numbers.

One compiled regex finds *runs*: digit groups joined by spaces, dashes or brackets,
optionally after a `+`. Each run is cut, only where whitespace separates two groups,
into the longest stretch that reads as a phone; the stretch is validated against the
KG numbering plan of `phonenumbers` (pinned 9.0.43; its region KG metadata holds the
mobile ranges and the Bishkek 312 / regional area codes; its patterns are compiled once
here and applied as `number_type` applies them), a foreign number by
`phonenumbers.parse` unless its country's metadata already rules it out. Validation
results are cached on the digit string, so repeated numbers cost one dict lookup. Runs
no stretch of which _interpret could read are skipped before they are cut. Old 6-digit
Bishkek numbers (`62-41-40`) are read only right after a phone label (`тел`, `тлф`,
`tel`), as +996 312 fixed lines.

Numbering-plan facts and observed writings: ../shared/domain/kyrgyz.md section 1
(from `phonenumbers/data/region_KG.py`, upstream google/libphonenumber
`resources/PhoneNumberMetadata.xml`).
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers
from phonenumbers import PhoneNumberType
from presidio_analyzer import RecognizerResult

from .base import NORMALIZED_KEY, KgRecognizer

# Characters allowed between digit groups: ASCII space, no-break and narrow no-break
# spaces (copied from Word/Telegram), dashes and brackets: `0(555)12-34-56`,
# `+996 (0555) 12 34 56`, `0555–12–34–56`.
_SPACES = " \u00a0\u202f"
_SEP = rf"[{_SPACES}]?[()\-\u2013]{{0,2}}[{_SPACES}]?"
# For PREFILTER_REGEX: any gap _SEP allows (and some more), a gap then a digit, and what
# holds after every stretch found (whitespace follows, or the run ends not _glued_after).
_GAP = rf"[{_SPACES}()\-\u2013]{{0,4}}"
_GAP_DIGIT = rf"{_GAP}[0-9]"
# _GAP possessive, for a gap before a digit: a gap character is never a digit, so a
# gap that gives characters back never lets the digit match.
_GAP_FIRM = rf"[{_SPACES}()\-\u2013]{{0,4}}+"
_GAP_DIGIT_FIRM = rf"{_GAP_FIRM}[0-9]"
_UNGLUED = r"(?![\w№#*@]|[.:/][0-9])"

# A run of digit groups. Left boundary: not glued to a word, a digit, `№`/`#` (order
# numbers), `*` (USSD codes such as `*228*1#`), `@`/`$`/`%`/`+`; without a plus, not
# the tail of a dotted/colon/slash/dash number (IPs, versions `v5.5.512.3456`, times,
# dates, UUIDs) nor of a decimal or thousands comma (`3,555123456`, `1,555,123,456`),
# while a comma after a long number separates a list (`0555123456,0777123456`).
# `%2B` is a URL-encoded plus (`?phone=%2B996555123456`). Possessive quantifiers: a
# run is found in one left-to-right pass, never re-split by backtracking. The leading
# lookahead rejects most positions before the lookbehinds run (measured: -25% time).
_RUN = re.compile(
    r"(?=[0-9+%(])(?<![\w№#*@$%+])"
    rf"(?:(?P<plus>\+[{_SPACES}]?|%2[Bb])"
    r"|(?<![0-9][.:/\-\u2013])(?<!(?<![0-9])[0-9],)(?<!(?<![0-9])[0-9]{2},)(?<!(?<![0-9])[0-9]{3},))"
    rf"\(?[0-9]++(?:{_SEP}[0-9]++)*+"
)
_DIGITS = re.compile(r"[0-9]+")

# A low-score value (a bare 9-digit number) right after an id label is an order or
# transaction number, not a phone: `order_id=555123456`, `заказ 555123456`, `№ ...`.
_ID_LABEL_BEFORE = re.compile(
    r"(?:№|#|(?:id|order|заказ|транзакц|transaction|txn|trx|invoice|ticket|чек|сч[её]т|"
    r"договор|ref)\w*)\W{0,3}$",
    re.IGNORECASE,
)

# Old 6-digit Bishkek local numbers (no area code) right after a phone label: `тел 62-41-40`,
# `тлф 624140`, `тел.: 62-41-40, 62-45-67` (kyrgyz.md 1.3, REGISTRAR). Without the label a
# 6-digit number is a postcode, a BIK, an amount or an id, and is never reported. Read as
# +996 312 + the six digits, and reported only when that is a valid Bishkek fixed line.
# (opens with a character class and no IGNORECASE, so `re` skips to candidates fast)
_LOCAL_LABEL = re.compile(
    r"[тТtT](?:[еЕ][лЛ]|[лЛ][фФ]|[eE][lL])(?<!\w...)(?:(?i:ефон\w{0,3}|ephone)|\.)?[ \t]*[:.]?[ \t]*"
)
_LOCAL_NUMBER = re.compile(
    r"(?<![\w+\-.])([1-9][0-9])(?:-([0-9]{2})-([0-9]{2})|([0-9]{4}))(?![\w\-]|[.,:/][0-9])"
)
_LOCAL_LIST_SEP = re.compile(r"[ \t]*[,;][ \t]*")
_LOCAL_KEYWORDS = ("тел.", "тел:", "тел ", "тлф", "телефон", "tel.", "tel:", "tel ", "telephone")
_LOCAL_BISHKEK = 0.4  # the label is also a context word: reported at 0.75

_LONGEST_PHONE_DIGITS = 17  # `8-10-996-800-123-4567` (8~10 + 996 + 10-digit toll-free)

# Scores (docs/ARCHITECTURE.md: >= 0.5 reports on its own, below needs context).
_INTL_KG = {PhoneNumberType.MOBILE: 0.85, PhoneNumberType.FIXED_LINE: 0.8}  # +996 / 00996
_CC_KG = {PhoneNumberType.MOBILE: 0.8, PhoneNumberType.FIXED_LINE: 0.75}  # 996 without +
_INTL_KG_OTHER, _CC_KG_OTHER = 0.75, 0.7  # toll-free and other non-personal types
_TRUNK_KG = 0.7  # 0555 123 456, (0312) 62-45-11
_RUSSIAN_HABIT_KG = 0.6  # 8 0555 ..., 8-10-996 ...
_FOREIGN_PLUS = 0.55  # +7 701 ..., +998 90 ...
_FOREIGN_RUSSIAN_HABIT = 0.5  # 8-10-7-916 ...
_FOREIGN_00 = 0.45  # 0049 ...: zero-padded ids look the same
_RUSSIAN_DOMESTIC = 0.45  # 8 916 123-45-67: a Russian mobile, or an 11-digit id
_BARE_NSN = 0.3  # 555 12 34 56: a phone only if context says so
_RUSSIAN_DOMESTIC_COMPACT = 0.3  # 89161234567 unspaced: as often an 11-digit id, needs context


@lru_cache(maxsize=1)
def _kg_plan():
    """The KG number descriptions of phonenumbers' metadata, in the order `number_type` reads them.

    (general, [(description, type), ...], fixed line, mobile, same fixed/mobile pattern);
    each description is (possible lengths, compiled fullmatch of its pattern) or None.
    """
    metadata = phonenumbers.PhoneMetadata.metadata_for_region("KG")

    def described(desc):
        if desc is None or not desc.national_number_pattern:
            return None
        return frozenset(desc.possible_length), re.compile(desc.national_number_pattern).fullmatch

    # phonenumberutil._number_type_helper: these types first, then fixed line, then mobile
    typed = [
        (described(getattr(metadata, field)), kind)
        for field, kind in (
            ("premium_rate", PhoneNumberType.PREMIUM_RATE),
            ("toll_free", PhoneNumberType.TOLL_FREE),
            ("shared_cost", PhoneNumberType.SHARED_COST),
            ("voip", PhoneNumberType.VOIP),
            ("personal_number", PhoneNumberType.PERSONAL_NUMBER),
            ("pager", PhoneNumberType.PAGER),
            ("uan", PhoneNumberType.UAN),
            ("voicemail", PhoneNumberType.VOICEMAIL),
        )
    ]
    return (
        described(metadata.general_desc),
        [(desc, kind) for desc, kind in typed if desc is not None],
        described(metadata.fixed_line),
        described(metadata.mobile),
        metadata.same_mobile_and_fixed_line_pattern,
    )


def _matches(nsn: str, desc) -> bool:
    """phonenumberutil._is_number_matching_desc on a description of _kg_plan."""
    if desc is None:
        return False
    lengths, fullmatch = desc
    return (not lengths or len(nsn) in lengths) and fullmatch(nsn) is not None


@lru_cache(maxsize=65536)
def _kg_type(nsn: str) -> int | None:
    """phonenumbers' type of a KG national significant number; None when not valid.

    The same checks as `phonenumbers.number_type` on +996 `nsn`, on its KG patterns
    compiled once (number_type recompiles through a cache on every check: 3 µs a number).
    """
    if not 9 <= len(nsn) <= 10 or nsn[0] == "0":
        return None
    general, typed, fixed_line, mobile, same_pattern = _kg_plan()
    if not _matches(nsn, general):
        return None
    for desc, kind in typed:
        if _matches(nsn, desc):
            return kind
    if _matches(nsn, fixed_line):
        if same_pattern or _matches(nsn, mobile):
            return PhoneNumberType.FIXED_LINE_OR_MOBILE
        return PhoneNumberType.FIXED_LINE
    if not same_pattern and _matches(nsn, mobile):
        return PhoneNumberType.MOBILE
    return None


@lru_cache(maxsize=None)
def _abroad_plan(country_code: int):
    """What `parse` + `is_valid_number` demand of the digits after +`country_code`, or None.

    (match of the main region's national prefix for parsing or None, [(possible lengths,
    fullmatch of the general description) for each region of the code]). None for the
    non-geographic codes (+800, +882...), which are left to phonenumbers.
    """
    regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE[country_code]
    if phonenumbers.REGION_CODE_FOR_NON_GEO_ENTITY in regions:
        return None
    main = phonenumbers.PhoneMetadata.metadata_for_region_or_calling_code(
        country_code, phonenumbers.region_code_for_country_code(country_code)
    )
    prefix = main.national_prefix_for_parsing if main is not None else None
    general = []
    for region in regions:
        metadata = phonenumbers.PhoneMetadata.metadata_for_region_or_calling_code(country_code, region.upper())
        desc = metadata.general_desc if metadata is not None else None
        if desc is not None and desc.national_number_pattern:
            general.append((frozenset(desc.possible_length), re.compile(desc.national_number_pattern).fullmatch))
    return (re.compile(prefix).match if prefix else None), general


def _never_valid_abroad(digits: str) -> bool:
    """True when phonenumbers would find +`digits` invalid, told without parsing it.

    `parse` takes the shortest known calling code, and keeps the rest as the national
    number unless the main region's national prefix for parsing matches its start;
    `is_valid_number` then needs the general description of some region of the code to
    match it. Only a rest that no region's general description takes is answered here:
    the ИНН of companies (`00909199841886` reads as +90 ...) cost a 40 µs parse each
    (bench/data/logs_20mb_p05.log: 3k lines).
    """
    for width in (1, 2, 3):
        code = int(digits[:width])
        if code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            break
    else:
        return False
    plan = _abroad_plan(code)
    if plan is None:
        return False
    prefix_match, general = plan
    rest = digits[width:]
    if prefix_match is not None and prefix_match(rest):
        return False
    return not any((not lengths or len(rest) in lengths) and fullmatch(rest) for lengths, fullmatch in general)


@lru_cache(maxsize=65536)
def _international(digits: str) -> tuple[str, int | None] | None:
    """(E.164, KG type or None for a foreign number) of digits after an international prefix."""
    if digits.startswith("996"):
        nsn = digits[3:]
        if nsn[:1] == "0":  # `+996 (0555) ...`: the trunk 0 wrongly kept after the code
            nsn = nsn[1:]
        kind = _kg_type(nsn)
        return ("+996" + nsn, kind) if kind is not None else None
    if not 8 <= len(digits) <= 15 or digits[0] == "0" or _never_valid_abroad(digits):
        return None
    try:
        number = phonenumbers.parse("+" + digits, None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), None


# The first digit of every stretch _interpret reads that has no `+` and is no bare 9-digit
# run: 0 (trunk 0, 00), 8 (Russian trunk 8, 8-10, 89...), 9 (996 without +). A new
# writing in _interpret must be added here and to PREFILTER_REGEX.
_PREFIX_DIGITS = "089"
# Where a stretch of a run without `+` can start on one of them (the run's first group, or
# a group after whitespace) with the 9 digits a stretch needs from there to the run's end.
_STRETCH_START = re.compile(rf"(?:^\(?|[{_SPACES}])[{_PREFIX_DIGITS}](?:[^0-9]*[0-9]){{8}}")
_WITHOUT_GAPS = str.maketrans("", "", _SPACES + "()-\u2013")


def _interpret(digits: str, plus: bool, first_group: str, whole_run: bool) -> tuple[float, str, str] | None:
    """(score, E.164, reason) for one stretch of digit groups, None when it is no phone."""
    n = len(digits)
    if plus:
        hit = _international(digits)
        if hit is None:
            return None
        e164, kind = hit
        if kind is None:
            return _FOREIGN_PLUS, e164, "foreign number, international form"
        return _INTL_KG.get(kind, _INTL_KG_OTHER), e164, "KG number with +996"
    if digits.startswith("00"):
        hit = _international(digits[2:])
        if hit is None:
            return None
        e164, kind = hit
        if kind is None:
            return _FOREIGN_00, e164, "foreign number after 00"
        return _INTL_KG.get(kind, _INTL_KG_OTHER), e164, "KG number with 00996"
    if digits.startswith("810"):
        # Russian/Kazakh landline habit: 8, dial tone, 10 = international access.
        hit = _international(digits[3:])
        if hit is None:
            return None
        e164, kind = hit
        if kind is None:
            return _FOREIGN_RUSSIAN_HABIT, e164, "foreign number after 8-10"
        return _RUSSIAN_HABIT_KG, e164, "KG number after 8-10"
    if first_group == "8" and n in (10, 11):
        # Russian trunk habit `8 0555 123456` / `8 555 123456`: phonenumbers rejects both.
        rest = digits[1:]
        if n == 10 or rest[0] == "0":
            nsn = rest[1:] if n == 11 else rest
            kind = _kg_type(nsn)
            if kind is not None:
                return _RUSSIAN_HABIT_KG, "+996" + nsn, "KG number after Russian trunk 8"
            return None
        hit = _international("7" + rest)  # `8 916 123-45-67`: a Russian domestic number
        if hit is not None and hit[0].startswith("+7"):
            return _RUSSIAN_DOMESTIC, hit[0], "Russian number with trunk 8"
        return None
    if n == 11 and first_group == digits and digits.startswith("89"):
        # `89161234567`: how Russian mobiles are written unspaced (migrants' relatives)
        hit = _international("7" + digits[1:])
        if hit is not None and hit[0].startswith("+79"):
            return _RUSSIAN_DOMESTIC_COMPACT, hit[0], "Russian mobile with trunk 8, unspaced"
        return None
    if digits.startswith("996") and n in (12, 13):
        hit = _international(digits)
        if hit is None:
            return None
        e164, kind = hit
        return _CC_KG.get(kind, _CC_KG_OTHER), e164, "KG number with 996, no +"
    if digits[0] == "0" and n in (10, 11):
        kind = _kg_type(digits[1:])
        if kind is not None:
            return _TRUNK_KG, "+996" + digits[1:], "KG number with trunk 0"
        return None
    if n == 9 and whole_run:
        if _kg_type(digits) is not None:
            return _BARE_NSN, "+996" + digits, "bare 9-digit KG number"
    return None


def _bishkek_local(written: str) -> str | None:
    """+996 312 and the six digits of `62-41-40` / `624140`, when a valid Bishkek fixed line."""
    nsn = "312" + written.replace("-", "")
    kind = _kg_type(nsn)
    if kind in (PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE):
        return "+996" + nsn
    return None


def _glued_after(text: str, end: int) -> bool:
    """True when the run ending at `end` continues a longer token (word, decimal, IP, time)."""
    if end >= len(text):
        return False
    c = text[end]
    if c.isalnum() or c in "_№#*@":
        return True
    if c == ",":  # a fraction or thousands group follows; a long number is the next item of a list
        tail = _DIGITS.match(text, end + 1)
        return tail is not None and tail.end() - tail.start() <= 3
    return c in ".:/" and end + 1 < len(text) and text[end + 1].isdigit()


class KgPhoneRecognizer(KgRecognizer):
    """Kyrgyz phone numbers in any writing (and foreign ones), normalized to E.164.

    >>> KgPhoneRecognizer().normalize("8 (0555) 12-34-56")
    '+996555123456'
    """

    ENTITY = "PHONE_NUMBER"
    # Lowercase prefixes (Kyrgyz, Russian, English labels seen next to numbers: domain
    # notes 1.3). `сотов`/`сотк` rather than `сот`, which also starts `сотрудник`, `сотня`.
    CONTEXT = (
        "тел", "тлф", "телефон", "номер", "номур", "номери", "байланыш", "моб", "сотов", "сотк",
        "whatsapp", "ватсап", "вотсап", "вацап", "viber", "вайбер", "telegram", "телеграм",
        "phone", "mobile", "mob", "tel", "cell", "msisdn", "fax", "факс", "contact", "контакт",
        "call", "звон", "позвон", "чал", "раб", "абонент",
    )
    # Every span find() starts, after a `+`, with >= 9 digits, or else with one of the
    # digit strings _interpret reads, with its digit count (gaps are characters of _SEP),
    # not glued to a word or a longer number on either side. Far more selective than
    # "any 9 digits" on log lines: ПИН/ИНН, card numbers, unix times, `ORD2024...` ids and
    # 9-digit ids outside the KG plan miss (measured on bench/data/logs_5mb.log: 6.6k
    # candidate lines against 17k, for 5.5k lines with a phone). ASCII [0-9] as in _RUN.
    # Written to open with a character class (the first characters of every branch; no
    # branch starts on 1 or 4), so that `re` skips to them in C; the look-behinds then
    # check that character, and each branch's first digit, from behind; gaps are
    # _GAP_FIRM. The same matches as the lookahead-first form in 27% less time
    # (bench/data/logs_20mb_p05.log: 0.27 s against 0.37 s).
    PREFILTER_REGEX = (
        rf"[02356789+%](?<![0-9].)(?<![\w№#*@$%+].)(?:"
        rf"(?<![0-9][.:/\-\u2013][02356789])(?:"
        rf"(?<=[235-9])(?:{_GAP_DIGIT_FIRM}){{8}}(?!{_SEP}[0-9]){_UNGLUED}"  # a whole 9-digit run
        # 00 + 8-15 digits; trunk 0 + a 9/10-digit KG number (region KG general_desc
        # `8\d{9}|[235-9]\d{8}`)
        rf"|(?<=0){_GAP_FIRM}(?:0(?:{_GAP_DIGIT_FIRM}){{8,15}}|[235-9](?:{_GAP_DIGIT_FIRM}){{8,9}}){_UNGLUED}"
        # Russian trunk `8 `, 8-10 + 8-14 digits, 89161234567
        rf"|(?<=8)(?:[{_SPACES}()\-\u2013]{{1,4}}+[0-9](?:{_GAP_DIGIT_FIRM}){{8,9}}"
        rf"|{_GAP_FIRM}1{_GAP_FIRM}0(?:{_GAP_DIGIT_FIRM}){{8,14}}|9[0-9]{{9}}){_UNGLUED}"
        rf"|(?<=9){_GAP_FIRM}9{_GAP_FIRM}6(?:{_GAP_DIGIT_FIRM}){{9,10}}{_UNGLUED}"  # 996 without +
        rf")"
        rf"|(?<=\+)[{_SPACES}]?\(?[0-9](?:{_GAP_DIGIT}){{8}}"
        rf"|(?<=%)2[Bb]\(?[0-9](?:{_GAP_DIGIT}){{8}}"
        rf")"
    )

    def prefilter_keywords(self) -> tuple[str, ...]:
        """The labels before a 6-digit local number, which PREFILTER_REGEX does not see."""
        return _LOCAL_KEYWORDS

    def find(self, text: str) -> list[RecognizerResult]:
        """Candidate phones with their context-free scores."""
        results = []
        for start, end, score, e164, reason in self._phones(text):
            if score < 0.5 and _ID_LABEL_BEFORE.search(text, max(0, start - 24), start):
                continue
            res = self.result(start, end, score, reason)
            # the E.164 `normalize` would compute again from the value (the same on 128k
            # phones of the bench logs, corpora and shop table; a test compares them)
            res.recognition_metadata[NORMALIZED_KEY] = e164
            results.append(res)
        phones = len(results)
        for start, end, e164 in self._local_numbers(text):
            res = self.result(start, end, _LOCAL_BISHKEK, "6-digit Bishkek local number after a phone label")
            res.recognition_metadata[NORMALIZED_KEY] = e164
            results.append(res)
        if phones and len(results) > phones:
            results.sort(key=lambda r: r.start)
        return results

    @staticmethod
    def _local_numbers(text: str):
        """(start, end, E.164) of each 6-digit local number listed right after a phone label."""
        for label in _LOCAL_LABEL.finditer(text):
            pos = label.end()
            while (m := _LOCAL_NUMBER.match(text, pos)) is not None:
                e164 = _bishkek_local(m.group())
                if e164 is None:
                    break
                yield m.start(), m.end(), e164
                sep = _LOCAL_LIST_SEP.match(text, m.end())
                if sep is None:
                    break
                pos = sep.end()

    def normalize(self, value: str) -> str:
        """E.164 (`+996555123456`) for any writing of the number; its digits when unreadable."""
        value = value.strip()
        for _start, _end, _score, e164, _reason in self._phones(value):
            return e164
        if _LOCAL_NUMBER.fullmatch(value) and (e164 := _bishkek_local(value)) is not None:
            return e164  # `62-41-40` after a label: the same number as `(0312) 62-41-40`
        if value[:3] in ("%2B", "%2b"):
            value = "+" + value[3:]
        digits = "".join(_DIGITS.findall(value))
        return ("+" + digits) if value.startswith("+") else digits

    @staticmethod
    def _phones(text: str):
        """(start, end, score, E.164, reason) for each phone in `text`, left to right."""
        for run in _RUN.finditer(text):
            run_start, run_end = run.span()
            if run_end - run_start < 9:  # fewer than 9 characters hold fewer than 9 digits
                continue
            plus = run.group("plus") is not None
            digits_from = run.end("plus") if plus else run_start  # `%2B` holds a digit
            chunk = text[digits_from:run_end]
            if chunk.isdigit():
                # one unbroken group, the usual writing in logs: the run is the only stretch
                n = len(chunk)
                if (
                    9 <= n <= _LONGEST_PHONE_DIGITS
                    and (plus or n == 9 or chunk[0] in _PREFIX_DIGITS)
                    and not _glued_after(text, run_end)
                ):
                    found = _interpret(chunk, plus, chunk, True)
                    if found is not None:
                        yield run_start, run_end, found[0], found[1], found[2]
                continue
            if (
                not plus
                and not _STRETCH_START.search(chunk)
                and len(chunk.translate(_WITHOUT_GAPS)) != 9
            ):
                continue  # `2024-05-14 09`: no stretch _interpret could read, not 9 digits
            groups = [g.span() for g in _DIGITS.finditer(text, digits_from, run_end)]
            count = len(groups)
            run_digits = sum(e - s for s, e in groups)
            if run_digits < 9:
                continue
            glued = None  # looked up when a stretch reaches the run's end
            k = 0
            while k < count:
                # a phone starts at the run's start or after plain whitespace, never
                # inside a dash- or bracket-joined token (`133580-3301-000`)
                if k and not text[groups[k - 1][1] : groups[k][0]].isspace():
                    k += 1
                    continue
                # _interpret reads nothing else: a `+` number, a prefixed one, a bare 9-digit run
                if not (
                    (plus and k == 0)
                    or text[groups[k][0]] in _PREFIX_DIGITS
                    or (k == 0 and run_digits == 9)
                ):
                    k += 1
                    continue
                ends = []
                total = 0
                for j in range(k, count):
                    total += groups[j][1] - groups[j][0]
                    if total > _LONGEST_PHONE_DIGITS:
                        break
                    if total < 9:
                        continue
                    if j == count - 1:
                        if glued is None:
                            glued = _glued_after(text, run_end)
                        if not glued:
                            ends.append(j)
                    elif text[groups[j][1] : groups[j + 1][0]].isspace():
                        ends.append(j)
                found = None
                for j in reversed(ends):
                    digits = "".join(text[s:e] for s, e in groups[k : j + 1])
                    first = text[groups[k][0] : groups[k][1]]
                    found = _interpret(digits, plus and k == 0, first, k == 0 and j == count - 1)
                    if found is not None:
                        break
                if found is None:
                    k += 1
                    continue
                start, end = groups[k][0], groups[j][1]
                if k == 0:
                    start = run_start
                    # `(0312) 62-45-11` keeps its bracket; `(0555123456)` does not
                    if text[start] == "(" and ")" not in text[start:end]:
                        start += 1
                yield start, end, found[0], found[1], found[2]
                k = j + 1
