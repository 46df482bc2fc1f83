"""An offline spaCy NLP engine for Presidio: blank pipelines, lower-cased tokens as lemmas.

Presidio's own `SpacyNlpEngine` downloads a model when a name is not installed; no model
can be downloaded here. Blank pipelines tokenize ky/ru/en correctly but have no lemmas,
so Presidio's context enhancer would never see a context word: lower-cased token text
stands in for the lemma.
"""

from __future__ import annotations

from typing import Sequence

from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine


class BlankSpacyNlpEngine(SpacyNlpEngine):
    """`SpacyNlpEngine` over `spacy.blank(lang)` pipelines; never downloads anything."""

    engine_name = "spacy_blank"

    def __init__(self, languages: Sequence[str] = ("ky", "ru", "en")):
        super().__init__(models=[{"lang_code": lang, "model_name": f"blank:{lang}"} for lang in languages])
        self.languages = tuple(languages)

    def load(self) -> None:
        import spacy

        self.nlp = {lang: spacy.blank(lang) for lang in self.languages}

    def _doc_to_nlp_artifact(self, doc, language: str) -> NlpArtifacts:
        return NlpArtifacts(
            entities=[],
            tokens=doc,
            tokens_indices=[tok.idx for tok in doc],
            lemmas=[tok.lower_ for tok in doc],
            nlp_engine=self,
            language=language,
            scores=[],
        )
