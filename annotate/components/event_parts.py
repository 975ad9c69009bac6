"""Putting who and what takes part into an event record: people and entities a token
refers to (:class:`~annotate.components.event_context.EventContext`), the phrase of a party
no entity names, and the event's time and place."""

from __future__ import annotations

from spacy.tokens import Span, Token

from annotate.components.event_context import PLACE_LABELS, EventContext
from annotate.components.event_lexicon import PLACE_NOUNS, SAYING_VERBS
from annotate.components.lexicon import phrase_extent
from annotate.components.parse_words import (
    TIME_ENTITIES,
    children_of,
    conjoined,
    hyphenated_word,
    lemma_of,
    noun_phrase,
    prep_objects,
    stands_for_someone_by_age,
    time_phrases,
)
from annotate.components.records import EntityArg, EventRecord, PersonArg
from annotate.model import PHRASE_LABEL, PLACE_LABEL, TIME_LABEL

_BODY_PARTS = frozenset(
    {"head", "face", "body", "chest", "stomach", "back", "leg", "arm", "neck", "hand", "eye"}
)
"""What is aimed at when someone is: "threw rocks at his head" attacks him."""


def add(
    record: EventRecord, refs: list[int | Span], part: str, mention: Span | None = None
) -> None:
    """Add people (by index) and entities to the event; ``mention`` is the mention a person
    was found through (kept only for the person it belongs to). A person already in the
    event takes a second part only through a reflexive ("shot himself": attacker and
    target)."""
    for ref in refs:
        if isinstance(ref, int):
            parts = {p.part for p in record.participants if p.person == ref}
            if not parts or (part not in parts and mention is None and _reflexive(record)):
                record.participants.append(PersonArg(ref, part, mention))
        elif all(a.span != ref for a in record.arguments):
            record.arguments.append(EntityArg(ref, part))


def _reflexive(record: EventRecord) -> bool:
    """True when the trigger's clause (or the one it is coordinated with) has a reflexive
    object."""
    root = record.trigger.root
    verbs = [root, *(c for c in root.children if c.dep_ == "conj")]
    return any(c.lower_ in ("himself", "herself") for v in verbs for c in v.children)


def add_tokens(record: EventRecord, tokens: list[Token], part: str, context: EventContext) -> None:
    """Add who each token (and its conjuncts) refers to in ``part``; a group of people as
    the acting party of a symmetric event become its participants."""
    for token in tokens:
        for each in conjoined(token):
            refs = context.who(each)
            mention = context.mention_of.get(each.i)
            if refs and len(refs) > 1 and part == "agent":
                add(record, refs, "participant")
            else:
                found = refs == [context.person_of.get(each.i)]  # the token is their mention
                add(record, refs, part, mention if found else None)


_CORE = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj"})
"""Where a number stands for a party ("nine were wounded", "killed two of them")."""
_NOT_PARTIES = frozenset(
    {
        *("thing", "something", "anything", "everything", "nothing", "way", "time"),
        *("no-one", "nobody", "noone", "none", "someone", "anyone", "everyone"),
    }
)
"""Words that name no party when they stand where one would."""
_NOT_PARTY_ENTITIES = frozenset({"DATE", "TIME", "PERCENT", "ORDINAL", "QUANTITY"})
"""Entities that say when or how much, not who."""
_RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
_PARTY_PRONOUNS = frozenset({"he", "she", "him", "her", "they", "them", "we", "us"})
"""Pronouns that stand for a party: one of no person found is an argument by its own
span, as ACE counts pronoun mentions ("they arrive", "he was found dead")."""
_PORTIONS = frozenset({"most", "many", "some", "all", "several", "few", "both", "half", "each"})
"""Words that stand for a part of a group named after "of" ("most of them fled")."""


_GROUP_PRONOUNS = frozenset({"it", "they"})


def antecedent_in_sentence(token: Token) -> Token:
    """The noun a pronoun stands for when its sentence says it: a relative pronoun the noun
    its clause is on ("the gunman who shot": "gunman"); "it"/"they" as the subject of what
    someone says, that someone ("the company said it would cut jobs", "police said they
    arrested"). Any other token itself."""
    clause = token.head
    if token.lower_ in _RELATIVE_PRONOUNS and clause.dep_ == "relcl" and token.dep_ != "pobj":
        return clause.head
    if token.lower_ in _GROUP_PRONOUNS and token.dep_ in ("nsubj", "nsubjpass"):
        while clause.dep_ == "conj":  # "said it would cut jobs and close plants"
            clause = clause.head
        if clause.dep_ == "ccomp" and lemma_of(clause.head) in SAYING_VERBS:
            sayers = [s for s in clause.head.children if s.dep_ == "nsubj" and s.i < token.i]
            if sayers and sayers[0].pos_ in ("NOUN", "PROPN"):
                return sayers[0]
    return token


