"""When and where an event happened, from the phrases around its trigger: a DATE/TIME entity
or a relative time on it, a place entity or a kind of place after "in/at/near", the verb an
event noun is the subject of ("the summit will be held in Johannesburg on Sunday"), and the
time and place said on its parts' own phrases."""

from __future__ import annotations

from spacy.tokens import Token

from annotate.components.event_context import EventContext
from annotate.components.event_parts import set_period, set_place, set_time
from annotate.components.parse_words import (
    PLACE_ENTITIES,
    PLACE_PREPOSITIONS,
    TIME_ENTITIES,
    children_of,
    governing_verb,
    lemma_of,
    noun_phrase,
    prep_objects,
)
from annotate.components.records import EventRecord
from annotate.model import TIME_LABEL

PLACE_PREPS = frozenset({"at", "in", "to", "into"})
"""Prepositions whose object places an event (a free phrase for "at" and movements)."""
NEAR_PREPS = frozenset(
    {"near", "outside", "inside", "across", "throughout", "around", "on", "along", "off", "through"}
)
"""Prepositions that place an event only when their object is a place."""
_GIVEN_TO = frozenset({"Transfer-ownership", "Transfer-money", "Phone-write"})
"""Types whose "to" phrase is who gets it, not where."""
_HARMS_AT_TARGET = frozenset({"Attack", "Die", "Injure", "Arrest-jail"})
"""Types done where their target is ("radar systems near Basra")."""
_TIME_PREPS = frozenset({"in", "on", "during", "since"})
_HAPPENING_PREPS = frozenset({"during", "after", "before", "following", "since"})
"""Prepositions whose object, a happening, says when an event was."""
_PREDICATIVE = frozenset({"oprd", "acomp"})
"""How an adjective trigger hangs on the verb that says it ("was found dead")."""
_OCCUR_VERBS = frozenset(
    {
        *("happen", "occur", "take", "begin", "start", "end", "hold", "stage", "schedule"),
        *("continue", "resume", "last", "unfold", "erupt", "break"),
    }
)
"""Verbs whose subject is an event that they place ("the cuts take effect this year", "the
summit will be held in Johannesburg on Sunday")."""


def set_setting(record: EventRecord, token: Token, context: EventContext, *, aimed: bool) -> None:
    """Give ``record`` (triggered at ``token``) the time and place its sentence says; an
    Attack ``aimed`` with "at" has its target there, not its place."""
    kind = record.type
    if token.pos_ == "NOUN":  # "talks scheduled for later that month in Thailand"
        occurring = [token.head] if _occurs(token) else []  # "the talks took place in Oslo"
        for verb in [*children_of(token, "acl"), *occurring]:
            set_time(record, verb, context)
            for _, obj in prep_objects(verb, PLACE_PREPS | NEAR_PREPS):
                set_place(record, obj, context, free=False)
    holders = [token]
    if token.dep_ in _PREDICATIVE and token.head.pos_ in ("VERB", "AUX"):
        holders.append(token.head)  # "found dead in a freezer": where it was found
    holders += [  # "injured when a fire broke out overnight at a hotel": its time and place
        clause
        for clause in children_of(token, "advcl")
        if any(c.lower_ == "when" for c in children_of(clause, "advmod", "mark"))
    ]
    for holder in holders:
        for prep, obj in prep_objects(holder, PLACE_PREPS):
            if (prep == "to" and kind in _GIVEN_TO) or (prep == "at" and aimed):
                continue
            set_place(record, obj, context, free=kind == "Transport" or prep == "at")
            _place_within(record, obj, context)
        for _, obj in prep_objects(holder, NEAR_PREPS):
            set_place(record, obj, context, free=False)
        set_time(record, holder, context)
        _time_by_happening(record, holder, context)
    if token.pos_ == "NOUN" and kind != "Attack":  # "the Bonn talks": a place entity on it
        _place_before(record, token, context)
    if token.dep_ == "relcl" and token.head.pos_ == "NOUN":
        # "the 1999 Interlaken canyoning accident, in which 14 Australians died"
        set_time(record, token.head, context)
        _place_before(record, token.head, context)
    _setting_of_parts(record, context)
    if record.time is None and token.pos_ != "VERB":
        governor = governing_verb(token)  # "rejected an appeal today"
        if governor is not None:
            set_time(record, governor, context)
    for holder in holders:
        set_period(record, holder, context)


def _time_by_happening(record: EventRecord, token: Token, context: EventContext) -> None:
    """A time said by another happening: "during the stand-off", "after the offensive"."""
    for prep, obj in prep_objects(token, _HAPPENING_PREPS):
        if record.time is not None:
            return
        said = lemma_of(obj) in context.lexicon.noun_types or (
            prep == "during" and obj.pos_ == "NOUN"
        )
        if said and obj.i not in context.entity_of and obj.i not in context.person_of:
            record.time = noun_phrase(obj, TIME_LABEL)


def _place_before(record: EventRecord, noun: Token, context: EventContext) -> None:
    """The one place entity among a noun's compounds ("the Bonn talks", "the Interlaken
    accident"); none when there are two ("US-China talks" name who meets)."""
    before = [t for c in noun.lefts if c.dep_ in ("compound", "nmod") for t in c.subtree]
    named = [t for t in before if t.i in context.entity_of or t.i in context.person_of]
    entities = {context.entity_of.get(t.i) for t in named}
    if len(entities) == 1 and named[0].ent_type_ in PLACE_ENTITIES:
        set_place(record, named[0], context, free=False)


def _place_within(record: EventRecord, obj: Token, context: EventContext) -> None:
    """The place a phrase that is no place is in ("in a freezer in Canada": Canada)."""
    for _, inner in prep_objects(obj, {"in", "at", "near"}):
        set_place(record, inner, context, free=False)


def _occurs(noun: Token) -> bool:
    """Whether an event noun is the subject of a verb that says when or where it happens."""
    verb = noun.head
    return (
        noun.dep_ in ("nsubj", "nsubjpass")
        and verb.pos_ == "VERB"
        and lemma_of(verb) in _OCCUR_VERBS
    )


def _setting_of_parts(record: EventRecord, context: EventContext) -> None:
    """The time and place said on a part's own phrase ("his re-election as president in
    March", "radar systems near Basra"): :func:`~annotate.components.parse_words.time_phrases`
    cuts them from the part, so they are the event's. A place only for a harm done where its
    target is: "funding camps in Afghanistan" was not done there."""
    for argument in record.arguments:
        head = argument.span.root
        if head.sent != record.trigger.root.sent:
            continue
        for _, obj in prep_objects(head, _TIME_PREPS):
            entity = context.entity_of.get(obj.i)
            if record.time is None and entity is not None and entity.label_ in TIME_ENTITIES:
                record.time = entity
        if record.type in _HARMS_AT_TARGET:
            for _, obj in prep_objects(head, PLACE_PREPOSITIONS):
                set_place(record, obj, context, free=False)
