"""Rate of one analyzer on a sample, in a fresh process: kgpii's engine or vanilla Presidio.

    python bench/sample_rates.py lines equivalent bench/data/logs_200mb.log 10000
    python bench/sample_rates.py rows full bench/data/customers_100000.csv 2000

Prints one JSON object: items (lines or rows), bytes, seconds (analysis only, engine
built and warmed before the clock starts), results, build seconds, peak RSS of this process.

Analyzers (`ANALYZERS`):
  kgpii       `ScanEngine.analyze_texts` in batches of 4096 (no Finding objects, no output):
              the in-process counterpart of the Presidio runs.
  equivalent  vanilla Presidio with the predefined recognizers that match kgpii's structured
              types and nothing else: EmailRecognizer, IpRecognizer,
              PhoneRecognizer(supported_regions=["KG"]), CreditCardRecognizer, all for one
              language (`EQUIVALENT_LANGUAGE`), on the offline `scanner.nlp.BlankSpacyNlpEngine`
              (shared/notes/presidio-offline.md §1.4, §3: about 0.42 MB/s a core). The
              stricter comparison: the fewest, fastest recognizers a Presidio user would run.
  full        the accuracy bench's Presidio (`accuracy.presidio_analyzer`): every predefined
              'en' recognizer (19) plus PhoneRecognizer for KG/RU/KZ/US.
Both Presidio analyzers replace `tldextract.extract` with an offline extractor (no network).

Lines: `AnalyzerEngine.analyze` per line (BatchAnalyzerEngine is no faster: it batches only
the tokenizer). Rows: `BatchAnalyzerEngine.analyze_dict` on chunks of 1,000 CSV rows,
`batch_size=1000`, the text columns only (`ROW_COLUMNS`: kgpii's CSV scan reads every column,
so this favours Presidio).
"""

from __future__ import annotations

import csv
import json
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

ANALYZERS = ("kgpii", "equivalent", "full")
EQUIVALENT_LANGUAGE = "ru"   # the log is mostly Russian/Kyrgyz; these recognizers ignore the language
ROW_COLUMNS = ("full_name", "phone", "email", "pin", "address", "comment")
CHUNK_ROWS = 1000


def offline_tldextract() -> None:
    import tldextract

    # EmailRecognizer calls tldextract.extract, which would fetch the suffix list over the network
    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def equivalent_presidio():
    """Presidio's Email, IP, Phone (region KG) and CreditCard recognizers for one language, offline."""
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.predefined_recognizers import (CreditCardRecognizer, EmailRecognizer, IpRecognizer,
                                                          PhoneRecognizer)

    from scanner.nlp import BlankSpacyNlpEngine

    offline_tldextract()
    lang = EQUIVALENT_LANGUAGE
    nlp = BlankSpacyNlpEngine((lang,))
    nlp.load()
    registry = RecognizerRegistry(supported_languages=[lang])
    for recognizer in (EmailRecognizer(supported_language=lang), IpRecognizer(supported_language=lang),
                       PhoneRecognizer(supported_language=lang, supported_regions=["KG"]),
                       CreditCardRecognizer(supported_language=lang)):
        registry.add_recognizer(recognizer)
    return AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=[lang]), lang


def full_presidio():
    from accuracy import presidio_analyzer

    return presidio_analyzer(), "en"


def read_lines(path: str, n: int) -> list[str]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            out.append(line.rstrip("\n"))
            if len(out) >= n:
                break
    return out


def read_rows(path: str, n: int) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return [row for _, row in zip(range(n), reader)]


def time_lines(analyzer: str, lines: list[str]) -> tuple[float, int, float]:
    t0 = time.perf_counter()
    if analyzer == "kgpii":
        from accuracy import kgpii_engine

        engine, _, missing = kgpii_engine()
        if missing:
            raise SystemExit(f"kgpii recognizers missing: {missing}")
        engine.warm_up()
        build = time.perf_counter() - t0
        t0 = time.perf_counter()
        found = sum(len(r) for i in range(0, len(lines), 4096) for r in engine.analyze_texts(lines[i:i + 4096]))
        return time.perf_counter() - t0, found, build
    presidio, lang = equivalent_presidio() if analyzer == "equivalent" else full_presidio()
    presidio.analyze(text="warm up 0555 123 456 a@b.kg", language=lang)
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    found = sum(len(presidio.analyze(text=line, language=lang)) for line in lines)
    return time.perf_counter() - t0, found, build


def time_rows(analyzer: str, rows: list[dict]) -> tuple[float, int, float]:
    if analyzer == "kgpii":
        raise SystemExit("rows: kgpii is timed end to end by bench_db.py, not here")
    from presidio_analyzer import BatchAnalyzerEngine

    t0 = time.perf_counter()
    presidio, lang = equivalent_presidio() if analyzer == "equivalent" else full_presidio()
    batch = BatchAnalyzerEngine(presidio)
    presidio.analyze(text="warm up 0555 123 456 a@b.kg", language=lang)
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    found = 0
    for i in range(0, len(rows), CHUNK_ROWS):
        chunk = rows[i:i + CHUNK_ROWS]
        columns = {c: [row[c] for row in chunk] for c in ROW_COLUMNS}
        for result in batch.analyze_dict(columns, language=lang, batch_size=CHUNK_ROWS):
            found += sum(len(per_value) for per_value in result.recognizer_results)
    return time.perf_counter() - t0, found, build


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 4 or argv[0] not in ("lines", "rows") or argv[1] not in ANALYZERS:
        raise SystemExit(__doc__.split("\n\n", 2)[1])
    kind, analyzer, path, n = argv[0], argv[1], argv[2], int(argv[3])
    if kind == "lines":
        items = read_lines(path, n)
        size = sum(len(line.encode("utf-8")) + 1 for line in items)
        seconds, found, build = time_lines(analyzer, items)
    else:
        items = read_rows(path, n)
        size = sum(len(v.encode("utf-8")) for row in items for c, v in row.items() if c in ROW_COLUMNS)
        seconds, found, build = time_rows(analyzer, items)
    print(json.dumps({"kind": kind, "analyzer": analyzer, "items": len(items), "bytes": size,
                      "seconds": seconds, "results": found, "build_seconds": build,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
