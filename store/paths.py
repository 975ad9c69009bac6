"""Where the store lives when no path is given."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

STORE_ENV = "ANNOTUI_STORE"
"""Environment variable naming the store folder."""


def default_store_path(environ: Mapping[str, str] = os.environ) -> Path:
    """Return ``$ANNOTUI_STORE``, else ``$XDG_DATA_HOME/annotui``, else ``~/.local/share/annotui``.

    Empty variables count as unset, and so does a relative ``XDG_DATA_HOME`` (as the
    XDG base directory specification asks).
    """
    explicit = environ.get(STORE_ENV, "")
    if explicit:
        return expand_home(explicit, environ)
    data_home = environ.get("XDG_DATA_HOME", "")
    if data_home and Path(data_home).is_absolute():
        return Path(data_home) / "annotui"
    return _home(environ) / ".local" / "share" / "annotui"


def _home(environ: Mapping[str, str]) -> Path:
    home = environ.get("HOME", "")
    return Path(home) if home else Path.home()


def expand_home(value: str, environ: Mapping[str, str] = os.environ) -> Path:
    """Return ``value`` as a path with a leading ``~`` replaced by ``$HOME`` from ``environ``."""
    if value == "~" or value.startswith("~/"):
        return _home(environ) / value[2:]
    return Path(value).expanduser()
