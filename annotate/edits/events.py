"""Event edits: create, retype, participants, arguments, time, place, delete.

Time and place reuse a live entity or argument-layer span with exactly the chosen
range, else a ``TIME_EXPR``/``PLACE`` span is reused, restored or added; an argument named by
a phrase that is no entity ("eight civilians") is a ``PHRASE`` span made the same way. A free
argument-layer span that no event uses any more is discarded.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from annotate.edits.core import EditError, Patch
from annotate.edits.draft import PERSON, Draft, quote
from annotate.model import (
    EVENT_LABEL,
    MODALITIES,
    PHRASE_LABEL,
    PLACE_LABEL,
    TIME_LABEL,
    Annotation,
    Argument,
    Event,
    Participant,
    Provenance,
    Span,
)


def _trigger(draft: Draft, event: Event) -> str:
    return quote(draft.covered(draft.span(event.trigger)))


def create_event(
    annotation: Annotation, start: int, end: int, type: str, *, by: Provenance
) -> Patch:
    """Create an event of ``type`` on the trigger at start..end (``TRIGGER`` span reused or
    created)."""
    type = type.strip()
    if not type:
        raise EditError("an event needs a type")
    draft = Draft(annotation, by)
    span, _ = draft.ensure_span(start, end, EVENT_LABEL)
    if any(e.trigger == span.id and e.type == type for e in draft.events()):
        raise EditError(f"there is already a {type} event on {quote(draft.covered(span))}")
    draft.put("events", Event(draft.new_id("E"), span.id, type, provenance=by))
    return draft.patch(f"Create {type} event {quote(draft.covered(span))}")


def add_event_mention(
    annotation: Annotation, event_id: str, start: int, end: int, *, by: Provenance
) -> Patch:
    """Make start..end a later mention of the event ("the meeting" after "met"). When it is
    the trigger of another event, that event is the same happening told again: it is folded
    into this one (its mentions, people, arguments, and the time and place this one lacks)."""
    draft = Draft(annotation, by)
    event = draft.event(event_id)
    span, _ = draft.ensure_span(start, end, EVENT_LABEL)
    if span.id in event.triggers:
        raise EditError(f"{quote(draft.covered(span))} is already a mention of this event")
    mentions = list(event.mentions)
    participants = list(event.participants)
    arguments = list(event.arguments)
    time, place = event.time, event.place
    for other in draft.events():
        if other.id == event.id or span.id not in other.triggers:
            continue
        mentions += [t for t in other.triggers if t not in event.triggers and t not in mentions]
        participants += [p for p in other.participants if p not in participants]
        arguments += [a for a in other.arguments if a not in arguments]
        time, place = time or other.time, place or other.place
        draft.remove("events", other.id)
    if span.id not in mentions:
        mentions.append(span.id)
    starts = {m: draft.span(m).start for m in mentions}
    joined = replace(
        event,
        mentions=tuple(sorted(mentions, key=lambda m: (starts[m], m))),
        participants=tuple(participants),
        arguments=tuple(arguments),
        time=time,
        place=place,
        provenance=by,
    )
    draft.put("events", joined)
    return draft.patch(f"{quote(draft.covered(span))} tells {_trigger(draft, event)} again")


def set_event_type(annotation: Annotation, event_id: str, type: str, *, by: Provenance) -> Patch:
    """Change an event's type."""
    type = type.strip()
    draft = Draft(annotation, by)
    event = draft.event(event_id)
    if not type:
        raise EditError("an event needs a type")
    if type == event.type:
        raise EditError(f"the event is already {type}")
    draft.put("events", replace(event, type=type, provenance=by))
    return draft.patch(f"Event {_trigger(draft, event)}: {event.type} → {type}")


def set_modality(annotation: Annotation, event_id: str, modality: str, *, by: Provenance) -> Patch:
    """Say whether the event happened: ``asserted``, ``negated``, ``hypothetical``, ``future``."""
    draft = Draft(annotation, by)
    event = draft.event(event_id)
    if modality not in MODALITIES:
        raise EditError(f"{modality!r} is not one of {', '.join(MODALITIES)}")
    if modality == event.modality:
        raise EditError(f"the event is already {modality}")
    draft.put("events", replace(event, modality=modality, provenance=by))
    return draft.patch(f"Event {_trigger(draft, event)}: {event.modality} → {modality}")


def add_participant(
    annotation: Annotation, event_id: str, person_id: str, part: str, *, by: Provenance
) -> Patch:
    """Add a person to an event in a part (agent, patient, recipient, ...)."""
    draft = Draft(annotation, by)
    event, person = draft.event(event_id), draft.person(person_id)
    part = part.strip()
    if not part:
        raise EditError("a participant needs a part")
    added = Participant(person.id, part)
    if any(p.key() == added.key() for p in event.participants):
        raise EditError(f"{person.name} is already {part} of the event")
    draft.put("events", replace(event, participants=(*event.participants, added), provenance=by))
    return draft.patch(f"Add {person.name} as {part} of {_trigger(draft, event)}")


