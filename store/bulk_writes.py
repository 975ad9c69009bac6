"""Many files written atomically and durably at once, their waits on the disk overlapped.

A bulk write (:meth:`store.Store.reannotate_many`) makes one article file after another. Each
costs a create, a write, an ``fsync`` and a rename; on this machine's disk those system calls
take about as long as the Python work of making the file's bytes, and they release the GIL.
So :class:`DurableWrites` writes each file's bytes to a temporary file in a thread while the
caller makes the next one; :meth:`DurableWrites.finish` then puts them all on the disk with
one ``syncfs(2)`` of the file system (on Linux; elsewhere each file is synced, by threads),
swaps each with its file (:mod:`store.swap_files`: the old file becomes a spare temporary
file that a later write goes into, so no inode is made or freed per file; renamed over it
where the file system cannot swap) and syncs each folder once. A crash leaves each file old
or new, never torn: a file is put in place only once its bytes are on the disk, as
:func:`~store.atomic_storage.atomic_write_bytes` does for one file.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from pathlib import Path
from types import TracebackType
from typing import Self, TypeVar, cast

from store.atomic_storage import fsync_dir, open_temp_file
from store.errors import StoreError
from store.permissions import file_mode
from store.swap_files import Spares, exchange

T = TypeVar("T")

THREADS = 4
"""Writes and syncs in flight at once: enough to keep the disk's queue full on two cores."""
IN_FLIGHT = 2
"""Landings the caller may be ahead of: past that it waits, so the old files swapped out come
back as spares before many new temporary files are made."""
LANDING = 256
"""Files synced and renamed together while the caller goes on writing."""


class DurableWrites:
    """Atomic writes of many files; use as a context manager and call :meth:`finish`.

    Every :data:`LANDING` files written, a thread of its own syncs them and renames them over
    their files while the caller goes on; :meth:`finish` lands the rest and syncs the
    folders."""

    def __init__(self, threads: int = THREADS, spares: Spares | None = None) -> None:
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="annotui-write")
        self._reader = ThreadPoolExecutor(max_workers=2, thread_name_prefix="annotui-read")
        self._lander = ThreadPoolExecutor(max_workers=1, thread_name_prefix="annotui-land")
        self._pending: list[tuple[Path, Future[str]]] = []
        self._landing: list[Future[tuple[list[Path], StoreError | None]]] = []
        self._mode = file_mode()
        self._own_spares = spares is None
        self._spares = Spares() if spares is None else spares

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._reader.shutdown(wait=True, cancel_futures=True)
        self._lander.shutdown(wait=True)
        self._pool.shutdown(wait=True)
        for _, future in self._pending:  # not finished: the files stay as they were
            with contextlib.suppress(Exception):
                os.unlink(future.result())
        self._pending.clear()
        if self._own_spares:
            self._spares.drop()

    def read_ahead(
        self, paths: Iterable[Path | None], read: Callable[[Path | None], T]
    ) -> Iterator[T]:
        """``read`` of each of ``paths``, run by a thread ahead of the caller, in order. Read
        while the caller holds the lock, so they are what it would read."""
        return self._reader.map(read, paths)

    def write(self, path: Path, data: bytes) -> None:
        """Start replacing the file at ``path`` (its folder exists) with ``data``."""
        self._pending.append((path, self._pool.submit(self._write_temp, path, data)))
        if len(self._pending) >= LANDING:
            self._landing.append(self._lander.submit(self._land, self._pending))
            self._pending = []
            if len(self._landing) > IN_FLIGHT:  # the files it swapped out are the next spares
                wait([self._landing[-IN_FLIGHT - 1]])

    def _write_temp(self, path: Path, data: bytes) -> str:
        fd, name = open_temp_file(path, self._spares, self._mode)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.ftruncate(fd, len(data))  # a spare one held a longer old version
        except BaseException:
            os.close(fd)
            os.unlink(name)
            raise
        os.close(fd)
        return name

    def _land(
        self, pending: list[tuple[Path, Future[str]]]
    ) -> tuple[list[Path], StoreError | None]:
        """Sync the temporary files of ``pending`` once written, rename each over its file;
        return the paths replaced and the first error met."""
        temps: list[tuple[Path, str]] = []
        failed: StoreError | None = None
        for path, future in pending:
            error = future.exception()
            if error is None:
                temps.append((path, future.result()))
            elif failed is None:
                failed = _store_error(path, error)
        if temps and _syncfs(Path(temps[0][1])):  # one sync of the file system for them all
            synced: list[OSError | None] = [None] * len(temps)
        else:
            synced = list(self._pool.map(_sync, (name for _, name in temps)))
        written: list[Path] = []
        for (path, name), sync_error in zip(temps, synced, strict=True):
            error, spare = _rename((path, name), sync_error)  # here: not queued behind writes
            if error is None:
                written.append(path)
                if spare:
                    self._spares.put(name)  # the next writes take it
            else:
                failed = failed or _store_error(path, error)
        return written, failed

    def finish(self) -> tuple[list[Path], StoreError | None]:
        """Land every file written, sync their folders; return the paths replaced and the
        first error met (the files it names are left as they were)."""
        self._landing.append(self._lander.submit(self._land, self._pending))
        self._pending = []
        written: list[Path] = []
        failed: StoreError | None = None
        for landed in self._landing:
            paths, error = landed.result()
            written += paths
            failed = failed or error
        self._landing.clear()
        if self._own_spares:
            self._spares.drop()
        folders = {path.parent for path in written}
        for folder, error in zip(folders, self._pool.map(_sync_folder, folders), strict=True):
            if error is not None:
                failed = failed or StoreError(f"cannot sync folder {folder}: {error.strerror}")
        return written, failed


