"""A derived cache of the whole index in one ``marshal`` file, so a large store opens fast.

``index/.cache`` holds, for every shard, the size and BLAKE2 digest of the bytes it was
made from, and the summaries as flat rows in the order added. Reading 100,000 summaries
from it (and hashing the shards) takes a fifth of the time of parsing the 256 JSON
shards. It is never the truth: a shard is taken from the cache only when the file's bytes
hash to the digest; a shard that does not is parsed, and a cache missing, unreadable or of
another version is ignored and written anew. Deleting it is always safe.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import tempfile
from collections.abc import Mapping
from operator import itemgetter
from pathlib import Path
from typing import Any

from store.errors import StoreError
from store.permissions import file_mode
from store.values import ArticleSummary

CACHE_NAME = ".cache"
"""File name of the cache inside the index folder."""
VERSION = 3
"""Version of the cache's layout; another version is ignored (2 added ``failed``, 3 the
review counts)."""
FIELDS = (
    "id",
    "title",
    "status",
    "n_people",
    "n_events",
    "people",
    "updated",
    "rev",
    "failed",
    "n_open",
    "labels",
    "annotators",
)
OPTIONAL = ("failed", "n_open", "labels", "annotators")
"""Fields a record may lack (an article never annotated, or the model never failed on)."""
"""Fields of a summary record kept in a row, after its doc id and before its schema_version."""
ROW_LENGTH = len(FIELDS) + 2

Row = list[Any]
Entry = tuple[int, bytes, list[Row]]
"""A shard in the cache: the size and digest of its bytes, its rows."""

_new = object.__new__
_set = object.__setattr__


def digest_of(raw: bytes) -> bytes:
    """Return the digest of a shard's bytes."""
    return hashlib.blake2b(raw, digest_size=16).digest()


def row_of(key: str, doc: Mapping[str, Any]) -> Row:
    """Return the cache row of a summary record with doc id ``key``."""
    return [int(key), *(doc.get(name) for name in FIELDS), doc.get("schema_version")]


def doc_of(row: Row) -> dict[str, Any]:
    """Return the summary record of a cache row."""
    doc = {"schema_version": row[-1], **dict(zip(FIELDS, row[1:-1], strict=True))}
    doc["people"] = list(doc["people"] or ())
    for name in OPTIONAL:
        if doc[name] is None:
            del doc[name]
    return doc


def summary_of(row: Row) -> ArticleSummary:
    """Return the :class:`ArticleSummary` of a cache row.

    Builds the frozen dataclass by setting its ``__dict__`` at once, which is twice as
    fast as its ``__init__`` (100,000 of them are made when a large store opens).
    """
    if type(row) is not list or len(row) != ROW_LENGTH:
        raise ValueError("not a cache row")
    summary = _new(ArticleSummary)
    _set(
        summary,
        "__dict__",
        {
            "id": row[1],
            "title": row[2],
            "status": row[3],
            "n_people": row[4],
            "n_events": row[5],
            "people": tuple(row[6]),
            "updated": row[7],
            "failed": row[9],
            "n_open": row[10] or 0,
            "labels": tuple(row[11] or ()),
            "annotators": tuple(row[12] or ()),
        },
    )
    return summary


def load(folder: Path) -> dict[str, Entry]:
    """Return the cached shards by file name; empty when there is no usable cache."""
    try:
        data = marshal.loads((folder / CACHE_NAME).read_bytes())
        if type(data) is not dict or data.get("version") != VERSION:
            return {}
        rows: dict[str, list[Row]] = {name: [] for name in data["shards"]}
        for row in data["rows"]:  # rows in the order added: they sit in memory that way
            rows[f"{row[1][:2]}.json"].append(row)
        return {name: (size, digest, rows[name]) for name, (size, digest) in data["shards"].items()}
    except (OSError, EOFError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return {}


def save(folder: Path, shards: Mapping[str, Entry]) -> None:
    """Replace the cache (atomically; not fsynced: it is derived). Errors are ignored."""
    try:
        rows = [row for _, _, shard_rows in shards.values() for row in shard_rows]
        rows.sort(key=itemgetter(0))
        meta = {name: (size, digest) for name, (size, digest, _) in shards.items()}
        raw = marshal.dumps({"version": VERSION, "shards": meta, "rows": rows})
        fd, temp = tempfile.mkstemp(prefix=f"{CACHE_NAME}.", suffix=".tmp", dir=folder)
    except (OSError, ValueError):
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), file_mode())
            handle.write(raw)
        os.replace(temp, folder / CACHE_NAME)
    except (OSError, StoreError):
        with contextlib.suppress(OSError):
            os.unlink(temp)
