"""The list of events in the article: type, trigger, participants with their parts, time, place."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from annotate.model import Annotation, Event
from tui.widgets.article_text import printable
from tui.widgets.item_request import ItemRequest, highlighted_id


def _span_text(annotation: Annotation, span_id: str | None) -> str | None:
    span = annotation.get_span(span_id)
    if span is None or span.rejected:
        return None
    return printable(span.text_in(annotation.text))


def _person_name(annotation: Annotation, person_id: str) -> str:
    try:
        return printable(annotation.person(person_id).name)
    except KeyError:
        return person_id


def event_prompt(annotation: Annotation, event: Event) -> Content:
    """Return the option text for an event.

    First line: type and trigger; then one line per participant or argument (``part: name``);
    then the time and the place, when the event has them.
    """
    prompt = Content.assemble(
        (printable(event.type), "bold"),
        ("  ", ""),
        (_span_text(annotation, event.trigger) or "?", "italic"),
    )
    lines: list[Content] = []
    for participant in event.participants:
        lines.append(
            Content.assemble(
                (f"{printable(participant.part)}: ", "dim"),
                _person_name(annotation, participant.person),
            )
        )
    for argument in event.arguments:
        text = _span_text(annotation, argument.span)
        if text is not None:
            lines.append(Content.assemble((f"{printable(argument.part)}: ", "dim"), text))
    for word, span_id in (("when", event.time), ("where", event.place)):
        text = _span_text(annotation, span_id)
        if text is not None:
            lines.append(Content.assemble((f"{word}: ", "dim"), text))
    for line in lines:
        prompt += Content("\n  ") + line
    return prompt


class EventsPanel(OptionList):
    """Events in text order; moving onto one posts :class:`EventSelected`.

    ``t`` / ``e`` / ``d`` post :class:`TypeRequested` / :class:`EditorRequested` /
    :class:`DeleteRequested` for the highlighted event; the screen does the edit.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "t",
            "set_type",
            "Type…",
            tooltip="Change the highlighted event's type",
            id="events.type",
        ),
        Binding("e", "edit", "Edit event…", tooltip="Open the event editor", id="events.edit"),
        Binding(
            "d",
            "delete",
            "Delete event",
            tooltip="Delete the highlighted event",
            id="events.delete",
        ),
        Binding(
            "delete",
            "delete",
            "Delete event",
            show=False,
            tooltip="Delete the highlighted event",
            id="events.delete-key",
        ),
    ]

    class TypeRequested(ItemRequest):
        """Change this event's type (the screen asks which): key `t`."""

    class EditorRequested(ItemRequest):
        """Open the event editor on this event: key `e`."""

    class DeleteRequested(ItemRequest):
        """Delete this event: key `d`."""

    class EventSelected(Message):
        """The user moved onto (or chose) an event."""

        def __init__(self, panel: EventsPanel, event_id: str, *, chosen: bool = False) -> None:
            super().__init__()
            self.panel = panel
            """The panel the event was selected in."""
            self.event_id = event_id
            """Id of the event."""
            self.chosen = chosen
            """True for enter or a click, False when the highlight merely moved onto it."""

        @property
        def control(self) -> EventsPanel:
            """The panel (for ``@on(EventsPanel.EventSelected, "#id")``)."""
            return self.panel

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, markup=False)

    def show_events(self, annotation: Annotation) -> None:
        """List the annotation's events whose trigger is live, keeping the highlight if possible."""
        current = self.highlighted_option.id if self.highlighted_option else None
        live = {span.id for span in annotation.live_spans("event")}
        options = [
            Option(event_prompt(annotation, event), id=event.id)
            for event in annotation.events
            if event.trigger in live
        ]
        with self.prevent(OptionList.OptionHighlighted):
            self.set_options(options)
            if current is not None and current in {o.id for o in options}:
                self.highlighted = self.get_option_index(current)

    def select_event(self, event_id: str) -> None:
        """Highlight an event without posting a message (the caller shows the selection)."""
        with self.prevent(OptionList.OptionHighlighted):
            self.highlighted = self.get_option_index(event_id)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Turn the list's highlight into :class:`EventSelected`."""
        event.stop()
        if event.option.id is not None:
            self.post_message(self.EventSelected(self, event.option.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click posts :class:`EventSelected` with ``chosen`` set."""
        event.stop()
        if event.option.id is not None:
            self.post_message(self.EventSelected(self, event.option.id, chosen=True))

    def action_set_type(self) -> None:
        """Change the highlighted event's type: post :class:`TypeRequested`."""
        item_id = highlighted_id(self)
        if item_id is not None:
            self.post_message(self.TypeRequested(self, item_id))

    def action_edit(self) -> None:
        """Open the event editor: post :class:`EditorRequested`."""
        item_id = highlighted_id(self)
        if item_id is not None:
            self.post_message(self.EditorRequested(self, item_id))

    def action_delete(self) -> None:
        """Delete the highlighted event: post :class:`DeleteRequested`."""
        item_id = highlighted_id(self)
        if item_id is not None:
            self.post_message(self.DeleteRequested(self, item_id))
