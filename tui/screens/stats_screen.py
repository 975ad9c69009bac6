"""The statistics screen: the corpus's progress, its annotation and the model's record as
bar charts (:mod:`tui.stats_view`), counted in a thread from a read-only view of the store."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from store import Store
from store.corpus_stats import CorpusStats, corpus_stats
from tui.safe_text import counted
from tui.stats_view import Section, chart_rows, sections


class BarChart(Static):
    """One section: its title, then a bar per row with its name and figure."""

    DEFAULT_CSS = """
    BarChart {
        height: auto;
        margin: 0 0 1 0;
    }
    """

    def __init__(self, section: Section) -> None:
        super().__init__(classes="chart")
        self.section = section

    def render(self) -> Content:
        """Draw the chart to the widget's width."""
        section = self.section
        lines = [Content.styled(section.title, "bold")]
        for name, bar, figure in chart_rows(section, self.size.width or 80):
            lines.append(Content.assemble(name, (bar, "$accent"), (figure, "$text-muted")))
        if not section.bars:
            lines.append(Content.styled("  none yet", "dim italic"))
        return Content("\n").join(lines)


class StatsScreen(Screen[None]):
    """The corpus statistics; escape goes back, r counts again."""

    HELP_TITLE = "Statistics"
    HELP = (
        "How far the review is, what the annotation holds (spans by label, state and origin), "
        "the share of the model's suggestions people accepted per label, the people the "
        "corpus names most and what each annotator did. annotui stats prints the same."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="stats.back"),
        Binding("r", "recount", "Count again", id="stats.recount"),
    ]

    def __init__(self, store_path: Path) -> None:
        super().__init__()
        self.store_path = store_path
        self.stats: CorpusStats | None = None
        """The statistics shown, once counted."""

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with VerticalScroll(id="charts"):
            yield Static("Counting…", id="counting")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Statistics"
        self.action_recount()

    def action_recount(self) -> None:
        """Count the corpus again (in a thread: a large store takes a while)."""
        self.query_one("#counting", Static).update("Counting…")
        self._count()

    @work(thread=True, exclusive=True, group="stats")
    def _count(self) -> None:
        def progress(done: int, total: int) -> None:
            if done % 500 == 0 or done == total:
                self.app.call_from_thread(self._show_progress, done, total)

        with Store(self.store_path, readonly=True) as store:
            stats = corpus_stats(store, progress)
        self.app.call_from_thread(self.show_stats, stats)

    def _show_progress(self, done: int, total: int) -> None:
        self.query_one("#counting", Static).update(f"Counting {done:,} of {total:,} articles…")

    def show_stats(self, stats: CorpusStats) -> None:
        """Draw the charts of ``stats``."""
        self.stats = stats
        charts = self.query_one("#charts", VerticalScroll)
        charts.remove_children()
        left = f" · {stats.unreadable:,} could not be read" if stats.unreadable else ""
        articles = counted(stats.articles, "article")
        self.sub_title = f"{articles}, {stats.annotated:,} annotated{left}"
        charts.mount_all([BarChart(section) for section in sections(stats)])

    def action_back(self) -> None:
        """Back to the list."""
        self.dismiss(None)
