"""The text cursor and the selection of an article's text: where a key moves them, below Textual.

:class:`Caret` holds the cursor offset, the selection's anchor, the mark (``v``: movements
extend the selection) and the character-precise mode (``c``: selections are not snapped to
tokens), and works out where each movement lands. Movements by line, page, home and end need
the text as it is wrapped on screen; they read it through :class:`WrappedLines` (the widget's
wrapping, or :func:`wrapped` in tests). :class:`~tui.widgets.article_text.ArticleText` keeps
one and only draws it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from annotate import tokens
from tui.span_index import SpanIndex
from tui.text_layout import (
    NO_TAGS,
    Line,
    Tags,
    column_of,
    line_index,
    offset_at_column,
    visible_end,
    wrap,
)

Selection = tuple[int, int]
UNITS = ("char", "word", "sentence", "entity", "line", "page", "home", "end", "text")
"""What a movement moves by."""


class WrappedLines(Protocol):
    """The text as wrapped on screen, as the vertical movements see it."""

    def lines(self) -> Sequence[Line]:
        """The visual lines, in order."""
        ...

    def display(self) -> str:
        """The drawn text (each character in its place)."""
        ...

    def tags(self) -> Tags:
        """The label tags' cells drawn between characters (none unless tags are shown)."""
        ...

    def line_of(self, offset: int) -> int:
        """The visual line holding a character offset."""
        ...

    def page_height(self) -> int:
        """Visual lines a page movement moves by."""
        ...


@dataclass
class FixedLines:
    """A text wrapped once at a width (what tests and a resize-free view use)."""

    text: str
    width: int
    height: int = 10
    tag_cells: Tags = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._lines = wrap(self.text, self.width, self.tag_cells)
        self._starts = [line.start for line in self._lines]

    def lines(self) -> Sequence[Line]:
        return self._lines

    def display(self) -> str:
        return self.text

    def tags(self) -> Tags:
        return self.tag_cells

    def line_of(self, offset: int) -> int:
        return line_index(self._starts, offset)

    def page_height(self) -> int:
        return max(1, self.height - 1)


def wrapped(text: str, width: int, height: int = 10) -> FixedLines:
    """``text`` wrapped at ``width`` columns, with pages of ``height`` lines."""
    return FixedLines(text, width, height)


@dataclass(frozen=True, slots=True)
class Moved:
    """What a change of the caret did, for the widget to redraw: where the cursor was and is,
    and the selection before and after."""

    old: int
    new: int
    before: Selection | None
    after: Selection | None


class Caret:
    """The cursor and the selection of one text."""

    def __init__(self, text: str, index: SpanIndex | None = None) -> None:
        self.text = text
        self.index = index
        """The drawn spans (for movements by entity); None: no entity stops."""
        self.offset = 0
        """Character offset of the cursor, 0 to the text's length."""
        self.anchor: int | None = None
        """Where the selection started; None when there is none."""
        self.marking = False
        """The mark is set (``v``): movements extend the selection."""
        self.precise = False
        """Selections are kept to the character instead of snapped to tokens."""
        self.goal: int | None = None
        """Column kept by consecutive vertical movements."""

    def selection(self) -> Selection | None:
        """The selected ``(start, end)``, snapped to tokens unless character-precise; None
        when nothing is selected. With the mark set and the cursor not moved yet, the token
        under the cursor is selected."""
        if self.anchor is None:
            return None
        start, end = sorted((self.anchor, self.offset))
        if self.precise:
            return (start, end) if start < end else None
        if start == end and not self.marking:
            return None
        snapped = tokens.snap(self.text, start, end)
        return snapped if snapped[0] < snapped[1] else None

    def place(self, offset: int, *, extend: bool = False) -> Moved:
        """Put the cursor at ``offset`` (clamped); with ``extend`` or the mark set the
        selection grows from where it started, else it is dropped."""
        offset = max(0, min(offset, len(self.text)))
        before, old = self.selection(), self.offset
        if extend or self.marking:
            if self.anchor is None:
                self.anchor = old
        else:
            self.anchor = None
        self.offset = offset
        return Moved(old, offset, before, self.selection())

    def select(self, start: int, end: int) -> Moved:
        """Select ``start..end`` (the cursor goes to ``end``), as a shift+movement would."""
        size = len(self.text)
        before, old = self.selection(), self.offset
        self.clear()
        self.place(max(0, min(start, size)))
        self.place(max(0, min(end, size)), extend=True)
        return Moved(old, self.offset, before, self.selection())

    def clear(self) -> Moved:
        """Drop the selection and the mark; the cursor stays."""
        before = self.selection()
        self.anchor = None
        self.marking = False
        return Moved(self.offset, self.offset, before, None)

    def toggle_mark(self) -> Moved:
        """Set the mark at the cursor, or drop it (and the selection)."""
        if self.marking:
            return self.clear()
        before = self.selection()
        if self.anchor is None:
            self.anchor = self.offset
        self.marking = True
        return Moved(self.offset, self.offset, before, self.selection())

    def set_precise(self, precise: bool) -> Moved:
        """Keep selections to the character (True) or snap them to tokens (False)."""
        before = self.selection()
        self.precise = precise
        return Moved(self.offset, self.offset, before, self.selection())

    def target(
        self, unit: str, step: int, lines: WrappedLines | None = None, *, extend: bool = False
    ) -> int:
        """Where a movement of ``step`` ``unit`` s (one of :data:`UNITS`) takes the cursor;
        line, page, home and end need ``lines``. A vertical movement keeps the column it
        started from (:attr:`goal`); any other forgets it. A selection grown forward by a
        word (``extend``) stops at the word's end, so it holds whole words."""
        text, caret = self.text, self.offset
        if unit not in ("line", "page"):
            self.goal = None
        if unit == "char":
            return max(0, min(len(text), caret + step))
        if unit == "word" and step > 0 and (extend or self.marking):
            return tokens.next_word_end(text, caret)
        if unit == "word":
            move = tokens.next_word_start if step > 0 else tokens.prev_word_start
            return move(text, caret)
        if unit == "sentence":
            move = tokens.next_sentence_start if step > 0 else tokens.prev_sentence_start
            return move(text, caret)
        if unit == "entity":
            if self.index is None:
                return caret
            found = (
                self.index.entity_start_after(caret)
                if step > 0
                else self.index.entity_start_before(caret)
            )
            return caret if found is None else found
        if unit == "text":
            return 0 if step < 0 else len(text)
        if lines is None:
            raise ValueError(f"a movement by {unit} needs the wrapped lines")
        return self._vertical(unit, step, lines)

    def _vertical(self, unit: str, step: int, lines: WrappedLines) -> int:
        visual, display, tags = lines.lines(), lines.display(), lines.tags()
        caret = self.offset
        line = lines.line_of(caret)
        if unit == "home":
            return visual[line].start
        if unit == "end":
            return visible_end(display, visual[line])
        if unit == "page":
            step *= lines.page_height()
        target = max(0, min(len(visual) - 1, line + step))
        if target == line:
            return 0 if step < 0 else len(self.text)
        if self.goal is None:
            self.goal = column_of(display, visual[line], caret, tags)
        return offset_in_line(display, visual[target], self.goal, tags)


def offset_in_line(display: str, line: Line, column: int, tags: Tags = NO_TAGS) -> int:
    """The offset at cell ``column`` of a visual line, or the line's end past its text (where
    a click or a vertical movement lands)."""
    offset = offset_at_column(display, line, column, tags)
    end = visible_end(display, line)
    return end if offset is None or offset > end else offset
