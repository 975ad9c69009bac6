"""Crash-safe JSON files, and the TinyDB storage the store opens its files with.

A write goes to a temporary file in the same folder, is flushed and fsynced, replaces
the old file with ``os.replace`` and is made durable by fsyncing the folder. A reader
therefore always sees a whole file, old or new, even after the writer is killed.
Files are created owner-only (``0o600``), folders ``0o700``, unless ``ANNOTUI_STORE_MODE``
says otherwise (store/permissions.py). Files are laid out one item a line
(:func:`dump_json`), so they diff well and stay quick to write.

:class:`AtomicJSONStorage` is a TinyDB storage doing all this: article files and journals
are opened as ``TinyDB(path, storage=AtomicJSONStorage, …)`` (store/article_files.py) and
stay readable by plain ``TinyDB(path)``. It keeps the tables it read while the file is
unchanged and always sees another process's write.

A file that cannot be read (not UTF-8, not JSON, cut short, or refused by the
caller's ``check``) raises :class:`StoreError` naming it; since TinyDB reads before
every write, such a file is never overwritten.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, cast

from tinydb import TinyDB
from tinydb.storages import Storage

from store.errors import StoreError, UnreadableFile
from store.permissions import DEFAULT_FILE_MODE, dir_mode, file_mode
from store.swap_files import Spares, exchange

FILE_MODE = DEFAULT_FILE_MODE
"""Default mode of every file the store creates (see store/permissions.py)."""
DIR_MODE = 0o700
"""Default mode of every folder the store creates."""
TEMP_SUFFIX = ".tmp"
"""Suffix of the temporary files written next to their target."""

Check = Callable[[Any], None]
"""Validates decoded JSON; raises ``ValueError`` with a short description of the problem."""

RACY_NS = 2_000_000_000
"""A file whose modification time is this close to the time it was read may be written again
without its stat signature changing (coarse time stamps): its bytes are compared instead."""
Signature = tuple[int, int, int, int]
"""Inode, size, modification and change times (ns) of a file."""


def fsync_dir(path: Path) -> None:
    """Make the entries of folder ``path`` (new, renamed or removed files) durable."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_dirs(path: Path) -> None:
    """Create ``path`` and its missing parents (mode ``0o700``), each made durable in its parent."""
    missing: list[Path] = []
    mode = dir_mode()
    current = path
    while not current.exists():
        missing.append(current)
        current = current.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=mode)
            os.chmod(folder, mode)  # mkdir's mode is cut by the umask
        except FileExistsError:
            continue
        except OSError as error:
            raise StoreError(f"cannot create folder {folder}: {error.strerror}") from error
        fsync_dir(folder.parent)


def atomic_write_bytes(
    path: Path,
    data: bytes,
    *,
    sync_dir: bool = True,
    sync_file: bool = True,
    spares: Spares | None = None,
) -> None:
    """Replace the file at ``path`` with ``data`` so that a crash leaves the old or the new file.

    Without ``sync_dir`` the caller makes the rename durable with :func:`fsync_dir` later
    (bulk imports sync each folder once). Without ``sync_file`` the bytes are not synced
    before the rename: only for files rebuilt when found damaged (the index's shards), whose
    writer syncs the whole file system after a bulk write. With ``spares`` the bytes go into
    a spare temporary file when there is one and are swapped in
    (:mod:`store.swap_files`): the old file becomes the next spare.
    """
    folder = path.parent
    try:
        fd, temp_name = open_temp_file(path, spares)
    except OSError as error:
        raise StoreError(f"cannot write {path}: {error.strerror}") from error
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.truncate()  # a spare held a longer old version
            handle.flush()
            if sync_file:
                os.fsync(handle.fileno())
        if spares is not None and exchange(temp_name, path):
            spares.put(temp_name)
        else:
            os.replace(temp_name, path)
    except BaseException as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        if isinstance(error, OSError):
            raise StoreError(f"cannot write {path}: {error.strerror}") from error
        raise
    if sync_dir:
        fsync_dir(folder)


