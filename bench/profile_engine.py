"""Where the engine's time goes on a log, part by part (in-process, one core).

    python bench/profile_engine.py bench/data/logs_5mb.log

Prints the engine's build time, the prefilter over batches of 4096 lines, each
recognizer's seconds / calls / results on the lines the prefilter sends it, and the
cost of turning the results into JSONL findings (normalize, HMAC, preview, Finding,
JSON). Wall seconds of a shared machine: compare runs made together.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scanner.engine import BATCH_RECORDS, ScanEngine, resolve_overlaps  # noqa: E402
from scanner.keys import Keyed  # noqa: E402
from scanner.sources.base import Record  # noqa: E402


def main(path: str) -> None:
    with open(path, encoding="utf-8", errors="replace") as fh:
        lines = fh.read().split("\n")
    engine = ScanEngine(Keyed(b"profile-key-0123456789abcdef"))
    t0 = time.perf_counter()
    engine.warm_up()
    print(f"{'engine build':28s} {time.perf_counter() - t0:7.3f} s")
    recognizers = engine.recognizers
    t0 = time.perf_counter()
    candidates: list[set[int]] = []
    for i in range(0, len(lines), BATCH_RECORDS):
        candidates += engine.prefilter.candidates(lines[i : i + BATCH_RECORDS])
    prefilter_s = time.perf_counter() - t0
    print(f"{'prefilter':28s} {prefilter_s:7.3f} s   {len(lines):,} lines")
    spent = {r.name: 0.0 for r in recognizers}
    calls = dict.fromkeys(spent, 0)
    found = dict.fromkeys(spent, 0)
    results = []
    min_score = engine.options.min_score
    for text, cands in zip(lines, candidates):
        kept = []
        for j in cands:
            rec = recognizers[j]
            t0 = time.perf_counter()
            res = rec.analyze(text, None, None, None)
            spent[rec.name] += time.perf_counter() - t0
            calls[rec.name] += 1
            found[rec.name] += len(res)
            kept += [r for r in res if r.score >= min_score]
        results.append(resolve_overlaps(kept) if len(kept) > 1 else kept)
    for name in spent:
        print(f"{name:28s} {spent[name]:7.3f} s   calls {calls[name]:>7,}   results {found[name]:>7,}")
    t0 = time.perf_counter()
    n = 0
    for lineno, (text, res) in enumerate(zip(lines, results), 1):
        rec = Record(text=text, source=path, line=lineno)
        for r in res:
            engine.finding(rec, r).to_json()
            n += 1
    findings_s = time.perf_counter() - t0
    print(f"{'findings + JSON':28s} {findings_s:7.3f} s   {n:,} findings")
    budget(Path(path).stat().st_size, len(lines), n, prefilter_s, sum(spent.values()), findings_s)


def budget(size: int, lines: int, findings: int, prefilter_s: float, recognizers_s: float, findings_s: float,
           target_mb_s: float = 12.5) -> None:
    """The engine's rate, and what a target rate per core (issue 7: 25 MB/s on 2 cores)
    leaves per line and per finding, against what the findings part alone costs now."""
    total = prefilter_s + recognizers_s + findings_s
    mb = size / 1e6
    per_line_budget = 1e6 * mb / target_mb_s / lines
    print(f"{'engine in all':28s} {total:7.3f} s   {mb / total:.2f} MB/s on one core")
    print(f"{'target per core':28s} {mb / target_mb_s:7.3f} s   ({target_mb_s} MB/s): "
          f"{per_line_budget:.1f} µs a line; at {findings / lines:.2f} findings a line, "
          f"{1e6 * mb / target_mb_s / max(findings, 1):.1f} µs a finding for everything")
    print(f"{'findings part alone':28s} {1e6 * findings_s / max(findings, 1):7.1f} µs a finding "
          f"(ceiling with free recognition: {mb / findings_s:.1f} MB/s a core)")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python bench/profile_engine.py LOGFILE")
    main(sys.argv[1])