def add_or_phrase(record: EventRecord, token: Token, role: str, context: EventContext) -> None:
    """Add who ``token`` refers to in ``role``; when it names nobody, the phrase itself
    ("Georgian villages", "troops", "a 30-year-old man", "nine" wounded): ACE's arguments
    are every mention of a party, named or described."""
    for _, named in prep_objects(token, {"including"}):  # "leaders, including bin Laden"
        add_tokens(record, [named], role, context)
    if not context.who(token):
        token = antecedent_in_sentence(token)
    if context.who(token):
        add_tokens(record, [token], role, context)
        return
    owners = children_of(token, "poss")
    if lemma_of(token) in _BODY_PARTS and owners:  # "at his head": him
        add_tokens(record, owners, role, context)
    elif _stands_for_a_party(token):  # "they arrive", "most of them fled"
        record.arguments.append(EntityArg(party(token), role))
    elif stands_for_someone_by_age(token) or (  # "the 23-year-old" (a DATE to the model)
        (token.pos_ in ("NOUN", "PROPN") or (token.pos_ == "NUM" and token.dep_ in _CORE))
        and lemma_of(token) not in _NOT_PARTIES
        and _word_of(token) not in _NOT_PARTIES
        and token.ent_type_ not in _NOT_PARTY_ENTITIES  # "more than nine months": a time
        and lemma_of(token) not in context.lexicon.noun_types  # "birth": a happening
    ):
        found = _without_trigger(party(token), token, record.trigger)
        if found is not None:
            record.arguments.append(EntityArg(found, role))


def _word_of(token: Token) -> str:
    """The lower-case word ``token`` ends, whole when split at a hyphen ("no-one")."""
    joined = hyphenated_word(token)
    return (joined.text if joined is not None else token.text).lower()


def _stands_for_a_party(token: Token) -> bool:
    """A pronoun in a party's place ("they"), or a portion of a group ("most of them")."""
    if token.dep_ not in _CORE:
        return False
    if token.pos_ == "PRON" and token.lower_ in _PARTY_PRONOUNS:
        return True
    return lemma_of(token) in _PORTIONS and any(
        c.lower_ == "of" and children_of(c, "pobj") for c in token.children
    )


def _without_trigger(found: Span, head: Token, trigger: Span) -> Span | None:
    """``found`` without the trigger in it ("nine wounded": "nine"); None when nothing of
    the party is left."""
    if found.end <= trigger.start or trigger.end <= found.start:
        return found
    start, end = (
        (found.start, trigger.start) if trigger.start > head.i else (trigger.end, found.end)
    )
    if not start <= head.i < end:
        return None
    return Span(found.doc, start, end, label=found.label_)


def add_parties(record: EventRecord, tokens: list[Token], role: str, context: EventContext) -> None:
    """:func:`add_or_phrase` for each token and the tokens conjoined with it."""
    for token in tokens:
        for each in conjoined(token):
            add_or_phrase(record, each, role, context)


def party(head: Token) -> Span:
    """The phrase of a party that is no named entity: its noun phrase without the clauses on
    it ("the insurgents", not "the insurgents scheduled for later that month")."""
    doc = head.doc
    dropped = {
        t.i for c in head.children if c.dep_ in ("acl", "relcl", "conj", "cc") for t in c.subtree
    } | time_phrases(head)
    start, end = phrase_extent(head, {t.i for t in head.subtree} - dropped)
    while end - 1 > head.i and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
        end -= 1
    return Span(doc, start, end, label=PHRASE_LABEL)


