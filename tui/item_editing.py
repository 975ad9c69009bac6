"""What each item edit of the article view asks and does: people, roles and events, below Textual.

A key or a panel request becomes a :class:`Flow` (ask one question, then turn the answer into
the next step), an :class:`ItemEdit` (an edit function with its arguments, and what to select
once it is done) or a :class:`Refusal` (what to say instead). The screen only shows the
question in a picker and runs the edit; :func:`answer_flow` does what the screen does, without
pickers, for the tests.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from annotate.edits import (
    Patch,
    add_argument,
    add_event_mention,
    add_participant,
    add_phrase_argument,
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
from annotate.model import Annotation, Event
from annotate.queries import entity_at_cursor, event_on, role_on, span_at_cursor
from tui.safe_text import clip, printable

NEW_PERSON = "\x00new-person"
"""The answer "a new person" to a person question (never a person id)."""

SelectionKind = Literal["person", "role", "event"]
Select = Callable[[Annotation], tuple[SelectionKind, str] | None]


@dataclass(frozen=True, slots=True)
class Refusal:
    """The edit cannot start: say why."""

    message: str


@dataclass(frozen=True, slots=True)
class ItemEdit:
    """An edit to run: ``op(annotation, *args, by=...)``."""

    op: Callable[..., Patch]
    args: tuple[object, ...]
    select: Select | None = None
    """What to select in the panels once it is done (given the annotation then)."""
    clears_text_selection: bool = False
    """The text selection was used up by the edit."""
    deletes: bool = False
    """A deletion: the screen says that ``u`` undoes it."""


@dataclass(frozen=True, slots=True)
class Ask:
    """A question for the user: which person, which event type, which part, which name."""

    kind: Literal["person", "event_type", "part", "name"]
    title: str
    exclude: tuple[str, ...] = ()
    """Person ids not offered."""
    allow_new: bool = False
    """A person question offers "New person" (answered with :data:`NEW_PERSON`)."""
    current: str | None = None
    """The answer highlighted first (a type, a part, the name to edit)."""
    event_type: str | None = None
    """For a part question: the type whose parts are offered."""


@dataclass(frozen=True, slots=True)
class Flow:
    """Ask, then turn the answer into the next step."""

    ask: Ask
    then: Callable[[str], Step]


Step = Flow | ItemEdit | Refusal


def _quote(annotation: Annotation, start: int, end: int) -> str:
    return f"“{clip(annotation.text[start:end], 30)}”"


# -- text keys ---------------------------------------------------------------------------


def target_range(
    annotation: Annotation, selected: tuple[int, int] | None, cursor: int
) -> tuple[int, int] | None:
    """What ``L``, ``E``, ``T`` and ``W`` act on: the text selection, else the span under
    the cursor (an entity first), else nothing."""
    if selected is not None:
        return selected
    span = span_at_cursor(annotation, cursor)
    return None if span is None else (span.start, span.end)


def link_role_flow(annotation: Annotation, selected: tuple[int, int] | None) -> Step:
    """``L``: link the selected title to a person picked; the new role is selected."""
    if selected is None:
        return Refusal("Select the title in the text, or put the cursor on it.")
    start, end = selected

    def then(person_id: str) -> Step:
        def select(now: Annotation) -> tuple[SelectionKind, str] | None:
            role = role_on(now, start, end, person_id)
            return None if role is None else ("role", role)

        return ItemEdit(link_role, (start, end, person_id), select, clears_text_selection=True)

    title = f"Link {_quote(annotation, start, end)} as the role of"
    return Flow(Ask("person", title), then)


def new_event_flow(annotation: Annotation, selected: tuple[int, int] | None) -> Step:
    """``E``: an event of a type picked whose trigger is the selection; it is selected."""
    if selected is None:
        return Refusal("Select the trigger in the text, or put the cursor on it.")
    start, end = selected

    def then(event_type: str) -> Step:
        def select(now: Annotation) -> tuple[SelectionKind, str] | None:
            event = event_on(now, start, end, event_type)
            return None if event is None else ("event", event)

        return ItemEdit(create_event, (start, end, event_type), select, clears_text_selection=True)

    return Flow(Ask("event_type", f"Event type of {_quote(annotation, start, end)}"), then)


def move_mention_flow(annotation: Annotation, cursor: int) -> Step:
    """``M``: move the PERSON mention under the cursor to a person picked, or a new one."""
    span = entity_at_cursor(annotation, cursor, person=True)
    if span is None:
        return Refusal("Put the cursor on a PERSON mention first.")
    owner = annotation.person_of_span(span.id)

    def then(person_id: str) -> Step:
        def select(now: Annotation) -> tuple[SelectionKind, str] | None:
            person = now.person_of_span(span.id)
            return None if person is None else ("person", person.id)

        target = None if person_id == NEW_PERSON else person_id
        return ItemEdit(move_mention, (span.id, target), select)

    title = f"Move {_quote(annotation, span.start, span.end)} to"
    exclude = () if owner is None else (owner.id,)
    return Flow(Ask("person", title, exclude=exclude, allow_new=True), then)


def add_participant_flow(
    annotation: Annotation,
    event: Event | None,
    cursor: int,
    selected: tuple[int, int] | None = None,
) -> Step:
    """``+``: add to the selected event the text selection as an argument (a party or thing
    no entity names, "eight civilians": a ``PHRASE`` span), else the person of the mention
    under the cursor, else the entity under it as an argument, else a person picked; then ask
    the part they play."""
    if event is None:
        return Refusal("Select an event first (Events panel, key 3).")
    if selected is not None:
        who = annotation.text[selected[0] : selected[1]]
        return _part_flow(event, who, add_phrase_argument, *selected, clears_text_selection=True)
    span = entity_at_cursor(annotation, cursor, person=True)
    owner = None if span is None else annotation.person_of_span(span.id)
    if owner is not None:
        return _part_flow(event, owner.name, add_participant, owner.id)
    entity = entity_at_cursor(annotation, cursor, person=False)
    if entity is not None:
        return _part_flow(event, annotation.span_text(entity.id), add_argument, entity.id)

    def then(person_id: str) -> Step:
        try:
            person = annotation.person(person_id)
        except KeyError:
            return Refusal("That person is gone.")
        return _part_flow(event, person.name, add_participant, person.id)

    trigger = annotation.span(event.trigger)
    return Flow(
        Ask("person", f"Participant of {_quote(annotation, trigger.start, trigger.end)}"), then
    )


def _part_flow(
    event: Event,
    who: str,
    op: Callable[..., Patch],
    *refs: str | int,
    clears_text_selection: bool = False,
) -> Flow:
    """Ask the part ``who`` plays in ``event``, then ``op(event, *refs, part)``."""
    title = f"Part of {clip(who, 30)} in {printable(event.type)}"
    return Flow(
        Ask("part", title, event_type=event.type),
        lambda part: ItemEdit(
            op, (event.id, *refs, part), clears_text_selection=clears_text_selection
        ),
    )


def set_where(event: Event | None, selected: tuple[int, int] | None, what: str) -> Step:
    """``T`` / ``W``: make the selection the selected event's time or place."""
    if event is None:
        return Refusal("Select an event first (Events panel, key 3).")
    if selected is None:
        return Refusal(f"Select the {what} in the text, or put the cursor on it.")
    op = set_time if what == "time" else set_place
    return ItemEdit(op, (event.id, *selected), clears_text_selection=True)


