"""The article view: the text with its spans highlighted, a legend, and People / Roles / Events.

Selecting a person, role or event in the side panel highlights the spans linked to it (and only
those) and scrolls the text to the first one; ``n`` / ``p`` step through them.

Editing: the text has a cursor and a selection (:class:`~tui.widgets.article_text.ArticleText`);
label keys (from the label configuration) and the entity keys make edits with the pure
operations of :mod:`annotate.edits`. Every edit goes through :meth:`ArticleScreen.run_edit` and
:meth:`ArticleScreen.apply_patch`, which hand it to the :class:`~tui.editor.Editor`: the store
writes it (with its history entry) and the screen only shows the editor's outcome. ``u`` / ``U``
undo and redo through the store's history, ``R`` marks the article reviewed and opens the next
one not reviewed.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import is_dataclass, replace
from pathlib import Path
from typing import Any, ClassVar, Literal

from rich.text import Text
from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.types import NoActiveAppError
from textual.widgets import (
    Footer,
    Header,
    Input,
    LoadingIndicator,
    OptionList,
    Static,
    TabbedContent,
    TabPane,
    Tabs,
)

from annotate.edits import (
    Patch,
    accept_all,
    accept_span,
    add_span,
    delete_span,
    grow_end,
    grow_start,
    merge_spans,
    reject_span,
    relabel_span,
    shrink_end,
    shrink_start,
    split_span,
)
from annotate.labels import LabelConfig, default_config
from annotate.model import (
    EVENT_LABEL,
    PHRASE_LABEL,
    PLACE_LABEL,
    ROLE_LABEL,
    TIME_LABEL,
    Annotation,
    Provenance,
    Span,
)
from annotate.queries import (
    event_spans,
    person_spans,
    role_spans,
    sentence_bounds,
    span_at_cursor,
)
from annotate.tokens import entity_after
from tui.article_header import HeaderState, header_text
from tui.edit_session import EditSession, default_annotator, provenance
from tui.editor import Editor, Outcome
from tui.host import host_of
from tui.label_styles import configured_label_style, ensure_label_css
from tui.label_tags import tags_shown
from tui.safe_text import clip, counted
from tui.screens.item_actions import ItemActions
from tui.screens.label_picker import LabelPicker
from tui.screens.review_actions import ArticleLike, ReviewActions
from tui.span_status import NO_SPAN, SEPARATOR, selection_status, span_status
from tui.textual_private import bind_on_screen, css_generation
from tui.widgets.annotation_changes import annotation_change
from tui.widgets.article_text import ArticleText, printable
from tui.widgets.events_panel import EventsPanel
from tui.widgets.legend import Legend
from tui.widgets.people_panel import PeoplePanel
from tui.widgets.roles_panel import RolesPanel
from tui.widgets.status_line import StatusLine

SelectionKind = Literal["person", "role", "event"]
__all__ = ["ArticleScreen", "event_spans", "person_spans", "role_spans", "sentence_bounds"]

_TABS: tuple[str, ...] = ("people-tab", "roles-tab", "events-tab")
_PANELS: tuple[str, ...] = ("people", "roles", "events")
_KINDS: tuple[SelectionKind, ...] = ("person", "role", "event")
_TEXT_ACTIONS = frozenset(
    {
        "label",
        "pick_label",
        "delete_entity",
        "accept_entity",
        "reject_entity",
        "grow_start",
        "shrink_start",
        "grow_end",
        "shrink_end",
        "split_entity",
        "merge_entity",
    }
)
"""Actions on the text cursor or selection: only while the text has the focus."""
_STORE_ACTIONS = frozenset({"accept_all", "undo", "redo", "review", "suggestion"})
"""Actions on the whole article: whatever has the focus, once there is an annotation."""
_SPAN_OPS: dict[str, Callable[..., Patch]] = {
    "delete_entity": delete_span,
    "accept_entity": accept_span,
    "reject_entity": reject_span,
    "grow_start": grow_start,
    "shrink_start": shrink_start,
    "grow_end": grow_end,
    "shrink_end": shrink_end,
}


class _NoArticle:
    """What a spare screen shows until it is given its article."""

    id = ""
    title = ""
    text = ""
    status = "new"


class ArticleScreen(ReviewActions, ItemActions, Screen[None]):
    """One article: text, legend, and the People / Roles / Events panel.

    The app pushes it with the stored annotation, or ``None`` while spaCy is still annotating,
    and then calls :meth:`show_annotation` when the annotation arrives.
    """

    CSS_PATH = "article_view.tcss"
    HELP = (
        "The article with its spans: a tint per label, model suggestions dim, decisions "
        "plain (X shows the rejected ones struck through). The line under the text says what "
        "the span under the cursor is, who decided and why the model suggested it. Select "
        "text and press a label key (or enter) to label it; the panel lists people, roles "
        "and events. N / P go to the open suggestions, { } to the next / previous article, "
        "R marks the article reviewed."
    )
    header: reactive[HeaderState] = reactive(HeaderState, init=False)
    """What the header shows besides the title; its watcher draws it."""
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [
        (0, "-narrow"),
        (100, "-wide"),
    ]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="back"),
        Binding(
            "n",
            "next_mention",
            "Next highlighted",
            show=False,
            tooltip="Next highlighted span",
            id="article.next",
        ),
        Binding(
            "p",
            "previous_mention",
            "Previous highlighted",
            show=False,
            tooltip="Previous highlighted span",
            id="article.prev",
        ),
        Binding("1", "show_tab('people-tab')", "People", show=False, id="article.people"),
        Binding("2", "show_tab('roles-tab')", "Roles", show=False, id="article.roles"),
        Binding("3", "show_tab('events-tab')", "Events", show=False, id="article.events"),
        Binding(
            "backspace",
            "clear_selection",
            "Clear highlight",
            show=False,
            tooltip="Clear the highlight",
            id="article.clear",
        ),
        Binding("left", "cycle_tab(-1)", "Previous panel", show=False, id="article.tab-left"),
        Binding("right", "cycle_tab(1)", "Next panel", show=False, id="article.tab-right"),
        # editing the entity under the cursor, or the selection (the text has the focus)
        Binding("enter,:,/", "pick_label", "Label…", id="article.pick-label"),
        Binding("d,delete", "delete_entity", "Delete entity", show=False, id="article.delete"),
        Binding("a", "accept_entity", "Accept entity", show=False, id="article.accept"),
        Binding("x", "reject_entity", "Reject entity", show=False, id="article.reject"),
        Binding("A", "accept_all", "Accept all", show=False, id="article.accept-all"),
        Binding("<", "grow_start", "Grow start", show=False, id="article.grow-start"),
        Binding("comma", "shrink_start", "Shrink start", show=False, id="article.shrink-start"),
        Binding(">", "grow_end", "Grow end", show=False, id="article.grow-end"),
        Binding(".", "shrink_end", "Shrink end", show=False, id="article.shrink-end"),
        Binding("s", "split_entity", "Split entity", show=False, id="article.split"),
        Binding("m", "merge_entity", "Merge with next", show=False, id="article.merge"),
        # history and review (any focus)
        Binding("u,ctrl+z", "undo", "Undo", id="article.undo"),
        Binding("U,ctrl+y", "redo", "Redo", show=False, id="article.redo"),
        *ReviewActions.BINDINGS,
        *ItemActions.BINDINGS,
    ]

    @classmethod
    def load_styles(cls, app: App[object]) -> None:
        """Read this screen's CSS into the app's stylesheet ahead of its first use."""
        stylesheet = app.stylesheet
        paths = cls.CSS_PATH if isinstance(cls.CSS_PATH, list) else [cls.CSS_PATH or ""]
        for path in filter(None, paths):
            resolved = (Path(inspect.getfile(cls)).parent / path).resolve()
            if not stylesheet.has_source(str(resolved), ""):
                stylesheet.read(resolved)
        stylesheet.parse()

    def __init__(self, article: ArticleLike | None, annotation: Annotation | None) -> None:
        """Show ``article`` with ``annotation`` (``None``: being made); ``article=None`` makes
        a spare screen that gets its article later (:meth:`show_article`)."""
        super().__init__()
        self.article: ArticleLike = article if article is not None else _NoArticle()
        """The article shown (a ``store.Article``)."""
        self._has_article = article is not None
        self._composed = False
        self._shown = False
        self._styled_in: int | None = None
        self._editor = Editor()
        self._pending = annotation
        self._selection: tuple[SelectionKind, str] | None = None
        self._ready = False
        self._session: EditSession | None = None
        self._panels_due = False
        self._panels_shown: Annotation | None = None
        self._edited = False
        self.undo_review = None
        self.set_reactive(ArticleScreen.header, HeaderState(status=str(self.article.status)))
        self._start_at_breakpoint()

    def _start_at_breakpoint(self) -> None:
        """Take the width class (``-wide`` / ``-narrow``) of the app's size now, so the first
        resize does not change a class and restyle every widget of the new screen again."""
        try:
            width = self.app.size.width
        except NoActiveAppError:
            return
        breakpoints = self.HORIZONTAL_BREAKPOINTS or []
        classes = {name: False for _, name in breakpoints}
        for limit, name in sorted(breakpoints, reverse=True):
            if width >= limit:
                classes[name] = True
                break
        self.update_classes(classes, update=self.is_mounted)

    @property
    def annotation(self) -> Annotation | None:
        """The annotation shown, ``None`` while it is being made (the editor's)."""
        return self._editor.annotation

    @annotation.setter
    def annotation(self, annotation: Annotation | None) -> None:
        self._editor.annotation = annotation

    @property
    def is_spare(self) -> bool:
        """True until a screen made without an article is given one (:meth:`show_article`)."""
        return not self._has_article

    def show_article(self, article: ArticleLike, annotation: Annotation | None) -> None:
        """Give a spare screen its article, before it is pushed.

        The app builds a spare screen while it is idle (compose, mount and styles of every
        widget but the text), so opening an article only adds the text and draws.
        """
        if self._has_article:
            raise RuntimeError("this article screen already shows an article")
        self.article = article
        self.set_reactive(ArticleScreen.header, HeaderState(status=str(article.status)))
        self._has_article = True
        self._pending = annotation
        self._start_at_breakpoint()  # the terminal may have been resized since
        if self._composed:
            body = self.query_one("#body", Horizontal)
            body.mount(ArticleText(article.text, id="article-text"), before="#side")
            if self.is_mounted:
                self._show_article()
        # else compose makes the text and on_mount shows the article

    # -- layout -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Header, legend, text beside the panel, footer."""
        self._composed = True
        ensure_label_css(self.app, self.label_config)  # the colours live in the configuration
        self._styled_in = css_generation(self.app)
        yield Header()
        yield Legend(id="legend")
        with Horizontal(id="body"):
            if self._has_article:
                yield ArticleText(self.article.text, id="article-text")
            with Vertical(id="side"):
                # the notice shown while the model runs; filled only then (_show_pending)
                notice = Vertical(id="annotating")
                notice.display = False
                yield notice
                with TabbedContent(id="panels"):
                    with TabPane("People", id="people-tab"):
                        yield PeoplePanel(id="people")
                    with TabPane("Roles", id="roles-tab"):
                        yield RolesPanel(id="roles")
                    with TabPane("Events", id="events-tab"):
                        yield EventsPanel(id="events")
        search = Input(placeholder="Find: enter next, up previous, escape back", id="search")
        search.display = False
        yield search
        yield StatusLine(id="span-status")
        yield Footer(compact=True)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """On its first showing, spare the screen Textual's restyle of every widget: they were
        styled when mounted, by the same stylesheet (a theme change restyles them anyway)."""
        generation = css_generation(self.app)
        if not self._shown and generation is not None and generation == self._styled_in:
            event.refresh_styles = False
        self._shown = True

    def on_mount(self) -> None:
        """Fill the widgets, or show the notice while the annotation is being made."""
        self.query_one(Tabs).can_focus = False
        self._bind_label_keys()
        if self._has_article:
            self._show_article()

    def _show_article(self) -> None:
        self._ready = True
        self.query_one(ArticleText).label_tags = tags_shown(self.app)
        self.watch_header()
        pending, self._pending = self._pending, None
        if pending is None:
            self._show_pending()
        else:
            self._apply(pending)
        self.query_one(ArticleText).focus()

    def show_annotation_stopped(self) -> None:
        """Say that the model run was stopped before this article had its annotation."""
        if self.annotation is not None or not self._ready:
            return
        self.query_one("#annotating", Vertical).query_one(LoadingIndicator).display = False
        note = "Annotation stopped: nothing was saved. Open the article again to annotate it."
        self.query_one("#annotating-note", Static).update(note)
        self.header = replace(self.header, counts="annotation stopped")

    def show_annotation_failed(self, reason: str) -> None:
        """Say that the model could not annotate this article (``reason``), and let it be
        annotated by hand: an empty annotation is shown, which edits fill."""
        self.header = replace(self.header, model_failed=True)
        if self.annotation is not None:
            return
        empty = Annotation(text=self.article.text)
        if not self._ready:
            self._pending = empty
            return
        self._apply(empty)

    def _show_pending(self) -> None:
        notice = self.query_one("#annotating", Vertical)
        if not notice.children:
            notice.mount(LoadingIndicator(), Static("Annotating with spaCy…", id="annotating-note"))
        notice.display = True
        self.query_one("#panels").display = False
        self.query_one(Legend).set_labels(())
        self.header = replace(self.header, counts="annotating…")

    def watch_header(self) -> None:
        """Draw the header (see :func:`~tui.article_header.header_text`)."""
        if self._ready:
            self.title, self.sub_title = header_text(
                self.header, self.article.title, self.size.width
            )

    def on_resize(self) -> None:
        """Fit the header to the new width."""
        self.watch_header()

    @on(ArticleText.CaretMoved)
    def _show_span_status(self) -> None:
        """Say in the status line what the span under the cursor is (label, state, who, why),
        or what is selected."""
        if not self._ready:
            return
        text = self.query_one(ArticleText)
        annotation = self.annotation
        line = Text(no_wrap=True, overflow="ellipsis")
        selected = text.selection()
        span = None if annotation is None else self.entity_at_cursor()
        if selected is not None:
            line.append(selection_status(self.article.text, selected))
        elif annotation is None:
            line.append("")
        elif span is None:
            line.append(NO_SPAN)
        else:
            label, *rest = span_status(annotation, span, self.label_config)
            line.append(f" {label} ", configured_label_style(text, span.label))
            for part in rest:
                line.append(SEPARATOR)
                line.append(printable(part))
        self.query_one(StatusLine).show(line)

    @on(ArticleText.ModeChanged)
    def _mode_changed(self) -> None:
        text = self.query_one(ArticleText)
        self.header = replace(self.header, marking=text.marking, char_precise=text.char_precise)

    # -- data in ------------------------------------------------------------------

    def update_article(self, article: ArticleLike) -> None:
        """Show a newer version of the same article (another status): the header follows."""
        self.article = article
        self.header = replace(self.header, status=str(article.status))
        self.watch_header()  # the title may have changed too

    def show_annotation(self, annotation: Annotation) -> None:
        """Show an annotation (the first one, or a changed one) without re-creating the screen."""
        if not self._ready:
            self._pending = annotation
            return
        self._apply(annotation)

    def _apply(self, annotation: Annotation) -> None:
        self.annotation = annotation
        notice = self.query_one("#annotating", Vertical)
        if notice.display:
            notice.display = False
            notice.remove_children()  # the loading indicator's timer stops with it
        self.query_one("#panels").display = True
        text = self.query_one(ArticleText)
        text.set_spans(annotation.spans)  # re-styles only the lines of the spans that changed
        self.query_one(Legend).set_labels(text.labels)
        self.call_after_refresh(self._show_span_status)  # after the frame showing the edit
        if self._selection is not None:
            self._select(*self._selection, scroll=False)
        if not self._panels_due:
            self._panels_due = True
            self.call_after_refresh(self._fill_panels)

    def _fill_panels(self) -> None:
        """Bring the People / Roles / Events lists and their counts up to date.

        Runs after the frame that shows the text, so a long article's text (and an edit of
        it) is on screen before hundreds of rows are rebuilt; rows that did not change are
        not rebuilt at all.
        """
        if not self._panels_due:
            return
        self._panels_due = False
        annotation = self.annotation
        if annotation is None or not self.is_attached:
            return
        shown, self._panels_shown = self._panels_shown, annotation
        if shown is annotation:
            return
        # only the lists an edit can have changed are rebuilt (a relabelled place: none)
        change = None if shown is None else annotation_change(shown, annotation)
        self.query_one(PeoplePanel).show_people(annotation, change)
        self.query_one(RolesPanel).show_roles(annotation, change)
        self.query_one(EventsPanel).show_events(annotation, change)
        tabs = self.query_one(TabbedContent)
        counts = [self.query_one(f"#{name}", OptionList).option_count for name in _PANELS]
        for tab, word, count in zip(_TABS, ("People", "Roles", "Events"), counts, strict=True):
            label = f"{word} {count}"
            pane_tab = tabs.get_tab(tab)
            if str(pane_tab.label) != label:
                pane_tab.label = label
        people, events = counted(counts[0], "person", "people"), counted(counts[2], "event")
        self.header = replace(self.header, counts=f"{people} · {events}")

    # -- selection ----------------------------------------------------------------

    def _select(self, kind: SelectionKind, item_id: str, *, scroll: bool = True) -> None:
        """Highlight the spans linked to a person, role or event."""
        annotation = self.annotation
        if annotation is None:
            return
        spans = {"person": person_spans, "role": role_spans, "event": event_spans}[kind](
            annotation, item_id
        )
        self._selection = (kind, item_id) if spans else None
        self.query_one(ArticleText).set_focus_spans(spans, scroll=scroll)
        self.refresh_bindings()

    @property
    def selection(self) -> tuple[SelectionKind, str] | None:
        """What is selected: ``("person" | "role" | "event", id)``, or ``None``."""
        return self._selection

    def select_person(self, person_id: str) -> None:
        """Select a person: show the People list and highlight all their mentions."""
        self._reveal("people-tab")
        self._fill_panels()
        self.query_one(PeoplePanel).select_person(person_id)
        self._select("person", person_id)

    def select_role(self, role_id: str) -> None:
        """Select a role: show the Roles list and highlight the title and its holder."""
        self._reveal("roles-tab")
        self._fill_panels()
        self.query_one(RolesPanel).select_role(role_id)
        self._select("role", role_id)

    def select_event(self, event_id: str) -> None:
        """Select an event: show the Events list and highlight trigger and participants."""
        self._reveal("events-tab")
        self._fill_panels()
        self.query_one(EventsPanel).select_event(event_id)
        self._select("event", event_id)

    def _reveal(self, tab: str) -> None:
        tabs = self.query_one(TabbedContent)
        if tabs.active != tab:
            with tabs.prevent(TabbedContent.TabActivated):
                tabs.active = tab

    @on(PeoplePanel.PersonSelected)
    def _person_selected(self, message: PeoplePanel.PersonSelected) -> None:
        self._select("person", message.person_id)

    @on(RolesPanel.RoleSelected)
    def _role_selected(self, message: RolesPanel.RoleSelected) -> None:
        self._select("role", message.role_id)

    @on(EventsPanel.EventSelected)
    def _event_selected(self, message: EventsPanel.EventSelected) -> None:
        self._select("event", message.event_id)

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, message: TabbedContent.TabActivated) -> None:
        """Show the selection of the list that came into view, if it has one."""
        tab = message.pane.id
        if tab not in _TABS or self._panels_due:
            return  # lists not filled yet (an article just opened): nothing highlighted
        option = self._panel_of(tab).highlighted_option
        if option is not None and option.id is not None:
            self._select(_KINDS[_TABS.index(tab)], option.id)

    @on(ArticleText.SpanClicked)
    def _span_clicked(self, message: ArticleText.SpanClicked) -> None:
        """A click selects the person of a mention, the event of a trigger, the role of a title."""
        annotation = self.annotation
        if annotation is None:
            return
        for span_id in reversed(message.span_ids):
            person = annotation.person_of_span(span_id)
            if person is not None:
                self.select_person(person.id)
                return
            for event in annotation.events:
                if event.trigger == span_id:
                    self.select_event(event.id)
                    return
            for role in annotation.roles:
                if role.span == span_id:
                    self.select_role(role.id)
                    return

    def _panel_of(self, tab: str) -> OptionList:
        self._fill_panels()
        return self.query_one(f"#{_PANELS[_TABS.index(tab)]}", expect_type=OptionList)

    # -- actions ------------------------------------------------------------------

    def action_back(self) -> None:
        """Step back one level: from the find box or a panel to the text, then clear the
        highlight, then back to the list (the text's own escape clears a selection first)."""
        search = self.query_one("#search", Input)
        if search.has_focus:  # close the find box; the match stays selected for a label key
            search.display = False
            self.set_focus(self.query_one(ArticleText))
        elif isinstance(self.focused, OptionList):
            self.set_focus(self.query_one(ArticleText))
        elif self._selection is not None:
            self.action_clear_selection()
        else:
            self.dismiss(None)

    def action_next_mention(self) -> None:
        """Scroll to the next highlighted span."""
        self._step_mention(1)

    def action_previous_mention(self) -> None:
        """Scroll to the previous highlighted span."""
        self._step_mention(-1)

    def _step_mention(self, step: int) -> None:
        if self._selection is None:
            self.notify(
                "Nothing is highlighted: choose a person, role or event in the panel "
                "(1 2 3, then enter); N / P go to the suggestions.",
                markup=False,
                timeout=4,
            )
            return
        self.query_one(ArticleText).move_cursor(step)

    def action_clear_selection(self) -> None:
        """Remove the highlight."""
        self._selection = None
        self.query_one(ArticleText).clear_focus_spans()
        self.refresh_bindings()

    def action_show_tab(self, tab: str) -> None:
        """Show one of the People / Roles / Events lists and move the keyboard focus to it."""
        if self.annotation is None:
            return
        self.query_one(TabbedContent).active = tab
        self.set_focus(self._panel_of(tab))

    def action_cycle_tab(self, step: int) -> None:
        """Show the next (or previous) list in the side panel."""
        tabs = self.query_one(TabbedContent)
        index = _TABS.index(tabs.active) if tabs.active in _TABS else 0
        self.action_show_tab(_TABS[(index + step) % len(_TABS)])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out what needs an annotation or a selection; left/right only act in the panel.

        Edits of the text act only while the text has the focus (the key falls through to
        the focused panel's own binding otherwise).
        """
        if action in _TEXT_ACTIONS:
            return self.annotation is not None and isinstance(self.focused, ArticleText)
        if action in _STORE_ACTIONS:
            return self.annotation is not None
        if action in ("show_tab", "cycle_tab") and self.annotation is None:
            return None
        if action == "clear_selection":
            return True if self._selection is not None else None
        if action == "cycle_tab":
            return isinstance(self.focused, OptionList)
        return super().check_action(action, parameters)

    # -- editing: the contract the item editors build on ----------------------------

    @property
    def label_config(self) -> LabelConfig:
        """The labels, colours, keys and event types in force (the app's, else the defaults)."""
        host = host_of(self.app)
        return host.label_config if host is not None else default_config()

    @property
    def annotator(self) -> str:
        """Who is editing: the app's ``--annotator`` name, else the login name."""
        host = host_of(self.app)
        return (host.annotator if host is not None else None) or default_annotator()

    def text_selection(self) -> tuple[int, int] | None:
        """Return the selected ``(start, end)`` of the text (snapped to tokens unless
        character-precise), or None."""
        return self.query_one(ArticleText).selection()

    def cursor_offset(self) -> int:
        """Return the character offset of the text cursor."""
        return self.query_one(ArticleText).cursor_offset

    def edit_by(self) -> Provenance:
        """Return the provenance of an edit made now by the annotator."""
        return provenance(self.annotator)

    def edit_session(self) -> EditSession | None:
        """Return the link to the store for this article, or None when the app has no store."""
        if self._session is None:
            host = host_of(self.app)
            if host is None:
                return None
            self._session = EditSession(host.store, self.article.id, self.annotator)
        return self._session

    def editor(self) -> Editor:
        """Return the article's editor, linked to the store once the app has one."""
        editor = self._editor
        if editor.session is None:
            editor.session = self.edit_session()
        editor.annotator = self.annotator
        return editor

    def run_edit(self, op: Callable[..., Patch], *args: Any, **kwargs: Any) -> bool:
        """Make an edit: ``op(annotation, *args, by=edit_by(), **kwargs)``, then apply it.

        An edit that cannot be made is one notification saying why; returns True when the
        store took the edit.
        """
        return self._show_outcome(self.editor().run(op, *args, **kwargs))

    def apply_patch(self, patch: Patch) -> bool:
        """Write an edit to the store, then show the annotation the store holds; True on success.

        A conflict or a store error is one error notification, after which the screen shows
        what the store holds.
        """
        return self._show_outcome(self.editor().apply(patch))

    def _show_outcome(self, outcome: Outcome) -> bool:
        """Show what the editor did: the annotation it holds now, then its notices (an error
        is said before the annotation read back is shown); return whether it was done."""
        if outcome.done:
            self._show_annotation_of(outcome)
        for notice in outcome.notices:
            timeout = {} if notice.timeout is None else {"timeout": notice.timeout}
            self.notify(
                notice.message,
                title=notice.title,
                severity=notice.severity,
                markup=False,
                **timeout,
            )
        if not outcome.done:
            self._show_annotation_of(outcome)
        return outcome.done

    def _show_annotation_of(self, outcome: Outcome) -> None:
        if outcome.annotation is None:
            return
        if outcome.edited:
            self._show_edit(outcome.annotation)
        else:
            self.show_annotation(outcome.annotation)

    def _show_edit(self, annotation: Annotation) -> None:
        """Show an annotation the store now holds, and the list row's new status and counts."""
        self._edited = True
        if self.article.status == "new" and is_dataclass(self.article):
            self.article = replace(self.article, status="in_progress")
            self.header = replace(self.header, status="in_progress")
        self.show_annotation(annotation)
        host = host_of(self.app)
        if host is not None:
            host.refresh_summary(self.article.id, annotation)

    def _bind_label_keys(self) -> None:
        """Bind each label key of the configuration to :meth:`action_label` (text focus only)."""
        for spec in self.label_config.labels:
            if spec.key:
                label = Binding(
                    spec.key,
                    f"label('{spec.name}')",
                    f"Label {spec.name}",
                    show=False,
                    id=f"article.label.{spec.name.lower()}",
                )
                bind_on_screen(self, label)

    def entity_at_cursor(self, *, entity_only: bool = False) -> Span | None:
        """Return the span under the text cursor (or just before it), an entity preferred.

        With ``entity_only`` only entity spans count.
        """
        annotation = self.annotation
        if annotation is None:
            return None
        return span_at_cursor(annotation, self.cursor_offset(), entity_only=entity_only)

    def _entity_or_say(self, *, entity_only: bool = False) -> Span | None:
        span = self.entity_at_cursor(entity_only=entity_only)
        if span is None:
            self.notify("There is no entity at the cursor.", severity="warning", markup=False)
        return span

    # -- editing actions ------------------------------------------------------------

    def action_label(self, label: str) -> None:
        """Give the selection this label (a new span), or relabel the entity at the cursor.

        The labels of the other layers make the item they stand for, never a loose span:
        ``ROLE`` links a title to a person (as ``L``), ``TRIGGER`` makes an event (``E``),
        ``TIME_EXPR`` and ``PLACE`` give the selected event its time or place (``T``, ``W``),
        ``PHRASE`` adds the selection to it in a part picked (``+``).
        """
        item_keys = {
            ROLE_LABEL: self.action_link_role,
            EVENT_LABEL: self.action_new_event,
            TIME_LABEL: self.action_set_time,
            PLACE_LABEL: self.action_set_place,
            PHRASE_LABEL: self.action_add_participant,
        }
        if label in item_keys:
            item_keys[label]()
            return
        text = self.query_one(ArticleText)
        selected = text.selection()
        if selected is not None:
            if self.run_edit(add_span, selected[0], selected[1], label):
                text.clear_selection()
            return
        span = self.entity_at_cursor(entity_only=True)
        if span is None:
            self.notify(
                "Select some text first, or put the cursor on an entity.",
                severity="warning",
                markup=False,
            )
            return
        self.run_edit(relabel_span, span.id, label)

    def action_pick_label(self) -> None:
        """Open the label picker beside the cursor: for the selection, or to relabel."""
        text = self.query_one(ArticleText)
        selected = text.selection()
        config = self.label_config
        if selected is not None:
            labels = config.labels
            title = f"Label “{clip(self.article.text[selected[0] : selected[1]], 24)}”"
            current = None
        else:
            span = self.entity_at_cursor(entity_only=True)
            if span is None:
                self.notify(
                    "Select some text first, or put the cursor on an entity.",
                    severity="warning",
                    markup=False,
                )
                return
            labels = config.entity_labels()
            title = f"Relabel “{clip(self.article.text[span.start : span.end], 24)}”"
            current = span.label

        def chosen(label: str | None) -> None:
            if label is not None:
                self.action_label(label)

        picker = LabelPicker(
            labels, anchor=text.cursor_screen_offset(), current=current, title=title
        )
        self.app.push_screen(picker, chosen)

    def _span_action(self, action: str) -> None:
        span = self._entity_or_say()
        if span is not None:
            self.run_edit(_SPAN_OPS[action], span.id)

    def action_delete_entity(self) -> None:
        """Delete the entity at the cursor (a model suggestion is kept as rejected)."""
        self._span_action("delete_entity")

    def action_accept_entity(self) -> None:
        """Accept the suggested entity at the cursor."""
        self._span_action("accept_entity")

    def action_reject_entity(self) -> None:
        """Reject the entity at the cursor."""
        self._span_action("reject_entity")

    def action_grow_start(self) -> None:
        """Move the start of the entity at the cursor one token left."""
        self._span_action("grow_start")

    def action_shrink_start(self) -> None:
        """Move the start of the entity at the cursor one token right."""
        self._span_action("shrink_start")

    def action_grow_end(self) -> None:
        """Move the end of the entity at the cursor one token right."""
        self._span_action("grow_end")

    def action_shrink_end(self) -> None:
        """Move the end of the entity at the cursor one token left."""
        self._span_action("shrink_end")

    def action_split_entity(self) -> None:
        """Split the entity at the cursor in two, at the cursor."""
        span = self._entity_or_say()
        if span is not None:
            self.run_edit(split_span, span.id, self.cursor_offset())

    def action_merge_entity(self) -> None:
        """Merge the entity at the cursor with the next span of its layer."""
        span = self._entity_or_say()
        annotation = self.annotation
        if span is None or annotation is None:
            return
        following = entity_after(annotation, span.end - 1, span.layer)
        if following is None:
            self.notify(f"There is no {span.layer} after this one.", markup=False)
            return
        self.run_edit(merge_spans, span.id, following.id)

    def action_accept_all(self) -> None:
        """Accept every suggestion of the article still open."""
        self.run_edit(accept_all)

    def action_undo(self) -> None:
        """Undo the article's last edit (the history is in the store); right after ``R``
        opened this article, undo that review instead and go back to the reviewed article."""
        if self.undo_review is not None and not self._edited:
            self._undo_review(*self.undo_review)
            return
        self._step(undo=True)

    def action_redo(self) -> None:
        """Redo the article's last undone edit."""
        self._step(undo=False)

    def _step(self, *, undo: bool) -> None:
        editor = self.editor()
        outcome = editor.undo() if undo else editor.redo()
        if outcome.done:
            self.query_one(ArticleText).clear_selection()
        self._show_outcome(outcome)
