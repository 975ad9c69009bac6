"""Turn a Doc processed by the annotui pipeline into an :class:`~annotate.model.Annotation`.

Spans are taken by character offsets (``start_char``/``end_char``), deduplicated by
(start, end, label) and numbered ``T1..`` in text order; people ``P1..`` in order of first mention,
roles ``R1..`` and events ``E1..`` in text order. Every item carries the default provenance
(a model suggestion) with the rule that made it (:attr:`Provenance.rule`). Works on any Doc:
missing component results count as empty.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotate.model import (
    Annotation,
    Argument,
    Event,
    Participant,
    Person,
    Provenance,
    Role,
    Span,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

    from annotate.components.records import EventRecord, RoleLink

Key = tuple[int, int, str]


def _key(span: SpacySpan) -> Key:
    return (span.start_char, span.end_char, span.label_)


PEOPLE_RULE = "people: mentions grouped by name"
"""Why the model suggests a person."""


def _suggested(rule: str) -> Provenance:
    return _SUGGESTIONS.setdefault(rule, Provenance(rule=rule))


_SUGGESTIONS: dict[str, Provenance] = {}
"""One provenance object per rule (an article has thousands of spans and a few rules)."""


def _span_rules(doc: Doc, roles: list[RoleLink], events: list[EventRecord]) -> dict[Key, str]:
    """Return every span the components found with the rule that found it (an entity's
    rule first: ``ner``, or the entity repair that made it)."""
    from annotate.components.entity_repair import RULES_EXTENSION  # spaCy: loaded with the Doc

    repaired = doc._.get(RULES_EXTENSION) if doc.has_extension(RULES_EXTENSION) else None
    repaired = repaired or {}
    rules: dict[Key, str] = {}
    for ent in doc.ents:
        key = _key(ent)
        rules[key] = f"entity_repair: {repaired[key]}" if key in repaired else "ner"
    for link in roles:
        rules.setdefault(_key(link.title), link.rule)
    for record in events:
        rules.setdefault(_key(record.trigger), record.rule)
        for mention in record.mentions:
            rules.setdefault(_key(mention), f"events: a later mention of the same {record.type}")
        if record.time is not None:
            rules.setdefault(_key(record.time), "events: time of an event")
        if record.place is not None:
            rules.setdefault(_key(record.place), "events: place of an event")
        for arg in record.arguments:
            rules.setdefault(_key(arg.span), f"events: {arg.part} of an event")
    return rules


def doc_to_annotation(doc: Doc, model: str | None = None) -> Annotation:
    """Return the annotation the pipeline's components left on ``doc``."""
    people = doc._.get("annotui_people") if doc.has_extension("annotui_people") else None
    roles = doc._.get("annotui_roles") if doc.has_extension("annotui_roles") else None
    events = doc._.get("annotui_events") if doc.has_extension("annotui_events") else None
    people, roles, events = people or [], roles or [], events or []

    rules = _span_rules(doc, roles, events)
    ordered = sorted(k for k in rules if k[0] < k[1])
    ids = {key: f"T{i}" for i, key in enumerate(ordered, start=1)}
    spans = tuple(Span(ids[key], key[0], key[1], key[2], _suggested(rules[key])) for key in ordered)

    person_ids = [f"P{i}" for i in range(1, len(people) + 1)]
    persons = tuple(
        Person(
            person_ids[i],
            group.name,
            tuple(dict.fromkeys(ids[_key(m)] for m in group.mentions if _key(m) in ids)),
            _suggested(PEOPLE_RULE),
        )
        for i, group in enumerate(people)
    )
    role_links = sorted(roles, key=lambda link: _key(link.title))
    role_items = tuple(
        Role(f"R{i}", ids[_key(link.title)], person_ids[link.person], _suggested(link.rule))
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
            provenance=_suggested(record.rule),
            modality=record.modality,
            mentions=tuple(ids[_key(m)] for m in record.mentions),
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
