"""The secret key behind fingerprints and pseudonyms (HMAC-SHA256)."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sys
from pathlib import Path

from .errors import KgpiiError

KEY_ENV = "KGPII_KEY"
KEY_BYTES = 32


def default_key_path() -> Path:
    """Where a generated key lives: `$XDG_CONFIG_HOME/kgpii/key` (or `~/.config/kgpii/key`)."""
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "kgpii" / "key"


def generate_key_file(path: str | os.PathLike, overwrite: bool = False) -> Path:
    """Write a new random key (hex) to `path` with mode 0600."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if overwrite else os.O_EXCL)
    try:
        fd = os.open(path, flags, 0o600)
    except FileExistsError:
        raise KgpiiError(f"{path} exists; refusing to overwrite a key (use --force)") from None
    with os.fdopen(fd, "w") as fh:
        fh.write(secrets.token_hex(KEY_BYTES) + "\n")
    os.chmod(path, 0o600)
    return path


def read_key_file(path: str | os.PathLike) -> bytes:
    try:
        text = Path(path).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise KgpiiError(f"cannot read key file {path}: {exc.strerror}") from None
    if len(text) < 16:
        raise KgpiiError(f"key file {path} holds no usable key (need at least 16 characters)")
    return text.encode("utf-8")


def load_key(key_file: str | None = None, generate: bool = True, quiet: bool = False) -> bytes:
    """The key from `--key-file`, else `$KGPII_KEY`, else the user's generated key file.

    With none of them and `generate`, a key is created once in the user's config dir
    and a one-line notice goes to stderr.
    """
    if key_file:
        return read_key_file(key_file)
    env = os.environ.get(KEY_ENV)
    if env:
        if len(env) < 16:
            raise KgpiiError(f"${KEY_ENV} is too short (need at least 16 characters)")
        return env.encode("utf-8")
    path = default_key_path()
    if path.exists():
        return read_key_file(path)
    if not generate:
        raise KgpiiError(f"no key: set ${KEY_ENV}, pass --key-file, or run `kgpii key generate`")
    generate_key_file(path)
    if not quiet:
        print(f"kgpii: generated a new fingerprint key in {path} (mode 0600); keep it secret", file=sys.stderr)
    return read_key_file(path)


class Keyed:
    """Keyed hashing of normalized values: fingerprints and pseudonym material."""

    def __init__(self, key: bytes):
        self._key = key
        self._keyed_hash = None   # HMAC state after the key, built on first use

    def digest(self, text: str) -> bytes:
        # Copying an HMAC already fed the key skips hashing the key pads on every call
        # (~30% of a fingerprint); the digest is the same as hmac.new(key, text, sha256).
        base = self._keyed_hash
        if base is None:
            base = self._keyed_hash = hmac.new(self._key, digestmod=hashlib.sha256)
        h = base.copy()
        h.update(text.encode("utf-8"))
        return h.digest()

    def fingerprint(self, entity_type: str, normalized: str) -> str:
        """32 hex chars of HMAC-SHA256 over `TYPE:normalized`."""
        return self.digest(f"{entity_type}:{normalized}").hex()[:32]

    def __getstate__(self) -> dict:  # HMAC objects do not pickle (Dask, process pools)
        return {"_key": self._key, "_keyed_hash": None}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    def __repr__(self) -> str:  # never print the key
        return "Keyed(<secret>)"
