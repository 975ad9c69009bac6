"""The article list: a filter box over a virtualised table of every article in the store."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Footer, Header, Input

from store import ArticleSummary
from tui.article_query import (
    SORT_KEYS,
    Query,
    QueryError,
    SortKey,
    matches,
    parse_query,
    progress,
    sort_summaries,
)
from tui.messages import OpenArticle
from tui.widgets.article_table import ArticleTable

EMPTY_STORE = "No articles in this store yet. Add some with `annotui import`."
"""Shown in the table when the store has no articles."""


def haystack(summary: ArticleSummary) -> str:
    """The case-folded text a filter is matched against: the title and every person's name."""
    return "\n".join((summary.title, *summary.people)).casefold()


def filter_summaries(
    summaries: Sequence[ArticleSummary],
    query: str | Query,
    haystacks: Sequence[str] | None = None,
) -> list[ArticleSummary]:
    """Return the summaries that pass the filter (words in the title or a person's name, any
    case, and the fields of :mod:`tui.article_query`)."""
    parsed = parse_query(query) if isinstance(query, str) else query
    if parsed.empty:
        return list(summaries)
    hays = haystacks if haystacks is not None else [haystack(s) for s in summaries]
    return [s for s, hay in zip(summaries, hays, strict=True) if matches(s, parsed, hay)]


