"""Token, word and sentence boundaries of an article text, without spaCy.

The article view moves its cursor and snaps selections to tokens long before
spaCy has loaded, so this module is a small regular-expression tokenizer that
agrees with spaCy's English tokenizer on ordinary news text:

- words, split at hyphens ("Soo-suk" → ``Soo`` ``-`` ``suk``, as spaCy does);
- numbers with ``,`` ``.`` ``:`` ``/`` inside (``1,000``, ``3.5``, ``10:30``, ``50/50``);
- clitics split off: ``Kim’s`` → ``Kim`` ``’s``, ``don't`` → ``do`` ``n't``
  (also ``'re 've 'll 'd 'm``); apostrophes inside a word stay (``O'Neill``);
- abbreviations keep their period: initials (``J.``), dotted ones (``U.S.``,
  ``a.m.``) and spaCy's list of titles, months and states (``Mr.``, ``Sept.``);
- URLs and e-mail addresses whole; ``...`` whole; any other punctuation or
  symbol one character a token.

Known differences from spaCy (tested in ``tests/annotate/test_tokens.py``):
whitespace is never a token (spaCy makes tokens of runs of extra whitespace
and of line breaks); ``and/or``, ``@user`` and emoticons such as ``:-)`` are split; spaCy
splits units off numbers (``5km`` → ``5`` ``km``) where this keeps ``5km``;
``5p.m.`` is ``5p.m.`` here but ``5`` ``p.m.`` in spaCy.

Boundaries are computed once per text (cached) and looked up with ``bisect``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from annotate.model import Annotation, Layer, Span

_ABBREVIATIONS = (
    "Adm Ak Ala Apr Ariz Ark Aug Bros Calif Co Colo Conn Corp Dec Del Dr Feb Fla Ga Gen Gov Ia "
    "Id Ill Inc Ind Jan Jr Jul Jun Kan Kans Ky La Ltd Mar Mass Md Messrs Mich Minn Miss Mo "
    "Mont Mr Mrs Ms Mt Neb Nebr Nev Nov Oct Okla Ore Pa Prof Rep Rev Sen Sep Sept St Tenn Va "
    "Wash Wis co vs"
)
"""Words spaCy's English tokenizer keeps together with a following period."""

_CLITIC = r"(?i:[’'](?:s|re|ve|ll|d|m))(?![^\W_])"
_TOKEN = re.compile(
    rf"""
      (?:https?://|www\.)\S+?(?=[.,;:!?)\]}}”’"']*(?:\s|$))    # URL, without trailing punctuation
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                             # e-mail address
    | (?<![^\W_])(?:[^\W\d_]\.){{2,}}                          # dotted abbreviation: U.S. a.m.
    | (?<![^\W_])(?:{"|".join(_ABBREVIATIONS.split())}|[^\W\d_])\.(?![^\W_])  # Mr. Sept. J.
    | \d+(?:[.,:/]\d+)+                                       # 1,000  3.5  10:30
    | [^\W_]+?(?=n[’']t(?![^\W_]))                             # do|n't  ca|n't
    | (?<=[^\W_])n[’']t(?![^\W_])                              # n't
    | (?<=[^\W_]){_CLITIC}                                     # ’s 're 've 'll 'd 'm
    | [^\W_]+(?:(?!{_CLITIC})[’'][^\W_]+)*                     # word: Kim, 18th, O'Neill
    | \.{{2,}}                                                 # ... (ellipsis)
    | \S                                                       # any other single character
    """,
    re.VERBOSE,
)
_WORD_CHAR = re.compile(r"[^\W_]")
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*$")
_SENTENCE_OPENER = re.compile(r"[\"'“‘(\[]*[^\W_a-z]")


@dataclass(frozen=True, slots=True)
class Boundaries:
    """The token, word and sentence boundaries of one text, in text order."""

    tokens: tuple[tuple[int, int], ...]
    """(start, end) of every token."""
    starts: tuple[int, ...]
    """Token starts, for bisecting."""
    ends: tuple[int, ...]
    """Token ends, for bisecting."""
    words: tuple[int, ...]
    """Starts of tokens holding a letter or digit (the word-by-word cursor stops)."""
    sentences: tuple[tuple[int, int], ...]
    """(start, end) of every sentence, without surrounding whitespace."""


