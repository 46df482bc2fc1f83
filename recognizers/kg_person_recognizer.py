"""Personal names of people in Kyrgyzstan: Kyrgyz, Russian and other names, Cyrillic and Latin.

No NLP model is available offline, so a name is recognised from word lists and morphology:

* every word is classified once (cached per spelling): a known given name (core lists, the
  ambiguous ones that are also common words, and a large extension list that only counts next
  to other name parts), a surname shape (-ов/-ев/-ин and their Russian and Kyrgyz case forms),
  a patronymic (-ович/-овна), the Kyrgyz patronymic particle уулу/кызы, or initials;
* neighbouring words are matched against the ways names are written (ФИО, given + surname,
  `Азамат Бакыт уулу`, `Бакыт уулу Азамат`, `Асанов Б.Ж.`) and one span covers the whole name;
* a lone name scores below 0.5, so it is reported only with a context word or column hint;
* names right after a street marker (ул., проспект, мкр) or before көчөсү/району, inside a
  company's quoted name, and inside e-mail addresses, URLs and code identifiers are dropped.

>>> KgPersonRecognizer().find("Клиент Асанов Бакыт Жумабекович, тел.")[0].score
0.9
"""

from __future__ import annotations

import re
import threading
from functools import cached_property, lru_cache
from typing import Iterable

from presidio_analyzer import RecognizerResult

from .base import KgRecognizer, load_word_list

# Kyrgyz letters fold to their Russian-keyboard stand-ins (Гүлнара = Гулнара = Гульнара): people
# type О/У/Н for Ө/Ү/Ң, Дж for Ж, and Russian writing adds a soft sign. Kazakh letters fold too.
_FOLD = str.maketrans(
    {
        "ё": "е", "ө": "о", "ү": "у", "ң": "н", "ҥ": "н", "э": "е", "ь": None, "ъ": None,
        "ұ": "у", "қ": "к", "ғ": "г", "ә": "а", "і": "и", "һ": "х", "ʼ": None, "'": None, "’": None,
    }
)
# One Latin spelling per folded Cyrillic letter; `latin_key` then merges the passport (zh, kh,
# i) and informal (j, h, y) schemes, so one key serves Aibek/Aybek, Zhanybek/Janybek/Dzhanybek.
_TRANSLIT = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "j", "з": "z", "и": "i",
        "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
        "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ы": "i",
        "ю": "iu", "я": "ia",
    }
)
_LATIN_EXTRA = str.maketrans({"ü": "u", "ö": "o", "ı": "i", "ç": "ch", "ş": "sh", "ğ": "g", "ñ": "n"})
_DOUBLE = re.compile(r"(.)\1+")
_CYRILLIC_RX = re.compile("[а-яёөүң]")

# Passport-style (ICAO-like) and informal Latin, used only to list literal spellings for the
# engine's keyword prefilter (domain doc §5.4 schemes).
_PASSPORT = str.maketrans(
    {"ж": "zh", "й": "i", "ы": "y", "х": "kh", "ю": "iu", "я": "ia", "ү": "u", "ө": "o", "ң": "n",
     "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ё": "e", "э": "e", "ь": "", "ъ": ""}
)
_INFORMAL = str.maketrans(
    {"ж": "j", "й": "y", "ы": "y", "х": "h", "ю": "yu", "я": "ya", "ү": "u", "ө": "o", "ң": "ng",
     "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ё": "yo", "э": "e", "ь": "", "ъ": ""}
)
_BASIC = str.maketrans(
    {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "з": "z", "и": "i", "к": "k",
     "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
     "ф": "f"}
)


def fold(word: str) -> str:
    """Lower-case Cyrillic with Kyrgyz letters folded: `Гүлнара`, `Гульнара` -> `гулнара`."""
    folded = word.lower().translate(_FOLD)
    return folded.replace("дж", "ж") if "дж" in folded else folded


def latin_key(word: str) -> str:
    """A script-independent key: `Жаныбек`, `Zhanybek`, `Janybek`, `Dzhanybek` -> `janibek`."""
    low = word.lower()
    if _CYRILLIC_RX.search(low):
        low = fold(low).translate(_TRANSLIT)
    else:
        low = low.translate(_LATIN_EXTRA)
        for src, dst in (("dzh", "j"), ("dj", "j"), ("zh", "j"), ("kh", "h"), ("gh", "g"), ("x", "ks"), ("w", "v"), ("q", "k"), ("'", "")):
            if src in low:
                low = low.replace(src, dst)
    low = _DOUBLE.sub(r"\1", low.replace("y", "i"))
    low = low.replace("ng", "n")
    # Yelena/Elena, Yevgeniy/Evgeniy: a Latin initial y- stands for the Cyrillic е-
    return low[1:] if low.startswith("ie") else low


