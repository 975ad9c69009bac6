"""The list of events in the article: type, trigger, participants with their parts, time, place."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList

from annotate.model import ASSERTED, Annotation, Event
from tui.safe_text import one_line, printable
from tui.widgets.annotation_changes import AnnotationChange
from tui.widgets.hanging_lines import HangingLines
from tui.widgets.item_request import ItemRequest, highlighted_id
from tui.widgets.keyed_options import KeyedOptionList

EventKey = tuple[str, str, tuple[tuple[str, str], ...]]
"""What an event's row shows: type, trigger text, and ``(part, text)`` lines."""


def _span_text(annotation: Annotation, span_id: str | None) -> str | None:
    span = annotation.get_span(span_id)
    if span is None or span.rejected:
        return None
    return span.text_in(annotation.text)


def event_key(
    annotation: Annotation, event: Event, names: dict[str, str] | None = None
) -> EventKey:
    """Return what an event's row shows; ``names`` maps person ids to names when known.

    The type carries the modality when it is not asserted ("Transport, future"); the later
    mentions of the same happening come as an ``also`` line.
    """
    if names is None:
        names = {person.id: person.name for person in annotation.people}
    lines: list[tuple[str, str]] = [
        (participant.part, names.get(participant.person, participant.person))
        for participant in event.participants
    ]
    for argument in event.arguments:
        text = _span_text(annotation, argument.span)
        if text is not None:
            lines.append((argument.part, text))
    for word, span_id in (("when", event.time), ("where", event.place)):
        text = _span_text(annotation, span_id)
        if text is not None:
            lines.append((word, text))
    told = [t for t in (_span_text(annotation, m) for m in event.mentions) if t is not None]
    if told:
        lines.append(("also", " · ".join(told)))
    kind = event.type if event.modality == ASSERTED else f"{event.type}, {event.modality}"
    return (kind, _span_text(annotation, event.trigger) or "?", tuple(lines))


def prompt_of_event(key: EventKey) -> HangingLines:
    """Return the option text for an event's row key.

    First line: type and trigger; then one line per participant, argument, time and place
    (``part: text``).
    """
    kind, trigger, parts = key
    head = Content.assemble((printable(kind), "bold"), ("  ", ""), (one_line(trigger), "italic"))
    lines = [(0, head)]
    for part, text in parts:
        lines.append((2, Content.assemble((f"{printable(part)}: ", "dim"), one_line(text))))
    return HangingLines(lines)


def event_prompt(annotation: Annotation, event: Event) -> HangingLines:
    """Return the option text for an event (see :func:`prompt_of_event`)."""
    return prompt_of_event(event_key(annotation, event))


def events_rows(annotation: Annotation) -> list[tuple[str, EventKey]]:
    """Return ``(event id, row key)`` of every event whose trigger is live, in panel order."""
    names = {person.id: person.name for person in annotation.people}
    rows = []
    for event in annotation.events:
        trigger = annotation.get_span(event.trigger)
        if trigger is not None and not trigger.rejected:
            rows.append((event.id, event_key(annotation, event, names)))
    return rows


def events_reads(annotation: Annotation) -> frozenset[str]:
    """Return the ids of the spans the event rows read: triggers, arguments, times, places."""
    reads: set[str] = set()
    for event in annotation.events:
        reads.update(event.triggers)
        reads.update(argument.span for argument in event.arguments)
        if event.time is not None:
            reads.add(event.time)
        if event.place is not None:
            reads.add(event.place)
    return frozenset(reads)


class EventsPanel(KeyedOptionList):
    """Events in text order; moving onto one posts :class:`EventSelected`.

    ``y`` / ``e`` / ``d`` post :class:`TypeRequested` / :class:`EditorRequested` /
    :class:`DeleteRequested` for the highlighted event; the screen does the edit.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "y",
            "set_type",
            "Type…",
            tooltip="Change the highlighted event's type (y: tYpe; t is time in the text)",
            id="events.type",
        ),
        Binding("e", "edit", "Edit…", tooltip="Open the event editor", id="events.edit"),
        Binding(
            "d",
            "delete",
            "Delete",
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

    _reads: frozenset[str] = frozenset()

    def show_events(self, annotation: Annotation, change: AnnotationChange | None = None) -> None:
        """List the annotation's events whose trigger is live, keeping the highlight if possible.

        ``change`` is what differs from the annotation shown last (:func:`annotation_change`):
        when it touches no event, person's name or span the rows read, nothing is done.
        Unchanged rows keep their prompt; an unchanged list is not redrawn.
        """
        if change is not None and not (change.events or change.names or change.spans & self._reads):
            return
        self._reads = events_reads(annotation)
        self.show_rows(events_rows(annotation), prompt_of_event)  # type: ignore[arg-type]

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
