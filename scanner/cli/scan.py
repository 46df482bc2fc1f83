"""`kgpii scan`: find personal data in files, logs, exports and databases."""

from __future__ import annotations

import os

import click

from .common import FORMATS, default_format, parse_entities


@click.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS),
              help="Output format (default: from the -o suffix; else table on a terminal, jsonl otherwise).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the output here instead of stdout.")
@click.option("--report-dir", type=click.Path(file_okay=False),
              help="Also write every report format into this folder.")
@click.option("--entities", help="Only these entity types, comma-separated (default: all).")
@click.option("--min-score", type=click.FloatRange(0, 1), default=0.5, show_default=True,
              help="Drop findings scored below this.")
@click.option("--fail-on", help="Exit 1 when findings of these types are found (`any` for all): the CI gate.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False),
              help="Accepted findings (kgpii baseline create); only new ones are reported and gated.")
@click.option("--show-values", is_flag=True, help="Include raw values in the output (warns; off by default).")
@click.option("-q", "--quiet", is_flag=True, help="No progress or summary on stderr (errors still shown).")
@click.option("--include", multiple=True, help="In folders, only files matching this glob (repeatable).")
@click.option("--exclude", multiple=True, help="In folders, skip files matching this glob (repeatable).")
@click.option("--tables", multiple=True, help="Databases: only tables matching this pattern (repeatable).")
@click.option("--exclude-tables", multiple=True, help="Databases: skip tables matching this pattern.")
@click.option("--schema", help="Databases: only this schema.")
@click.option("--sample", type=click.IntRange(min=1), help="Scan at most N rows per table or export.")
@click.option("--inventory", type=click.Path(dir_okay=False),
              help="Write a per-column inventory CSV (source, table, column, entity_type, counts).")
@click.option("--key-file", type=click.Path(dir_okay=False), help="Fingerprint key (default: $KGPII_KEY).")
@click.option("--engine", "engine_mode", type=click.Choice(["fast", "presidio"]), default="fast",
              show_default=True, help="fast: one-pass prefilter; presidio: every record through AnalyzerEngine.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Processes to scan with (default: CPU cores).")
@click.option("--dask", "dask_address", help="Run on Dask: `local` or a scheduler address tcp://host:8786.")
def scan(sources, fmt, output, report_dir, entities, min_score, fail_on, baseline_path, show_values, quiet,
         include, exclude, tables, exclude_tables, schema, sample, inventory, key_file, engine_mode, jobs,
         dask_address):
    """Scan SOURCES for personal data: files, folders, `-` (stdin) or database URLs.

    \b
    Examples:
      kgpii scan logs/ --format table
      kgpii scan app.log.gz events.jsonl --format jsonl -o findings.jsonl
      kgpii scan sqlite:///shop.db postgresql+psycopg://app@db/shop --inventory inv.csv
      kgpii scan logs/ --fail-on PHONE_NUMBER,KG_PIN --baseline .kgpii-baseline.json
    """
    from ..run import ScanRequest, run_scan

    if fmt is None:
        fmt = "table" if report_dir and output is None else default_format(output)
    if show_values:
        click.echo("kgpii: warning: --show-values puts raw personal data in the output", err=True)
    request = ScanRequest(
        sources=tuple(sources),
        fmt=fmt,
        output=output,
        report_dir=report_dir,
        entities=parse_entities(entities),
        min_score=min_score,
        fail_on=parse_entities(fail_on, allow_any=True),
        baseline=baseline_path,
        show_values=show_values,
        quiet=quiet,
        include=tuple(include),
        exclude=tuple(exclude),
        tables=tuple(tables),
        exclude_tables=tuple(exclude_tables),
        schema=schema,
        sample=sample,
        inventory=inventory,
        key_file=key_file,
        engine=engine_mode,
        jobs=jobs or os.cpu_count() or 1,
        dask=dask_address,
    )
    code = run_scan(request)
    raise SystemExit(code)
