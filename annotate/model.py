"""The annotation model: plain, frozen, typed dataclasses and their JSON form.

An :class:`Annotation` is everything known about one article: its text, the
spans laid over it (entities, role titles, event triggers, times and places),
the people those spans refer to, the roles people hold and the events they take
part in. Offsets are Python ``str`` indices into the text (the same as spaCy's
``Span.start_char``/``end_char``). Spans are referred to by id from people,
roles and events, so a corrected span is corrected everywhere at once.

This module imports nothing beyond the standard library: it is loaded on
start-up, long before spaCy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Final, Literal, Self

SCHEMA_VERSION = 1
"""Version of the dict layout written by :meth:`Annotation.to_dict`."""

Source = str
"""``model`` (a suggestion of the pipeline), ``human`` (made by a person) or ``import:<format>``
(taken from a file of another tool, ``import:prodigy``): see :func:`is_source`."""
IMPORT_PREFIX = "import:"
State = Literal["suggested", "accepted", "rejected"]

ROLE_LABEL = "ROLE"
"""Label of a span holding a role title ("Defense Minister")."""
EVENT_LABEL = "TRIGGER"
"""Label of a span holding an event trigger ("welcomed", "visit"). Not ``EVENT``: that is
spaCy's entity label for named events ("World War II"), which stays in the entity layer."""
TIME_LABEL = "TIME_EXPR"
"""Label of a free time span that is no entity ("earlier in the day")."""
PLACE_LABEL = "PLACE"
"""Label of a free place span that is no entity ("a cosmodrome in ...")."""
PHRASE_LABEL = "PHRASE"
"""Label of an event's argument that is no entity and no place: a party described, not named
("eight civilians", "the gunman"), a thing ("two ballistic missiles"), a crime, a penalty or a
post."""

Layer = Literal["entity", "role", "event", "argument"]
_LAYER_OF_LABEL: dict[str, Layer] = {
    ROLE_LABEL: "role",
    EVENT_LABEL: "event",
    TIME_LABEL: "argument",
    PLACE_LABEL: "argument",
    PHRASE_LABEL: "argument",
}


class ModelError(ValueError):
    """An annotation, or its dict form, is not consistent."""


def layer_of(label: str) -> Layer:
    """Return the layer a span label belongs to; spans of different layers may overlap."""
    return _LAYER_OF_LABEL.get(label, "entity")


@dataclass(frozen=True, slots=True)
class Provenance:
    """Who or what made an annotation, when, and what became of it."""

    source: Source = "model"
    """``model`` when the pipeline suggested it, ``human`` when a person made it."""
    annotator: str | None = None
    """Login or ``--annotator`` name of the person, or the model's name."""
    time: str | None = None
    """ISO 8601 time of the last change, UTC."""
    state: State = "suggested"
    """``suggested`` (not yet looked at), ``accepted`` or ``rejected``."""
    rule: str | None = None
    """For an item the model suggested: the component and rule that made it
    (``ner``, ``entity_repair: possessive stripped``, ``events: lexicon verb 'meet'``...).
    Kept when a person accepts or rejects the suggestion, dropped when a person changes it."""

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-able form (``rule`` only when there is one)."""
        data: dict[str, Any] = {
            "source": self.source,
            "annotator": self.annotator,
            "time": self.time,
            "state": self.state,
        }
        if self.rule is not None:
            data["rule"] = self.rule
        return data

    def decided(self, by: Provenance, state: State) -> Provenance:
        """Return the provenance of this item once ``by`` accepts or rejects it (``state``):
        the person's, keeping the rule that suggested it (``model`` for a model suggestion
        made before rules were recorded), so a decided suggestion is told from a person's own."""
        rule = self.rule or ("model" if self.source == "model" else None)
        return replace(by, state=state, rule=rule)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Self:
        """Build from :meth:`to_dict` output; a missing dict is a model suggestion."""
        if not data:
            return cls()
        source = data.get("source", "model")
        state = data.get("state", "suggested")
        if not is_source(source):
            raise ModelError(
                f"provenance source must be 'model', 'human' or 'import:<format>', not {source!r}"
            )
        if state not in ("suggested", "accepted", "rejected"):
            raise ModelError(
                f"provenance state must be suggested, accepted or rejected, not {state!r}"
            )
        rule = data.get("rule")
        if rule is not None and not isinstance(rule, str):
            raise ModelError(f"provenance rule must be a string, not {rule!r}")
        return cls(
            source=source,
            annotator=data.get("annotator"),
            time=data.get("time"),
            state=state,
            rule=rule,
        )


