"""What of an annotation goes into training data: nothing rejected, and, on request, nothing
that is still only a model suggestion.

The review history stays in the store; an export writes what the article *is* annotated
with. A person whose mentions are all left out goes too, and so do the links (roles, event
participants, arguments, time, place) to anything left out.
"""

from __future__ import annotations

from dataclasses import replace

from annotate.model import Annotation, Event, Provenance


def _kept(provenance: Provenance, suggestions: bool) -> bool:
    if provenance.state == "rejected":
        return False
    return suggestions or provenance.state == "accepted" or provenance.source == "human"


def training_view(annotation: Annotation, *, suggestions: bool = True) -> Annotation:
    """Return ``annotation`` without its rejected items (and, when ``suggestions`` is False,
    without the model's suggestions no person has accepted), its links kept consistent."""
    spans = tuple(s for s in annotation.spans if _kept(s.provenance, suggestions))
    span_ids = {s.id for s in spans}
    people = []
    for person in annotation.people:
        mentions = tuple(m for m in person.mentions if m in span_ids)
        if mentions and _kept(person.provenance, suggestions):
            people.append(
                person if mentions == person.mentions else replace(person, mentions=mentions)
            )
    person_ids = {p.id for p in people}
    roles = tuple(
        r
        for r in annotation.roles
        if r.span in span_ids and r.person in person_ids and _kept(r.provenance, suggestions)
    )
    events = tuple(
        _event_in(e, span_ids, person_ids)
        for e in annotation.events
        if e.trigger in span_ids and _kept(e.provenance, suggestions)
    )
    return Annotation(
        text=annotation.text,
        spans=spans,
        people=tuple(people),
        roles=roles,
        events=events,
        model=annotation.model,
    )


def _event_in(event: Event, span_ids: set[str], person_ids: set[str]) -> Event:
    participants = tuple(
        p if p.mention is None or p.mention in span_ids else replace(p, mention=None)
        for p in event.participants
        if p.person in person_ids
    )
    arguments = tuple(a for a in event.arguments if a.span in span_ids)
    time = event.time if event.time in span_ids else None
    place = event.place if event.place in span_ids else None
    if (participants, arguments, time, place) == (
        event.participants,
        event.arguments,
        event.time,
        event.place,
    ):
        return event
    return replace(event, participants=participants, arguments=arguments, time=time, place=place)
