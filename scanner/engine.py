"""Records -> findings: the only place that calls recognizers.

The fast path runs every recognizer's prefilter over a whole batch of records in one
pass (a compiled regex per distinct prefilter, an Aho-Corasick automaton for keyword
lists), then calls only the recognizers whose prefilter hit a record, on that record.
The `presidio` mode sends every record through a Presidio `AnalyzerEngine` built on the
same recognizers (for comparison and for users who add their own Presidio recognizers).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable, Iterator, Sequence

from .findings import Finding
from .keys import Keyed
from .preview import mask_preview
from .sources.base import Record

BATCH_RECORDS = 4096
BATCH_CHARS = 1 << 20
# Fingerprint and preview of recently seen values: logs repeat the same phone, IP or
# e-mail on many lines. Cleared when full (a bound on memory, not an LRU).
VALUE_CACHE_SIZE = 1 << 16


@dataclass(frozen=True)
class EngineOptions:
    """What the engine looks for and how."""

    entities: tuple[str, ...] | None = None   # None: every entity type
    min_score: float = 0.5
    mode: str = "fast"                         # "fast" or "presidio"


def resolve_overlaps(results: list) -> list:
    """Keep one result per stretch of text: the longest, then the highest score.

    A phone inside a card number, a name inside an address, a date inside a ПИН:
    the containing span wins.
    """
    if len(results) < 2:
        return results
    ordered = sorted(results, key=lambda r: (-(r.end - r.start), -r.score, r.start))
    kept: list = []
    for res in ordered:
        if all(res.end <= k.start or res.start >= k.end for k in kept):
            kept.append(res)
    kept.sort(key=lambda r: r.start)
    return kept


class Prefilter:
    """Which recognizers could match which texts, found in one pass over a batch.

    Every recognizer's `PREFILTER_REGEX` runs over the batch joined into one string,
    and its `prefilter_keywords()` through one Aho-Corasick automaton over the lower-cased
    batch. With hyperscan installed (the `fast` extra), the regexes run as one hyperscan
    database over the batch's UTF-8 bytes instead: each regex is compiled exactly when
    hyperscan accepts it (the recognizer may give a look-around-free `PREFILTER_HYPERSCAN`
    with the same lines matching); otherwise in hyperscan's prefilter mode, a superset,
    and the lines it flags are confirmed with Python's `re`. Either way a text is a
    candidate for exactly the recognizers whose regex or keywords match in it.
    """

    def __init__(self, recognizers: Sequence, use_hyperscan: bool | None = None):
        self.always: list[int] = []
        by_regex: dict[str, list[int]] = {}
        hs_forms: dict[str, str] = {}
        keywords: dict[str, set[int]] = {}
        for i, rec in enumerate(recognizers):
            regex = getattr(rec, "PREFILTER_REGEX", None)
            kws = rec.prefilter_keywords() if hasattr(rec, "prefilter_keywords") else None
            if regex is None and kws is None:
                self.always.append(i)
                continue
            if regex is not None:
                by_regex.setdefault(regex, []).append(i)
                if getattr(rec, "PREFILTER_HYPERSCAN", None):
                    hs_forms[regex] = rec.PREFILTER_HYPERSCAN
            for kw in kws or ():
                keywords.setdefault(kw.lower(), set()).add(i)
        self.regexes = [(re.compile(rx), idxs) for rx, idxs in by_regex.items()]
        self.automaton = None
        if keywords:
            import ahocorasick

            automaton = ahocorasick.Automaton()
            for kw, idxs in keywords.items():
                automaton.add_word(kw, tuple(sorted(idxs)))
            automaton.make_automaton()
            self.automaton = automaton
        self.hyperscan = None
        if use_hyperscan is not False and self.regexes:
            self.hyperscan = _HyperscanRegexes.build([(rx, hs_forms.get(rx)) for rx in by_regex])
            if self.hyperscan is None and use_hyperscan:
                raise RuntimeError("hyperscan is not installed (pip install 'kgpii[fast]')")

    def candidates(self, texts: Sequence[str]) -> list[set[int]]:
        """For each text, the indices of the recognizers worth calling on it."""
        cand: list[set[int]] = [set(self.always) for _ in texts]
        if not texts:
            return cand
        joined = "\n".join(texts)
        if self.hyperscan is not None:
            self._regex_hits_hyperscan(texts, cand)
        else:
            self._regex_hits(texts, joined, cand)
        if self.automaton is not None:
            starts = _starts(texts)
            lowered = joined.lower()
            for end, idxs in self.automaton.iter(lowered):
                cand[bisect_right(starts, end) - 1].update(idxs)
        return cand

    def _regex_hits(self, texts: Sequence[str], joined: str, cand: list[set[int]]) -> None:
        starts = _starts(texts)
        n = len(texts)
        for regex, idxs in self.regexes:
            search = regex.search
            at = 0
            while True:
                m = search(joined, at)
                if m is None:
                    break
                i = bisect_right(starts, m.start()) - 1
                cand[i].update(idxs)
                # the rest of this text is already a candidate: jump to the next one
                at = starts[i + 1] if i + 1 < n else len(joined)
                if at <= m.start():
                    at = m.end() or m.start() + 1

    def _regex_hits_hyperscan(self, texts: Sequence[str], cand: list[set[int]]) -> None:
        encoded = [t.encode("utf-8", "surrogatepass") for t in texts]
        starts = []
        pos = 0
        for b in encoded:
            starts.append(pos)
            pos += len(b) + 1
        hits: set[tuple[int, int]] = set()
        add = hits.add

        def on_match(pattern: int, _from: int, to: int, _flags: int, _ctx) -> None:
            # `to - 1` is the match's last byte: a match never spans texts (the patterns
            # cannot cross a newline except as their last character, which is the
            # newline after the text they matched in)
            add((bisect_right(starts, to - 1) - 1, pattern))

        self.hyperscan.database.scan(b"\n".join(encoded), match_event_handler=on_match)
        confirm = self.hyperscan.confirm
        for i, pattern in hits:
            idxs = self.regexes[pattern][1]
            if cand[i].issuperset(idxs):
                continue
            check = confirm[pattern]
            if check is None or check(texts[i]):
                cand[i].update(idxs)

    def __getstate__(self) -> dict:   # hyperscan databases do not pickle: rebuilt on arrival
        state = dict(self.__dict__)
        state["_hyperscan_specs"] = self.hyperscan.specs if self.hyperscan is not None else None
        state["hyperscan"] = None
        return state

    def __setstate__(self, state: dict) -> None:
        specs = state.pop("_hyperscan_specs", None)
        self.__dict__.update(state)
        if specs is not None:
            self.hyperscan = _HyperscanRegexes.build(specs)


def _starts(texts: Sequence[str]) -> list[int]:
    """Where each text begins in the batch joined with newlines."""
    starts = []
    pos = 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    return starts


class _HyperscanRegexes:
    """The prefilter regexes as one hyperscan block-mode database (UTF-8, Unicode classes).

    `confirm[i]` is None when pattern i was compiled exactly, else the Python `search` that
    confirms a line hyperscan's prefilter mode flagged (look-arounds are not supported by
    hyperscan, which then drops them and matches a superset).
    """

    def __init__(self, database, confirm: list, specs: list):
        self.database = database
        self.confirm = confirm
        self.specs = specs

    @classmethod
    def build(cls, specs: list[tuple[str, str | None]]) -> "_HyperscanRegexes | None":
        """`specs`: (Python regex, optional hyperscan form); None when hyperscan is absent."""
        try:
            import hyperscan
        except ImportError:
            return None
        base = hyperscan.HS_FLAG_UTF8 | hyperscan.HS_FLAG_UCP | hyperscan.HS_FLAG_MULTILINE
        expressions, flags, confirm = [], [], []
        for regex, hs_form in specs:
            exact = _pcre(hs_form or regex)
            try:
                _compile_one(hyperscan, exact, base)
                expressions.append(exact)
                flags.append(base)
                confirm.append(None)
            except hyperscan.error:
                expressions.append(_pcre(regex))
                flags.append(base | hyperscan.HS_FLAG_PREFILTER)
                confirm.append(re.compile(regex).search)
        database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        database.compile(expressions=expressions, ids=list(range(len(expressions))),
                         elements=len(expressions), flags=flags)
        return cls(database, confirm, specs)


def _compile_one(hyperscan, expression: bytes, flags: int) -> None:
    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    db.compile(expressions=[expression], ids=[0], elements=1, flags=[flags])


_PY_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def _pcre(regex: str) -> bytes:
    """A Python regex in the syntax hyperscan reads (`\\uXXXX` becomes `\\x{XXXX}`)."""
    return _PY_ESCAPE.sub(r"\\x{\1}", regex).encode("utf-8")


class ScanEngine:
    """Finds personal data in records; build once per process, use for every source."""

    def __init__(self, keyed: Keyed, options: EngineOptions | None = None):
        self.keyed = keyed
        self.options = options or EngineOptions()
        self._window_end: tuple | None = None   # ((source, line), raw end reported) inside a long line
        self._value_cache: dict[tuple[str, str, str], tuple[str, str]] = {}

    @cached_property
    def recognizers(self) -> list:
        from recognizers import build_recognizers

        recs = build_recognizers("ru", self.options.entities)
        for rec in recs:
            rec.load()
        return recs

    @cached_property
    def _by_name(self) -> dict:
        return {rec.name: rec for rec in self.recognizers}

    @cached_property
    def prefilter(self) -> Prefilter:
        return Prefilter(self.recognizers)

    @cached_property
    def analyzer(self):
        """A Presidio `AnalyzerEngine` on the kgpii recognizers, offline (no model download)."""
        from presidio_analyzer import AnalyzerEngine

        from recognizers import LANGUAGES, build_registry

        from .nlp import BlankSpacyNlpEngine

        nlp = BlankSpacyNlpEngine(LANGUAGES)
        nlp.load()
        registry = build_registry(LANGUAGES, self.options.entities)
        return AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=list(LANGUAGES))

    def warm_up(self) -> None:
        """Build everything heavy now (word lists, automata), not on the first record."""
        if self.options.mode == "presidio":
            self.analyzer
        else:
            self.prefilter

    # --- analysis -----------------------------------------------------------------
    def analyze_texts(self, texts: Sequence[str], hints: Sequence[Sequence[str] | None] | None = None) -> list[list]:
        """RecognizerResults for each text, overlaps resolved, below `min_score` dropped."""
        if self.options.mode == "presidio":
            return [self._analyze_presidio(t, hints[i] if hints else None) for i, t in enumerate(texts)]
        analyzers = [rec.analyze for rec in self.recognizers]
        entities = list(self.options.entities) if self.options.entities else None
        min_score = self.options.min_score
        out: list[list] = []
        append = out.append
        for i, (text, cands) in enumerate(zip(texts, self.prefilter.candidates(texts))):
            if not cands:
                append([])
                continue
            hint = hints[i] if hints else None
            found = []
            for j in cands:
                for res in analyzers[j](text, entities, None, hint):
                    if res.score >= min_score:
                        found.append(res)
            append(resolve_overlaps(found) if len(found) > 1 else found)
        return out

    def _analyze_presidio(self, text: str, hint) -> list:
        language = detect_language(text)
        results = self.analyzer.analyze(
            text=text,
            language=language,
            entities=list(self.options.entities) if self.options.entities else None,
            score_threshold=self.options.min_score,
            context=list(hint) if hint else None,
        )
        return resolve_overlaps(list(results))

    # --- records -> findings ------------------------------------------------------
    def scan(self, records: Iterable[Record]) -> Iterator[Finding]:
        """Findings for a stream of records, in record order; memory bounded by one batch."""
        batch: list[Record] = []
        chars = 0
        for rec in records:
            batch.append(rec)
            chars += len(rec.text)
            if len(batch) >= BATCH_RECORDS or chars >= BATCH_CHARS:
                yield from self._scan_batch(batch)
                batch, chars = [], 0
        if batch:
            yield from self._scan_batch(batch)

    def _scan_batch(self, batch: list[Record]) -> Iterator[Finding]:
        texts = [r.text for r in batch]
        hints = [r.hints for r in batch] if any(r.hints for r in batch) else None
        for rec, results in zip(batch, self.analyze_texts(texts, hints)):
            if rec.limit is None and self._window_end is None:
                for res in results:
                    yield self.finding(rec, res)
            else:
                yield from self._window_findings(rec, results)

    def _window_findings(self, rec: Record, results) -> Iterator[Finding]:
        """Findings of one window of a long line: each value once, from the window it starts in.

        A value starting in the lookahead belongs to the next window; a value the previous
        window already reported across the cut is not reported again in part.
        """
        here = (rec.source, rec.line)
        covered = self._window_end[1] if self._window_end and self._window_end[0] == here else -1
        last_end = covered
        for res in results:
            if rec.limit is not None and res.start >= rec.limit:
                continue
            finding = self.finding(rec, res)
            if finding.start < covered:
                continue
            last_end = max(last_end, finding.end)
            yield finding
        self._window_end = (here, last_end) if rec.limit is not None else None

    def finding(self, rec: Record, res) -> Finding:
        value = rec.text[res.start : res.end]
        name = res.recognition_metadata.get("recognizer_name") or "unknown"
        entity_type = res.entity_type
        cache_key = (name, entity_type, value)
        cached = self._value_cache.get(cache_key)
        if cached is None:
            recognizer = self._by_name.get(name)
            normalized = recognizer.normalize(value) if recognizer is not None else " ".join(value.casefold().split())
            cached = (self.keyed.fingerprint(entity_type, normalized), mask_preview(value, entity_type))
            if len(self._value_cache) >= VALUE_CACHE_SIZE:
                self._value_cache.clear()
            self._value_cache[cache_key] = cached
        fingerprint, preview = cached
        start, end = rec.raw_span(res.start, res.end)
        return Finding(
            source=rec.source,
            start=start,
            end=end,
            entity_type=entity_type,
            score=float(res.score),
            recognizer=name,
            fingerprint=fingerprint,
            table=rec.table,
            key=rec.key,
            row=rec.row,
            column=rec.column,
            line=rec.line,
            field=rec.field,
            preview=preview,
            value=value,
        )


_KY_LETTERS = re.compile("[ңөүҢӨҮ]")
_CYRILLIC = re.compile("[а-яА-ЯёЁ]")


def detect_language(text: str) -> str:
    """ky when Kyrgyz-only letters appear, ru for other Cyrillic, else en (Presidio mode only)."""
    if _KY_LETTERS.search(text):
        return "ky"
    if _CYRILLIC.search(text):
        return "ru"
    return "en"
