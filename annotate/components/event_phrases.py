"""The roles a phrase fills in an event that need not name anyone: the penalty and the crime
of the Justice types, the post of the Personnel types, the court that rules, and who is held
responsible for an event noun."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from annotate.components.event_context import EventContext
from annotate.components.event_lexicon import COURT_VERBS, CRIME_PREPOSITIONS, PENALTY_PREPOSITIONS
from annotate.components.event_parts import add_tokens, party, set_place
from annotate.components.lexicon import is_title_word, phrase_extent
from annotate.components.parse_words import (
    TIME_ENTITIES,
    children_of,
    governing_verb,
    lemma_of,
    noun_phrase,
    prep_objects,
    time_phrases,
)
from annotate.components.records import EntityArg, EventRecord
from annotate.model import PHRASE_LABEL

COURTS = frozenset({"court", "tribunal", "judge", "magistrate", "jury", "bench"})
"""What rules in a Justice event."""
PERSONNEL = frozenset({"Start-position", "End-position", "Elect", "Nominate"})
_POSTS = frozenset({"leadership", "presidency", "premiership", "chairmanship", "seat", "post"})
JUSTICE = frozenset(
    {
        *("Arrest-jail", "Release-parole", "Trial-hearing", "Charge-indict", "Sue", "Convict"),
        *("Sentence", "Fine", "Execute", "Extradite", "Acquit", "Appeal", "Pardon"),
    }
)


def responsible_for(noun: Token) -> list[Token]:
    """Who a sentence holds responsible for an event noun: the subject of "(is held)
    responsible for", "claimed responsibility for", the object of "blamed ... for"."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "for":
        return []
    word = noun.head.head
    if lemma_of(word) == "responsible" and word.head.pos_ in ("VERB", "AUX"):
        return children_of(word.head, "nsubj", "nsubjpass")
    if lemma_of(word) == "responsibility" and word.dep_ == "dobj":
        return children_of(word.head, "nsubj")
    if lemma_of(word) == "blame":
        return children_of(word, "dobj", "nsubjpass")
    return []


def add_phrases(record: EventRecord, token: Token, context: EventContext) -> None:
    """The roles a phrase fills that need not name anyone: the penalty ("sentenced to
    death"), the crime ("for murder", "charged with fraud"), the post ("installed as interim
    leader"), and the court that rules on a Justice noun ("the court rejected an appeal")."""
    kind = record.type
    justice = kind in JUSTICE
    if kind == "Sentence":
        for _, obj in prep_objects(token, PENALTY_PREPOSITIONS):
            penalty = phrase(obj, CRIME_PREPOSITIONS)  # "to death by stoning" (not its "for")
            for by in children_of(token, "prep", "agent"):  # "by stoning" hung on the verb
                if by.lower_ == "by" and by.i == penalty.end:
                    manner = phrase(by, CRIME_PREPOSITIONS | {"in", "on", "at"})
                    penalty = Span(token.doc, penalty.start, manner.end, label=PHRASE_LABEL)
            record.arguments.append(EntityArg(penalty, "sentence"))
        for verb in _penalty_clauses(token):  # "sentenced to be stoned to death"
            words = [t for t in verb.subtree if t.dep_ not in ("aux", "auxpass")]
            words = [t for t in words if not _under_crime(t, verb)]
            if words:
                start, end = words[0].i, words[-1].i + 1
                record.arguments.append(
                    EntityArg(Span(token.doc, start, end, PHRASE_LABEL), "sentence")
                )
    if justice:
        clauses = _penalty_clauses(token) if kind == "Sentence" else []
        found = _crime_prepositions(token)
        if kind == "Convict" and token.pos_ == "ADJ":  # "guilty of manslaughter"
            found += [p for p in children_of(token, "prep") if p.lower_ == "of"]
        for prep in [*found, *(p for node in clauses for p in _crime_prepositions(node))]:
            for obj in children_of(prep, "pobj", "pcomp"):
                if obj.i not in context.person_of:
                    record.arguments.append(EntityArg(phrase(obj, ()), "crime"))
    if kind in PERSONNEL:
        for _, obj in prep_objects(token, {"as"} | ({"for"} if token.pos_ == "NOUN" else set())):
            record.arguments.append(EntityArg(phrase(obj, {"by"}), "position"))
    if justice and token.pos_ == "VERB":  # "referred to the sharia court": the court
        for _, court in prep_objects(token, {"to", "before"}):
            if lemma_of(court) in COURTS:
                record.arguments.append(EntityArg(party(court), "adjudicator"))
    if justice and token.pos_ == "NOUN":
        governor = governing_verb(token)
        if governor is not None and lemma_of(governor) in COURT_VERBS:
            # "rejected an appeal by a single mother": who appealed
            for by in children_of(governor, "agent"):
                add_tokens(record, children_of(by, "pobj"), "agent", context)
            for subject in children_of(governor, "nsubj"):
                for _, where in prep_objects(subject, {"in", "at"}):  # "a court in Kano"
                    set_place(record, where, context, free=False)
                refs = context.who(subject)
                courts = refs or [noun_phrase(subject, PHRASE_LABEL)]
                for ref in courts:
                    if isinstance(ref, int):
                        continue
                    record.arguments.append(EntityArg(ref, "adjudicator"))


def phrase(head: Token, cut: Iterable[str]) -> Span:
    """The noun phrase of ``head`` (a ``PHRASE`` span) without its prepositional phrases that
    start with a word of ``cut`` ("interim leader" of "interim leader by the executive")."""
    cut = set(cut)
    doc = head.doc
    dropped = {
        t.i
        for child in head.subtree
        if child.dep_ == "prep" and child.lower_ in cut
        for t in child.subtree
    }
    dropped |= {t.i for c in head.subtree if c.dep_ == "relcl" for t in c.subtree}
    dropped |= time_phrases(head)
    start, end = phrase_extent(head, {t.i for t in head.subtree} - dropped)
    while end - 1 > head.i and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return Span(doc, start, end, label=PHRASE_LABEL)


def _penalty_clauses(token: Token) -> list[Token]:
    """The clauses of a Sentence trigger that say the penalty ("to be stoned to death")."""
    return [
        verb
        for verb in children_of(token, "xcomp", "advcl")
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    ]


def _under_crime(token: Token, top: Token) -> bool:
    """True when ``token`` is inside a crime phrase ("for having sex ...") below ``top``."""
    node = token
    while node.i != top.i:
        if node.dep_ == "prep" and node.lower_ in CRIME_PREPOSITIONS:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _crime_prepositions(token: Token) -> list[Token]:
    """The ``for``/``over``/``with`` phrases of a Justice trigger, also those hung on its
    penalty ("sentenced to death by stoning for ..."), never past another verb."""
    found: list[Token] = []
    stack = list(token.children)
    while stack:
        node = stack.pop()
        if node.dep_ == "prep" and node.lower_ in CRIME_PREPOSITIONS and not _a_term(node):
            found.append(node)
        elif node.dep_ in ("prep", "pobj", "agent") or (
            node.dep_ == "pcomp" and node.tag_ == "VBG"
        ):
            stack.extend(node.children)  # through "by stoning", not through other clauses
    return found


def _a_term(prep: Token) -> bool:
    """Whether a "for" phrase says how long ("jailed for six years"), not what for."""
    return any(o.ent_type_ in TIME_ENTITIES for o in children_of(prep, "pobj"))


def is_post(token: Token, context: EventContext) -> bool:
    """A word that names a post ("contest the leadership", "took the presidency")."""
    return token.i not in context.person_of and (
        lemma_of(token) in _POSTS or is_title_word(token, context.lexicon.title_nouns)
    )
