"""Throughput and peak memory of kgpii (and vanilla Presidio) on a database and a CSV export.

    python bench/gen_shop.py --rows 100000 --sqlite bench/data/shop.db --csv bench/data/customers.csv
    python bench/bench_db.py bench/data/shop.db bench/data/customers.csv --presidio-rows 5000

Each measurement runs in a fresh Python process, so its peak RSS (getrusage ru_maxrss)
is its own. kgpii: `Scan` over `sqlite:///DB` (customers + orders) and over the CSV with
the fast engine. Presidio: an offline `AnalyzerEngine` (blank spaCy pipeline, Presidio's
predefined recognizers, no model download) through `BatchAnalyzerEngine.analyze_dict`
on CSV chunks of 1,000 rows, on the first `--presidio-rows` rows (it is slow).
Rows/s counts table rows (DB: customers + orders) or CSV data rows.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import resource
import subprocess
import sys
import time

KEY = b"bench-key-0123456789abcdef"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def landed_recognizers() -> list[str]:
    """Use the recognizers whose modules import (a partial checkout still benchmarks)."""
    import recognizers

    present = []
    for module, cls in recognizers.RECOGNIZERS:
        try:
            importlib.import_module(f"recognizers.{module}")
        except ImportError:
            continue
        present.append((module, cls))
    recognizers.RECOGNIZERS = tuple(present)
    return [cls for _, cls in present]


def measure_kgpii(spec: str, rows: int) -> dict:
    from scanner.engine import ScanEngine
    from scanner.keys import Keyed
    from scanner.scan import Scan

    names = landed_recognizers()
    engine = ScanEngine(Keyed(KEY))
    engine.warm_up()
    t0 = time.perf_counter()
    scan = Scan([spec], engine)
    findings = sum(1 for _ in scan.findings())
    seconds = time.perf_counter() - t0
    return {"tool": "kgpii", "source": spec, "rows": rows, "values": scan.summary.records,
            "findings": findings, "seconds": round(seconds, 2), "rows_per_s": round(rows / seconds),
            "peak_rss_mb": round(peak_rss_mb()), "recognizers": names,
            "problems": [str(p) for p in scan.summary.problems]}


def measure_presidio(csv_path: str, limit: int) -> dict:
    import pandas as pd
    from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine, RecognizerRegistry

    from scanner.nlp import BlankSpacyNlpEngine

    nlp = BlankSpacyNlpEngine(("en",))
    nlp.load()
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp)
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["en"])
    batch = BatchAnalyzerEngine(analyzer)
    t0 = time.perf_counter()
    rows = findings = 0
    for chunk in pd.read_csv(csv_path, dtype=str, chunksize=1000, nrows=limit, keep_default_na=False):
        for result in batch.analyze_dict(chunk.to_dict(orient="list"), language="en"):
            for per_value in result.recognizer_results:
                findings += len(per_value) if isinstance(per_value, list) else 0
        rows += len(chunk)
    seconds = time.perf_counter() - t0
    return {"tool": "presidio", "source": csv_path, "rows": rows, "findings": findings,
            "seconds": round(seconds, 2), "rows_per_s": round(rows / seconds), "peak_rss_mb": round(peak_rss_mb())}


def count_rows(db: str | None, csv_path: str | None) -> dict:
    out = {}
    if db:
        import sqlite3

        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        out["db"] = sum(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("customers", "orders"))
        conn.close()
    if csv_path:
        import pandas as pd

        out["csv"] = sum(len(c) for c in pd.read_csv(csv_path, usecols=[0], chunksize=200_000))
    return out


def child(*args: str) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": os.path.dirname(os.path.dirname(os.path.abspath(__file__)))})
    if proc.returncode != 0:
        raise SystemExit(f"measurement {args} failed: {proc.stderr.strip().splitlines()[-1:]}")
    return json.loads(proc.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("db", nargs="?", help="the SQLite file from gen_shop.py")
    parser.add_argument("csv", nargs="?", help="the CSV file from gen_shop.py")
    parser.add_argument("--presidio-rows", type=int, default=5000, help="rows for the Presidio run (0: skip)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, spec, n = args.child
        result = measure_kgpii(spec, int(n)) if kind == "kgpii" else measure_presidio(spec, int(n))
        print(json.dumps(result, ensure_ascii=False))
        return
    counts = count_rows(args.db, args.csv)
    results = []
    if args.db:
        results.append(child("kgpii", f"sqlite:///{args.db}", str(counts["db"])))
    if args.csv:
        results.append(child("kgpii", args.csv, str(counts["csv"])))
        if args.presidio_rows:
            results.append(child("presidio", args.csv, str(args.presidio_rows)))
    for r in results:
        print(f"{r['tool']:9} {os.path.basename(r['source']):28} {r['rows']:>9,} rows {r['seconds']:>8.2f} s "
              f"{r['rows_per_s']:>9,} rows/s  peak RSS {r['peak_rss_mb']:>5} MB  {r['findings']:>9,} findings")
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
