"""Where a phrase is in a text: the one offset helper every test uses."""

from __future__ import annotations

import re


def occurrence(
    text: str, phrase: str, nth: int = 0, *, whole_words: bool = False
) -> tuple[int, int]:
    """Start and end of the ``nth`` occurrence (0: the first) of ``phrase`` in ``text``; with
    ``whole_words``, only occurrences that are whole words count. ``ValueError`` or
    ``IndexError`` when there is no such occurrence."""
    if whole_words:
        match = list(re.finditer(rf"\b{re.escape(phrase)}\b", text))[nth]
        return match.start(), match.end()
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def at(text: str, phrase: str, nth: int = 0, *, whole_words: bool = False) -> dict[str, int]:
    """:func:`occurrence` as the extraction contract writes offsets: ``{"start", "end"}``."""
    start, end = occurrence(text, phrase, nth, whole_words=whole_words)
    return {"start": start, "end": end}
