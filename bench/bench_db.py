"""Database part of the speed bench: kgpii on the 6-text-column `customers` table, against Presidio.

    python bench/bench_db.py                          # 100,000 customers, --jobs 1,2
    python bench/bench_db.py --db-rows 1000000        # the 1M-row run of issue 7
    python bench/bench_db.py --db-rows 20000 --skip-pg --presidio-rows 500

Generates `bench/data/shop_<N>.db` (customers + as many orders) and
`bench/data/customers_<N>.csv` with gen_shop.py when absent. Then, each timed as a child
process under GNU time (see measure.py for what the peak RSS means):
  kgpii scan sqlite:///shop_<N>.db --tables customers -f jsonl -o F -q -j J
  kgpii scan customers_<N>.csv -f jsonl -o F -q -j J
  kgpii scan postgresql+psycopg://…/test --schema kgpii_bench_<pid> --tables customers …
      (only when the server answers; the schema is created, loaded with COPY and dropped)
and vanilla Presidio's `BatchAnalyzerEngine.analyze_dict` on the first `--presidio-rows`
CSV rows in both configurations of sample_rates.py. Rows/s counts table rows end to end
(start-up, reading, analysis, writing the findings).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
OUT = HERE / "out"
sys.path.insert(0, str(HERE))

from measure import kgpii_scan, kill_stale_epmd, progress  # noqa: E402

PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
TABLE = "customers"


@dataclass
class DbResult:
    """One line of the database table."""

    method: str
    rows: int
    seconds: float | None
    rss_mb: float | None = None
    tree_pss_mb: float | None = None
    findings: int | None = None
    note: str = ""
    ok: bool = True

    @property
    def rows_per_s(self) -> float | None:
        return self.rows / self.seconds if self.ok and self.seconds else None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db-rows", type=int, default=100_000,
                        help="customers rows (default 100,000; 1000000 for issue 7)")
    parser.add_argument("--presidio-rows", type=int, default=None,
                        help="CSV rows for Presidio analyze_dict (default 2,000; in run.py --sample-lines / 5)")
    parser.add_argument("--pg-url", default=PG_URL, help=f"PostgreSQL server to load and scan ({PG_URL})")
    parser.add_argument("--skip-pg", action="store_true", help="no PostgreSQL run")


def shop_files(rows: int) -> tuple[Path, Path]:
    return DATA / f"shop_{rows}.db", DATA / f"customers_{rows}.csv"


def ensure_shop(rows: int) -> tuple[Path, Path]:
    """The SQLite shop and its customers CSV for `rows`, generated in one pass when either is absent."""
    from gen_shop import CsvSink, SqliteSink, generate

    db, csv_path = shop_files(rows)
    if not (db.exists() and csv_path.exists()):
        progress(f"generating {db.name} and {csv_path.name}")
        t0 = time.perf_counter()
        tmp_db, tmp_csv = db.with_name(db.name + ".part"), csv_path.with_name(csv_path.name + ".part")
        generate(rows, [SqliteSink(str(tmp_db)), CsvSink(str(tmp_csv))])
        tmp_db.replace(db)
        tmp_csv.replace(csv_path)
        progress(f"generated {db.name} ({rows:,} customers + {rows:,} orders) and {csv_path.name} "
                 f"in {time.perf_counter() - t0:.1f} s")
    return db, csv_path


def pg_reachable(url: str) -> str | None:
    """None when the server answers, else why not."""
    try:
        import sqlalchemy

        engine = sqlalchemy.create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        engine.dispose()
        return None
    except Exception as exc:  # noqa: BLE001 - any failure means "skip PostgreSQL"
        return f"{type(exc).__name__}: {str(exc).strip().splitlines()[0][:120] if str(exc).strip() else ''}"


def drop_schema(url: str, schema: str) -> None:
    import sqlalchemy

    engine = sqlalchemy.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    engine.dispose()


def kgpii_row(label: str, sources: list[str], jobs: int, rows: int, extra: list[str], keep: bool) -> DbResult:
    kill_stale_epmd()
    progress(f"kgpii scan {label} -j {jobs}")
    out = OUT / f"findings_{label.replace(' ', '_')}_j{jobs}.jsonl"
    run, findings = kgpii_scan(sources, jobs, out, extra, keep)
    note = "" if run.ok else f"FAILED rc={run.rc}: {' | '.join(run.stderr_tail)[-200:]}"
    return DbResult(f"kgpii {label} -j {jobs}", rows, run.wall, run.rss_mb, run.tree_pss_mb, findings, note, run.ok)


def presidio_row(config: str, csv_path: Path, rows: int, table_rows: int) -> DbResult:
    kill_stale_epmd()
    progress(f"Presidio {config} analyze_dict on {rows:,} CSV rows")
    proc = subprocess.run([sys.executable, str(HERE / "sample_rates.py"), "rows", config, str(csv_path), str(rows)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        return DbResult(f"Presidio {config} analyze_dict", rows, None, note=f"FAILED: {proc.stderr.strip()[-200:]}",
                        ok=False)
    r = json.loads(proc.stdout)
    res = DbResult(f"Presidio {config} analyze_dict", r["items"], r["seconds"], r["peak_rss_mb"], None, r["results"],
                   "1 process, first CSV rows, 6 text columns, analysis only")
    if res.rows_per_s:
        res.note += f"; {table_rows:,} rows extrapolated: {table_rows / res.rows_per_s:,.0f} s"
    return res


def measure(args, jobs: list[int], keep: bool = False) -> list[DbResult]:
    """Every database measurement, in order."""
    rows = args.db_rows
    db, csv_path = ensure_shop(rows)
    results = []
    for j in jobs:
        results.append(kgpii_row("SQLite customers", [f"sqlite:///{db}"], j, rows, ["--tables", TABLE], keep))
    for j in jobs:
        results.append(kgpii_row("CSV customers", [str(csv_path)], j, rows, [], keep))
    if not args.skip_pg:
        why = pg_reachable(args.pg_url)
        if why:
            results.append(DbResult("kgpii PostgreSQL customers", rows, None, note=f"skipped: {why}", ok=True))
        else:
            results.extend(measure_pg(args.pg_url, rows, jobs, keep))
    if not args.skip_presidio and args.presidio_rows:
        for config in ("equivalent", "full"):
            results.append(presidio_row(config, csv_path, min(args.presidio_rows, rows), rows))
    return results


def measure_pg(url: str, rows: int, jobs: list[int], keep: bool) -> list[DbResult]:
    from gen_shop import PostgresSink, generate

    schema = f"kgpii_bench_{os.getpid()}"
    try:
        progress(f"loading {rows:,} customers into PostgreSQL schema {schema}")
        t0 = time.perf_counter()
        generate(rows, [PostgresSink(url, schema)], orders=0)
        progress(f"loaded {rows:,} customers into PostgreSQL schema {schema} in {time.perf_counter() - t0:.1f} s")
        return [kgpii_row("PostgreSQL customers", [url], j, rows, ["--schema", schema, "--tables", TABLE], keep)
                for j in jobs]
    finally:
        drop_schema(url, schema)


def print_table(results: list[DbResult]) -> None:
    print(f"{'method':40} {'rows':>9} {'seconds':>8} {'rows/s':>9} {'peak RSS':>9} {'tree PSS':>9} "
          f"{'findings':>10}  note")
    for r in results:
        secs = f"{r.seconds:8.2f}" if r.seconds is not None else f"{'-':>8}"
        rate = f"{r.rows_per_s:9,.0f}" if r.rows_per_s else f"{'-':>9}"
        rss = f"{r.rss_mb:6.0f} MB" if r.rss_mb else f"{'-':>9}"
        pss = f"{r.tree_pss_mb:6.0f} MB" if r.tree_pss_mb else f"{'-':>9}"
        found = f"{r.findings:10,}" if r.findings is not None else f"{'-':>10}"
        print(f"{r.method:40} {r.rows:9,} {secs} {rate} {rss:>9} {pss:>9} {found}  {r.note}")


def ratio_lines(results: list[DbResult]) -> list[tuple[str, str]]:
    """kgpii's best rows/s per source against each Presidio configuration on 1 and on N processes."""
    out = []
    presidio = [r for r in results if r.method.startswith("Presidio") and r.rows_per_s]
    for source in ("SQLite", "CSV", "PostgreSQL"):
        runs = [r for r in results if r.method.startswith(f"kgpii {source}") and r.rows_per_s]
        if not runs:
            continue
        best = max(runs, key=lambda r: r.rows_per_s)
        jobs = int(best.method.rsplit(" ", 1)[1])
        for p in presidio:
            config = p.method.split()[1]
            out.append((f"{best.method} / Presidio {config} on {jobs} process{'es, est.' if jobs > 1 else ''}"
                        f"{f' {jobs}x one' if jobs > 1 else ''} (same cores)",
                        f"{best.rows_per_s / (p.rows_per_s * jobs):.1f}x"))
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    add_arguments(parser)
    parser.add_argument("--jobs", default="1,2", help="comma-separated --jobs values for kgpii scan (1,2)")
    parser.add_argument("--skip-presidio", action="store_true")
    parser.add_argument("--keep-findings", action="store_true", help="keep the JSONL findings in bench/out/")
    args = parser.parse_args(argv)
    if args.presidio_rows is None:
        args.presidio_rows = 2000
    results = measure(args, [int(j) for j in args.jobs.split(",") if j], args.keep_findings)
    print_table(results)
    for name, value in ratio_lines(results):
        print(f"  {name}  {value}")
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
