"""The event editor: one event's trigger, type, participants, time and place, edited in place.

Each change is one edit made at once through the host screen (:meth:`EditHost.run_edit` or
:meth:`EditHost.apply_patch`), so it is in the store and undoable on its own; the editor then
draws the event again from the annotation the host shows. Escape closes it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, Literal, Protocol

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from annotate.edits import (
    Patch,
    add_argument,
    add_participant,
    delete_event,
    diff,
    remove_argument,
    remove_participant,
    set_event_type,
    set_modality,
    set_place,
    set_time,
)
from annotate.labels import LabelConfig
from annotate.model import ASSERTED, MODALITIES, Annotation, Event, Provenance
from annotate.tokens import sentence_at
from tui.safe_text import clip, printable
from tui.screens.choice_picker import Choice, ChoicePicker, choice
from tui.screens.person_picker import person_choices

_LABEL_WIDTH = 8
"""Width of the field names ("Type", "When"...) in the editor."""


class EditHost(Protocol):
    """What the editor needs from the screen that opened it (ArticleScreen)."""

    @property
    def annotation(self) -> Annotation | None: ...
    @property
    def label_config(self) -> LabelConfig: ...
    def edit_by(self) -> Provenance: ...
    def run_edit(self, op: Callable[..., Patch], *args: Any, **kwargs: Any) -> bool: ...
    def apply_patch(self, patch: Patch) -> bool: ...


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the participants list: a person or an entity, and its part."""

    kind: Literal["person", "entity"]
    """``person`` for a participant, ``entity`` for an argument."""
    ref: str
    """The person id, or the entity span id."""
    part: str
    """The part played."""


MODALITY_HINTS: dict[str, str] = {
    "asserted": "the text says it happened",
    "negated": "the text says it did not happen",
    "hypothetical": "it might happen, or is wished, offered, conditional",
    "future": "it is to happen (will, plans to, is expected to)",
}
"""What each modality means, as the modality picker says it."""


def _type_line(annotation: Annotation, event: Event) -> Content:
    """The type, its modality when not asserted, and the later mentions of the happening."""
    parts: list[tuple[str, str] | str] = [printable(event.type)]
    if event.modality != ASSERTED:
        parts.append((f"  {event.modality}", "italic"))
    told = [
        f"“{clip(span.text_in(annotation.text), 24)}”"
        for span in (annotation.get_span(m) for m in event.mentions)
        if span is not None
    ]
    if told:
        parts.append((f"  told again: {', '.join(told)}", "dim"))
    return Content.assemble(*parts)


def type_choices(config: LabelConfig, current: str | None = None) -> list[Choice]:
    """Return the event types new events may have (and ``current`` if it is not one of them:
    a legacy or unknown type), each with its ACE group and description."""
    names = list(config.current_type_names())
    if current is not None and current not in names:
        names.append(current)
    choices = []
    for name in names:
        spec = config.event_type(name)
        hint = ""
        if spec is not None:
            hint = f"{spec.group}: {spec.description}" if spec.group else spec.description
        choices.append(choice(name, hint=hint))
    return choices


def part_choices(config: LabelConfig, event_type: str) -> list[Choice]:
    """Return the parts the configuration allows for an event type, with their wording."""
    return [
        choice(part, hint=config.part_description(part)) for part in config.parts_for(event_type)
    ]


def argument_choices(annotation: Annotation, event: Event) -> list[Choice]:
    """Return a choice per live entity that is not a person in the sentence of the event's
    trigger (its value the span id): the places, organisations and countries that can take
    part as arguments ("North Korea fired")."""
    trigger = annotation.get_span(event.trigger)
    if trigger is None:
        return []
    start, end = sentence_at(annotation.text, trigger.start) or (trigger.start, trigger.end)
    choices = []
    for span in annotation.live_spans("entity"):
        if span.label != "PERSON" and start <= span.start and span.end <= end:
            text = clip(span.text_in(annotation.text), 40)
            prompt = Content.assemble(f"“{text}”", (f"  {printable(span.label)}", "dim"))
            search = printable(f"{text} {span.label} {span.id}").lower()
            choices.append(Choice(span.id, prompt, search))
    return choices


