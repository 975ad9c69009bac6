"""Where an export is written: the target checked, a part file of its own beside it, put in
place without ever replacing anything but a regular file.

An export writes a hidden ``.NAME.XXXXXXXX.part`` (unique, owner-only) in the target's folder
and holds an ``flock`` on it while it writes, then renames it over the target. A part file
whose lock is free was left by an export that was killed (the kernel drops the lock with the
process): the next export to that target removes it. The lock is what tells a live part from
a stale one, so two exports to one target never remove each other's.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import stat
import tempfile
from pathlib import Path

from store.atomic_storage import fsync_dir
from store.errors import StoreError
from store.permissions import file_mode

PART_SUFFIX = ".part"
"""Suffix of the part files."""
_TEMP_CHARS = "[a-z0-9_]{8}"
"""What :func:`tempfile.mkstemp` puts between the prefix and the suffix."""


def export_target(out: Path, store_folder: Path, *, force: bool) -> Path:
    """Return the file to write for ``out``, symlinks followed; raise :class:`StoreError` for
    a target inside the store, a folder, anything but a regular file, or (without ``force``)
    an existing file. Nothing is changed on disk."""
    try:
        target = out.resolve()
        store = store_folder.resolve()
    except (OSError, RuntimeError) as error:  # RuntimeError: a symlink loop (Python 3.11)
        raise StoreError(f"{out}: cannot follow the path: {error}") from error
    if target == store:
        raise StoreError(f"{out} is the store {store_folder}: export to a file outside it")
    if store in target.parents:
        raise StoreError(
            f"{out} is inside the store {store_folder}: export to a file outside it "
            "(annotui export never writes into the store)"
        )
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise StoreError(f"{out}: cannot look at it: {error.strerror}") from error
    if mode is not None:
        if stat.S_ISDIR(mode):
            raise StoreError(
                f"{out} is a folder: give the name of a file to write "
                "(annotui export never replaces a folder, even with --force)"
            )
        if not stat.S_ISREG(mode):
            raise StoreError(
                f"{out} is not a regular file but {_kind(mode)}: give the name of a file to write"
            )
        if not force:
            raise StoreError(
                f"{out} exists: give another name (annotui export --force replaces it)"
            )
    if not target.parent.is_dir():
        raise StoreError(f"{out.parent}: no such folder")
    return target


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


class PartFile:
    """This export's own part file beside ``target``, locked while it exists (a context
    manager: leaving it closes the lock and removes the part unless it was put in place)."""

    def __init__(self, target: Path) -> None:
        self.target = target
        mode = file_mode()  # checked before anything is made
        self.path, self._fd = _locked_part(target)
        self._placed = False
        try:
            os.fchmod(self._fd, mode)  # mkstemp makes it 0o600; the store's mode may differ
        except OSError:
            self.__exit__()
            raise

    def __enter__(self) -> PartFile:
        return self

    def __exit__(self, *exc: object) -> None:
        if not self._placed:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path)
        os.close(self._fd)

    def put_in_place(self, *, force: bool) -> None:
        """Make the part durable and rename it to the target: over a regular file only with
        ``force``; without, a target that appeared meanwhile is kept (a hard link fails
        where a file exists, a rename would replace it)."""
        os.fsync(self._fd)
        if not force:
            try:
                os.link(self.path, self.target)
            except FileExistsError:
                raise StoreError(
                    f"{self.target} exists: give another name (annotui export --force replaces it)"
                ) from None
            except OSError as error:
                if error.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EMLINK):
                    raise
                # a file system without hard links: check, then rename (a narrow race)
                if os.path.lexists(self.target):
                    raise StoreError(f"{self.target} exists: give another name") from None
                os.replace(self.path, self.target)
            else:
                os.unlink(self.path)
        else:
            mode = _mode_or_none(self.target)
            if mode is not None and not stat.S_ISREG(mode):
                raise StoreError(f"{self.target} is no longer a regular file: nothing replaced")
            # os.replace cannot put a file over a folder (EISDIR): a folder is never removed
            os.replace(self.path, self.target)
        self._placed = True
        fsync_dir(self.target.parent)


def _mode_or_none(path: Path) -> int | None:
    try:
        return path.lstat().st_mode
    except FileNotFoundError:
        return None


def _locked_part(target: Path) -> tuple[Path, int]:
    """Create and lock a new part file for ``target``; returns its path and descriptor.

    A stale-part sweep removes a file only while holding its lock, so the part is checked to
    be still there (same inode) once locked; if a sweep got to it first, make another.
    """
    for _ in range(10):
        fd, name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=PART_SUFFIX, dir=target.parent
        )
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            same = os.path.samestat(os.fstat(fd), os.lstat(name))
        except FileNotFoundError:
            same = False
        if same:
            return Path(name), fd
        os.close(fd)
    raise StoreError(f"{target.parent}: cannot make a part file for {target.name}")


def remove_stale_parts(target: Path, keep: Path) -> None:
    """Remove the part files of ``target`` whose export is gone (their lock is free), the
    shared ``.NAME.part`` older annotui versions left after a kill too (they took no lock);
    never ``keep``, a live export's part, or anything that is not a regular file."""
    pattern = re.compile(rf"\.{re.escape(target.name)}(\.{_TEMP_CHARS})?{re.escape(PART_SUFFIX)}\Z")
    with os.scandir(target.parent) as entries:
        names = [e.name for e in entries if pattern.match(e.name) and e.name != keep.name]
    for name in names:
        _remove_if_unlocked(target.parent / name)


def _remove_if_unlocked(path: Path) -> None:
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK  # a pipe or a symlink is not followed
    try:
        fd = os.open(path, flags)
    except OSError:
        return  # gone, a symlink, or not ours to read: left alone
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return  # its export is writing it
        with contextlib.suppress(FileNotFoundError):
            if os.path.samestat(os.fstat(fd), os.lstat(path)):
                os.unlink(path)
    finally:
        os.close(fd)
