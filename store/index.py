"""The article index: summaries of every article in 256 small TinyDB files, ``index/<xx>.json``.

An article's summary lives in the shard named by the first two hex digits of its id,
so an edit rewrites one shard of about 1/256 of the corpus's summaries, however large
the corpus grows. Each shard is a TinyDB database, opened as
``TinyDB(path, storage=AtomicJSONStorage)`` (store/atomic_storage.py) and read and written
through its table ``articles``; the doc id of a summary is its place in the order articles
were added, unique across the shards. Each summary carries ``rev``, bumped whenever its
article file is written, which :meth:`SummaryIndex.changes_since` uses to name the
articles another process changed.

Reading: the storage keeps each shard's parse while the file is unchanged (its stat
signature, the racy-file rule, its bytes: another process's write is always seen), and
:class:`Shard` keeps what is derived from it (summaries by article id, the built
:class:`ArticleSummary` objects) until the storage's ``generation`` moves. Writing: the
changed summaries of one shard are updated and inserted in one storage transaction (one
atomic write), each unchanged summary written as the same JSON line as before. Callers
hold the store's write lock around :meth:`SummaryIndex.put_many`.

A large index (:data:`CACHE_AT` summaries) also keeps ``index/.cache``, every summary in
one ``marshal`` file checked against the shards' bytes (store/index_cache.py), and reading
every summary pauses the garbage collector and then freezes them out of its sight: so
the app lists 100,000 articles within a second. A shard known from the cache is read by
TinyDB only when it is written or has changed.
"""

from __future__ import annotations

import contextlib
import gc
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document, Table

from store.atomic_storage import (
    RACY_NS,
    AtomicJSONStorage,
    Signature,
    dump_json,
    encode_json,
    file_signature,
    make_dirs,
    read_bytes,
    storage_of,
)
from store.bulk_writes import sync_file_system
from store.errors import StoreError, UnreadableFile
from store.index_cache import Entry, Row, digest_of, doc_of, row_of, summary_of
from store.index_cache import load as load_cache
from store.index_cache import save as save_cache
from store.records import RECORD_VERSION, check_index_file, summary_from_record
from store.swap_files import Spares
from store.values import ArticleSummary, is_article_id

INDEX_DIR = "index"
"""Folder of the index shards inside the store folder."""
TABLE = "articles"
"""Name of the table in every shard."""
PREFIX = 2
"""Hex digits of the article id naming its shard: 256 shards."""
INDENT = 1
"""Shards are written one summary a line, so they diff well under version control."""
DEPTH = 2
"""Nesting laid out one member a line: each summary is one line."""

CACHE_AT = 10_000
"""Summaries from which the index keeps its cache file (store/index_cache.py)."""
CACHE_STALE = 16
"""Shards changed since the cache was written from which opening the store writes it anew
(fewer are parsed from their files at each open: a millisecond each)."""
FREEZE_AT = 10_000
"""Summaries from which reading them all ends with ``gc.freeze()`` (see :meth:`summaries`)."""


BULK_SHARDS = 16
"""A write touching more shards than this syncs the file system once, not each shard."""


def shard_name(article_id: str) -> str:
    """Return the file name of the shard holding an article's summary."""
    return f"{article_id[:PREFIX]}.json"


