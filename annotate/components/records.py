"""What the annotui components leave on a Doc: plain records pointing at spaCy spans.

They live in Doc extensions (``doc._.annotui_people`` ...) until :mod:`annotate.convert` turns
them into the annotation model.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span


@dataclass(slots=True)
class PersonGroup:
    """One real individual: a canonical name and the PERSON spans that mention them."""

    name: str
    """Fullest form of the name the text uses, without honorifics or possessive."""
    mentions: list[Span] = field(default_factory=list)
    """PERSON entity spans, in text order."""


@dataclass(frozen=True, slots=True)
class RoleLink:
    """A ROLE span and the index (into ``doc._.annotui_people``) of the person holding it."""

    title: Span
    person: int
    rule: str = "roles"
    """How the title was found (shown as the suggestion's reason)."""


@dataclass(frozen=True, slots=True)
class PersonArg:
    """A person taking part in an event: index into ``doc._.annotui_people`` and part."""

    person: int
    part: str
    mention: Span | None = None
    """The mention of the person the participant was found through, if a mention."""


@dataclass(frozen=True, slots=True)
class EntityArg:
    """A non-person entity span taking part in an event, and its part."""

    span: Span
    part: str


@dataclass(slots=True)
class EventRecord:
    """An event trigger with its type, participants, time and place."""

    trigger: Span
    type: str
    rule: str = "events"
    """How the trigger was found (shown as the suggestion's reason)."""
    participants: list[PersonArg] = field(default_factory=list)
    arguments: list[EntityArg] = field(default_factory=list)
    time: Span | None = None
    """An entity (DATE/TIME) or free ``TIME_EXPR`` span."""
    place: Span | None = None
    """An entity (GPE/LOC/FAC) or free ``PLACE`` span."""
    modality: str = "asserted"
    """Whether the text says it happened (:data:`annotate.model.MODALITIES`)."""
    mentions: list[Span] = field(default_factory=list)
    """Triggers of later mentions of the same happening, in text order."""

    def take_parts(self, other: EventRecord) -> None:
        """Add what ``other`` has and this event lacks: its people in their parts, its
        arguments, its time and its place."""
        for person in other.participants:
            if all((p.person, p.part) != (person.person, person.part) for p in self.participants):
                self.participants.append(person)
        for argument in other.arguments:
            if all(a.span != argument.span for a in self.arguments):
                self.arguments.append(argument)
        self.time = self.time or other.time
        self.place = self.place or other.place