def open_temp_file(path: Path, spares: Spares | None, mode: int | None = None) -> tuple[int, str]:
    """A temporary file to write ``path``'s new bytes into, opened for writing: a spare when
    ``spares`` has one (written over from its start), else a new one with the store's file
    mode (or ``mode``), in the spares' folder or beside ``path``."""
    spare = spares.open() if spares is not None else None
    if spare is not None:
        return spare
    folder = spares.folder_for(path) if spares is not None else path.parent
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=folder)
    try:
        os.fchmod(fd, file_mode() if mode is None else mode)
    except BaseException:
        os.close(fd)
        os.unlink(name)
        raise
    return fd, name


def dump_json(
    data: Any,
    indent: int | None = None,
    depth: int | None = None,
    table_depths: Mapping[str, int] | None = None,
    encode: Callable[[Any], str] | None = None,
) -> bytes:
    """Return ``data`` as UTF-8 JSON (non-ASCII kept as is).

    With ``indent``, objects and arrays are laid out one member a line down to nesting
    ``depth`` (all the way when None); deeper values are written on one line each, by
    the fast C encoder, so a file of many small items stays quick to write and still
    diffs one item a line. ``table_depths`` gives other depths to some members of the
    top-level object (TinyDB tables). ``encode`` writes the one-line values (default: the
    C encoder), e.g. reusing the text of values written before.
    """
    if indent is None or depth is None:
        return json.dumps(data, ensure_ascii=False, indent=indent).encode("utf-8")
    layout = _Layout(indent, encode or encode_json)
    return layout(data, depth, 0, table_depths or {}).encode("utf-8")


def _not_json(value: Any) -> Any:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


_encoder = (
    json.encoder.c_make_encoder(  # type: ignore[attr-defined]
        None, _not_json, json.encoder.c_encode_basestring, None, ": ", ", ", False, False, True
    )
    if json.encoder.c_make_encoder is not None  # type: ignore[attr-defined]
    else None
)


def encode_json(value: Any) -> str:
    """Return a value as one line of JSON (non-ASCII kept as is): what
    ``json.dumps(value, ensure_ascii=False)`` gives, from one C encoder made once (``dumps``
    makes a new one at each call, which costs more than encoding a small value)."""
    if _encoder is None or isinstance(value, float):
        return json.dumps(value, ensure_ascii=False)
    return "".join(_encoder(value, 0))


class _Layout:
    def __init__(self, indent: int, encode: Callable[[Any], str]) -> None:
        self.indent = indent
        self.encode = encode

    def __call__(
        self, value: Any, depth: int, level: int, overrides: Mapping[str, int] | None = None
    ) -> str:
        """Return ``value`` as JSON, one member a line while ``level`` is below ``depth``."""
        if level >= depth or not isinstance(value, dict | list) or not value:
            return self.encode(value)
        inner = "\n" + " " * (self.indent * (level + 1))
        if isinstance(value, dict) and level + 1 >= depth and not overrides:
            encode = self.encode  # the last level laid out: each member's value on its line
            members = [f"{encode_json(str(key))}: {encode(item)}" for key, item in value.items()]
            brackets = "{}"
        elif isinstance(value, dict):
            depths = overrides or {}
            members = [
                f"{encode_json(str(key))}: {self(item, depths.get(key, depth), level + 1)}"
                for key, item in value.items()
            ]
            brackets = "{}"
        else:
            members = [self(item, depth, level + 1) for item in value]
            brackets = "[]"
        outer = "\n" + " " * (self.indent * level)
        return brackets[0] + inner + ("," + inner).join(members) + outer + brackets[1]


def file_signature(path: Path) -> Signature | None:
    """Return the stat signature of the file at ``path``, None when there is no such file."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StoreError(f"cannot read {path}: {error.strerror}") from error
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def read_json(path: Path, check: Check | None = None) -> Any | None:
    """Return the decoded JSON file at ``path``, or None if there is no such file.

    Raises :class:`StoreError` naming the file when it is empty, cut short, not UTF-8,
    not JSON, or refused by ``check``.
    """
    raw = read_bytes(path)
    return None if raw is None else parse_json(path, raw, check)


def read_bytes(path: Path) -> bytes | None:
    """Return the bytes of the file at ``path``, or None if there is no such file."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StoreError(f"cannot read {path}: {error.strerror}") from error