class Shard:
    """One shard as read: through TinyDB (``docs``) or from the cache (``rows``).

    ``generation`` is the storage's generation it was read at (None when taken from the
    cache); two reads of unchanged contents share one ``stamp``. The documents of a shard
    known from the cache only are made from its rows when first asked for.
    """

    def __init__(
        self,
        raw: bytes | None,
        generation: int | None,
        *,
        docs: dict[str, dict[str, Any]] | None = None,
        rows: list[Row] | None = None,
        signature: Signature | None = None,
        read_ns: int = 0,
    ) -> None:
        self.raw = raw
        """The file's bytes as read (for the cache's check)."""
        self.generation = generation
        self.signature = signature
        """Of a shard taken from the cache: the file's stat signature, and when it was read."""
        self.read_ns = read_ns
        self._docs = docs
        self._rows = rows
        self._keys: dict[str, str] | None = None
        self.stamp: object = object()
        self.summaries: list[tuple[int, ArticleSummary]] = []
        """Filled once, on the first :meth:`SummaryIndex.summaries` after the read."""

    @property
    def docs(self) -> dict[str, dict[str, Any]]:
        """The documents by doc id (shared: never mutate them)."""
        if self._docs is None:
            self._docs = {str(row[0]): doc_of(row) for row in self._rows or ()}
        return self._docs

    @property
    def keys(self) -> dict[str, str]:
        """Doc ids by article id."""
        if self._keys is None:
            if self._docs is None and self._rows is not None:
                self._keys = {row[1]: str(row[0]) for row in self._rows}
            else:
                self._keys = {doc.get("id"): key for key, doc in self.docs.items()}
        return self._keys

    def keys_from(self, before: Shard, updates: Mapping[str, Mapping[str, Any]]) -> None:
        """Take the doc ids by article id of ``before`` with ``updates`` written over it."""
        self._keys = {**before.keys, **{str(doc["id"]): key for key, doc in updates.items()}}

    @property
    def count(self) -> int:
        """Number of summaries in the shard."""
        return len(self._rows if self._docs is None and self._rows is not None else self.docs)

    @property
    def from_cache(self) -> bool:
        """True when the shard was taken from the cache, not parsed."""
        return self._docs is None and self._rows is not None

    def rows(self) -> list[Row]:
        """The shard's summaries as cache rows."""
        if self._rows is None:
            self._rows = [row_of(key, doc) for key, doc in self.docs.items()]
        return self._rows

    def pending(self) -> list[tuple[int, str, Shard, Any]]:
        """Return (order, id, shard, row or document) of every summary not built yet."""
        if self.summaries:
            return []
        if self._docs is None and self._rows is not None:
            return [(row[0], row[1], self, row) for row in self._rows]
        return [(int(key), doc.get("id"), self, doc) for key, doc in self.docs.items()]


EMPTY = Shard(None, None, docs={})
"""No shard file (a file of zero bytes is a damaged shard, not this)."""


class DamagedShard(StoreError):
    """An index shard that is empty, cut short, not JSON or not an index: its rows are lost
    and must be rebuilt from the article files (``Store`` does so) before it is written."""

    def __init__(self, path: Path, problem: str, raw: bytes) -> None:
        super().__init__(f"cannot read index shard {path}: {problem}")
        self.path = path
        self.problem = problem
        """What is wrong with it, e.g. ``it is empty``."""
        self.raw = raw
        """Its bytes."""


class _NewerIndex(ValueError):
    """A summary written by a newer annotui (not damage: never rebuilt over)."""


@dataclass(frozen=True)
class ChangeToken:
    """What :meth:`SummaryIndex.changes_since` saw: the shards as read then (opaque)."""

    shards: Mapping[str, Shard]


