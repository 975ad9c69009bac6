"""Plain text: one UTF-8 file (or standard input) is one article.

The stored text always ends its lines with ``\\n``. A file whose lines ended otherwise is
noted in the article's metadata: ``metadata["line_endings"]`` is ``"crlf"`` (Windows),
``"cr"`` (old Macintosh) or ``"mixed"``; an article with ``\\n`` line ends has no such key.
A file that decodes as UTF-8 but is mostly NUL or other control characters (a binary file, or
UTF-16 text) is refused.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Final

from store.errors import StoreError

LINE_ENDINGS: Final = "line_endings"
"""Metadata key naming a text's line ends when they were not ``\\n``."""
BINARY_SHARE: Final = 0.1
"""A text with more than this share of control characters is taken for a binary file."""
_CONTROL: Final = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
"""Control characters no text file holds (tab, newline, VT, FF and CR are left out)."""


def headline(text: str) -> str | None:
    """Return the first line as the title when it stands alone, as a headline does (a short
    line followed by a blank one); else None (the store takes the first sentence)."""
    first, _, rest = text.lstrip().partition("\n")
    first = first.strip()
    if first and len(first) <= 200 and rest.startswith(("\n", "\r\n")) and rest.strip():
        return first
    return None


def decode(raw: bytes, name: str) -> str:
    """Return ``raw`` decoded as UTF-8; bytes that are not are named with their offset."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise StoreError(f"{name}: not UTF-8 text (byte {error.start})") from error


def read_text(path: Path) -> str:
    """Return a file's UTF-8 text as it is (line ends kept); a file that cannot be read is
    named with the reason."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise StoreError(f"{path}: cannot read ({error.strerror})") from error
    return decode(raw, str(path))


def unify_line_endings(text: str) -> tuple[str, str | None]:
    """Return ``text`` with ``\\n`` line ends, and the name of its own line ends when they
    were others: ``"crlf"``, ``"cr"`` or ``"mixed"`` (else None)."""
    if "\r" not in text:
        return text, None
    crlf = text.count("\r\n")
    lone_cr = text.count("\r") - crlf
    lone_lf = text.count("\n") - crlf
    kind = "crlf" if lone_cr == lone_lf == 0 else "cr" if crlf == lone_lf == 0 else "mixed"
    return text.replace("\r\n", "\n").replace("\r", "\n"), kind


def check_text(text: str, where: str) -> None:
    """Raise :class:`StoreError` naming ``where`` when ``text`` is empty or looks binary."""
    if not text.strip():
        raise StoreError(f"{where}: the article is empty")
    if _CONTROL.search(text) is None:  # the usual case, found without counting
        return
    controls = len(text) - len(_CONTROL.sub("", text))
    if controls > BINARY_SHARE * len(text):
        raise StoreError(
            f"{where}: not text but binary data: {controls} of its {len(text)} characters "
            "are NUL or other control characters"
        )


def text_item(text: str, source: str) -> dict[str, Any]:
    """Return the import item of one article's text (its headline as the title, if any, and
    its line ends in the metadata when they were not ``\\n``)."""
    text, endings = unify_line_endings(text)
    check_text(text, source)
    item: dict[str, Any] = {"text": text, "title": headline(text), "source": source}
    if endings is not None:
        item["metadata"] = {LINE_ENDINGS: endings}
    return item