def is_source(source: object) -> bool:
    """True for a provenance source: ``model``, ``human`` or ``import:`` and a format name."""
    if source in ("model", "human"):
        return True
    name = source[len(IMPORT_PREFIX) :] if isinstance(source, str) else ""
    return str(source).startswith(IMPORT_PREFIX) and name.isidentifier() and name.islower()


MODEL = Provenance()
"""Provenance of a fresh model suggestion."""


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled stretch of the article text."""

    id: str
    """Stable id within the article, ``T1``, ``T2``, ..."""
    start: int
    """Offset of the first character."""
    end: int
    """Offset one past the last character."""
    label: str
    """Entity label (``PERSON``, ``ORG``...), ``ROLE``, ``TRIGGER``, ``TIME_EXPR`` or ``PLACE``."""
    provenance: Provenance = MODEL
    """Who made it and its review state."""

    @property
    def layer(self) -> Layer:
        """The layer of the span's label."""
        return layer_of(self.label)

    @property
    def rejected(self) -> bool:
        """True when a person rejected this span (kept so the model does not suggest it again)."""
        return self.provenance.state == "rejected"

    def text_in(self, text: str) -> str:
        """Return the covered text."""
        return text[self.start : self.end]

    def key(self) -> tuple[int, int, str]:
        """Identity of the span's content: two spans with the same key are the same span."""
        return (self.start, self.end, self.label)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-able form."""
        return {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "provenance": self.provenance.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Build from :meth:`to_dict` output."""
        return cls(
            id=str(data["id"]),
            start=int(data["start"]),
            end=int(data["end"]),
            label=str(data["label"]),
            provenance=Provenance.from_dict(data.get("provenance")),
        )


@dataclass(frozen=True, slots=True)
class Person:
    """One real individual, with every span that mentions them."""

    id: str
    """Stable id within the article, ``P1``, ``P2``, ..."""
    name: str
    """Canonical name: the fullest form the article uses."""
    mentions: tuple[str, ...] = ()
    """Ids of the spans that refer to this person, in text order."""
    provenance: Provenance = MODEL
    """Who made the grouping."""

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-able form."""
        return {
            "id": self.id,
            "name": self.name,
            "mentions": list(self.mentions),
            "provenance": self.provenance.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Build from :meth:`to_dict` output."""
        return cls(
            id=str(data["id"]),
            name=str(data["name"]),
            mentions=tuple(str(m) for m in data.get("mentions", ())),
            provenance=Provenance.from_dict(data.get("provenance")),
        )


@dataclass(frozen=True, slots=True)
class Role:
    """A title the article gives a person ("Defense Minister")."""

    id: str
    """Stable id within the article, ``R1``, ``R2``, ..."""
    span: str
    """Id of the ``ROLE`` span holding the title."""
    person: str
    """Id of the person who holds it."""
    provenance: Provenance = MODEL
    """Who made the link."""

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-able form."""
        return {
            "id": self.id,
            "span": self.span,
            "person": self.person,
            "provenance": self.provenance.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Build from :meth:`to_dict` output."""
        return cls(
            id=str(data["id"]),
            span=str(data["span"]),
            person=str(data["person"]),
            provenance=Provenance.from_dict(data.get("provenance")),
        )


ASSERTED: Final = "asserted"
"""The modality of an event the text says happened (the default)."""
MODALITIES: Final[tuple[str, ...]] = (ASSERTED, "negated", "hypothetical", "future")
"""An event's modality: it happened, it did not (``did not meet``), it might (``if she is
killed``, ``could worsen``), or it is to happen (``will meet``, ``plans to cut``)."""


