"""Crash-safe JSON files: a TinyDB storage that re-reads on every operation and writes atomically.

A write goes to a temporary file in the same folder, is flushed and fsynced, replaces
the old file with ``os.replace`` and is made durable by fsyncing the folder. A reader
therefore always sees a whole file, old or new, even after the writer is killed.
Files are created owner-only (``0o600``), folders ``0o700``, unless ``ANNOTUI_STORE_MODE``
says otherwise (store/permissions.py).

A file that cannot be read (not UTF-8, not JSON, cut short, or refused by the
caller's ``check``) raises :class:`StoreError` naming it; since TinyDB reads before
every write, such a file is never overwritten.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from store.errors import StoreError
from store.permissions import DEFAULT_FILE_MODE, dir_mode, file_mode

FILE_MODE = DEFAULT_FILE_MODE
"""Default mode of every file the store creates (see store/permissions.py)."""
DIR_MODE = 0o700
"""Default mode of every folder the store creates."""
TEMP_SUFFIX = ".tmp"
"""Suffix of the temporary files written next to their target."""

Check = Callable[[Any], None]
"""Validates decoded JSON; raises ``ValueError`` with a short description of the problem."""

_LEFT_ALONE = "annotui has left it unchanged; repair it, restore it from a backup or move it away"


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


def atomic_write_bytes(path: Path, data: bytes, *, sync_dir: bool = True) -> None:
    """Replace the file at ``path`` with ``data`` so that a crash leaves the old or the new file.

    Without ``sync_dir`` the caller makes the rename durable with :func:`fsync_dir` later
    (bulk imports sync each folder once).
    """
    folder = path.parent
    mode = file_mode()
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=folder)
    except OSError as error:
        raise StoreError(f"cannot write {path}: {error.strerror}") from error
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        if isinstance(error, OSError):
            raise StoreError(f"cannot write {path}: {error.strerror}") from error
        raise
    if sync_dir:
        fsync_dir(folder)


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


encode_json: Callable[[Any], str] = json.JSONEncoder(ensure_ascii=False).encode
"""Return a value as one line of JSON (non-ASCII kept as is)."""


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
        if isinstance(value, dict):
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
    """Return the decoded JSON ``raw`` read from ``path``; errors as :func:`read_json`."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise StoreError(
            f"cannot read {path}: it is not UTF-8 text (byte {error.start}); {_LEFT_ALONE}"
        ) from error
    if not text.strip():
        raise StoreError(f"cannot read {path}: it is empty; {_LEFT_ALONE}")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        if error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string"):
            problem = f"it is cut short (truncated after {len(raw)} bytes)"
        else:
            where = f"line {error.lineno} column {error.colno}"
            problem = f"it is not valid JSON ({error.msg}: {where})"
        raise StoreError(f"cannot read {path}: {problem}; {_LEFT_ALONE}") from error
    if check is not None:
        try:
            check(data)
        except ValueError as error:
            raise StoreError(f"cannot read {path}: {error}; {_LEFT_ALONE}") from error
    return data


def check_tinydb_shape(data: Any) -> None:
    """Raise ``ValueError`` unless ``data`` is TinyDB's layout: tables of documents by id."""
    if not isinstance(data, dict):
        raise ValueError("it does not hold TinyDB tables (top level is not an object)")
    for name, table in data.items():
        if not isinstance(table, dict) or not all(isinstance(d, dict) for d in table.values()):
            raise ValueError(f"its table {name!r} is not an object of documents")


class AtomicJSONStorage(Storage):
    """TinyDB storage over one JSON file: re-read on every operation, replaced atomically on write.

    No caching: every TinyDB operation sees what other processes wrote last, so callers
    that hold the store's lock around read-modify-write never lose an update.
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
    ) -> None:
        """Open ``path`` (it need not exist yet); ``check`` validates each read beyond its shape.

        ``indent``, ``depth`` and ``table_depths`` lay the file out as :func:`dump_json` does.
        """
        super().__init__()
        self.path = Path(path)
        self.readonly = readonly
        self._check = check
        self._indent = indent
        self._depth = depth
        self._table_depths = dict(table_depths or {})

    def _validate(self, data: Any) -> None:
        check_tinydb_shape(data)
        if self._check is not None:
            self._check(data)

    def read(self) -> dict[str, dict[str, Any]] | None:
        """Return all tables as stored now; None when the file does not exist yet."""
        return read_json(self.path, self._validate)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Replace the file with ``data``: durable when this returns."""
        if self.readonly:
            raise StoreError(f"cannot write {self.path}: the store is opened read-only")
        atomic_write_bytes(
            self.path, dump_json(data, self._indent, self._depth, self._table_depths)
        )
