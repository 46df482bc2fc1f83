"""Shared helpers: kgpii engine (from bench/accuracy.py), natasha PER spans, span cleaning, gates."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# numpy's OpenBLAS spawns a thread per core; on this loaded 2-core machine that made natasha
# 5-15x slower (calib.py). One thread, as a one-process-per-core scanner would run it.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

# KGPII_ROOT=/tmp/kg_blind measures an older kgpii (git archive 8b0d16f, before the held-out
# PERSON tuning); corpora are always read from this checkout's bench/corpus.
HERE_ROOT = Path(__file__).resolve().parents[2]
MAIN = Path(os.environ.get("KGPII_ROOT", HERE_ROOT))
CORPUS_DIR = HERE_ROOT / "bench" / "corpus"
sys.path.insert(0, str(MAIN))
sys.path.insert(0, str(MAIN / "bench"))

import accuracy  # noqa: E402  (bench/accuracy.py: load_corpus, kgpii_engine, run_kgpii, score, metrics)

__all__ = ["accuracy"]  # re-exported for eval_accuracy.py; the helpers below are imported by name

# characters stripped from both ends of a natasha PER span
_STRIP = " \t\r\n.,;:!?\"'«»“”„()[]{}<>-–—/\\|*_=+#"


def load_natasha(batch_size: int = 32):
    from natasha import NewsEmbedding, NewsNERTagger

    tagger = NewsNERTagger(NewsEmbedding())
    tagger.batch_size = batch_size
    return tagger


def clean_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _STRIP:
        s += 1
    while e > s and text[e - 1] in _STRIP:
        # keep the dot of a final initial (`Асанов А.А.`, `Сыдыкова Б.`): gold spans include it
        if text[e - 1] == "." and e - 2 >= s and text[e - 2].isupper() and (e - 3 < s or not text[e - 3].isalpha()):
            break
        e -= 1
    return s, e


def run_natasha(tagger, texts: list[str], stats: dict | None = None) -> list[list[tuple[int, int, str]]]:
    """natasha PER spans (slovnet NER on the whole text, no Doc/segmenter), cleaned."""
    out = []
    # slovnet crashes on empty / whitespace-only texts: skip them
    idx = [i for i, t in enumerate(texts) if t.strip()]
    res: dict[int, list] = {}
    for i, markup in zip(idx, tagger.map([texts[i] for i in idx])):
        spans = []
        for sp in markup.spans:
            if sp.type != "PER":
                continue
            s, e = clean_span(texts[i], sp.start, sp.stop)
            if stats is not None:
                stats["raw"] = stats.get("raw", 0) + 1
                if (s, e) != (sp.start, sp.stop):
                    stats["cleaned"] = stats.get("cleaned", 0) + 1
                    ex = stats.setdefault("examples", [])
                    if len(ex) < 8:
                        ex.append((texts[i][sp.start:sp.stop], texts[i][s:e]))
            if e > s:
                spans.append((s, e, "PERSON"))
        res[i] = spans
    for i in range(len(texts)):
        out.append(res.get(i, []))
    return out


def union(kg_doc, nat_doc):
    """kgpii findings + natasha PER spans that overlap no kgpii finding of any type."""
    added = [n for n in nat_doc if not any(ks < n[1] and n[0] < ke for ks, ke, _ in kg_doc)]
    return list(kg_doc) + added


_TOKEN_SPLIT = None


def person_recognizer():
    from recognizers.kg_person_recognizer import KgPersonRecognizer

    rec = KgPersonRecognizer(supported_language="ru")
    rec.load()
    return rec


def gate_ok(rec, text: str, s: int, e: int, roles: frozenset) -> bool:
    """Some word of the span has a kgpii name role in `roles` (kgpii's own word classifier:
    G core given name, A ambiguous given name, E extension list / given-name shape,
    S surname (list or -ов/-ев/-ин shape with a known stem), P patronymic, U уулу/кызы,
    X Name-уулу, s weak surname shape)."""
    import re

    for m in re.finditer(r"[^\W\d_]+(?:-[^\W\d_]+)*", text[s:e]):
        if rec._classify(m.group())[0] in roles:
            return True
    return False
