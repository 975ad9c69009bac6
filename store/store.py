"""The :class:`Store`: articles and their annotations in a folder of TinyDB files.

Layout of a store folder::

    store.json                      schema_version (2), layout name, creation time
    index/<id[:2]>.json             256 TinyDB files of article summaries (store/index.py)
    articles/<id[:2]>/<id>.json     one TinyDB file per article: tables
                                    ``article``, ``annotation``, ``history`` and
                                    ``history_base`` (store/history.py)
    config.toml                     the store's label configuration, if any
    .lock                           flock'ed around every write transaction

An edit rewrites one small article file (annotation and history in one write) and the
one index shard of that article, never the corpus. Stores in an older layout are
upgraded when opened writable, keeping a backup (store/layouts.py). Every write
is atomic and durable when the call returns (store/atomic_storage.py); every write
transaction holds the folder's lock and re-reads what it changes, so processes sharing
a store never lose each other's writes. Readers take no lock: files are replaced
whole, so a reader sees the old or the new version.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from itertools import islice
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from tinydb import TinyDB
from tinydb.table import Document

from annotate.edits import EditConflict, Patch, diff
from annotate.merge import merge_suggestions
from annotate.model import Annotation
from store.atomic_storage import (
    AtomicJSONStorage,
    atomic_write_bytes,
    dump_json,
    fsync_dir,
    make_dirs,
    read_json,
)
from store.errors import StoreError
from store.history import (
    MODEL_ANNOTATOR,
    check_file,
    entries,
    first_undone,
    has_history,
    last_done,
    mark,
    patch_of,
    record_edit,
    replay,
)
from store.index import INDEX_DIR, ChangeToken, SummaryIndex
from store.layouts import LAYOUT0_NAME, upgrade_layout0, upgrade_layout1
from store.locking import LOCK_NAME, write_lock
from store.memo import FileMemo, TextMemo
from store.permissions import file_mode
from store.rebase import rebase_new_ids
from store.records import (
    ANNOTATION_TABLE,
    ARTICLE_TABLE,
    HISTORY_TABLE,
    RECORD_ID,
    STORE_VERSION,
    annotation_from_record,
    annotation_record,
    article_from_records,
    article_record,
    check_meta,
    meta_record,
    now,
    single,
    status_of,
    summary_from_record,
    summary_record,
)
from store.titles import default_title
from store.values import (
    STATUSES,
    Article,
    ArticleSummary,
    HistoryEntry,
    Status,
    article_id,
    is_article_id,
)

__all__ = [
    "Article",
    "ArticleSummary",
    "ChangeToken",
    "HistoryEntry",
    "Status",
    "Store",
    "StoreError",
    "article_id",
]

META_NAME = "store.json"
"""File name of the store's meta record."""
ARTICLES_DIR = "articles"
"""Folder of the per-article files."""
ADD_BATCH = 500
"""Articles added under one hold of the lock, with one write of each index shard."""
IMPORT_BATCH = 10_000
"""Articles a bulk import writes between two writes of the index shards."""
ARTICLE_INDENT = 1
"""JSON indent of article files, so they diff well under version control."""
ARTICLE_DEPTH = 4
"""Nesting laid out one member a line in article files: below it (one span, one person)
each item is one line, written by the fast C encoder."""
HISTORY_DEPTHS = {HISTORY_TABLE: 2}
"""History entries are one line each: quick to write however long the history grows."""
CONFIG_NAME = "config.toml"
"""File name of the store's own label configuration."""


