"""The seam between the screens and the app: what a screen may ask of the app that hosts it.

Screens, widgets and the command palette are typed against :class:`AppHost`, not against
:class:`tui.app.AnnotuiApp`, so they can be shown in a bare Textual app (the tests do) and
never reach into the app by attribute name. :func:`host_of` is the one place that checks
whether the running app is a host.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from textual.app import App

    from annotate.labels import LabelConfig
    from annotate.model import Annotation
    from store import ArticleSummary, Store


@runtime_checkable
class LabelHost(Protocol):
    """An app that says which label configuration is in force (the app, or a test's app)."""

    @property
    def label_config(self) -> LabelConfig:
        """Labels, colours, keys and event types in force."""
        ...


@runtime_checkable
class AppHost(Protocol):
    """What the screens need from the app."""

    @property
    def store(self) -> Store:
        """The store every screen reads and writes through."""
        ...

    @property
    def annotator(self) -> str | None:
        """Name of the person annotating (``--annotator``), recorded in provenance."""
        ...

    @property
    def label_config(self) -> LabelConfig:
        """Labels, colours, keys and event types in force."""
        ...

    @property
    def summaries(self) -> Mapping[str, ArticleSummary]:
        """Summary of every article by id, in store order."""
        ...

    def open_article(self, article_id: str, *, undo_review: tuple[str, str] | None = None) -> None:
        """Show the article (annotating it first if it has no annotation); ``undo_review``:
        the article ``R`` just reviewed and its status before, which ``u`` can restore."""
        ...

    def neighbour_article(self, article_id: str, step: int) -> str | None:
        """The article ``step`` rows after (or before) this one in the list as it is sorted
        and filtered now, or None past either end."""
        ...

    def refresh_summary(self, article_id: str, annotation: Annotation | None = None) -> None:
        """Re-read an article's status and counts and redraw its row."""
        ...


def host_of(app: App[object]) -> AppHost | None:
    """The app as an :class:`AppHost`, or None for an app that is not one (a test's bare app)."""
    return app if isinstance(app, AppHost) else None


def label_config_of(app: App[object]) -> LabelConfig | None:
    """The label configuration the app has in force, or None for an app that has none."""
    return app.label_config if isinstance(app, LabelHost) else None