# --- morphology (on folded, lower-case words) -------------------------------------------------
# Russian declension of -ов/-ев/-ин surnames (Асанову, Асановой, Асановым) and the Kyrgyz case
# suffixes after them (Асановдун, Асановго; feminine Асанованын, Асановага) — domain doc §5.2-5.3.
_SURNAME_RX = re.compile(
    r"^(?P<stem>[а-я-]{2,}?)(?P<suf>ов|ев|ин)"
    r"(?P<end>(?P<fem>а)(?:нын|нин|ны|ни|га|ге|да|де|дан|ден|дагы|деги|дай)?"
    r"|у|ым|ом|е|ой|ою|ы|ых|ыми"
    r"|дун|дын|дин|ду|ды|ди|го|ге|га|до|де|да|дон|ден|дан|догу|деги|дагы|дой|дей|дай)?$"
)
_SURNAME_LAT_RX = re.compile(r"^(?P<stem>[a-z-]{2,}?)(?P<suf>ov|ev|yev|iev|in)(?P<fem>a)?$")
# -ович/-евич, -овна/-евна with Russian (Жумабековича) and Kyrgyz (Жумабековичке) case endings.
_PATRONYMIC_RX = re.compile(
    r"^[а-я-]{2,}?(?:(?:ович|евич)(?:а|у|ем|е|ке|тин|ти|тен|те|тан|та|тын)?"
    r"|(?:овна|евна|ична|инична)(?:ы|е|ой|у|нын|ны|га|да|дан)?)$"
)
_PATRONYMIC_LAT_RX = re.compile(r"^[a-z]{2,}?(?:ovich|evich|ovitch|ovna|evna)$")
# Weaker Russian/Ukrainian surname shapes: also adjectives and place names (Киевская,
# Первомайский), so they count only right beside a core given name.
_WEAK_SURNAME_RX = re.compile(
    r"^[а-я]{3,}(?:(?:с|ц)к(?:ий|ая|ого|ому|им|ой|ую)|енко|ук|юк)$|^[a-z]{3,}(?:skiy|skii|sky|skaya|enko|uk)$"
)
# Kyrgyz given names are built from a few productive elements (domain doc §5.1: -бек, -бай,
# -кул/-гүл, -жан, -али/-алы, -болот): an unlisted word of that shape (Нурланбек, Саякбай,
# Таалайгүл, Kadyrjan) counts as a given name next to a surname, patronymic or уулу/кызы,
# never alone.
_GIVEN_SHAPE_RX = re.compile(r"^[а-я]{2,}(?:бек|бай|кул|гул|жан|али|алы|болот)$|^[a-z]{2,}(?:bek|bai|bay|kul|gul|jan|zhan|ali|aly|bolot)$")
# Stems that make a -ов/-ев word a Kyrgyz surname even when the stem is not listed
# (-беков, -баев, -алиев, -кулов, -матов, -бердиев: domain doc §5.1).
_PRODUCTIVE_STEMS = ("бек", "ба", "али", "алы", "кул", "гул", "мат", "берди", "назар", "жан")
_PRODUCTIVE_STEMS_LAT = ("bek", "ba", "ali", "kul", "gul", "mat", "berdi", "nazar", "jan")

# Kyrgyz case suffixes after folding (ү→у, ө→о), by length: genitive, accusative, dative,
# locative, ablative, attributive -дагы, similative -дай/-ча (domain doc §5.2, APERTIUM).
_KY_SUFFIXES = {
    4: frozenset({"дагы", "деги", "догу", "тагы", "теги", "тогу"}),
    3: frozenset({"нын", "нин", "нун", "дын", "дин", "дун", "тын", "тин", "тун", "дан", "ден", "дон",
                  "тан", "тен", "тон", "нан", "нен", "нон", "дай", "дей", "дой", "тай", "тей", "той"}),
    2: frozenset({"ны", "ни", "ну", "ды", "ди", "ду", "ты", "ти", "ту", "га", "ге", "го", "ка", "ке",
                  "ко", "да", "де", "до", "та", "те", "то", "ча", "че", "чо"}),
}
_GENITIVE_ENDINGS = ("нын", "нин", "нун", "дын", "дин", "дун", "тын", "тин", "тун")
# Russian declension of given names: Айбека, Айбеку, Айбеком, Гульнары, Гульнарой, Сергея.
_RU_ENDINGS = {2: frozenset({"ом", "ем", "ой", "ей"}), 1: frozenset({"а", "у", "ю", "я", "е", "ы", "и"})}
_RU_RESTORE = ("", "а", "я", "й")

# `уулу` (son of) / `кызы` (daughter of) and their case forms; Uzbek угли/кизи.
_PARTICLES = frozenset(
    {"уулу", "уулунун", "уулуна", "уулуну", "уулунда", "уулунан", "кызы", "кызынын", "кызына",
     "кызыны", "кызында", "кызынан", "угли", "кизи", "uulu", "uluu", "kyzy", "kizi", "qizi", "ugli"}
)
# Words before a name that make it a street, square, district or named institution.
_BLOCK_BEFORE = frozenset(
    {"ул", "улица", "улице", "улицу", "улицы", "пр", "просп", "проспект", "проспекту", "проспекта", "проспекте",
     "переулке", "бульваре", "микрорайоне", "аэропорту", "пик",
     "пер", "переулок", "бул", "бульвар", "бульвара", "мкр", "мкрн", "микрорайон", "микрорайона",
     "пл", "площадь", "площади", "им", "имени", "пгт", "село", "селе", "с", "г", "город", "ж",
     "массив", "тракт", "аэропорт", "аэропорта", "стадион", "кинотеатр", "тц", "трц", "бц",
     "st", "str", "street", "ave", "avenue", "blvd", "airport", "köchö", "kochosu", "бишкек"}
)
# Words after a name that make it a street (Ахунбаев көчөсү), district, village or "named after".
_BLOCK_AFTER = frozenset(
    {"көчөсү", "көчөсүндө", "көчөсүнө", "көчөсүнөн", "көчөсүн", "көчө", "көч", "кочосу", "проспектиси",
     "проспектисинде", "проспектисине", "бульвары", "бульварында", "району", "районунда",
     "районуна", "районунун", "район", "района", "районе", "айылы", "айылында", "айылына", "айыл",
     "шаары", "шаарында", "шаарына", "ш", "кыштагы", "облусу", "облусунда", "атындагы", "атынд",
     "улица", "street", "st", "avenue", "ave", "банк", "банкы", "банка", "bank", "телеком",
     "international", "airport", "university", "school", "prize", "reservoir", "гэс", "гэсы", "гэсинин",
     "сактагычы", "сактагычында", "сактагычындагы", "сактагычынын", "водохранилище", "водохранилища",
     "аэропорту", "аэропортунда", "аэропортуна", "аэропортунун", "университети", "университетинде",
     "мектеби", "мектебинде", "мектебинин", "стадиону", "стадионунда", "эстелиги",
     "групп", "group", "plaza", "mall", "hotel", "тауэр", "тоосу", "көлү", "суусу", "дарыясы"}
)
# Legal forms before a quoted company name: `ОсОО «Асанов и партнеры»` is a company.
_COMPANY_RX = re.compile(
    r"(?:ОсОО|ООО|ЗАО|ОАО|ПАО|АО|ЖЧК|ЖАК|ААК|ОФ|ОО|МФК|ТОО|ТД|ТЦ|ТРЦ|LLC|LLP|Ltd|Inc|компания|фирма|"
    r"магазин|кафе|ресторан|банк)\s*[«\"“„'](?P<name>[^»\"”“'\n]{1,80})[»\"”“']"
)
_QUOTE_RX = re.compile("[«\"“„']")
_EMBED_BEFORE = frozenset("@/\\_#&%+~")
_EMBED_AFTER = frozenset("@/\\_(")
_SENTENCE_END = frozenset(".!?…\n\r")

