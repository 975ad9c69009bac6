"""Replacing a file by swapping a temporary file with it, so that a writer of many files
neither makes nor frees an inode per file.

``renameat2(RENAME_EXCHANGE)`` (Linux) puts the new file in place in one step, as a rename
does, and leaves the old one under the temporary name: a *spare*, written over from its start
for the next file. On ext4 without a journal, making an inode skips every inode freed in the
last seconds, so a bulk write that renamed over each file paid for each file it replaced.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import queue
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Self, cast


class Spares:
    """Temporary files that hold an old version after an exchange, to be written over again
    (the module's reason). Use as a context manager: the spares left are removed at its end.
    New temporary files are made in ``folder`` (one the store sweeps when it opens: a killed
    writer's spares go there), else beside their file."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self._names: queue.SimpleQueue[str] = queue.SimpleQueue()
        self._devices: dict[Path, int] = {}

    def folder_for(self, target: Path) -> Path:
        """Where to make a new temporary file for ``target``: :attr:`folder` when it is on
        the same file system (a rename or swap cannot cross one), else beside ``target``."""
        if self.folder is None or self._device(self.folder) != self._device(target.parent):
            return target.parent
        return self.folder

    def _device(self, folder: Path) -> int:
        device = self._devices.get(folder)
        if device is None:
            device = self._devices[folder] = os.stat(folder).st_dev
        return device

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.drop()

    def put(self, name: str) -> None:
        self._names.put(name)

    def open(self) -> tuple[int, str] | None:
        """A spare opened for writing over from its start, or None when there is none (one
        removed meanwhile, by another writer's sweep, is passed over)."""
        while True:
            try:
                name = self._names.get_nowait()
            except queue.Empty:
                return None
            try:
                return os.open(name, os.O_WRONLY), name
            except OSError:
                continue

    def drop(self) -> None:
        """Remove every spare."""
        while True:
            try:
                name = self._names.get_nowait()
            except queue.Empty:
                return
            with contextlib.suppress(OSError):
                os.unlink(name)


def _load_renameat2() -> Callable[[int, bytes, int, bytes, int], int] | None:
    """``renameat2(2)`` of the C library (Linux, glibc 2.28 on), or None where there is none."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        call = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    call.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    call.restype = ctypes.c_int
    return cast(Callable[[int, bytes, int, bytes, int], int], call)


_RENAMEAT2 = _load_renameat2()
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def exchange_supported() -> bool:
    """Whether the C library here has ``renameat2`` (the file system may still refuse)."""
    return _RENAMEAT2 is not None


def exchange(name: str, path: Path) -> bool:
    """Swap the temporary file ``name`` with the file at ``path`` in one step (the new bytes
    at ``path``, the old ones at ``name``); False when there is no file at ``path`` or the
    file system cannot swap (then nothing changed)."""
    if _RENAMEAT2 is None:
        return False
    done = _RENAMEAT2(_AT_FDCWD, os.fsencode(name), _AT_FDCWD, os.fsencode(path), _RENAME_EXCHANGE)
    return done == 0
