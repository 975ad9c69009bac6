"""The spare article screen: built while the list is idle, handed the next article opened.

Composing, mounting and styling the article screen's widgets is most of what opening an
article costs; the app keeps one such screen ready (without its article) so opening one
only adds the text and draws (README: *open the long article, first frame*).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tui.textual_private import is_exiting, start_hidden

if TYPE_CHECKING:
    from textual.app import App

    from annotate.model import Annotation
    from store import Article
    from tui.screens.article_view import ArticleScreen


class SpareScreen:
    """Keeps at most one spare article screen for an app."""

    def __init__(self, app: App[Any], *, enabled: bool = True) -> None:
        self.app = app
        self.enabled = enabled
        """False: no spare is ever built (an app for tests, without the start-up tuning)."""
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

    def take(self, article: Article, annotation: Annotation | None) -> ArticleScreen:
        """The spare screen given this article, or a new one."""
        from tui.screens.article_view import ArticleScreen

        spare, self.screen = self.screen, None
        if spare is not None and spare.is_attached and spare.is_spare:
            spare.show_article(article, annotation)
            return spare
        return ArticleScreen(article, annotation)
