"""Seed articles: plain ``.txt`` files shipped in ``seeds/`` to start a store with."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from store.errors import StoreError
from store.paths import expand_home
from store.store import Store

SEEDS_ENV = "ANNOTUI_SEEDS"
"""Environment variable naming a folder of seed articles."""


def seed_dir(environ: Mapping[str, str] = os.environ) -> Path | None:
    """Return ``$ANNOTUI_SEEDS``, else the ``seeds`` folder beside the packages if it exists."""
    explicit = environ.get(SEEDS_ENV, "")
    if explicit:
        return expand_home(explicit, environ)
    bundled = Path(__file__).resolve().parents[1] / "seeds"
    return bundled if bundled.is_dir() else None


def add_seed_articles(store: Store, folder: Path | None = None) -> list[str]:
    """Add every ``*.txt`` in ``folder`` (default :func:`seed_dir`) to ``store``; return their ids.

    Files are added in name order with the file name as source; articles already in
    the store are left as they are. No folder at all adds nothing.
    """
    folder = seed_dir() if folder is None else folder
    if folder is None:
        return []
    if not folder.is_dir():
        raise StoreError(f"seed folder {folder} does not exist; set {SEEDS_ENV} to a folder")
    ids = []
    for path in sorted(folder.glob("*.txt")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise StoreError(f"cannot read seed article {path}: {error}") from error
        if not text.strip():
            raise StoreError(f"seed article {path} is empty; remove it or give it text")
        ids.append(store.add_article(text, source=path.name))
    return ids
