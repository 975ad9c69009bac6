"""The article index: summaries of every article in 256 small TinyDB files, ``index/<xx>.json``.

An article's summary lives in the shard named by the first two hex digits of its id,
so an edit rewrites one shard of about 1/256 of the corpus's summaries, however large
the corpus grows. Each shard is in TinyDB's layout (``TinyDB(path).table("articles")``
reads it); the doc id of a summary is its place in the order articles were added,
unique across the shards. Each summary carries ``rev``, bumped whenever its article
file is written, which :meth:`SummaryIndex.changes_since` uses to name the articles
another process changed.

Reading: every shard's parse is kept and reused while the file is unchanged. A file
is trusted unchanged when its stat signature (inode, size, times) equals the one read
and it is old enough that a second write within the file system's time granularity
could not hide behind the same signature (the "racy file" rule of git); otherwise its
bytes are read and compared. The write path (under the store's lock) always reads the
bytes. Callers hold the store's write lock around :meth:`SummaryIndex.put_many`.

A large index (:data:`CACHE_AT` summaries) also keeps ``index/.cache``, every summary in
one ``marshal`` file checked against the shards' bytes (store/index_cache.py), and reading
every summary pauses the garbage collector and then freezes them out of its sight: so
the app lists 100,000 articles within a second.
"""

from __future__ import annotations

import contextlib
import gc
import os
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

from store.atomic_storage import (
    atomic_write_bytes,
    check_tinydb_shape,
    encode_json,
    make_dirs,
    parse_json,
    read_bytes,
)
from store.errors import LEFT_ALONE, StoreError
from store.index_cache import Entry, Row, digest_of, doc_of, row_of, summary_of
from store.index_cache import load as load_cache
from store.index_cache import save as save_cache
from store.records import RECORD_VERSION, check_index_file, summary_from_record
from store.values import ArticleSummary, is_article_id

INDEX_DIR = "index"
"""Folder of the index shards inside the store folder."""
TABLE = "articles"
"""Name of the table in every shard."""
PREFIX = 2
"""Hex digits of the article id naming its shard: 256 shards."""
INDENT = 1
"""Shards are written one summary a line, so they diff well under version control."""
RACY_NS = 2_000_000_000
"""A file changed this recently (ns) is re-read even when its stat signature is unchanged."""

CACHE_AT = 10_000
"""Summaries from which the index keeps its cache file (store/index_cache.py)."""
CACHE_STALE = 16
"""Shards changed since the cache was written from which opening the store writes it anew
(fewer are parsed from their files at each open: a millisecond each)."""
FREEZE_AT = 10_000
"""Summaries from which reading them all ends with ``gc.freeze()`` (see :meth:`summaries`)."""

Signature = tuple[int, int, int, int]
"""Inode, size, modification and change time of a file (ns)."""


def shard_name(article_id: str) -> str:
    """Return the file name of the shard holding an article's summary."""
    return f"{article_id[:PREFIX]}.json"


class Shard:
    """One shard as read: from its file (``raw``, ``docs``) or from the cache (``rows``).

    Two reads of unchanged contents share one ``stamp``; the documents of a shard known
    from the cache only are made from its rows when first asked for.
    """

    def __init__(
        self,
        raw: bytes | None,
        signature: Signature | None,
        read_ns: int,
        *,
        docs: dict[str, dict[str, Any]] | None = None,
        rows: list[Row] | None = None,
        like: Shard | None = None,
    ) -> None:
        self.raw = raw
        self.signature = signature
        self.read_ns = read_ns
        self._docs = docs if like is None else like._docs
        self._rows = rows if like is None else like._rows
        self._keys: dict[str, str] | None = None if like is None else like._keys
        self.stamp: object = object() if like is None else like.stamp
        self.summaries: list[tuple[int, ArticleSummary]] = [] if like is None else like.summaries
        """Filled once, on the first :meth:`SummaryIndex.summaries` after the read."""
        self.texts: dict[str, str] = {} if like is None else like.texts
        """The JSON line of each document, by doc id, once encoded (reused by later writes)."""

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


EMPTY = Shard(None, None, 0, docs={})
"""No shard file (a file of zero bytes is a damaged shard, not this)."""