class Store:
    """A corpus of articles and annotations in one folder (layout: see the module docstring)."""

    path: Path
    """The store folder."""
    readonly: bool
    """True when the store was opened read-only or its folder is not writable."""

    def __init__(self, path: Path | str, *, readonly: bool = False, create: bool = True) -> None:
        """Open the store in folder ``path``, creating it when ``create`` and it does not exist.

        A folder that is not writable opens read-only. Raises :class:`StoreError` when the
        folder is not a store, cannot be created, or its ``store.json`` cannot be read.
        """
        self.path = Path(path).expanduser().absolute()
        self.readonly = readonly
        self._closed = False
        self._index = SummaryIndex(self.path, readonly=readonly)
        self._files = FileMemo()
        self._texts = TextMemo()
        file_mode()  # a wrong ANNOTUI_STORE_MODE is reported now, not at the first write
        try:
            self._open(create)
        except OSError as error:
            raise StoreError(f"cannot open store {self.path}: {error.strerror}") from error
        self._index.readonly = self.readonly

    # -- opening ----------------------------------------------------------------

    def _open(self, create: bool) -> None:
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"{self.path} is a file, not a store folder; give a folder path")
        if not self.path.exists():
            if self.readonly or not create:
                raise StoreError(f"no store at {self.path}; create one by opening it writable")
            make_dirs(self.path)
        if not os.access(self.path, os.W_OK | os.X_OK):
            self.readonly = True
        version = self._meta_version()
        if version is not None:
            if version < STORE_VERSION:
                self._upgrade(f"layout {version}")
            return
        if (self.path / LAYOUT0_NAME).is_file():
            self._upgrade(f"layout 0 (a single {LAYOUT0_NAME})")
            return
        self._refuse_foreign_folder()
        if self.readonly or not create:
            raise StoreError(f"no store at {self.path}; create one by opening it writable")
        with write_lock(self.path):  # another process may be creating it right now
            if not self._has_meta():
                make_dirs(self.path / ARTICLES_DIR)
                meta = dump_json(meta_record(), indent=1)
                atomic_write_bytes(self.path / META_NAME, meta)

    def _has_meta(self) -> bool:
        return self._meta_version() is not None

    def _meta_version(self) -> int | None:
        """Return the layout version in ``store.json``, None when there is none (checked)."""
        meta = read_json(self.path / META_NAME, check_meta)
        return None if meta is None else int(meta["schema_version"])

    def _upgrade(self, layout: str) -> None:
        """Upgrade a store in an older layout to the current one (store/layouts.py)."""
        if self.readonly:
            raise StoreError(
                f"store {self.path} is in an older {layout}; open it writable once to upgrade "
                "it (the old files are kept as a backup)"
            )
        with write_lock(self.path):  # another process may be upgrading it right now
            meta = read_json(self.path / META_NAME, check_meta)
            if meta is None:
                upgrade_layout0(self.path, self._index, self._article_path, self._write_new)
            elif int(meta["schema_version"]) < STORE_VERSION:
                upgrade_layout1(self.path, meta, self._index)

    def _refuse_foreign_folder(self) -> None:
        """Refuse a folder holding anything but what a store being created holds."""
        ours = {LOCK_NAME, ARTICLES_DIR, INDEX_DIR}
        temp_meta = f".{META_NAME}."
        names = [p.name for p in self.path.iterdir()]
        if any(name not in ours and not name.startswith(temp_meta) for name in names):
            raise StoreError(
                f"{self.path} is not an annotui store (it has no {META_NAME}) and is not empty; "
                "choose a new or empty folder"
            )

    def close(self) -> None:
        """Close the store; later calls raise :class:`StoreError`. Nothing is left unsaved."""
        self._closed = True

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.readonly else "writable"
        return f"Store({str(self.path)!r}, {mode})"

    # -- helpers ----------------------------------------------------------------

    def _usable(self) -> None:
        if self._closed:
            raise StoreError(f"store {self.path} is closed; open it again")

    def _writable(self) -> None:
        self._usable()
        if self.readonly:
            raise StoreError(
                f"store {self.path} is read-only; open a writable copy to change articles"
            )

    def _article_path(self, article_id: str) -> Path:
        if not is_article_id(article_id):
            raise StoreError(f"no article {article_id!r} in store {self.path}")
        return self.path / ARTICLES_DIR / article_id[:2] / f"{article_id}.json"

    def _article_db(self, path: Path) -> TinyDB:
        # A fresh TinyDB per operation: every read goes to the file, no cache survives.
        return TinyDB(
            path,
            storage=AtomicJSONStorage,
            readonly=self.readonly,
            check=check_file,
            indent=ARTICLE_INDENT,
            depth=ARTICLE_DEPTH,
            table_depths=HISTORY_DEPTHS,
        )

    def _load(self, article_id: str) -> tuple[Path, dict[str, Any]]:
        """Return the path and raw tables of an article file, checked (shared: never mutate)."""
        self._usable()
        path = self._article_path(article_id)
        tables = self._files.read(path, check_file)
        if tables is None:
            raise StoreError(f"no article {article_id!r} in store {self.path}")
        return path, tables

    def _put_state(self, db: TinyDB, tables: Mapping[str, Any], record: dict[str, Any]) -> None:
        table = db.table(ANNOTATION_TABLE, cache_size=0)
        if single(tables, ANNOTATION_TABLE) is None:
            table.insert(Document(record, doc_id=RECORD_ID))
        else:
            table.update(record, doc_ids=[RECORD_ID])

    # -- articles -------------------------------------------------------------------

    def add_article(
        self,
        text: str,
        *,
        title: str | None = None,
        source: str | None = None,
        metadata: dict[str, Any] | None = None,
    ) -> str:
        """Add an article and return its id; adding the same text again changes nothing.

        ``title`` defaults to the first sentence of the text (trimmed to about 100
        characters, ending with …).
        """
        item = {"text": text, "title": title, "source": source, "metadata": metadata}
        return self.add_articles([item])[0]

    def add_articles(self, articles: Iterable[str | Mapping[str, Any]]) -> list[str]:
        """Add many articles, each a text or a dict of :meth:`add_article`'s arguments.

        Same result as :meth:`add_article` for each, but each index shard is written once
        per batch of :data:`ADD_BATCH` articles instead of once per article.
        """
        self._writable()
        ids: list[str] = []
        items = iter(articles)
        while batch := [self._new_article(item) for item in islice(items, ADD_BATCH)]:
            with write_lock(self.path):
                self._add_batch(batch)
            ids += [new[0] for new in batch]
        return ids

    def import_articles(
        self, articles: Iterable[str | Mapping[str, Any]], *, batch: int = IMPORT_BATCH
    ) -> list[str]:
        """Bulk import: add many articles under one hold of the lock; return their ids.

        Each item is a text or a dict of :meth:`add_article`'s arguments, plus optionally
        ``annotation`` (an :class:`Annotation` of the text, saved as by
        :meth:`save_annotation`) and ``status``. Articles already stored are left as they
        are. Article files are written atomically as they come; the index shards and the
        folders are synced once per ``batch`` articles, so everything is durable when this
        returns, and after a crash importing again completes the index.
        """
        self._writable()
        ids: list[str] = []
        items = iter(articles)
        with write_lock(self.path):
            while chunk := [self._new_article(item) for item in islice(items, batch)]:
                self._add_batch(chunk)
                ids += [new[0] for new in chunk]
            self._index.save_cache()  # the next open reads the summaries from it
        return ids

    def _new_article(
        self, item: str | Mapping[str, Any]
    ) -> tuple[str, dict[str, Any], dict[str, Any] | None, Annotation | None]:
        """Check one article to add; return its id, article record (its time is set when
        written), annotation record if one is given, and that annotation."""
        data: Mapping[str, Any] = {"text": item} if isinstance(item, str) else item
        text = data.get("text")
        if not isinstance(text, str) or not text.strip():
            raise StoreError(f"cannot add an empty article to store {self.path}")
        metadata = data.get("metadata") or {}
        try:
            json.dumps(metadata)
        except (TypeError, ValueError) as error:
            raise StoreError(f"article metadata cannot be stored as JSON: {error}") from error
        aid = article_id(text)
        title = str(data.get("title") or "").strip() or default_title(text)
        record = article_record(aid, title, text, data.get("source"), metadata, "")
        annotation: Annotation | None = data.get("annotation")
        status = data.get("status") or "new"
        if status not in STATUSES:
            raise StoreError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
        if annotation is None:
            state = None if status == "new" else annotation_record(None, status, None)
            return aid, record, state, None
        if annotation.text != text:
            raise StoreError(f"not adding article {aid}: its annotation is of another text")
        self._refuse_problems(aid, annotation)
        return aid, record, annotation_record(annotation, status, None), annotation

    def _add_batch(
        self,
        batch: list[tuple[str, dict[str, Any], dict[str, Any] | None, Annotation | None]],
    ) -> None:
        """Write the new article files of ``batch``, sync their folders, index them (hold
        the lock)."""
        summaries: list[dict[str, Any]] = []
        folders: set[Path] = set()
        for aid, record, state, annotation in batch:
            summary = self._add_one(aid, record, state, annotation)
            if summary is not None:
                folders.add(self._article_path(aid).parent)
            else:
                path, tables = self._load(aid)
                summary = self._summary(path, tables)
            summaries.append(summary)
        for folder in folders:
            fsync_dir(folder)
        self._index.put_many(summaries, bump=False)

    def _add_one(
        self,
        aid: str,
        record: dict[str, Any],
        state: dict[str, Any] | None,
        annotation: Annotation | None,
    ) -> dict[str, Any] | None:
        """Write an article file unless it exists (hold the lock; its folder is not synced).

        Return the new article's summary record, or None when it was already stored.
        """
        path = self._article_path(aid)
        if path.exists():
            return None
        time = now()
        tables: dict[str, Any] = {
            ARTICLE_TABLE: {str(RECORD_ID): {**record, "created": time}},
            ANNOTATION_TABLE: {} if state is None else {str(RECORD_ID): {**state, "updated": time}},
            HISTORY_TABLE: {},
        }
        self._write_new(path, tables)
        updated = None if state is None else time
        return summary_record(aid, record["title"], status_of(state), annotation, updated)

    def _write_new(self, path: Path, tables: dict[str, Any]) -> None:
        """Write an article file atomically, its folder not synced (the caller syncs it)."""
        if not path.parent.is_dir():
            make_dirs(path.parent)
        raw = dump_json(tables, ARTICLE_INDENT, ARTICLE_DEPTH, HISTORY_DEPTHS)
        atomic_write_bytes(path, raw, sync_dir=False)

    def _summary(self, path: Path, tables: Mapping[str, Any]) -> dict[str, Any]:
        article = single(tables, ARTICLE_TABLE) or {}
        state = single(tables, ANNOTATION_TABLE)
        try:
            annotation = annotation_from_record(state, article["text"])
        except ValueError as error:
            raise StoreError(f"cannot read {path}: {error}") from error
        updated = None if state is None else state.get("updated")
        return summary_record(
            article["id"], article.get("title", ""), status_of(state), annotation, updated
        )

    def has_article(self, article_id: str) -> bool:
        """Return True when the store holds an article with this id."""
        self._usable()
        return is_article_id(article_id) and self._article_path(article_id).is_file()

    def summaries(self) -> list[ArticleSummary]:
        """Return the summary of every article, in the order they were added."""
        self._usable()
        return self._index.summaries()

    def summary(self, article_id: str) -> ArticleSummary:
        """Return one article's summary; raises :class:`StoreError` when there is none."""
        self._usable()
        record = self._index.get(article_id)
        if record is None:
            raise StoreError(f"no article {article_id!r} in store {self.path}")
        return summary_from_record(record)

    def __len__(self) -> int:
        self._usable()
        return len(self._index)

    def changes_since(self, token: ChangeToken | None) -> tuple[ChangeToken, frozenset[str]]:
        """Return a new token and the ids of the articles added or written since ``token``
        (by this or any other process); with no token, the current token and no ids.

        Cheap enough to poll every second: a listing and a stat of the index shards, and a
        read of those that changed. Pass the returned token to the next call.
        """
        self._usable()
        return self._index.changes_since(token)

    def article(self, article_id: str) -> Article:
        """Return an article; raises :class:`StoreError` when the store has no such article."""
        _, tables = self._load(article_id)
        return article_from_records(
            single(tables, ARTICLE_TABLE) or {}, single(tables, ANNOTATION_TABLE)
        )

    # -- annotations ------------------------------------------------------------------

    def annotation(self, article_id: str) -> Annotation | None:
        """Return the saved annotation of an article, or None when none was saved."""
        path, tables = self._load(article_id)
        text = (single(tables, ARTICLE_TABLE) or {})["text"]
        try:
            return annotation_from_record(single(tables, ANNOTATION_TABLE), text)
        except ValueError as error:
            raise StoreError(f"cannot read {path}: {error}") from error

    def save_annotation(
        self, article_id: str, annotation: Annotation, *, annotator: str = MODEL_ANNOTATOR
    ) -> None:
        """Save the annotation of an article: durable when this returns.

        Meant for the first (model) annotation. The status is left as it is; the summary's
        counts and names are updated. When the article already has an edit history, the
        replacement is recorded in it as one undoable entry by ``annotator``, so the
        history stays in step with the annotation. Raises :class:`StoreError` when the
        annotation is not of the article's text or is inconsistent (dangling ids, spans
        outside the text).
        """
        self._writable()
        self._refuse_problems(article_id, annotation)
        path = self._article_path(article_id)
        with write_lock(self.path):
            tables, current = self._read_for_write(path, article_id)
            if current.text != annotation.text:
                raise StoreError(
                    f"not saving the annotation of article {article_id}: "
                    "its text differs from the article's text"
                )
            time = now()
            history: dict[str, Any] = {}
            if has_history(tables):
                patch = diff(current, annotation, "Replace the annotation")
                if not patch.is_empty():
                    history = record_edit(tables, current, patch, annotator=annotator, time=time)
            state = single(tables, ANNOTATION_TABLE)
            record = annotation_record(annotation, status_of(state), time)
            self._write(path, {**tables, ANNOTATION_TABLE: {str(RECORD_ID): record}, **history})

    # -- edits and their history ---------------------------------------------------------

    def apply_patch(self, article_id: str, patch: Patch, *, annotator: str) -> Annotation:
        """Apply an edit to the article's annotation as stored now, record it, return the result.

        Under the write lock the article file is read again, ``patch`` applied to it (an
        article never annotated starts empty), and the new annotation, the history entry
        (the redo tail dropped) and the status (``new`` becomes ``in_progress``) written in
        one atomic file write: durable when this returns. Raises
        :class:`~annotate.edits.EditConflict`, writing nothing, when the items the patch
        changes are no longer what the store holds (another process changed them) or the
        result would be inconsistent. Items the patch adds whose ids another process took
        meanwhile get fresh ids (store/rebase.py): the returned annotation and the history
        have them. An empty patch writes nothing.
        """
        self._writable()
        path = self._article_path(article_id)
        with write_lock(self.path):
            tables, current = self._read_for_write(path, article_id)
            if patch.is_empty():
                return current
            patch = rebase_new_ids(patch, current)
            new = self._applied(patch, current)
            time = now()
            history = record_edit(tables, current, patch, annotator=annotator, time=time)
            self._write_edit(path, tables, new, history, time)
        return new

    def undo(self, article_id: str, *, annotator: str) -> tuple[Annotation, Patch] | None:
        """Undo the last edit not undone yet (whoever made it); return the new annotation
        and the patch that was applied (the edit's inverse), or None when there is nothing
        to undo. Durable when this returns; the entry stays in the history, marked undone.
        """
        return self._step(article_id, annotator=annotator, undo=True)

    def redo(self, article_id: str, *, annotator: str) -> tuple[Annotation, Patch] | None:
        """Redo the first undone edit; return the new annotation and the patch applied, or
        None when there is nothing to redo (a new edit drops what could be redone)."""
        return self._step(article_id, annotator=annotator, undo=False)

    def _step(
        self, article_id: str, *, annotator: str, undo: bool
    ) -> tuple[Annotation, Patch] | None:
        self._writable()
        path = self._article_path(article_id)
        with write_lock(self.path):
            tables, current = self._read_for_write(path, article_id)
            entry = last_done(tables) if undo else first_undone(tables)
            if entry is None:
                return None
            try:
                patch = patch_of(entry)
            except ValueError as error:
                raise StoreError(f"cannot read {path}: {error}") from error
            if undo:
                patch = patch.inverse()
            new = self._applied(patch, current)
            time = now()
            seq = int(entry["seq"])
            history = mark(tables, seq, undone=undo, annotator=annotator, time=time)
            self._write_edit(path, tables, new, history, time)
        return new, patch

    def history(self, article_id: str) -> list[HistoryEntry]:
        """Return the recorded edits of an article, oldest first, undone ones included."""
        _, tables = self._load(article_id)
        return entries(tables)

    def can_undo(self, article_id: str) -> bool:
        """True when the article has an edit that :meth:`undo` would undo."""
        _, tables = self._load(article_id)
        return last_done(tables) is not None

    def can_redo(self, article_id: str) -> bool:
        """True when the article has an undone edit that :meth:`redo` would redo."""
        _, tables = self._load(article_id)
        return first_undone(tables) is not None

    def replayed(self, article_id: str) -> Annotation | None:
        """Return the annotation rebuilt from the history: the annotation before the first
        recorded edit with every edit not undone applied again, in order; None when no edit
        was recorded. It equals :meth:`annotation` (the ``model`` name aside): a check of
        the history. Raises :class:`StoreError` when the history does not replay.
        """
        path, tables = self._load(article_id)
        try:
            return replay(tables, (single(tables, ARTICLE_TABLE) or {})["text"])
        except ValueError as error:
            raise StoreError(f"cannot replay the history in {path}: {error}") from error

    def reannotate(self, article_id: str, fresh: Annotation) -> Annotation:
        """Merge a fresh model annotation into the stored one and save it; return the result.

        :func:`annotate.merge.merge_suggestions` adds suggestions only where no human
        decision exists. When the article has an edit history the merge is recorded in it
        as one entry by ``model`` (undo removes the new suggestions again); otherwise the
        result is the starting point of later edits, like :meth:`save_annotation`. The
        status is left as it is. Raises :class:`StoreError` when ``fresh`` is of another
        text.
        """
        self._writable()
        path = self._article_path(article_id)
        with write_lock(self.path):
            tables, current = self._read_for_write(path, article_id)
            if fresh.text != current.text:
                raise StoreError(
                    f"not merging into article {article_id}: the fresh annotation is of another "
                    "text"
                )
            merged = merge_suggestions(current, fresh)
            self._refuse_problems(article_id, merged)
            state = single(tables, ANNOTATION_TABLE)
            stored = None if state is None else state.get("annotation")
            if merged == current and stored is not None:
                return current
            time = now()
            history: dict[str, Any] = {}
            patch = diff(current, merged, f"Run the model ({fresh.model or 'model'})")
            if has_history(tables) and not patch.is_empty():
                history = record_edit(tables, current, patch, annotator=MODEL_ANNOTATOR, time=time)
            record = annotation_record(merged, status_of(state), time)
            self._write(path, {**tables, ANNOTATION_TABLE: {str(RECORD_ID): record}, **history})
        return merged

    def next_unreviewed(self, after_id: str | None) -> str | None:
        """Return the next article in store order after ``after_id`` not yet reviewed.

        The search wraps around to the start and ends with ``after_id`` itself; it starts
        at the first article when ``after_id`` is None or unknown. None when every
        article is reviewed.
        """
        summaries = self.summaries()
        ids = [s.id for s in summaries]
        start = ids.index(after_id) + 1 if after_id in ids else 0
        for summary in summaries[start:] + summaries[:start]:
            if summary.status != "reviewed":
                return summary.id
        return None

    @property
    def config_path(self) -> Path:
        """Path of the store's own label configuration (it need not exist)."""
        return self.path / CONFIG_NAME

    # -- writing helpers -------------------------------------------------------------

    def _refuse_problems(self, article_id: str, annotation: Annotation) -> None:
        problems = annotation.problems()
        if problems:
            raise StoreError(
                f"not saving the annotation of article {article_id}: {'; '.join(problems[:3])}"
            )

    def _read_for_write(self, path: Path, article_id: str) -> tuple[dict[str, Any], Annotation]:
        """Return an article file's tables and its annotation (empty if none); hold the lock."""
        tables = self._files.read(path, check_file)
        if tables is None:
            raise StoreError(f"no article {article_id!r} in store {self.path}")
        text = (single(tables, ARTICLE_TABLE) or {})["text"]
        try:
            current = annotation_from_record(single(tables, ANNOTATION_TABLE), text)
        except ValueError as error:
            raise StoreError(f"cannot read {path}: {error}") from error
        return tables, current or Annotation(text=text)

    @staticmethod
    def _applied(patch: Patch, current: Annotation) -> Annotation:
        """Return ``patch`` applied to ``current``; :class:`EditConflict` if it does not fit."""
        new = patch.apply(current)
        problems = new.problems()
        if problems:
            raise EditConflict(f"the edit no longer fits the annotation: {problems[0]}")
        return new

    def _write_edit(
        self,
        path: Path,
        tables: Mapping[str, Any],
        annotation: Annotation,
        history: Mapping[str, Any],
        time: str,
    ) -> None:
        """Write a user edit: annotation, history and status in one file write (hold the lock)."""
        state = single(tables, ANNOTATION_TABLE)
        status = status_of(state)
        record = annotation_record(annotation, "in_progress" if status == "new" else status, time)
        self._write(path, {**tables, ANNOTATION_TABLE: {str(RECORD_ID): record}, **history})

    def _write(self, path: Path, tables: dict[str, Any]) -> None:
        """Replace an article file with ``tables`` in one atomic write, then update its index
        shard (its summary's ``rev`` goes up, so other processes see the change)."""
        raw = dump_json(tables, ARTICLE_INDENT, ARTICLE_DEPTH, HISTORY_DEPTHS, self._texts)
        try:
            atomic_write_bytes(path, raw)
        finally:
            self._texts.next_round()
        self._files.remember(path, raw, tables)
        self._index.put_many([self._summary(path, tables)])

    def set_status(self, article_id: str, status: Status) -> None:
        """Set the review status of an article: durable when this returns."""
        self._writable()
        if status not in STATUSES:
            raise StoreError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
        path = self._article_path(article_id)
        with write_lock(self.path):
            db = self._article_db(path)
            tables = db.storage.read()
            if tables is None:
                raise StoreError(f"no article {article_id!r} in store {self.path}")
            state = single(tables, ANNOTATION_TABLE)
            record = (
                annotation_record(None, status, now())
                if state is None
                else {**state, "status": status, "updated": now()}
            )
            self._put_state(db, tables, record)
            self._index.put(self._summary(path, {**tables, ANNOTATION_TABLE: {"1": record}}))
