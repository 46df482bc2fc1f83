"""PERSON strict/relaxed P/R/F2 on every bench corpus for:
  a  kgpii alone (fast engine, as bench/accuracy.py builds it)
  b  natasha alone (NewsNERTagger PER spans, cleaned)
  c  kgpii ∪ natasha (natasha PER added where it overlaps no kgpii finding of any type)
  d1 kgpii ∪ natasha, natasha span kept only if a word in it has a strong kgpii name role (G,A,S,P,U,X)
  d2 same, roles also E (extension list / given-name shape) and s (weak surname shape)

    python bench/natasha/eval_accuracy.py [--errors CORPUS_STEM] > results_accuracy.txt
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from common import CORPUS_DIR, accuracy, gate_ok, load_natasha, person_recognizer, run_natasha, union

CORPORA = sorted(CORPUS_DIR.glob("*.jsonl"))
STRONG = frozenset("GASPUX")
WEAK = frozenset("GASPUXEs")


def person_row(gold, pred):
    st = accuracy.score(gold, pred)["PERSON"]
    sp, sr, _, sf2 = accuracy.metrics(st, "strict")
    rp, rr, _, rf2 = accuracy.metrics(st, "relaxed")
    return st, (sp, sr, sf2, rp, rr, rf2)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--errors", default="", help="corpus stem: print natasha additions in (c) not matching gold")
    ap.add_argument("--json", default=str(Path(__file__).resolve().parents[1] / "out" / "natasha_accuracy.json"))
    ap.add_argument("--only", default="", help="comma-separated corpus stems")
    args = ap.parse_args()

    engine, _, missing = accuracy.kgpii_engine()
    engine.warm_up()
    assert not missing, missing
    tagger = load_natasha()
    rec = person_recognizer()
    all_rows = {}
    cstats: dict = {}
    print(f"{'corpus':28} {'sys':4} {'gold':>4} {'pred':>5} | {'sP':>5} {'sR':>5} {'sF2':>5} | {'rP':>5} {'rR':>5} {'rF2':>5}")
    for path in CORPORA:
        if args.only and path.stem not in args.only.split(","):
            continue
        corpus = accuracy.load_corpus(path)
        texts = [d["text"] for d in corpus]
        gold = [[(e["start"], e["end"], e["type"]) for e in d["entities"]] for d in corpus]
        t0 = time.perf_counter()
        kg = accuracy.run_kgpii(engine, texts)
        t_kg = time.perf_counter() - t0
        t0 = time.perf_counter()
        nat = run_natasha(tagger, texts, cstats)
        t_nat = time.perf_counter() - t0
        uni = [union(k, n) for k, n in zip(kg, nat)]
        d1 = [union(k, [x for x in n if gate_ok(rec, t, x[0], x[1], STRONG)]) for k, n, t in zip(kg, nat, texts)]
        d2 = [union(k, [x for x in n if gate_ok(rec, t, x[0], x[1], WEAK)]) for k, n, t in zip(kg, nat, texts)]
        rows = {}
        for name, pred in (("a", kg), ("b", nat), ("c", uni), ("d1", d1), ("d2", d2)):
            st, m = person_row(gold, pred)
            rows[name] = {"gold": st["gold"], "pred": st["pred"], "tp_strict": st["tp_strict"],
                          "gold_found": st["gold_found"], "pred_ok": st["pred_ok"],
                          "strict_P": m[0], "strict_R": m[1], "strict_F2": m[2],
                          "relaxed_P": m[3], "relaxed_R": m[4], "relaxed_F2": m[5]}
            print(f"{path.stem:28} {name:4} {st['gold']:4d} {st['pred']:5d} | "
                  + " ".join(f"{x:5.3f}" for x in m[:3]) + " | " + " ".join(f"{x:5.3f}" for x in m[3:]))
        rows["_time"] = {"kgpii_s": t_kg, "natasha_s": t_nat, "docs": len(texts)}
        all_rows[path.stem] = rows
        print(f"{'':28} time: kgpii {t_kg:.2f} s, natasha {t_nat:.2f} s on {len(texts)} docs")
        if args.errors == path.stem:
            print("-- (c) natasha additions (not overlapping kgpii), marked OK if they overlap a gold PERSON")
            for doc, k, n, g, t in zip(corpus, kg, nat, gold, texts):
                for s, e, _ in union(k, n)[len(k):]:
                    ok = any(gt == "PERSON" and gs < e and s < ge for gs, ge, gt in g)
                    exact = (s, e, "PERSON") in g
                    tag = "EXACT" if exact else ("OVERLAP" if ok else "FP")
                    gate = "d1" if gate_ok(rec, t, s, e, STRONG) else ("d2" if gate_ok(rec, t, s, e, WEAK) else "--")
                    print(f"  #{doc['id']:<5} {tag:7} {gate} {t[s:e]!r:38} …{t[max(0, s - 35):e + 20]!r}")
            print("-- gold PERSON missed by kgpii (relaxed): does natasha find it?")
            for doc, k, n, g, t in zip(corpus, kg, nat, gold, texts):
                for gs, ge, gt in g:
                    if gt != "PERSON" or any(kt == "PERSON" and ks < ge and gs < ke for ks, ke, kt in k):
                        continue
                    hit = [t[s:e] for s, e, _ in n if s < ge and gs < e]
                    print(f"  #{doc['id']:<5} {t[gs:ge]!r:36} natasha={hit} …{t[max(0, gs - 35):ge + 20]!r}")
    print(f"\nspan cleaning: {cstats.get('cleaned', 0)} of {cstats.get('raw', 0)} natasha PER spans changed; "
          f"examples {cstats.get('examples', [])}")
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(all_rows, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
