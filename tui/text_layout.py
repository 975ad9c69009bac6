"""Text layout of the article view: word-wrapping into visual lines, and cells within a line.

Pure (Rich's cell widths only, no Textual): the text widget wraps once per width and asks here
which offset lies at a column and which column an offset is at.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from itertools import accumulate
from types import MappingProxyType
from typing import Final, NamedTuple

from rich.cells import cell_len, get_character_cell_size

_TOKEN: Final = re.compile(r"\S+\s*|\s+")
NARROW: Final = re.compile(
    "[\x20-\x7e\u00a0-\u02ff\u0370-\u03ff\u0400-\u04ff\u2010-\u2027\u2030-\u205e"
    "\u20a0-\u20bf\u2100-\u214f\u2190-\u22ff\u2400-\u243f\u2500-\u257f\ufffd]*"
)
"""Text made only of characters one cell wide (so cells == characters)."""
_line_patterns: dict[int, re.Pattern[str]] = {}

Tags = Mapping[int, int]
"""Cells drawn between characters, by offset: ``{o: n}`` puts ``n`` cells (a label tag) after
character ``o - 1``, on the line that character is on (so before character ``o`` unless a line
starts at ``o``)."""
NO_TAGS: Final[Tags] = MappingProxyType({})


class TagCells(dict[int, int]):
    """:data:`Tags` with the sums of their cells over offset ranges at hand (prefix sums over
    the sorted offsets): build it once per set of tags (not changed after), ask it at every
    caret move."""

    def __init__(self, tags: Tags) -> None:
        super().__init__(tags)
        self._offsets = sorted(tags)
        self._sums = [0, *accumulate(tags[o] for o in self._offsets)]

    def between(self, start: int, end: int) -> int:
        """The tag cells at offsets ``o`` with ``start < o <= end``."""
        offsets = self._offsets
        return self._sums[bisect_right(offsets, end)] - self._sums[bisect_right(offsets, start)]


class Line(NamedTuple):
    """One visual line: a character range of the text."""

    start: int
    """Offset of the first character."""
    end: int
    """Offset one past the last character (trailing spaces included, newline excluded)."""


def _hard_split(text: str, start: int, end: int, width: int) -> list[int]:
    """Return the offsets where a word too long for ``width`` cells is cut."""
    cuts: list[int] = []
    used = 0
    for index in range(start, end):
        size = get_character_cell_size(text[index])
        if used + size > width and used > 0:
            cuts.append(index)
            used = 0
        used += size
    return cuts


def _line_pattern(width: int) -> re.Pattern[str]:
    """Return a regex matching one wrapped line of one-cell characters (with trailing spaces)."""
    pattern = _line_patterns.get(width)
    if pattern is None:
        pattern = re.compile(rf"[^\n]{{1,{width}}}(?=\s|$)\s*|[^\n]{{{width}}}")
        _line_patterns[width] = pattern
    return pattern


def wrap(text: str, width: int, tags: Tags = NO_TAGS) -> list[Line]:
    """Word-wrap ``text`` into visual lines of at most ``width`` cells; newlines end paragraphs.

    Whitespace at a break stays at the end of the line it follows (it is cropped when drawn),
    so every character belongs to exactly one line and lines are in offset order. ``tags``
    cells count with the word they follow.
    """
    width = max(1, width)
    if tags:
        return _wrap_tagged(text, width, _tag_cells(tags))
    lines: list[Line] = []
    append = lines.append
    position = 0
    for paragraph in text.split("\n"):
        end = position + len(paragraph)
        narrow = NARROW.fullmatch(paragraph) is not None
        measure = len if narrow else cell_len
        if measure(paragraph) <= width:
            append(Line(position, end))
        elif narrow:
            for match in _line_pattern(width).finditer(text, position, end):
                append(Line(match.start(), match.end()))
        else:
            line_start = position
            used = 0
            for match in _TOKEN.finditer(text, position, end):
                token = match.group()
                word = token.rstrip()
                word_width = measure(word)
                if used + word_width <= width:
                    used += measure(token)
                    continue
                if used:
                    append(Line(line_start, match.start()))
                    line_start = match.start()
                    used = 0
                if word_width <= width:
                    used = measure(token)
                    continue
                word_end = match.start() + len(word)
                for cut in _hard_split(text, match.start(), word_end, width):
                    append(Line(line_start, cut))
                    line_start = cut
                used = measure(text[line_start:word_end]) + len(token) - len(word)
            append(Line(line_start, end))
        position = end + 1
    return lines


def _tag_cells(tags: Tags) -> TagCells:
    return tags if isinstance(tags, TagCells) else TagCells(tags)


def _wrap_tagged(text: str, width: int, tags: TagCells) -> list[Line]:
    """:func:`wrap` with tag cells after some characters (any cell widths)."""
    lines: list[Line] = []
    append = lines.append
    position = 0
    for paragraph in text.split("\n"):
        end = position + len(paragraph)
        line_start = position
        used = 0
        for match in _TOKEN.finditer(text, position, end):
            start, token = match.start(), match.group()
            word_end = start + len(token.rstrip())
            word_width = cell_len(text[start:word_end]) + tags.between(start, word_end)
            token_width = cell_len(token) + tags.between(start, match.end())
            if used + word_width <= width:
                used += token_width
                continue
            if used:
                append(Line(line_start, start))
                line_start = start
                used = 0
            if word_width <= width:
                used = token_width
                continue
            used = 0
            for index in range(start, word_end):
                size = get_character_cell_size(text[index]) + tags.between(index, index + 1)
                if used + size > width and used > 0:
                    append(Line(line_start, index))
                    line_start = index
                    used = 0
                used += size
            used += token_width - word_width
        append(Line(line_start, end))
        position = end + 1
    return lines


def line_index(starts: Sequence[int], offset: int) -> int:
    """Return the index of the line holding ``offset``, given the lines' sorted ``starts``."""
    return max(0, bisect_right(starts, offset) - 1)


def column_of(text: str, line: Line, offset: int, tags: Tags = NO_TAGS) -> int:
    """Return the cell column of ``offset`` within ``line`` of ``text`` (after the ``tags``
    drawn before it)."""
    piece = text[line.start : offset]
    cells = len(piece) if NARROW.fullmatch(piece) else cell_len(piece)
    if tags:
        cells += _tag_cells(tags).between(line.start, offset)
    return cells


def visible_end(text: str, line: Line) -> int:
    """Return the offset after the last drawn character of ``line`` (before trailing spaces)."""
    start, end = line
    return start + len(text[start:end].rstrip(" "))


def offset_at_column(text: str, line: Line, column: int, tags: Tags = NO_TAGS) -> int | None:
    """Return the offset drawn at cell ``column`` of ``line``, or None past its characters
    (a cell of a tag counts as the character before the tag)."""
    used = 0
    for index in range(line.start, line.end):
        if tags and index > line.start:
            used += tags.get(index, 0)
            if used > column:
                return index - 1
        used += get_character_cell_size(text[index])
        if used > column:
            return index
    return None
