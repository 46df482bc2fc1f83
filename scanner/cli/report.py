"""`kgpii report`: render saved findings in another format, without scanning again."""

from __future__ import annotations


import click

from ..errors import KgpiiError
from .common import atomic_output, say

from .common import FORMATS, default_format as _default_format


@click.command()
@click.argument("findings_path", metavar="FINDINGS", type=click.Path(dir_okay=False))
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS),
              help="Output format (default: from the -o suffix; else table on a terminal, jsonl otherwise).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report here instead of stdout.")
@click.option("--summary", "summary_path", type=click.Path(dir_okay=False),
              help="findings.json from `--report-dir` or `--format json`: adds the scan's parameters, timings and "
                   "unreadable sources (the report then equals the one written during the scan).")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False),
              help="Leave out findings accepted by this baseline (kgpii baseline create).")
@click.option("--show-values", is_flag=True, help="Keep raw values if the saved findings have them (warns).")
def report(findings_path, fmt, output, summary_path, baseline_path, show_values):
    """Render FINDINGS (saved JSON Lines, or a findings.json report) as html, sarif, csv, table or json.

    Nothing is scanned again: the report is a function of the saved findings (and of the
    scan summary that `findings.json` keeps).

    \b
    Examples:
      kgpii report findings.jsonl --format html -o report.html
      kgpii report findings.jsonl --format sarif -o kgpii.sarif
      kgpii report out/findings.jsonl --summary out/findings.json -o report.html
      kgpii report out/findings.json --format table
    """
    from reports import available_formats, render
    from reports.saved import load_saved, load_summary

    fmt = fmt or _default_format(output)
    if fmt not in available_formats():
        raise KgpiiError(f"format {fmt!r} is not available in this installation")
    if show_values:
        say("kgpii: warning: --show-values puts raw personal data in the output")
    findings, summary = load_saved(findings_path)
    if summary_path:
        summary = load_summary(summary_path)
    if baseline_path:
        from reports.baseline import Baseline

        findings = list(Baseline.load(baseline_path).new_findings(findings))
    with atomic_output(output) as out:
        render(fmt, findings, summary, out, show_values)
    if output not in (None, "-"):
        say(f"kgpii: {len(findings)} finding(s) written to {output} ({fmt})")
