"""Item edits from the article view: people, roles and events (a mixin of ArticleScreen).

Text keys (they read the text selection or the cursor): ``L`` link the selection as a role
title to a person, ``E`` create an event on the selection, ``M`` move the mention under the
cursor to another or a new person, ``+`` add a participant (the person or the entity under the
cursor, or a person picked) to the selected event, ``T`` / ``W``
set the selected event's time / place from the selection.

Panel keys post :class:`~tui.widgets.item_request.ItemRequest` messages (People ``m r d``,
Roles ``r d``, Events ``t e d``). What each asks and does is decided in
:mod:`tui.item_editing`, below Textual; the handlers here show its questions in pickers and
run its edits through the screen's ``run_edit`` (one undoable edit, in the store before it
shows).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual.binding import Binding, BindingType

from annotate.edits import Patch
from annotate.model import Annotation, Event, Span
from annotate.queries import entity_at_cursor
from tui.item_editing import (
    Ask,
    ItemEdit,
    Refusal,
    Step,
    add_participant_flow,
    delete_flow,
    event_type_flow,
    link_role_flow,
    merge_person_flow,
    move_mention_flow,
    new_event_flow,
    relink_role_flow,
    rename_person_flow,
    set_where,
    target_range,
    told_again,
)
from tui.screens.choice_picker import ChoicePicker
from tui.screens.event_editor import EventEditor, part_choices, type_choices
from tui.screens.person_picker import PersonPicker
from tui.screens.rename_dialog import RenameDialog
from tui.widgets.article_text import ArticleText
from tui.widgets.events_panel import EventsPanel
from tui.widgets.people_panel import PeoplePanel
from tui.widgets.roles_panel import RolesPanel

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

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
            "J",
            "told_again",
            "Told again",
            show=False,
            tooltip="Make the selection (or the event under the cursor) a later mention of the "
            "selected event",
            id="article.told-again",
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

    def mention_at_cursor(self) -> Span | None:
        """Return the live PERSON span under the text cursor (or just before it), or None."""
        annotation = self.annotation
        if annotation is None:
            return None
        return entity_at_cursor(annotation, self.cursor_offset(), person=True)

    def selected_event(self) -> Event | None:
        """Return the event selected in the Events panel, or None."""
        annotation, selection = self.annotation, self.selection
        if annotation is None or selection is None or selection[0] != "event":
            return None
        try:
            return annotation.event(selection[1])
        except KeyError:
            return None

    # -- following a flow (tui.item_editing decides; this asks and runs) --------------------

    def _follow(self, step: Step) -> None:
        """Ask the flow's question in a picker and go on with the answer; run the edit it
        comes to; say a refusal."""
        if isinstance(step, Refusal):
            self.notify(step.message, severity="warning", markup=False)
        elif isinstance(step, ItemEdit):
            self._run(step)
        else:

            def chosen(answer: str | None) -> None:
                if answer is not None:
                    self._follow(step.then(answer))

            self.app.push_screen(self._picker(step.ask), chosen)

    def _picker(self, ask: Ask) -> Screen[str | None]:
        annotation = self.annotation
        assert annotation is not None  # the item actions need one (check_action)
        config = self.label_config
        if ask.kind == "person":
            return PersonPicker(annotation, ask.title, exclude=ask.exclude, allow_new=ask.allow_new)
        if ask.kind == "name":
            return RenameDialog(ask.current or "")
        if ask.kind == "part":
            event_type = ask.event_type or ""
            choices = part_choices(config, event_type)
            return ChoicePicker(ask.title, choices, current=config.default_part(event_type))
        return ChoicePicker(ask.title, type_choices(config, ask.current), current=ask.current)

    def _run(self, edit: ItemEdit) -> None:
        if not self.run_edit(edit.op, *edit.args):
            return
        if edit.clears_text_selection:
            self.query_one(ArticleText).clear_selection()
        if edit.deletes:
            self.notify("u undoes it.", timeout=3, markup=False)
        selected = (
            None if edit.select is None or self.annotation is None else edit.select(self.annotation)
        )
        if selected is not None:
            kind, item_id = selected
            {"person": self.select_person, "role": self.select_role, "event": self.select_event}[
                kind
            ](item_id)

    def _with_annotation(self, flow: Callable[[Annotation], Step]) -> None:
        if self.annotation is not None:
            self._follow(flow(self.annotation))

    # -- text keys ------------------------------------------------------------------------

    def _target(self, annotation: Annotation) -> tuple[int, int] | None:
        """The selection, else the span under the cursor (see :func:`target_range`)."""
        return target_range(annotation, self.text_selection(), self.cursor_offset())

    def action_link_role(self) -> None:
        """Link the selected title to a person (person picker)."""
        self._with_annotation(lambda a: link_role_flow(a, self._target(a)))

    def action_new_event(self) -> None:
        """Create an event whose trigger is the selection (type picker); it is then selected."""
        self._with_annotation(lambda a: new_event_flow(a, self._target(a)))

    def action_move_mention(self) -> None:
        """Move the mention under the cursor to another person, or to a new one."""
        self._with_annotation(lambda a: move_mention_flow(a, self.cursor_offset()))

    def action_add_participant(self) -> None:
        """Add to the selected event the text selection (a party or thing named by a phrase),
        else the person of the mention under the cursor, else the entity under it (a place,
        an organisation, a country…), else a person picked; then ask the part they play."""
        self._with_annotation(
            lambda a: add_participant_flow(
                a, self.selected_event(), self.cursor_offset(), self.text_selection()
            )
        )

    def action_set_time(self) -> None:
        """Make the selection the selected event's time."""
        self._with_annotation(lambda a: set_where(self.selected_event(), self._target(a), "time"))

    def action_told_again(self) -> None:
        """Make the selection a later mention of the selected event (``J``)."""
        self._with_annotation(lambda a: told_again(self.selected_event(), self._target(a)))

    def action_set_place(self) -> None:
        """Make the selection the selected event's place."""
        self._with_annotation(lambda a: set_where(self.selected_event(), self._target(a), "place"))

    # -- panel requests -----------------------------------------------------------------------

    def on_people_panel_merge_requested(self, message: PeoplePanel.MergeRequested) -> None:
        """Merge the highlighted person into one picked."""
        self._with_annotation(lambda a: merge_person_flow(a, message.item_id))

    def on_people_panel_rename_requested(self, message: PeoplePanel.RenameRequested) -> None:
        """Ask for a new name of the highlighted person."""
        self._with_annotation(lambda a: rename_person_flow(a, message.item_id))

    def on_people_panel_delete_requested(self, message: PeoplePanel.DeleteRequested) -> None:
        """Delete the highlighted person (their mention spans stay)."""
        self._follow(delete_flow("person", message.item_id))

    def on_roles_panel_relink_requested(self, message: RolesPanel.RelinkRequested) -> None:
        """Give the highlighted role to a person picked."""
        self._with_annotation(lambda a: relink_role_flow(a, message.item_id))

    def on_roles_panel_delete_requested(self, message: RolesPanel.DeleteRequested) -> None:
        """Delete the highlighted role."""
        self._follow(delete_flow("role", message.item_id))

    def on_events_panel_type_requested(self, message: EventsPanel.TypeRequested) -> None:
        """Pick another type for the highlighted event."""
        self._with_annotation(lambda a: event_type_flow(a, message.item_id))

    def on_events_panel_editor_requested(self, message: EventsPanel.EditorRequested) -> None:
        """Open the event editor on the highlighted event."""
        if self.annotation is not None:
            self.app.push_screen(EventEditor(self, message.item_id))

    def on_events_panel_delete_requested(self, message: EventsPanel.DeleteRequested) -> None:
        """Delete the highlighted event."""
        self._follow(delete_flow("event", message.item_id))
