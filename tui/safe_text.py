"""Text made safe to show on a terminal: control characters become visible placeholders.

Article text, titles, names and file names come from outside; written to a terminal as they
are, an escape sequence in them could retitle the window, write the clipboard (OSC 52) or clear
the screen, and a bidirectional override could make a line read other than it is. The app and
the command line both show such text through :func:`printable`. Pure: no Textual, no Rich.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

PLACEHOLDER: Final = "\N{REPLACEMENT CHARACTER}"
"""What a control character or a bidirectional override is shown as."""
ESCAPE_SYMBOL: Final = "\N{SYMBOL FOR ESCAPE}"
"""What ESC (which starts every terminal escape sequence) is shown as."""
_PRINTABLE: Final[dict[int, str]] = {
    **{code: PLACEHOLDER for code in range(0x20)},  # C0 controls
    **{code: PLACEHOLDER for code in range(0x7F, 0xA0)},  # DEL and C1 controls (CSI, OSC, ...)
    **{code: PLACEHOLDER for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},
    0x1B: ESCAPE_SYMBOL,
    0x09: " ",
    0x2028: " ",
    0x2029: " ",
}
_PRINTABLE_KEEP_NEWLINES: Final[dict[int, str]] = {
    code: char for code, char in _PRINTABLE.items() if code != 0x0A
}


def _any_of(codes: Iterable[int]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(codes)) + "]")


_UNSAFE: Final = _any_of(_PRINTABLE)
_UNSAFE_BUT_NEWLINES: Final = _any_of(_PRINTABLE_KEEP_NEWLINES)
"""A character :func:`printable` replaces (a regex search is ~20x faster than translate)."""


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """Return ``text`` safe to draw, character for character (offsets are kept).

    Escape becomes ``␛``, other control characters (C0, DEL, C1) and bidirectional overrides
    and isolates become ``�``, tabs and line separators become spaces; newlines are kept only
    if ``keep_newlines`` (a title or a name is one line: its newlines become ``�`` too).
    """
    if (_UNSAFE_BUT_NEWLINES if keep_newlines else _UNSAFE).search(text) is None:
        return text
    return text.translate(_PRINTABLE_KEEP_NEWLINES if keep_newlines else _PRINTABLE)


def one_line(text: str) -> str:
    """Return ``text`` on one line, safe to draw: every run of spaces and line breaks becomes
    one space (a name or a title read across a line break shows as words, not as ``�``)."""
    return printable(" ".join(text.split()))


def clip(text: str, room: int) -> str:
    """Return ``text`` on one line (printable), shortened to ``room`` characters."""
    flat = printable(" ".join(text.split()))
    return flat if len(flat) <= room else flat[: room - 1] + "…"


def counted(count: int, word: str, plural: str | None = None) -> str:
    """``1 person``, ``2 people``, ``0 events``: a count with its noun in the right number."""
    many = plural if plural is not None else f"{word}s"
    return f"{count} {word if count == 1 else many}"
