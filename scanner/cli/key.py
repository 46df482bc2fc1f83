"""`kgpii key`: the secret key behind fingerprints and pseudonyms."""

from __future__ import annotations

import click

from .common import say


@click.group()
def key() -> None:
    """Manage the project key (HMAC-SHA256) used for fingerprints and pseudonyms.

    \b
    Examples:
      kgpii key generate --out ~/.config/kgpii/key
      KGPII_KEY=$(cat /run/secrets/kgpii) kgpii retain --policy retention.yaml --apply
    """


@key.command()
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False),
              help="Where to write the new key (mode 0600).")
@click.option("--force", is_flag=True, help="Overwrite an existing key file (old pseudonyms stop matching).")
@click.option("-q", "--quiet", is_flag=True, help="No message on stderr.")
def generate(out_path, force, quiet):
    """Write a new random key to a file readable only by you.

    The key itself is never printed. Keep it secret and backed up: pseudonyms made with it
    can only be matched again with the same key.

    \b
    Example:
      kgpii key generate --out /etc/kgpii/key && export KGPII_KEY=$(cat /etc/kgpii/key)
    """
    from ..keys import generate_key_file

    path = generate_key_file(out_path, overwrite=force)
    say(f"kgpii: new key written to {path} (mode 0600); keep it secret and backed up", quiet)
