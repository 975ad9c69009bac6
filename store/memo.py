"""Work the store need not repeat: parsed files while their bytes are unchanged, and the JSON
text of records it wrote before.

An article file holds its whole history, so parsing and encoding it are what an edit of
a long-edited article costs. The store reads the file's bytes on every operation (that
is cheap) and reuses the parse when they equal the bytes it parsed or wrote last; it
never trusts a time stamp, so another process's write is always seen. Records the
store keeps unchanged from one write to the next (the same objects) reuse their text.

Everything handed out is shared: callers never mutate parsed data in place (the store
builds new dicts for what it changes).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from store.atomic_storage import Check, encode_json, parse_json, read_bytes

FILES = 4
"""Parsed files kept (the article being edited, and a few others)."""


class FileMemo:
    """The last parse of a few JSON files, each reused while the file's bytes are the same."""

    def __init__(self, size: int = FILES) -> None:
        self._size = size
        self._files: OrderedDict[Path, tuple[bytes, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def read(self, path: Path, check: Check | None = None) -> Any | None:
        """Return the decoded file at ``path`` (None if there is none), as ``read_json`` does."""
        raw = read_bytes(path)
        with self._lock:
            known = self._files.get(path)
        if raw is None:
            return None
        if known is not None and known[0] == raw:
            return known[1]
        data = parse_json(path, raw, check)
        self.remember(path, raw, data)
        return data

    def remember(self, path: Path, raw: bytes, data: Any) -> None:
        """Record that ``path`` now holds ``raw``, which decodes to ``data``."""
        with self._lock:
            self._files[path] = (raw, data)
            self._files.move_to_end(path)
            while len(self._files) > self._size:
                self._files.popitem(last=False)


class TextMemo:
    """Encodes values to one line of JSON, reusing the text of the very objects it encoded
    in the previous round (objects the store never mutates, so the text still holds)."""

    def __init__(self) -> None:
        self._last: dict[int, tuple[Any, str]] = {}
        self._this: dict[int, tuple[Any, str]] = {}

    def __call__(self, value: Any) -> str:
        """Return ``value`` as one line of JSON."""
        if not isinstance(value, dict):
            return encode_json(value)
        known = self._last.get(id(value))
        text = known[1] if known is not None and known[0] is value else encode_json(value)
        self._this[id(value)] = (value, text)
        return text

    def next_round(self) -> None:
        """Keep only the texts of the round just finished (call after each file written)."""
        self._last, self._this = self._this, {}
