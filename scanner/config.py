"""Options from `kgpii.toml` or `[tool.kgpii]` in `pyproject.toml` (the command line wins)."""

from __future__ import annotations

import os
import tomllib

from .errors import KgpiiError


def find_config(start: str = ".") -> tuple[str, dict] | None:
    """The first `kgpii.toml`, else `pyproject.toml` with `[tool.kgpii]`, in `start`."""
    path = os.path.join(start, "kgpii.toml")
    if os.path.isfile(path):
        return path, _read(path)
    path = os.path.join(start, "pyproject.toml")
    if os.path.isfile(path):
        data = _read(path).get("tool", {}).get("kgpii")
        if data:
            return path, data
    return None


def _read(path: str) -> dict:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise KgpiiError(f"cannot read config {path}: {exc}") from None


# options given more than once on the command line; other lists are comma-joined
MULTIPLE_OPTIONS = {"include", "exclude", "tables", "exclude_tables"}


def default_map(config: dict) -> dict:
    """click `default_map`: top-level keys go to `scan`; `[scan]`, `[redact]`... to their command.

    Keys may use dashes or underscores; lists become tuples for multiple options.
    """
    commands = {"scan", "report", "redact", "retain", "baseline"}
    out: dict[str, dict] = {}
    for key, value in config.items():
        if key in commands and isinstance(value, dict):
            target = out.setdefault(key, {})
            items = value.items()
        else:
            target = out.setdefault("scan", {})
            items = [(key, value)]
        for k, v in items:
            name = k.replace("-", "_")
            if isinstance(v, list):
                v = tuple(v) if name in MULTIPLE_OPTIONS else ",".join(map(str, v))
            target[name] = v
    return out
