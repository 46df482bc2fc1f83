"""Speed bench: `kgpii scan` end to end on a large mixed log, against vanilla Presidio and grep.

1. Generates `bench/data/logs_<SIZE>mb.log` with `gen_logs.py` if it is absent.
2. Runs `kgpii scan FILE --format jsonl -o /dev/null --quiet --jobs N` for each N in
   `--jobs` (default 1,2) as a child process: wall time, MB/s, lines/s, and the child's
   peak RSS from `os.wait4` (the largest single process of the child's tree).
3. Runs the kgpii engine in this process (`ScanEngine.analyze_texts`, batches of 4096)
   and vanilla Presidio (see accuracy.py: predefined 'en' recognizers + a KG phone
   recognizer) on the first `--sample-lines` lines, and extrapolates Presidio's rate
   to the whole file (Presidio on 200 MB would take hours).
4. Runs `LC_ALL=C grep -cE -f PATTERNS FILE` with a regex per structured type (phone,
   e-mail, IP, card, ПИН, passport; no names or addresses: grep has no gazetteer).

    python bench/run.py                      # 200 MB
    python bench/run.py --size-mb 20 --jobs 1,2 --sample-lines 5000
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"
sys.path.insert(0, str(HERE))

# grep -E (POSIX ERE) counterparts of the structured kgpii recognizers
GREP_PATTERNS = [
    r"(\+996|996|0)[ -]?\(?[0-9]{3}\)?[ -]?([0-9]{3}[ -]?[0-9]{3}|[0-9]{2}[ -]?[0-9]{2}[ -]?[0-9]{2})",
    r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}",
    r"([0-9]{1,3}\.){3}[0-9]{1,3}",
    r"[0-9a-fA-F]{1,4}(:[0-9a-fA-F]{1,4}){3,7}|[0-9a-fA-F]{1,4}(:[0-9a-fA-F]{1,4}){1,6}::[0-9a-fA-F]{0,4}",
    r"([0-9][ -]?){12,18}[0-9]",
    r"[12][0-3][0-9][01][0-9](19|20)[0-9]{7}",
    r"(ID|AN|AC) ?[0-9]{7}",
]


def ensure_log(size_mb: float) -> Path:
    path = DATA / f"logs_{size_mb:g}mb.log"
    if not path.exists():
        from gen_logs import generate

        t0 = time.perf_counter()
        lines, size = generate(size_mb, path)
        print(f"generated {path}: {lines:,} lines, {size / 1e6:.1f} MB in {time.perf_counter() - t0:.1f} s")
    return path


def count_lines(path: Path) -> int:
    n = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 24):
            n += chunk.count(b"\n")
    return n


def run_child(cmd: list[str], env: dict | None = None) -> dict:
    """Run `cmd`: wall seconds, exit code, peak RSS (MB) and the tail of its stderr.

    Peak RSS comes from `/usr/bin/time -f %M` when it exists: `ru_maxrss` of a child
    forked from this (large) Python process starts at the parent's own RSS.
    """
    gnu_time = Path("/usr/bin/time")
    # stdout to a real file: GNU grep stops at the first match when stdout is /dev/null
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as rss_file:
        full = [str(gnu_time), "-f", "%M", "-o", rss_file.name, *cmd] if gnu_time.exists() else cmd
        t0 = time.perf_counter()
        proc = subprocess.Popen(full, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        stdout = out.read(4096).decode("utf-8", "replace").strip()
        err.seek(0)
        tail = err.read().decode("utf-8", "replace").strip().splitlines()[-3:]
        kb = usage.ru_maxrss
        if gnu_time.exists():
            text = rss_file.read().strip().splitlines()
            kb = int(text[-1]) if text and text[-1].isdigit() else kb
    return {"wall": wall, "rc": proc.returncode, "rss_mb": kb / 1024, "stderr": tail, "stdout": stdout}


def kgpii_cli(path: Path, jobs: int) -> dict:
    kgpii = ROOT / ".venv" / "bin" / "kgpii"
    exe = [str(kgpii)] if kgpii.exists() else [sys.executable, "-m", "scanner.cli"]
    env = dict(os.environ, KGPII_KEY="bench-key-0123456789abcdef")
    return run_child(exe + ["scan", str(path), "--format", "jsonl", "-o", "/dev/null", "--quiet", "--jobs", str(jobs)], env)


def read_sample(path: Path, n: int) -> list[str]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            out.append(line.rstrip("\n"))
            if len(out) >= n:
                break
    return out


def time_kgpii_engine(lines: list[str]) -> tuple[float, int, list[str]]:
    from accuracy import kgpii_engine

    engine, _, missing = kgpii_engine()
    engine.warm_up()
    found = 0
    t0 = time.perf_counter()
    for i in range(0, len(lines), 4096):
        found += sum(len(r) for r in engine.analyze_texts(lines[i:i + 4096]))
    return time.perf_counter() - t0, found, missing


def time_presidio(lines: list[str]) -> tuple[float, int]:
    from accuracy import presidio_analyzer

    analyzer = presidio_analyzer()
    found = 0
    t0 = time.perf_counter()
    for line in lines:
        found += len(analyzer.analyze(text=line, language="en"))
    return time.perf_counter() - t0, found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="kgpii speed bench (vs vanilla Presidio and grep)")
    parser.add_argument("--size-mb", type=float, default=200, help="size of the generated log (default 200)")
    parser.add_argument("--jobs", default="1,2", help="comma-separated --jobs values for kgpii scan (default 1,2)")
    parser.add_argument("--sample-lines", type=int, default=20000, help="lines for the in-process runs (20000)")
    parser.add_argument("--no-presidio", action="store_true")
    args = parser.parse_args(argv)

    path = ensure_log(args.size_mb)
    size = path.stat().st_size
    mb = size / 1e6
    lines = count_lines(path)
    print(f"file {path}: {mb:.1f} MB, {lines:,} lines ({size / lines:.0f} B/line)")
    print(f"machine: {os.cpu_count()} CPUs")

    rows = []   # (name, seconds, MB/s, lines/s, rss, note)
    for jobs in [int(j) for j in args.jobs.split(",") if j]:
        res = kgpii_cli(path, jobs)
        ok = res["rc"] == 0   # no --fail-on: 1 would be a crash
        note = "" if ok else f"FAILED rc={res['rc']}: {' | '.join(res['stderr'])[-200:]}"
        rows.append((f"kgpii scan --jobs {jobs}", res["wall"], mb / res["wall"], lines / res["wall"], res["rss_mb"], note, ok))

    pattern_file = DATA / "grep_ere.txt"
    pattern_file.write_text("\n".join(GREP_PATTERNS) + "\n", encoding="ascii")
    res = run_child(["grep", "-cE", "-f", str(pattern_file), str(path)], dict(os.environ, LC_ALL="C"))
    rows.append(("LC_ALL=C grep -cE (7 patterns)", res["wall"], mb / res["wall"], lines / res["wall"], res["rss_mb"],
                 f"{res['stdout']} matching lines", res["rc"] in (0, 1)))

    sample = read_sample(path, args.sample_lines)
    sample_mb = sum(len(s.encode("utf-8")) + 1 for s in sample) / 1e6
    secs, found, missing = time_kgpii_engine(sample)
    note = f"{found} findings" + (f"; recognizers missing: {', '.join(missing)}" if missing else "")
    rows.append((f"kgpii engine in-process ({len(sample)} lines)", secs, sample_mb / secs, len(sample) / secs, None, note, True))
    if not args.no_presidio:
        secs, found = time_presidio(sample)
        rate = len(sample) / secs
        rows.append((f"vanilla Presidio ({len(sample)} lines)", secs, sample_mb / secs, rate, None,
                     f"{found} results; whole file extrapolated: {lines / rate:,.0f} s", True))

    print(f"\n{'method':44} {'seconds':>9} {'MB/s':>8} {'lines/s':>11} {'peak RSS':>9}  note")
    for name, secs, mbs, lps, rss, note, _ in rows:
        rss_s = f"{rss:.0f} MB" if rss is not None else "-"
        print(f"{name:44} {secs:9.2f} {mbs:8.2f} {lps:11,.0f} {rss_s:>9}  {note}")

    rates = {name: lps for name, _, _, lps, _, _, ok in rows if ok}
    print()
    pres = next((v for k, v in rates.items() if k.startswith("vanilla Presidio")), None)
    grep = next((v for k, v in rates.items() if k.startswith("LC_ALL=C grep")), None)
    eng = next((v for k, v in rates.items() if k.startswith("kgpii engine")), None)
    for name, lps in rates.items():
        if not name.startswith("kgpii"):
            continue
        parts = []
        if pres:
            parts.append(f"{lps / pres:.1f}x Presidio's rate")
        if grep:
            parts.append(f"{lps / grep:.3f}x grep's rate (grep {grep / lps:.1f}x faster)")
        print(f"{name}: " + ", ".join(parts))
    if eng and pres:
        print("(Presidio's rate is measured on the sample and extrapolated; the in-process lines compare like with like)")
    return 0 if all(ok for *_, ok in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
