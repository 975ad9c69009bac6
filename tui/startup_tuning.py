"""What makes the first frames come sooner: a spare article screen and the collector held.

Composing, mounting and styling the article screen's widgets is most of what opening an
article costs; the app keeps one such screen ready (without its article), built while the
list is idle, so opening one only adds the text and draws (README: *open the long article,
first frame*). The garbage collector is held off the list's first frame and the article's
(see :mod:`tui.gc_hold`). Tests build the app without either (``startup_tuning=False``): each
short session would pay for a spare screen it never shows and a full collection at exit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tui.gc_hold import freeze_startup, hold_gc, release_gc, unfreeze
from tui.textual_private import is_exiting, start_hidden

if TYPE_CHECKING:
    from textual.app import App

    from annotate.model import Annotation
    from store import Article
    from tui.screens.article_view import ArticleScreen


class StartupTuning:
    """Keeps at most one spare article screen for an app, and holds the collector off the
    frames that matter."""

    def __init__(self, app: App[Any], *, enabled: bool = True) -> None:
        self.app = app
        self.enabled = enabled
        """False: no spare is built and the collector is not held (the tests' app)."""
        self.screen: ArticleScreen | None = None
        """The spare screen, None until built (and once taken)."""
        self._prepared = False

    def prepare(self) -> None:
        """Import the article screen, read its styles and build a spare one (once)."""
        if self._prepared:
            return
        self._prepared = True
        from tui.screens.article_view import ArticleScreen

        ArticleScreen.load_styles(self.app)
        self.build()

    def build(self) -> None:
        """Build a spare screen unless there is one (or the app is closing)."""
        from tui.screens.article_view import ArticleScreen

        app = self.app
        if not self.enabled or self.screen is not None or not app.is_running:
            return
        if is_exiting(app):
            return
        spare = ArticleScreen(None, None)
        start_hidden(app, spare)  # shown when an article is opened
        self.screen = spare

    def starting(self) -> None:
        """The app is loading: hold the collector until the list's first frame."""
        if self.enabled:
            hold_gc()

    def first_frame(self) -> None:
        """The list is on screen: freeze what start-up left alive out of the collector's
        sight (see :func:`~tui.gc_hold.freeze_startup`)."""
        freeze_startup()

    def opening(self, screen: ArticleScreen) -> None:
        """An article screen is being shown: hold the collector until its first frame, then
        build the next spare screen once its lists are filled (the frame after)."""
        if self.enabled:
            hold_gc()
        screen.call_after_refresh(self._after_article_frame)
        self.app.set_timer(1.0, release_gc)  # in case that frame never comes (closed at once)

    def _after_article_frame(self) -> None:
        release_gc()
        self.app.call_after_refresh(self.build)

    def ending(self) -> None:
        """The app is closing: give the collector back what start-up froze, and let it run."""
        unfreeze()

    def take(self, article: Article, annotation: Annotation | None) -> ArticleScreen:
        """The spare screen given this article, or a new one."""
        from tui.screens.article_view import ArticleScreen

        spare, self.screen = self.screen, None
        if spare is not None and spare.is_attached and spare.is_spare:
            spare.show_article(article, annotation)
            return spare
        return ArticleScreen(article, annotation)
