"""Generate a large mixed Kyrgyz/Russian/English log file for the speed bench, streaming to disk.

Lines come from the corpus templates (`bench/templates.py`): nginx access lines, app
log lines (timestamp, level, service, message), chat/ticket messages logged by a bot,
CSV and JSON lines. About 30% of the lines hold personal data; the rest carry the hard
negatives (order ids, amounts, timestamps, versions, org ИНН, Luhn-failing numbers...).

    python bench/gen_logs.py 200 bench/data/logs_200mb.log
    python bench/gen_logs.py 5 /tmp/small.log --seed 3 --pii-share 0.5
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

from make_corpus import render
from templates import LOG_PREFIX, NEGATIVE_TEMPLATES, PII_TEMPLATES

PREFIXED_KINDS = ("app", "chat", "note", "ticket")


def log_line(rng: random.Random, pii: bool) -> str:
    kind, lang, template = rng.choice(PII_TEMPLATES if pii else NEGATIVE_TEMPLATES)
    if kind in PREFIXED_KINDS:
        template = LOG_PREFIX + template
    return render(template, lang, rng)[0]


def generate(size_mb: float, out: Path, seed: int = 42, pii_share: float = 0.3) -> tuple[int, int]:
    """Write lines to `out` until it holds `size_mb` MB (10^6 bytes); returns (lines, bytes)."""
    rng = random.Random(seed)
    target = int(size_mb * 1_000_000)
    written = lines = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    with open(tmp, "w", encoding="utf-8", buffering=1 << 20) as fh:
        buf: list[str] = []
        while written < target:
            line = log_line(rng, rng.random() < pii_share) + "\n"
            buf.append(line)
            written += len(line.encode("utf-8"))
            lines += 1
            if len(buf) >= 5000:
                fh.write("".join(buf))
                buf.clear()
        fh.write("".join(buf))
    tmp.replace(out)
    return lines, written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size_mb", type=float, help="size of the file in MB (10^6 bytes)")
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--pii-share", type=float, default=0.3, help="share of lines with personal data (0.3)")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    lines, size = generate(args.size_mb, args.out, args.seed, args.pii_share)
    print(f"{args.out}: {lines:,} lines, {size / 1e6:.1f} MB in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
