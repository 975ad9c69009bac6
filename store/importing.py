"""Adding articles from files: plain text and extraction-contract JSON, in steps that can stop.

:func:`read_articles` reads and checks every input before anything is written, so a bad file
is reported (file, line, what is wrong) with the store untouched. :func:`add_articles` then
adds them a few at a time; each step is complete on disk (atomic files, index synced) before
the next, so stopping between steps (Ctrl-C) leaves nothing half-written, and running the
same command again adds the rest: articles already stored are skipped.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from store.errors import StoreError
from store.formats import contract_lines
from store.formats.plain_text import read_text, text_item
from store.store import Store
from store.values import article_id

STEP = 100
"""Articles added per step between two chances to stop."""


@dataclass(frozen=True, slots=True)
class Added:
    """What :func:`add_articles` did."""

    new: list[str] = field(default_factory=list)
    """Ids of the articles added."""
    known: list[str] = field(default_factory=list)
    """Ids of the articles that were in the store already (left as they were)."""
    stopped: bool = False
    """True when asked to stop before every article was added."""
    to_add: int = 0
    """How many articles were not in the store yet (all of them are in ``new`` unless
    ``stopped``)."""


def read_articles(names: Sequence[str], stdin: TextIO = sys.stdin) -> list[dict[str, Any]]:
    """Read every input: a UTF-8 text file (one article), a folder (its ``*.txt`` files in
    name order), ``-`` (standard input, one article) or a ``.jsonl``/``.json`` file of
    extraction-contract objects (their annotation kept as suggestions).

    Returns :meth:`Store.import_articles` items; raises :class:`StoreError` naming the file
    (and line) of the first bad input.
    """
    items: list[dict[str, Any]] = []
    for name in names:
        if name == "-":
            items.append(text_item(stdin.read(), "<stdin>"))
            continue
        path = Path(name)
        if path.is_dir():
            files = sorted(path.glob("*.txt"))
            if not files:
                raise StoreError(f"{name}: no *.txt files in this folder")
            items += [text_item(read_text(file), str(file)) for file in files]
        elif not path.is_file():
            raise StoreError(f"no such file or folder: {name}")
        elif path.suffix.lower() in contract_lines.SUFFIXES:
            items += contract_lines.contract_items(path)
        else:
            items.append(text_item(read_text(path), name))
    return items


def split_new(
    store: Store, items: Sequence[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[str]]:
    """Return the items whose text is not listed in ``store`` yet (each text once) and the
    ids of those that are. An article whose file a killed import wrote without its index
    row counts as new: adding it indexes the file as it is."""
    seen: set[str] = set()
    fresh: list[dict[str, Any]] = []
    known: list[str] = []
    for item in items:
        key = article_id(item["text"])
        if key in seen:
            continue
        seen.add(key)
        if store.is_listed(key):
            known.append(key)
        else:
            fresh.append(item)
    return fresh, known


def add_articles(
    store: Store,
    items: Sequence[dict[str, Any]],
    *,
    progress: Callable[[int, int], None] = lambda done, total: None,
    stop: Callable[[], bool] = lambda: False,
    step: int = STEP,
) -> Added:
    """Add ``items`` (from :func:`read_articles`) to ``store``, :data:`STEP` at a time.

    ``progress(done, total)`` is called after each step; ``stop()`` is asked before each, and
    when it says so the rest is left out. The same text twice is added once.
    """
    fresh, known = split_new(store, items)
    new: list[str] = []
    for start in range(0, len(fresh), step):
        if stop():
            return Added(new, known, stopped=True, to_add=len(fresh))
        new += store.import_articles(fresh[start : start + step])
        progress(len(new), len(fresh))
    return Added(new, known, to_add=len(fresh))
