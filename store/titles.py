"""Default titles: the first sentence of the text, trimmed."""

from __future__ import annotations

import re

MAX_TITLE = 100
"""Longest default title, in characters, the ellipsis included."""

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s")


def default_title(text: str, limit: int = MAX_TITLE) -> str:
    """Return the first sentence of ``text`` on one line, cut at a word and ended with … if long."""
    body = " ".join(text.split())
    match = _SENTENCE_END.search(body)
    sentence = body[: match.end()].rstrip() if match else body
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1]
    if " " in cut and not sentence[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–—") + "…"
