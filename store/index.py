"""The article index: one TinyDB table of article summaries in ``<store>/index.json``.

The file is in TinyDB's layout (``TinyDB(path).table("articles")`` reads it), but this
module reads and writes it through the storage directly: one read and at most one
write per call, where TinyDB's query API would read the file three times. The whole
index is one file for now; sharding it is a later change confined to this module.
Callers hold the store's write lock around :meth:`SummaryIndex.put_many`.

The parsed file is reused while the file's bytes are the same (store/memo.py), so an
edit that leaves the summaries alone costs a read of the index's bytes, not a parse
of every summary.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from store.atomic_storage import atomic_write_bytes, check_tinydb_shape, dump_json
from store.errors import StoreError
from store.memo import FileMemo
from store.records import check_index_file, summary_from_record
from store.values import ArticleSummary

INDEX_NAME = "index.json"
"""File name of the index inside the store folder."""
TABLE = "articles"
"""Name of the index's table."""


class SummaryIndex:
    """Summaries of every article, in the order they were added."""

    def __init__(self, folder: Path, *, readonly: bool = False) -> None:
        """Use the index of the store in ``folder``; nothing is read until asked."""
        self.path = folder / INDEX_NAME
        self.readonly = readonly
        self._memo = FileMemo(size=1)
        self._keys: tuple[dict[str, Any], dict[str | None, str]] | None = None
        """The documents last looked up, and their doc ids by article id."""

    def _docs(self) -> dict[str, dict[str, Any]]:
        """Return the table's documents by doc id, as stored now (shared: never mutate them)."""
        tables = self._memo.read(self.path, _check) or {}
        return tables.get(TABLE, {})

    def _where(self) -> tuple[dict[str, dict[str, Any]], dict[str | None, str]]:
        """Return the documents as stored now and their doc ids by article id."""
        docs = self._docs()
        if self._keys is None or self._keys[0] is not docs:
            self._keys = (docs, {doc.get("id"): key for key, doc in docs.items()})
        return docs, self._keys[1]

    def records(self) -> list[dict[str, Any]]:
        """Return every summary record, in the order added."""
        docs = self._docs()
        return [docs[key] for key in sorted(docs, key=int)]

    def summaries(self) -> list[ArticleSummary]:
        """Return every summary, in the order added."""
        return [summary_from_record(record) for record in self.records()]

    def get(self, article_id: str) -> dict[str, Any] | None:
        """Return the summary record of one article, or None."""
        docs, where = self._where()
        key = where.get(article_id)
        return None if key is None else docs.get(key)

    def __len__(self) -> int:
        return len(self._docs())

    def put(self, record: dict[str, Any]) -> None:
        """Add or replace the summary record of ``record["id"]`` (hold the write lock)."""
        self.put_many([record])

    def put_many(self, records: Iterable[dict[str, Any]], *, keep_time: bool = False) -> None:
        """Add or replace several summary records in one write (hold the write lock).

        Nothing is written when no record changed. With ``keep_time`` a record that
        differs only in its ``updated`` time counts as unchanged, so an edit that changes
        neither counts, names nor status does not rewrite the index (its time then shows
        the last change of what the list shows; the article file has the exact time).
        """
        stored, where = self._where()
        added: dict[str, str] = {}
        updates: dict[str, dict[str, Any]] = {}
        next_id = 0
        for record in records:
            key = where.get(record["id"]) or added.get(record["id"])
            if key is None:
                if not next_id:
                    next_id = max((int(key) for key in stored), default=0) + 1
                key = added[record["id"]] = str(next_id)
                next_id += 1
            old = updates.get(key, stored.get(key))
            if keep_time and _same_but_time(old, record):
                continue
            if old != record:
                updates[key] = record
        if not updates:
            return
        if self.readonly:
            raise StoreError(f"cannot write {self.path}: the store is opened read-only")
        tables = {TABLE: {**stored, **updates}}
        raw = dump_json(tables)
        atomic_write_bytes(self.path, raw)
        self._memo.remember(self.path, raw, tables)


def _check(data: Any) -> None:
    check_tinydb_shape(data)
    check_index_file(data)


def _same_but_time(old: dict[str, Any] | None, new: dict[str, Any]) -> bool:
    """True when ``old`` was updated once and differs from ``new`` only in that time."""
    if old is None or old.get("updated") is None:
        return False
    return {**old, "updated": None} == {**new, "updated": None}
