"""What every kgpii recognizer shares: context scoring that needs no NLP model, column
hints, a prefilter the engine can run in one pass, and value normalization.

A kgpii recognizer is a real Presidio recognizer (`LocalRecognizer`): it can be added
to any `AnalyzerEngine` registry. It scores its own context words in a character
window of the raw text, because blank spaCy pipelines have no lemmas and log lines
are not sentences. Scores follow one convention: >= 0.5 is reportable on its own,
below that only with context (words near the value, or a column-name hint).
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import Iterable, Sequence

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult

DATA_DIR = Path(__file__).parent / "data"


def load_word_list(name: str) -> list[str]:
    """Read `recognizers/data/<name>`: one entry a line, `#` comments and blanks skipped."""
    entries = []
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        for line in fh:
            line = line.split("#", 1)[0].strip()
            if line:
                entries.append(line)
    return entries


# A result's recognition_metadata may carry the value's normal form under this key when
# `find` already computed it (the phone's E.164): the engine then skips `normalize`. It
# must equal `normalize(value)`.
NORMALIZED_KEY = "kgpii_normalized"


class KgRecognizer(LocalRecognizer):
    """Base class: subclasses set the class constants and implement `find`.

    Class constants (the `__init__` arguments default to them):
      ENTITY          the entity type reported
      CONTEXT         lowercase context words (prefixes: `тел` matches `телефону`)
      CONTEXT_BOOST   added to a result's score when a context word is near it
      CONTEXT_BEFORE / CONTEXT_AFTER   the window, in characters, searched for context
      PREFILTER_REGEX a regex that matches somewhere inside every span `find` can
                      return; the engine runs all of them in one pass and calls
                      `analyze` only on texts where it matched. None = always called.
    `prefilter_keywords()` may return lowercase literals for an Aho-Corasick pass
    (e.g. a name gazetteer); a text is a candidate when either prefilter hits.
    """

    ENTITY: str = ""
    CONTEXT: Sequence[str] = ()
    CONTEXT_BOOST: float = 0.35
    CONTEXT_BEFORE: int = 48
    CONTEXT_AFTER: int = 24
    PREFILTER_REGEX: str | None = None

    def __init__(
        self,
        supported_language: str = "ru",
        context: Sequence[str] | None = None,
        name: str | None = None,
    ):
        super().__init__(
            supported_entities=[self.ENTITY],
            supported_language=supported_language,
            name=name or self.__class__.__name__,
            context=list(context if context is not None else self.CONTEXT),
        )

    def load(self) -> None:  # word lists load lazily, on first use
        pass

    # --- what subclasses implement -------------------------------------------------
    def find(self, text: str) -> list[RecognizerResult]:
        """Candidate spans with their context-free scores."""
        raise NotImplementedError

    def normalize(self, value: str) -> str:
        """The canonical form fingerprinted: the same person's value in any writing."""
        return " ".join(value.casefold().split())

    def prefilter_keywords(self) -> Iterable[str] | None:
        return None

    # --- shared machinery ----------------------------------------------------------
    @cached_property
    def _context_regex(self) -> re.Pattern | None:
        words = sorted({w.lower() for w in self.context if w}, key=len, reverse=True)
        if not words:
            return None
        return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + ")")

    def context_hint_matches(self, hints: Sequence[str] | None) -> bool:
        """True when a hint (e.g. a column name `customer_phone`) names this entity."""
        if not hints or self._context_regex is None:
            return False
        # the same column's hints come with every one of its values: remember the answer
        cache = self._hint_cache
        key = tuple(hints)
        known = cache.get(key)
        if known is None:
            known = any(
                part and self._context_regex.match(part)
                for hint in hints
                for part in re.split(r"[^\w]+|_", hint.lower())
            )
            if len(cache) >= 1024:
                cache.clear()
            cache[key] = known
        return known

    @cached_property
    def _hint_cache(self) -> dict[tuple[str, ...], bool]:
        return {}

    def context_near(self, text: str, start: int, end: int) -> bool:
        if self._context_regex is None:
            return False
        lo = max(0, start - self.CONTEXT_BEFORE)
        if self._context_regex.search(text[lo:start].lower()):
            return True
        return bool(self._context_regex.search(text[end : end + self.CONTEXT_AFTER].lower()))

    def result(self, start: int, end: int, score: float, reason: str = "") -> RecognizerResult:
        """A RecognizerResult named after this recognizer."""
        explanation = AnalysisExplanation(
            recognizer=self.name, original_score=score, textual_explanation=reason or None
        )
        return RecognizerResult(
            entity_type=self.ENTITY,
            start=start,
            end=end,
            score=score,
            analysis_explanation=explanation,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )

    def analyze(self, text, entities=None, nlp_artifacts=None, context=None):
        """Presidio's entry point; `context` takes extra hint words (column names)."""
        if entities and self.ENTITY not in entities:
            return []
        results = self.find(text)
        if not results:
            return results
        hinted = self.context_hint_matches(context)
        for res in results:
            if res.score >= 1.0:
                continue
            if hinted or self.context_near(text, res.start, res.end):
                res.score = min(1.0, res.score + self.CONTEXT_BOOST)
                res.recognition_metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
                if res.analysis_explanation is not None:
                    res.analysis_explanation.set_improved_score(res.score)
        return results
