"""kgpii's strict micro precision / recall / F2 on every labelled corpus, with one engine.

The one-line-per-corpus view of `accuracy.py --no-presidio` that `make bench` prints next to
the speed figures (same engine, same matching; accuracy.py has the per-type tables).

    python bench/accuracy_summary.py                 # bench/corpus/*.jsonl, one JSON list on stdout
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from accuracy import kgpii_engine, load_corpus, metrics, run_kgpii, score, total  # noqa: E402


def summarize(corpora: list[Path]) -> list[dict]:
    engine, _, missing = kgpii_engine()
    engine.warm_up()
    out = []
    for path in corpora:
        corpus = load_corpus(path)
        gold = [[(e["start"], e["end"], e["type"]) for e in d["entities"]] for d in corpus]
        pred = run_kgpii(engine, [d["text"] for d in corpus])
        micro = total(score(gold, pred))
        p, r, _, f2 = metrics(micro, "strict")
        out.append({"corpus": path.name, "documents": len(corpus), "gold": micro["gold"], "pred": micro["pred"],
                    "P": round(p, 3), "R": round(r, 3), "F2": round(f2, 3), "missing_recognizers": missing})
    return out


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    corpora = [Path(a) for a in argv] or sorted((HERE / "corpus").glob("*.jsonl"))
    print(json.dumps(summarize(corpora), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
