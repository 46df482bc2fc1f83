"""Speed of kgpii's engine vs natasha on the first N lines of bench/data/logs_5mb.log, and
natasha's PER spans there that kgpii does not report (a seeded sample of 30 printed for judging).

    python bench/natasha/speed_logs.py [--lines 20000] [--repeat 3] [--sample 30]
"""

from __future__ import annotations

import argparse
import random
import re
import time

from common import MAIN, clean_span, gate_ok, load_natasha, person_recognizer, union

LOG = MAIN / "bench" / "data" / "logs_5mb.log"
CYR = re.compile("[А-Яа-яЁёӨөҮүҢң]")
STRONG = frozenset("GASPUX")
WEAK = frozenset("GASPUXEs")


def natasha_per(tagger, texts):
    idx = [i for i, t in enumerate(texts) if t.strip()]
    res = {}
    for i, m in zip(idx, tagger.map([texts[i] for i in idx])):
        spans = []
        for sp in m.spans:
            if sp.type == "PER":
                s, e = clean_span(texts[i], sp.start, sp.stop)
                if e > s:
                    spans.append((s, e, "PERSON"))
        res[i] = spans
    return [res.get(i, []) for i in range(len(texts))]


def timed(fn, repeat):
    ts = []
    out = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        ts.append(time.perf_counter() - t0)
    return out, ts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=20000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--sample", type=int, default=30)
    ap.add_argument("--batch-sizes", default="8,32,128")
    args = ap.parse_args()

    with open(LOG, encoding="utf-8") as fh:
        lines = [fh.readline().rstrip("\n") for _ in range(args.lines)]
    nbytes = sum(len(x.encode()) + 1 for x in lines)
    mb = nbytes / 1e6
    print(f"{len(lines)} lines, {nbytes:,} bytes ({mb:.3f} MB) from {LOG}")

    from scanner.engine import ScanEngine
    from scanner.keys import Keyed

    eng = ScanEngine(Keyed(b"profile-key-0123456789abcdef"))
    eng.warm_up()
    kg, ts = timed(lambda: eng.analyze_texts(lines), args.repeat)
    kg = [[(r.start, r.end, r.entity_type) for r in res] for res in kg]
    best = min(ts)
    print(f"kgpii analyze_texts: runs {['%.3f' % t for t in ts]} s; best {best:.3f} s = "
          f"{len(lines) / best:,.0f} lines/s, {mb / best:.2f} MB/s")

    tagger = load_natasha()
    nat = None
    for bs in [int(x) for x in args.batch_sizes.split(",")]:
        tagger.batch_size = bs
        nat, ts = timed(lambda: natasha_per(tagger, lines), 1 if bs != 32 else max(1, args.repeat - 1))
        best = min(ts)
        print(f"natasha NER (batch {bs}): runs {['%.2f' % t for t in ts]} s; best {best:.2f} s = "
              f"{len(lines) / best:,.0f} lines/s, {mb / best:.3f} MB/s")
    tagger.batch_size = 32

    # natasha only on lines with Cyrillic
    cyr = [t for t in lines if CYR.search(t)]
    cmb = sum(len(x.encode()) + 1 for x in cyr) / 1e6
    _, ts = timed(lambda: natasha_per(tagger, cyr), 1)
    print(f"natasha only on Cyrillic lines: {len(cyr)} lines ({cmb:.3f} MB), {ts[0]:.2f} s "
          f"-> {len(lines) / ts[0]:,.0f} of all lines/s, {mb / ts[0]:.3f} MB/s of the log")

    # (d) natasha only where a kgpii name-lexicon word (strong role) occurs outside kgpii's findings
    rec = person_recognizer()
    t0 = time.perf_counter()
    gated_idx = []
    for i, t in enumerate(lines):
        for m in re.finditer(r"[^\W\d_]+(?:-[^\W\d_]+)*", t):
            if any(ks < m.end() and m.start() < ke for ks, ke, _ in kg[i]):
                continue
            if rec._classify(m.group())[0] in STRONG:
                gated_idx.append(i)
                break
    t_gate = time.perf_counter() - t0
    gated = [lines[i] for i in gated_idx]
    _, ts = timed(lambda: natasha_per(tagger, gated), 1)
    print(f"(d) lines with a strong kgpii name word outside kgpii findings: {len(gated)} "
          f"(gate {t_gate:.2f} s, natasha on them {ts[0]:.2f} s -> total {t_gate + ts[0]:.2f} s = "
          f"{mb / (t_gate + ts[0]):.2f} MB/s of the log for the natasha part)")

    # natasha PER spans that kgpii does not report (overlap no kgpii finding of any type)
    extra = []
    for i, (k, n) in enumerate(zip(kg, nat)):
        for s, e, _ in union(k, n)[len(k):]:
            extra.append((i, s, e))
    n_per = sum(len(n) for n in nat)
    n_kg_person = sum(1 for k in kg for x in k if x[2] == "PERSON")
    d1 = [x for x in extra if gate_ok(rec, lines[x[0]], x[1], x[2], STRONG)]
    d2 = [x for x in extra if gate_ok(rec, lines[x[0]], x[1], x[2], WEAK)]
    print(f"kgpii PERSON findings {n_kg_person}; natasha PER spans {n_per}; natasha PER overlapping no kgpii "
          f"finding: {len(extra)} on {len({x[0] for x in extra})} lines; of them gated d1 {len(d1)}, d2 {len(d2)}")
    from collections import Counter

    print("most frequent extra span texts:", Counter(lines[i][s:e] for i, s, e in extra).most_common(25))
    print("most frequent d1 span texts:", Counter(lines[i][s:e] for i, s, e in d1).most_common(25))
    rnd = random.Random(20241126)
    for name, pool in (("all extra", extra), ("d1 extra", d1)):
        print(f"\n-- sample of {min(args.sample, len(pool))} {name} spans (seed 20241126)")
        for i, s, e in sorted(rnd.sample(pool, min(args.sample, len(pool)))):
            t = lines[i]
            gate = "d1" if gate_ok(rec, t, s, e, STRONG) else ("d2" if gate_ok(rec, t, s, e, WEAK) else "--")
            print(f"  L{i + 1:<6} {gate} {t[s:e]!r:34} | {t[max(0, s - 60):e + 40]!r}")


if __name__ == "__main__":
    main()
