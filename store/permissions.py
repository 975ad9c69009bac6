"""Modes of the files and folders the store creates: owner-only unless the user says otherwise.

``ANNOTUI_STORE_MODE`` (octal, e.g. ``0o640`` or ``640``) sets the mode of new and
rewritten files; folders get the same bits plus search (``x``) wherever read is
allowed (``0o640`` gives folders ``0o750``). The owner always keeps read and write, and a
world-writable mode is refused: anyone on the machine could then change the annotations.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from store.errors import StoreError

MODE_ENV = "ANNOTUI_STORE_MODE"
"""Environment variable giving the mode of the store's files."""
DEFAULT_FILE_MODE = 0o600
"""Mode of the store's files when :data:`MODE_ENV` is not set."""


def file_mode(environ: Mapping[str, str] = os.environ) -> int:
    """Return the mode for the store's files; :class:`StoreError` when the variable is wrong."""
    value = environ.get(MODE_ENV, "").strip()
    if not value:
        return DEFAULT_FILE_MODE
    digits = value[2:] if value[:2].lower() == "0o" else value
    try:
        mode = int(digits, 8)
    except ValueError:
        mode = -1
    if not 0 <= mode <= 0o777 or mode & 0o600 != 0o600:
        raise StoreError(
            f"{MODE_ENV}={value!r} is not a file mode annotui can use: give octal digits "
            "such as 0o600 or 0o640, with read and write for the owner"
        )
    if mode & 0o002:
        raise StoreError(
            f"{MODE_ENV}={value!r} is world-writable: anyone could change the store; "
            "give a mode such as 0o600 or 0o640"
        )
    return mode


def dir_mode(environ: Mapping[str, str] = os.environ) -> int:
    """Return the mode for the store's folders: :func:`file_mode` with ``x`` wherever ``r``."""
    mode = file_mode(environ)
    return mode | ((mode & 0o444) >> 2)