def told_again(event: Event | None, selected: tuple[int, int] | None) -> Step:
    """``J``: make the selection (or the trigger under the cursor) a later mention of the
    selected event; another event on it is folded in (the same happening told twice)."""
    if event is None:
        return Refusal("Select the event told again first (Events panel, key 3).")
    if selected is None:
        return Refusal("Select the words that tell the event again, or put the cursor on them.")

    def select(now: Annotation) -> tuple[SelectionKind, str] | None:
        return ("event", event.id) if any(e.id == event.id for e in now.events) else None

    return ItemEdit(
        add_event_mention, (event.id, *selected), select=select, clears_text_selection=True
    )


# -- panel requests ------------------------------------------------------------------------


def merge_person_flow(annotation: Annotation, person_id: str) -> Step:
    """People ``m``: merge the person into one picked, which is then selected."""
    try:
        person = annotation.person(person_id)
    except KeyError:
        return Refusal("That person is gone.")

    def then(keep_id: str) -> Step:
        return ItemEdit(merge_people, (keep_id, person.id), lambda _: ("person", keep_id))

    title = f"Merge {clip(person.name, 30)} into"
    return Flow(Ask("person", title, exclude=(person.id,)), then)


def rename_person_flow(annotation: Annotation, person_id: str) -> Step:
    """People ``r``: ask for the person's new name."""
    try:
        person = annotation.person(person_id)
    except KeyError:
        return Refusal("That person is gone.")
    ask = Ask("name", "Rename", current=person.name)
    return Flow(ask, lambda name: ItemEdit(rename_person, (person.id, name)))


def relink_role_flow(annotation: Annotation, role_id: str) -> Step:
    """Roles ``r``: give the role to a person picked; the role stays selected."""
    role = next((r for r in annotation.roles if r.id == role_id), None)
    if role is None:
        return Refusal("That role is gone.")
    span = annotation.span(role.span)

    def then(person_id: str) -> Step:
        return ItemEdit(relink_role, (role.id, person_id), lambda _: ("role", role.id))

    title = f"Give {_quote(annotation, span.start, span.end)} to"
    return Flow(Ask("person", title, exclude=(role.person,)), then)


def event_type_flow(annotation: Annotation, event_id: str) -> Step:
    """Events ``t``: pick another type for the event."""
    try:
        event = annotation.event(event_id)
    except KeyError:
        return Refusal("That event is gone.")
    trigger = annotation.span(event.trigger)
    title = f"Event type of {_quote(annotation, trigger.start, trigger.end)}"
    ask = Ask("event_type", title, current=event.type)
    return Flow(ask, lambda event_type: ItemEdit(set_event_type, (event.id, event_type)))


def delete_flow(kind: SelectionKind, item_id: str) -> ItemEdit:
    """``d`` in a panel: delete the person (their mention spans stay), role or event."""
    op = {"person": delete_person, "role": delete_role, "event": delete_event}[kind]
    return ItemEdit(op, (item_id,), deletes=True)


# -- answering without pickers ---------------------------------------------------------------


@dataclass
class Answered:
    """What :func:`answer_flow` saw: the questions asked, and the edit it came to."""

    asked: list[Ask] = field(default_factory=list)
    edit: ItemEdit | None = None
    refusal: str | None = None


def answer_flow(step: Step, answers: Sequence[str]) -> Answered:
    """Follow ``step`` giving ``answers`` in turn, as the pickers would; stop at the edit or
    the refusal it comes to (or at a question left without an answer)."""
    seen = Answered()
    given = iter(answers)
    while isinstance(step, Flow):
        seen.asked.append(step.ask)
        answer = next(given, None)
        if answer is None:
            return seen
        step = step.then(answer)
    if isinstance(step, Refusal):
        seen.refusal = step.message
    else:
        seen.edit = step
    return seen
