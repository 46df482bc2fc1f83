"""`kgpii retain`: enforce a retention policy (plan by default, `--apply` to execute)."""

from __future__ import annotations

import datetime as dt
import json

import click

from ..errors import EXIT_OK, EXIT_USAGE, KgpiiError
from .common import say


def parse_now(value: str | None) -> dt.datetime:
    """`--now` (ISO date or date-time) as a naive UTC datetime; the current time without it."""
    if not value:
        return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise KgpiiError(f"--now {value!r} is not an ISO date (e.g. 2026-01-31 or 2026-01-31T12:00:00)") from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return moment


@click.command()
@click.option("--policy", "policy_path", required=True, type=click.Path(dir_okay=False),
              help="The retention policy (YAML or TOML; see docs/retention.md).")
@click.option("--apply", "do_apply", is_flag=True, help="Execute the plan (default: only print it).")
@click.option("--audit", "audit_path", default="kgpii-audit.jsonl", show_default=True,
              type=click.Path(dir_okay=False), help="Append-only audit log of every change (with --apply).")
@click.option("--batch-size", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Rows per transaction.")
@click.option("--now", "now_text", help="Pretend it is this moment (ISO date), for tests and reruns.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="How the plan / outcome is printed on stdout.")
@click.option("--min-score", type=click.FloatRange(0, 1), default=0.5, show_default=True,
              help="Leave spans scored below this.")
@click.option("--key-file", type=click.Path(dir_okay=False), help="The project key (default: $KGPII_KEY).")
@click.option("-q", "--quiet", is_flag=True, help="No progress messages on stderr.")
def retain(policy_path, do_apply, audit_path, batch_size, now_text, fmt, min_score, key_file, quiet):
    """Print what a retention policy would change, or change it with --apply.

    Rules past retention are pseudonymized, masked, redacted, nulled or deleted, batch by
    batch in transactions, each change written to the audit log first. A run that was
    interrupted is finished by running it again.

    \b
    Examples:
      kgpii retain --policy retention.yaml
      kgpii retain --policy retention.yaml --apply --audit /var/log/kgpii-audit.jsonl
      kgpii retain --policy retention.yaml --now 2026-01-01 --format json
    """
    from ..actions.policy import load_policy
    from ..actions.retention import RetentionRun
    from ..keys import Keyed, load_key

    policy = load_policy(policy_path)
    now = parse_now(now_text)
    try:
        key = load_key(key_file, generate=False)
    except KgpiiError:
        if key_file:
            raise
        raise KgpiiError("retention needs the project key (pseudonyms and audit fingerprints): pass --key-file "
                         "or set $KGPII_KEY (create one with `kgpii key generate --out FILE`)") from None
    run = RetentionRun(policy, Keyed(key), now=now, batch_size=batch_size, min_score=min_score)
    if not do_apply:
        reports = run.plan()
        refused = any(r.errors for r in reports)
        if fmt == "json":
            click.echo(json.dumps({"mode": "plan", "now": now.isoformat(), "rules": [r.to_dict() for r in reports]},
                                  ensure_ascii=False, indent=2))
        else:
            click.echo(f"Retention plan for {policy_path} (now {now:%Y-%m-%d %H:%M:%S}); "
                       "nothing changes without --apply")
            for report in reports:
                click.echo("")
                for line in report.lines():
                    click.echo(line)
        if refused:
            click.echo("kgpii: error: the plan refuses some rules (see REFUSED above); --apply would change nothing",
                       err=True)
        raise SystemExit(EXIT_USAGE if refused else EXIT_OK)
    outcome = run.apply(audit_path)
    if fmt == "json":
        click.echo(json.dumps({"mode": "apply", "now": now.isoformat(), "rules": [r.to_dict() for r in outcome.reports],
                               "problems": outcome.problems}, ensure_ascii=False, indent=2))
    else:
        for report in outcome.reports:
            unit = "file(s)" if report.target == "files" else "row(s)"
            click.echo(f"rule {report.rule.name}: {report.rule.action}: {report.affected} {unit} changed, "
                       f"{report.changes} value(s)" + (f", child rows {dict(report.children)}" if report.children else ""))
    for problem in outcome.problems:
        click.echo(f"kgpii: error: {problem}", err=True)
    say(f"kgpii: audit log: {audit_path}", quiet)
    raise SystemExit(EXIT_USAGE if outcome.problems else EXIT_OK)
