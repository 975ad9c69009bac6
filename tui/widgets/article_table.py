"""A virtualised table of articles: draws only the visible rows, so 100,000 rows cost nothing.

Data goes down as :meth:`ArticleTable.set_rows` / :meth:`ArticleTable.update_row`; events go
up as :class:`ArticleTable.Highlighted` and :class:`ArticleTable.Selected`. Titles are drawn
as plain text (never markup) with control characters replaced.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Protocol

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

BUSY_TEXT = "annotating…"
"""Status cell of an article the model is annotating right now."""
FAILED_TEXT = "failed"
"""Status cell of a new article the model failed on (its reason shows when it is opened)."""
STATUS_TEXT: dict[str, str] = {
    "new": "new",
    "in_progress": "in progress",
    "reviewed": "reviewed",
    "busy": BUSY_TEXT,
    "failed": FAILED_TEXT,
}
"""How each stored status (and the two states of the model's run) reads in the table."""

_STATUS_WIDTH = 11
_NUMBER_WIDTH = 8
_GAP = 2


class Summary(Protocol):
    """The fields of ``store.ArticleSummary`` the table reads."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def n_people(self) -> int: ...
    @property
    def n_events(self) -> int: ...
    @property
    def updated(self) -> str | None: ...


def plain(text: str) -> str:
    """Return ``text`` on one line with control characters (escape codes, tabs) made spaces."""
    return "".join(ch if ch.isprintable() else " " for ch in text)


def _count(row: Summary, value: int) -> str:
    """A count cell: "–" for an article never annotated (nothing stored to count yet)."""
    return "–" if row.updated is None else str(value)


def _cell(text: str, width: int, *, right: bool = False) -> str:
    """Fit ``text`` into exactly ``width`` cells, with an ellipsis when it is cut."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    if right:
        return " " * (width - cell_len(text)) + text
    return set_cell_size(text, width)


_DESCENDING = frozenset({"people", "events", "updated"})
"""Columns sorted largest / latest first: their arrow points the other way."""


class ArticleTable(ScrollView, can_focus=True, inherit_bindings=False):
    """Title, status, people and events of each article, one row each, with a cursor row."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-table--header",
        "article-table--cursor",
        "article-table--empty",
        "article-table--status-new",
        "article-table--status-in_progress",
        "article-table--status-reviewed",
        "article-table--status-busy",
        "article-table--status-failed",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open", id="table.open"),
        Binding("up", "cursor_up", "Previous article", show=False, id="table.up"),
        Binding("down", "cursor_down", "Next article", show=False, id="table.down"),
        Binding("pageup", "page_up", "Page up", show=False, id="table.page-up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="table.page-down"),
        Binding("home", "first", "First article", show=False, id="table.first"),
        Binding("end", "last", "Last article", show=False, id="table.last"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, layout=False, repaint=False)
    """Index of the highlighted row in the current rows."""

    class Highlighted(Message):
        """The cursor moved to another article."""

        def __init__(self, table: ArticleTable, article_id: str | None) -> None:
            super().__init__()
            self.table = table
            self.article_id = article_id

        @property
        def control(self) -> ArticleTable:
            """The table the cursor moved in."""
            return self.table

    class SortRequested(Message):
        """A column heading was clicked: sort by it (again: the other way round)."""

        def __init__(self, table: ArticleTable, column: str) -> None:
            super().__init__()
            self.table = table
            self.column = column

        @property
        def control(self) -> ArticleTable:
            """The table whose heading was clicked."""
            return self.table

    class Selected(Message):
        """The user asked to open an article (enter or double click)."""

        def __init__(self, table: ArticleTable, article_id: str) -> None:
            super().__init__()
            self.table = table
            self.article_id = article_id

        @property
        def control(self) -> ArticleTable:
            """The table the article was chosen in."""
            return self.table

    def __init__(
        self,
        rows: Sequence[Summary] = (),
        *,
        empty_text: str = "No articles.",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._rows: list[Summary] = []
        self._index: dict[str, int] = {}
        self._busy: frozenset[str] = frozenset()
        self._sort: tuple[str, bool] = ("store", False)
        self.empty_text = empty_text
        """Text drawn under the header when there are no rows."""
        self.set_rows(rows)

    # -- data down ----------------------------------------------------------

    @property
    def rows(self) -> list[Summary]:
        """The rows shown, in order (a copy)."""
        return list(self._rows)

    @property
    def row_count(self) -> int:
        """Number of rows shown."""
        return len(self._rows)

    @property
    def current_id(self) -> str | None:
        """Id of the article under the cursor, if any."""
        return self._rows[self.cursor].id if self._rows else None

    def set_rows(self, rows: Sequence[Summary], *, keep: str | None = None) -> None:
        """Show ``rows``; the cursor goes to the row with id ``keep`` if present, else the top."""
        self._rows = list(rows)
        self._index = {row.id: i for i, row in enumerate(self._rows)}
        self.virtual_size = Size(0, len(self._rows) + 1)
        target = self._index.get(keep, 0) if keep is not None else 0
        self.cursor = target
        self.refresh()

    def set_sort(self, column: str, reverse: bool) -> None:
        """Mark the column the rows are sorted by in the header (``store``: none)."""
        self._sort = (column, reverse)
        self.refresh_line(0)

    def set_empty_text(self, text: str) -> None:
        """Change the text shown when there are no rows."""
        self.empty_text = text
        if not self._rows:
            self.refresh()

    def update_row(self, row: Summary) -> None:
        """Replace the row with the same id, if it is shown."""
        index = self._index.get(row.id)
        if index is not None:
            self._rows[index] = row
            self._refresh_row(index)

    def set_busy(self, article_ids: frozenset[str]) -> None:
        """Mark the articles being annotated; their status reads "annotating…"."""
        changed = self._busy ^ article_ids
        self._busy = article_ids
        for article_id in changed:
            index = self._index.get(article_id)
            if index is not None:
                self._refresh_row(index)

    def status_text(self, row: Summary) -> str:
        """The status cell of a row as drawn."""
        key = self._status_key(row)
        return STATUS_TEXT.get(key, key)

    def _status_key(self, row: Summary) -> str:
        """``busy``, ``failed`` (the model failed on it and nobody has edited it) or the
        stored status."""
        if row.id in self._busy:
            return "busy"
        if row.status == "new" and getattr(row, "failed", None):
            return "failed"
        return row.status

    # -- cursor -------------------------------------------------------------

    @property
    def _page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self._rows) - 1)) if self._rows else 0

    def watch_cursor(self, old: int, new: int) -> None:
        if not self.is_mounted:
            return
        self._refresh_row(old)
        self._refresh_row(new)
        self._scroll_cursor_into_view()
        self.post_message(self.Highlighted(self, self.current_id))

    def _scroll_cursor_into_view(self) -> None:
        top = round(self.scroll_y)
        page = self._page_rows
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + page:
            self.scroll_to(y=self.cursor - page + 1, animate=False, immediate=True)

    def _on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._scroll_cursor_into_view)

    def _refresh_row(self, index: int) -> None:
        line = index - round(self.scroll_y) + 1
        if 1 <= line < self.size.height:
            self.refresh_line(line + round(self.scroll_y))

    def action_cursor_up(self) -> None:
        """Move the cursor up a row."""
        self.cursor -= 1

    def action_cursor_down(self) -> None:
        """Move the cursor down a row."""
        self.cursor += 1

    def action_page_up(self) -> None:
        """Move the cursor up a page."""
        self.cursor -= self._page_rows

    def action_page_down(self) -> None:
        """Move the cursor down a page."""
        self.cursor += self._page_rows

    def action_first(self) -> None:
        """Move the cursor to the first row."""
        self.cursor = 0

    def action_last(self) -> None:
        """Move the cursor to the last row."""
        self.cursor = len(self._rows) - 1

    def action_select_cursor(self) -> None:
        """Open the article under the cursor."""
        if self._rows:
            self.post_message(self.Selected(self, self._rows[self.cursor].id))

    def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y < 1:
            column = self.column_at(offset.x)
            if column is not None:
                self.post_message(self.SortRequested(self, column))
            return
        index = round(self.scroll_y) + offset.y - 1
        if 0 <= index < len(self._rows):
            self.cursor = index
            if event.chain >= 2:
                self.action_select_cursor()

    # -- drawing ------------------------------------------------------------

    def _widths(self, width: int) -> tuple[int, int, int, int]:
        title = max(8, width - 1 - _STATUS_WIDTH - 2 * _NUMBER_WIDTH - 3 * _GAP - 1)
        return title, _STATUS_WIDTH, _NUMBER_WIDTH, _NUMBER_WIDTH

    def _heading(self, name: str) -> str:
        """A column's heading, with an arrow on the column the rows are sorted by."""
        column, reverse = self._sort
        if column != name.lower():
            return name
        return f"{name} {'▲' if reverse == (column in _DESCENDING) else '▼'}"

    def column_at(self, x: int) -> str | None:
        """The column (``title``, ``status``, ``people``, ``events``) at ``x`` in the header."""
        widths = self._widths(self.scrollable_content_region.width)
        edge = 1
        for name, width in zip(("title", "status", "people", "events"), widths, strict=True):
            if x < edge + width + _GAP:
                return name
            edge += width + _GAP
        return None

    def _line(self, cells: Sequence[tuple[str, Style]], width: int, base: Style) -> Strip:
        segments = [Segment(" ", base)]
        for i, (text, style) in enumerate(cells):
            if i:
                segments.append(Segment(" " * _GAP, base))
            segments.append(Segment(text, style))
        strip = Strip(segments)
        return strip.crop_extend(0, width, base)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        title_w, status_w, people_w, events_w = self._widths(width)
        if y == 0:
            header = self.get_component_rich_style("article-table--header")
            cells = [
                (_cell(self._heading("Title"), title_w), header),
                (_cell(self._heading("Status"), status_w), header),
                (_cell(self._heading("People"), people_w, right=True), header),
                (_cell(self._heading("Events"), events_w, right=True), header),
            ]
            return self._line(cells, width, header)
        index = round(self.scroll_y) + y - 1
        if not self._rows:
            if y == 1:
                empty = self.get_component_rich_style("article-table--empty")
                return self._line([(_cell(self.empty_text, width - 2), empty)], width, base)
            return Strip.blank(width, base)
        if index >= len(self._rows):
            return Strip.blank(width, base)
        row = self._rows[index]
        status_class = self._status_key(row)
        status_style = self.get_component_rich_style(
            f"article-table--status-{status_class}", partial=True, default=Style()
        )
        row_style = base
        if index == self.cursor:
            row_style = base + self.get_component_rich_style("article-table--cursor", partial=True)
            status_style = Style()
        cells = [
            (_cell(plain(row.title) or "(untitled)", title_w), row_style),
            (_cell(self.status_text(row), status_w), row_style + status_style),
            (_cell(_count(row, row.n_people), people_w, right=True), row_style),
            (_cell(_count(row, row.n_events), events_w, right=True), row_style),
        ]
        return self._line(cells, width, row_style)
