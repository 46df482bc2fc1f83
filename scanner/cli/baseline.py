"""`kgpii baseline`: accept today's findings so that `scan --baseline` gates only new ones."""

from __future__ import annotations

import click

from .common import say


@click.group()
def baseline():
    """Accept known findings: `kgpii scan --baseline FILE` then reports and gates only new ones.

    A baseline holds fingerprints and locations (file, table, row key, column, JSON field),
    never values; line numbers are left out so edits above a known finding keep it known.

    \b
    Examples:
      kgpii scan logs/ --format jsonl -o findings.jsonl
      kgpii baseline create findings.jsonl -o .kgpii-baseline.json
      kgpii scan logs/ --baseline .kgpii-baseline.json --fail-on any
    """


@baseline.command("create")
@click.argument("findings_path", metavar="FINDINGS", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=".kgpii-baseline.json",
              show_default=True, help="The baseline file to write (replaced if it exists).")
@click.option("-q", "--quiet", is_flag=True, help="No summary line on stderr.")
def create(findings_path, output, quiet):
    """Write a baseline accepting every finding in FINDINGS (JSON Lines or findings.json).

    \b
    Examples:
      kgpii baseline create findings.jsonl -o .kgpii-baseline.json
      kgpii baseline create out/findings.json
    """
    from reports.baseline import Baseline
    from reports.saved import load_saved

    findings, _ = load_saved(findings_path)
    accepted = Baseline.create(findings)
    accepted.save(output)
    say(f"kgpii: baseline of {len(accepted)} finding(s) written to {output}", quiet)
