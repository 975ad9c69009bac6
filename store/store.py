"""The :class:`Store`: articles and their annotations in a folder of TinyDB files.

Layout of a store folder::

    store.json                      schema_version (3), layout name, creation time
    index/<id[:2]>.json             256 TinyDB files of article summaries (store/index.py)
    articles/<id[:2]>/<id>.json     one TinyDB file per article: tables
                                    ``article``, ``annotation``, ``history``,
                                    ``history_base`` (store/history.py) and ``compacted``
    articles/<id[:2]>/<id>.journal.json
                                    the article's edits since its file was last written
                                    (a small TinyDB file, store/journal.py)
    config.toml                     the store's label configuration, if any
    .lock                           flock'ed around every write transaction

An edit writes the article's small journal (the edit, its history entry and status in one
write) and the one index shard of that article, never the corpus nor the article file
itself, which takes the journal in every so many edits (store/article_files.py); its cost
does not grow with the article or its history. Stores in an older layout are
upgraded when opened writable, keeping a backup (store/layouts.py). Every write
is atomic and durable when the call returns (store/atomic_storage.py); every write
transaction holds the folder's lock and re-reads what it changes, so processes sharing
a store never lose each other's writes. Readers take no lock: files are replaced
whole, so a reader sees the old or the new version.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Mapping
from contextlib import suppress
from dataclasses import replace
from itertools import islice
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, Self, TypeVar, overload

from annotate.edits import EditConflict, Patch, diff
from annotate.merge import merge_suggestions
from annotate.model import Annotation
from store.annotation_json import Encoded
from store.article_files import (
    ARTICLES_DIR,
    ArticleFiles,
    PlainRead,
    article_file_bytes,
    folded,
    read_plain,
    sweep_temp_files,
    write_article_file,
)
from store.atomic_storage import (
    atomic_write_bytes,
    dump_json,
    fsync_dir,
    make_dirs,
    read_json,
)
from store.bulk_writes import DurableWrites
from store.errors import StoreError
from store.history import (
    BASE_TABLE,
    MODEL_ANNOTATOR,
    entries,
    first_undone,
    has_history,
    last_done,
    patch_of,
    record_edit,
)
from store.index import INDEX_DIR, ChangeToken, DamagedShard, SummaryIndex
from store.journal import entry
from store.layouts import LAYOUT0_NAME, upgrade_layout0, upgrade_layout1, upgrade_layout2
from store.locking import LOCK_NAME, try_write_lock, write_lock
from store.permissions import file_mode
from store.prepared import PreparedAnnotation
from store.rebase import rebase_new_ids
from store.records import (
    ANNOTATION_TABLE,
    ARTICLE_TABLE,
    HISTORY_TABLE,
    RECORD_ID,
    STORE_VERSION,
    annotation_record,
    article_from_records,
    article_record,
    check_meta,
    failure_record,
    meta_record,
    now,
    status_of,
    summary_from_record,
    summary_record,
)
from store.repair import (
    ADDING_NAME,
    RepairReport,
    begin_adding,
    end_adding,
    finish_adding,
    reindex_shard,
    repair_index,
)
from store.state import ArticleState, base_annotation
from store.swap_files import Spares
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
ADD_BATCH = 500
"""Articles added under one hold of the lock, with one write of each index shard."""
BULK_BATCH = 2_000
"""Articles :meth:`Store.reannotate_many` writes between two writes of the index shards."""
IMPORT_BATCH = 10_000
"""Articles a bulk import writes between two writes of the index shards."""
FAILURE_CHARS = 500
"""Longest reason of a model failure kept (on one line)."""
CONFIG_NAME = "config.toml"
"""File name of the store's own label configuration."""

