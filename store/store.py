"""The :class:`Store`: articles and their annotations in a folder of TinyDB files.

Layout of a store folder::

    store.json                      schema_version, layout name, creation time
    index.json                      TinyDB table of article summaries (store/index.py)
    articles/<id[:2]>/<id>.json     one TinyDB file per article: tables
                                    ``article``, ``annotation`` and ``history``
    .lock                           flock'ed around every write transaction

An edit rewrites one small article file and the index, never the corpus. Every write
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

from annotate.model import Annotation
from store.atomic_storage import (
    AtomicJSONStorage,
    atomic_write_bytes,
    dump_json,
    make_dirs,
    read_json,
)
from store.errors import StoreError
from store.index import SummaryIndex
from store.locking import LOCK_NAME, write_lock
from store.records import (
    ANNOTATION_TABLE,
    ARTICLE_TABLE,
    HISTORY_TABLE,
    RECORD_ID,
    annotation_from_record,
    annotation_record,
    article_from_records,
    article_record,
    check_article_file,
    check_meta,
    meta_record,
    now,
    single,
    status_of,
    summary_from_record,
    summary_record,
)
from store.titles import default_title
from store.values import STATUSES, Article, ArticleSummary, Status, article_id, is_article_id

__all__ = ["Article", "ArticleSummary", "Status", "Store", "StoreError", "article_id"]

META_NAME = "store.json"
"""File name of the store's meta record."""
ARTICLES_DIR = "articles"
"""Folder of the per-article files."""
ADD_BATCH = 500
"""Articles added under one hold of the lock, with one write of the index."""
ARTICLE_INDENT = 1
"""JSON indent of article files, so they diff well under version control."""


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
        try:
            self._open(create)
        except OSError as error:
            raise StoreError(f"cannot open store {self.path}: {error.strerror}") from error
        self._index = SummaryIndex(self.path, readonly=self.readonly)

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
        if self._has_meta():
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
        return read_json(self.path / META_NAME, check_meta) is not None

    def _refuse_foreign_folder(self) -> None:
        """Refuse a folder holding anything but what a store being created holds."""
        ours = {LOCK_NAME, ARTICLES_DIR}
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
            check=check_article_file,
            indent=ARTICLE_INDENT,
        )

    def _load(self, article_id: str) -> tuple[Path, dict[str, Any]]:
        """Return the path and raw tables of an article file, checked."""
        self._usable()
        path = self._article_path(article_id)
        tables = self._article_db(path).storage.read()
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

        Same result as :meth:`add_article` for each, but the index is written once per
        batch of :data:`ADD_BATCH` articles instead of once per article.
        """
        self._writable()
        ids: list[str] = []
        items = iter(articles)
        while batch := [self._new_article(item) for item in islice(items, ADD_BATCH)]:
            with write_lock(self.path):
                summaries = [self._add_one(*new) for new in batch]
                self._index.put_many(summaries)
            ids += [new[0] for new in batch]
        return ids

    def _new_article(self, item: str | Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
        """Check one article to add; return its id and record (its time is set when written)."""
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
        return aid, article_record(aid, title, text, data.get("source"), metadata, "")

    def _add_one(self, aid: str, record: dict[str, Any]) -> dict[str, Any]:
        """Write an article file unless it exists (hold the lock); return its summary record."""
        path = self._article_path(aid)
        db = self._article_db(path)
        tables = db.storage.read()
        if tables is None:
            make_dirs(path.parent)
            tables = {
                ARTICLE_TABLE: {str(RECORD_ID): {**record, "created": now()}},
                ANNOTATION_TABLE: {},
                HISTORY_TABLE: {},
            }
            db.storage.write(tables)
        return self._summary(path, tables)

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

    def save_annotation(self, article_id: str, annotation: Annotation) -> None:
        """Save the annotation of an article: durable when this returns.

        The status is left as it is; the summary's counts and names are updated.
        Raises :class:`StoreError` when the annotation is not of the article's text or
        is inconsistent (dangling ids, spans outside the text).
        """
        self._writable()
        path = self._article_path(article_id)
        problems = annotation.problems()
        if problems:
            raise StoreError(
                f"not saving the annotation of article {article_id}: {'; '.join(problems[:3])}"
            )
        with write_lock(self.path):
            db = self._article_db(path)
            tables = db.storage.read()
            if tables is None:
                raise StoreError(f"no article {article_id!r} in store {self.path}")
            if (single(tables, ARTICLE_TABLE) or {}).get("text") != annotation.text:
                raise StoreError(
                    f"not saving the annotation of article {article_id}: "
                    "its text differs from the article's text"
                )
            state = single(tables, ANNOTATION_TABLE)
            record = annotation_record(annotation, status_of(state), now())
            self._put_state(db, tables, record)
            self._index.put(self._summary(path, {**tables, ANNOTATION_TABLE: {"1": record}}))

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
