"""Reading and writing an article's two files: the article file and its journal (store/journal.py).

Both are TinyDB files, opened as ``TinyDB(path, storage=AtomicJSONStorage, …)``
(store/atomic_storage.py) and read and written through their tables: an edit inserts its
entry in the journal's ``entries`` table; folding the journal in writes the article file's
tables and empties the journal. The storage keeps the tables it read while the file is
unchanged (nothing trusted on time stamps alone) and writes atomically and durably.

:class:`ArticleFiles` keeps the files of the last few articles open, with the state
(store/state.py) made from them, and hands the state out again while neither file changed,
so a read of an unchanged article costs a stat of the article file and a read of its small
journal. A changed journal that continues the one read is replayed on the kept state: the
cost of reading another process's edit is that edit.

Writes (callers hold the store's write lock): :meth:`ArticleFiles.append` adds an entry to the
journal, and folds the journal into the article file once it is long
(:data:`~store.journal.COMPACT_AT`); :meth:`ArticleFiles.rewrite` writes the article file
whole. Stale temporary files of a killed writer are removed from a folder the first time
it is written.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, NamedTuple

from tinydb import TinyDB
from tinydb.table import Document

from annotate.edits import EditConflict
from store.annotation_json import ArticleTexts
from store.atomic_storage import (
    TEMP_SUFFIX,
    AtomicJSONStorage,
    dump_json,
    parse_json,
    read_bytes,
    storage_of,
)
from store.errors import LEFT_ALONE, StoreError
from store.history import check_file
from store.journal import (
    COMPACT_AT,
    COMPACT_BYTES,
    ENTRIES_TABLE,
    HEAD_TABLE,
    check_journal,
    head_record,
    journal_path,
)
from store.records import RECORD_ID
from store.state import ArticleState, state_of

FILES = 4
"""Articles whose files and state are kept (the one being edited, and a few others)."""
ARTICLE_LAYOUT: dict[str, Any] = {"indent": 1, "depth": 4, "table_depths": {"history": 2}}
"""Layout of article files, so they diff well under version control: one member a line down
to one span, one person (each one line), history entries one line each."""
JOURNAL_LAYOUT: dict[str, Any] = {"indent": 1, "depth": 2}
"""Layout of journals: one entry a line."""
RETRIES = 5
"""Reads of an article file and journal that another process changed in between."""

ARTICLES_DIR = "articles"
"""Folder of the per-article files inside the store folder."""


def open_article_file(path: Path, **options: Any) -> TinyDB:
    """Open an article file as a TinyDB (``options`` go to :class:`AtomicJSONStorage`)."""
    return TinyDB(path, storage=AtomicJSONStorage, check=check_file, **ARTICLE_LAYOUT, **options)


def open_journal(path: Path, **options: Any) -> TinyDB:
    """Open an article's journal as a TinyDB (``options`` go to :class:`AtomicJSONStorage`)."""
    return TinyDB(
        journal_path(path),
        storage=AtomicJSONStorage,
        check=check_journal,
        **JOURNAL_LAYOUT,
        **options,
    )


def tables_of(db: TinyDB) -> dict[str, dict[str, Document]]:
    """Return every table of ``db`` by name in the file's order, its documents by id (call it
    in a transaction, so they come from one read)."""
    names = db.storage.read() or {}  # TinyDB's db.tables() is a set: the order would be lost
    return {name: {str(doc.doc_id): doc for doc in db.table(name)} for name in names}


