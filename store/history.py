"""The undo history of one article, as records in its TinyDB file.

An article file holds, beside its ``article`` and ``annotation`` tables:

``history``
    one record per edit, doc id = ``seq``: the :class:`~annotate.edits.Patch` it made
    (``patch``), its description, annotator and time, and ``undone``. The records are
    always *done* entries followed by *undone* ones (the redo tail): undo marks the last
    done entry, redo the first undone one, and a new edit drops the redo tail.
``history_base``
    one record: the annotation as it was before the first recorded edit (``annotation``,
    without its text) and the next ``seq`` to hand out (``next_seq``).

Edits since the file was last written are in the article's journal (store/journal.py), and
replayed onto these tables by store/state.py with the same rules as :func:`record_edit`
and :func:`mark`.

So replaying the done patches in order on the base gives the current annotation
(the annotation's ``model`` name aside, which patches do not carry). The functions
here are pure: they read raw tables and return new table contents for the store to
write in the same single file write as the annotation.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from annotate.edits import Patch
from annotate.model import Annotation
from store.atomic_storage import check_tinydb_shape
from store.journal import check_compacted
from store.records import HISTORY_TABLE, RECORD_ID, RECORD_VERSION, check_article_file, single
from store.values import HistoryEntry

BASE_TABLE = "history_base"
"""Table of an article file holding the annotation before the first recorded edit."""
MODEL_ANNOTATOR = "model"
"""Annotator recorded for model runs that change an article with a history."""


def records(tables: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Return the history records of raw article tables, oldest first."""
    docs = tables.get(HISTORY_TABLE) or {}
    return [docs[key] for key in sorted(docs, key=int)]


def entries(tables: Mapping[str, Any]) -> list[HistoryEntry]:
    """Return the history of raw article tables as :class:`HistoryEntry` values, oldest first."""
    return [
        HistoryEntry(
            seq=int(record["seq"]),
            description=str(record.get("description", "")),
            annotator=str(record.get("annotator", "")),
            time=str(record.get("time", "")),
            undone=bool(record.get("undone")),
        )
        for record in records(tables)
    ]


def has_history(tables: Mapping[str, Any]) -> bool:
    """True when any edit of the article has been recorded."""
    return bool(tables.get(HISTORY_TABLE)) or single(tables, BASE_TABLE) is not None


def last_done(tables: Mapping[str, Any]) -> dict[str, Any] | None:
    """Return the record undo would undo: the last one not undone, or None."""
    return next((r for r in reversed(records(tables)) if not r.get("undone")), None)


def first_undone(tables: Mapping[str, Any]) -> dict[str, Any] | None:
    """Return the record redo would redo: the first undone one after the done ones, or None."""
    done = last_done(tables)
    after = -1 if done is None else int(done["seq"])
    return next((r for r in records(tables) if r.get("undone") and int(r["seq"]) > after), None)


def patch_of(record: Mapping[str, Any]) -> Patch:
    """Return the patch a history record made; ``ValueError`` when it cannot be read."""
    try:
        return Patch.from_dict(record["patch"])
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"its history entry {record.get('seq')} is malformed: {error}") from error


def base_annotation(tables: Mapping[str, Any], text: str) -> Annotation | None:
    """Return the annotation before the first recorded edit, or None when nothing is recorded."""
    base = single(tables, BASE_TABLE)
    if base is None:
        return None
    if isinstance(base["annotation"], Annotation):  # kept in memory as it is (store/state.py)
        return base["annotation"]
    return Annotation.from_dict(base["annotation"], text=text)


def replay(tables: Mapping[str, Any], text: str) -> Annotation | None:
    """Return the base with every done patch applied in order; None when nothing is recorded.

    Raises ``ValueError`` (an :class:`~annotate.edits.EditConflict` among them) when the
    history does not replay.
    """
    annotation = base_annotation(tables, text)
    if annotation is None:
        return None
    for record in records(tables):
        if not record.get("undone"):
            annotation = patch_of(record).apply(annotation)
    return annotation


def record_edit(
    tables: Mapping[str, Any],
    before: Annotation,
    patch: Patch,
    *,
    annotator: str,
    time: str,
) -> dict[str, Any]:
    """Return the history tables after recording ``patch``, made on ``before``.

    The redo tail is dropped; the first recorded edit stores ``before`` as the base.
    """
    base = single(tables, BASE_TABLE)
    if base is None:
        base = {
            "schema_version": RECORD_VERSION,
            "annotation": before.to_dict(include_text=False),
            "next_seq": 1,
        }
    kept = {str(r["seq"]): r for r in records(tables) if not r.get("undone")}
    seq = max([int(base["next_seq"]), *(int(key) + 1 for key in kept)])
    kept[str(seq)] = {
        "schema_version": RECORD_VERSION,
        "seq": seq,
        "description": patch.description,
        "annotator": annotator,
        "time": time,
        "undone": False,
        "patch": patch.to_dict(),
    }
    return {
        HISTORY_TABLE: kept,
        BASE_TABLE: {str(RECORD_ID): {**base, "next_seq": seq + 1}},
    }


def mark(
    tables: Mapping[str, Any], seq: int, *, undone: bool, annotator: str, time: str
) -> dict[str, Any]:
    """Return the history table with entry ``seq`` marked undone (or redone) by ``annotator``."""
    docs = dict(tables.get(HISTORY_TABLE) or {})
    record = docs[str(seq)]
    action = {"action": "undo" if undone else "redo", "annotator": annotator, "time": time}
    docs[str(seq)] = {**record, "undone": undone, "log": [*record.get("log", ()), action]}
    return {HISTORY_TABLE: docs}


def check_history(tables: Mapping[str, Any]) -> None:
    """Raise ``ValueError`` unless the history records are ones this version can read."""
    for key, record in (tables.get(HISTORY_TABLE) or {}).items():
        if record.get("schema_version") != RECORD_VERSION:
            raise ValueError(
                f"its history entry {key} has schema_version {record.get('schema_version')!r}, "
                f"but this annotui reads {RECORD_VERSION}"
            )
        if str(record.get("seq")) != key or not isinstance(record.get("patch"), Mapping):
            raise ValueError(f"its history entry {key} has no matching seq or no patch")
    base = single(tables, BASE_TABLE)
    if base is not None and (
        base.get("schema_version") != RECORD_VERSION
        or not isinstance(base.get("annotation"), Mapping)
    ):
        raise ValueError("its history base record is not one this annotui reads")


def check_file(data: Any) -> None:
    """Raise ``ValueError`` unless ``data`` is an article file, history included, we can read."""
    check_tinydb_shape(data)
    check_article_file(data)
    check_history(data)
    check_compacted(data)