def _load_syncfs() -> Callable[[int], int] | None:
    """``syncfs(2)`` of the C library (Linux), or None where there is none."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        call = libc.syncfs
    except (OSError, AttributeError):
        return None
    call.argtypes = [ctypes.c_int]
    call.restype = ctypes.c_int
    return cast(Callable[[int], int], call)


_SYNCFS = _load_syncfs()


def _syncfs(path: Path) -> bool:
    """Sync the whole file system holding ``path`` (everything written so far is on the
    disk when it returns True); False when that cannot be done here, or failed."""
    if _SYNCFS is None:
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        return _SYNCFS(fd) == 0
    finally:
        os.close(fd)


def sync_file_system(folder: Path) -> None:
    """Put on the disk every file written in ``folder`` and the folder itself: one
    ``syncfs(2)`` where there is one, else each file and the folder synced."""
    if _syncfs(folder):
        return
    with os.scandir(folder) as entries:
        names = [entry.path for entry in entries if entry.is_file()]
    for error in map(_sync, names):
        if error is not None and not isinstance(error, FileNotFoundError):
            raise StoreError(f"cannot sync {error.filename}: {error.strerror}")
    fsync_dir(folder)


def _rename(temp: tuple[Path, str], synced: OSError | None) -> tuple[OSError | None, bool]:
    """Put a synced temporary file in place of its file: swapped with the old one where the
    file system can (the temporary file then holds the old bytes, a spare to write again:
    no inode freed and none made), else renamed over it. Return the error met (the temporary
    file then removed) and whether the temporary file is a spare."""
    path, name = temp
    try:
        if synced is not None:
            raise synced
        if exchange(name, path):
            return None, True
        os.replace(name, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(name)
        return error, False
    return None, False


def _sync_folder(folder: Path) -> OSError | None:
    try:
        fsync_dir(folder)
    except OSError as error:
        return error
    return None


def _sync(name: str) -> OSError | None:
    try:
        fd = os.open(name, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as error:
        return error
    return None


def _store_error(path: Path, error: BaseException) -> StoreError:
    if isinstance(error, StoreError):
        return error
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return StoreError(f"cannot write {path}: {reason}")