class DamagedShard(StoreError):
    """An index shard that is empty, cut short, not JSON or not an index: its rows are lost
    and must be rebuilt from the article files (``Store`` does so) before it is written."""

    def __init__(self, path: Path, problem: str, raw: bytes, signature: Signature | None) -> None:
        super().__init__(f"cannot read index shard {path}: {problem}")
        self.path = path
        self.problem = problem
        """What is wrong with it, e.g. ``it is empty``."""
        self.raw = raw
        self.signature = signature


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
        self._shards: dict[str, Shard] = {}
        self._ordered: tuple[tuple[object, ...], list[ArticleSummary]] | None = None
        self._cache: dict[str, Entry] | None = None
        """The cache file's shards, loaded on the first read of every shard."""

    @property
    def path(self) -> Path:
        """The folder of the shards."""
        return self.folder

    # -- reading ------------------------------------------------------------------

    def _read(self, name: str, *, trust_stat: bool = True) -> Shard:
        """Return shard ``name`` as stored now, reusing the last parse when unchanged."""
        path = self.folder / name
        known = self._shards.get(name)
        signature = _signature(path)
        if signature is None:
            self._shards.pop(name, None)
            return EMPTY
        if known is None and trust_stat and self._cache:  # the write path parses the file
            known = _cached(path, self._cache.get(name), signature)
            if known is not None:
                self._shards[name] = known
                return known
        known = known or EMPTY
        if trust_stat and signature == known.signature and signature[2] < known.read_ns - RACY_NS:
            return known
        read_ns = time.time_ns()
        raw = read_bytes(path)
        if raw is None:
            self._shards.pop(name, None)
            return EMPTY
        if raw == known.raw:
            shard = Shard(raw, signature, read_ns, like=known)
        else:
            shard = self._parse(path, raw, signature, read_ns)
        self._shards[name] = shard
        return shard

    def _parse(self, path: Path, raw: bytes, signature: Signature | None, read_ns: int) -> Shard:
        try:
            data = parse_json(path, raw, check_tinydb_shape)
        except StoreError as error:
            raise DamagedShard(path, _problem(path, str(error)), raw, signature) from error
        try:
            check_index_file(data)
        except ValueError as error:
            if _newer(data):  # written by a newer annotui: not ours to rebuild
                raise StoreError(f"cannot read {path}: {error}; {LEFT_ALONE}") from error
            raise DamagedShard(path, str(error), raw, signature) from error
        return Shard(raw, signature, read_ns, docs=data.get(TABLE, {}))

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
        for name, changed in sorted(updates.items()):
            if changed:
                self._write(name, shards[name], changed)

    def _write(self, name: str, shard: Shard, updates: Mapping[str, dict[str, Any]]) -> None:
        if self.readonly:
            raise StoreError(f"cannot write {self.folder / name}: the store is opened read-only")
        docs = {**shard.docs, **updates}
        known = shard.texts
        if len(known) != len(shard.docs):
            known = _texts_of(shard) or {key: encode_json(doc) for key, doc in shard.docs.items()}
        texts = {**known, **{key: encode_json(doc) for key, doc in updates.items()}}
        raw = _layout(texts)
        if not self.folder.is_dir():
            make_dirs(self.folder)
        path = self.folder / name
        atomic_write_bytes(path, raw)
        written = Shard(raw, _signature(path), time.time_ns(), docs=docs)
        written.texts = texts
        self._shards[name] = written

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
        self._write(name, EMPTY, dict(docs))

    def hold(self, damaged: DamagedShard, docs: dict[str, dict[str, Any]]) -> None:
        """Read shard ``damaged`` as ``docs`` while its file keeps the damaged bytes (a
        read-only store rebuilds it in memory only)."""
        self._shards[damaged.path.name] = Shard(damaged.raw, damaged.signature, 0, docs=docs)

    def write_all(self, records: Iterable[dict[str, Any]]) -> None:
        """Replace the whole index with ``records`` (in order), e.g. when migrating a store."""
        by_shard: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        for order, record in enumerate(records, start=1):
            by_shard[shard_name(record["id"])][str(order)] = {"rev": 1, **record}
        for name, docs in sorted(by_shard.items()):
            self._write(name, EMPTY, docs)


def _problem(path: Path, message: str) -> str:
    """Return what is wrong with a file from the one-line error that names it."""
    return message.removeprefix(f"cannot read {path}: ").split(f"; {LEFT_ALONE}")[0]


def _layout(texts: Mapping[str, str]) -> bytes:
    """Return a shard's bytes: TinyDB's layout, one document a line (as ``dump_json`` with
    indent 1 and depth 2 lays it out), from the documents' JSON lines."""
    if not texts:
        return f'{{\n "{TABLE}": {{}}\n}}'.encode()
    body = ",\n  ".join(f'"{key}": {text}' for key, text in texts.items())
    return f'{{\n "{TABLE}": {{\n  {body}\n }}\n}}'.encode()


def _texts_of(shard: Shard) -> dict[str, str] | None:
    """Return the JSON line of each document cut from a shard file laid out by :func:`_layout`,
    or None when the file is laid out otherwise (then every document is encoded again)."""
    if shard.raw is None:
        return None
    try:
        lines = shard.raw.decode("utf-8").split("\n")
    except UnicodeDecodeError:
        return None
    body = lines[2:-2]
    if len(body) != len(shard.docs) or lines[-2:] != [" }", "}"]:
        return None
    texts: dict[str, str] = {}
    for key, line in zip(shard.docs, body, strict=True):
        prefix = f'  "{key}": '
        if not line.startswith(prefix):
            return None
        texts[key] = line[len(prefix) :].removesuffix(",")
    return texts


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


def _signature(path: Path) -> Signature | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StoreError(f"cannot read {path}: {error.strerror}") from error
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


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
    return Shard(raw, signature, time.time_ns(), rows=rows)


def _entry(shard: Shard) -> Entry:
    raw = shard.raw or b""
    return (len(raw), digest_of(raw), shard.rows())
