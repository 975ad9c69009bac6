"""Live refresh: what another process writes to the store appears on screen without a restart.

The app polls :meth:`store.Store.changes_since` every :data:`POLL_SECONDS` (a listing and a
stat of the index shards: about 2 ms at 100,000 articles). Changed articles get their list
row redrawn; new articles reload the list; the article on screen is reloaded when the store
holds another annotation or status for it. A dialog open over the article (an edit being
made) defers its reload to the next poll after the dialog closes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Protocol

from store import ArticleSummary, StoreError
from store.index import ChangeToken
from store.records import people_named

if TYPE_CHECKING:
    from textual.screen import Screen

    from annotate.model import Annotation
    from store import Store

POLL_SECONDS = 1.0
"""Seconds between two looks at the store."""


class LiveHost(Protocol):
    """What the live refresh needs from the app."""

    store: Store
    summaries: dict[str, ArticleSummary]
    unsaved: dict[str, Annotation]

    @property
    def screen(self) -> Screen[Any]: ...
    @property
    def screen_stack(self) -> list[Screen[Any]]: ...
    def show_store_notices(self) -> None: ...
    def update_summary(self, summary: ArticleSummary) -> None: ...
    def poll_store(self) -> frozenset[str]: ...
    def notify(
        self, message: str, *, title: str = ..., severity: Any = ..., markup: bool = ...
    ) -> None: ...
    def set_interval(
        self, interval: float, callback: Callable[[], object], *, name: str | None = ...
    ) -> Any: ...


class LiveRefresh:
    """Polls the app's store and shows other processes' writes."""

    def __init__(self, app: LiveHost) -> None:
        self.app = app
        self._token: ChangeToken | None = None
        self._stale: set[str] = set()
        """Changed articles whose screen was busy with a dialog at the last poll."""
        self._failed = False

    def start(self, interval: float = POLL_SECONDS) -> None:
        """Note the store's state now and poll it every ``interval`` seconds."""
        try:
            self._token, _ = self.app.store.changes_since(None)
        except StoreError:
            self._token = None  # reported where the app reads the store; polls start afresh
        self.app.set_interval(interval, self.app.poll_store, name="live-refresh")

    def poll(self) -> frozenset[str]:
        """Show what changed in the store since the last poll; return the changed ids.

        Does nothing while the app has no screen (it is closing: the store folds its journals
        then, which a poll would otherwise see as changes).
        """
        app = self.app
        if not app.screen_stack:
            return frozenset()
        try:
            self._token, changed = app.store.changes_since(self._token)
            app.show_store_notices()
            if changed:
                self._refresh_list(changed)
            self._stale |= changed
            if self._stale:
                self._refresh_article()
        except StoreError as error:
            if not self._failed:  # one notification, not one a second
                app.notify(str(error), title="Store", severity="error", markup=False)
            self._failed = True
            return frozenset()
        self._failed = False
        return changed

    def _refresh_list(self, changed: frozenset[str]) -> None:
        from tui.screens.article_list import ArticleListScreen

        app, store = self.app, self.app.store
        lists = [s for s in app.screen_stack if isinstance(s, ArticleListScreen)]
        if any(aid not in app.summaries for aid in changed):
            app.summaries = {s.id: s for s in store.summaries()}
            for screen in lists:
                screen.set_summaries(list(app.summaries.values()))
            return
        for aid in changed:
            summary = store.summary(aid)
            app.summaries[aid] = summary
            for screen in lists:
                screen.update_summary(summary)

    def _refresh_article(self) -> None:
        from tui.screens.article_view import ArticleScreen

        screen = self.app.screen
        if not isinstance(screen, ArticleScreen):
            if not any(isinstance(s, ArticleScreen) for s in self.app.screen_stack):
                self._stale.clear()  # no article open: the next one opened reads the store
            return
        article_id = screen.article.id
        if article_id not in self._stale:
            self._stale.clear()
            return
        self._stale.clear()
        store = self.app.store
        annotation = store.annotation(article_id)
        article = store.article(article_id)
        if annotation is None:
            return
        if article.status != screen.article.status:
            screen.update_article(article)
        if annotation != screen.annotation:
            screen.show_annotation(annotation)

    def refresh_summary(self, article_id: str, annotation: Annotation | None = None) -> None:
        """Re-read an article's status and counts (of a read-only store: count this
        session's ``annotation``) and redraw its row."""
        app = self.app
        old = app.summaries.get(article_id)
        if old is None:
            return
        try:
            if not app.store.readonly:
                new = app.store.summary(article_id)
            else:
                annotation = annotation or app.unsaved.get(article_id)
                people = people_named(annotation)
                new = replace(
                    old,
                    n_people=len(people),
                    n_events=0 if annotation is None else len(annotation.events),
                    people=people,
                    updated=old.updated if annotation is None else "this session",
                )
        except StoreError as error:
            app.notify(str(error), title="Store", severity="error", markup=False)
            return
        app.summaries[article_id] = new
        app.update_summary(new)
