"""Upgrading stores written in an older layout to the current one, keeping a backup.

Layouts, by the ``schema_version`` of ``store.json``:

0 (no ``store.json``)
    one TinyDB file ``db.json`` as TinyDB's default ``JSONStorage`` writes it, with
    tables ``articles`` (documents ``text`` and optionally ``title``, ``source``,
    ``metadata``, ``created``, ``status``, in the order added) and ``annotations``
    (documents ``article_id``, ``annotation`` as ``Annotation.to_dict`` with or without
    its text, and optionally ``status`` and ``updated``). Every edit rewrote the corpus.
    Upgraded to article files; ``db.json`` is renamed ``db.json.layout0.bak``.
1
    article files and one ``index.json`` (TinyDB table ``articles`` of summaries).
    Upgraded to the sharded index; ``index.json`` is renamed ``index.json.layout1.bak``.
2
    article files and the sharded ``index/`` (store/index.py).
3
    as 2, and each article file may have a journal beside it (store/journal.py): the
    current layout. A layout 2 store is a layout 3 store without journals, so it is read
    as it is (also read-only); opened writable, its ``store.json`` says 3 from then on, so
    an older annotui, which would not see the journals, refuses it.

An upgrade runs under the store's write lock, writes the new files first and
``store.json`` last, so a crash part way leaves the old layout in force and the next
open upgrades again. A file that cannot be read stops the upgrade with a
:class:`StoreError` naming it, and nothing is removed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from annotate.model import Annotation, ModelError
from store.atomic_storage import (
    atomic_write_bytes,
    check_tinydb_shape,
    dump_json,
    fsync_dir,
    read_json,
)
from store.errors import StoreError
from store.index import SummaryIndex
from store.records import (
    ANNOTATION_TABLE,
    ARTICLE_TABLE,
    HISTORY_TABLE,
    RECORD_ID,
    STATUSES,
    annotation_record,
    article_record,
    check_index_file,
    meta_record,
    now,
    summary_record,
)
from store.titles import default_title
from store.values import article_id

LAYOUT0_NAME = "db.json"
"""The single TinyDB file of layout 0."""
LAYOUT1_INDEX = "index.json"
"""The single index file of layout 1."""

WriteArticle = Callable[[Path, dict[str, Any]], None]
"""Writes one article file (tables) without syncing its folder."""


def backup_path(path: Path, layout: int) -> Path:
    """Return a free name beside ``path`` for its backup: ``<name>.layout<n>.bak`` (``.2``…)."""
    candidate = path.with_name(f"{path.name}.layout{layout}.bak")
    n = 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}.layout{layout}.bak.{n}")
    return candidate


def upgrade_layout1(folder: Path, meta: Mapping[str, Any], index: SummaryIndex) -> None:
    """Move the summaries of ``index.json`` into the sharded index; back the file up."""
    old = folder / LAYOUT1_INDEX
    data = read_json(old, _check_layout1_index)
    docs = (data or {}).get("articles", {})
    records = [docs[key] for key in sorted(docs, key=int)]
    index.write_all(records)
    _commit(folder, meta.get("created"))
    if old.exists():
        os.replace(old, backup_path(old, 1))
        fsync_dir(folder)


def upgrade_layout2(folder: Path, meta: Mapping[str, Any]) -> None:
    """Mark a layout 2 store as layout 3: nothing else changes (hold the lock)."""
    _commit(folder, meta.get("created"))


def upgrade_layout0(
    folder: Path, index: SummaryIndex, article_path: Callable[[str], Path], write: WriteArticle
) -> None:
    """Turn ``db.json`` into article files and the index; back ``db.json`` up."""
    db = folder / LAYOUT0_NAME
    data = read_json(db, _check_layout0)
    assert data is not None
    articles = data.get("articles", {})
    annotations = {
        str(doc.get("article_id")): doc for doc in (data.get("annotations") or {}).values()
    }
    summaries: list[dict[str, Any]] = []
    files: list[tuple[Path, dict[str, Any]]] = []
    for key in sorted(articles, key=int):  # everything is checked before anything is written
        doc = articles[key]
        text = doc["text"]
        aid = article_id(text)
        title = str(doc.get("title") or "").strip() or default_title(text)
        created = str(doc.get("created") or now())
        record = article_record(
            aid, title, text, doc.get("source"), doc.get("metadata") or {}, created
        )
        state = annotations.get(aid)
        annotation = _annotation(db, key, state, text)
        status = (state or {}).get("status") or doc.get("status") or "new"
        if status not in STATUSES:
            raise StoreError(
                f"cannot upgrade {db}: article {key} has status {status!r}, "
                f"not one of {', '.join(STATUSES)}; nothing was changed"
            )
        updated = (state or {}).get("updated")
        has_state = annotation is not None or status != "new"
        tables: dict[str, Any] = {
            ARTICLE_TABLE: {str(RECORD_ID): record},
            ANNOTATION_TABLE: (
                {str(RECORD_ID): annotation_record(annotation, status, updated or created)}
                if has_state
                else {}
            ),
            HISTORY_TABLE: {},
        }
        files.append((article_path(aid), tables))
        summaries.append(
            summary_record(aid, title, status, annotation, updated if has_state else None)
        )
    for path, tables in files:
        write(path, tables)
    for parent in {path.parent for path, _ in files}:
        fsync_dir(parent)
    index.write_all(summaries)
    _commit(folder, None)
    os.replace(db, backup_path(db, 0))
    fsync_dir(folder)


def _annotation(
    db: Path, key: str, state: Mapping[str, Any] | None, text: str
) -> Annotation | None:
    if state is None or state.get("annotation") is None:
        return None
    try:
        annotation = Annotation.from_dict(state["annotation"], text=text)
        if annotation.text != text:
            raise ValueError("its text is not the article's text")
    except (ModelError, TypeError, KeyError, ValueError) as error:
        raise StoreError(
            f"cannot upgrade {db}: the annotation of article {key} is malformed ({error}); "
            "nothing was changed"
        ) from error
    problems = annotation.problems()
    if problems:
        raise StoreError(
            f"cannot upgrade {db}: the annotation of article {key} is inconsistent "
            f"({problems[0]}); nothing was changed"
        )
    return annotation


def _commit(folder: Path, created: Any) -> None:
    """Write the current ``store.json``: the upgrade is done."""
    meta = meta_record(created if isinstance(created, str) else None)
    atomic_write_bytes(folder / "store.json", dump_json(meta, indent=1))


def _check_layout1_index(data: Any) -> None:
    check_tinydb_shape(data)
    check_index_file(data)


def _check_layout0(data: Any) -> None:
    check_tinydb_shape(data)
    articles = data.get("articles")
    if not isinstance(articles, dict):
        raise ValueError("it has no 'articles' table (a layout 0 store needs one)")
    for key, doc in articles.items():
        if not key.isdigit():
            raise ValueError(f"its articles table has a document id {key!r} that is not a number")
        if not isinstance(doc.get("text"), str) or not doc["text"].strip():
            raise ValueError(f"its article {key} has no text")
    for key, doc in (data.get("annotations") or {}).items():
        if not isinstance(doc.get("article_id"), str):
            raise ValueError(f"its annotation {key} names no article_id")