@dataclass(frozen=True, slots=True)
class Participant:
    """A person taking part in an event, and the part they play."""

    person: str
    """Id of the person."""
    part: str
    """``agent``, ``patient``, ``recipient``, ... (see the label configuration)."""
    mention: str | None = None
    """Id of the person's mention the participant was drawn from ("Kim" in "Kim met
    Putin"), None when it came from elsewhere (a pronoun, a person picked by hand)."""

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-able form (``mention`` only when there is one)."""
        data = {"person": self.person, "part": self.part}
        if self.mention is not None:
            data["mention"] = self.mention
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Build from :meth:`to_dict` output."""
        mention = data.get("mention")
        return cls(
            person=str(data["person"]),
            part=str(data.get("part") or data.get("role")),
            mention=None if mention is None else str(mention),
        )

    def key(self) -> tuple[str, str]:
        """What makes two participants of an event the same: the person and the part."""
        return self.person, self.part


@dataclass(frozen=True, slots=True)
class Argument:
    """A non-person entity taking part in an event ("North Korea" fired ...)."""

    span: str
    """Id of the entity span."""
    part: str
    """``agent``, ``patient``, ``instrument``, ..."""

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-able form."""
        return {"span": self.span, "part": self.part}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Build from :meth:`to_dict` output."""
        return cls(span=str(data["span"]), part=str(data["part"]))


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happens, anchored on a trigger word, with who took part, when and where."""

    id: str
    """Stable id within the article, ``E1``, ``E2``, ..."""
    trigger: str
    """Id of the ``TRIGGER`` span holding the trigger ("welcomed")."""
    type: str
    """An event type of the label configuration (``Meeting``...; see
    ``annotate/default_labels.toml``, the one list of them)."""
    participants: tuple[Participant, ...] = ()
    """People taking part, each with their part."""
    arguments: tuple[Argument, ...] = ()
    """Non-person entities taking part (countries, organisations)."""
    time: str | None = None
    """Id of the span saying when, if the sentence says."""
    place: str | None = None
    """Id of the span saying where, if the sentence says."""
    provenance: Provenance = MODEL
    """Who made the event."""
    modality: str = ASSERTED
    """:data:`ASSERTED`, or ``negated``, ``hypothetical``, ``future`` (:data:`MODALITIES`):
    whether the text says it happened."""
    mentions: tuple[str, ...] = ()
    """Ids of the ``TRIGGER`` spans of later mentions of the same happening ("the meeting"
    after "met"), in text order; the event's own trigger is its first mention."""

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-able form (``modality`` and ``mentions`` only when they say
        something: an asserted event of one mention is written as before they existed)."""
        data = {
            "id": self.id,
            "trigger": self.trigger,
            "type": self.type,
            "participants": [p.to_dict() for p in self.participants],
            "arguments": [a.to_dict() for a in self.arguments],
            "time": self.time,
            "place": self.place,
            "provenance": self.provenance.to_dict(),
        }
        if self.modality != ASSERTED:
            data["modality"] = self.modality
        if self.mentions:
            data["mentions"] = list(self.mentions)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Build from :meth:`to_dict` output."""
        return cls(
            id=str(data["id"]),
            trigger=str(data["trigger"]),
            type=str(data["type"]),
            participants=tuple(Participant.from_dict(p) for p in data.get("participants", ())),
            arguments=tuple(Argument.from_dict(a) for a in data.get("arguments", ())),
            time=data.get("time"),
            place=data.get("place"),
            provenance=Provenance.from_dict(data.get("provenance")),
            modality=str(data.get("modality") or ASSERTED),
            mentions=tuple(str(m) for m in data.get("mentions", ())),
        )

    @property
    def triggers(self) -> tuple[str, ...]:
        """Ids of every mention's trigger span: the event's own first, then :attr:`mentions`."""
        return (self.trigger, *self.mentions)


def _index(items: Iterable[Any]) -> dict[str, Any]:
    return {item.id: item for item in items}


