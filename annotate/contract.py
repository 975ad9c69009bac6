"""The extraction contract (docs/contract.md): an :class:`Annotation` as one JSON object and back.

``annotui extract --json``, ``annotui show --json`` and gold files for
``annotui evaluate`` all use this shape. Rejected spans are left out: the
contract says what the article *is* annotated with, not the review history.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from annotate.model import (
    ASSERTED,
    EVENT_LABEL,
    MODALITIES,
    PLACE_LABEL,
    ROLE_LABEL,
    TIME_LABEL,
    Annotation,
    Argument,
    Event,
    ModelError,
    Participant,
    Person,
    Provenance,
    Role,
    Span,
    sort_spans,
)


def _where(annotation: Annotation, span_id: str | None) -> dict[str, Any] | None:
    span = annotation.get_span(span_id)
    if span is None:
        return None
    return {"text": span.text_in(annotation.text), "start": span.start, "end": span.end}


def to_contract(annotation: Annotation, source: str | None) -> dict[str, Any]:
    """Return the contract object for one article; ``source`` names where the text came from."""
    text = annotation.text
    people_ids = {p.id for p in annotation.people}
    people = []
    for person in annotation.people:
        mentions = [annotation.span(m) for m in person.mentions]
        roles = []
        for role in annotation.roles_of(person.id):
            span = annotation.span(role.span)
            roles.append({"title": span.text_in(text), "start": span.start, "end": span.end})
        people.append(
            {
                "id": person.id,
                "name": person.name,
                "mentions": [{"start": m.start, "end": m.end} for m in mentions if not m.rejected],
                "roles": roles,
            }
        )
    events = []
    for event in annotation.events:
        trigger = annotation.span(event.trigger)
        arguments = []
        for argument in event.arguments:
            span = annotation.span(argument.span)
            arguments.append(
                {
                    "text": span.text_in(text),
                    "start": span.start,
                    "end": span.end,
                    "label": span.label,
                    "role": argument.part,
                }
            )
        item = {
            "id": event.id,
            "trigger": trigger.text_in(text),
            "start": trigger.start,
            "end": trigger.end,
            "type": event.type,
            "participants": [
                _participant(annotation, p) for p in event.participants if p.person in people_ids
            ],
            "arguments": arguments,
            "time": _where(annotation, event.time),
            "place": _where(annotation, event.place),
        }
        if event.modality != ASSERTED:
            item["modality"] = event.modality
        if event.mentions:
            item["mentions"] = [_where(annotation, m) for m in event.mentions]
        events.append(item)
    return {
        "source": source,
        "text": text,
        "entities": [
            {"start": s.start, "end": s.end, "label": s.label, "text": s.text_in(text)}
            for s in annotation.entities()
        ],
        "people": [p for p in people if p["mentions"]],
        "events": events,
    }


class _SpanMaker:
    """Collects spans while reading a contract object, reusing identical ones."""

    def __init__(self, text: str, provenance: Provenance) -> None:
        self.text = text
        self.provenance = provenance
        self.by_key: dict[tuple[int, int, str], Span] = {}
        self.by_range: dict[tuple[int, int], Span] = {}

    def add(self, data: Mapping[str, Any], label: str, what: str) -> Span:
        try:
            start, end = int(data["start"]), int(data["end"])
        except (KeyError, TypeError, ValueError) as error:
            raise ModelError(f"{what} has no integer start and end") from error
        if not 0 <= start < end <= len(self.text):
            raise ModelError(
                f"{what} has offsets {start}..{end} outside the text (0..{len(self.text)})"
            )
        key = (start, end, label)
        if key not in self.by_key:
            span = Span(f"T{len(self.by_key) + 1}", start, end, label, self.provenance)
            self.by_key[key] = span
            self.by_range.setdefault((start, end), span)
        return self.by_key[key]

    def add_or_reuse(self, data: Mapping[str, Any], label: str, what: str) -> Span:
        """Return an existing span over the same range whatever its label, else a new one."""
        try:
            existing = self.by_range.get((int(data["start"]), int(data["end"])))
        except (KeyError, TypeError, ValueError):
            existing = None
        return existing if existing is not None else self.add(data, label, what)


def from_contract(obj: Mapping[str, Any], provenance: Provenance | None = None) -> Annotation:
    """Build an :class:`Annotation` from a contract object (a gold file line, an import)."""
    text = obj.get("text")
    if not isinstance(text, str):
        raise ModelError("object has no 'text' string")
    made = _SpanMaker(text, provenance or Provenance(source="human", state="accepted"))
    for i, entity in enumerate(obj.get("entities") or ()):
        made.add(entity, str(entity.get("label", "")), f"entities[{i}]")
    people: list[Person] = []
    roles: list[Role] = []
    for i, data in enumerate(obj.get("people") or ()):
        person_id = str(data.get("id") or f"P{i + 1}")
        mentions = []
        for j, mention in enumerate(data.get("mentions") or ()):
            span = made.by_key.get((mention.get("start"), mention.get("end"), "PERSON"))
            if span is None:
                span = made.add(mention, "PERSON", f"people[{i}].mentions[{j}]")
            mentions.append(span.id)
        name = data.get("name")
        if not isinstance(name, str) or not name:
            raise ModelError(f"people[{i}] has no name")
        people.append(Person(person_id, name, tuple(dict.fromkeys(mentions)), made.provenance))
        for j, role in enumerate(data.get("roles") or ()):
            span = made.add(role, ROLE_LABEL, f"people[{i}].roles[{j}]")
            roles.append(Role(f"R{len(roles) + 1}", span.id, person_id, made.provenance))
    events: list[Event] = []
    spans_by_range = {(k[0], k[1]): span.id for k, span in made.by_key.items() if k[2] == "PERSON"}
    for i, data in enumerate(obj.get("events") or ()):
        trigger = made.add(data, EVENT_LABEL, f"events[{i}]")
        time = data.get("time")
        place = data.get("place")
        events.append(
            Event(
                id=str(data.get("id") or f"E{i + 1}"),
                trigger=trigger.id,
                type=str(data.get("type") or "Other"),
                participants=tuple(
                    Participant(
                        str(p["person"]),
                        str(p.get("role") or p.get("part") or "participant"),
                        _mention_of(p.get("mention"), str(p["person"]), people, spans_by_range),
                    )
                    for p in data.get("participants") or ()
                ),
                arguments=tuple(
                    Argument(
                        made.add_or_reuse(
                            a, str(a.get("label") or "ORG"), f"events[{i}].arguments"
                        ).id,
                        str(a.get("role") or "participant"),
                    )
                    for a in data.get("arguments") or ()
                ),
                time=made.add_or_reuse(time, TIME_LABEL, f"events[{i}].time").id if time else None,
                place=made.add_or_reuse(place, PLACE_LABEL, f"events[{i}].place").id
                if place
                else None,
                provenance=made.provenance,
                modality=_modality(data.get("modality"), f"events[{i}].modality"),
                mentions=tuple(
                    made.add(m, EVENT_LABEL, f"events[{i}].mentions[{j}]").id
                    for j, m in enumerate(data.get("mentions") or ())
                ),
            )
        )
    return Annotation(
        text=text,
        spans=sort_spans(made.by_key.values()),
        people=tuple(people),
        roles=tuple(roles),
        events=tuple(events),
    ).validate()


def _participant(annotation: Annotation, participant: Participant) -> dict[str, Any]:
    """A participant in the contract: the person, the part, and the mention it was drawn
    from (offsets) when there is one."""
    data: dict[str, Any] = {"person": participant.person, "role": participant.part}
    if participant.mention is not None:
        span = annotation.get_span(participant.mention)
        if span is not None and not span.rejected:
            data["mention"] = {"start": span.start, "end": span.end}
    return data


def _mention_of(
    where: Any,
    person_id: str,
    people: Sequence[Person],
    spans_by_range: Mapping[tuple[int, int], str],
) -> str | None:
    """The id of the person's mention at a contract participant's ``mention`` offsets."""
    if not isinstance(where, Mapping):
        return None
    span_id = spans_by_range.get((where.get("start"), where.get("end")))  # type: ignore[arg-type]
    person = next((p for p in people if p.id == person_id), None)
    return span_id if person is not None and span_id in person.mentions else None


def _modality(value: Any, where: str) -> str:
    """An event's modality from the contract (absent: asserted), or a :class:`ModelError`."""
    if value is None:
        return ASSERTED
    if value not in MODALITIES:
        raise ModelError(f"{where}: {value!r} is not one of {', '.join(MODALITIES)}")
    return str(value)
