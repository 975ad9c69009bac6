"""The article text, drawn line by line with its spans highlighted (a Line API widget).

Only the visible lines are ever styled: the text is wrapped once per width into visual lines
(character ranges), the spans are kept sorted by start, and each line's strip is built from the
spans that overlap it (found by bisection) and cached until something on that line changes.

The text has a cursor (a reversed cell, drawn while the widget has the focus) that moves by
character, word, sentence, entity and line, and a selection: shift + a movement extends it, ``v``
sets a mark after which movements extend it, and a mouse drag makes one. The selection snaps to
whole tokens (:func:`annotate.tokens.snap`) unless character-precise mode (``c``) is on. Moving
the cursor redraws only the lines whose cursor or selection changed.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import partial
from typing import ClassVar, Final

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from annotate import tokens
from annotate.model import Span
from store.titles import title_line
from tui.caret import Caret, Moved, offset_in_line
from tui.label_styles import configured_label_style
from tui.label_tags import tag_cells, tag_texts
from tui.safe_text import printable
from tui.span_index import SpanIndex
from tui.text_layout import (
    Line,
    TagCells,
    Tags,
    column_of,
    line_index,
    offset_at_column,
    wrap,
)
from tui.widgets.entity_styles import (
    COMPONENT_CLASSES,
    FOCUS_CLASS,
    LAYER_ORDER,
    layer_rank,
    span_style,
)

CURSOR_CLASS: Final = "article-text--cursor"
"""Component class of the focus span that ``n``/``p`` last moved to."""
CARET_CLASS: Final = "article-text--caret"
"""Component class of the text cursor's cell."""
SELECTION_CLASS: Final = "article-text--selection"
"""Component class of the selected text."""
_ENTITY_RANK: Final = LAYER_ORDER["entity"]

_SUGGESTED: Final = Style(dim=True)
"""A suggestion nobody has decided on: dim text over the label's tint (seen without colour)."""
_DECIDED: Final = Style(dim=False)
"""An accepted or hand-made span: plain text (also over a suggestion it lies in)."""
_REJECTED: Final = Style(dim=True, strike=True)
"""A rejected span, drawn only on request (``X``): struck through."""
_CARET_BLURRED: Final = Style(underline=True)
"""Where the caret is while the focus is in a panel or a dialog."""
_TITLE: Final = Style(bold=True)
"""The headline's look."""
_TAG: Final = Style(italic=True, dim=True, bold=False, underline=False, strike=False)
"""A label tag's look (over the widget's base style)."""
"""The headline, a line of its own above the text (:func:`store.titles.title_line`)."""

_WARM_TOKENS_FROM: Final = 20_000
"""Texts of at least this many characters have their tokens found ahead of the first step."""


def _move_bindings() -> list[BindingType]:
    """The movement keys, each also with shift (extend the selection) where a terminal sends it."""
    moves: list[tuple[str, str, str, str]] = [
        ("left", "char", "-1", "Left"),
        ("right", "char", "1", "Right"),
        ("ctrl+left", "word", "-1", "Previous word"),
        ("ctrl+right", "word", "1", "Next word"),
        ("up", "line", "-1", "Line up"),
        ("down", "line", "1", "Line down"),
        ("home", "home", "0", "Line start"),
        ("end", "end", "0", "Line end"),
        ("ctrl+home", "text", "-1", "Text start"),
        ("ctrl+end", "text", "1", "Text end"),
        ("pageup", "page", "-1", "Page up"),
        ("pagedown", "page", "1", "Page down"),
    ]
    bindings: list[BindingType] = []
    for key, unit, step, description in moves:
        slug = description.lower().replace(" ", "-")
        bindings.append(
            Binding(key, f"move('{unit}', {step})", description, show=False, id=f"text.{slug}")
        )
        shifted = f"ctrl+shift+{key[5:]}" if key.startswith("ctrl+") else f"shift+{key}"
        bindings.append(
            Binding(
                shifted,
                f"move('{unit}', {step}, True)",
                f"Select: {description.lower()}",
                show=False,
                id=f"text.select-{slug}",
            )
        )
    bindings += [
        Binding("space", "move('page', 1)", "Page down", show=False, id="text.space"),
        Binding("(", "move('sentence', -1)", "Previous sentence", show=False, id="text.sent-prev"),
        Binding(")", "move('sentence', 1)", "Next sentence", show=False, id="text.sent-next"),
        Binding("[", "move('entity', -1)", "Previous entity", show=False, id="text.ent-prev"),
        Binding("]", "move('entity', 1)", "Next entity", show=False, id="text.ent-next"),
        Binding("v", "toggle_mark", "Mark", show=False, id="text.mark"),
        Binding("c", "toggle_precise", "Char-precise", show=False, id="text.precise"),
        Binding("escape", "clear_text_selection", "Clear selection", show=False, id="text.clear"),
    ]
    return bindings