@dataclass(frozen=True, slots=True)
class Annotation:
    """Everything annotated on one article. Immutable: edits return a new one."""

    text: str
    """The article text every offset points into."""
    spans: tuple[Span, ...] = ()
    """All spans of every layer, sorted by (start, end, label, id)."""
    people: tuple[Person, ...] = ()
    """People by the start of their first non-rejected mention (none: last), then id."""
    roles: tuple[Role, ...] = ()
    """Role links by the start of their title span, then id."""
    events: tuple[Event, ...] = ()
    """Events by the start of their trigger span, then id."""
    model: str | None = None
    """Name of the spaCy pipeline that made the suggestions, if any."""
    _span_index: dict[str, Span] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "spans", sort_spans(self.spans))
        index: dict[str, Span] = _index(self.spans)
        object.__setattr__(self, "_span_index", index)
        object.__setattr__(self, "people", sort_people(self.people, index))
        object.__setattr__(self, "roles", sort_roles(self.roles, index))
        object.__setattr__(self, "events", sort_events(self.events, index))

    # -- look-ups -------------------------------------------------------------

    def span(self, span_id: str) -> Span:
        """Return the span with this id (``KeyError`` if there is none)."""
        return self._span_index[span_id]

    def get_span(self, span_id: str | None) -> Span | None:
        """Return the span with this id, or None."""
        return None if span_id is None else self._span_index.get(span_id)

    def person(self, person_id: str) -> Person:
        """Return the person with this id (``KeyError`` if there is none)."""
        for person in self.people:
            if person.id == person_id:
                return person
        raise KeyError(person_id)

    def event(self, event_id: str) -> Event:
        """Return the event with this id (``KeyError`` if there is none)."""
        for event in self.events:
            if event.id == event_id:
                return event
        raise KeyError(event_id)

    def span_text(self, span_id: str) -> str:
        """Return the text covered by a span."""
        return self.span(span_id).text_in(self.text)

    def live_spans(self, layer: Layer | None = None) -> Iterator[Span]:
        """Yield the spans that are not rejected, optionally of one layer only."""
        for span in self.spans:
            if not span.rejected and (layer is None or span.layer == layer):
                yield span

    def entities(self) -> list[Span]:
        """Return the live entity-layer spans in text order."""
        return list(self.live_spans("entity"))

    def roles_of(self, person_id: str) -> list[Role]:
        """Return the roles linked to a person."""
        return [role for role in self.roles if role.person == person_id]

    def events_of(self, person_id: str) -> list[Event]:
        """Return the events a person takes part in."""
        return [e for e in self.events if any(p.person == person_id for p in e.participants)]

    def person_of_span(self, span_id: str) -> Person | None:
        """Return the person a span mentions, if any."""
        for person in self.people:
            if span_id in person.mentions:
                return person
        return None

    def next_id(self, prefix: str) -> str:
        """Return an unused id with this prefix (``T``, ``P``, ``R`` or ``E``)."""
        pools: dict[str, Iterable[Any]] = {
            "T": self.spans,
            "P": self.people,
            "R": self.roles,
            "E": self.events,
        }
        used = 0
        for item in pools[prefix]:
            suffix = item.id[len(prefix) :]
            if item.id.startswith(prefix) and suffix.isdigit():
                used = max(used, int(suffix))
        return f"{prefix}{used + 1}"

    # -- checks ---------------------------------------------------------------

    def problems(self) -> list[str]:
        """Return every inconsistency: spans outside the text, duplicates, dangling ids."""
        found: list[str] = []
        size = len(self.text)
        keys: set[tuple[int, int, str]] = set()
        for span in self.spans:
            if not (0 <= span.start < span.end <= size):
                found.append(
                    f"span {span.id} has offsets {span.start}..{span.end} outside 0..{size}"
                )
            if span.key() in keys:
                found.append(f"span {span.id} duplicates another span at {span.start}..{span.end}")
            keys.add(span.key())
        for kind, items in (
            ("span", self.spans),
            ("person", self.people),
            ("role", self.roles),
            ("event", self.events),
        ):
            ids = [item.id for item in items]
            if len(ids) != len(set(ids)):
                found.append(f"{kind} ids are not unique")
        people = {p.id for p in self.people}
        mentions_of = {p.id: set(p.mentions) for p in self.people}
        for person in self.people:
            found += [
                f"person {person.id} mentions unknown span {m}"
                for m in person.mentions
                if m not in self._span_index
            ]
        for role in self.roles:
            if role.span not in self._span_index:
                found.append(f"role {role.id} points to unknown span {role.span}")
            if role.person not in people:
                found.append(f"role {role.id} points to unknown person {role.person}")
        for event in self.events:
            refs = [*event.triggers, event.time, event.place, *(a.span for a in event.arguments)]
            found += [
                f"event {event.id} points to unknown span {r}"
                for r in refs
                if r is not None and r not in self._span_index
            ]
            found += [
                f"event {event.id} has unknown participant {p.person}"
                for p in event.participants
                if p.person not in people
            ]
            found += [
                f"event {event.id}: participant {p.person}'s mention {p.mention} is not theirs"
                for p in event.participants
                if p.mention is not None
                and p.person in people
                and p.mention not in mentions_of[p.person]
            ]
        return found

    def validate(self) -> Self:
        """Return self, or raise :class:`ModelError` naming the first problems."""
        found = self.problems()
        if found:
            raise ModelError("; ".join(found[:5]))
        return self

    # -- conversion -------------------------------------------------------------

    def with_changes(self, **changes: Any) -> Annotation:
        """Return a copy with some fields replaced (spans are sorted again)."""
        return replace(self, **changes)

    def to_dict(self, *, include_text: bool = True) -> dict[str, Any]:
        """Return the JSON-able form (the store's layout, not the extraction contract)."""
        data: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "model": self.model,
            "spans": [s.to_dict() for s in self.spans],
            "people": [p.to_dict() for p in self.people],
            "roles": [r.to_dict() for r in self.roles],
            "events": [e.to_dict() for e in self.events],
        }
        if include_text:
            data["text"] = self.text
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], text: str | None = None) -> Annotation:
        """Build from :meth:`to_dict` output; ``text`` supplies the text when the dict has none."""
        version = data.get("schema_version", SCHEMA_VERSION)
        if version != SCHEMA_VERSION:
            raise ModelError(f"annotation schema_version {version!r} is not {SCHEMA_VERSION}")
        body = data.get("text", text)
        if not isinstance(body, str):
            raise ModelError("annotation has no text")
        try:
            return cls(
                text=body,
                spans=tuple(Span.from_dict(s) for s in data.get("spans", ())),
                people=tuple(Person.from_dict(p) for p in data.get("people", ())),
                roles=tuple(Role.from_dict(r) for r in data.get("roles", ())),
                events=tuple(Event.from_dict(e) for e in data.get("events", ())),
                model=data.get("model"),
            )
        except (KeyError, TypeError, ValueError) as error:
            if isinstance(error, ModelError):
                raise
            raise ModelError(f"annotation field is missing or malformed: {error}") from error