class SummaryIndex:
    """Summaries of every article, in the order they were added."""

    def __init__(self, folder: Path, *, readonly: bool = False) -> None:
        """Use the index of the store in ``folder``; nothing is read until asked."""
        self.folder = folder / INDEX_DIR
        self.readonly = readonly
        self._dbs: dict[str, TinyDB] = {}
        self._lines: dict[str, _ShardLines] = {}
        self._shards: dict[str, Shard] = {}
        self._held: dict[str, Shard] = {}
        """Damaged shards rebuilt in memory only (read-only store), while their file stays."""
        self._ordered: tuple[tuple[object, ...], list[ArticleSummary]] | None = None
        self._cache: dict[str, Entry] | None = None
        """The cache file's shards, loaded on the first read of every shard."""

    @property
    def path(self) -> Path:
        """The folder of the shards."""
        return self.folder

    def _db(self, name: str) -> TinyDB:
        """Return shard ``name`` opened as a TinyDB database (one per shard, kept)."""
        db = self._dbs.get(name)
        if db is None:
            db = TinyDB(
                self.folder / name,
                storage=AtomicJSONStorage,
                check=_check_shard,
                dump=self._lines.setdefault(name, _ShardLines()),
            )
            self._dbs[name] = db
        return db

    # -- reading ------------------------------------------------------------------

    def _read(self, name: str, *, trust_stat: bool = True) -> Shard:
        """Return shard ``name`` as stored now, reusing what was derived from it while the
        file is unchanged. With ``trust_stat`` (not on the write path) a shard may come
        from the cache file, and one that did stays while its stat signature does."""
        path = self.folder / name
        held = self._held.get(name)
        if held is not None:
            if read_bytes(path) == held.raw:
                return held
            del self._held[name]
        known = self._shards.get(name)
        if trust_stat and (known is None or known.from_cache) and self._cache:
            signature = file_signature(path)
            if signature is None:
                return self._gone(name)
            if known is not None and _unchanged(signature, known):
                return known
            cached = _cached(path, self._cache.get(name), signature)
            if cached is not None:
                self._shards[name] = cached
                return cached
        db = self._db(name)
        storage = storage_of(db)
        try:
            tables = storage.read()
        except StoreError as error:
            raise _classified(path, error) from error
        if tables is None:
            return self._gone(name)
        if known is not None and known.generation == storage.generation:
            return known
        docs = {str(doc.doc_id): doc for doc in db.table(TABLE)}
        shard = Shard(storage.raw, storage.generation, docs=docs)
        self._shards[name] = shard
        return shard

    def _gone(self, name: str) -> Shard:
        self._shards.pop(name, None)
        return EMPTY

    @contextmanager
    def _gc_paused(self) -> Iterator[None]:
        """Keep the cyclic garbage collector off while reading many small objects (it would
        run dozens of times), and freeze a large index out of its sight before it runs again
        (each full run would walk every summary: a tenth of a second at 100,000)."""
        enabled = gc.isenabled()
        gc.disable()
        try:
            yield
        finally:
            if enabled:
                if sum(shard.count for shard in self._shards.values()) >= FREEZE_AT:
                    gc.freeze()
                gc.enable()

    def _names(self) -> list[str]:
        """Return the file names of the shards that exist now."""
        try:
            with os.scandir(self.folder) as entries:
                return sorted(e.name for e in entries if _is_shard_name(e.name))
        except FileNotFoundError:
            return []
        except OSError as error:
            raise StoreError(f"cannot read {self.folder}: {error.strerror}") from error

    def _all(self) -> dict[str, Shard]:
        """Return every shard as stored now."""
        with self._gc_paused():
            names = self._names()
            if self._cache is None:
                self._cache = load_cache(self.folder) if len(names) > 1 else {}
            shards = {name: self._read(name) for name in names}
        for gone in set(self._shards) - set(shards):
            del self._shards[gone]
        return shards

    def summaries(self) -> list[ArticleSummary]:
        """Return every summary, in the order added.

        A large index is many long-lived small objects, which every full run of Python's
        cyclic garbage collector would walk again (a tenth of a second each at 100,000
        articles); once read, they are moved out of its sight with ``gc.freeze()`` (they
        are still freed by reference counting when dropped). Built in the order added, so
        that walking the list is quick (see :func:`_ordered_summaries`).
        """
        with self._gc_paused():
            return self._summaries()

    def _summaries(self) -> list[ArticleSummary]:
        shards = self._all()
        stamps = tuple(shard.stamp for shard in shards.values())
        if self._ordered is not None and self._ordered[0] == stamps:
            return list(self._ordered[1])
        try:
            ordered = _ordered_summaries(shards.values())
        except (ValueError, TypeError, IndexError, KeyError, AttributeError):  # damaged cache
            self._cache = {}
            for name, shard in shards.items():
                shard.summaries.clear()
                if shard.from_cache:
                    shards[name] = self._read(name, trust_stat=False)
            ordered = _ordered_summaries(shards.values())
        self._ordered = (tuple(shard.stamp for shard in shards.values()), ordered)
        if self._cache is not None and not self.readonly and len(ordered) >= CACHE_AT:
            stale = [name for name in shards if self._cache.get(name) is None]
            stale += [n for n, s in shards.items() if not s.from_cache and n in self._cache]
            if len(stale) >= CACHE_STALE:
                self.save_cache(shards)
        return list(ordered)

    def save_cache(self, shards: Mapping[str, Shard] | None = None) -> None:
        """Write the cache file of the index as it is now (a bulk import calls this), if it
        is large enough to need one."""
        shards = self._all() if shards is None else shards
        if sum(shard.count for shard in shards.values()) < CACHE_AT:
            return
        entries = {name: _entry(shard) for name, shard in shards.items()}
        save_cache(self.folder, entries)
        self._cache = entries

    def records(self) -> list[dict[str, Any]]:
        """Return every summary record, in the order added."""
        pairs = [
            (int(key), doc) for shard in self._all().values() for key, doc in shard.docs.items()
        ]
        pairs.sort(key=lambda pair: (pair[0], str(pair[1].get("id"))))
        return [doc for _, doc in pairs]

    def get(self, article_id: str) -> dict[str, Any] | None:
        """Return the summary record of one article, or None."""
        if not is_article_id(article_id):
            return None
        shard = self._read(shard_name(article_id))
        key = shard.keys.get(article_id)
        return None if key is None else shard.docs.get(key)

    def __len__(self) -> int:
        return sum(len(shard.keys) for shard in self._all().values())

    def changes_since(self, token: ChangeToken | None) -> tuple[ChangeToken, frozenset[str]]:
        """Return a new token and the ids of articles added or written since ``token``.

        With no token, returns the current token and no ids. Costs a listing and a stat
        of the shards, and a read of the shards that changed.
        """
        shards = self._all()
        new = ChangeToken(shards)
        if token is None:
            return new, frozenset()
        changed: set[str] = set()
        for name in set(shards) | set(token.shards):
            old, now = token.shards.get(name, EMPTY), shards.get(name, EMPTY)
            if old.stamp is now.stamp:
                continue
            old_records = {doc.get("id"): doc for doc in old.docs.values()}
            for doc in now.docs.values():
                if old_records.pop(doc.get("id"), None) != doc:
                    changed.add(str(doc.get("id")))
            changed.update(str(aid) for aid in old_records)
        return new, frozenset(changed)

    # -- writing ------------------------------------------------------------------

    def next_order(self) -> int:
        """Return the order number a newly added article gets next (hold the write lock)."""
        orders = (int(key) for shard in self._all().values() for key in shard.keys.values())
        return max(orders, default=0) + 1

    def put(self, record: dict[str, Any]) -> None:
        """Add or replace the summary record of ``record["id"]`` (hold the write lock)."""
        self.put_many([record])

    def put_many(self, records: Iterable[dict[str, Any]], *, bump: bool = True) -> None:
        """Add or replace summary records, writing each shard they touch once (hold the lock).

        A new article gets the next order number. With ``bump`` each record's ``rev`` is
        one more than the stored one (its article file was written); without, a record
        equal to the stored one is left alone. Shards with no change are not written.
        """
        records = list(records)
        shards = {name: self._read(name, trust_stat=False) for name in _shard_names(records)}
        orders: dict[str, str] = {}
        next_order = 0
        for record in records:
            aid = record["id"]
            if aid not in shards[shard_name(aid)].keys and aid not in orders:
                next_order = next_order or self.next_order()
                orders[aid], next_order = str(next_order), next_order + 1
        updates: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        for record in records:
            name = shard_name(record["id"])
            shard = shards[name]
            key = shard.keys.get(record["id"]) or orders[record["id"]]
            old = updates[name].get(key, shard.docs.get(key))
            rev = 0 if old is None else int(old.get("rev", 0))
            new = {**record, "rev": rev + 1 if bump or old is None else rev}
            if bump or old != new:
                updates[name][key] = new
        changed = sorted((name, rows) for name, rows in updates.items() if rows)
        if len(changed) <= BULK_SHARDS:
            for name, rows in changed:
                self._write(name, shards[name], rows)
            return
        # a bulk write: the shards are written without a sync each, then the file system is
        # synced once (a shard cut short by a crash is rebuilt from the article files)
        try:
            with Spares() as spares:  # one temporary file swapped through every shard
                for name, rows in changed:
                    with storage_of(self._db(name)).unsynced(spares):
                        self._write(name, shards[name], rows)
        finally:
            sync_file_system(self.folder)

    def _write(self, name: str, shard: Shard, updates: Mapping[str, dict[str, Any]]) -> None:
        """Write the changed summaries ``updates`` (by doc id) of ``shard`` through TinyDB, in
        one transaction: one atomic write of the shard."""
        replaced = {doc["id"]: doc for key, doc in updates.items() if key in shard.docs}
        added = [Document(doc, doc_id=int(key)) for key, doc in updates.items()]
        added = [doc for doc in added if str(doc.doc_id) not in shard.docs]
        with self._writing(name, updates) as (table, storage):
            if replaced:
                keys = [int(key) for key in updates if key in shard.docs]
                table.update(_replace_from(replaced), doc_ids=keys)
            if added:
                table.insert_multiple(added)
        # what was written is known: the next read need not make the documents again
        written = Shard(storage.raw, storage.generation, docs={**shard.docs, **updates})
        written.keys_from(shard, updates)
        self._shards[name] = written

    @contextmanager
    def _writing(
        self, name: str, changed: Iterable[str] | None
    ) -> Iterator[tuple[Table, AtomicJSONStorage]]:
        """Open shard ``name`` for one write of the doc ids ``changed`` (None: all): the
        table and its storage, written atomically when the block ends (hold the lock)."""
        if self.readonly:
            raise StoreError(f"cannot write {self.folder / name}: the store is opened read-only")
        if not self.folder.is_dir():
            make_dirs(self.folder)
        db = self._db(name)
        storage = storage_of(db)
        lines = self._lines[name]
        with storage.transaction():
            lines.begin(storage.generation, changed)
            yield db.table(TABLE), storage
        lines.written(storage.generation)

    def write_all(self, records: Iterable[dict[str, Any]]) -> None:
        """Replace the whole index with ``records`` (in order), e.g. when migrating a store."""
        by_shard: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        for order, record in enumerate(records, start=1):
            by_shard[shard_name(record["id"])][str(order)] = {"rev": 1, **record}
        for name, docs in sorted(by_shard.items()):
            self.replace_shard(name, docs)

    # -- repairing (the article files are the truth) ------------------------------------

    def docs_of(self, name: str) -> dict[str, dict[str, Any]]:
        """Return the documents of shard ``name`` as stored now, by doc id (shared: never
        mutate); :class:`DamagedShard` when the file is damaged."""
        return self._read(name, trust_stat=False).docs

    def names(self) -> list[str]:
        """Return the file names of the shards that exist now."""
        return self._names()

    def free_orders(self, count: int, name: str, taken: Iterable[int]) -> list[int]:
        """Return ``count`` order numbers for rows to add to shard ``name``, which keeps the
        orders ``taken``: first the numbers no shard holds (those of lost rows, so rebuilt
        rows go back where they were), then numbers past the last."""
        used = set(taken)
        for other in self._names():
            if other != name:
                with contextlib.suppress(DamagedShard):
                    used.update(int(key) for key in self._read(other).keys.values())
        last = max(used, default=0)
        gaps = [order for order in range(1, last + 1) if order not in used][:count]
        return gaps + list(range(last + 1, last + 1 + count - len(gaps)))

    def replace_shard(self, name: str, docs: Mapping[str, dict[str, Any]]) -> None:
        """Write shard ``name`` holding exactly ``docs`` (hold the lock); a damaged file is
        moved aside first by the caller."""
        with self._writing(name, None) as (table, _):
            table.truncate()
            table.insert_multiple(Document(doc, doc_id=int(key)) for key, doc in docs.items())

    def hold(self, damaged: DamagedShard, docs: dict[str, dict[str, Any]]) -> None:
        """Read shard ``damaged`` as ``docs`` while its file keeps the damaged bytes (a
        read-only store rebuilds it in memory only)."""
        self._held[damaged.path.name] = Shard(damaged.raw, None, docs=docs)


