"""Records -> findings: the only place that calls recognizers.

The fast path runs every recognizer's prefilter over a whole batch of records in one
pass (a compiled regex per distinct prefilter, an Aho-Corasick automaton for keyword
lists), then calls only the recognizers whose prefilter hit a record, on that record.
The `presidio` mode sends every record through a Presidio `AnalyzerEngine` built on the
same recognizers (for comparison and for users who add their own Presidio recognizers).
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable, Iterator, Sequence

from recognizers.base import NORMALIZED_KEY

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
    """Which recognizers could match which texts, found in one pass over a batch."""

    def __init__(self, recognizers: Sequence):
        self.always: list[int] = []
        by_regex: dict[str, list[int]] = {}
        keywords: dict[str, set[int]] = {}
        for i, rec in enumerate(recognizers):
            regex = getattr(rec, "PREFILTER_REGEX", None)
            kws = rec.prefilter_keywords() if hasattr(rec, "prefilter_keywords") else None
            if regex is None and kws is None:
                self.always.append(i)
                continue
            if regex is not None:
                by_regex.setdefault(regex, []).append(i)
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

    def candidates(self, texts: Sequence[str]) -> list[set[int]]:
        """For each text, the indices of the recognizers worth calling on it."""
        cand: list[set[int]] = [set(self.always) for _ in texts]
        if not texts:
            return cand
        starts = []
        pos = 0
        for t in texts:
            starts.append(pos)
            pos += len(t) + 1
        joined = "\n".join(texts)
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
        if self.automaton is not None:
            lowered = joined.lower()
            if len(lowered) != len(joined):
                # a letter lower-cases to two ("İ" -> "i̇"): offsets no longer line up
                for i, text in enumerate(texts):
                    for _, idxs in self.automaton.iter(text.lower()):
                        cand[i].update(idxs)
            else:
                for end, idxs in self.automaton.iter(lowered):
                    cand[bisect_right(starts, end) - 1].update(idxs)
        return cand


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
        """Build everything heavy now (word lists, automata), not on the first record.

        Then the objects built so far (word lists, compiled patterns, modules) are moved
        out of the garbage collector's sight (`gc.freeze`): they live as long as the
        process, and walking them in every full collection cost ~5 % of a scan.
        """
        if self.options.mode == "presidio":
            self.analyzer
        else:
            self.prefilter
        gc.freeze()

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
        metadata = res.recognition_metadata
        name = metadata.get("recognizer_name") or "unknown"
        entity_type = res.entity_type
        cache_key = (name, entity_type, value)
        cached = self._value_cache.get(cache_key)
        if cached is None:
            normalized = metadata.get(NORMALIZED_KEY)   # computed by `find` (phones)
            if normalized is None:
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
