"""Generate a large mixed Kyrgyz/Russian/English log file for the speed bench, streaming to disk.

Lines come from the corpus templates (`bench/templates.py`): nginx access lines, app
log lines (timestamp, level, service, message), chat/ticket messages logged by a bot,
CSV and JSON lines. About 30% of the lines hold personal data; the rest carry the hard
negatives (order ids, amounts, timestamps, versions, org ИНН, Luhn-failing numbers...).

The file is written in blocks of `BLOCK_BYTES`, each from its own seeded generator, on
every core (`--procs`): the output is the same byte for byte whatever the number of
processes. Personal data and hard negatives are drawn fresh for every placeholder (their
values barely repeat, as in `make_corpus.py`); only the log furniture (timestamps,
levels, services, user agents, paths, status codes, sizes) comes from pre-rendered pools
of `POOL_SIZE` values, which is where the time went.

    python bench/gen_logs.py 200 bench/data/logs_200mb.log
    python bench/gen_logs.py 1000 bench/data/logs_1000mb.log --procs 2
    python bench/gen_logs.py 5 /tmp/small.log --seed 3 --pii-share 0.5
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_corpus  # noqa: E402
from make_corpus import GENERATORS, PLACEHOLDER  # noqa: E402
from templates import LOG_PREFIX, NEGATIVE_TEMPLATES, PII_TEMPLATES  # noqa: E402

PREFIXED_KINDS = ("app", "chat", "note", "ticket")
BLOCK_BYTES = 4_000_000
POOL_BITS = 16
POOL_SIZE = 1 << POOL_BITS
# Log furniture: never personal data, never a hard negative, and a third of the generator's time.
POOLED = frozenset({"TS", "TS_ISO", "NGINX_TS", "LEVEL", "SVC", "UA", "PATH", "STATUS", "BYTES", "MS"})


def compile_template(template: str, lang: str) -> tuple:
    """A template as alternating literals and (placeholder, lang) slots, parsed once."""
    parts: list = []
    pos = 0
    for m in PLACEHOLDER.finditer(template):
        parts.append(template[pos:m.start()])
        parts.append((m.group(1), lang))
        pos = m.end()
    parts.append(template[pos:])
    return tuple(parts)


class LineMaker:
    """Renders log lines; the furniture pools are built once, seeded by (seed, placeholder)."""

    def __init__(self, seed: int, pii_share: float):
        self.seed = seed
        self.pii_share = pii_share
        self.pii = [self._compile(k, lang, t) for k, lang, t in PII_TEMPLATES]
        self.negative = [self._compile(k, lang, t) for k, lang, t in NEGATIVE_TEMPLATES]
        self.pools = {name: self._pool(name) for name in sorted(POOLED)}

    @staticmethod
    def _compile(kind: str, lang: str, template: str) -> tuple:
        return compile_template(LOG_PREFIX + template if kind in PREFIXED_KINDS else template, lang)

    def _pool(self, name: str) -> list[str]:
        rng = random.Random(zlib.crc32(f"{self.seed}:{name}".encode()))
        make = GENERATORS[name]
        return [make(rng, None)[0] for _ in range(POOL_SIZE)]   # the pooled generators ignore the language

    def block(self, index: int, budget: int) -> tuple[bytes, int]:
        """Lines until `budget` bytes are reached, from a generator seeded by (seed, index)."""
        rng = random.Random(f"{self.seed}:{index}")
        choice, rand, pick = rng.choice, rng.random, rng.getrandbits
        pools = self.pools
        out: list[str] = []
        size = 0
        while size < budget:
            parts = choice(self.pii if rand() < self.pii_share else self.negative)
            pieces = []
            for i, part in enumerate(parts):
                if i % 2 == 0:
                    pieces.append(part)
                elif part[0] in pools:
                    pieces.append(pools[part[0]][pick(POOL_BITS)])
                else:
                    pieces.append(GENERATORS[part[0]](rng, part[1])[0])
            pieces.append("\n")
            line = "".join(pieces)
            out.append(line)
            size += len(line.encode("utf-8"))
        return "".join(out).encode("utf-8"), len(out)


_MAKER: LineMaker | None = None


def random_digits(rng: random.Random, n: int) -> str:
    """`n` uniform random digits in one draw (make_corpus._d draws one a call)."""
    return f"{rng.randrange(10 ** n):0{n}d}"


def _set_maker(seed: int, pii_share: float) -> None:
    """Built before the workers fork, so they share its pools."""
    global _MAKER
    _MAKER = LineMaker(seed, pii_share)


def _make_block(task: tuple[int, int]) -> tuple[bytes, int]:
    return _MAKER.block(*task)


def generate(size_mb: float, out: Path, seed: int = 42, pii_share: float = 0.3,
             procs: int | None = None) -> tuple[int, int]:
    """Write lines to `out` until it holds `size_mb` MB (10^6 bytes); returns (lines, bytes)."""
    target = int(size_mb * 1_000_000)
    tasks = [(i, min(BLOCK_BYTES, target - i * BLOCK_BYTES)) for i in range((target + BLOCK_BYTES - 1) // BLOCK_BYTES)]
    procs = max(1, min(procs or os.cpu_count() or 1, len(tasks)))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    written = lines = 0
    # Only while generating logs (restored below): the corpus keeps make_corpus._d, byte for byte.
    slow_digits, make_corpus._d = make_corpus._d, random_digits
    pool = None
    try:
        _set_maker(seed, pii_share)
        if procs > 1:
            import multiprocessing

            pool = multiprocessing.get_context("fork").Pool(procs)
        blocks = pool.imap(_make_block, tasks) if pool else map(_make_block, tasks)
        with open(tmp, "wb") as fh:
            for data, n in blocks:
                fh.write(data)
                written += len(data)
                lines += n
    finally:
        if pool is not None:
            pool.terminate()
        make_corpus._d = slow_digits
    tmp.replace(out)
    return lines, written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size_mb", type=float, help="size of the file in MB (10^6 bytes)")
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--pii-share", type=float, default=0.3, help="share of lines with personal data (0.3)")
    parser.add_argument("--procs", type=int, default=None, help="generator processes (default: CPU cores)")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    lines, size = generate(args.size_mb, args.out, args.seed, args.pii_share, args.procs)
    print(f"{args.out}: {lines:,} lines, {size / 1e6:.1f} MB in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