class _ShardLines:
    """Writes a shard, one summary a line (as :func:`dump_json` with indent 1 and depth 2
    lays it out), reusing the line written last time for every summary the write does not
    change: only the changed ones are encoded again.

    The lines kept are trusted only while the storage holds what was written last
    (:meth:`begin` is given its generation): after another process's write they are dropped.
    """

    def __init__(self) -> None:
        self._lines: dict[str, str] = {}
        self._changed: frozenset[str] | None = None
        self._generation: int | None = None

    def begin(self, generation: int, changed: Iterable[str] | None) -> None:
        """Start a write of the doc ids ``changed`` (None: all) on the storage's content of
        ``generation``."""
        if generation != self._generation:
            self._lines = {}
        self._changed = None if changed is None else frozenset(changed)

    def written(self, generation: int) -> None:
        """The write ended: the storage's content is now of ``generation``."""
        self._generation = generation
        self._changed = None

    def __call__(self, data: dict[str, Any]) -> bytes:
        if set(data) != {TABLE} or not data[TABLE]:
            self._lines = {}
            return dump_json(data, INDENT, DEPTH)
        old, changed = self._lines, self._changed
        lines: dict[str, str] = {}
        for key, doc in data[TABLE].items():
            line = old.get(key) if changed is not None and key not in changed else None
            lines[key] = line if line is not None else encode_json(doc)
        self._lines = lines
        body = ",\n  ".join(f'"{key}": {line}' for key, line in lines.items())
        return f'{{\n "{TABLE}": {{\n  {body}\n }}\n}}'.encode()


