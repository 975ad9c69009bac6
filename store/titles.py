"""Titles: the first line of a text when it stands alone as a headline, else its first
sentence (abbreviations such as "U.N." or "Sept." end no sentence), trimmed."""

from __future__ import annotations

import re

from annotate.tokens import sentence_spans

MAX_TITLE = 100
"""Longest default title, in characters, the ellipsis included."""
MAX_TITLE_WORDS = 20
"""A first line of more words than this is a paragraph, not a headline."""
_HEAD = 2_000
"""Characters read to find the first sentence (a long text is not tokenized whole)."""
_ENDS_SENTENCE = re.compile(r"[.!?…:;,][\"'”’)\]]*\s*$")


def title_line(text: str) -> tuple[int, int] | None:
    """Return the (start, end) of the text's headline: a first line standing alone, followed
    by a line break, of at most :data:`MAX_TITLE_WORDS` words and not ended by a sentence's
    punctuation; None when the text starts with a paragraph."""
    start = len(text) - len(text.lstrip())
    newline = text.find("\n", start)
    if newline < 0:
        return None
    line = text[start:newline].rstrip()
    if not line or len(line.split()) > MAX_TITLE_WORDS or _ENDS_SENTENCE.search(line):
        return None
    if not text[newline:].strip():
        return None  # a text of one line is a paragraph, not a title over nothing
    return start, start + len(line)


def default_title(text: str, limit: int = MAX_TITLE) -> str:
    """Return the headline (:func:`title_line`), else the first sentence, on one line, cut at
    a word and ended with … if long."""
    found = title_line(text)
    if found is not None:
        sentence = " ".join(text[found[0] : found[1]].split())
    else:
        head = text[:_HEAD]
        spans = sentence_spans(head)
        first = head[spans[0][0] : spans[0][1]] if spans else head
        sentence = " ".join(first.split())
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1]
    if " " in cut and not sentence[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–—") + "…"