def parse_json(path: Path, raw: bytes, check: Check | None = None) -> Any:
    """Return the decoded JSON ``raw`` read from ``path``; errors as :func:`read_json`
    (:class:`~store.errors.UnreadableFile`)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UnreadableFile(path, f"it is not UTF-8 text (byte {error.start})") from error
    if not text.strip():
        raise UnreadableFile(path, "it is empty")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        if error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string"):
            problem = f"it is cut short (truncated after {len(raw)} bytes)"
        else:
            where = f"line {error.lineno} column {error.colno}"
            problem = f"it is not valid JSON ({error.msg}: {where})"
        raise UnreadableFile(path, problem) from error
    if check is not None:
        try:
            check(data)
        except ValueError as error:
            raise UnreadableFile(path, str(error)) from error
    return data


def check_tinydb_shape(data: Any) -> None:
    """Raise ``ValueError`` unless ``data`` is TinyDB's layout: tables of documents by id."""
    if not isinstance(data, dict):
        raise ValueError("it does not hold TinyDB tables (top level is not an object)")
    for name, table in data.items():
        if not isinstance(table, dict) or not all(isinstance(d, dict) for d in table.values()):
            raise ValueError(f"its table {name!r} is not an object of documents")


class AtomicJSONStorage(Storage):
    """TinyDB storage over one JSON file: cached while the file is unchanged, replaced atomically.

    Open a file with ``TinyDB(path, storage=AtomicJSONStorage, check=…, indent=…)``; the
    keywords go to this storage. The cache lives here, not in a TinyDB ``Middleware``,
    because deciding that the file is unchanged takes its stat signature and its bytes,
    which only the storage sees, and a write knows both without reading the file again.

    :meth:`read` returns the tables parsed last while the file's stat signature is the one
    seen and old enough that a second write could not hide behind it (the "racy file" rule
    of git), else while its bytes are the ones parsed: another process's write is always
    seen. Each read hands out a new top-level dict (TinyDB replaces tables in it before it
    writes), so the cache never holds a change that was not written; a failed write drops
    the cache all the same (a document TinyDB changed in place). :attr:`generation` tells
    the caller whether the content changed since it last looked. :meth:`transaction` makes
    several TinyDB operations read the file once and write it once.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        readonly: bool = False,
        check: Check | None = None,
        indent: int | None = None,
        depth: int | None = None,
        table_depths: Mapping[str, int] | None = None,
        encode: Callable[[Any], str] | None = None,
        dump: Callable[[dict[str, Any]], bytes] | None = None,
        sync_dir: bool = True,
    ) -> None:
        """Open ``path`` (it need not exist yet); ``check`` validates each read beyond its shape.

        ``indent``, ``depth``, ``table_depths`` and ``encode`` lay the file out as
        :func:`dump_json` does; ``dump`` replaces all of that (the index writes its shards
        from the lines it kept). Without ``sync_dir`` the caller makes a new file's name
        durable with :func:`fsync_dir` (bulk imports sync each folder once).
        """
        super().__init__()
        self.path = Path(path)
        self.readonly = readonly
        self._check = check
        self._layout = (indent, depth, dict(table_depths or {}), encode)
        self._dump = dump
        self._sync_dir = sync_dir
        self._sync_file = True
        self._spares: Spares | None = None
        self._lock = threading.RLock()
        self._data: dict[str, Any] | None = None
        self._raw: bytes | None = None
        self._signature: Signature | None = None
        self._read_ns = 0
        self._pending: list[dict[str, Any] | None] | None = None
        self._dirty = False
        self.generation = 0
        """Changes whenever the content :meth:`read` returns does (a write, another process's
        write, the file removed)."""

    @property
    def size(self) -> int:
        """Bytes of the file as last read or written (0 when there is none)."""
        return 0 if self._raw is None else len(self._raw)

    @property
    def raw(self) -> bytes | None:
        """The file's bytes as last read or written (None when there is none)."""
        return self._raw

    def _validate(self, data: Any) -> None:
        check_tinydb_shape(data)
        if self._check is not None:
            self._check(data)

    def read(self) -> dict[str, dict[str, Any]] | None:
        """Return all tables as stored now; None when the file does not exist yet."""
        with self._lock:
            if self._pending is not None:
                return self._pending[0]
            data = self._refresh()
            return None if data is None else dict(data)

    def _refresh(self) -> dict[str, Any] | None:
        """Return the cached tables, parsing the file again when it changed."""
        read_ns = time.time_ns()
        signature = file_signature(self.path)
        raw: bytes | None = None
        if self._data is not None and signature == self._signature:
            assert signature is not None
            if signature[2] < self._read_ns - RACY_NS:
                return self._data
            raw = read_bytes(self.path)
            if raw == self._raw:
                self._read_ns = read_ns
                return self._data
        if signature is not None and raw is None:
            raw = read_bytes(self.path)
        if raw is None:
            if self._data is not None:
                self._forget()
            return None
        data = parse_json(self.path, raw, self._validate)
        self._keep(data, raw, signature, read_ns)
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Replace the file with ``data``: durable when this returns (inside a
        :meth:`transaction`, when it ends). Writers take turns (the store's lock): the file's
        signature kept is the one after the rename."""
        if self.readonly:
            raise StoreError(f"cannot write {self.path}: the store is opened read-only")
        with self._lock:
            if self._pending is not None:
                self._pending[0] = data
                self._dirty = True
                return
            self._write(data)

    def _write(self, data: dict[str, Any]) -> None:
        try:
            raw = self._dump(data) if self._dump else dump_json(data, *self._layout)
            read_ns = time.time_ns()
            atomic_write_bytes(
                self.path,
                raw,
                sync_dir=self._sync_dir,
                sync_file=self._sync_file,
                spares=self._spares,
            )
        except BaseException:
            self._forget()
            raise
        self._keep(data, raw, file_signature(self.path), read_ns)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Make the TinyDB operations inside see the file as read once, and write it once
        (atomically, durably) at the end; nothing is written when the block raises. Other
        threads wait for it to end."""
        with self._lock:
            if self._pending is not None:  # nested: part of the outer one
                yield
                return
            data = self._refresh()
            self._pending = [None if data is None else dict(data)]
            self._dirty = False
            try:
                yield
                if self._dirty:
                    written = self._pending[0]
                    assert written is not None
                    self._write(written)
            except BaseException:
                if self._dirty:
                    self._forget()  # TinyDB may have changed cached documents in place
                raise
            finally:
                self._pending = None

    @contextlib.contextmanager
    def syncing_dir(self, sync: bool) -> Iterator[None]:
        """Within the block, sync the folder after each write only if ``sync`` (a bulk
        writer that syncs each folder once passes False)."""
        with self._lock:
            kept, self._sync_dir = self._sync_dir, sync and self._sync_dir
            try:
                yield
            finally:
                self._sync_dir = kept

    @contextlib.contextmanager
    def unsynced(self, spares: Spares | None = None) -> Iterator[None]:
        """Within the block, write without syncing the file or its folder: the caller syncs
        the file system after (:func:`store.bulk_writes.sync_file_system`); with ``spares``,
        into a spare temporary file swapped in (:func:`atomic_write_bytes`)."""
        with self._lock:
            kept = self._sync_dir, self._sync_file, self._spares
            self._sync_dir = self._sync_file = False
            self._spares = spares
            try:
                yield
            finally:
                self._sync_dir, self._sync_file, self._spares = kept

    def _keep(
        self, data: dict[str, Any], raw: bytes, signature: Signature | None, read_ns: int
    ) -> None:
        self._data, self._raw, self._signature, self._read_ns = data, raw, signature, read_ns
        self.generation += 1

    def _forget(self) -> None:
        self._data = self._raw = self._signature = None
        self.generation += 1


def storage_of(db: TinyDB) -> AtomicJSONStorage:
    """Return the storage of a TinyDB opened with ``storage=AtomicJSONStorage``."""
    return cast(AtomicJSONStorage, db.storage)