def remove_participant(
    annotation: Annotation, event_id: str, person_id: str, part: str, *, by: Provenance
) -> Patch:
    """Remove a person's part in an event."""
    draft = Draft(annotation, by)
    event = draft.event(event_id)
    gone = Participant(person_id, part)
    if not any(p.key() == gone.key() for p in event.participants):
        raise EditError(f"{person_id} is not {part} of the event")
    participants = tuple(p for p in event.participants if p.key() != gone.key())
    draft.put("events", replace(event, participants=participants, provenance=by))
    name = draft.items["people"][person_id].name if person_id in draft.items["people"] else ""
    return draft.patch(f"Remove {name or person_id} as {part} of {_trigger(draft, event)}")


def add_argument(
    annotation: Annotation, event_id: str, span_id: str, part: str, *, by: Provenance
) -> Patch:
    """Add a non-person entity span to an event in a part."""
    draft = Draft(annotation, by)
    event, span = draft.event(event_id), draft.live_span(span_id)
    part = part.strip()
    if not part:
        raise EditError("an argument needs a part")
    if span.layer not in ("entity", "argument") or span.label == PERSON:
        raise EditError(f"only non-person entities and phrases are arguments, not {span.label}")
    return _add_argument(draft, event, span, part)


def add_phrase_argument(
    annotation: Annotation, event_id: str, start: int, end: int, part: str, *, by: Provenance
) -> Patch:
    """Add the text start..end to an event in a part: the entity or argument span with exactly
    that range when there is one, else a ``PHRASE`` span ("eight civilians" as the victim)."""
    draft = Draft(annotation, by)
    event = draft.event(event_id)
    part = part.strip()
    if not part:
        raise EditError("an argument needs a part")
    span = _where_span(draft, start, end, PHRASE_LABEL)
    if span.label == PERSON:
        raise EditError("a person's name takes part as the person (+ on the name)")
    return _add_argument(draft, event, span, part)


def _add_argument(draft: Draft, event: Event, span: Span, part: str) -> Patch:
    added = Argument(span.id, part)
    if added in event.arguments:
        raise EditError(f"{quote(draft.covered(span))} is already {part} of the event")
    draft.put("events", replace(event, arguments=(*event.arguments, added), provenance=draft.by))
    return draft.patch(f"Add {quote(draft.covered(span))} as {part} of {_trigger(draft, event)}")


def remove_argument(
    annotation: Annotation, event_id: str, span_id: str, part: str, *, by: Provenance
) -> Patch:
    """Remove an entity's part in an event."""
    draft = Draft(annotation, by)
    event = draft.event(event_id)
    gone = Argument(span_id, part)
    if gone not in event.arguments:
        raise EditError(f"{span_id} is not {part} of the event")
    arguments = tuple(a for a in event.arguments if a != gone)
    draft.put("events", replace(event, arguments=arguments, provenance=by))
    what = quote(draft.covered(draft.span(span_id)))
    draft.discard_if_free(span_id)  # a phrase no other event names goes with it
    return draft.patch(f"Remove {what} as {part} of {_trigger(draft, event)}")


def _where_span(draft: Draft, start: int, end: int, label: str) -> Span:
    draft.check_range(start, end)
    same = [s for s in draft.spans() if (s.start, s.end) == (start, end) and not s.rejected]
    for layer in ("entity", "argument"):
        for span in same:
            if span.layer == layer:
                return span
    return draft.ensure_span(start, end, label)[0]


def _set_where(
    annotation: Annotation,
    event_id: str,
    start: int | None,
    end: int | None,
    field: Literal["time", "place"],
    by: Provenance,
) -> Patch:
    draft = Draft(annotation, by)
    event = draft.event(event_id)
    old = getattr(event, field)
    if start is None or end is None:
        if start is not None or end is not None:
            raise EditError(f"give both ends of the {field}, or neither to clear it")
        if old is None:
            raise EditError(f"the event has no {field}")
        draft.put("events", replace(event, **{field: None}, provenance=by))
        draft.discard_if_free(old)
        return draft.patch(f"Clear the {field} of {_trigger(draft, event)}")
    span = _where_span(draft, start, end, TIME_LABEL if field == "time" else PLACE_LABEL)
    if span.id == old:
        raise EditError(f"{quote(draft.covered(span))} is already the {field}")
    draft.put("events", replace(event, **{field: span.id}, provenance=by))
    draft.discard_if_free(old)
    return draft.patch(
        f"Set the {field} of {_trigger(draft, event)} to {quote(draft.covered(span))}"
    )


def set_time(
    annotation: Annotation,
    event_id: str,
    start: int | None,
    end: int | None,
    *,
    by: Provenance,
) -> Patch:
    """Set an event's time to the text at start..end; ``None, None`` clears it."""
    return _set_where(annotation, event_id, start, end, "time", by)


def set_place(
    annotation: Annotation,
    event_id: str,
    start: int | None,
    end: int | None,
    *,
    by: Provenance,
) -> Patch:
    """Set an event's place to the text at start..end; ``None, None`` clears it."""
    return _set_where(annotation, event_id, start, end, "place", by)


def delete_event(annotation: Annotation, event_id: str, *, by: Provenance) -> Patch:
    """Delete an event; its trigger span goes too unless another event uses it."""
    draft = Draft(annotation, by)
    event = draft.event(event_id)
    described = f"Delete {event.type} event {_trigger(draft, event)}"
    draft.drop_event(event.id)
    return draft.patch(described)