class TextMessage(Message):
    """A message about the text widget: its caret or its modes."""

    def __init__(self, article_text: ArticleText) -> None:
        super().__init__()
        self.article_text = article_text
        """The widget the message is about."""

    @property
    def control(self) -> ArticleText:
        """The widget (for ``@on(ArticleText.CaretMoved, "#id")``)."""
        return self.article_text


class ArticleText(ScrollView, can_focus=True):
    """The article text with every span highlighted, one colour per label, and a cursor.

    Data goes in through :meth:`set_spans` and :meth:`set_focus_spans`; a click on a span posts
    :class:`ArticleText.SpanClicked`; the cursor and the selection are read with
    :attr:`cursor_offset` and :meth:`selection`.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *COMPONENT_CLASSES,
        CURSOR_CLASS,
        CARET_CLASS,
        SELECTION_CLASS,
    }
    ALLOW_SELECT: ClassVar[bool] = False

    BINDINGS: ClassVar[list[BindingType]] = _move_bindings()

    DEFAULT_CSS = """
    ArticleText {
        overflow-x: hidden;
        overflow-y: scroll;
    }
    ArticleText > .article-text--caret {
        text-style: bold;
    }
    ArticleText > .article-text--selection {
        background: $accent 85%;
    }
    """

    class SpanClicked(Message):
        """The user clicked on the text; ``span_ids`` are the live spans under the pointer."""

        def __init__(
            self, article_text: ArticleText, offset: int, span_ids: tuple[str, ...]
        ) -> None:
            super().__init__()
            self.article_text = article_text
            """The widget clicked."""
            self.offset = offset
            """Character offset clicked."""
            self.span_ids = span_ids
            """Ids of the spans covering the offset, innermost last."""

        @property
        def control(self) -> ArticleText:
            """The widget clicked (for ``@on(ArticleText.SpanClicked, "#id")``)."""
            return self.article_text

    class CaretMoved(TextMessage):
        """The spans around the caret, or whether there is a selection, changed."""

    class ModeChanged(TextMessage):
        """The mark or the character-precise mode was switched on or off."""

    def __init__(
        self,
        text: str,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._text = text
        self._display = printable(text, keep_newlines=True)
        self._wraps: dict[int, list[Line]] = {}
        self._lines: list[Line] = []
        self._line_starts: list[int] = []
        self._width = 0
        self._index = SpanIndex(len(text), layer_rank, _ENTITY_RANK)
        self.restyled_lines = 0
        """How many visual lines were styled (strip cache misses) since the widget was made."""
        self._focus: frozenset[str] = frozenset()
        self._focus_order: tuple[str, ...] = ()
        self._cursor: str | None = None
        self._at = Caret(text, self._index)
        self._dragging = False
        self._dragged = False
        self._strips: LRUCache[int, Strip] = LRUCache(1024)
        self._styles: dict[str, Style] = {}
        self._pass: tuple[Style, int] | None = None
        self._show_rejected = False
        self._cursor_spans: tuple[str, ...] = ()
        self._title = title_line(text)
        """The headline's range (drawn as a title), if the text starts with one."""
        self._label_tags = False
        self._tags: dict[int, str] = {}
        self._tag_cells: TagCells = TagCells({})

    # -- data in ----------------------------------------------------------------

    @property
    def text(self) -> str:
        """The article text (as given, not sanitised)."""
        return self._text

    def set_spans(self, spans: Iterable[Span]) -> None:
        """Show these spans (rejected ones are skipped); the focus keeps the ids still present.

        Spans are told apart by id: when only a few changed since the last call (an edit), only
        those are re-indexed and only the lines they cover (before and after) are redrawn.
        """
        change = self._index.set_spans(spans)
        if change.rebuilt or change.touched & self._focus:
            self._set_focus_ids([sid for sid in self._focus_order if sid in self._index])
        if self._cursor not in self._index:
            self._cursor = None
        if self._retag() or change.rebuilt:
            self._strips.clear()
            self.refresh()
        else:
            self._invalidate_offsets(change.ranges)

    @property
    def show_rejected(self) -> bool:
        """True when rejected spans are drawn (struck through); they are hidden by default."""
        return self._show_rejected

    @show_rejected.setter
    def show_rejected(self, show: bool) -> None:
        if show != self._show_rejected:
            self._show_rejected = show
            self._strips.clear()
            self.refresh()

    @property
    def label_tags(self) -> bool:
        """True when each span's label is written after it (:mod:`tui.label_tags`), as it is
        by default without colour (``NO_COLOR``)."""
        return self._label_tags

    @label_tags.setter
    def label_tags(self, show: bool) -> None:
        if show != self._label_tags:
            self._label_tags = show
            self._retag()
            self._strips.clear()
            self.refresh()

    def _retag(self) -> bool:
        """Recompute the label tags; when they changed, the text is wrapped anew (True)."""
        tags = tag_texts(self._index.drawn) if self._label_tags else {}
        if tags == self._tags:
            return False
        self._tags, self._tag_cells = tags, tag_cells(tags)
        self._wraps.clear()
        self._width = 0
        return True

    @property
    def labels(self) -> frozenset[str]:
        """The labels of the spans drawn (for a legend)."""
        return self._index.labels

    @property
    def focus_span_ids(self) -> tuple[str, ...]:
        """Ids of the highlighted (selected) spans, in text order."""
        return self._focus_order

    @property
    def cursor_span_id(self) -> str | None:
        """The focus span that :meth:`move_cursor` or :meth:`scroll_to_span` last went to."""
        return self._cursor

    def set_focus_spans(self, span_ids: Iterable[str], *, scroll: bool = True) -> None:
        """Highlight these spans (unknown or rejected ids are ignored); scroll to the first."""
        before, cursor = self._focus, self._cursor
        self._set_focus_ids([sid for sid in span_ids if sid in self._index])
        self._cursor = None
        changed = before ^ self._focus
        self._invalidate_spans(changed | {cursor} if cursor else changed)
        if scroll and self._focus_order:
            self.scroll_to_span(self._focus_order[0])

    def clear_focus_spans(self) -> None:
        """Remove the highlight."""
        self.set_focus_spans((), scroll=False)

    def _set_focus_ids(self, span_ids: Sequence[str]) -> None:
        drawn = [d for d in map(self._index.get, set(span_ids)) if d is not None]
        order = [d.id for d in sorted(drawn, key=lambda d: (d.start, d.end))]
        self._focus_order = tuple(order)
        self._focus = frozenset(order)

    def move_cursor(self, direction: int) -> str | None:
        """Go to the next (``direction`` > 0) or previous focus span, wrapping; return its id."""
        if not self._focus_order:
            return None
        if self._cursor in self._focus:
            index = self._focus_order.index(self._cursor) + (1 if direction > 0 else -1)
        else:
            index = 0 if direction > 0 else -1
        target = self._focus_order[index % len(self._focus_order)]
        self.scroll_to_span(target)
        return target

    def scroll_to_span(self, span_id: str, *, animate: bool = False) -> None:
        """Make a span current, put the text cursor on its start and scroll it into view.

        The span comes a third down the view if it was not in view.
        """
        drawn = self._index.get(span_id)
        if drawn is None:
            return
        previous, self._cursor = self._cursor, span_id
        self._invalidate_spans({span_id, previous} - {None})  # type: ignore[arg-type]
        self._place_caret(drawn.start, extend=False, scroll=False)
        self._ensure_wrap()
        first = self.line_of_offset(drawn.start)
        last = self.line_of_offset(max(drawn.start, drawn.end - 1))
        top = round(self.scroll_y)
        height = max(1, self.scrollable_content_region.height)
        if top <= first and last < top + height:
            return
        self.scroll_to(y=max(0, first - height // 3), animate=animate, immediate=True)

    # -- cursor and selection (the rules are tui.caret's) ---------------------------------

    @property
    def cursor_offset(self) -> int:
        """Character offset of the text cursor (0 to the text's length)."""
        return self._at.offset

    @property
    def marking(self) -> bool:
        """True while the mark (``v``) is set: movements extend the selection."""
        return self._at.marking

    @property
    def char_precise(self) -> bool:
        """True when selections are kept to the character instead of snapped to tokens."""
        return self._at.precise

    @char_precise.setter
    def char_precise(self, precise: bool) -> None:
        if precise != self._at.precise:
            self._redraw(self._at.set_precise(precise))
            self.post_message(self.ModeChanged(self))

    def selection(self) -> tuple[int, int] | None:
        """Return the selected ``(start, end)``, snapped to tokens unless character-precise.

        None when nothing is selected. With the mark set and the cursor not moved yet, the
        token under the cursor is selected.
        """
        return self._at.selection()

    def select(self, start: int, end: int) -> None:
        """Select ``start..end`` (the cursor goes to ``end``), as a shift+movement would."""
        marking = self._at.marking
        self._redraw(self._at.select(start, end))
        if marking:
            self.post_message(self.ModeChanged(self))
        self.scroll_to_cursor()

    def clear_selection(self) -> None:
        """Drop the selection and the mark; the cursor stays."""
        marking = self._at.marking
        self._redraw(self._at.clear())
        if marking:
            self.post_message(self.ModeChanged(self))

    def set_cursor(self, offset: int, *, extend: bool = False) -> None:
        """Move the text cursor to ``offset`` (clamped), extending the selection if asked."""
        self._at.goal = None
        self._place_caret(offset, extend=extend)

    def _place_caret(self, offset: int, *, extend: bool, scroll: bool = True) -> None:
        """Move the caret; redraw the lines whose caret or selection changed."""
        self._redraw(self._at.place(offset, extend=extend))
        if scroll:
            self.scroll_to_cursor()

    def _redraw(self, moved: Moved) -> None:
        """Redraw the lines where the caret was and is, and where the selection changed."""
        self._invalidate_offsets([(moved.old, moved.old + 1), (moved.new, moved.new + 1)])
        self._invalidate_change(moved.before, moved.after)
        self._note_caret()

    def _note_caret(self) -> None:
        """Post :class:`CaretMoved` when the spans at the caret (or just before it) or the
        presence of a selection changed: what a status line of the span under it needs."""
        offset = self._at.offset
        index = self._index
        around = (
            *index.ids_at(offset),
            "|",
            *(index.ids_at(offset - 1) if offset else ()),
            "+" if self.selection() is not None else "-",
        )
        if around != self._cursor_spans:
            self._cursor_spans = around
            self.post_message(self.CaretMoved(self))

    def _invalidate_change(
        self, before: tuple[int, int] | None, after: tuple[int, int] | None
    ) -> None:
        """Redraw the lines where two selections differ."""
        if before == after:
            return
        if before is None or after is None:
            ranges = [before or after]  # type: ignore[list-item]
        else:
            ranges = [
                (min(before[0], after[0]), max(before[0], after[0])),
                (min(before[1], after[1]), max(before[1], after[1])),
            ]
        self._invalidate_offsets([r for r in ranges if r is not None and r[0] < r[1]])

    def scroll_to_cursor(self) -> None:
        """Scroll the least needed to bring the cursor's line into view."""
        self._ensure_wrap()
        line = self.line_of_offset(self._at.offset)
        top = round(self.scroll_y)
        height = max(1, self.scrollable_content_region.height)
        if line < top:
            self.scroll_to(y=line, animate=False, immediate=True)
        elif line >= top + height:
            self.scroll_to(y=line - height + 1, animate=False, immediate=True)

    def cursor_screen_offset(self) -> tuple[int, int]:
        """Return the screen cell (x, y) of the text cursor, for placing a popup beside it."""
        self._ensure_wrap()
        line = self.line_of_offset(self._at.offset)
        column = self._column(line, self._at.offset)
        region = self.content_region
        x = region.x + column - round(self.scroll_x)
        y = region.y + line - round(self.scroll_y)
        return x, y

    def _column(self, line: int, offset: int) -> int:
        return column_of(self._display, self._lines[line], offset, self._tag_cells)

    def page_height(self) -> int:
        """Visual lines a page movement moves by: the view's height less one."""
        return max(1, self.scrollable_content_region.height - 1)

    def action_move(self, unit: str, step: int, extend: bool = False) -> None:
        """Move the cursor by ``step`` ``unit`` s (char, word, sentence, entity, line, page,
        home, end, text); with ``extend`` the selection grows to the new place."""
        target = self._at.target(unit, step, _ShownLines(self), extend=extend)
        if unit == "page":
            top = round(self.scroll_y)
            self.scroll_to(y=max(0, top + step * self.page_height()), animate=False, immediate=True)
        self._place_caret(target, extend=extend)

    def action_toggle_mark(self) -> None:
        """Set the mark at the cursor (movements then extend the selection), or drop it."""
        self._redraw(self._at.toggle_mark())
        self.post_message(self.ModeChanged(self))

    def action_toggle_precise(self) -> None:
        """Switch between token-snapped and character-precise selections."""
        self.char_precise = not self._at.precise

    def action_clear_text_selection(self) -> None:
        """Drop the selection and the mark."""
        self.clear_selection()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Escape clears a selection only when there is one (else the screen goes back)."""
        if action == "clear_text_selection":
            return self._at.anchor is not None or self._at.marking
        return True

    # -- geometry -----------------------------------------------------------------

    @property
    def line_count(self) -> int:
        """Number of visual lines at the current width."""
        self._ensure_wrap()
        return len(self._lines)

    def line_of_offset(self, offset: int) -> int:
        """Return the visual line holding a character offset."""
        self._ensure_wrap()
        return line_index(self._line_starts, offset)

    def line_range(self, line: int) -> Line:
        """Return the character range of visual line ``line``."""
        self._ensure_wrap()
        return self._lines[line]

    def line_text(self, line: int) -> str:
        """Return the drawn (sanitised) text of visual line ``line``, trailing spaces removed."""
        self._ensure_wrap()
        start, end = self._lines[line]
        return self._display[start:end].rstrip(" ")

    def spans_at(self, offset: int) -> tuple[str, ...]:
        """Return the ids of the drawn spans covering an offset, outermost first."""
        return self._index.ids_at(offset)

    def offset_at(self, x: int, line: int) -> int | None:
        """Return the character offset drawn at cell ``x`` of visual line ``line``, if any."""
        self._ensure_wrap()
        if not 0 <= line < len(self._lines):
            return None
        return offset_at_column(self._display, self._lines[line], x, self._tag_cells)

    def _wrap_width(self) -> int:
        return max(1, self.scrollable_content_region.width)

    def _ensure_wrap(self) -> None:
        width = self._wrap_width()
        if width == self._width and self._lines:
            return
        anchor = 0
        if self._lines and self.scroll_y:
            anchor = self._lines[min(round(self.scroll_y), len(self._lines) - 1)].start
        lines = self._wraps.get(width)
        if lines is None:
            if len(self._wraps) >= 4:
                self._wraps.pop(next(iter(self._wraps)))
            lines = self._wraps[width] = wrap(self._display, width, self._tag_cells)
        self._lines = lines
        self._line_starts = [line.start for line in lines]
        self._width = width
        self._strips.clear()
        self.virtual_size = Size(width, len(lines))
        if anchor:
            self.scroll_to(y=self.line_of_offset(anchor), animate=False, immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        """Re-wrap for the new width, keeping the first visible character in view."""
        self._ensure_wrap()

    def on_mount(self) -> None:
        """After the first frame, find a long text's words and sentences in a thread, so the
        first word step or selection does not wait for them (~0.1 s at 50,000 words)."""
        if len(self._text) >= _WARM_TOKENS_FROM:
            self.call_after_refresh(
                self.run_worker,
                partial(tokens.boundaries, self._text),
                thread=True,
                group="article-text-tokens",
                exit_on_error=False,
            )

    # -- drawing -------------------------------------------------------------------

    def notify_style_update(self) -> None:
        """Drop cached styles and strips when the CSS or the theme changes."""
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    def _style(self, css_class: str) -> Style:
        """Return a component class's own style, its background blended over the widget's."""
        style = self._styles.get(css_class)
        if style is None:
            style = self._styles[css_class] = span_style(self, css_class)
        return style

    def _label_style(self, label: str) -> Style:
        """Return how spans of ``label`` are drawn (configured labels included)."""
        key = f"label:{label}"
        style = self._styles.get(key)
        if style is None:
            style = self._styles[key] = configured_label_style(self, label)
        return style

    def _invalidate_spans(self, span_ids: Iterable[str]) -> None:
        """Forget the cached strips of the lines these spans touch, and redraw those in view."""
        ranges = [
            (drawn.start, drawn.end)
            for drawn in map(self._index.get, span_ids)
            if drawn is not None
        ]
        self._invalidate_offsets(ranges)

    def _invalidate_offsets(self, ranges: Iterable[tuple[int, int]]) -> None:
        """Forget the cached strips of the lines these offset ranges touch; redraw those in view."""
        if not self._lines:
            return
        starts = self._line_starts
        lines: set[int] = set()
        for start, end in ranges:
            first = max(0, bisect_right(starts, start) - 1)
            last = max(0, bisect_right(starts, max(start, end - 1)) - 1)
            lines.update(range(first, last + 1))
        discard = self._strips.discard
        for y in lines:
            discard(y)
        top = round(self.scroll_y)
        in_view = [y for y in lines if top <= y < top + self.scrollable_content_region.height]
        if in_view:
            self.refresh_lines(min(in_view), max(in_view) - min(in_view) + 1)

    def on_focus(self) -> None:
        """Draw the cursor."""
        self._invalidate_offsets([(self._at.offset, self._at.offset + 1)])

    def on_blur(self) -> None:
        """Hide the cursor."""
        self._invalidate_offsets([(self._at.offset, self._at.offset + 1)])

    def _line_strip(self, y: int, base: Style) -> Strip:
        """Return the uncropped strip of visual line ``y`` on the ``base`` style (cached)."""
        strip = self._strips.get(y)
        if strip is not None:
            return strip
        start, end = self._lines[y]
        plain = self._display[start:end]
        text = Text(plain, no_wrap=True, end="")
        text.stylize(base)
        title = self._title
        if title is not None and title[0] < end and title[1] > start:
            text.stylize(_TITLE, max(title[0], start) - start, title[1] - start)
        spans = self._index.overlapping(start, end)
        spans.sort(key=lambda d: (d.rank, d.start - d.end))
        stylize = text.stylize
        if self._show_rejected:
            for span in self._index.rejected_overlapping(start, end):
                low, high = max(span.start, start) - start, span.end - start
                stylize(self._label_style(span.label) + _REJECTED, low, high)
        for drawn in spans:
            state = _SUGGESTED if drawn.suggested else _DECIDED
            low, high = max(drawn.start, start) - start, drawn.end - start
            stylize(self._label_style(drawn.label) + state, low, high)
        focus = self._focus
        if focus:
            for drawn in spans:
                if drawn.id in focus:
                    low, high = max(drawn.start, start) - start, drawn.end - start
                    stylize(self._style(FOCUS_CLASS), low, high)
                    if drawn.id == self._cursor:
                        stylize(self._style(CURSOR_CLASS), low, high)
        selected = self.selection()
        if selected is not None and selected[0] < end and selected[1] > start:
            low, high = max(selected[0], start) - start, min(selected[1], end) - start
            stylize(self._style(SELECTION_CLASS), low, high)
        caret = self._at.offset
        on_line = start <= caret and self.line_of_offset(caret) == y
        if on_line and caret < end:
            under = text.get_style_at_offset(self.app.console, caret - start)
            stylize(self._caret_style(under), caret - start, caret - start + 1)
        if self._tags:
            text = self._tagged(text, start, end, base)
        if on_line and caret >= end:
            text.append(" ", base + self._caret_style(base))
        strip = Strip(text.render(self.app.console), text.cell_len)
        self._strips[y] = strip
        self.restyled_lines += 1
        return strip

    def _tagged(self, text: Text, start: int, end: int, base: Style) -> Text:
        """``text`` (visual line ``start``-``end``) with the label tags of its spans put in."""
        tags = self._tags
        cuts = [o for o in range(start + 1, end + 1) if o in tags]
        if not cuts:
            return text
        pieces = text.divide([o - start for o in cuts])
        tagged = Text(no_wrap=True, end="")
        for piece, cut in zip(pieces, cuts, strict=False):
            tagged.append_text(piece)
            tagged.append(tags[cut], base + _TAG)
        if len(pieces) > len(cuts):
            tagged.append_text(pieces[-1])
        return tagged

    def _caret_style(self, under: Style) -> Style:
        """The caret's look over a cell drawn with ``under``: reversed against whatever the
        cell is (a reversed highlight, a selection, a tint), so it shows on any of them and
        without colour; underlined only while the text does not have the focus."""
        if not self.has_focus:
            return _CARET_BLURRED
        return self._style(CARET_CLASS) + Style(reverse=not under.reverse, dim=False)

    def render_lines(self, crop: Region) -> list[Strip]:
        """Draw the lines in ``crop``, looking the base style and width up once for all of them."""
        self._ensure_wrap()
        self._pass = (self.rich_style, self.scrollable_content_region.width)
        try:
            return super().render_lines(crop)
        finally:
            self._pass = None

    def render_line(self, y: int) -> Strip:
        """Draw the visible line ``y`` (counted from the top of the view)."""
        if self._pass is None:
            self._ensure_wrap()
        base, width = self._pass or (self.rich_style, self.scrollable_content_region.width)
        scroll_x, scroll_y = self.scroll_offset
        line = scroll_y + y
        if line >= len(self._lines):
            return Strip.blank(width, base)
        strip = self._line_strip(line, base).crop_extend(scroll_x, scroll_x + width, base)
        return strip.apply_offsets(scroll_x, line)

    # -- mouse ----------------------------------------------------------------------

    def _pointer_offset(self, event: events.MouseEvent) -> int:
        """Return the offset nearest the pointer (past a line's text: the line's end)."""
        self._ensure_wrap()
        position = event.get_content_offset_capture(self)
        line = position.y + round(self.scroll_y)
        if line < 0:
            return 0
        if line >= len(self._lines):
            return len(self._text)
        column = max(0, position.x + round(self.scroll_x))
        return offset_in_line(self._display, self._lines[line], column, self._tag_cells)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """Put the cursor where the pointer is; a drag from here selects."""
        if event.button != 1 or event.get_content_offset(self) is None:
            return
        self.focus()
        self._at.goal = None
        self.clear_selection()
        self._place_caret(self._pointer_offset(event), extend=False)
        self._dragging = True
        self._dragged = False
        self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Extend the selection while dragging, scrolling when the pointer leaves the view."""
        if not self._dragging:
            return
        position = event.get_content_offset_capture(self)
        height = self.scrollable_content_region.height
        if position.y < 0:
            self.scroll_to(y=max(0, self.scroll_y - 1), animate=False, immediate=True)
        elif position.y >= height:
            self.scroll_to(y=self.scroll_y + 1, animate=False, immediate=True)
        offset = self._pointer_offset(event)
        if offset != self._at.offset:
            self._dragged = True
            self._place_caret(offset, extend=True)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        """End a drag."""
        if self._dragging:
            self._dragging = False
            self.release_mouse()

    def on_click(self, event: events.Click) -> None:
        """Post :class:`SpanClicked` for the spans under the pointer (not after a drag)."""
        if self._dragged:
            self._dragged = False
            return
        position = event.get_content_offset(self)
        if position is None:
            return
        offset = self.offset_at(
            position.x + round(self.scroll_x), position.y + round(self.scroll_y)
        )
        if offset is not None:
            self.post_message(self.SpanClicked(self, offset, self.spans_at(offset)))


class _ShownLines:
    """An :class:`ArticleText` as the caret's :class:`~tui.caret.WrappedLines`: its text
    wrapped at its width now."""

    def __init__(self, widget: ArticleText) -> None:
        self._widget = widget

    def lines(self) -> Sequence[Line]:
        widget = self._widget
        widget._ensure_wrap()
        return widget._lines

    def display(self) -> str:
        return self._widget._display

    def tags(self) -> Tags:
        return self._widget._tag_cells

    def line_of(self, offset: int) -> int:
        return self._widget.line_of_offset(offset)

    def page_height(self) -> int:
        return self._widget.page_height()
