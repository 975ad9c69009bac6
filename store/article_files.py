"""Reading and writing an article's two files: the article file and its journal (store/journal.py).

:class:`ArticleFiles` keeps the state (store/state.py) of the last few articles read and
hands it out again while the files are unchanged, so a read of an unchanged article costs
a stat of the article file and a read of its small journal. Nothing is trusted on time
stamps alone: the journal's bytes are compared every time (every write changes them), and
the article file is taken as unchanged when its stat signature (inode, size, times) is the
one read and old enough that a second write could not hide behind it (the "racy file" rule
of git), else when its bytes are the ones read. A changed journal that continues the one
read is replayed on the kept state: the cost of reading another process's edit is that edit.

Writes (callers hold the store's write lock): :meth:`ArticleFiles.append` writes the journal
with one more entry, and folds the journal into the article file once it is long
(:data:`~store.journal.COMPACT_AT`); :meth:`ArticleFiles.rewrite` writes the article file
whole. Stale temporary files of a killed writer are removed from a folder the first time
it is written.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from annotate.edits import EditConflict
from store.annotation_json import ArticleTexts
from store.atomic_storage import TEMP_SUFFIX, atomic_write_bytes, dump_json, parse_json, read_bytes
from store.errors import StoreError
from store.history import check_file
from store.index import RACY_NS, Signature, _signature
from store.journal import (
    COMPACT_AT,
    COMPACT_BYTES,
    after_of,
    check_journal,
    entries_of,
    journal_path,
    journal_tables,
)
from store.state import ArticleState, state_of

FILES = 4
"""Articles whose state is kept (the one being edited, and a few others)."""
ARTICLE_INDENT = 1
"""JSON indent of article files, so they diff well under version control."""
ARTICLE_DEPTH = 4
"""Nesting laid out one member a line in article files: below it (one span, one person)
each item is one line."""
HISTORY_DEPTHS = {"history": 2}
"""History entries are one line each."""
JOURNAL_DEPTH = 2
"""Journal records are one line each."""
RETRIES = 5
"""Reads of an article file and journal that another process changed in between."""

_LEFT_ALONE = "annotui has left it unchanged; repair it, restore it from a backup or move it away"


@dataclass
class _Known:
    signature: Signature
    read_ns: int
    raw: bytes
    base: ArticleState
    journal: bytes | None
    state: ArticleState
    texts: ArticleTexts


class ArticleFiles:
    """The article files of one store, with the state of the last few read (thread-safe)."""

    def __init__(self, size: int = FILES) -> None:
        self._size = size
        self._known: OrderedDict[Path, _Known] = OrderedDict()
        self._lock = threading.Lock()
        self._swept: set[Path] = set()

    # -- reading ----------------------------------------------------------------------

    def state(self, path: Path) -> ArticleState | None:
        """Return the article at ``path`` as it is now, None when there is no such file.

        Raises :class:`StoreError` naming the file when the article file or its journal
        cannot be read.
        """
        with self._lock:
            known = self._known.get(path)
        for _ in range(RETRIES):
            found = self._read(path, known)
            if found is None:
                with self._lock:
                    self._known.pop(path, None)
                return None
            if found is not known:
                if found.state is not None:
                    self._remember(path, found)
                    return found.state
                known = None  # the journal does not continue the file read: read both again
                continue
            return known.state
        raise StoreError(
            f"cannot read {journal_path(path)}: it does not continue {path.name} "
            f"(its changes before are missing); {_LEFT_ALONE}"
        )

    def _read(self, path: Path, known: _Known | None) -> _Known | None:
        """Return ``known`` when nothing changed, else what the files hold now (its ``state``
        None when the journal does not continue the article file read)."""
        read_ns = time.time_ns()
        signature = _signature(path)
        if signature is None:
            return None
        jpath = journal_path(path)
        journal = read_bytes(jpath)
        raw: bytes | None = None
        same_base = known is not None and signature == known.signature
        if same_base and known is not None and signature[2] >= known.read_ns - RACY_NS:
            raw = read_bytes(path)
            same_base = raw == known.raw
        if known is not None and same_base:
            if journal == known.journal:
                return known
            found = replace(known, journal=journal)
            found.state = self._replayed(jpath, known.base, journal, known.state)  # type: ignore[assignment]
            return found
        raw = read_bytes(path) if raw is None else raw
        if raw is None:
            return None
        tables = parse_json(path, raw, check_file)
        try:
            base = state_of(tables)
        except ValueError as error:
            raise StoreError(f"cannot read {path}: {error}") from error
        texts = known.texts if known is not None else ArticleTexts()
        found = _Known(signature, read_ns, raw, base, journal, base, texts)
        found.state = self._replayed(jpath, base, journal, None)  # type: ignore[assignment]
        return found

    def _replayed(
        self,
        jpath: Path,
        base: ArticleState,
        journal: bytes | None,
        kept: ArticleState | None,
    ) -> ArticleState | None:
        """Return ``base`` with the journal replayed (continuing ``kept`` when the journal
        continues it); None when the journal does not continue ``base``."""
        if journal is None:
            return replace(base, journal_after=base.base_through, journal_entries={})
        data = parse_json(jpath, journal, check_journal)
        after = after_of(data)
        entries = entries_of(data)
        start = kept if kept is not None and after <= kept.through else base
        if after > start.base_through and start is base:
            return None
        state = start
        try:
            for entry in entries:
                state, _ = state.replay(entry)
        except (EditConflict, ValueError, KeyError, TypeError) as error:
            raise StoreError(f"cannot read {jpath}: {error}; {_LEFT_ALONE}") from error
        docs = data.get("entries") or {}
        return replace(state, journal_after=after, journal_entries=docs)

    def _remember(self, path: Path, known: _Known) -> None:
        with self._lock:
            self._known[path] = known
            self._known.move_to_end(path)
            while len(self._known) > self._size:
                self._known.popitem(last=False)

    def _texts(self, path: Path) -> ArticleTexts:
        with self._lock:
            known = self._known.get(path)
        return known.texts if known is not None else ArticleTexts()

    # -- writing (hold the store's write lock) ------------------------------------------

    def append(
        self, path: Path, state: ArticleState, entry: dict[str, Any], new: ArticleState
    ) -> ArticleState:
        """Write ``entry`` (which turns ``state``, read under the lock, into ``new``) to the
        journal, then fold the journal into the article file if it is long; return the
        state now stored."""
        self._sweep(path.parent)
        key = str(entry["jseq"])
        entries = {**state.journal_entries, key: entry}
        texts = self._texts(path)
        jpath = journal_path(path)
        raw = dump_json(journal_tables(state.journal_after, entries), 1, JOURNAL_DEPTH, None, texts)
        atomic_write_bytes(jpath, raw)
        texts.next_round()
        stored = replace(new, journal_after=state.journal_after, journal_entries=entries)
        if len(entries) >= COMPACT_AT or len(raw) >= COMPACT_BYTES:
            return self.compact(path, stored, int(entry["jseq"]))
        self._update(path, journal=raw, state=stored)
        return stored

    def rewrite(self, path: Path, state: ArticleState, new: ArticleState) -> ArticleState:
        """Write ``new`` (made from ``state``, read under the lock) as the whole article file,
        the journal folded in; return the state now stored."""
        return self.compact(path, new, state.next_jseq())

    def compact(self, path: Path, state: ArticleState, through: int) -> ArticleState:
        """Write ``state`` as the article file holding the journal up to ``through``, then
        empty the journal; return the state now stored."""
        self._sweep(path.parent)
        texts = self._texts(path)
        tables = state.file_tables(through)
        raw = dump_json(tables, ARTICLE_INDENT, ARTICLE_DEPTH, HISTORY_DEPTHS, texts)
        read_ns = time.time_ns()
        atomic_write_bytes(path, raw)
        texts.next_round((state.annotation,))
        signature = _signature(path)
        stored = replace(
            state, through=through, base_through=through, journal_after=through, journal_entries={}
        )
        jpath = journal_path(path)
        journal: bytes | None = None
        if state.journal_entries or jpath.exists():
            journal = dump_json(journal_tables(through, {}), 1, JOURNAL_DEPTH)
            atomic_write_bytes(jpath, journal)
        if signature is not None:
            self._remember(path, _Known(signature, read_ns, raw, stored, journal, stored, texts))
        return stored

    def compact_all(self, paths: set[Path]) -> None:
        """Fold the journals of ``paths`` into their article files (hold the lock)."""
        for path in paths:
            state = self.state(path)
            if state is not None and state.journal_entries:
                self.compact(path, state, state.next_jseq() - 1)

    def _update(self, path: Path, *, journal: bytes, state: ArticleState) -> None:
        with self._lock:
            known = self._known.get(path)
            if known is not None:
                known.journal = journal
                known.state = state

    def forget(self, path: Path) -> None:
        """Drop what is kept of ``path``."""
        with self._lock:
            self._known.pop(path, None)

    def _sweep(self, folder: Path) -> None:
        """Remove the temporary files a killed writer left in ``folder`` (hold the lock: every
        write holds it, so any temporary file seen is stale). Once per folder."""
        if folder in self._swept:
            return
        sweep_temp_files(folder)
        self._swept.add(folder)


def sweep_temp_files(folder: Path) -> list[str]:
    """Remove ``.<name>.<random>.tmp`` files from ``folder`` (hold the store's write lock);
    return their names."""
    removed: list[str] = []
    try:
        with os.scandir(folder) as entries:
            names = [e.name for e in entries if e.name.startswith(".") and e.is_file()]
    except OSError:
        return removed
    for name in names:
        if name.endswith(TEMP_SUFFIX) and name.count(".") >= 3:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(folder / name)
                removed.append(name)
    return removed


def journal_entries(state: ArticleState) -> Mapping[str, Any]:
    """Return the journal entries kept with ``state`` (for tests and tools)."""
    return state.journal_entries