def span_order(span: Span) -> tuple[int, int, str, str]:
    """Sort key of spans in text order: by start, then end, then label, then id."""
    return (span.start, span.end, span.label, span.id)


def sort_spans(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Return spans in text order (:func:`span_order`)."""
    return tuple(sorted(spans, key=span_order))


_NOWHERE = float("inf")


def id_order(item_id: str) -> tuple[str, int, str]:
    """Sort key of ids in natural order: ``P2`` before ``P10``; odd ids after, by their text."""
    head = item_id.rstrip("0123456789")
    digits = item_id[len(head) :]
    return (head, int(digits) if digits else -1, item_id)


def person_order(index: Mapping[str, Span]) -> Callable[[Person], tuple[float, Any]]:
    """Sort key of people: the start of their first non-rejected mention (none: last), then id.

    ``index`` maps span ids to the annotation's spans."""

    def key(person: Person) -> tuple[float, Any]:
        starts = [index[m].start for m in person.mentions if m in index and not index[m].rejected]
        return (min(starts, default=_NOWHERE), id_order(person.id))

    return key


def ref_order(index: Mapping[str, Span], attribute: str) -> Callable[[Any], tuple[float, Any]]:
    """Sort key of roles (``attribute="span"``) or events (``"trigger"``): the start of the span
    the attribute names (missing: last), then id."""

    def key(item: Any) -> tuple[float, Any]:
        span = index.get(getattr(item, attribute))
        return (_NOWHERE if span is None else span.start, id_order(item.id))

    return key


def sort_people(people: Iterable[Person], index: Mapping[str, Span]) -> tuple[Person, ...]:
    """Return people in canonical order (:func:`person_order`)."""
    return tuple(sorted(people, key=person_order(index)))


def sort_roles(roles: Iterable[Role], index: Mapping[str, Span]) -> tuple[Role, ...]:
    """Return roles by the start of their title span, then id (:func:`ref_order`)."""
    return tuple(sorted(roles, key=ref_order(index, "span")))


def sort_events(events: Iterable[Event], index: Mapping[str, Span]) -> tuple[Event, ...]:
    """Return events by the start of their trigger span, then id (:func:`ref_order`)."""
    return tuple(sorted(events, key=ref_order(index, "trigger")))
