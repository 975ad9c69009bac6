"""Running the model again: add its fresh suggestions where no human decision exists.

:func:`merge_suggestions` is pure. A span, person, role or event a person has
touched (``source`` human, or state ``accepted``/``rejected``) is a *decision*; the
fresh model output never changes one, never revives a rejected span, and never
overlaps a human span in the same layer. Old untouched suggestions are kept even
when the fresh run no longer makes them.

Spans, fresh against current:

- identical (same start, end and label) to a current span: the current one is kept,
  with its provenance; a rejected one stays rejected and links to it are dropped;
- overlapping a decided span of the same layer: skipped;
- otherwise added with a new id.

People: a fresh person with a mention on a span of a decided person is skipped;
one with a mention on a span of an untouched model person adds its other mentions to
that person; otherwise it becomes a new person. Only untouched or newly added spans
that belong to no person yet are attached; decided spans keep whatever people the
human left them with (a person the human deleted does not come back).

Roles and events are added only when their title or trigger span is new and their
people exist after the merge (participants whose person was skipped are left out; an
event's time, place and arguments keep only spans that are live after the merge).
"""

from __future__ import annotations

from dataclasses import replace

from annotate.model import (
    Annotation,
    Argument,
    Event,
    Participant,
    Person,
    Provenance,
    Span,
)


def decided(provenance: Provenance) -> bool:
    """True when a person made or reviewed the item (it is no untouched suggestion)."""
    return provenance.source == "human" or provenance.state != "suggested"


class _Ids:
    """Hands out fresh ids after the largest used in an annotation."""

    def __init__(self, annotation: Annotation) -> None:
        self._next = {p: int(annotation.next_id(p)[1:]) for p in ("T", "P", "R", "E")}

    def take(self, prefix: str) -> str:
        number = self._next[prefix]
        self._next[prefix] = number + 1
        return f"{prefix}{number}"


def _merge_spans(
    current: Annotation, fresh: Annotation, ids: _Ids
) -> tuple[list[Span], dict[str, str | None], set[str]]:
    """Return the merged spans, fresh id → merged id (None: skipped), and the new ids."""
    by_key = {span.key(): span for span in current.spans}
    human_by_layer: dict[str, list[Span]] = {}
    for span in current.spans:
        if decided(span.provenance):
            human_by_layer.setdefault(span.layer, []).append(span)
    spans = list(current.spans)
    mapping: dict[str, str | None] = {}
    added: set[str] = set()
    for span in fresh.spans:
        existing = by_key.get(span.key())
        if existing is not None:
            mapping[span.id] = None if existing.rejected else existing.id
            continue
        if any(
            h.start < span.end and span.start < h.end for h in human_by_layer.get(span.layer, ())
        ):
            mapping[span.id] = None
            continue
        new = replace(span, id=ids.take("T"))
        by_key[new.key()] = new
        spans.append(new)
        mapping[span.id] = new.id
        added.add(new.id)
    return spans, mapping, added


def _merge_people(
    current: Annotation,
    fresh: Annotation,
    span_map: dict[str, str | None],
    spans: dict[str, Span],
    ids: _Ids,
) -> tuple[list[Person], dict[str, str | None]]:
    """Return the merged people and fresh person id → merged person id (None: skipped)."""
    people = {p.id: p for p in current.people}
    owner = {m: p.id for p in current.people for m in p.mentions}
    mapping: dict[str, str | None] = {}
    for person in fresh.people:
        mentions = [span_map.get(m) for m in person.mentions]
        live = [m for m in mentions if m is not None]
        owners = [people[owner[m]] for m in live if m in owner]
        if any(decided(p.provenance) for p in owners):
            mapping[person.id] = None
            continue
        free = [
            m for m in dict.fromkeys(live) if m not in owner and not decided(spans[m].provenance)
        ]
        if owners:
            target = owners[0]
        elif free:
            target = Person(ids.take("P"), person.name, (), person.provenance)
        else:
            mapping[person.id] = None
            continue
        order = sorted([*target.mentions, *free], key=lambda m: _order(spans, m))
        people[target.id] = replace(target, mentions=tuple(dict.fromkeys(order)))
        owner.update({m: target.id for m in free})
        mapping[person.id] = target.id
    return list(people.values()), mapping


def _order(spans: dict[str, Span], span_id: str) -> tuple[float, float, str, str]:
    span = spans.get(span_id)
    if span is None:
        return (float("inf"), float("inf"), "", span_id)
    return (span.start, span.end, span.label, span_id)


def _own(mention: str | None, mentions: set[str]) -> str | None:
    """A participant's mention, when it is one of the person's (else None)."""
    return mention if mention in mentions else None


def merge_suggestions(current: Annotation, fresh: Annotation) -> Annotation:
    """Return ``current`` with the suggestions of a fresh model run added where no human
    decision stands in the way (see the module docstring for the rules)."""
    if current.text != fresh.text:
        raise ValueError("the fresh annotation is of another text")
    ids = _Ids(current)
    spans, span_map, new_spans = _merge_spans(current, fresh, ids)
    index = {s.id: s for s in spans}
    people, person_map = _merge_people(current, fresh, span_map, index, ids)

    def live(span_id: str | None) -> str | None:
        merged = span_map.get(span_id) if span_id is not None else None
        return merged if merged is not None and not index[merged].rejected else None

    roles = list(current.roles)
    held = {(r.span, r.person) for r in roles}
    for role in fresh.roles:
        span_id, person_id = span_map.get(role.span), person_map.get(role.person)
        if span_id in new_spans and person_id is not None and (span_id, person_id) not in held:
            held.add((span_id, person_id))
            roles.append(replace(role, id=ids.take("R"), span=span_id, person=person_id))
    events = list(current.events)
    mentions = {p.id: set(p.mentions) for p in people}
    for event in fresh.events:
        trigger = span_map.get(event.trigger)
        if trigger not in new_spans:
            continue
        kept: dict[tuple[str, str], Participant] = {}
        for p in event.participants:
            person = person_map.get(p.person)
            if person is not None and (person, p.part) not in kept:
                mention = _own(live(p.mention), mentions.get(person, set()))
                kept[person, p.part] = replace(p, person=person, mention=mention)
        participants = tuple(kept.values())
        arguments = tuple(
            dict.fromkeys(
                Argument(merged, a.part)
                for a in event.arguments
                if (merged := live(a.span)) is not None
            )
        )
        events.append(
            Event(
                id=ids.take("E"),
                trigger=str(trigger),
                type=event.type,
                participants=participants,
                arguments=arguments,
                time=live(event.time),
                place=live(event.place),
                provenance=event.provenance,
                modality=event.modality,
                mentions=tuple(
                    m for m in map(live, event.mentions) if m is not None and m in new_spans
                ),
            )
        )
    return Annotation(
        text=current.text,
        spans=tuple(spans),
        people=tuple(people),
        roles=tuple(roles),
        events=tuple(events),
        model=fresh.model or current.model,
    )
