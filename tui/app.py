"""The annotui Textual app: a thin shell that owns the store, the screens and the annotation worker.

spaCy is never imported here: :mod:`tui.workers` loads the pipeline in a thread the first
time an article needs annotating, so stored annotations show at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.css.query import NoMatches
from textual.reactive import reactive
from textual.screen import Screen
from textual.types import CSSPathType
from textual.worker import Worker, WorkerFailed

from annotate.pipeline import default_model
from store import ArticleSummary, Store, StoreError, add_seed_articles
from tui.annotation_run import AnnotationScreen
from tui.live_refresh import LiveRefresh
from tui.messages import (
    AnnotationFailed,
    AnnotationReady,
    ArticlesAdded,
    OpenArticle,
    RunProgress,
)
from tui.screens.article_list import ArticleListScreen
from tui.startup import LabelSetup, error_line, show_startup_notices, show_store_notices
from tui.startup_tuning import StartupTuning
from tui.textual_private import ExceptionHook
from tui.work_runs import WorkRuns
from tui.workers import ANNOTATE_GROUP, AnnotationJob, AnnotationWorker

if TYPE_CHECKING:
    from textual.command import Provider

    from annotate.labels import LabelConfig
    from annotate.model import Annotation
    from tui.screens.article_view import ArticleScreen

EXIT_STORE_ERROR = 2
"""Exit status of the app ended by a store or file error (as the command line's errors)."""
DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"


def _annotui_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens (not at start-up)."""
    from tui.commands import AnnotuiCommands

    return AnnotuiCommands


class AnnotuiApp(ExceptionHook, App[None]):
    """Read and annotate the articles of one store."""

    CSS_PATH: ClassVar[CSSPathType | None] = ["app.tcss", "screens/article_list.tcss"]
    """The list screen's rules are read with the app's: pushing it then re-parses nothing."""
    TITLE = "annotui"
    progress: reactive[tuple[str, ...]] = reactive((), init=False)
    """What long work is going on (``annotating 3/40…``); its watcher draws the header."""
    COMMANDS = App.COMMANDS | {_annotui_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding(
            "ctrl+t",
            "toggle_dark",
            "Theme",
            show=False,
            tooltip="Toggle dark/light theme",
            id="app.theme",
        ),
        Binding(
            "ctrl+x",
            "stop_work",
            "Stop",
            tooltip="Stop the model run (what it finished stays saved), the import (what was added "
            "stays whole) or the export (nothing is written)",
            id="app.stop",
        ),
    ]

    def __init__(
        self,
        store: Store,
        *,
        model_name: str | None = None,
        annotator: str | None = None,
        label_config: LabelConfig | None = None,
        startup_tuning: bool = True,
    ) -> None:
        super().__init__()
        self.store = store
        """The store every screen reads and writes through."""
        self.model_name = model_name or default_model()
        """Name of the spaCy pipeline used for suggestions."""
        self.annotator = annotator
        """Name of the person annotating, recorded in provenance."""
        self._labels = LabelSetup(label_config)
        self.summaries: dict[str, ArticleSummary] = {}
        """Summary of every article by id, in store order: what the list shows."""
        self.unsaved: dict[str, Annotation] = {}
        """Model annotations of a read-only store, kept for this session only."""
        self._annotation = AnnotationWorker(self.model_name)
        self.runs = WorkRuns(self, self, store)
        """The model run, the import and the export."""
        self._queue = self.runs.annotation
        self._import, self._export = self.runs.imports, self.runs.exports
        self._open_screens: dict[str, Screen[object]] = {}
        self._live = LiveRefresh(self)
        self._startup_errors: list[str] = []
        self.fatal_error: str | None = None
        """Why the app ended early: a store or file error, one line (``cmd_app`` prints it)."""
        self._tuning = StartupTuning(self, enabled=startup_tuning)
        self.theme = DARK_THEME
        self.watch_progress(())

    @property
    def annotation_worker(self) -> AnnotationWorker:
        """The body of the annotation runs (owns the lazily loaded spaCy pipeline)."""
        return self._annotation

    @property
    def label_config(self) -> LabelConfig:
        """Labels, colours, keys and event types in force (see :mod:`annotate.labels`).

        The one given, else the user's and the store's files once the list is on screen
        (the defaults until then).
        """
        return self._labels.config

    # -- start-up -------------------------------------------------------------

    def handle_unhandled(self, error: Exception) -> bool:
        """End the app on a store or file error that nothing handled (a store unreadable at
        start-up, say) with :attr:`fatal_error` and exit status 2, instead of Textual's
        traceback, whose locals would show the bytes of the files read (see
        :class:`~tui.textual_private.ExceptionHook`)."""
        cause = error.error if isinstance(error, WorkerFailed) else error
        if not isinstance(cause, StoreError | OSError):
            return False
        if self.fatal_error is None:
            self.fatal_error = error_line(cause)
        self.exit(return_code=EXIT_STORE_ERROR)
        return True

    def on_load(self) -> None:
        """Hold the collector until the list's first frame (see :mod:`tui.startup_tuning`)."""
        self._tuning.starting()

    def get_default_screen(self) -> Screen[object]:
        """The article list is the app's first screen (no empty screen is made under it).

        Seeds an empty store first; from here on, other processes' writes show (poll_store).
        """
        self._live.start()
        if not self.store.readonly and len(self.store) == 0:
            try:
                add_seed_articles(self.store)
            except StoreError as error:
                self._startup_errors.append(str(error))
        self.summaries = {s.id: s for s in self.store.summaries()}
        return ArticleListScreen(list(self.summaries.values()))

    def on_mount(self) -> None:
        """Say what went wrong at start-up; the rest waits for the list's first frame.

        Reading the label configuration, starting the model on unannotated articles and
        getting the article screen ready all come after the list is drawn
        (:meth:`_after_first_frame`), so nothing the list does not need delays it.
        """
        show_startup_notices(self, self.store, self._startup_errors)
        self.call_after_refresh(self._after_first_frame)

    def show_store_notices(self) -> None:
        """Show what the store repaired since it was last asked, each once."""
        show_store_notices(self, self.store)

    def _after_first_frame(self) -> None:
        """The list is on screen: read the label configuration, annotate what has no
        annotation, then (when idle) build the article screen's parts ahead of use.

        What start-up left alive is frozen out of the collector's sight first.
        """
        self._tuning.first_frame()
        self._labels.load(self, self.store)
        self.annotate_missing(self.summaries.values())
        self.call_after_refresh(self._prepare_article_screen)

    def watch_progress(self, progress: tuple[str, ...]) -> None:
        """Draw the header: the store, read-only, the long work going on; offer "Stop"."""
        parts = [str(self.store.path), *(["read-only"] if self.store.readonly else [])]
        self.sub_title = " · ".join([*parts, *progress])
        self._refresh_footer()

    def show_progress(self) -> None:
        """Set :attr:`progress` from the model run, the import and the export."""
        self.progress = self.runs.progress()
        self._refresh_footer()

    def _refresh_footer(self) -> None:
        """Offer or withdraw "Stop" in the footer; nothing while the app has no screen (a run
        that ends while the app closes)."""
        if self.screen_stack:
            self.refresh_bindings()

    def on_run_progress(self, message: RunProgress) -> None:
        """An import or export started or got on (coalesced reports from its thread)."""
        self.runs.show(message.group, message.progress)
        self.show_progress()

    def on_articles_added(self, message: ArticlesAdded) -> None:
        """Show what the import added; once it is done, annotate the new articles."""
        self.poll_store()
        if message.done:
            with suppress(StoreError):  # reported by the poll
                self.annotate_missing([self.store.summary(aid) for aid in message.article_ids])

    def annotate_missing(self, summaries: Iterable[ArticleSummary]) -> None:
        """Queue for the model the articles whose summary does not prove an annotation."""
        self._queue.queue_missing(summaries)

    # -- annotation (the queue is tui.annotation_run) --------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group=ANNOTATE_GROUP)
    def annotate_articles(self) -> None:
        """Annotate the pending articles in a thread worker; results arrive as messages."""
        self._annotation.run(self)

    def next_to_annotate(self) -> AnnotationJob | None:
        """Take the next article that still needs an annotation (the worker calls this)."""
        return self._queue.next_job()

    def on_annotation_ready(self, message: AnnotationReady) -> None:
        """Store a new model annotation (see :meth:`AnnotationRun.ready`)."""
        self._queue.ready(message.article_id, message.annotation)

    def on_annotation_failed(self, message: AnnotationFailed) -> None:
        """Mark an article failed (see :meth:`AnnotationRun.failed`)."""
        self._queue.failed(message.article_id, message.reason)

    def article_screens(self) -> dict[str, AnnotationScreen]:
        """The open article screens by article id."""
        return {aid: s for aid, s in self._open_screens.items() if s in self.screen_stack}  # type: ignore[misc]

    @on(Worker.StateChanged)
    def _worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Report a run's end once, and clear its progress."""
        if self.runs.worker_changed(event.worker, event.state):
            self.show_progress()

    def refresh_summary(self, article_id: str, annotation: Annotation | None = None) -> None:
        """Re-read an article's status and counts and redraw its row."""
        self._live.refresh_summary(article_id, annotation)

    def poll_store(self) -> frozenset[str]:
        """Show what was written to the store since the last look (by any process): list
        rows, new articles, the open article. Runs every second; returns the changed ids."""
        return self._live.poll()

    def _lists(self) -> list[ArticleListScreen]:
        return [s for s in self.screen_stack if isinstance(s, ArticleListScreen)]

    def update_summary(self, summary: ArticleSummary) -> None:
        """Redraw an article's row."""
        for screen in self._lists():
            screen.update_summary(summary)

    def set_busy(self, article_ids: frozenset[str]) -> None:
        """Mark the articles the model is annotating in the list."""
        for screen in self._lists():
            screen.set_busy(article_ids)

    # -- opening articles -----------------------------------------------------

    def neighbour_article(self, article_id: str, step: int) -> str | None:
        """The article ``step`` rows away in the list as shown (sorted, filtered); an article
        the filter hides counts from its place in the store."""
        lists = self._lists()
        try:
            order = [row.id for row in lists[0].table.rows] if lists else []
        except NoMatches:  # the list is not composed yet
            order = []
        if article_id not in order:
            order = list(self.summaries)
        if article_id not in order:
            return None
        index = order.index(article_id) + step
        return order[index] if 0 <= index < len(order) else None

    def on_open_article(self, message: OpenArticle) -> None:
        """Open the article a screen asked for."""
        self.open_article(message.article_id)

    def _prepare_article_screen(self) -> None:
        """Read the labels and the article screen's styles, build a spare one (once)."""
        self._labels.load(self, self.store)
        self._tuning.prepare()

    @property
    def _spare(self) -> ArticleScreen | None:
        return self._tuning.screen

    def open_article(self, article_id: str, *, undo_review: tuple[str, str] | None = None) -> None:
        """Push the article screen; annotate the article first if it has no annotation.
        ``undo_review`` is handed to the screen (``u`` there undoes that review).

        The collector is held until the article's first frame (see :func:`hold_gc`).
        """
        from tui.screens.article_view import ArticleScreen

        self._prepare_article_screen()
        try:
            article = self.store.article(article_id)
            annotation = self.store.annotation(article_id) or self.unsaved.get(article_id)
        except StoreError as error:
            self.notify(str(error), title="Cannot open", severity="error", markup=False)
            return
        screen = self._tuning.take(article, annotation)
        screen.undo_review = undo_review
        self._open_screens = {
            aid: s for aid, s in self._open_screens.items() if s in self.screen_stack
        }
        self._open_screens[article_id] = screen
        if isinstance(self.screen, ArticleScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)
        self._tuning.opening(screen)  # the screen is mounted later, on the next message
        if annotation is None:
            self._queue.opened_without_annotation(article_id, screen)

    def on_unmount(self) -> None:
        """End the model's process; give the collector back what start-up froze."""
        self._annotation.close()
        self._tuning.ending()

    # -- actions --------------------------------------------------------------

    def action_cancel_annotation(self) -> None:
        """Stop the annotation run: the article being annotated and those queued are left
        as they are (nothing of the run is written), and the screens say so."""
        self.runs.cancel_annotation()

    def action_stop_work(self) -> None:
        """Stop the long work going on: the model run, the import and the export."""
        self.runs.stop_all()

    def action_import_articles(self) -> None:
        """Ask for a file or folder and import its articles."""
        self._import.ask()

    def action_export_corpus(self) -> None:
        """Ask for a file and write the annotated articles to it."""
        self._export.ask()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer "Stop" only while a model run, an import or an export is going."""
        if action == "cancel_annotation":
            return self.runs.annotating
        if action == "stop_work":
            return self.runs.stoppable
        return True

    def action_show_stats(self) -> None:
        """Open the statistics screen."""
        from tui.screens.stats_screen import StatsScreen

        if not isinstance(self.screen, StatsScreen):
            self.push_screen(StatsScreen(self.store.path))

    def action_help(self) -> None:
        """Show the keys of the current screen."""
        from tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen.for_screen(self.screen))

    def action_toggle_dark(self) -> None:
        """Switch between the dark and the light theme."""
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's system commands, less those our bindings already offer."""
        for command in super().get_system_commands(screen):
            if command.title not in ("Quit", "Keys"):
                yield command


def make_app(
    store_path: Path,
    *,
    model: str | None = None,
    annotator: str | None = None,
    readonly: bool = False,
    label_config: LabelConfig | None = None,
    startup_tuning: bool = True,
) -> AnnotuiApp:
    """Open the store at ``store_path`` and build the app on it (raises ``StoreError``).

    Without ``label_config`` the app reads the user's and the store's configuration itself.
    ``startup_tuning=False`` leaves out what only makes the first frames come sooner (the
    collector held and frozen, a spare article screen built while idle): the tests' factory.
    """
    store = Store(store_path, readonly=readonly, create=not readonly)
    return AnnotuiApp(
        store,
        model_name=model,
        annotator=annotator,
        label_config=label_config,
        startup_tuning=startup_tuning,
    )
