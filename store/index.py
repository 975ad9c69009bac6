"""The article index: one TinyDB table of article summaries in ``<store>/index.json``.

The file is in TinyDB's layout (``TinyDB(path).table("articles")`` reads it), but this
module reads and writes it through the storage directly: one read and at most one
write per call, where TinyDB's query API would read the file three times. The whole
index is one file for now; sharding it is a later change confined to this module.
Callers hold the store's write lock around :meth:`SummaryIndex.put_many`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from store.atomic_storage import AtomicJSONStorage
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
        self._storage = AtomicJSONStorage(self.path, readonly=readonly, check=check_index_file)

    def _docs(self) -> dict[str, dict[str, Any]]:
        """Return the table's documents by doc id, as stored now."""
        tables = self._storage.read() or {}
        return tables.get(TABLE, {})

    def records(self) -> list[dict[str, Any]]:
        """Return every summary record, in the order added."""
        docs = self._docs()
        return [docs[key] for key in sorted(docs, key=int)]

    def summaries(self) -> list[ArticleSummary]:
        """Return every summary, in the order added."""
        return [summary_from_record(record) for record in self.records()]

    def get(self, article_id: str) -> dict[str, Any] | None:
        """Return the summary record of one article, or None."""
        return next((doc for doc in self._docs().values() if doc.get("id") == article_id), None)

    def __len__(self) -> int:
        return len(self._docs())

    def put(self, record: dict[str, Any]) -> None:
        """Add or replace the summary record of ``record["id"]`` (hold the write lock)."""
        self.put_many([record])

    def put_many(self, records: Iterable[dict[str, Any]]) -> None:
        """Add or replace several summary records in one write (hold the write lock)."""
        tables = self._storage.read() or {}
        docs = tables.setdefault(TABLE, {})
        where = {doc.get("id"): key for key, doc in docs.items()}
        next_id = max((int(key) for key in docs), default=0) + 1
        changed = False
        for record in records:
            key = where.get(record["id"])
            if key is None:
                key = where[record["id"]] = str(next_id)
                next_id += 1
            if docs.get(key) != record:
                docs[key] = record
                changed = True
        if changed:
            self._storage.write(tables)