class ArticleListScreen(Screen[None]):
    """Every article with its status and counts; type to filter, enter to open."""

    CSS_PATH = "article_list.tcss"
    AUTO_FOCUS = "#articles"
    HELP_TITLE = "Articles"
    HELP = (
        "Every article in the store with its review status and how many people and events "
        "are annotated; the header says how many are reviewed and how many suggestions are "
        "left. Type in the filter box to narrow the list by title or person, and by "
        "status:new|progress|reviewed|open, label:ORG, by:NAME (who decided) or "
        "has:suggestions. s sorts by the next column (or click a heading), r turns the order "
        "round; enter opens the highlighted article."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_filter", "Filter", show=False, id="list.filter"),
        Binding(
            "i",
            "app.import_articles",
            "Import…",
            tooltip="Add the articles of a text file, a folder or a .jsonl to the store",
            id="list.import",
        ),
        Binding(
            "e",
            "app.export_corpus",
            "Export…",
            tooltip="Write every annotated article to a JSON lines file (training data)",
            id="list.export",
        ),
        Binding("escape", "clear_filter", "Clear filter", id="list.clear-filter"),
        Binding("s", "sort", "Sort", tooltip="Sort by the next column", id="list.sort"),
        Binding("r", "reverse", "Reverse", show=False, id="list.reverse"),
        Binding(
            "S",
            "app.show_stats",
            "Stats",
            tooltip="Statistics of the corpus: progress, labels, the model, annotators",
            id="list.stats",
        ),
        Binding("down", "focus_list", "Go to the list", show=False, id="list.focus-list"),
    ]

    def __init__(self, summaries: Sequence[ArticleSummary]) -> None:
        super().__init__()
        self._summaries: list[ArticleSummary] = list(summaries)
        self._position: dict[str, int] = {s.id: i for i, s in enumerate(self._summaries)}
        self._haystacks: list[str] | None = None
        self._busy: frozenset[str] = frozenset()
        self._sort: SortKey = "store"
        self._reverse = False
        self._reviewed = 0
        self._open = 0
        self._count_progress()

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield Input(
            placeholder="Filter: title or person, status:reviewed label:ORG by:ana…", id="filter"
        )
        yield ArticleTable(self._summaries, empty_text=EMPTY_STORE, id="articles")
        yield Footer()

    # -- data down ----------------------------------------------------------

    @property
    def table(self) -> ArticleTable:
        """The table of articles."""
        return self.query_one("#articles", ArticleTable)

    @property
    def filter_input(self) -> Input:
        """The filter box."""
        return self.query_one("#filter", Input)

    def _composed_table(self) -> ArticleTable | None:
        """The table, or None while the screen is not composed yet (the app may report on
        articles before that: the table is then built from what the screen holds)."""
        try:
            return self.table
        except NoMatches:
            return None

    @property
    def summaries(self) -> list[ArticleSummary]:
        """Every article's summary, filtered or not."""
        return list(self._summaries)

    def _count_progress(self) -> None:
        self._reviewed = sum(1 for s in self._summaries if s.status == "reviewed")
        self._open = sum(s.n_open for s in self._summaries)
        if self.is_mounted:
            self.show_progress()

    def show_progress(self) -> None:
        """The corpus's progress in the header, after what the app says there (the store,
        the work going on); kept as counts, as an edit changes one row."""
        left = "suggestion" if self._open == 1 else "suggestions"
        total = len(self._summaries)
        corpus = f"{self._reviewed} of {total} reviewed · {self._open} {left} left"
        self.sub_title = " · ".join(part for part in (corpus, self.app.sub_title) if part)

    @property
    def progress(self) -> str:
        """What the header says of the corpus (``3 of 50 reviewed · 12 suggestions left``)."""
        return progress(self._summaries)

    def set_summaries(self, summaries: Sequence[ArticleSummary]) -> None:
        """Replace every summary and apply the filter again."""
        self._summaries = list(summaries)
        self._position = {s.id: i for i, s in enumerate(self._summaries)}
        self._haystacks = None
        self._count_progress()
        if self._composed_table() is not None:
            self.apply_filter(self.filter_input.value)

    def update_summary(self, summary: ArticleSummary) -> None:
        """Replace one article's summary and redraw its row."""
        index = self._position.get(summary.id)
        if index is None:
            return
        old = self._summaries[index]
        self._reviewed += (summary.status == "reviewed") - (old.status == "reviewed")
        self._open += summary.n_open - old.n_open
        if self.is_mounted:
            self.show_progress()
        self._summaries[index] = summary
        if self._haystacks is not None:
            self._haystacks[index] = haystack(summary)
        if (table := self._composed_table()) is not None:
            table.update_row(summary)

    def set_busy(self, article_ids: frozenset[str]) -> None:
        """Mark the articles the model is annotating."""
        self._busy = article_ids
        if (table := self._composed_table()) is not None:
            table.set_busy(article_ids)

    def on_mount(self) -> None:
        self.table.set_busy(self._busy)
        self.watch(self.app, "sub_title", self.show_progress)  # the store, the work going on

    def apply_filter(self, query: str) -> None:
        """Show only the articles that pass the filter ``query``, in the chosen order; a
        filter the list cannot read is said under the box, and keeps every article."""
        box = self.filter_input
        try:
            parsed = parse_query(query)
            box.border_subtitle = None
            box.remove_class("-invalid")
        except QueryError as error:
            parsed = Query()
            box.border_subtitle = str(error)
            box.add_class("-invalid")
        if not parsed.empty and self._haystacks is None:
            self._haystacks = [haystack(s) for s in self._summaries]
        rows = filter_summaries(self._summaries, parsed, self._haystacks)
        rows = sort_summaries(rows, self._sort, reverse=self._reverse)
        table = self.table
        if not self._summaries:
            table.set_empty_text(EMPTY_STORE)
        else:
            table.set_empty_text(f"No article matches “{query.strip()}”.")
        table.set_sort(self._sort, self._reverse)
        table.set_rows(rows, keep=table.current_id)
        self.refresh_bindings()

    def sort_by(self, key: SortKey, *, reverse: bool = False) -> None:
        """Order the list by ``key`` (``store``: the store's order)."""
        self._sort, self._reverse = key, reverse
        self.apply_filter(self.filter_input.value)
        order = "the store's order" if key == "store" else f"{key}{', reversed' if reverse else ''}"
        self.notify(f"Sorted by {order}.", timeout=2, markup=False)

    def action_sort(self) -> None:
        """Sort by the next column (store order, title, status, people, events, updated)."""
        self.sort_by(SORT_KEYS[(SORT_KEYS.index(self._sort) + 1) % len(SORT_KEYS)])

    def action_reverse(self) -> None:
        """Turn the order round."""
        self.sort_by(self._sort, reverse=not self._reverse)

    @on(ArticleTable.SortRequested, "#articles")
    def _heading_clicked(self, event: ArticleTable.SortRequested) -> None:
        key = cast(SortKey, event.column)
        self.sort_by(key, reverse=not self._reverse if key == self._sort else False)

    # -- events up ----------------------------------------------------------

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.apply_filter(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        self.table.focus()

    @on(ArticleTable.Selected, "#articles")
    def _article_selected(self, event: ArticleTable.Selected) -> None:
        self.post_message(OpenArticle(event.article_id))

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer "clear filter" only when there is something to clear or leave."""
        if action not in ("clear_filter", "focus_list"):
            return True
        try:
            box = self.filter_input
        except NoMatches:
            return False
        if action == "clear_filter":
            return bool(box.value) or box.has_focus
        return box.has_focus

    def action_focus_filter(self) -> None:
        """Move to the filter box."""
        self.filter_input.focus()

    def action_focus_list(self) -> None:
        """Move to the list."""
        self.table.focus()

    def action_clear_filter(self) -> None:
        """Clear the filter and go to the list (so the next key is a list key, not typed)."""
        self.filter_input.value = ""
        self.table.focus()
