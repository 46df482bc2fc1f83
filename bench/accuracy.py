"""Accuracy of kgpii and of vanilla Presidio on the labelled corpus `bench/corpus/dev.jsonl`.

Both run in the same process on the same texts. Matching is per entity type, two ways:
  strict   a prediction counts only with exactly the gold span and type;
  relaxed  a prediction counts when it overlaps a gold span of the same type, and a gold
           span is found when some prediction of its type overlaps it.
F2 weighs recall four times as much as precision (a missed phone costs more than a
false alarm in a PII scan).

Vanilla Presidio: an offline `AnalyzerEngine` with Presidio's predefined recognizers
for "en" (its only language with the full set) on a blank spaCy pipeline, plus one
`PhoneRecognizer(supported_regions=("KG", "RU", "KZ", "US"))` added next to the default
one; every text analysed as "en"; Presidio's default score threshold (0); overlaps
resolved like kgpii does. LOCATION is mapped to ADDRESS; types with no kgpii
counterpart (URL, DATE_TIME, US_*, ...) are dropped. With a blank pipeline spaCy has no
NER, so Presidio's PERSON/LOCATION recall is 0: that is the honest offline result.

    python bench/accuracy.py
    python bench/accuracy.py --errors PHONE_NUMBER          # kgpii's misses and false alarms
    python bench/accuracy.py --no-presidio --errors PERSON --limit 50
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

TYPES = ("PHONE_NUMBER", "PERSON", "ADDRESS", "KG_PIN", "KG_PASSPORT", "EMAIL_ADDRESS", "IP_ADDRESS", "CREDIT_CARD")
PRESIDIO_TYPE_MAP = {"PHONE_NUMBER": "PHONE_NUMBER", "PERSON": "PERSON", "LOCATION": "ADDRESS",
                     "EMAIL_ADDRESS": "EMAIL_ADDRESS", "IP_ADDRESS": "IP_ADDRESS", "CREDIT_CARD": "CREDIT_CARD"}
BENCH_KEY = b"bench-key-0123456789abcdef"


def load_corpus(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


# --- systems -------------------------------------------------------------------------
def kgpii_engine():
    """A ScanEngine on every kgpii recognizer that exists now; also the names of missing ones."""
    from recognizers import RECOGNIZERS
    from scanner.engine import EngineOptions, ScanEngine
    from scanner.keys import Keyed

    engine = ScanEngine(Keyed(BENCH_KEY), EngineOptions())
    present, missing = [], []
    for module, name in RECOGNIZERS:
        try:
            cls = getattr(importlib.import_module(f"recognizers.{module}"), name)
        except (ImportError, AttributeError) as exc:
            missing.append(f"{module} ({type(exc).__name__})")
            continue
        present.append(cls)
    if missing:
        # the engine imports the whole list; give it the recognizers that exist today
        recs = [cls(supported_language="ru") for cls in present]
        for rec in recs:
            rec.load()
        engine.recognizers = recs
    return engine, [cls.__name__ for cls in present], missing


def run_kgpii(engine, texts: list[str]) -> list[list[tuple[int, int, str]]]:
    return [[(r.start, r.end, r.entity_type) for r in results] for results in engine.analyze_texts(texts)]


def presidio_analyzer():
    """Vanilla Presidio, offline: predefined 'en' recognizers + a KG/RU/KZ/US phone recognizer."""
    import tldextract
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.predefined_recognizers import PhoneRecognizer

    from scanner.nlp import BlankSpacyNlpEngine

    # EmailRecognizer calls tldextract.extract, which would fetch the suffix list over the network
    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    nlp = BlankSpacyNlpEngine(("en",))
    nlp.load()
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp)
    registry.add_recognizer(PhoneRecognizer(supported_language="en", supported_regions=("KG", "RU", "KZ", "US"),
                                            name="PhoneRecognizerKG"))
    return AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["en"])


def run_presidio(analyzer, texts: list[str]) -> list[list[tuple[int, int, str]]]:
    from scanner.engine import resolve_overlaps

    out = []
    for text in texts:
        results = [r for r in analyzer.analyze(text=text, language="en") if r.entity_type in PRESIDIO_TYPE_MAP]
        for r in results:
            r.entity_type = PRESIDIO_TYPE_MAP[r.entity_type]
        out.append([(r.start, r.end, r.entity_type) for r in resolve_overlaps(results)])
    return out


# --- scoring -------------------------------------------------------------------------
def score(gold: list[list[tuple]], pred: list[list[tuple]]) -> dict:
    """Per type: counts for strict and relaxed matching."""
    stats = {t: {"gold": 0, "pred": 0, "tp_strict": 0, "gold_found": 0, "pred_ok": 0} for t in TYPES}
    for g_doc, p_doc in zip(gold, pred):
        g_set = set(g_doc)
        for s, e, t in g_doc:
            st = stats[t]
            st["gold"] += 1
            if any(pt == t and ps < e and s < pe for ps, pe, pt in p_doc):
                st["gold_found"] += 1
        for s, e, t in p_doc:
            if t not in stats:
                continue
            st = stats[t]
            st["pred"] += 1
            if (s, e, t) in g_set:
                st["tp_strict"] += 1
            if any(gt == t and gs < e and s < ge for gs, ge, gt in g_doc):
                st["pred_ok"] += 1
    return stats


def prf(tp_p: int, pred: int, tp_r: int, gold: int) -> tuple[float, float, float, float]:
    p = tp_p / pred if pred else 0.0
    r = tp_r / gold if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    f2 = 5 * p * r / (4 * p + r) if p + r else 0.0
    return p, r, f1, f2


def metrics(st: dict, mode: str) -> tuple[float, float, float, float]:
    if mode == "strict":
        return prf(st["tp_strict"], st["pred"], st["tp_strict"], st["gold"])
    return prf(st["pred_ok"], st["pred"], st["gold_found"], st["gold"])


def total(stats: dict) -> dict:
    return {k: sum(st[k] for st in stats.values()) for k in next(iter(stats.values()))}


def print_table(name: str, stats: dict, seconds: float, docs: int) -> None:
    print(f"\n{name}: {seconds:.2f} s for {docs} documents ({docs / seconds:,.0f} docs/s)")
    print(f"  {'type':14} {'gold':>5} {'pred':>5} | {'strict P':>8} {'R':>6} {'F1':>6} {'F2':>6} | "
          f"{'relaxed P':>9} {'R':>6} {'F1':>6} {'F2':>6}")
    rows = [(t, stats[t]) for t in TYPES] + [("ALL (micro)", total(stats))]
    for t, st in rows:
        sp, sr, sf1, sf2 = metrics(st, "strict")
        rp, rr, rf1, rf2 = metrics(st, "relaxed")
        print(f"  {t:14} {st['gold']:5d} {st['pred']:5d} | {sp:8.3f} {sr:6.3f} {sf1:6.3f} {sf2:6.3f} | "
              f"{rp:9.3f} {rr:6.3f} {rf1:6.3f} {rf2:6.3f}")


def print_errors(corpus: list[dict], gold, pred, etype: str, limit: int) -> None:
    """kgpii's false negatives and false positives (not exact) for one type, with context."""
    fns, fps = [], []
    for doc, g_doc, p_doc in zip(corpus, gold, pred):
        text = doc["text"]
        p_set, g_set = set(p_doc), set(g_doc)
        for s, e, t in g_doc:
            if t == etype and (s, e, t) not in p_set:
                near = [text[ps:pe] for ps, pe, pt in p_doc if ps < e and s < pe]
                fns.append((doc["id"], text[s:e], near, text[max(0, s - 40):e + 25]))
        for s, e, t in p_doc:
            if t == etype and (s, e, t) not in g_set:
                near = [f"{text[gs:ge]} ({gt})" for gs, ge, gt in g_doc if gs < e and s < ge]
                fps.append((doc["id"], text[s:e], near, text[max(0, s - 40):e + 25]))
    print(f"\nkgpii {etype}: {len(fns)} gold spans not found exactly, {len(fps)} predictions not exact")
    print("-- false negatives (gold | overlapping predictions | context)")
    for doc_id, value, near, ctx in fns[:limit]:
        print(f"  #{doc_id:<5} {value!r:42} | {near} | …{ctx}…")
    print("-- false positives (prediction | overlapping gold | context)")
    for doc_id, value, near, ctx in fps[:limit]:
        print(f"  #{doc_id:<5} {value!r:42} | {near} | …{ctx}…")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="kgpii vs vanilla Presidio on the labelled dev corpus")
    parser.add_argument("--corpus", default=str(HERE / "corpus" / "dev.jsonl"))
    parser.add_argument("--errors", metavar="TYPE", choices=TYPES, help="print kgpii's errors for this type")
    parser.add_argument("--limit", type=int, default=30, help="errors printed per list (default 30)")
    parser.add_argument("--no-presidio", action="store_true", help="skip vanilla Presidio")
    args = parser.parse_args(argv)

    corpus = load_corpus(Path(args.corpus))
    texts = [d["text"] for d in corpus]
    gold = [[(e["start"], e["end"], e["type"]) for e in d["entities"]] for d in corpus]
    n_ents = sum(len(g) for g in gold)
    print(f"corpus {args.corpus}: {len(corpus)} documents, {n_ents} labelled entities, "
          f"{sum(1 for g in gold if not g)} documents without PII")

    t0 = time.perf_counter()
    engine, present, missing = kgpii_engine()
    engine.warm_up()
    t_build = time.perf_counter() - t0
    t0 = time.perf_counter()
    pred = run_kgpii(engine, texts)
    t_kgpii = time.perf_counter() - t0
    print(f"kgpii recognizers present: {', '.join(present) or 'none'}")
    if missing:
        print(f"kgpii recognizers MISSING (not measured): {', '.join(missing)}")
    print(f"kgpii engine built in {t_build:.2f} s")
    print_table("kgpii (fast engine, min score 0.5)", score(gold, pred), t_kgpii, len(texts))

    if not args.no_presidio:
        t0 = time.perf_counter()
        analyzer = presidio_analyzer()
        t_build = time.perf_counter() - t0
        t0 = time.perf_counter()
        p_pred = run_presidio(analyzer, texts)
        t_pres = time.perf_counter() - t0
        print(f"\nPresidio engine built in {t_build:.2f} s "
              f"({len(analyzer.registry.recognizers)} predefined 'en' recognizers + PhoneRecognizer KG/RU/KZ/US)")
        print_table("vanilla Presidio (en, threshold 0)", score(gold, p_pred), t_pres, len(texts))
        print(f"\nspeed: kgpii {t_kgpii:.2f} s vs Presidio {t_pres:.2f} s on the same {len(texts)} documents "
              f"(kgpii {t_pres / t_kgpii:.1f}x faster)" if t_kgpii else "")

    if args.errors:
        print_errors(corpus, gold, pred, args.errors, args.limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