def participant_choices(annotation: Annotation, event: Event) -> list[Choice]:
    """Return who can be added to an event: every person, then the entities of its sentence."""
    return person_choices(annotation) + argument_choices(annotation, event)


def event_rows(event: Event) -> list[Row]:
    """Return the participants, then the arguments, of an event."""
    rows = [Row("person", p.person, p.part) for p in event.participants]
    rows += [Row("entity", a.span, a.part) for a in event.arguments]
    return rows


def parts_not_allowed(config: LabelConfig, event: Event) -> list[Row]:
    """The rows whose part the event's type does not allow (after a change of type): the
    editor marks them and says so. A type with no parts configured allows any part."""
    allowed = set(config.parts_for(event.type))
    if not allowed:
        return []
    return [row for row in event_rows(event) if row.part not in allowed]


def row_name(annotation: Annotation, row: Row) -> str:
    """Return who or what a row names: the person's name, or the entity's text in quotes."""
    if row.kind == "person":
        try:
            return printable(annotation.person(row.ref).name)
        except KeyError:
            return row.ref
    span = annotation.get_span(row.ref)
    return "?" if span is None else f"“{clip(span.text_in(annotation.text), 40)}”"


def row_prompt(annotation: Annotation, row: Row, *, allowed: bool = True) -> Content:
    """Return the text of a participants-list row: ``part  name`` (an entity with its label);
    a part the event's type does not allow is marked ``⚠``."""
    who = row_name(annotation, row)
    if row.kind == "person":
        shown = Content.styled(who, "bold")
    else:
        span = annotation.get_span(row.ref)
        shown = Content.assemble((who, "italic"), (f" {span.label if span else ''}", "dim"))
    part = (
        (f"{printable(row.part):<12}", "dim")
        if allowed
        else (f"⚠ {printable(row.part):<10}", "bold $text-warning")
    )
    return Content.assemble(part, shown)


