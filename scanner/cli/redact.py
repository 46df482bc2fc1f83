"""`kgpii redact`: redacted copies of logs, JSON Lines, CSV/TSV and Parquet files."""

from __future__ import annotations

import os

import click

from ..errors import EXIT_OK, EXIT_USAGE, KgpiiError
from .common import parse_entities, say

SKIP_SUFFIXES = (".bak",)
PAST = {"redact": "redacted", "mask": "masked", "pseudonymize": "pseudonymized"}


def build_action_engine(operator: str, key_file: str | None, entities, min_score: float):
    """A ScanEngine for an action; pseudonyms need a key the user gave (never a generated one)."""
    import secrets

    from ..engine import EngineOptions, ScanEngine
    from ..keys import Keyed, load_key

    try:
        key = load_key(key_file, generate=False)
    except KgpiiError:
        if key_file:
            raise
        if operator == "pseudonymize":
            raise KgpiiError("pseudonymize needs the project key: pass --key-file or set $KGPII_KEY "
                             "(create one with `kgpii key generate --out FILE`)") from None
        key = secrets.token_hex(32).encode()   # fingerprints of redact/mask runs are never shown
    return ScanEngine(Keyed(key), EngineOptions(entities=entities, min_score=min_score))


def _targets(paths: tuple[str, ...], out_dir: str | None) -> list[tuple[str, str | None]]:
    """(input file, output file) pairs: a file goes to OUT/name, a folder to OUT/<its relative path>."""
    from ..sources import SKIP_DIRS

    pairs = []
    for spec in paths:
        if os.path.isdir(spec):
            for dirpath, dirnames, filenames in os.walk(spec):
                dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
                for name in sorted(filenames):
                    if name.endswith(SKIP_SUFFIXES) or name.startswith(".kgpii-"):
                        continue
                    path = os.path.join(dirpath, name)
                    rel = os.path.relpath(path, spec)
                    pairs.append((path, os.path.join(out_dir, rel) if out_dir else None))
        else:
            pairs.append((spec, os.path.join(out_dir, os.path.basename(spec)) if out_dir else None))
    seen: dict[str, str] = {}
    for src, dst in pairs:
        if dst is None:
            continue
        real = os.path.realpath(dst)
        if real in seen:
            raise KgpiiError(f"{seen[real]} and {src} would both be written to {dst}; "
                             "redact them in separate runs or pass their common folder")
        if real == os.path.realpath(src):
            raise KgpiiError(f"{dst} is the input itself; use --in-place to replace it")
        seen[real] = src
    return pairs


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--out", "out_dir", type=click.Path(file_okay=False), help="Write the redacted copies into this folder.")
@click.option("--in-place", is_flag=True, help="Replace each file atomically (a .bak backup is kept).")
@click.option("--no-backup", is_flag=True, help="With --in-place: keep no .bak backup.")
@click.option("--operator", type=click.Choice(["redact", "mask", "pseudonymize"]), default="redact",
              show_default=True, help="redact: [PHONE_NUMBER]; mask: ***3456; pseudonymize: keyed PHONE_NUMBER_7f3a9c21.")
@click.option("--keep-last", type=click.IntRange(min=0), default=4, show_default=True,
              help="mask: characters left visible at the end.")
@click.option("--entities", help="Only these entity types, comma-separated (default: all).")
@click.option("--min-score", type=click.FloatRange(0, 1), default=0.5, show_default=True,
              help="Leave spans scored below this.")
@click.option("--key-file", type=click.Path(dir_okay=False), help="The project key (default: $KGPII_KEY).")
@click.option("-q", "--quiet", is_flag=True, help="No per-file messages (errors still shown).")
def redact(paths, out_dir, in_place, no_backup, operator, keep_last, entities, min_score, key_file, quiet):
    """Write redacted copies of PATHS (files or folders): logs (.gz too), JSON Lines, CSV/TSV, Parquet.

    A file that cannot be parsed is left untouched and reported; the others are still
    processed, and the exit status is 2 at the end.

    \b
    Examples:
      kgpii redact logs/ --out clean/
      kgpii redact orders.csv events.jsonl.gz --out clean/ --operator pseudonymize --key-file ~/.kgpii.key
      kgpii redact app.log --in-place --operator mask --entities PHONE_NUMBER,KG_PIN
    """
    from ..actions.files import FileRedactor
    from ..actions.operators import SpanRewriter
    from ..errors import SourceError

    if bool(out_dir) == bool(in_place):
        raise KgpiiError("choose one of --out DIR or --in-place")
    if no_backup and not in_place:
        raise KgpiiError("--no-backup only goes with --in-place")
    engine = build_action_engine(operator, key_file, parse_entities(entities), min_score)
    redactor = FileRedactor(SpanRewriter(operator, engine, keep_last=keep_last))
    failed = 0
    total = 0
    pairs = _targets(tuple(paths), out_dir)
    for path, out_path in pairs:
        try:
            if in_place:
                result = redactor.redact_file(path, path, backup=None if no_backup else path + ".bak",
                                              skip_unchanged=True)
            else:
                if os.path.abspath(out_path) == os.path.abspath(path):
                    raise SourceError(path, "the output would overwrite the input (use --in-place)")
                result = redactor.redact_file(path, out_path)
        except SourceError as exc:
            failed += 1
            where = f"{exc.source}:{exc.line}" if exc.line else exc.source
            click.echo(f"kgpii: error: {where}: {exc}", err=True)
            continue
        total += result.changed
        for note in result.notes:
            say(f"kgpii: note: {path}: {note}", quiet)
        say(f"{path}: {result.changed} value(s) {PAST[operator]}", quiet)
    say(f"kgpii: {total} value(s) in {len(pairs) - failed} file(s)"
        + (f"; {failed} file(s) could not be processed and were left untouched" if failed else ""), quiet)
    raise SystemExit(EXIT_USAGE if failed else EXIT_OK)