def _replace_from(new: Mapping[str, dict[str, Any]]) -> Callable[[dict[str, Any]], None]:
    """A TinyDB update that makes each summary the one of its article in ``new``."""

    def replace(doc: dict[str, Any]) -> None:
        fresh = new[doc["id"]]
        doc.clear()
        doc.update(fresh)

    return replace


def _check_shard(data: Any) -> None:
    """Raise ``ValueError`` unless ``data`` holds readable summaries (:class:`_NewerIndex`
    when one was written by a newer annotui)."""
    try:
        check_index_file(data)
    except ValueError as error:
        if _newer(data):
            raise _NewerIndex(str(error)) from error
        raise


def _classified(path: Path, error: StoreError) -> StoreError:
    """Return the error of a shard that cannot be read: :class:`DamagedShard` for damage,
    the error itself for a newer annotui's shard or a file that cannot be opened."""
    if not isinstance(error, UnreadableFile) or isinstance(error.__cause__, _NewerIndex):
        return error
    return DamagedShard(path, error.problem, read_bytes(path) or b"")


def _newer(data: dict[str, Any]) -> bool:
    """True when a record of shard ``data`` has a schema version newer than this annotui's."""
    versions = (doc.get("schema_version") for table in data.values() for doc in table.values())
    return any(type(v) is int and v > RECORD_VERSION for v in versions)


