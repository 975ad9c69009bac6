"""The store's write lock: ``fcntl.flock`` on ``<store>/.lock``, shared by processes and threads."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from store.errors import StoreError
from store.permissions import file_mode

LOCK_NAME = ".lock"
"""File name of the lock inside the store folder."""


def _open_lock(folder: Path) -> int:
    path = folder / LOCK_NAME
    flags = os.O_RDWR | getattr(os, "O_CLOEXEC", 0)
    try:
        try:
            return os.open(path, flags)
        except FileNotFoundError:
            mode = file_mode()
            fd = os.open(path, flags | os.O_CREAT, mode)
            os.fchmod(fd, mode)  # os.open's mode is cut by the umask
            return fd
    except OSError as error:
        raise StoreError(f"cannot open the lock file {path}: {error.strerror}") from error


@contextmanager
def try_write_lock(folder: Path) -> Iterator[bool]:
    """Hold the write lock for the ``with`` block if it is free now; yields whether it is held."""
    fd = _open_lock(folder)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


@contextmanager
def write_lock(folder: Path) -> Iterator[None]:
    """Hold the exclusive write lock of the store in ``folder`` for the ``with`` block.

    Each use opens the lock file anew, so two threads of one process exclude each other
    as two processes do. The lock is not re-entrant: do not nest.
    """
    fd = _open_lock(folder)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