T = TypeVar("T")


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
        self._articles = ArticleFiles()
        self._journaled: set[Path] = set()
        """Article files whose journal this store wrote (folded in when it closes)."""
        self._checked: dict[str, ArticleState] = {}
        """The state of each article last compared with its index row."""
        self.notices: list[str] = []
        """What the store repaired or could not, one line each, for the user (the command
        line prints them, the app shows them); the caller may clear the list."""
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
            if version < STORE_VERSION - 1 or (version < STORE_VERSION and not self.readonly):
                self._upgrade(f"layout {version}")
            self._sweep()
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
            elif int(meta["schema_version"]) < STORE_VERSION - 1:
                upgrade_layout1(self.path, meta, self._index)
            elif int(meta["schema_version"]) < STORE_VERSION:
                upgrade_layout2(self.path, meta)

    def _sweep(self) -> None:
        """Remove temporary files a killed writer left in the store and index folders, when
        the lock is free now (all writes hold it, so any such file is stale)."""
        if self.readonly:
            if (self._index.folder / ADDING_NAME).exists():
                self.notices.append(
                    f"an import into {self.path} stopped before it finished: some articles it "
                    "wrote are not listed; open the store writable once to list them"
                )
            return
        with try_write_lock(self.path) as held:
            if held:
                sweep_temp_files(self.path)
                sweep_temp_files(self.path / INDEX_DIR)
                try:
                    notice = finish_adding(self._index, self._articles, self.path)
                except StoreError as error:  # e.g. the disk is still full: next time
                    notice = f"articles of an unfinished import are not listed yet: {error}"
                if notice:
                    self.notices.append(notice)

    def _refuse_foreign_folder(self) -> None:
        """Refuse a folder holding anything but what a store being created holds (its
        ``store.json`` too: another process may have written it since we looked)."""
        ours = {LOCK_NAME, ARTICLES_DIR, INDEX_DIR, META_NAME}
        temp_meta = f".{META_NAME}."
        names = [p.name for p in self.path.iterdir()]
        if any(name not in ours and not name.startswith(temp_meta) for name in names):
            raise StoreError(
                f"{self.path} is not an annotui store (it has no {META_NAME}) and is not empty; "
                "choose a new or empty folder"
            )

    def close(self) -> None:
        """Close the store; later calls raise :class:`StoreError`. Nothing is left unsaved
        (every write was durable when it returned); the journals this store wrote are folded
        into their article files."""
        if self._closed:
            return
        self._closed = True
        if self._journaled and not self.readonly:
            try:
                with write_lock(self.path):
                    self._articles.compact_all(self._journaled)
            except StoreError:
                pass  # the journals stay: they are read as they are
            self._journaled.clear()

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

    def _load(self, article_id: str) -> tuple[Path, ArticleState]:
        """Return the path and state of an article (shared: never mutate)."""
        self._usable()
        path = self._article_path(article_id)
        state = self._articles.state(path)
        if state is None:
            raise StoreError(f"no article {article_id!r} in store {self.path}")
        return path, state

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
        return [aid for aid, _ in self._import(articles, batch)]

    def import_new_articles(
        self, articles: Iterable[str | Mapping[str, Any]], *, batch: int = IMPORT_BATCH
    ) -> tuple[list[str], list[str]]:
        """As :meth:`import_articles`; return the ids of the articles this call added to the
        list (wrote, or found written by a killed import without their index row) and those
        of the articles that were listed already.

        Which is which is decided under the lock: of two imports of the same articles at
        once, each article counts as new in exactly one.
        """
        done = self._import(articles, batch)
        return [aid for aid, new in done if new], [aid for aid, new in done if not new]

    def _import(
        self, articles: Iterable[str | Mapping[str, Any]], batch: int
    ) -> list[tuple[str, bool]]:
        """Import ``articles``; return each one's id and whether this call listed it."""
        self._writable()
        done: list[tuple[str, bool]] = []
        items = iter(articles)
        with write_lock(self.path):
            while chunk := [self._new_article(item) for item in islice(items, batch)]:
                written = self._add_batch(chunk)
                done += [(new[0], wrote) for new, wrote in zip(chunk, written, strict=True)]
            self._index.save_cache()  # the next open reads the summaries from it
        return done

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
    ) -> list[bool]:
        """Write the new article files of ``batch``, sync their folders, index them (hold
        the lock); return, for each, whether it is new to the list: its file written now,
        or there without its index row (a killed import wrote it) and listed now."""
        fresh = [new[0] for new in batch if not self._article_path(new[0]).exists()]
        marker = begin_adding(self._index, fresh) if fresh else None
        summaries: list[dict[str, Any]] = []
        folders: set[Path] = set()
        listed: list[bool] = []
        try:
            for aid, record, state, annotation in batch:
                summary = self._add_one(aid, record, state, annotation)
                if summary is not None:
                    folders.add(self._article_path(aid).parent)
                    listed.append(True)
                else:  # already stored: indexed again (a killed import may have left it out)
                    summary = self._load(aid)[1].summary()
                    listed.append(self._row_locked(aid) is None)
                summaries.append(summary)
        except StoreError:
            if summaries:  # index what was written before the failure, if the disk allows
                with suppress(StoreError):
                    self._put(summaries, bump=False)
                    summaries.clear()
            if marker is not None and not summaries:
                end_adding(marker)
            raise
        for folder in folders:
            fsync_dir(folder)
        self._put(summaries, bump=False)
        if marker is not None:
            end_adding(marker)
        return listed

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
        time = now("microseconds")  # articles added at once keep their order (store/repair.py)
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
        write_article_file(path, tables)

    def has_article(self, article_id: str) -> bool:
        """Return True when the store holds an article with this id."""
        self._usable()
        return is_article_id(article_id) and self._article_path(article_id).is_file()

    def is_listed(self, article_id: str) -> bool:
        """Return True when the article has its row in the index (what lists show)."""
        self._usable()
        return is_article_id(article_id) and (
            self._from_index(lambda: self._index.get(article_id)) is not None
        )

    def summaries(self) -> list[ArticleSummary]:
        """Return the summary of every article, in the order they were added."""
        self._usable()
        return self._from_index(self._index.summaries)

    def summary(self, article_id: str) -> ArticleSummary:
        """Return one article's summary; raises :class:`StoreError` when there is none."""
        self._usable()
        record = self._from_index(lambda: self._index.get(article_id))
        if record is None:
            raise StoreError(f"no article {article_id!r} in store {self.path}")
        return summary_from_record(record)

    def __len__(self) -> int:
        self._usable()
        return self._from_index(lambda: len(self._index))

    def _from_index(self, read: Callable[[], T]) -> T:
        """Return ``read()``, first rebuilding any damaged shard it meets from the article
        files (written anew, or held in memory when the store is read-only)."""
        for _ in range(2 * 256 + 1):
            try:
                return read()
            except DamagedShard as damaged:
                if self.readonly:
                    self._reindex(damaged.path.name, write=False)
                else:
                    with write_lock(self.path):
                        self._reindex(damaged.path.name)
        return read()

    def _put(self, summaries: list[dict[str, Any]], *, bump: bool = True) -> None:
        """Write index rows (hold the lock), first rebuilding a damaged shard they go to:
        a row is never written over a damaged shard, whose other rows would be lost."""
        for _ in range(len(summaries) + 1):
            try:
                self._index.put_many(summaries, bump=bump)
                return
            except DamagedShard as damaged:
                self._reindex(damaged.path.name)
        self._index.put_many(summaries, bump=bump)

    def _row_locked(self, article_id: str) -> dict[str, Any] | None:
        """Return an article's index row (hold the lock), a damaged shard rebuilt first."""
        try:
            return self._index.get(article_id)
        except DamagedShard as damaged:
            self._reindex(damaged.path.name)
            return self._index.get(article_id)

    def _reindex(self, name: str, *, write: bool = True) -> None:
        notice = reindex_shard(self._index, self._articles, self.path, name, write=write)
        if notice:
            self.notices.append(notice)

    def repair(self) -> RepairReport:
        """Rebuild the whole index from the article files (``annotui repair``): damaged
        shards rebuilt, missing rows added, stale ones rewritten, rows without an article
        file dropped, temporary files of killed writers removed. Returns what was done."""
        self._writable()
        with write_lock(self.path):
            report = repair_index(self._index, self._articles, self.path)
        self._checked.clear()
        return report

    def changes_since(self, token: ChangeToken | None) -> tuple[ChangeToken, frozenset[str]]:
        """Return a new token and the ids of the articles added or written since ``token``
        (by this or any other process); with no token, the current token and no ids.

        Cheap enough to poll every second: a listing and a stat of the index shards, and a
        read of those that changed. Pass the returned token to the next call.
        """
        self._usable()
        return self._from_index(lambda: self._index.changes_since(token))

    def article(self, article_id: str) -> Article:
        """Return an article; raises :class:`StoreError` when the store has no such article."""
        _, state = self._load(article_id)
        self._check_index(article_id, state)
        return article_from_records(state.article, state.state_record())

    def _check_index(self, article_id: str, state: ArticleState) -> None:
        """Repair the article's index row when it does not match the article (a writer was
        killed between writing the article and its index shard). Checked once per state."""
        if self._checked.get(article_id) is state:
            return
        try:
            if not self.readonly and not _same_summary(
                self._index.get(article_id), state.summary()
            ):
                with write_lock(self.path):
                    _, state = self._load(article_id)
                    summary = state.summary()
                    if not _same_summary(self._index.get(article_id), summary):
                        self._put([summary])
        except StoreError:
            return  # an index shard that cannot be read is reported where it is listed
        if len(self._checked) > 64:
            self._checked.clear()
        self._checked[article_id] = state

    # -- annotations ------------------------------------------------------------------

    def annotation(self, article_id: str) -> Annotation | None:
        """Return the saved annotation of an article, or None when none was saved."""
        _, state = self._load(article_id)
        self._check_index(article_id, state)
        return state.annotation

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
            state = self._read_for_write(path, article_id)
            current = state.current
            if current.text != annotation.text:
                raise StoreError(
                    f"not saving the annotation of article {article_id}: "
                    "its text differs from the article's text"
                )
            time = now()
            history: dict[str, Any] = {}
            tables = state.tables()
            if has_history(tables):
                patch = diff(current, annotation, "Replace the annotation")
                if not patch.is_empty():
                    history = record_edit(tables, current, patch, annotator=annotator, time=time)
            self._rewrite(path, state, annotation, history, time)

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
            state = self._read_for_write(path, article_id)
            if patch.is_empty():
                return state.current
            pools = state.pools()
            if any(c.before is None and c.id in pools[c.kind] for c in patch.changes):
                patch = rebase_new_ids(patch, state.current)
            done = entry(
                state.next_jseq(),
                "edit",
                now(),
                seq=state.edit_seq(),
                annotator=annotator,
                patch=patch.to_dict(),
            )
            new = self._append(path, state, done)
        return new.current

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
            state = self._read_for_write(path, article_id)
            tables = {HISTORY_TABLE: state.history}
            record = last_done(tables) if undo else first_undone(tables)
            if record is None:
                return None
            try:
                patch_of(record)
            except ValueError as error:
                raise StoreError(f"cannot read {path}: {error}") from error
            op = "undo" if undo else "redo"
            step = entry(state.next_jseq(), op, now(), seq=int(record["seq"]), annotator=annotator)
            new, patch = self._append(path, state, step, with_patch=True)
        assert patch is not None
        return new.current, patch

    def history(self, article_id: str) -> list[HistoryEntry]:
        """Return the recorded edits of an article, oldest first, undone ones included."""
        _, state = self._load(article_id)
        return entries({HISTORY_TABLE: state.history})

    def can_undo(self, article_id: str) -> bool:
        """True when the article has an edit that :meth:`undo` would undo."""
        _, state = self._load(article_id)
        return last_done({HISTORY_TABLE: state.history}) is not None

    def can_redo(self, article_id: str) -> bool:
        """True when the article has an undone edit that :meth:`redo` would redo."""
        _, state = self._load(article_id)
        return first_undone({HISTORY_TABLE: state.history}) is not None

    def replayed(self, article_id: str) -> Annotation | None:
        """Return the annotation rebuilt from the history: the annotation before the first
        recorded edit with every edit not undone applied again, in order; None when no edit
        was recorded. It equals :meth:`annotation` (the ``model`` name aside): a check of
        the history. Raises :class:`StoreError` when the history does not replay.
        """
        path, state = self._load(article_id)
        try:
            annotation = base_annotation(state)
            if annotation is None:
                return None
            for record in state.history.values():
                if not record.get("undone"):
                    annotation = patch_of(record).apply(annotation)
            return annotation
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
            merged, new = self._merged(path, article_id, fresh)
            if new is not None:
                self._put([self._store_state(path, *new).summary()])
        return merged

    def reannotate_many(
        self,
        results: Iterable[tuple[str, Annotation | PreparedAnnotation]],
        *,
        batch: int = BULK_BATCH,
    ) -> int:
        """:meth:`reannotate` each ``(article id, fresh annotation)``; return how many
        articles were written (those whose annotation changed). An annotation may come
        :class:`~store.prepared.PreparedAnnotation` by the worker that made it: an article
        never annotated nor edited then takes its text as it is.

        The bulk write that ``annotui annotate`` feeds: each batch of ``batch`` articles is
        written under one hold of the lock, the article files atomically as they come (by
        :class:`~store.bulk_writes.DurableWrites`), then their folders synced once and each
        index shard written once. Everything is durable when this returns. When one article
        is refused (:class:`StoreError`), those before it are durable and indexed before the
        error is raised.
        """
        self._writable()
        written = 0
        items = iter(results)
        with Spares(self.path) as spares:  # old files swapped out, written over by the next
            while chunk := list(islice(items, batch)):
                with write_lock(self.path):
                    written += self._reannotate_batch(chunk, spares)
        return written

    def _reannotate_batch(
        self, chunk: list[tuple[str, Annotation | PreparedAnnotation]], spares: Spares
    ) -> int:
        """:meth:`reannotate_many` for one batch (hold the lock). An article with no journal
        has its file made here and written by :class:`DurableWrites` threads meanwhile, into
        temporary files in the store's folder (swept when it opens), never beside it."""
        made: dict[Path, dict[str, Any]] = {}
        summaries: list[dict[str, Any]] = []
        folders: set[Path] = set()
        failed: StoreError | None = None
        with DurableWrites(spares=spares) as writes:
            try:
                ahead = writes.read_ahead(
                    (
                        self._article_path(aid) if isinstance(fresh, PreparedAnnotation) else None
                        for aid, fresh in chunk
                    ),
                    _read_plain_or_none,
                )
                for (article_id, fresh), read in zip(chunk, ahead, strict=True):
                    path = self._article_path(article_id)
                    if isinstance(fresh, PreparedAnnotation):
                        ready = self._prepared_file(path, article_id, fresh, read)
                        if isinstance(ready, tuple):
                            writes.write(path, ready[0])
                            made[path] = ready[1]
                            continue
                        fresh = ready
                    new = self._merged(path, article_id, fresh)[1]
                    if new is None:
                        continue
                    stored = self._articles.compacted(path, *new)
                    if stored is not None:
                        writes.write(path, article_file_bytes(stored, stored.through))
                        self._articles.forget(path)
                        made[path] = stored.summary()
                    else:
                        summaries.append(self._store_state(path, *new, sync_dir=False).summary())
                        folders.add(path.parent)
            finally:
                written, failed = writes.finish()
                for folder in folders - {path.parent for path in written}:
                    fsync_dir(folder)
                summaries += [made[path] for path in written]
                if summaries:
                    self._put(summaries)
        if failed is not None:
            raise failed
        return len(summaries)

    def _prepared_file(
        self, path: Path, article_id: str, fresh: PreparedAnnotation, read: PlainRead | None
    ) -> tuple[bytes, dict[str, Any]] | Annotation:
        """The bytes and index row of the article annotated by ``fresh`` when it was never
        annotated nor edited and has no journal (hold the lock; ``read``: its file read
        ahead): no decoding, no merge. Else the annotation decoded, to merge."""
        plain = self._articles.plain_state(path, read)
        state = plain or self._read_for_write(path, article_id)
        text = str(state.article.get("text", ""))
        if not fresh.fits(article_id, text):
            raise StoreError(
                f"not merging into article {article_id}: the fresh annotation is of another text"
            )
        if plain is None or state.annotation is not None or state.history or state.base:
            return fresh.annotation(text)
        time, through = now(), state.next_jseq()
        ready = folded(
            replace(
                state,
                annotation=Encoded(fresh.json),  # type: ignore[arg-type] - written as it is
                has_state=True,
                updated=time,
                failed=None,
            ),
            through,
        )
        self._articles.forget(path)
        title = str(state.article.get("title", ""))
        summary = summary_record(article_id, title, ready.status, None, time, facts=fresh.facts)
        return article_file_bytes(ready, through), summary

    def _merged(
        self, path: Path, article_id: str, fresh: Annotation
    ) -> tuple[Annotation, tuple[ArticleState, ArticleState] | None]:
        """Merge ``fresh`` into the article as stored now (hold the lock); return the result
        and the states before and after, or None when there is nothing to write.

        An article never annotated nor edited takes ``fresh`` as it is (what the merge into
        nothing gives), without the merge's cost."""
        state = self._read_for_write(path, article_id)
        current = state.current
        if fresh.text != current.text:
            raise StoreError(
                f"not merging into article {article_id}: the fresh annotation is of another text"
            )
        tables = state.tables()
        edited = has_history(tables)
        untouched = state.annotation is None and not edited
        merged = fresh if untouched else merge_suggestions(current, fresh)
        self._refuse_problems(article_id, merged)
        if merged == current and state.annotation is not None and state.failed is None:
            return current, None
        time = now()
        history: dict[str, Any] = {}
        if edited:
            patch = diff(current, merged, f"Run the model ({fresh.model or 'model'})")
            if not patch.is_empty():
                history = record_edit(tables, current, patch, annotator=MODEL_ANNOTATOR, time=time)
        return merged, (state, self._with_annotation(state, merged, history, time))

    def mark_annotation_failed(
        self, article_id: str, reason: str, *, model: str | None = None
    ) -> ArticleSummary:
        """Record that the model failed on an article, and why; return its new summary.

        The reason goes into the article's annotation record and its index summary
        (``failed``), so the list shows it after a restart too; the annotation, status and
        history are left as they are. The next annotation saved (:meth:`reannotate`,
        :meth:`save_annotation`) clears it. Durable when this returns.
        """
        self._writable()
        path = self._article_path(article_id)
        reason = " ".join(reason.split())[:FAILURE_CHARS] or "the model failed"
        with write_lock(self.path):
            state = self._read_for_write(path, article_id)
            failed = failure_record(reason, model, now())
            stored = self._articles.rewrite(
                path, state, replace(state, has_state=True, failed=failed)
            )
            summary = stored.summary()
            self._index.put_many([summary])
            self._checked[article_id] = stored
        return summary_from_record(summary)

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

    def _read_for_write(self, path: Path, article_id: str) -> ArticleState:
        """Return an article's state as stored now (hold the lock)."""
        state = self._articles.state(path)
        if state is None:
            raise StoreError(f"no article {article_id!r} in store {self.path}")
        return state

    @overload
    def _append(
        self,
        path: Path,
        state: ArticleState,
        done: dict[str, Any],
        *,
        with_patch: Literal[False] = False,
    ) -> ArticleState: ...

    @overload
    def _append(
        self, path: Path, state: ArticleState, done: dict[str, Any], *, with_patch: Literal[True]
    ) -> tuple[ArticleState, Patch | None]: ...

    def _append(
        self, path: Path, state: ArticleState, done: dict[str, Any], *, with_patch: bool = False
    ) -> ArticleState | tuple[ArticleState, Patch | None]:
        """Apply journal entry ``done`` to ``state``, write it, then the article's index row
        (hold the lock). :class:`EditConflict`, writing nothing, when it does not fit."""
        try:
            new, patch = state.replay(done)
        except EditConflict:
            raise
        except (ValueError, KeyError, TypeError) as error:
            raise StoreError(f"cannot read {path}: {error}") from error
        stored = self._articles.append(path, state, done, new)
        self._journaled.add(path)
        self._put([stored.summary()])
        self._checked[str(stored.article["id"])] = stored
        return (stored, patch) if with_patch else stored

    def _rewrite(
        self,
        path: Path,
        state: ArticleState,
        annotation: Annotation,
        history: Mapping[str, Any],
        time: str,
    ) -> None:
        """Write the article file whole with a new annotation (and history), then its index
        row (hold the lock)."""
        new = self._with_annotation(state, annotation, history, time)
        self._put([self._store_state(path, state, new).summary()])

    def _with_annotation(
        self,
        state: ArticleState,
        annotation: Annotation,
        history: Mapping[str, Any],
        time: str,
    ) -> ArticleState:
        """``state`` with a new annotation (and history): an earlier model failure is over."""
        base = history.get(BASE_TABLE)
        return replace(
            state,
            annotation=annotation,
            updated=time,
            has_state=True,
            history=history.get(HISTORY_TABLE, state.history),
            base=state.base if base is None else base[str(RECORD_ID)],
            _pools=[None],
            _clean=[None],
            _people=[None],
            failed=None,
        )

    def _store_state(
        self, path: Path, state: ArticleState, new: ArticleState, *, sync_dir: bool = True
    ) -> ArticleState:
        """Write the article file whole as ``new`` (hold the lock); its index row is the
        caller's to write. Without ``sync_dir`` the caller syncs the folder."""
        stored = self._articles.rewrite(path, state, new, sync_dir=sync_dir)
        self._checked[str(stored.article["id"])] = stored
        return stored

    def set_status(self, article_id: str, status: Status) -> None:
        """Set the review status of an article: durable when this returns."""
        self._writable()
        if status not in STATUSES:
            raise StoreError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
        path = self._article_path(article_id)
        with write_lock(self.path):
            state = self._read_for_write(path, article_id)
            self._append(path, state, entry(state.next_jseq(), "status", now(), status=status))


def _same_summary(record: Mapping[str, Any] | None, summary: Mapping[str, Any]) -> bool:
    """True when an index record holds ``summary`` (its ``rev`` aside)."""
    if record is None or record.get("failed") != summary.get("failed"):
        return False
    return all(record.get(key) == value for key, value in summary.items())


def _read_plain_or_none(path: Path | None) -> PlainRead | None:
    return None if path is None else read_plain(path)