class EventEditor(ModalScreen[None]):
    """Edit one event: ``y`` type, ``+`` add a participant, ``enter`` change a part, ``d`` remove,
    ``T`` / ``W`` clear time / place, ``D`` twice delete the event, escape close."""

    CSS_PATH = "item_dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="editor.close"),
        Binding("y", "set_type", "Type…", id="editor.type"),
        Binding("o", "set_modality", "Modality…", id="editor.modality"),
        Binding("plus,a", "add_participant", "Add…", id="editor.add"),
        Binding("p", "change_part", "Part…", id="editor.part"),
        Binding("d,delete", "remove_participant", "Remove", id="editor.remove"),
        Binding("T", "clear_time", "Clear time", id="editor.clear-time"),
        Binding("W", "clear_place", "Clear place", id="editor.clear-place"),
        Binding("D", "delete_event", "Delete event", id="editor.delete"),
    ]

    def __init__(self, host: EditHost, event_id: str) -> None:
        super().__init__(classes="item-dialog")
        self.host = host
        """The screen whose annotation is edited."""
        self.event_id = event_id
        """Id of the event edited."""
        self._rows: list[Row] = []
        self._confirming = False

    # -- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Title, context, type, participants, time, place, status, key hint."""
        with Vertical(id="dialog"):
            yield Static(id="dialog-title")
            yield Static(id="context", classes="field")
            yield Static(id="type", classes="field")
            yield Static(Content.styled("Participants", "bold"), classes="field")
            yield OptionList(id="participants", markup=False)
            yield Static(id="time", classes="field")
            yield Static(id="place", classes="field")
            yield Static(id="editor-status", classes="field")
            yield Static(
                Content.styled(
                    "y type · o modality · + add · enter/p part · d remove · "
                    "T/W clear time/place · D delete event · esc close",
                    "dim",
                ),
                id="dialog-hint",
            )

    def on_mount(self) -> None:
        """Draw the event and focus the participants."""
        self.redraw()
        self.query_one(OptionList).focus()

    @property
    def event(self) -> Event | None:
        """The event as the host shows it now, or None once it is gone."""
        annotation = self.host.annotation
        if annotation is None:
            return None
        try:
            return annotation.event(self.event_id)
        except KeyError:
            return None

    @property
    def rows(self) -> list[Row]:
        """The participants-list rows shown now."""
        return list(self._rows)

    def redraw(self) -> None:
        """Draw the event from the host's annotation; close when the event is gone."""
        annotation, event = self.host.annotation, self.event
        if annotation is None or event is None:
            self.dismiss(None)
            return
        trigger = annotation.get_span(event.trigger)
        trigger_text = "?" if trigger is None else clip(trigger.text_in(annotation.text), 40)
        self.query_one("#dialog-title", Static).update(
            Content.assemble(("Event ", "bold"), (f"“{trigger_text}”", "bold italic"))
        )
        self.query_one("#context", Static).update(_context(annotation, event))
        self.query_one("#type", Static).update(_field("Type", _type_line(annotation, event)))
        self._rows = event_rows(event)
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        wrong = parts_not_allowed(self.host.label_config, event)
        if self._rows:
            options.set_options(
                Option(row_prompt(annotation, r, allowed=r not in wrong)) for r in self._rows
            )
            options.highlighted = min(highlighted or 0, len(self._rows) - 1)
        else:
            options.set_options(
                [Option(Content.styled("none yet: + adds one", "dim"), disabled=True)]
            )
        for field, word in (("time", "When"), ("place", "Where")):
            span = annotation.get_span(getattr(event, field))
            value = (
                Content.styled("—", "dim")
                if span is None
                else Content.styled(f"“{clip(span.text_in(annotation.text), 56)}”", "italic")
            )
            self.query_one(f"#{field}", Static).update(_field(word, value))
        if wrong:
            parts = ", ".join(sorted({printable(row.part) for row in wrong}))
            allowed = ", ".join(self.host.label_config.parts_for(event.type))
            self._set_status(
                f"⚠ {printable(event.type)} has no part {parts} (its parts: {allowed}): "
                "enter on a marked row changes it, d removes it."
            )
        else:
            self._set_status("")

    def _set_status(self, text: str) -> None:
        status = self.query_one("#editor-status", Static)
        status.update(Content(text))
        status.display = bool(text)

    # -- edits --------------------------------------------------------------------------

    def _edit(self, op: Callable[..., Patch], *args: Any) -> bool:
        self._confirming = False
        done = self.host.run_edit(op, self.event_id, *args)
        if self.is_attached:
            self.redraw()
        return done

    def _highlighted_row(self) -> Row | None:
        index = self.query_one(OptionList).highlighted
        if index is None or not self._rows or index >= len(self._rows):
            return None
        return self._rows[index]

    def action_set_type(self) -> None:
        """Pick another type for the event."""
        event = self.event
        if event is None:
            return
        config = self.host.label_config

        def chosen(type: str | None) -> None:
            if type is not None:
                self._edit(set_event_type, type)

        picker = ChoicePicker("Event type", type_choices(config, event.type), current=event.type)
        self.app.push_screen(picker, chosen)

    def action_set_modality(self) -> None:
        """Say whether the event happened, did not, might, or is to happen."""
        event = self.event
        if event is None:
            return

        def chosen(modality: str | None) -> None:
            if modality is not None:
                self._edit(set_modality, modality)

        choices = [choice(m, hint=MODALITY_HINTS[m]) for m in MODALITIES]
        picker = ChoicePicker("Did it happen?", choices, current=event.modality)
        self.app.push_screen(picker, chosen)

    def action_add_participant(self) -> None:
        """Pick a person, or an entity of the event's sentence, then the part it plays; add
        it to the event."""
        annotation, event = self.host.annotation, self.event
        if annotation is None or event is None:
            return

        def chosen(ref: str | None) -> None:
            if ref is not None:
                kind = "entity" if annotation.get_span(ref) is not None else "person"
                self._pick_part(Row(kind, ref, ""), None)

        picker = ChoicePicker("Add a participant", participant_choices(annotation, event))
        self.app.push_screen(picker, chosen)

    def action_change_part(self) -> None:
        """Pick another part for the highlighted participant (one edit)."""
        row = self._highlighted_row()
        if row is not None:
            self._pick_part(row, row)

    @on(OptionList.OptionSelected, "#participants")
    def _row_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_change_part()

    def _pick_part(self, row: Row, old: Row | None) -> None:
        """Ask the part ``row``'s person or entity plays: a new one (``old`` None) is added,
        else ``old``'s part is changed."""
        event, annotation = self.event, self.host.annotation
        if event is None or annotation is None:
            return
        config = self.host.label_config
        parts = part_choices(config, event.type)
        if old is not None and old.part not in {c.value for c in parts}:
            parts.append(choice(old.part))
        name = row_name(annotation, row)
        current = config.default_part(event.type) if old is None else old.part

        def part_chosen(part: str | None) -> None:
            if part is None:
                return
            if old is None:
                add = add_participant if row.kind == "person" else add_argument
                self._edit(add, row.ref, part)
            elif part != old.part:
                self._change_part(old, part)

        title = f"Part of {clip(name, 30)} in {printable(event.type)}"
        self.app.push_screen(ChoicePicker(title, parts, current=current), part_chosen)

    def _change_part(self, row: Row, part: str) -> None:
        """Replace a row's part as one undoable edit (remove and add, diffed into one patch)."""
        self._confirming = False
        annotation = self.host.annotation
        if annotation is None:
            return
        by = self.host.edit_by()
        remove, add = (
            (remove_participant, add_participant)
            if row.kind == "person"
            else (remove_argument, add_argument)
        )
        try:
            middle = remove(annotation, self.event_id, row.ref, row.part, by=by).apply(annotation)
            after = add(middle, self.event_id, row.ref, part, by=by).apply(middle)
        except ValueError as error:
            self.notify(str(error), title="Cannot edit", severity="warning", markup=False)
            return
        who = row_name(annotation, row)
        self.host.apply_patch(diff(annotation, after, f"{who}: {row.part} → {part}"))
        if self.is_attached:
            self.redraw()

    def action_remove_participant(self) -> None:
        """Remove the highlighted participant or argument from the event."""
        row = self._highlighted_row()
        if row is None:
            return
        op = remove_participant if row.kind == "person" else remove_argument
        self._edit(op, row.ref, row.part)

    def action_clear_time(self) -> None:
        """Clear the event's time."""
        self._edit(set_time, None, None)

    def action_clear_place(self) -> None:
        """Clear the event's place."""
        self._edit(set_place, None, None)

    def action_delete_event(self) -> None:
        """Delete the event: the first ``D`` asks, the second deletes and closes."""
        if not self._confirming:
            self._confirming = True
            self._set_status("Press D again to delete this event (u undoes it).")
            return
        self._confirming = False
        if self.host.run_edit(delete_event, self.event_id):
            self.dismiss(None)

    def action_close(self) -> None:
        """Close the editor (every change is already saved)."""
        self.dismiss(None)


def _field(name: str, value: Content) -> Content:
    return Content.styled(f"{name:<{_LABEL_WIDTH}}", "bold") + value


def _context(annotation: Annotation, event: Event, before: int = 20, after: int = 80) -> Content:
    """Return the words around the trigger on one line, the trigger reversed: up to ``before``
    characters before it (so it shows in a narrow box), ``after`` characters after it."""
    trigger = annotation.get_span(event.trigger)
    if trigger is None:
        return Content("")
    text = annotation.text
    left = " ".join(text[max(0, trigger.start - 3 * before) : trigger.start].split())
    right = " ".join(text[trigger.end : trigger.end + after].split())
    left = printable("…" + left[-before:] if len(left) > before else left)
    return Content.assemble(
        (left + " ", "dim"),
        (clip(trigger.text_in(text), 40), "bold reverse"),
        (" " + printable(right), "dim"),
    )
