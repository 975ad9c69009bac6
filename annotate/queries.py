"""Questions the article view asks of an annotation: which spans to highlight for a person, a
role or an event, what is under the cursor, the sentence around an offset, what an edit made.

Pure functions of an :class:`~annotate.model.Annotation` and offsets (no store, no Textual).
"""

from __future__ import annotations

import re
from typing import Final

from annotate.model import EVENT_LABEL, ROLE_LABEL, Annotation, Event, Participant, Person, Span
from annotate.tokens import entities_at

_SENTENCE_END: Final = re.compile(r"[.!?][\"”’')\]]*\s+|\n")
_SENTENCE_LOOKBACK: Final = 3000
"""How far back a sentence start is looked for (a longer sentence starts there)."""


def sentence_bounds(text: str, offset: int) -> tuple[int, int]:
    """Return the start and end offsets of the (roughly cut) sentence holding ``offset``."""
    start = 0
    for match in _SENTENCE_END.finditer(text, max(0, offset - _SENTENCE_LOOKBACK), offset):
        start = match.end()
    after = _SENTENCE_END.search(text, offset)
    return start, (after.start() + 1 if after else len(text))


def live_mentions(annotation: Annotation, person: Person) -> list[str]:
    """Return the ids of a person's mentions that are not rejected, in text order."""
    spans = [annotation.get_span(m) for m in person.mentions]
    live = [s for s in spans if s is not None and not s.rejected]
    return [s.id for s in sorted(live, key=lambda s: (s.start, s.end))]


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

    The trigger and the triggers of its later mentions, each participant's mentions in the
    trigger's sentence (the nearest mention when the sentence has none), the arguments, the
    time and the place.
    """
    try:
        event: Event = annotation.event(event_id)
    except KeyError:
        return []
    trigger = annotation.get_span(event.trigger)
    if trigger is None:
        return []
    low, high = sentence_bounds(annotation.text, trigger.start)
    found = [trigger.id, *(m for m in event.mentions if annotation.get_span(m) is not None)]
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


def span_at_cursor(
    annotation: Annotation, offset: int, *, entity_only: bool = False
) -> Span | None:
    """Return the live span under the cursor at ``offset`` (or just before it), the innermost
    entity preferred; with ``entity_only`` only entity spans count."""
    for at in (offset, offset - 1):
        if at < 0:
            continue
        found = entities_at(annotation, at, "entity")
        if not found and not entity_only:
            found = entities_at(annotation, at)
        if found:
            return found[0]
    return None


def entity_at_cursor(annotation: Annotation, offset: int, *, person: bool) -> Span | None:
    """Return the innermost live entity under the cursor (or just before it) that is a PERSON
    (``person``) or that is not (what can be an event's argument)."""
    for at in (offset, offset - 1):
        if at >= 0:
            for span in entities_at(annotation, at, "entity"):
                if (span.label == "PERSON") == person:
                    return span
    return None


def role_on(annotation: Annotation, start: int, end: int, person_id: str) -> str | None:
    """Return the id of the role linking the ROLE span at ``start..end`` to a person."""
    for role in annotation.roles:
        span = annotation.get_span(role.span)
        if (
            role.person == person_id
            and span is not None
            and (span.start, span.end, span.label) == (start, end, ROLE_LABEL)
        ):
            return role.id
    return None


def event_on(annotation: Annotation, start: int, end: int, event_type: str) -> str | None:
    """Return the id of the event of this type on the trigger at ``start..end``."""
    for event in annotation.events:
        span = annotation.get_span(event.trigger)
        if (
            event.type == event_type
            and span is not None
            and (span.start, span.end, span.label) == (start, end, EVENT_LABEL)
        ):
            return event.id
    return None


def nearest_mention(annotation: Annotation, person_id: str, to: Span) -> Span | None:
    """The person's mention nearest ``to`` (a title, a trigger), None for no such person."""
    try:
        mentions = [annotation.span(m) for m in annotation.person(person_id).mentions]
    except KeyError:
        return None
    return min(mentions, key=lambda m: abs(m.start - to.start), default=None)


def participant_mention(
    annotation: Annotation, participant: Participant, trigger: Span
) -> Span | None:
    """The mention a participant was drawn from, else the person's mention nearest the
    trigger."""
    if participant.mention is not None:
        return annotation.span(participant.mention)
    return nearest_mention(annotation, participant.person, trigger)
