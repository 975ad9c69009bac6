"""One event per happening: later mentions of an event found earlier fold into it.

ACE counts an event once however often the text names it ("met", then "the meeting", "the
talks"). A trigger found after an event of the same type, its sentence at most :data:`WINDOW`
sentences after the event's last mention, is another mention of that event when

- it is a noun that points back (``the``/``this``/``that`` or a pronoun possessor: "the
  meeting", "his death", but not "the death of 1000 people"), or the object of a preposition
  of the event's own trigger ("accompanied Kim on tours");
- it is the same verb again ("sentenced" ... "was first sentenced in March");
- it is a verb with nobody found (a description: "the militant was killed") of a type that
  happens once to someone (a death), in the same or the next sentence;
- it shares a person with the event, in the same or the next sentence as the event's last
  mention ("he was met by ..." ... "welcomed Kim"): two verbs far apart are two happenings;

and the two do not each have people or parties the other lacks entirely.

Its people, arguments, time and place join the event's (those the event lacks).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from spacy.tokens import Token

from annotate.components.records import EventRecord
from annotate.model import PHRASE_LABEL, PLACE_LABEL

WINDOW: Final = 3
"""Sentences between an event's last mention and a later one that can still be it."""
ONE_TIME: Final = frozenset({"Die", "Be-born", "Execute"})
"""Types that happen once to someone: a nameless verb of one right after is the same."""
DEFINITE: Final = frozenset({"the", "this", "that", "these", "those"})
"""Determiners of a noun that names something already said."""
NEW: Final = frozenset(
    {"a", "an", "another", "one", "new", "second", "other", "previous", "earlier", "last"}
)
"""Words before a noun that make it a happening of its own ("his previous visit")."""
PRONOUN_OWNERS: Final = frozenset({"his", "her", "its", "their"})
"""Possessors that point back ("his death"); a named one ("Putin's war") introduces."""


def merge_mentions(
    records: list[EventRecord], sentence_of: Callable[[Token], int]
) -> list[EventRecord]:
    """The records with each later mention folded into the event it names (text order)."""
    kept: list[EventRecord] = []
    last_sentence: dict[int, int] = {}
    for record in records:
        head = record.trigger.root
        here = sentence_of(head)
        target = next(
            (
                event
                for event in reversed(kept)
                if event.type == record.type
                and here - last_sentence[id(event)] <= WINDOW
                and _same_happening(record, event, head, here - last_sentence[id(event)])
            ),
            None,
        )
        if target is None:
            kept.append(record)
            last_sentence[id(record)] = here
            continue
        _fold(target, record)
        last_sentence[id(target)] = here
    return kept


def _same_happening(record: EventRecord, event: EventRecord, head: Token, distance: int) -> bool:
    mine, theirs = _takers(record), _takers(event)
    if mine and theirs and not mine & theirs:
        return False  # each has its own people or parties, none shared
    if head.pos_ == "NOUN":
        words = {c.lower_ for c in head.children if c.dep_ in ("det", "amod", "nummod", "poss")}
        if words & NEW:
            return False
        if head.dep_ == "pobj" and head.head.head.i in {t.i for t in event.trigger}:
            return True  # "accompanied Kim on tours of ...": the tours are that happening
        of_whom = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"]
        if words & (DEFINITE | PRONOUN_OWNERS) and not of_whom:
            return True  # "the meeting"; not "the death of 1000 people", a death of its own
    if head.pos_ == "VERB" and _lemma(head) in {_lemma(t.root) for t in _triggers(event)}:
        return True  # "sentenced" twice, of one sentence
    if not mine and head.pos_ == "VERB" and distance <= 1 and record.type in ONE_TIME:
        return True  # "the radical militant was killed" right after his death was told
    if head.pos_ == "VERB" and event.trigger.root.pos_ == "NOUN" and distance <= 1:
        return True  # "an air raid ..." then "the warplanes bombed areas": the raid told
    return bool(mine & theirs) and distance <= 1


def _lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower()


def _triggers(event: EventRecord) -> list[object]:
    return [event.trigger, *event.mentions]


def _takers(record: EventRecord) -> set[object]:
    """Who takes part: people by index, named parties by their words (not the phrases that
    say the crime, the penalty or the post)."""
    phrases = (PLACE_LABEL, PHRASE_LABEL)
    parties = {a.span.text for a in record.arguments if a.span.label_ not in phrases}
    return {p.person for p in record.participants} | parties


def _fold(event: EventRecord, mention: EventRecord) -> None:
    event.mentions.append(mention.trigger)
    event.take_parts(mention)
