"""Turn a Doc processed by the annotui pipeline into an :class:`~annotate.model.Annotation`.

Spans are taken by character offsets (``start_char``/``end_char``), deduplicated by
(start, end, label) and numbered ``T1..`` in text order; people ``P1..`` in order of first mention,
roles ``R1..`` and events ``E1..`` in text order. Every item carries the default provenance
(a model suggestion). Works on any Doc: missing component results count as empty.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotate.model import Annotation, Argument, Event, Participant, Person, Role, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

Key = tuple[int, int, str]


def _key(span: SpacySpan) -> Key:
    return (span.start_char, span.end_char, span.label_)


def doc_to_annotation(doc: Doc, model: str | None = None) -> Annotation:
    """Return the annotation the pipeline's components left on ``doc``."""
    people = doc._.get("annotui_people") if doc.has_extension("annotui_people") else None
    roles = doc._.get("annotui_roles") if doc.has_extension("annotui_roles") else None
    events = doc._.get("annotui_events") if doc.has_extension("annotui_events") else None
    people, roles, events = people or [], roles or [], events or []

    keys: set[Key] = {_key(ent) for ent in doc.ents}
    keys.update(_key(link.title) for link in roles)
    for record in events:
        keys.add(_key(record.trigger))
        keys.update(_key(s) for s in (record.time, record.place) if s is not None)
        keys.update(_key(arg.span) for arg in record.arguments)
    ordered = sorted(k for k in keys if k[0] < k[1])
    ids = {key: f"T{i}" for i, key in enumerate(ordered, start=1)}
    spans = tuple(Span(ids[key], key[0], key[1], key[2]) for key in ordered)

    person_ids = [f"P{i}" for i in range(1, len(people) + 1)]
    persons = tuple(
        Person(
            person_ids[i],
            group.name,
            tuple(dict.fromkeys(ids[_key(m)] for m in group.mentions if _key(m) in ids)),
        )
        for i, group in enumerate(people)
    )
    role_links = sorted(roles, key=lambda link: _key(link.title))
    role_items = tuple(
        Role(f"R{i}", ids[_key(link.title)], person_ids[link.person])
        for i, link in enumerate(role_links, start=1)
    )
    event_records = sorted(events, key=lambda record: _key(record.trigger))
    event_items = tuple(
        Event(
            id=f"E{i}",
            trigger=ids[_key(record.trigger)],
            type=record.type,
            participants=tuple(
                Participant(
                    person_ids[p.person],
                    p.part,
                    None if p.mention is None else ids.get(_key(p.mention)),
                )
                for p in record.participants
            ),
            arguments=tuple(Argument(ids[_key(a.span)], a.part) for a in record.arguments),
            time=ids[_key(record.time)] if record.time is not None else None,
            place=ids[_key(record.place)] if record.place is not None else None,
        )
        for i, record in enumerate(event_records, start=1)
    )
    return Annotation(
        text=doc.text,
        spans=spans,
        people=persons,
        roles=role_items,
        events=event_items,
        model=model,
    )
