"""The article view: the text with its spans highlighted, a legend, and People / Roles / Events.

Selecting a person, role or event in the side panel highlights the spans linked to it (and only
those) and scrolls the text to the first one; ``n`` / ``p`` step through them.
"""

from __future__ import annotations

import re
from typing import ClassVar, Literal, Protocol

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import (
    Footer,
    Header,
    LoadingIndicator,
    OptionList,
    Static,
    TabbedContent,
    TabPane,
)
from textual.widgets._tabbed_content import ContentTabs

from annotate.model import Annotation, Event
from tui.widgets.article_text import ArticleText, printable
from tui.widgets.events_panel import EventsPanel
from tui.widgets.legend import Legend
from tui.widgets.people_panel import PeoplePanel, live_mentions
from tui.widgets.roles_panel import RolesPanel

SelectionKind = Literal["person", "role", "event"]

_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+|\n")
_TABS: tuple[str, ...] = ("people-tab", "roles-tab", "events-tab")
_PANELS: tuple[str, ...] = ("people", "roles", "events")
_KINDS: tuple[SelectionKind, ...] = ("person", "role", "event")


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


def sentence_bounds(text: str, offset: int) -> tuple[int, int]:
    """Return the start and end offsets of the (roughly cut) sentence holding ``offset``."""
    start = 0
    for match in _SENTENCE_END.finditer(text, max(0, offset - 3000), offset):
        start = match.end()
    after = _SENTENCE_END.search(text, offset)
    return start, (after.start() + 1 if after else len(text))


def person_spans(annotation: Annotation, person_id: str) -> list[str]:
    """Return the span ids to highlight for a person: every live mention."""
    try:
        return live_mentions(annotation, annotation.person(person_id))
    except KeyError:
        return []


def role_spans(annotation: Annotation, role_id: str) -> list[str]:
    """Return the span ids to highlight for a role: its title and the holder's mentions."""
    for role in annotation.roles:
        if role.id == role_id:
            return [role.span, *person_spans(annotation, role.person)]
    return []


def event_spans(annotation: Annotation, event_id: str) -> list[str]:
    """Return the span ids to highlight for an event.

    The trigger, each participant's mentions in the trigger's sentence (the nearest mention when
    the sentence has none), the arguments, the time and the place.
    """
    try:
        event: Event = annotation.event(event_id)
    except KeyError:
        return []
    trigger = annotation.get_span(event.trigger)
    if trigger is None:
        return []
    low, high = sentence_bounds(annotation.text, trigger.start)
    found = [trigger.id]
    for participant in event.participants:
        mentions = [annotation.span(m) for m in person_spans(annotation, participant.person)]
        inside = [m.id for m in mentions if low <= m.start and m.end <= high]
        if inside:
            found.extend(inside)
        elif mentions:
            nearest = min(mentions, key=lambda m: abs(m.start - trigger.start))
            found.append(nearest.id)
    found.extend(argument.span for argument in event.arguments)
    found.extend(span_id for span_id in (event.time, event.place) if span_id is not None)
    return found


