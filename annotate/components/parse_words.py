"""Small look-ups on a parsed token that the event rules share: its lemma, its dependents,
its prepositional objects, the verb an event noun depends on, and the noun phrase of a head."""

from __future__ import annotations

from typing import Final

from spacy.tokens import Span, Token

from annotate.components.event_lexicon import PLACE_NOUNS
from annotate.components.lexicon import phrase_extent


def lemma_of(token: Token) -> str:
    """The lower-case lemma (the text when there is none)."""
    return (token.lemma_ or token.text).lower()


def children_of(token: Token, *deps: str) -> list[Token]:
    """The dependents of ``token`` with one of these relations."""
    return [c for c in token.children if c.dep_ in deps]


def conjoined(token: Token) -> list[Token]:
    """The token and the conjuncts after it ("Kim and Putin")."""
    return [token, *(c for c in token.conjuncts if c.i > token.i)]


def prep_objects(token: Token, words: frozenset[str] | set[str]) -> list[tuple[str, Token]]:
    """(preposition, object) of the phrases of ``token`` led by one of ``words``."""
    found = []
    for prep in children_of(token, "prep", "dative", "agent"):
        for obj in children_of(prep, "pobj"):
            if prep.lower_ in words:
                found.append((prep.lower_, obj))
    return found


QUANTITY_NOUNS: Final = frozenset(
    {"bulk", "series", "wave", "spate", "string", "round", "flurry", "rash", "spree", "number"}
)
"""Nouns that count the happenings after their "of" ("a series of attacks")."""


def governing_verb(noun: Token) -> Token | None:
    """The verb an event noun is the object of, directly or through "for/in/at/into", or
    through a noun that counts it ("carried out the bulk of the bombings")."""
    if noun.dep_ in ("appos", "conj") and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head  # "launch a new Jihad, or holy war"
    if (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and lemma_of(noun.head.head) in QUANTITY_NOUNS
    ):
        noun = noun.head.head  # "the bulk of the bombings": the bulk's verb
    if noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
        return noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ in ("for", "in", "at", "into"):
        verb = noun.head.head
        if verb.pos_ == "VERB" and noun.head.dep_ == "prep":
            return verb
    return None


def regular_stems(word: str) -> tuple[str, ...]:
    """What a word's lemma may be when the lemmatizer made another word of it, read off a
    regular ending: "fined" (which it makes "fin") fine, "hopes" (which it makes "hop") hope."""
    if not word.endswith(("ed", "es", "ing", "s")) or len(word) <= 4:
        return ()
    return (word[:-1], word[:-2], word[:-3], word[:-3] + "e")


def hyphenated_word(token: Token) -> Span | None:
    """The word a tokenizer split at its hyphens that ``token`` is part of ("round-up",
    "no-one"), or None."""
    doc = token.doc

    def joins(i: int) -> bool:  # doc[i] is a hyphen with words right against it
        return (
            0 < i < len(doc) - 1
            and doc[i].text == "-"
            and not doc[i - 1].whitespace_
            and not doc[i].whitespace_
        )

    start, end = token.i, token.i + 1
    while joins(start - 1):
        start -= 2
    while joins(end):
        end += 2
    return Span(doc, start, end) if end - start > 1 else None


def noun_phrase(head: Token, label: str) -> Span:
    """The NP of ``head``: its subtree up to the first comma, without relative clauses."""
    doc = head.doc
    dropped = {t.i for c in head.subtree if c.dep_ == "relcl" for t in c.subtree}
    start, end = phrase_extent(head, {t.i for t in head.subtree} - dropped)
    while end - 1 > head.i and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return Span(doc, start, end, label=label)


TIME_ENTITIES = frozenset({"DATE", "TIME"})
PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
PLACE_PREPOSITIONS = frozenset({"in", "near", "at", "outside", "inside", "around"})


def is_place(token: Token) -> bool:
    """A place entity, a kind of place ("the village"), or "home"."""
    return token.ent_type_ in PLACE_ENTITIES or lemma_of(token) in PLACE_NOUNS


def time_phrases(head: Token) -> set[int]:
    """The tokens of the prepositional phrases on ``head`` that say when ("president in
    March") or where ("radar systems near Basra"): those are the event's time and place, not
    part of a party or a post."""
    return {
        t.i
        for prep in head.children
        if prep.dep_ == "prep"
        for obj in prep.children
        if obj.dep_ == "pobj"
        and (
            obj.ent_type_ in TIME_ENTITIES
            or (
                prep.lower_ in PLACE_PREPOSITIONS
                and (obj.ent_type_ in PLACE_ENTITIES or lemma_of(obj) in PLACE_NOUNS)
            )
        )
        for t in prep.subtree
    }


def stands_for_someone_by_age(token: Token) -> bool:
    """Whether ``token`` is an age standing for a person: "the 23-year-old was charged"."""
    return token.lower_ == "old" and token.pos_ in ("ADJ", "NOUN") and token.dep_ != "amod"
