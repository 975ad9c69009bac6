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
        return Path(explicit).expanduser()
    data_home = environ.get("XDG_DATA_HOME", "")
    if data_home and Path(data_home).is_absolute():
        return Path(data_home) / "annotui"
    home = environ.get("HOME", "")
    base = Path(home) if home else Path.home()
    return base / ".local" / "share" / "annotui"