# Only the words a name can be made of are tokens: capitalised words (a capital not inside a
# word, so getUserName and Nurlan_Asanov's second half never start one), initials and the
# particles. A lower-case word between two tokens breaks the chain through the gap check.
# The pattern opens with one character class (every letter a token can start with; \u212a is
# the Kelvin sign, which IGNORECASE matches as `k`) so `re` skips to candidate positions in C;
# each branch then checks that first letter and the one before it by lookbehind. 3x faster
# than `(?<![\w-])` first, which `re` must try at every position.
_TOKEN_RX = re.compile(
    r"[A-ZА-ЯЁӨҮҢукuqk\u212a]"
    r"(?:(?<=[A-ZА-ЯЁӨҮҢ])(?<![\w.].)(?P<ini>\.(?:[ \t]?[A-ZА-ЯЁӨҮҢ]\.)?(?![a-zа-яёөүң]))"
    r"|(?<=[A-ZА-ЯЁӨҮҢ])(?<![\w-].)[^\W\d_]*(?:-[^\W\d_]+)*"
    r"|(?<![\w-].)(?i:(?<=у)(?:улу(?:нун|на|ну|нда|нан)?|гли)|(?<=к)(?:ызы(?:нын|на|ны|нда|нан)?|изи)"
    r"|(?<=u)(?:ulu|luu|gli)|(?<=k)(?:yzy|izi)|(?<=q)izi)(?!\w))"
)
# `Айбек, сен кайдасың?`: a name opening a message, then a comma and a lower-case word
_VOCATIVE_RX = re.compile(r"[ \t]*[,!][ \t]*[a-zа-яёөүң]")
_HONORIFIC_RX = re.compile(r"[ \t]+(?:эже|байке|агай|мырза|айым|апа|ага)(?!\w)")
_SURNAME_NOMINATIVE_ENDS = frozenset({"ов", "ев", "ва", "ov", "ev", "va"})
_NAMED_RX = re.compile(r"[ \t]+деген(?!\w)")
_WORD_RX = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# the words `normalize` keys: initials with their dot (`Б.`), and words
_NORMAL_WORD_RX = re.compile(r"[^\W\d_]\.|[^\W\d_]+(?:-[^\W\d_]+)*")
# self-introductions in chats, where names are often typed in lower case
# a literal alternation (no IGNORECASE): 3x cheaper than `any(w in text ...)` on every record
_INTRO_TRIGGER_RX = re.compile(
    "это |Это |зовут |атым |мен |Мен |this is |This is |my name |My name |i am |I am |i'm |I'm "
)
_INTRO_RX = re.compile(
    r"(?<!\w)(?i:это|меня зовут|зовут|атым|мен|this is|my name is|i am|i'm)[ \t]+(?P<name>[^\W\d_]{3,})(?![\w-])"
)
# the word right before / after a span, for the street and institution checks; the word before
# is matched on the reversed window: `([^\W\d_]+)([ .\t]{0,3})$` searched forwards retries
# every start position in the window
_WORD_BEFORE_REVERSED_RX = re.compile(r"([ .\t]{0,3})([^\W\d_]+)")
_WORD_AFTER_RX = re.compile(r"[ .\t]{0,3}([^\W\d_]+)(?:[ \t]{1,3}([^\W\d_]+))?")
# `Жусуп Баласагын атындагы`, `Токтогул суу сактагычы`, `Manas International Airport`: an
# institution marker may sit one word further (not a place word: `Айтматов Шекер айылында`)
_BLOCK_SKIP = frozenset({"суу", "эл", "аралык"})
_BLOCK_AFTER_2 = frozenset(
    {"атындагы", "атынд", "airport", "university", "сактагычы", "сактагычында", "сактагычындагы",
     "сактагычынын", "гэс", "гэсы", "гэсинин", "аэропорту", "аэропортунда", "аэропортуна", "аэропортунун"}
)

# Log lines repeat one template under other timestamps, ids and amounts. Every test `find`
# and `context_near` make treats the ASCII digits alike (\d, \w, isdigit, isalnum; no word
# holds one), so a text with each digit written as 0 keys their answers: 68% of the person
# recognizer's calls on bench/data/logs_20mb_p05.log hit. UTF-8 bytes, as `bytes.translate`
# is 10x faster than `str.translate` or `re.sub` on Cyrillic; `surrogatepass` keeps the key
# one-to-one.
_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")
_FIND_CACHE_MAX_CHARS = 1024  # longer texts rarely repeat and would make big keys
_FIND_CACHE_LIMIT = 8_192  # ~4 MB; 32,768 saved little more time and cost ~18 MB a process


def _text_key(text: str) -> bytes | None:
    """The cache key of a text: its UTF-8 with each ASCII digit written as 0; None if too long."""
    if len(text) > _FIND_CACHE_MAX_CHARS:
        return None
    return text.encode("utf-8", "surrogatepass").translate(_DIGITS_AS_ZERO)


# Token roles: G core given, A given that is also a common word, E extension-list given,
# S surname, s weak surname, P patronymic, U particle уулу/кызы, X `Нурлан-уулу` in one word,
# I initials, C another capitalised word. Patterns are tried longest first at each token.
_ANY_GIVEN = "GAE"
_NAMEISH = "GAEC"
_FATHER = "GAECS"  # the father's name before уулу/кызы may itself be a surname (Үмүтбеков уулу)
_PATTERNS: tuple[tuple[tuple[str, ...], float], ...] = (
    (("S", _NAMEISH, "P"), 0.9),
    (("s", _ANY_GIVEN, "P"), 0.9),  # Шевченко Елена Викторовна
    ((_NAMEISH, "P", "S"), 0.9),
    ((_ANY_GIVEN, _FATHER, "U"), 0.9),
    ((_FATHER, "U", _ANY_GIVEN), 0.9),
    (("I", "U", "I"), 0.8),
    ((_ANY_GIVEN, "X"), 0.9),
    (("X", _ANY_GIVEN), 0.9),
    ((_FATHER, "U"), 0.85),
    (("S", _ANY_GIVEN), 0.85),
    ((_ANY_GIVEN, "S"), 0.85),
    (("G", "s"), 0.7),
    (("s", "G"), 0.7),
    ((_NAMEISH, "P"), 0.85),
    (("S", "I"), 0.85),
    (("I", "S"), 0.85),
    (("s", "I"), 0.7),
    (("I", "s"), 0.7),
    (("C", "I"), 0.7),
    (("G", "G"), 0.6),
    (("G", "A"), 0.5),
    (("A", "G"), 0.5),
    (("X",), 0.85),
)