def write_tables(db: TinyDB, tables: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> None:
    """Replace every table of ``db`` with ``tables`` (documents by id), in one write."""
    with storage_of(db).transaction():
        db.drop_tables()
        for name, docs in tables.items():
            db.table(name).insert_multiple(Document(doc, int(key)) for key, doc in docs.items())


def article_file_bytes(state: ArticleState, through: int) -> bytes:
    """The bytes of the article file holding ``state`` and its journal up to ``through``, as
    :meth:`ArticleFiles.compact` writes them."""
    return dump_json(state.file_tables(through), **ARTICLE_LAYOUT, encode=ArticleTexts())


def folded(state: ArticleState, through: int) -> ArticleState:
    """``state`` as stored in an article file holding its journal up to ``through``, the
    journal empty."""
    return replace(
        state, through=through, base_through=through, journal_after=through, journal_entries={}
    )


def write_article_file(path: Path, tables: Mapping[str, Mapping[str, Any]]) -> None:
    """Write a new article file atomically, its folder not synced (the caller syncs it)."""
    write_tables(open_article_file(path, sync_dir=False), tables)


@dataclass(frozen=True)
class _Seen:
    """The state made from an article file and its journal, and the storages' generations
    it was made from."""

    article: int
    base: ArticleState
    journal: int
    state: ArticleState | None
    """None when the journal does not continue the article file read."""


class _Files:
    """An article file and its journal, open, with the state last made from them."""

    def __init__(self, path: Path) -> None:
        self.texts = ArticleTexts()
        """Encodes the values of both files, reusing the texts written before."""
        self.article = open_article_file(path, encode=self.texts)
        self.journal = open_journal(path, encode=self.texts)
        self.seen: _Seen | None = None


class ArticleFiles:
    """The article files of one store, with the state of the last few read (thread-safe)."""

    def __init__(self, size: int = FILES) -> None:
        self._size = size
        self._open: OrderedDict[Path, _Files] = OrderedDict()
        self._lock = threading.Lock()
        self._swept: set[Path] = set()

    def forget(self, path: Path) -> None:
        """Drop what is kept of the article at ``path`` (its file was written elsewhere)."""
        with self._lock:
            self._open.pop(path, None)

    def _files(self, path: Path) -> _Files:
        with self._lock:
            files = self._open.get(path)
            if files is None:
                files = self._open[path] = _Files(path)
                while len(self._open) > self._size:
                    self._open.popitem(last=False)
            self._open.move_to_end(path)
            return files

    # -- reading ----------------------------------------------------------------------

    def state(self, path: Path) -> ArticleState | None:
        """Return the article at ``path`` as it is now, None when there is no such file.

        Raises :class:`StoreError` naming the file when the article file or its journal
        cannot be read.
        """
        files = self._files(path)
        for _ in range(RETRIES):
            seen = self._read(path, files)
            if seen is None:
                return None
            if seen.state is not None:
                files.seen = seen
                return seen.state
            files.seen = None  # read both files again
        raise StoreError(
            f"cannot read {journal_path(path)}: it does not continue {path.name} "
            f"(its changes before are missing); {LEFT_ALONE}"
        )

    def _read(self, path: Path, files: _Files) -> _Seen | None:
        """Return what the files hold now (its ``state`` None when the journal does not
        continue the article file read); None when there is no article file."""
        known = files.seen
        article = storage_of(files.article)
        with article.transaction():
            generation = article.generation
            if known is None or known.article != generation:
                tables = tables_of(files.article)
                if not tables:
                    return None
                try:
                    base = state_of(tables)
                except ValueError as error:
                    raise StoreError(f"cannot read {path}: {error}") from error
                known = None
            else:
                base = known.base
        journal = storage_of(files.journal)
        with journal.transaction():
            if known is not None and known.journal == journal.generation:
                return known
            head = files.journal.table(HEAD_TABLE).get(doc_id=RECORD_ID)
            entries = sorted(files.journal.table(ENTRIES_TABLE), key=lambda doc: doc.doc_id)
            seen = _Seen(generation, base, journal.generation, base)
        after = base.base_through if head is None else int(head["after"])
        kept = known.state if known is not None else None
        start = kept if kept is not None and after <= kept.through else base
        if after > start.base_through and start is base:
            return replace(seen, state=None)
        state = start
        try:
            for entry in entries:
                state, _ = state.replay(entry)
        except (EditConflict, ValueError, KeyError, TypeError) as error:
            raise StoreError(f"cannot read {journal.path}: {error}; {LEFT_ALONE}") from error
        docs = {str(doc.doc_id): doc for doc in entries}
        return replace(seen, state=replace(state, journal_after=after, journal_entries=docs))

    def plain_state(self, path: Path, read: PlainRead | None = None) -> ArticleState | None:
        """The article at ``path`` read straight from its file (``read``: what
        :func:`read_plain` found, under the same hold of the lock), when it has no journal (a
        bulk writer's read); None when it has one (:meth:`state` reads both). Raises
        :class:`StoreError` naming the file when there is none or it is unreadable."""
        read = read or read_plain(path)
        if read.has_journal:
            return None
        raw = read.raw if read.raw is not None else read_bytes(path)
        if raw is None:
            raise StoreError(f"no article file {path}")
        try:
            return state_of(parse_json(path, raw, check_file))
        except ValueError as error:
            raise StoreError(f"cannot read {path}: {error}") from error

    # -- writing (hold the store's write lock) ------------------------------------------

    def append(
        self, path: Path, state: ArticleState, entry: dict[str, Any], new: ArticleState
    ) -> ArticleState:
        """Write ``entry`` (which turns ``state``, read under the lock, into ``new``) to the
        journal, then fold the journal into the article file if it is long; return the
        state now stored."""
        self.sweep(path.parent)
        files = self._files(path)
        journal = storage_of(files.journal)
        jseq = int(entry["jseq"])
        with journal.transaction():  # one write: the head of a new journal and the entry
            head = files.journal.table(HEAD_TABLE)
            if not head.contains(doc_id=RECORD_ID):
                head.insert(Document(head_record(state.journal_after), RECORD_ID))
            files.journal.table(ENTRIES_TABLE).insert(Document(entry, jseq))
        files.texts.next_round()
        entries = {**state.journal_entries, str(jseq): entry}
        stored = replace(new, journal_after=state.journal_after, journal_entries=entries)
        if len(entries) >= COMPACT_AT or journal.size >= COMPACT_BYTES:
            return self.compact(path, stored, jseq)
        seen = files.seen
        if seen is not None and seen.state is state:
            files.seen = replace(seen, journal=journal.generation, state=stored)
        return stored

    def rewrite(
        self, path: Path, state: ArticleState, new: ArticleState, *, sync_dir: bool = True
    ) -> ArticleState:
        """Write ``new`` (made from ``state``, read under the lock) as the whole article file,
        the journal folded in; return the state now stored. Without ``sync_dir`` the caller
        makes the new file's name durable (:func:`~store.atomic_storage.fsync_dir`)."""
        return self.compact(path, new, state.next_jseq(), sync_dir=sync_dir)

    def compact(
        self, path: Path, state: ArticleState, through: int, *, sync_dir: bool = True
    ) -> ArticleState:
        """Write ``state`` as the article file holding the journal up to ``through``, then
        empty the journal; return the state now stored."""
        self.sweep(path.parent)
        files = self._files(path)
        with storage_of(files.article).syncing_dir(sync_dir):
            write_tables(files.article, state.file_tables(through))
        files.texts.next_round((state.annotation,))
        stored = replace(
            state, through=through, base_through=through, journal_after=through, journal_entries={}
        )
        if state.journal_entries or journal_path(path).exists():
            empty = {HEAD_TABLE: {str(RECORD_ID): head_record(through)}, ENTRIES_TABLE: {}}
            write_tables(files.journal, empty)
        article, journal = storage_of(files.article), storage_of(files.journal)
        files.seen = _Seen(article.generation, stored, journal.generation, stored)
        return stored

    def compacted(self, path: Path, state: ArticleState, new: ArticleState) -> ArticleState | None:
        """What :meth:`rewrite` would store, when the article has no journal to empty (the
        caller then writes the file, :func:`article_file_bytes`); else None."""
        if state.journal_entries or journal_path(path).exists():
            return None
        return folded(new, state.next_jseq())

    def compact_all(self, paths: set[Path]) -> None:
        """Fold the journals of ``paths`` into their article files (hold the lock)."""
        for path in paths:
            state = self.state(path)
            if state is not None and state.journal_entries:
                self.compact(path, state, state.next_jseq() - 1)

    def sweep(self, folder: Path) -> None:
        """Remove the temporary files a killed writer left in ``folder`` (hold the lock: every
        write holds it, so any temporary file seen is stale). Once per folder."""
        if folder in self._swept:
            return
        sweep_temp_files(folder)
        self._swept.add(folder)


class PlainRead(NamedTuple):
    """An article file's bytes (None when unreadable: read again to say why) and whether it
    has a journal beside it."""

    raw: bytes | None
    has_journal: bool


def read_plain(path: Path) -> PlainRead:
    """What :meth:`ArticleFiles.plain_state` needs of the article at ``path``, read by a bulk
    writer's read-ahead thread."""
    try:
        raw: bytes | None = path.read_bytes()
    except OSError:
        raw = None
    return PlainRead(raw, journal_path(path).exists())


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
