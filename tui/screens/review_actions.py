"""Going through a corpus from the article view (a mixin of ArticleScreen).

``R`` reviewed (``u`` right after undoes it; ``R`` on a reviewed article un-reviews it),
``}`` / ``{`` next / previous article of the list, ``N`` / ``P`` next / previous open
suggestion, ``ctrl+f`` find in the text, ``X`` show the rejected spans.
"""

from __future__ import annotations

from dataclasses import is_dataclass, replace
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, cast

from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import Input

from store import Status, StoreError
from tui.host import host_of
from tui.label_tags import choose_tags
from tui.text_search import find
from tui.widgets.article_text import ArticleText, printable

if TYPE_CHECKING:
    from textual.app import App

    from annotate.model import Annotation
    from tui.editor import Editor, Outcome


class ArticleLike(Protocol):
    """What the screen reads from a ``store.Article``."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def status(self) -> str: ...


def with_status(article: ArticleLike, status: str) -> ArticleLike:
    """The article with another review status (a ``store.Article`` is a frozen dataclass)."""
    return replace(article, status=status) if is_dataclass(article) else article  # type: ignore[type-var]


class ReviewActions:
    """Bindings and actions for reviewing article after article.

    ArticleScreen lists :attr:`BINDINGS` in its own and inherits the rest; they use its
    contract (``article``, ``annotation``, ``editor``, ``cursor_offset``, ``update_article``...).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "R",
            "review",
            "Reviewed",
            tooltip="Mark the article reviewed and open the next one not yet reviewed "
            "(u there undoes it); on a reviewed article: mark it not reviewed",
            id="article.review",
        ),
        Binding(
            "X",
            "toggle_rejected",
            "Show rejected",
            show=False,
            tooltip="Show or hide the rejected spans (struck through)",
            id="article.show-rejected",
        ),
        Binding(
            "#",
            "toggle_tags",
            "Label tags",
            show=False,
            tooltip="Write each span's label after it (on by default without colour)",
            id="article.label-tags",
        ),
        Binding(
            "ctrl+f",
            "find",
            "Find",
            show=False,
            tooltip="Find words in the text",
            id="article.find",
        ),
        Binding("}", "other_article(1)", "Next article", show=False, id="article.next-article"),
        Binding(
            "{", "other_article(-1)", "Previous article", show=False, id="article.prev-article"
        ),
        Binding("N", "suggestion(1)", "Next suggestion", show=False, id="article.next-suggestion"),
        Binding(
            "P", "suggestion(-1)", "Previous suggestion", show=False, id="article.prev-suggestion"
        ),
    ]

    undo_review: tuple[str, str] | None = None
    """The article ``R`` reviewed before opening this one, and its status before: ``u``
    undoes that review until this article is edited."""

    if TYPE_CHECKING:
        article: ArticleLike
        annotation: Annotation | None

        @property
        def app(self) -> App[Any]: ...
        def query_one(self, selector: Any, expect_type: Any = None) -> Any: ...
        def notify(self, message: str, **kwargs: Any) -> None: ...
        def dismiss(self, result: Any = None) -> Any: ...
        def set_focus(self, widget: Any) -> None: ...
        def cursor_offset(self) -> int: ...
        def editor(self) -> Editor: ...
        def update_article(self, article: ArticleLike) -> None: ...
        def _show_outcome(self, outcome: Outcome) -> bool: ...

    def _undo_review(self, article_id: str, status: str) -> None:
        host = host_of(self.app)
        if host is None:
            return
        self.undo_review = None
        try:
            host.store.set_status(article_id, cast(Status, status))
        except StoreError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return
        host.refresh_summary(article_id)
        self.notify("Review undone.", timeout=3, markup=False)
        host.open_article(article_id)

    def action_find(self) -> None:
        """Open the find box under the text (again: back to it, its words kept)."""
        box = self.query_one("#search", Input)
        box.display = True
        box.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Select the first match at or after the cursor as the words are typed."""
        if event.input.id != "search":
            return
        text = self.query_one(ArticleText)
        selected = text.selection()
        self._find(event.value, selected[0] if selected else text.cursor_offset, 1)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the find box: the next match."""
        if event.input.id != "search":
            return
        text = self.query_one(ArticleText)
        selected = text.selection()
        self._find(event.value, (selected[0] + 1) if selected else text.cursor_offset, 1)

    def _find(self, words: str, offset: int, step: int) -> None:
        box = self.query_one("#search", Input)
        found = find(self.article.text, words, offset, step=step)
        box.set_class(bool(words.strip()) and found is None, "-invalid")
        if found is None:
            box.border_subtitle = "no match" if words.strip() else None
            return
        box.border_subtitle = f"{found.number} of {found.total}"
        self.query_one(ArticleText).select(found.start, found.end)  # snapped to whole tokens

    def on_key(self, event: events.Key) -> None:
        """In the find box, up finds the previous match."""
        box = self.query_one("#search", Input)
        if box.has_focus and event.key == "up":
            event.stop()
            selected = self.query_one(ArticleText).selection()
            offset = selected[0] if selected else self.cursor_offset()
            self._find(box.value, offset, -1)

    def action_other_article(self, step: int) -> None:
        """Open the next (``step`` 1) or previous article of the list, as it is sorted and
        filtered, without changing this one's status."""
        host = host_of(self.app)
        if host is None:
            return
        other = host.neighbour_article(self.article.id, step)
        if other is None:
            where = "last" if step > 0 else "first"
            self.notify(f"This is the {where} article of the list.", markup=False, timeout=3)
            return
        host.open_article(other)

    def action_suggestion(self, step: int) -> None:
        """Put the cursor on the next (``step`` 1) or previous suggestion nobody decided on,
        wrapping round the text."""
        annotation = self.annotation
        if annotation is None:
            return
        open_spans = [s for s in annotation.spans if s.provenance.state == "suggested"]
        if not open_spans:
            self.notify("No suggestion left in this article.", markup=False, timeout=3)
            return
        text = self.query_one(ArticleText)
        at = text.cursor_offset
        starts = sorted({s.start for s in open_spans})
        if step > 0:
            target = next((x for x in starts if x > at), starts[0])
        else:
            target = next((x for x in reversed(starts) if x < at), starts[-1])
        text.clear_selection()
        text.set_cursor(target)

    def action_review(self) -> None:
        """Mark the article reviewed and open the next one not reviewed (else the list);
        a reviewed article is marked not reviewed (in progress) instead."""
        if self.article.status == "reviewed":
            self._unreview()
            return
        before = str(self.article.status)
        outcome = self.editor().review()
        if not outcome.done:
            self._show_outcome(outcome)
            return
        following = outcome.following
        host = host_of(self.app)
        if host is not None:
            host.refresh_summary(self.article.id)
        title = printable(self.article.title)
        if following is None or host is None:
            self.notify(f"Reviewed “{title}”. Every article is reviewed.", markup=False)
            self.dismiss(None)
            return
        self.notify(f"Reviewed “{title}”. u undoes it.", timeout=3, markup=False)
        host.open_article(following, undo_review=(self.article.id, before))

    def _unreview(self) -> None:
        outcome = self.editor().set_status("in_progress")
        if not outcome.done:
            self._show_outcome(outcome)
            return
        self.update_article(with_status(self.article, "in_progress"))
        host = host_of(self.app)
        if host is not None:
            host.refresh_summary(self.article.id)
        self.notify("Marked not reviewed (in progress).", timeout=3, markup=False)

    def action_toggle_tags(self) -> None:
        """Write each span's label after it, or stop; later articles keep the choice."""
        text = self.query_one(ArticleText)
        text.label_tags = not text.label_tags
        choose_tags(self.app, text.label_tags)
        shown = "Labels written after their spans" if text.label_tags else "Label tags hidden"
        self.notify(f"{shown}; # toggles.", markup=False, timeout=3)

    def action_toggle_rejected(self) -> None:
        """Show the rejected spans, struck through, or hide them again."""
        text = self.query_one(ArticleText)
        text.show_rejected = not text.show_rejected
        annotation = self.annotation
        count = 0 if annotation is None else sum(1 for s in annotation.spans if s.rejected)
        if text.show_rejected:
            shown = f"{count} rejected span{'s' if count != 1 else ''} shown, struck through"
            self.notify(f"{shown}; X hides them.", markup=False, timeout=3)
        else:
            self.notify("Rejected spans hidden.", markup=False, timeout=3)