_PATTERNS_BY_ROLE: dict[str, tuple] = {
    role: tuple(p for p in _PATTERNS if role in p[0][0]) for role in "GAESsPUXIC"
}


@lru_cache(maxsize=None)  # keyed by at most 3 roles of a small alphabet: a few hundred entries
def _patterns_for(run: tuple[str, ...]) -> tuple[tuple[int, float, str], ...]:
    """(length, score, joined roles) of the patterns, best first, that fit the roles of a run of
    linked tokens (up to 3, the longest pattern)."""
    fits = []
    for pattern, score in _PATTERNS_BY_ROLE.get(run[0], ()):
        k = len(pattern)
        if k <= len(run) and all(run[j] in pattern[j] for j in range(1, k)):
            fits.append((k, score, "".join(run[:k])))
    return tuple(fits)


def _word_start_regex(words: Iterable[str]) -> re.Pattern | None:
    r"""`(?<!\w)(?:word|...)` for yes/no tests, written as a trie that opens with one character
    class, so `re` skips to candidate positions in C instead of trying every word everywhere.

    >>> bool(_word_start_regex(["клиент", "кардар"]).search("для клиента"))
    True
    """
    minimal: list[str] = []
    for word in sorted({w.lower() for w in words if w}):
        # a word that extends another (`клиента` after `клиент`) cannot change a yes/no answer
        if not minimal or not word.startswith(minimal[-1]):
            minimal.append(word)
    if not minimal:
        return None

    def trie(rests: list[str]) -> str:
        by_first: dict[str, list[str]] = {}
        for rest in rests:
            by_first.setdefault(rest[0], []).append(rest[1:])
        alts = [re.escape(ch) + (trie(tails) if tails != [""] else "") for ch, tails in by_first.items()]
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    by_first: dict[str, list[str]] = {}
    for word in minimal:
        by_first.setdefault(word[0], []).append(word[1:])
    # the first letter is consumed by the class, then `(?<!\w.)` looks at the one before it
    branches = [
        "(?<=" + re.escape(ch) + ")" + (trie(tails) if tails != [""] else "") for ch, tails in by_first.items()
    ]
    first = "".join(re.escape(ch) for ch in by_first)
    return re.compile("[" + first + r"](?<!\w.)(?:" + "|".join(branches) + ")")


def _word_before(text: str, pos: int, window: int) -> tuple[str, str] | None:
    """(word, gap) of the letters and the 0-3 spaces or dots ending at `pos`, within `window`
    characters before it: `ул. Ахунбаева`, pos at `А` -> ("ул", ". ")."""
    lo = max(0, pos - window)
    if pos > lo and text[pos - 1] == "\n":
        pos -= 1  # as `$` also matches before a final newline
    m = _WORD_BEFORE_REVERSED_RX.match(text[lo:pos][::-1])
    return (m.group(2)[::-1], m.group(1)[::-1]) if m else None


def _style(word: str) -> str:
    """T title case (each hyphen part), U all capitals, L lower case, M mixed (code, camelCase)."""
    if len(word) > 1 and word.isupper():
        return "U"
    if word[0].islower():
        return "L"
    for j, part in enumerate(word.split("-")):
        if not part:
            continue
        if part[0].islower() and j == 0 or any(c.isupper() for c in part[1:]):
            return "M"
    return "T"


class _Token:
    __slots__ = ("start", "end", "text", "roles", "lone", "style", "anchor", "genitive")

    def __init__(self, start, end, text, roles, lone, style, anchor, genitive):
        self.start, self.end, self.text = start, end, text
        self.roles, self.lone, self.style = roles, lone, style
        self.anchor, self.genitive = anchor, genitive


class _Lexicon:
    """The word lists, folded into sets once per process."""

    def __init__(self):
        def folded(name):
            return {fold(w) for w in load_word_list(name)}

        self.not_names = folded("not_names.txt")
        self.ambiguous = folded("name_common_words.txt")
        core = (folded("given_names_ky.txt") | folded("given_names_ru.txt") | self.ambiguous) - self.not_names
        self.core = core - self.ambiguous
        self.ext = folded("given_names_ext.txt") - core - self.not_names
        self.surnames = folded("surnames.txt") - self.not_names
        self.given_all = core | self.ext
        lat = {}
        for tier, names in (("E", self.ext), ("A", self.ambiguous), ("G", self.core)):
            for name in names:
                lat[latin_key(name)] = tier
        self.latin_given = lat
        self.latin_not = {latin_key(w) for w in self.not_names if w.isascii()} | {
            w.lower() for w in load_word_list("not_names.txt") if w.isascii()
        }
        self.latin_surnames = {latin_key(s) for s in self.surnames}
        # extension-list names are never reported alone, and a span holding one also holds a
        # surname, patronymic or particle that the regex or the keywords below catch
        raw = [w for n in ("given_names_ky.txt", "given_names_ru.txt", "name_common_words.txt")
               for w in load_word_list(n)]
        self.keywords = self._keywords(raw)

    def _keywords(self, names: list[str]) -> frozenset[str]:
        """Literal lower-case spellings for the engine's Aho-Corasick prefilter."""
        out = set(_PARTICLES) | {"ким", "тен", "цой"}
        for name in names:
            low = name.lower()
            if len(low) < 4 or fold(low) in self.not_names:
                # 2-3 letter names (Ай, Нур, Али) are substrings of half the language
                continue
            out.add(low)
            out.add(fold(low))
            if len(low) >= 6 and low[-1] in "ая":
                # Russian case forms change the final vowel: Гульнаре, Гульнары, Гульнарой
                out.add(low[:-1])
                out.add(fold(low)[:-1])
            for table in (_PASSPORT, _INFORMAL):
                out.add(low.translate(table).translate(_BASIC))
        return frozenset(out)