def _is_shard_name(name: str) -> bool:
    stem, dot, ext = name.partition(".")
    return dot == "." and ext == "json" and len(stem) == PREFIX and not set(stem) - set(_HEX)


_HEX = "0123456789abcdef"


def _shard_names(records: Iterable[Mapping[str, Any]]) -> list[str]:
    return sorted({shard_name(record["id"]) for record in records})


def _unchanged(signature: Signature, known: Shard) -> bool:
    """True when a shard taken from the cache is still what its file holds: the same stat
    signature, old enough that a second write could not hide behind it."""
    return signature == known.signature and signature[2] < known.read_ns - RACY_NS


def _ordered_summaries(shards: Iterable[Shard]) -> list[ArticleSummary]:
    """Return the summaries of ``shards`` in the order added, building the missing ones.

    They are built in that order, so consecutive summaries sit close together in memory:
    walking the list later (every list and filter does) then costs a third of the time.
    """
    done: list[tuple[int, str, ArticleSummary]] = []
    pending: list[tuple[int, str, Shard, Any]] = []
    for shard in shards:
        if shard.summaries:
            done += [(order, summary.id, summary) for order, summary in shard.summaries]
        else:
            pending += shard.pending()
    pending.sort(key=itemgetter(0))
    for order, aid, shard, item in pending:
        summary = summary_of(item) if type(item) is list else summary_from_record(item)
        shard.summaries.append((order, summary))
        done.append((order, aid, summary))
    if len(done) > len(pending):
        done.sort(key=itemgetter(0))
    return [summary for _, _, summary in done]


def _cached(path: Path, entry: Any, signature: Signature) -> Shard | None:
    """Return the shard of a cache entry if the file still holds the bytes it was made from
    (read and hashed: no time stamp is trusted); else None."""
    raw = read_bytes(path)
    try:
        size, digest, rows = entry
        if raw is None or size != len(raw) or digest != digest_of(raw) or type(rows) is not list:
            return None
    except (TypeError, ValueError):
        return None
    return Shard(raw, None, rows=rows, signature=signature, read_ns=time.time_ns())


def _entry(shard: Shard) -> Entry:
    raw = shard.raw or b""
    return (len(raw), digest_of(raw), shard.rows())
