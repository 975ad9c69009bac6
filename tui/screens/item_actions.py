"""Item edits from the article view: people, roles and events (a mixin of ArticleScreen).

Text keys (they read the text selection or the cursor): ``L`` link the selection as a role
title to a person, ``E`` create an event on the selection, ``M`` move the mention under the
cursor to another or a new person, ``+`` add a participant (the person or the entity under the
cursor, or a person picked) to the selected event, ``T`` / ``W``
set the selected event's time / place from the selection.

Panel keys post :class:`~tui.widgets.item_request.ItemRequest` messages (People ``m r d``,
Roles ``r d``, Events ``t e d``) which the handlers here turn into pickers and edits. Every
edit goes through the screen's ``run_edit`` (one undoable edit, in the store before it shows).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual.binding import Binding, BindingType

from annotate.edits import (
    Patch,
    add_argument,
    add_participant,
    create_event,
    delete_event,
    delete_person,
    delete_role,
    link_role,
    merge_people,
    move_mention,
    relink_role,
    rename_person,
    set_event_type,
    set_place,
    set_time,
)
from annotate.model import Annotation, Event, Person, Span
from annotate.queries import entity_at_cursor, event_on, role_on
from tui.screens.choice_picker import ChoicePicker
from tui.screens.event_editor import EventEditor, clip, part_choices, type_choices
from tui.screens.person_picker import NEW_PERSON, PersonPicker
from tui.screens.rename_dialog import RenameDialog
from tui.widgets.article_text import ArticleText, printable
from tui.widgets.events_panel import EventsPanel
from tui.widgets.people_panel import PeoplePanel
from tui.widgets.roles_panel import RolesPanel

if TYPE_CHECKING:
    from textual.app import App

    from annotate.labels import LabelConfig
    from annotate.model import Provenance

ITEM_ACTIONS = frozenset(
    {"link_role", "new_event", "move_mention", "add_participant", "set_time", "set_place"}
)
"""The actions of :class:`ItemActions`: they need an annotation."""


class ItemActions:
    """Bindings, actions and panel-request handlers that edit people, roles and events.

    ArticleScreen lists :attr:`BINDINGS` in its own (Textual only merges bindings of DOM
    classes) and inherits the rest; the handlers use its editing contract (``annotation``,
    ``selection``, ``text_selection``, ``cursor_offset``, ``run_edit``, ``label_config``...).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "L",
            "link_role",
            "Link role…",
            show=False,
            tooltip="Link the selected title to a person",
            id="article.link-role",
        ),
        Binding(
            "E",
            "new_event",
            "New event…",
            show=False,
            tooltip="Create an event whose trigger is the selection",
            id="article.new-event",
        ),
        Binding(
            "M",
            "move_mention",
            "Move mention…",
            show=False,
            tooltip="Move the mention under the cursor to another or a new person",
            id="article.move-mention",
        ),
        Binding(
            "plus",
            "add_participant",
            "Add participant…",
            show=False,
            tooltip="Add the person or entity under the cursor, or a person picked, to the event",
            id="article.add-participant",
        ),
        Binding(
            "T",
            "set_time",
            "Set time",
            show=False,
            tooltip="Make the selection the selected event's time",
            id="article.set-time",
        ),
        Binding(
            "W",
            "set_place",
            "Set place",
            show=False,
            tooltip="Make the selection the selected event's place",
            id="article.set-place",
        ),
    ]

    if TYPE_CHECKING:
        # Provided by ArticleScreen (and Screen).
        annotation: Annotation | None

        @property
        def app(self) -> App[Any]: ...
        @property
        def selection(self) -> tuple[str, str] | None: ...
        @property
        def label_config(self) -> LabelConfig: ...
        def text_selection(self) -> tuple[int, int] | None: ...
        def cursor_offset(self) -> int: ...
        def edit_by(self) -> Provenance: ...
        def run_edit(self, op: Callable[..., Patch], *args: Any, **kwargs: Any) -> bool: ...
        def apply_patch(self, patch: Patch) -> bool: ...
        def select_person(self, person_id: str) -> None: ...
        def select_role(self, role_id: str) -> None: ...
        def select_event(self, event_id: str) -> None: ...
        def notify(self, message: str, **kwargs: Any) -> None: ...
        def query_one(self, selector: Any, expect_type: Any = None) -> Any: ...

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The item actions need an annotation; anything else is the next class's to decide."""
        if action in ITEM_ACTIONS and self.annotation is None:
            return False
        return super().check_action(action, parameters)  # type: ignore[misc]

    # -- what the keys work on ---------------------------------------------------------------

    def _say(self, message: str) -> None:
        self.notify(message, severity="warning", markup=False)

    def _selected_text_or_say(self, what: str) -> tuple[int, int] | None:
        selected = self.text_selection()
        if selected is None:
            self._say(f"Select the {what} in the text first.")
        return selected

    def _quote(self, start: int, end: int) -> str:
        annotation = self.annotation
        return "" if annotation is None else f"“{clip(annotation.text[start:end], 30)}”"

    def mention_at_cursor(self) -> Span | None:
        """Return the live PERSON span under the text cursor (or just before it), or None."""
        return self._entity_at_cursor(person=True)

    def argument_at_cursor(self) -> Span | None:
        """Return the live entity span that is not a PERSON under the text cursor (or just
        before it): what can take part in an event as an argument ("North Korea fired")."""
        return self._entity_at_cursor(person=False)

    def _entity_at_cursor(self, *, person: bool) -> Span | None:
        annotation = self.annotation
        if annotation is None:
            return None
        return entity_at_cursor(annotation, self.cursor_offset(), person=person)

    def selected_event(self) -> Event | None:
        """Return the event selected in the Events panel, or None."""
        annotation, selection = self.annotation, self.selection
        if annotation is None or selection is None or selection[0] != "event":
            return None
        try:
            return annotation.event(selection[1])
        except KeyError:
            return None

    def _event_or_say(self) -> Event | None:
        event = self.selected_event()
        if event is None:
            self._say("Select an event first (Events panel, key 3).")
        return event

    def _person(self, person_id: str) -> Person | None:
        annotation = self.annotation
        if annotation is None:
            return None
        try:
            return annotation.person(person_id)
        except KeyError:
            return None

    def _clear_text_selection(self) -> None:
        self.query_one(ArticleText).clear_selection()

    def _deleted(self, done: bool) -> None:
        if done:
            self.notify("u undoes it.", timeout=3, markup=False)

    # -- text keys ------------------------------------------------------------------------

    def action_link_role(self) -> None:
        """Link the selected title to a person (person picker)."""
        selected = self._selected_text_or_say("title")
        annotation = self.annotation
        if selected is None or annotation is None:
            return
        start, end = selected

        def chosen(person_id: str | None) -> None:
            if person_id is None or not self.run_edit(link_role, start, end, person_id):
                return
            self._clear_text_selection()
            role = (
                None if self.annotation is None else role_on(self.annotation, start, end, person_id)
            )
            if role is not None:
                self.select_role(role)

        title = f"Link {self._quote(start, end)} as the role of"
        self.app.push_screen(PersonPicker(annotation, title), chosen)

    def action_new_event(self) -> None:
        """Create an event whose trigger is the selection (type picker); it is then selected."""
        selected = self._selected_text_or_say("trigger")
        if selected is None or self.annotation is None:
            return
        start, end = selected

        def chosen(event_type: str | None) -> None:
            if event_type is None or not self.run_edit(create_event, start, end, event_type):
                return
            self._clear_text_selection()
            event = (
                None
                if self.annotation is None
                else event_on(self.annotation, start, end, event_type)
            )
            if event is not None:
                self.select_event(event)

        picker = ChoicePicker(
            f"Event type of {self._quote(start, end)}", type_choices(self.label_config)
        )
        self.app.push_screen(picker, chosen)

    def action_move_mention(self) -> None:
        """Move the mention under the cursor to another person, or to a new one."""
        annotation = self.annotation
        span = self.mention_at_cursor()
        if annotation is None:
            return
        if span is None:
            self._say("Put the cursor on a PERSON mention first.")
            return
        owner = annotation.person_of_span(span.id)
        exclude = () if owner is None else (owner.id,)

        def chosen(person_id: str | None) -> None:
            if person_id is None:
                return
            target = None if person_id == NEW_PERSON else person_id
            if self.run_edit(move_mention, span.id, target):
                now = self.annotation.person_of_span(span.id) if self.annotation else None
                if now is not None:
                    self.select_person(now.id)

        title = f"Move {self._quote(span.start, span.end)} to"
        picker = PersonPicker(annotation, title, exclude=exclude, allow_new=True)
        self.app.push_screen(picker, chosen)

    def action_add_participant(self) -> None:
        """Add to the selected event the person of the mention under the cursor, else the
        entity under it (a place, an organisation, a country…), else a person picked; then
        ask the part they play."""
        annotation = self.annotation
        event = self._event_or_say()
        if annotation is None or event is None:
            return
        span = self.mention_at_cursor()
        owner = None if span is None else annotation.person_of_span(span.id)
        if owner is not None:
            self._pick_part(event, owner.id)
            return
        entity = self.argument_at_cursor()
        if entity is not None:
            self._pick_argument_part(event, entity)
            return

        def chosen(person_id: str | None) -> None:
            if person_id is not None:
                self._pick_part(event, person_id)

        trigger = annotation.span(event.trigger)
        title = f"Participant of {self._quote(trigger.start, trigger.end)}"
        self.app.push_screen(PersonPicker(annotation, title), chosen)

    def _pick_part(self, event: Event, person_id: str) -> None:
        person = self._person(person_id)
        if person is not None:
            self._ask_part(event, person.name, add_participant, person_id)

    def _pick_argument_part(self, event: Event, span: Span) -> None:
        annotation = self.annotation
        if annotation is not None:
            self._ask_part(event, annotation.span_text(span.id), add_argument, span.id)

    def _ask_part(self, event: Event, who: str, op: Callable[..., Patch], ref: str) -> None:
        """Ask the part ``who`` plays in ``event``, then ``op(event, ref, part)``."""
        config = self.label_config

        def chosen(part: str | None) -> None:
            if part is not None:
                self.run_edit(op, event.id, ref, part)

        title = f"Part of {clip(who, 30)} in {printable(event.type)}"
        picker = ChoicePicker(
            title, part_choices(config, event.type), current=config.default_part(event.type)
        )
        self.app.push_screen(picker, chosen)

    def action_set_time(self) -> None:
        """Make the selection the selected event's time."""
        self._set_where(set_time, "time")

    def action_set_place(self) -> None:
        """Make the selection the selected event's place."""
        self._set_where(set_place, "place")

    def _set_where(self, op: Callable[..., Patch], what: str) -> None:
        event = self._event_or_say()
        if event is None:
            return
        selected = self._selected_text_or_say(what)
        if selected is not None and self.run_edit(op, event.id, *selected):
            self._clear_text_selection()

    # -- panel requests: People -------------------------------------------------------------

    def on_people_panel_merge_requested(self, message: PeoplePanel.MergeRequested) -> None:
        """Merge the highlighted person into one picked."""
        annotation, person = self.annotation, self._person(message.item_id)
        if annotation is None or person is None:
            return

        def chosen(keep_id: str | None) -> None:
            if keep_id is not None and self.run_edit(merge_people, keep_id, person.id):
                self.select_person(keep_id)

        title = f"Merge {clip(person.name, 30)} into"
        self.app.push_screen(PersonPicker(annotation, title, exclude=(person.id,)), chosen)

    def on_people_panel_rename_requested(self, message: PeoplePanel.RenameRequested) -> None:
        """Ask for a new name of the highlighted person."""
        person = self._person(message.item_id)
        if person is None:
            return

        def chosen(name: str | None) -> None:
            if name is not None:
                self.run_edit(rename_person, person.id, name)

        self.app.push_screen(RenameDialog(person.name), chosen)

    def on_people_panel_delete_requested(self, message: PeoplePanel.DeleteRequested) -> None:
        """Delete the highlighted person (their mention spans stay)."""
        self._deleted(self.run_edit(delete_person, message.item_id))

    # -- panel requests: Roles ----------------------------------------------------------------

    def on_roles_panel_relink_requested(self, message: RolesPanel.RelinkRequested) -> None:
        """Give the highlighted role to a person picked."""
        annotation = self.annotation
        if annotation is None:
            return
        role = next((r for r in annotation.roles if r.id == message.item_id), None)
        if role is None:
            return
        span = annotation.span(role.span)

        def chosen(person_id: str | None) -> None:
            if person_id is not None and self.run_edit(relink_role, role.id, person_id):
                self.select_role(role.id)

        title = f"Give {self._quote(span.start, span.end)} to"
        picker = PersonPicker(annotation, title, exclude=(role.person,))
        self.app.push_screen(picker, chosen)

    def on_roles_panel_delete_requested(self, message: RolesPanel.DeleteRequested) -> None:
        """Delete the highlighted role."""
        self._deleted(self.run_edit(delete_role, message.item_id))

    # -- panel requests: Events ---------------------------------------------------------------

    def on_events_panel_type_requested(self, message: EventsPanel.TypeRequested) -> None:
        """Pick another type for the highlighted event."""
        annotation = self.annotation
        if annotation is None:
            return
        try:
            event = annotation.event(message.item_id)
        except KeyError:
            return

        def chosen(event_type: str | None) -> None:
            if event_type is not None:
                self.run_edit(set_event_type, event.id, event_type)

        trigger = annotation.span(event.trigger)
        picker = ChoicePicker(
            f"Event type of {self._quote(trigger.start, trigger.end)}",
            type_choices(self.label_config, event.type),
            current=event.type,
        )
        self.app.push_screen(picker, chosen)

    def on_events_panel_editor_requested(self, message: EventsPanel.EditorRequested) -> None:
        """Open the event editor on the highlighted event."""
        if self.annotation is not None:
            self.app.push_screen(EventEditor(self, message.item_id))

    def on_events_panel_delete_requested(self, message: EventsPanel.DeleteRequested) -> None:
        """Delete the highlighted event."""
        self._deleted(self.run_edit(delete_event, message.item_id))
