"""The `kgpii` command line: thin click commands over the library.

Every command parses options, calls the library, and turns its exceptions into one
clear line on stderr and an exit code (0 ok, 1 CI gate, 2 usage or unreadable input).
"""

from __future__ import annotations



import os

import click

from .. import __version__
from ..errors import KgpiiError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class KgpiiGroup(click.Group):
    """A group that loads config defaults and never shows a traceback for our errors."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KgpiiError as exc:
            click.echo(f"kgpii: error: {exc}", err=True)
            ctx.exit(2)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("kgpii: interrupted", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            # the reader went away (`kgpii scan ... | head`): stop quietly, as shell tools do
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            ctx.exit(141)
        except Exception as exc:  # a bug: one line (no values), exit 2 rather than the gate's 1
            if os.environ.get("KGPII_DEBUG"):
                raise
            from ..errors import scrub

            click.echo(f"kgpii: internal error: {type(exc).__name__}: {scrub(str(exc))} "
                       "(set KGPII_DEBUG=1 for the traceback)", err=True)
            ctx.exit(2)


@click.group(cls=KgpiiGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, prog_name="kgpii")
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="Options file (default: ./kgpii.toml, else [tool.kgpii] in ./pyproject.toml).")
@click.pass_context
def main(ctx: click.Context, config_path: str | None) -> None:
    """Find, report and remove personal data of people in Kyrgyzstan.

    \b
    Examples:
      kgpii scan logs/ shop.db --format table
      kgpii scan sqlite:///shop.db --format jsonl -o findings.jsonl
      kgpii report findings.jsonl --format html -o report.html
      kgpii retain --policy retention.yaml           # the plan; add --apply to execute
    """
    from ..config import _read, default_map, find_config

    found = (config_path, _read(config_path)) if config_path else find_config()
    if found:
        defaults = default_map(found[1])
        for command, options in defaults.items():
            known = {p.name for p in main.commands[command].params} if command in main.commands else set()
            unknown = sorted(set(options) - known)
            if unknown:
                raise KgpiiError(f"{found[0]}: unknown option(s) for `kgpii {command}`: "
                                 f"{', '.join(u.replace('_', '-') for u in unknown)}")
        ctx.default_map = defaults


def _register() -> None:
    from . import scan as scan_cmd

    main.add_command(scan_cmd.scan)
    for module, names in (("report", ("report",)), ("baseline", ("baseline",)), ("redact", ("redact",)),
                          ("retain", ("retain",)), ("key", ("key",))):
        try:
            mod = __import__(f"{__name__}.{module}", fromlist=list(names))
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{module}":
                raise
            continue
        for name in names:
            main.add_command(getattr(mod, name))


_register()

