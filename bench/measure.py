"""How the speed bench times a command and describes the machine it ran on.

`run_timed` runs a command under GNU time as a child of a small process, so the peak RSS
is the command's own. GNU time's `%M` is the `ru_maxrss` that `wait4()` returns for its
child: on Linux that is the largest peak of any single process in the child's tree that
was waited for (the child itself or a descendant it reaped, recursively), not a sum.
Checked on this machine: a parent of 16 MB that runs a 400 MB child reports 423 MB; a
`multiprocessing` pool (fork or spawn) with workers of 300 and 200 MB reports 319 MB.
Workers that are not descendants of the command (a forkserver) would be missed: kgpii
forks its workers, so they count. Because `%M` is the largest process only, a sampler
also sums the proportional set size (PSS, shared pages split between the processes
sharing them) of the whole tree from /proc every `SAMPLE_SECONDS`: `tree_pss_mb` is the
largest such sum seen (a sample, so a short peak can be missed).
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

GNU_TIME = Path("/usr/bin/time")
SAMPLE_SECONDS = 0.25


@dataclass
class Timed:
    """One timed run of a command."""

    wall: float
    rc: int
    rss_mb: float | None            # largest single process (GNU time %M)
    tree_pss_mb: float | None       # largest sampled sum of PSS over the process tree
    cpu: float | None               # user + system seconds of the tree (GNU time %U + %S)
    stdout: str = ""
    stderr_tail: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.rc == 0


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(entry.name))
    return kids


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def tree_pss_kb(root: int) -> int:
    """Sum of PSS over `root` and all its descendants, now."""
    kids = _children()
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += _pss_kb(pid)
        stack.extend(kids.get(pid, ()))
    return total


class _PssSampler(threading.Thread):
    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kb = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(SAMPLE_SECONDS):
            self.peak_kb = max(self.peak_kb, tree_pss_kb(self.pid))


def run_timed(cmd: list[str], env: dict | None = None, stdout_path: Path | None = None) -> Timed:
    """Run `cmd` to completion: wall seconds, exit code, peak memory, CPU seconds, stdout head, stderr tail.

    stdout goes to `stdout_path` or a temporary file, never /dev/null: GNU grep -c stops at
    the first match when its output is /dev/null.
    """
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as report:
        out = open(stdout_path, "wb") if stdout_path else tempfile.TemporaryFile()
        with out:
            full = [str(GNU_TIME), "-f", "%M %U %S", "-o", report.name, *cmd] if GNU_TIME.exists() else cmd
            t0 = time.perf_counter()
            proc = subprocess.Popen(full, stdout=out, stderr=err, env=env)
            sampler = _PssSampler(proc.pid)
            sampler.start()
            rc = proc.wait()
            wall = time.perf_counter() - t0
            sampler.done.set()
            sampler.join()
            stdout = ""
            if not stdout_path:
                out.seek(0)
                stdout = out.read(4096).decode("utf-8", "replace").strip()
        err.seek(0)
        tail = err.read().decode("utf-8", "replace").strip().splitlines()[-3:]
        rss = cpu = None
        fields = (report.read().strip().splitlines() or [""])[-1].split()
        if len(fields) == 3 and fields[0].isdigit():
            rss, cpu = int(fields[0]) / 1024, float(fields[1]) + float(fields[2])
    pss = sampler.peak_kb / 1024 if sampler.peak_kb else None
    return Timed(wall, rc, rss, pss, cpu, stdout, tail)


def progress(message: str) -> None:
    """A line on stderr while the bench runs (the summary goes to stdout at the end)."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def kill_stale_epmd() -> int:
    """Kill RabbitMQ's stuck `epmd-starter` processes (older than 30 s); each spins on a core."""
    try:
        ps = subprocess.run(["ps", "-o", "pid=,etimes=,args=", "-u", "rabbitmq"],
                            capture_output=True, text=True, check=False).stdout
    except OSError:
        return 0
    killed = 0
    for line in ps.splitlines():
        parts = line.split(None, 2)
        if len(parts) == 3 and "epmd-starter" in parts[2] and int(parts[1]) > 30:
            try:
                os.kill(int(parts[0]), 15)
                killed += 1
            except OSError:
                pass
    return killed


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def mem_total_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return None


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def machine_line() -> str:
    mem = mem_total_gb()
    return (f"nproc {len(os.sched_getaffinity(0))}, {cpu_model()}, {mem:.0f} GB RAM, Python {platform.python_version()}"
            if mem else f"nproc {len(os.sched_getaffinity(0))}, {cpu_model()}")


ROOT = Path(__file__).resolve().parent.parent
BENCH_KEY = "bench-key-0123456789abcdef"   # a fixed key in the environment: no key file is created


def kgpii_scan(sources: list[str], jobs: int, out: Path, extra: list[str] = (),
               keep: bool = False) -> tuple[Timed, int]:
    """`kgpii scan SOURCES -f jsonl -o OUT -q -j JOBS` timed; returns the run and the number of findings.

    The findings go to a real file (then counted and, unless `keep`, deleted): writing them is
    part of a scan's cost.
    """
    exe = ROOT / ".venv" / "bin" / "kgpii"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-c", "from scanner.cli import main; main()"]
    cmd += ["scan", *sources, "--format", "jsonl", "-o", str(out), "--quiet", "--jobs", str(jobs), *extra]
    out.parent.mkdir(parents=True, exist_ok=True)
    run = run_timed(cmd, dict(os.environ, KGPII_KEY=BENCH_KEY))
    findings = count_lines(out) if out.exists() else 0
    if not keep and out.exists():
        out.unlink()
    return run, findings


def count_lines(path: Path) -> int:
    n = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 24):
            n += chunk.count(b"\n")
    return n
