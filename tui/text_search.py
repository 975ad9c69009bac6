"""Finding words in the article text (no Textual): case-insensitive matches from the cursor."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@lru_cache(maxsize=4)
def _folded(text: str) -> str:
    """The text for matching: lower case, one character for one (offsets stay the text's)."""
    folded = text.lower()
    return folded if len(folded) == len(text) else "".join(c.lower()[:1] or c for c in text)


@dataclass(frozen=True)
class Match:
    """One place a search found, and where it stands among all of them."""

    start: int
    end: int
    number: int
    """1 for the first match in the text."""
    total: int


def find(text: str, query: str, offset: int, *, step: int = 1) -> Match | None:
    """Return the first match of ``query`` (any case) starting at ``offset`` or after it
    (``step`` 1), or the last one before it (``step`` -1), wrapping round the text; None when
    the text has none."""
    needle = query.lower()
    if not needle.strip():
        return None
    hay = _folded(text)
    if step > 0:
        start = hay.find(needle, max(0, offset))
        if start < 0:
            start = hay.find(needle)
    else:
        start = hay.rfind(needle, 0, offset - 1 + len(needle)) if offset > 0 else -1
        if start < 0:
            start = hay.rfind(needle)
    if start < 0:
        return None
    return Match(start, start + len(needle), hay.count(needle, 0, start) + 1, hay.count(needle))
