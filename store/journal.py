"""The journal of an article: its recent edits in a small TinyDB file beside the article file.

``articles/<id[:2]>/<id>.journal.json`` holds two tables:

``head``
    one record: ``after``, the journal number (``jseq``) of the last change folded into the
    article file when the journal was last emptied.
``entries``
    one record per change since, doc id = its ``jseq`` (increasing, never reused): an edit
    (``op`` ``edit``, with the :class:`~annotate.edits.Patch` made, its annotator and time),
    an undo or redo of history entry ``seq``, or a status change.

The article file records in its ``compacted`` table (``through``) the last ``jseq`` it holds.
The article as it is now is the article file with the entries after ``through`` replayed in
order (store/state.py); entries up to ``through`` are already in it and are skipped, so a
crash between writing the article file and emptying the journal changes nothing. An edit
inserts its entry in the ``entries`` table: one write of this small file only (atomically,
fsynced, through TinyDB: store/article_files.py); every :data:`COMPACT_AT` entries, or at
:data:`COMPACT_BYTES`, the entries are folded into the article file and the journal emptied.
Writes that replace the annotation whole (a model run) write the article file, with the
journal folded in, and empty the journal.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from store.atomic_storage import check_tinydb_shape
from store.records import RECORD_ID, RECORD_VERSION, STATUSES

SUFFIX = ".journal.json"
"""Suffix of a journal file: ``<article id>.journal.json``."""
HEAD_TABLE = "head"
"""Table of the journal holding its one head record."""
ENTRIES_TABLE = "entries"
"""Table of the journal holding its entries, by ``jseq``."""
COMPACTED_TABLE = "compacted"
"""Table of the article file holding the last ``jseq`` folded into it (``through``)."""
COMPACT_AT = 64
"""Entries from which the journal is folded into the article file."""
COMPACT_BYTES = 512 * 1024
"""Journal size from which it is folded into the article file."""
OPS = ("edit", "undo", "redo", "status")
"""Kinds of journal entries."""


def journal_path(article_path: Path) -> Path:
    """Return the journal file of an article file."""
    return article_path.with_name(article_path.stem + SUFFIX)


def is_journal_name(name: str) -> bool:
    """True when ``name`` is the file name of a journal."""
    return name.endswith(SUFFIX)


def through_of(tables: Mapping[str, Any]) -> int:
    """Return the last ``jseq`` an article file's tables hold (0 when it never had a journal)."""
    record = (tables.get(COMPACTED_TABLE) or {}).get(str(RECORD_ID))
    return 0 if record is None else int(record["through"])


def compacted_table(through: int) -> dict[str, Any]:
    """Return the ``compacted`` table of an article file holding changes up to ``through``."""
    return {str(RECORD_ID): {"schema_version": RECORD_VERSION, "through": through}}


def after_of(journal: Mapping[str, Any]) -> int:
    """Return the ``after`` of a checked journal."""
    return int(journal[HEAD_TABLE][str(RECORD_ID)]["after"])


def head_record(after: int) -> dict[str, Any]:
    """Return the head record of a journal emptied after journal entry ``after``."""
    return {"schema_version": RECORD_VERSION, "after": after}


def entry(jseq: int, op: str, time: str, **fields: Any) -> dict[str, Any]:
    """Return a journal entry."""
    return {"schema_version": RECORD_VERSION, "jseq": jseq, "op": op, "time": time, **fields}


def check_compacted(tables: Mapping[str, Any]) -> None:
    """Raise ``ValueError`` unless an article file's ``compacted`` record is one we read."""
    record = (tables.get(COMPACTED_TABLE) or {}).get(str(RECORD_ID))
    if record is None:
        return
    if record.get("schema_version") != RECORD_VERSION or not _count(record.get("through")):
        raise ValueError("its compacted record is not one this annotui reads")


def check_journal(data: Any) -> None:
    """Raise ``ValueError`` unless ``data`` is a journal this version reads."""
    check_tinydb_shape(data)
    head = (data.get(HEAD_TABLE) or {}).get(str(RECORD_ID))
    if head is None or head.get("schema_version") != RECORD_VERSION:
        raise ValueError(
            f"its head record is missing or has schema_version "
            f"{None if head is None else head.get('schema_version')!r}, but this annotui reads "
            f"{RECORD_VERSION}"
        )
    if not _count(head.get("after")):
        raise ValueError("its head record has no valid 'after'")
    for key, record in (data.get(ENTRIES_TABLE) or {}).items():
        if record.get("schema_version") != RECORD_VERSION:
            raise ValueError(
                f"its entry {key} has schema_version {record.get('schema_version')!r}, but this "
                f"annotui reads {RECORD_VERSION}"
            )
        if str(record.get("jseq")) != key or record.get("op") not in OPS:
            raise ValueError(f"its entry {key} has no matching jseq or an unknown op")
        if int(key) <= after_of(data):
            raise ValueError(f"its entry {key} is not after the head's {after_of(data)}")
        _CHECKS[record["op"]](record)


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _check_edit(record: Mapping[str, Any]) -> None:
    if not isinstance(record.get("patch"), Mapping) or not isinstance(record.get("seq"), int):
        raise ValueError(f"its entry {record['jseq']} has no patch or seq")


def _check_step(record: Mapping[str, Any]) -> None:
    if not isinstance(record.get("seq"), int):
        raise ValueError(f"its entry {record['jseq']} names no history entry")


def _check_status(record: Mapping[str, Any]) -> None:
    if record.get("status") not in STATUSES:
        raise ValueError(f"its entry {record['jseq']} has status {record.get('status')!r}")


_CHECKS: dict[str, Callable[[Mapping[str, Any]], None]] = {
    "edit": _check_edit,
    "undo": _check_step,
    "redo": _check_step,
    "status": _check_status,
}