def _tokenize(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in _TOKEN.finditer(text)]


def _sentences(text: str, tokens: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Split after ``. ! ?`` (and closing quotes) before a capital, digit or quote, and at
    line breaks; an abbreviation's period ends no sentence."""
    found: list[tuple[int, int]] = []
    first: int | None = None
    for i, (start, end) in enumerate(tokens):
        if first is None:
            first = start
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is None:
            found.append((first, end))
            break
        gap = text[end : nxt[0]]
        piece = text[start:end]
        boundary = "\n" in gap
        if not boundary and gap and _SENTENCE_END.search(piece):
            abbreviation = len(piece) > 1 and _WORD_CHAR.match(piece) is not None
            boundary = not abbreviation and _SENTENCE_OPENER.match(text, nxt[0]) is not None
        elif not boundary and gap and piece in ("”", "’", '"', "'", ")"):
            before = tokens[i - 1] if i else None
            closes = before is not None and text[before[0] : before[1]] in (".", "!", "?")
            boundary = closes and _SENTENCE_OPENER.match(text, nxt[0]) is not None
        if boundary:
            found.append((first, end))
            first = None
    return found


_CLITIC_TOKEN = re.compile(rf"{_CLITIC}|n[’']t", re.IGNORECASE)


def _word_starts(text: str, tokens: Sequence[tuple[int, int]]) -> list[int]:
    """Starts of the tokens with a letter or digit, but not of a clitic glued to the word
    before it: a word step goes over "Kim’s" and "don't" at once, as in a text editor."""
    starts: list[int] = []
    end = -1
    for start, stop in tokens:
        glued = start == end and _CLITIC_TOKEN.fullmatch(text, start, stop) is not None
        if not glued and _WORD_CHAR.search(text, start, stop):
            starts.append(start)
        end = stop
    return starts


@lru_cache(maxsize=16)
def boundaries(text: str) -> Boundaries:
    """Return the boundaries of a text, computed once and cached."""
    tokens = _tokenize(text)
    return Boundaries(
        tokens=tuple(tokens),
        starts=tuple(s for s, _ in tokens),
        ends=tuple(e for _, e in tokens),
        words=tuple(_word_starts(text, tokens)),
        sentences=tuple(_sentences(text, tokens)),
    )


def token_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of every token of the text, in order."""
    return list(boundaries(text).tokens)


def token_at(text: str, offset: int) -> tuple[int, int] | None:
    """Return the token containing ``offset`` (start <= offset < end), or None in whitespace."""
    b = boundaries(text)
    i = bisect_right(b.starts, offset) - 1
    if i >= 0 and offset < b.ends[i]:
        return b.tokens[i]
    return None


def snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a selection to whole tokens: every token it touches is covered entirely.

    Whitespace at either edge is dropped. An empty selection (``start == end``) becomes the
    token under that offset. Returns ``(start, start)`` when no token is touched.
    """
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    b = boundaries(text)
    if start == end:
        token = token_at(text, start)
        return token if token is not None else (start, start)
    first = bisect_right(b.ends, start)  # first token ending after start
    last = bisect_left(b.starts, end) - 1  # last token starting before end
    if first > last:
        return (start, start)
    return (b.starts[first], b.ends[last])


def next_token_start(text: str, offset: int) -> int:
    """Return the start of the first token starting after ``offset``, else the text's end."""
    b = boundaries(text)
    i = bisect_right(b.starts, offset)
    return b.starts[i] if i < len(b.starts) else len(text)


def prev_token_start(text: str, offset: int) -> int:
    """Return the start of the last token starting before ``offset``, else 0."""
    b = boundaries(text)
    i = bisect_left(b.starts, offset) - 1
    return b.starts[i] if i >= 0 else 0


def next_token_end(text: str, offset: int) -> int:
    """Return the end of the first token ending after ``offset``, else the text's end."""
    b = boundaries(text)
    i = bisect_right(b.ends, offset)
    return b.ends[i] if i < len(b.ends) else len(text)


def prev_token_end(text: str, offset: int) -> int:
    """Return the end of the last token ending before ``offset``, else 0."""
    b = boundaries(text)
    i = bisect_left(b.ends, offset) - 1
    return b.ends[i] if i >= 0 else 0


def next_word_start(text: str, offset: int) -> int:
    """Return the start of the next word (a token with a letter or digit, not a clitic such
    as "’s" or "n't"), else the text's end."""
    b = boundaries(text)
    i = bisect_right(b.words, offset)
    return b.words[i] if i < len(b.words) else len(text)


def next_word_end(text: str, offset: int) -> int:
    """Return the end of the word under ``offset``, or of the next word when ``offset`` is
    at a word's end or between words, else the text's end: where a selection grown word by
    word stops, so that it holds whole words."""
    b = boundaries(text)
    i = max(0, bisect_right(b.words, offset) - 1)
    while i < len(b.words):
        start = b.words[i]
        end = b.ends[bisect_left(b.starts, start)]
        if end > offset:
            return end
        i += 1
    return len(text)


def prev_word_start(text: str, offset: int) -> int:
    """Return the start of the previous word (a token with a letter or digit), else 0."""
    b = boundaries(text)
    i = bisect_left(b.words, offset) - 1
    return b.words[i] if i >= 0 else 0


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of every sentence, in order, without surrounding whitespace."""
    return list(boundaries(text).sentences)


def sentence_at(text: str, offset: int) -> tuple[int, int] | None:
    """Return the sentence containing ``offset`` (or ending at it), or None between sentences."""
    sentences = boundaries(text).sentences
    i = bisect_right(sentences, (offset, len(text) + 1)) - 1
    if i >= 0 and offset <= sentences[i][1]:
        return sentences[i]
    return None


def next_sentence_start(text: str, offset: int) -> int:
    """Return the start of the first sentence starting after ``offset``, else the text's end."""
    sentences = boundaries(text).sentences
    i = bisect_right(sentences, (offset, len(text) + 1))
    return sentences[i][0] if i < len(sentences) else len(text)


def prev_sentence_start(text: str, offset: int) -> int:
    """Return the start of the last sentence starting before ``offset``, else 0."""
    sentences = boundaries(text).sentences
    i = bisect_left(sentences, (offset, -1)) - 1
    return sentences[i][0] if i >= 0 else 0


def _live(span: Span, layer: Layer | None) -> bool:
    return not span.rejected and (layer is None or span.layer == layer)


def entity_after(
    annotation: Annotation, offset: int, layer: Layer | None = "entity"
) -> Span | None:
    """Return the first live span of ``layer`` (None: any) starting after ``offset``."""
    spans = annotation.spans
    for i in range(bisect_right(spans, offset, key=lambda s: s.start), len(spans)):
        if _live(spans[i], layer):
            return spans[i]
    return None


def entity_before(
    annotation: Annotation, offset: int, layer: Layer | None = "entity"
) -> Span | None:
    """Return the last live span of ``layer`` (None: any) starting before ``offset``."""
    spans = annotation.spans
    i = bisect_left(spans, offset, key=lambda s: s.start) - 1
    # spans that start at the same offset sort by end: take the first (shortest) one
    while i >= 0 and not _live(spans[i], layer):
        i -= 1
    if i < 0:
        return None
    found = spans[i]
    while i > 0 and spans[i - 1].start == found.start:
        i -= 1
        if _live(spans[i], layer):
            found = spans[i]
    return found


def entities_at(annotation: Annotation, offset: int, layer: Layer | None = None) -> list[Span]:
    """Return the live spans covering ``offset`` (start <= offset < end), innermost first."""
    spans = annotation.spans
    stop = bisect_right(spans, offset, key=lambda s: s.start)
    found = [s for s in spans[:stop] if s.end > offset and _live(s, layer)]
    return sorted(found, key=lambda s: (s.end - s.start, s.start, s.label, s.id))