class KgPersonRecognizer(KgRecognizer):
    """PERSON: Kyrgyz, Russian and other names of people, Cyrillic and Latin, in any case form.

    >>> rec = KgPersonRecognizer()
    >>> [(r.start, r.end, r.score) for r in rec.find("Получатель: Айгүл Токтогул кызы")]
    [(12, 31, 0.9)]
    """

    ENTITY = "PERSON"
    CONTEXT = (
        "клиент", "получател", "отправител", "кардар", "курьер", "менеджер", "фио", "ф.и.о",
        "аты-жөнү", "аты-жону", "аты", "атым", "аттуу", "фамил", "имя", "отчеств", "fio", "name",
        "surname", "firstname", "lastname", "fullname", "customer", "recipient", "sender",
        "оператор", "сотрудник", "гражданин", "гражданка", "жаран", "уважаем", "урматтуу", "hello",
        "dear", "салам", "здравствуй", "привет", "добрый", "mr", "mrs", "miss", "г-н", "г-жа",
        "господин", "госпож", "мырза", "айым", "эже", "байке", "агай", "пациент", "студент",
        "ученик", "покупател", "заказчик", "абонент", "владел", "ээси", "заявител", "водител",
        "айдоочу", "врач", "дарыгер", "директор", "президент", "министр", "депутат", "төрага",
        "председател", "мэр", "аким", "судья", "employee", "passenger", "пассажир", "автор",
        "author", "contact", "зовут", "деди", "деп", "билдирди", "айтты", "айтымында", "заявил",
        "сообщил", "сказал", "отметил", "подписал", "исполнитель", "ответственн", "жооптуу",
        "кол койду", "ишкер", "предприниматель", "ип",
        # roles and titles before a name in news (prefixes: `министр` covers `министри`, `министра`)
        "губернатор", "спикер", "премьер", "омбудсмен", "акыйкатчы", "элчи", "посол", "журналист",
        "жазуучу", "акын", "артист", "певец", "певиц", "ырчы", "спортчу", "балбан", "адвокат",
        "башчы", "глава", "экс-", "minister", "president", "speaker", "mayor", "governor", "ms",
        "journalist", "writer", "former", "по словам", "по имени",
        # chat verbs addressed to a person
        "передай", "позвон", "перезвон", "звонил", "сообщите", "написал", "спасибо", "рахмат",
        "thanks", "thank you", "this is",
    )
    # Surname and patronymic shapes (also under case endings) and paired initials; factored on
    # the capital letter so `re` skips other positions fast (5x faster than a plain alternation).
    PREFILTER_REGEX = (
        r"[А-ЯЁӨҮҢA-Z](?:[а-яёөүңьъ]+(?:ов|ев|ёв|ин)|[А-ЯЁӨҮҢ]+(?:ОВ|ЕВ|ЁВ|ИН)|[a-z]+(?:ov|ev|in)"
        r"|[A-Z]+(?:OV|EV|IN)|\.[ \t]?[А-ЯЁӨҮҢA-Z]\.)"
    )

    _lexicon: _Lexicon | None = None
    _lexicon_lock = threading.Lock()
    _CACHE_LIMIT = 200_000

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._token_cache: dict[str, tuple] = {}
        self._normal_cache: dict[str, str] = {}
        self._find_cache: dict[bytes, tuple[tuple, dict | None]] = {}
        self._last_find: tuple[str, dict | None] | None = None   # (text, its span -> context dict)

    # --- word lists ----------------------------------------------------------------------
    @classmethod
    def lexicon(cls) -> _Lexicon:
        """The folded word lists, built on first use and shared by every instance."""
        if cls._lexicon is None:
            with cls._lexicon_lock:
                if cls._lexicon is None:
                    cls._lexicon = _Lexicon()
        return cls._lexicon

    def load(self) -> None:
        self.lexicon()

    def prefilter_keywords(self) -> Iterable[str]:
        return self.lexicon().keywords

    @cached_property
    def _context_regex(self) -> re.Pattern | None:
        """The base class's context regex, in the faster form of `_word_start_regex`."""
        return _word_start_regex(self.context)

    def context_near(self, text: str, start: int, end: int) -> bool:
        """Context words, except for a name that is also a common word opening a sentence:
        `Рахмат, баары жакшы. Бакыт жана ден соолук` is "happiness", whatever stands before it."""
        if not self._context_digit_free:
            spans = None
        elif (last := self._last_find) is not None and last[0] is text:
            spans = last[1]   # `analyze` asks right after `find` on the same text
        else:
            entry = self._find_cache.get(_text_key(text))
            spans = entry[1] if entry is not None else None
        near = spans.get((start, end)) if spans is not None else None
        if near is None:
            word = text[start:end]
            if self._sentence_start(text, start) and self._classify(word)[0] == "A":
                near = False
            else:
                near = super().context_near(text, start, end)
            if spans is not None:
                spans[(start, end)] = near
        return near

    @cached_property
    def _context_digit_free(self) -> bool:
        """Whether the context words, like `find`, treat all digits alike (the default ones do)."""
        return not any(ch in "0123456789" for word in self.context for ch in word)

    # --- word classification -------------------------------------------------------------
    def _given_tier(self, folded: str) -> str:
        lex = self.lexicon()
        if folded in lex.core:
            return "G"
        if folded in lex.ambiguous:
            return "A"
        if folded in lex.ext:
            return "E"
        return ""

    def _inflected_given(self, folded: str) -> tuple[str, str]:
        """(tier, stem) of a given name under a Kyrgyz or Russian case ending, else ("", "")."""
        n = len(folded)
        for k in (4, 3, 2):
            if n - k >= 3 and folded[-k:] in _KY_SUFFIXES[k]:
                stem = folded[:-k]
                tier = self._given_tier(stem)
                if tier:
                    return tier, stem
        best = ("", "")
        for k in (2, 1):
            if n - k >= 3 and folded[-k:] in _RU_ENDINGS[k]:
                base = folded[:-k]
                for add in _RU_RESTORE:
                    tier = self._given_tier(base + add)
                    if tier and tier != "E":
                        return tier, base + add
                    if tier and not best[0]:
                        best = (tier, base + add)  # Гульнаре: гульнар (ext) only if гульнара is not core
        return best

    def _surname_score(self, stem: str, suf: str, nominative: str) -> float:
        """Lone score of a surname-shaped word: 0.45 for a known stem, else lower or 0."""
        lex = self.lexicon()
        known = nominative in lex.surnames or stem in lex.given_all or stem + "й" in lex.given_all
        if suf == "ин":
            # Бакытын, Магазин: -ин is also a Kyrgyz possessive ending and a loanword ending
            if nominative in lex.surnames:
                return 0.45
            return 0.3 if (stem + "а" in lex.given_all or known) else 0.0
        if known or stem.endswith(_PRODUCTIVE_STEMS):
            return 0.45
        return 0.3

    def _classify(self, word: str) -> tuple:
        """(roles, lone score, style, anchor, genitive) of one word, cached per spelling."""
        cached = self._token_cache.get(word)
        if cached is not None:
            return cached
        result = self._classify_uncached(word)
        if len(self._token_cache) >= self._CACHE_LIMIT:
            self._token_cache.clear()
        self._token_cache[word] = result
        return result

    def _classify_uncached(self, word: str) -> tuple:
        lex = self.lexicon()
        style = _style(word)
        if style == "M":
            return ("", 0.0, style, False, False)  # getUserName, McDonald: code or not a name
        low = word.lower()
        if low in _PARTICLES or fold(low) in _PARTICLES:
            return ("U", 0.0, style, True, False)
        if style == "L":
            return ("", 0.0, style, False, False)
        if "-" in word:
            return self._classify_hyphenated(word, style)
        folded = fold(word)
        if folded in lex.not_names or (word.isascii() and low in lex.latin_not):
            return ("", 0.0, style, False, False)
        genitive = folded.endswith(_GENITIVE_ENDINGS)
        if word.isascii():
            return self._classify_latin(low, style)
        tier = self._given_tier(folded)
        if tier:
            lone = {"G": 0.4, "A": 0.4, "E": 0.0}[tier]
            return (tier, lone, style, len(folded) >= 4 and tier != "E", False)
        if _PATRONYMIC_RX.match(folded):
            return ("P", 0.45, style, True, False)
        m = _SURNAME_RX.match(folded)
        if m:
            stem, suf = m.group("stem"), m.group("suf")
            score = self._surname_score(stem, suf, stem + suf)
            if score:
                return ("S", score, style, True, False)
            tier, _stem = self._inflected_given(folded)
            if tier:  # Эркину, Бакытына: a given name's case form, not an -ин surname
                lone = {"G": 0.4, "A": 0.4, "E": 0.0}[tier]
                return (tier, lone, style, len(folded) >= 4 and tier != "E", True)
            return ("s", 0.0, style, True, False)
        if folded in lex.surnames:
            return ("S", 0.45, style, len(folded) >= 3, False)
        tier, _stem = self._inflected_given(folded)
        if tier:
            lone = {"G": 0.4, "A": 0.4, "E": 0.0}[tier]
            return (tier, lone, style, len(folded) >= 4 and tier != "E", True)
        if _WEAK_SURNAME_RX.match(folded):
            return ("s", 0.0, style, True, False)
        if _GIVEN_SHAPE_RX.match(folded):
            return ("E", 0.0, style, False, False)
        if len(word) < 2:
            return ("", 0.0, style, False, False)
        return ("C", 0.0, style, False, genitive)

    def _classify_latin(self, low: str, style: str) -> tuple:
        lex = self.lexicon()
        key = latin_key(low)
        tier = lex.latin_given.get(key, "")
        if tier and len(key) >= 3:
            # a lone Latin given name only when its exact spelling is a prefilter keyword
            lone = {"G": 0.4, "A": 0.4, "E": 0.0}[tier] if low in lex.keywords else 0.0
            return (tier, lone, style, tier != "E" and low in lex.keywords, False)
        if _PATRONYMIC_LAT_RX.match(low):
            return ("P", 0.45, style, True, False)
        m = _SURNAME_LAT_RX.match(low)
        if m:
            stem = latin_key(m.group("stem"))
            suf = m.group("suf")
            nominative = latin_key(m.group("stem") + suf)
            known = nominative in lex.latin_surnames or stem in lex.latin_given or stem + "i" in lex.latin_given
            if suf == "in":
                if nominative in lex.latin_surnames:
                    return ("S", 0.45, style, True, False)
                return ("s", 0.0, style, True, False)
            if known or stem.endswith(_PRODUCTIVE_STEMS_LAT):
                return ("S", 0.45, style, True, False)
            return ("S", 0.3, style, True, False)
        if key in lex.latin_surnames:
            return ("S", 0.45, style, len(key) >= 3, False)
        if _WEAK_SURNAME_RX.match(low):
            return ("s", 0.0, style, True, False)
        if _GIVEN_SHAPE_RX.match(low):
            return ("E", 0.0, style, False, False)
        if len(low) < 2:
            return ("", 0.0, style, False, False)
        return ("C", 0.0, style, False, False)

    def _classify_hyphenated(self, word: str, style: str) -> tuple:
        lex = self.lexicon()
        if fold(word) in lex.not_names:
            return ("", 0.0, style, False, False)
        parts = word.split("-")
        if fold(parts[-1]) in _PARTICLES and len(parts) == 2 and parts[0][:1].isupper():
            return ("X", 0.0, style, True, False)  # Нурлан-уулу
        roles = [self._classify(p)[0] for p in parts if p]
        if "S" in roles:
            return ("S", 0.45, style, True, False)  # Хашим-Ходжаева, Петрова-Водкина
        if roles and all(r in ("G", "A", "E") for r in roles):
            return ("G" if "G" in roles else roles[0], 0.2, style, True, False)
        if roles and roles[0] in ("G", "A", "E") and all(r in ("G", "A", "E", "C") for r in roles):
            return ("E", 0.0, style, False, False)  # Касым-Жомарт: counts only beside a surname
        return ("C", 0.0, style, False, False)

    # --- finding -------------------------------------------------------------------------
    def _tokens(self, text: str) -> tuple[list[_Token], bool]:
        """The candidate words of `text`, and whether one of them can be a name part (a word
        of another role than C or none): without one, `find` has nothing to report.

        A word of no role (INFO, an e-mail's part) is left out: it only breaks a chain, and
        the letters it leaves between its neighbours break it too. Except right after
        initials (`Б.Ж.INFO`), where `_match_at` sees it."""
        tokens: list[_Token] = []
        append = tokens.append
        n = len(text)
        prev_initial_end = -1
        name_part = False
        cached = self._token_cache.get
        for m in _TOKEN_RX.finditer(text):
            s, e = m.span()
            word = m.group()
            if m.lastindex:  # the one group, `ini`: initials
                append(_Token(s, e, word, "I", 0.0, "T", word.count(".") == 2, False))
                prev_initial_end = e
                name_part = True
                continue
            info = cached(word) or self._classify(word)
            if not info[0] and s != prev_initial_end:
                continue
            before = text[s - 1] if s else " "
            after = text[e] if e < n else " "
            if (
                before in _EMBED_BEFORE
                or after in _EMBED_AFTER
                or after.isdigit()
                or (before == "." and s != prev_initial_end and s >= 2 and text[s - 2].isalnum())
                or (after == "." and e + 1 < n and text[e + 1].isalnum())
            ):
                # part of an e-mail, URL, path or identifier: never a name, and breaks a chain
                append(_Token(s, e, word, "", 0.0, "M", False, False))
                continue
            roles, lone, style, anchor, genitive = info
            append(_Token(s, e, word, roles, lone, style, anchor, genitive))
            if roles and roles != "C":
                name_part = True
        return tokens, name_part

    @staticmethod
    def _links(text: str, tokens: list[_Token]) -> list[bool]:
        """links[i]: token i and token i+1 are parts of one name (only spaces between)."""
        links = []
        for left, right in zip(tokens, tokens[1:]):
            if left.end == right.start:
                links.append(left.roles == "I")  # Б.Ж.Асанов
            elif not left.roles or not right.roles or right.start - left.end > 3:
                links.append(False)
            else:
                links.append(not text[left.end : right.start].strip(" \t"))
        return links

    def _match_at(self, tokens: list[_Token], links: list[bool], i: int) -> tuple[int, float]:
        """(number of tokens, score) of the best name pattern starting at token i."""
        run = [tokens[i].roles]
        j, n = i, len(tokens)
        while len(run) < 3 and j + 1 < n and links[j]:
            j += 1
            run.append(tokens[j].roles)
        for k, score, roles in _patterns_for(tuple(run)):
            window = tokens[i : i + k]
            if "U" in roles and roles != "IUI":
                u = roles.index("U")
                father = window[u - 1] if u else None
                # `Айгүлдүн кызы` is "Aigul's daughter": a father's name is in the nominative
                if father is None or father.genitive:
                    continue
                if father.roles == "C":
                    if father.style == "U":
                        continue
                    score = min(score, 0.75)
            if roles == "CI" and window[1].text.count(".") < 2:
                continue  # one initial after an unknown word: `Пункт А.`
            if roles == "CP":
                score = 0.8
            if not any(t.anchor for t in window):
                continue
            return k, score
        return 0, 0.0

    @staticmethod
    def _blocked(text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> bool:
        """A street, district, institution or company named after a person is not a person."""
        before = _word_before(text, start, 24)
        if before and before[0].lower() in _BLOCK_BEFORE and (len(before[0]) > 1 or "." in before[1]):
            return True
        m = _WORD_AFTER_RX.match(text, end)
        if m:
            first = m.group(1)
            if first.lower() in _BLOCK_AFTER:
                return True
            second = m.group(2)
            if second and second.lower() in _BLOCK_AFTER_2 and (first[0].isupper() or first in _BLOCK_SKIP):
                return True
        return any(qs <= start and end <= qe for qs, qe in quoted)

    @staticmethod
    def _sentence_start(text: str, pos: int) -> bool:
        j = pos - 1
        while j >= 0 and text[j] in " \t-–—•*>\"«“'(":
            j -= 1
        return j < 0 or text[j] in _SENTENCE_END

    def find(self, text: str) -> list[RecognizerResult]:
        """Names in `text`, computed once per text with its digits written as 0."""
        key = _text_key(text)
        if key is None:
            self._last_find = (text, None)
            return self._find_uncached(text)
        entry = self._find_cache.get(key)
        if entry is None:
            results = self._find_uncached(text)
            found = tuple(
                (r.start, r.end, r.analysis_explanation.original_score, r.score,
                 r.analysis_explanation.textual_explanation)
                for r in results
            )
            if len(self._find_cache) >= _FIND_CACHE_LIMIT:
                self._find_cache.clear()
            # the dict remembers `context_near` per span for `analyze`
            entry = self._find_cache[key] = (found, {} if found else None)
            self._last_find = (text, entry[1])
            return results
        self._last_find = (text, entry[1])
        results = []
        for start, end, original, score, reason in entry[0]:
            res = self.result(start, end, original, reason)
            if score != original:  # raised by `_corefer_surnames`
                res.score = score
                res.analysis_explanation.set_improved_score(score)
            results.append(res)
        return results

    def _find_uncached(self, text: str) -> list[RecognizerResult]:
        tokens, name_part = self._tokens(text)
        if not name_part:
            # every pattern and lone name needs a word of another role than C (initials, a
            # surname, patronymic, particle or given name)
            return self._introduced_lowercase(text, []) if _INTRO_TRIGGER_RX.search(text) else []
        links = self._links(text, tokens)
        quoted = None
        results = []
        full_names = 0
        i, n = 0, len(tokens)
        while i < n:
            tok = tokens[i]
            if not tok.roles or (tok.roles == "C" and (i + 1 >= n or not links[i])):
                i += 1
                continue
            k, score = self._match_at(tokens, links, i) if i + 1 < n and links[i] or tok.roles == "X" else (0, 0.0)
            if not k and tok.roles == "C" and self._unlisted_given(text, tokens, links, i):
                k, score = 2, 0.6
            if not k:
                k, score = 1, tok.lone
                if not score or not tok.anchor:
                    i += 1
                    continue
                if tok.roles == "A" and self._sentence_start(text, tok.start):
                    # `Бакыт жана ден соолук`: a common noun opening a sentence, unless an
                    # honorific follows (`Айдай эже, тамак даяр!`)
                    score = 0.55 if _HONORIFIC_RX.match(text, tok.end) else 0.15
                elif tok.style == "U":
                    score = min(score, 0.3)
                elif tok.roles == "G" and _VOCATIVE_RX.match(text, tok.end) and self._sentence_start(text, tok.start):
                    score = 0.55  # `Айбек, сен кайдасың?`: a chat opening by addressing someone
                elif tok.roles == "G" and _NAMED_RX.match(text, tok.end):
                    score = 0.55  # `Асылбек деген бала`; not for Бакыт: `Бакыт деген эмне?`
            else:
                full_names += 1
            start, end = tok.start, tokens[i + k - 1].end
            if quoted is None:
                quoted = [m.span("name") for m in _COMPANY_RX.finditer(text)] if _QUOTE_RX.search(text) else []
            if not self._blocked(text, start, end, quoted):
                reason = "name pattern" if k > 1 or tok.roles == "X" else "lone name part"
                results.append(self.result(start, end, score, reason))
            i += k
        if full_names and len(results) > 1:
            self._corefer_surnames(text, results)
        if _INTRO_TRIGGER_RX.search(text):
            results.extend(self._introduced_lowercase(text, results))
        return results

    def _unlisted_given(self, text: str, tokens: list[_Token], links: list[bool], i: int) -> bool:
        """`депутат Шабдан Сагынбаев`, `said Atyr Abdrakhmatova`: an unlisted capitalised word
        right before an -ов/-ев surname of a known stem, after a lower-case word or a title, and
        not itself a title (`Депутат Бекешев`) or a capitalised log verb (`] Получит Соколов`)."""
        tok = tokens[i]
        nxt = tokens[i + 1]
        if nxt.roles != "S" or nxt.lone < 0.45 or tok.style != "T" or len(tok.text) < 4:
            return False
        if nxt.text[-2:].lower() not in _SURNAME_NOMINATIVE_ENDS:
            return False
        rx = self._context_regex
        if rx is None or rx.match(tok.text.lower()) or tok.text.lower() in _BLOCK_BEFORE:
            return False
        before_gap = _word_before(text, tok.start, 40)
        if before_gap is None or before_gap[1] not in (" ", "\t"):
            return False
        before = before_gap[0]
        return before.islower() or bool(rx.match(before.lower()))

    def _surname_key(self, word: str) -> str:
        """Gender- and case-free key of a surname-shaped word: Ташиевге, Ташиева -> `ташиев`."""
        folded = fold(word) if not word.isascii() else latin_key(word)
        m = (_SURNAME_RX if not word.isascii() else _SURNAME_LAT_RX).match(folded)
        if m:
            return m.group("stem") + m.group("suf")
        return folded

    def _corefer_surnames(self, text: str, results: list[RecognizerResult]) -> None:
        """A lone surname that already appeared in a full name in the same text is that person.

        News name someone once in full (`Камчыбек Ташиев заявил`) and by surname after that
        (`Позже Ташиев посетил`, `Ташиевге кайрылышты`); the later mentions get 0.6.
        """
        seen = set()
        lone = []
        for res in results:
            words = _WORD_RX.findall(text, res.start, res.end)
            if len(words) > 1:
                for word in words:
                    if self._classify(word)[0] == "S":
                        seen.add(self._surname_key(word))
            elif res.score < 0.5 and words and self._classify(words[0])[0] == "S":
                lone.append((res, words[0]))
        for res, word in lone:
            if self._surname_key(word) in seen:
                res.score = 0.6
                if res.analysis_explanation is not None:
                    res.analysis_explanation.set_improved_score(0.6)

    def _introduced_lowercase(self, text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
        """`привет, это айгерим`, `меня зовут нурлан`: a lower-case core given name after an intro."""
        out = []
        lex = self.lexicon()
        for m in _INTRO_RX.finditer(text):
            word = m.group("name")
            if word[0].isupper() or fold(word) not in lex.core:
                continue
            s, e = m.span("name")
            if not any(r.start < e and s < r.end for r in results):
                out.append(self.result(s, e, 0.6, "introduced name"))
        return out

    # --- normalization -------------------------------------------------------------------
    def normalize(self, value: str) -> str:
        """Script-, case- and order-independent form: `Асанов Бакыт`, `BAKYT ASANOV` -> `asanov bakit`."""
        cache = self._normal_cache
        parts = []
        for word in _NORMAL_WORD_RX.findall(value):
            part = cache.get(word)
            if part is None:
                part = self._normal_word(word)
                if len(cache) >= self._CACHE_LIMIT:
                    cache.clear()
                cache[word] = part
            parts.append(part)
        return " ".join(sorted(parts))

    def _normal_word(self, word: str) -> str:
        """The key of one word of a name: an initial (`Б.`), or a word in its nominative."""
        if word.endswith("."):
            return latin_key(word[:-1])
        if word.isascii():
            return latin_key(word.lower())
        return latin_key(self._nominative(fold(word)))

    def _nominative(self, folded: str) -> str:
        lex = self.lexicon()
        if folded in lex.given_all or folded in _PARTICLES:
            return folded
        m = _SURNAME_RX.match(folded)
        if m:
            end = m.group("end") or ""
            base = m.group("stem") + m.group("suf")
            # Russian feminine forms (Асановой, Асанову as accusative of Асанова) stay feminine
            return base + "а" if m.group("fem") or end in ("ой", "ою") else base
        if _PATRONYMIC_RX.match(folded):
            for tail in ("ичем", "ичке", "ичтин", "ичти", "ича", "ичу", "иче"):
                if folded.endswith(tail):
                    return folded[: -len(tail)] + "ич"
            for tail in ("ной", "ны", "не", "ну", "нанын", "наны", "нага", "нада", "надан"):
                if folded.endswith(tail) and not folded.endswith("на"):
                    return folded[: -len(tail)] + "на"
            return folded
        _tier, stem = self._inflected_given(folded)
        return stem or folded