class ArticleScreen(Screen[None]):
    """One article: text, legend, and the People / Roles / Events panel.

    The app pushes it with the stored annotation, or ``None`` while spaCy is still annotating,
    and then calls :meth:`show_annotation` when the annotation arrives.
    """

    CSS_PATH = "article_view.tcss"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [
        (0, "-narrow"),
        (100, "-wide"),
    ]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="back"),
        Binding("n", "next_mention", "Next", tooltip="Next highlighted span", id="article.next"),
        Binding(
            "p", "previous_mention", "Prev", tooltip="Previous highlighted span", id="article.prev"
        ),
        Binding("1", "show_tab('people-tab')", "People", id="article.people"),
        Binding("2", "show_tab('roles-tab')", "Roles", id="article.roles"),
        Binding("3", "show_tab('events-tab')", "Events", id="article.events"),
        Binding(
            "x",
            "clear_selection",
            "Clear highlight",
            show=False,
            tooltip="Clear the highlight",
            id="article.clear",
        ),
        Binding("left", "cycle_tab(-1)", "Previous panel", show=False, id="article.tab-left"),
        Binding("right", "cycle_tab(1)", "Next panel", show=False, id="article.tab-right"),
    ]

    def __init__(self, article: ArticleLike, annotation: Annotation | None) -> None:
        super().__init__()
        self.article = article
        """The article shown (a ``store.Article``)."""
        self.annotation: Annotation | None = None
        """The annotation shown, ``None`` while it is being made."""
        self._pending = annotation
        self._selection: tuple[SelectionKind, str] | None = None
        self._ready = False

    # -- layout -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Header, legend, text beside the panel, footer."""
        yield Header()
        yield Legend(id="legend")
        with Horizontal(id="body"):
            yield ArticleText(self.article.text, id="article-text")
            with Vertical(id="side"):
                with Vertical(id="annotating"):
                    yield LoadingIndicator()
                    yield Static("Annotating with spaCy…")
                with TabbedContent(id="panels"):
                    with TabPane("People", id="people-tab"):
                        yield PeoplePanel(id="people")
                    with TabPane("Roles", id="roles-tab"):
                        yield RolesPanel(id="roles")
                    with TabPane("Events", id="events-tab"):
                        yield EventsPanel(id="events")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Fill the widgets, or show the notice while the annotation is being made."""
        self.query_one(ContentTabs).can_focus = False
        self._ready = True
        pending, self._pending = self._pending, None
        if pending is None:
            self._show_pending()
        else:
            self._apply(pending)
        self.query_one(ArticleText).focus()

    def _show_pending(self) -> None:
        self.query_one("#annotating").display = True
        self.query_one("#panels").display = False
        self.query_one(Legend).set_labels(())
        self._set_header(f"{self._status()} · annotating…")

    def _set_header(self, sub_title: str) -> None:
        """Set the header, shortening the title so the status and counts stay visible."""
        self.sub_title = sub_title
        title = printable(self.article.title) or "(untitled)"
        room = max(12, self.size.width - len(sub_title) - 24)
        self.title = title if len(title) <= room else title[: room - 1].rstrip() + "…"

    def on_resize(self) -> None:
        """Fit the header to the new width."""
        self._set_header(self.sub_title)

    def _status(self) -> str:
        return printable(str(self.article.status)).replace("_", " ")

    # -- data in ------------------------------------------------------------------

    def show_annotation(self, annotation: Annotation) -> None:
        """Show an annotation (the first one, or a changed one) without re-creating the screen."""
        if not self._ready:
            self._pending = annotation
            return
        self._apply(annotation)

    def _apply(self, annotation: Annotation) -> None:
        self.annotation = annotation
        self.query_one("#annotating").display = False
        self.query_one("#panels").display = True
        text = self.query_one(ArticleText)
        text.set_spans(annotation.spans)
        self.query_one(Legend).set_labels(span.label for span in annotation.live_spans())
        self.query_one(PeoplePanel).show_people(annotation)
        self.query_one(RolesPanel).show_roles(annotation)
        self.query_one(EventsPanel).show_events(annotation)
        tabs = self.query_one(TabbedContent)
        people, roles, events = (
            self.query_one(f"#{name}", OptionList).option_count for name in _PANELS
        )
        tabs.get_tab("people-tab").label = f"People {people}"
        tabs.get_tab("roles-tab").label = f"Roles {roles}"
        tabs.get_tab("events-tab").label = f"Events {events}"
        self._set_header(f"{self._status()} · {people} people · {events} events")
        if self._selection is not None:
            self._select(*self._selection, scroll=False)

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
        self.query_one(PeoplePanel).select_person(person_id)
        self._select("person", person_id)

    def select_role(self, role_id: str) -> None:
        """Select a role: show the Roles list and highlight the title and its holder."""
        self._reveal("roles-tab")
        self.query_one(RolesPanel).select_role(role_id)
        self._select("role", role_id)

    def select_event(self, event_id: str) -> None:
        """Select an event: show the Events list and highlight trigger and participants."""
        self._reveal("events-tab")
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
        if message.chosen:
            self.set_focus(self.query_one(ArticleText))

    @on(RolesPanel.RoleSelected)
    def _role_selected(self, message: RolesPanel.RoleSelected) -> None:
        self._select("role", message.role_id)
        if message.chosen:
            self.set_focus(self.query_one(ArticleText))

    @on(EventsPanel.EventSelected)
    def _event_selected(self, message: EventsPanel.EventSelected) -> None:
        self._select("event", message.event_id)
        if message.chosen:
            self.set_focus(self.query_one(ArticleText))

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, message: TabbedContent.TabActivated) -> None:
        """Show the selection of the list that came into view, if it has one."""
        tab = message.pane.id
        if tab not in _TABS:
            return
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
        return self.query_one(f"#{_PANELS[_TABS.index(tab)]}", expect_type=OptionList)

    # -- actions ------------------------------------------------------------------

    def action_back(self) -> None:
        """Go back to the previous screen."""
        self.dismiss(None)

    def action_next_mention(self) -> None:
        """Scroll to the next highlighted span."""
        self.query_one(ArticleText).move_cursor(1)

    def action_previous_mention(self) -> None:
        """Scroll to the previous highlighted span."""
        self.query_one(ArticleText).move_cursor(-1)

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
        """Grey out what needs an annotation or a selection; left/right only act in the panel."""
        if action in ("show_tab", "cycle_tab") and self.annotation is None:
            return None
        if action in ("next_mention", "previous_mention", "clear_selection"):
            return True if self._selection is not None else None
        if action == "cycle_tab":
            return isinstance(self.focused, OptionList)
        return True