def set_place(record: EventRecord, obj: Token, context: EventContext, *, free: bool) -> None:
    """Make ``obj`` the event's place: a place entity (a DATE/TIME one its time), else, when
    ``free`` or a kind of place ("in the village"), its noun phrase as a ``PLACE`` span; an
    event keeps the first place found."""
    if record.place is not None or obj.i in context.person_of:
        return
    if any(a.span.start <= obj.i < a.span.end for a in record.arguments):
        return  # "referred to the court": its adjudicator, not where
    entity = context.entity_of.get(obj.i)
    if entity is not None:
        if entity.label_ in TIME_ENTITIES:
            if record.time is None:
                record.time = entity
        elif entity.label_ in PLACE_LABELS or lemma_of(entity.root) in PLACE_NOUNS:
            record.place = entity  # "Goshen General Hospital", tagged ORG: a building
        return
    if (free or lemma_of(obj) in PLACE_NOUNS) and obj.pos_ in ("NOUN", "PROPN"):
        record.place = noun_phrase(obj, PLACE_LABEL)


_TIME_UNITS = frozenset(
    {"morning", "afternoon", "evening", "night", "day", "week", "weekend", "month", "year"}
)
_MONTHS = frozenset(
    {
        *("january", "february", "march", "april", "may", "june", "july", "august"),
        *("september", "october", "november", "december"),
    }
)
_DEICTIC = frozenset({"last", "this", "next", "that", "previous", "same"})


def _relative_time(token: Token) -> bool:
    """Whether ``token`` heads a time said relative to the text's own ("last night", "this
    week", "the same day")."""
    return (
        token.dep_ == "npadvmod"
        and lemma_of(token) in _TIME_UNITS
        and any(c.lower_ in _DEICTIC and c.i < token.i for c in token.children)
    )


def _measures(adverb: Token) -> list[Token]:
    """The tokens of the phrases that say how far a temporal adverb reaches ("this week" of
    "earlier this week", "three hours" of "three hours later")."""
    return [t for c in adverb.children if c.dep_ in ("npadvmod", "advmod") for t in c.subtree]


_FREQUENCIES = frozenset({"annual", "daily", "weekly", "monthly", "yearly", "nightly"})


def _how_often(entity: Span) -> bool:
    """A DATE that says how often, not when ("his annual visit")."""
    return entity.text.lower() in _FREQUENCIES


_PERIOD_PREPS = frozenset({"for", "over", "throughout"})
"""Prepositions whose DATE/TIME object is how long an event went on ("talks for two days")."""


def set_period(record: EventRecord, token: Token, context: EventContext) -> None:
    """Make the DATE/TIME entity of a "for/over/throughout" phrase on ``token`` the event's
    time, unless it has one: how long it lasted ("locked in negotiations for two days",
    "captured over the past few days") is when it was."""
    for _, obj in prep_objects(token, _PERIOD_PREPS):
        entity = context.entity_of.get(obj.i)
        if record.time is None and entity is not None and entity.label_ in TIME_ENTITIES:
            record.time = entity


def set_time(record: EventRecord, token: Token, context: EventContext) -> None:
    """Make the DATE/TIME entity hung on ``token`` (or a temporal adverb: "recently") the
    event's time, unless it has one."""
    if record.time is not None:
        return
    candidates = [
        c
        for c in token.children
        if c.dep_ in ("npadvmod", "advmod", "amod", "tmod")
        or (token.pos_ == "NOUN" and c.dep_ in ("nummod", "nmod", "compound", "poss"))
        # "the 1971 war", "today's verdicts"
    ]
    candidates += [o for _, o in prep_objects(token, {"in", "on", "during", "at", "since"})]
    if token.pos_ == "NOUN":  # "the attacks of September 11"
        candidates += [o for _, o in prep_objects(token, {"of"})]
    for candidate in candidates:
        entity = context.entity_of.get(candidate.i)
        if entity is not None and entity.label_ in TIME_ENTITIES and not _how_often(entity):
            record.time = entity
            return
    for candidate in candidates:
        if candidate.is_title and candidate.lower_ in _MONTHS:  # "the September 11 attacks"
            reach = [candidate.i, *(c.i for c in children_of(candidate, "nummod"))]
            record.time = Span(token.doc, min(reach), max(reach) + 1, label=TIME_LABEL)
            return
        if _relative_time(candidate):  # "last night", "this week": no entity on it
            record.time = Span(token.doc, candidate.left_edge.i, candidate.i + 1, TIME_LABEL)
            return
        if candidate.dep_ == "advmod" and candidate.lower_ in context.lexicon.temporal_adverbs:
            # with what measures it: "earlier this week", "about three hours later"
            reach = [candidate.i, *(t.i for t in _measures(candidate))]
            record.time = Span(token.doc, min(reach), max(reach) + 1, label=TIME_LABEL)
            return
