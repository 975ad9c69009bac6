"""Names the NER model takes for people that the sentence shows are places, companies or
products ("near Tora Bora", "Ansett collapsed", "Harris Scarfe went into receivership", "Ford
Sierra cars"): the ``not_people`` repair of ``annotui_entity_repair``.

Evidence is gathered per name over the whole text, and a name with any sign of a person (a
title or a form of address before one of its mentions: "Mr Scarfe", "Senator Brown") keeps its
label. Otherwise a PERSON name becomes

- ``LOC`` when a mention is the object of a preposition of place (``near``, ``in``, ``at``,
  ``into``, ``across``...);
- ``PRODUCT`` when a mention modifies a noun of goods ("Ford Sierra cars");
- ``ORG`` when a mention modifies or owns a noun of business ("Ansett shares", "Harris Scarfe's
  stores"), is the subject of a company's fate ("collapsed", "went into receivership"), or
  follows "codenamed" or "dubbed" (a taskforce's or an operation's name);
- ``GPE`` when a mention owns a noun of a state ("Sri Lanka's government", "its army") and the
  name never says or thinks anything (a person whose government it is usually does: "Putin
  said").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from spacy.tokens import Span, Token

from annotate.components.lexicon import is_honorific, is_title_word

PLACE_PREPOSITIONS: Final = frozenset(
    {"near", "in", "at", "into", "across", "around", "outside", "inside", "towards", "toward"}
)
GOODS: Final = frozenset(
    {
        *("car", "vehicle", "model", "sedan", "truck", "wagon", "van", "engine", "phone"),
        *("computer", "aircraft", "jet", "drug", "brand", "product"),
    }
)
BUSINESS: Final = frozenset(
    {
        *("share", "store", "shop", "outlet", "staff", "employee", "worker", "customer"),
        *("shareholder", "creditor", "administrator", "receiver", "liquidator", "chain"),
        *("airline", "flight", "plane", "network", "stake", "board", "executive", "profit"),
        *("collapse", "receivership", "administration", "liquidation", "insolvency", "takeover"),
    }
)
"""Nouns of a company: a name that owns or modifies one is a company ("Ansett's collapse")."""
STATE: Final = frozenset(
    {
        *("government", "army", "military", "navy", "embassy", "parliament", "economy"),
        *("capital", "territory", "border", "citizen", "police", "constitution", "coast"),
    }
)
"""Nouns of a country: a name that owns one is a place ("Sri Lanka's government")."""
CODE_NAMES: Final = frozenset({"codenamed", "code-named", "dubbed"})
"""Words before the name given to a taskforce or an operation ("a taskforce, codenamed
Ceja"): a person is not code-named."""
SAYING: Final = frozenset({"say", "tell", "add", "believe", "think", "insist", "deny", "claim"})
"""Verbs a person is the subject of."""
FATES: Final = frozenset({"collapse", "fold", "trade", "list", "merge", "restructure"})
"""Verbs whose subject is a company."""
FATE_NOUNS: Final = frozenset({"receivership", "administration", "liquidation", "bankruptcy"})
"""What a company goes into ("went into receivership")."""


def _lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower()


def _kind(ent: Span, titles: frozenset[str]) -> str | None:
    """What one PERSON mention's context says it is: ``PERSON`` (a title or form of address
    before it), ``LOC``, ``PRODUCT``, ``ORG``, or None (nothing either way)."""
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start else None
    if before is not None and (is_honorific(before) or is_title_word(before, titles)):
        return "PERSON"
    root = ent.root
    if before is not None and before.lower_ in PLACE_PREPOSITIONS and root.dep_ == "pobj":
        return "LOC"
    if before is not None and before.lower_ in CODE_NAMES:
        return "ORG"
    head = root.head
    if root.dep_ in ("compound", "poss") and head.pos_ == "NOUN":
        if root.dep_ == "compound" and _lemma(head) in GOODS:
            return "PRODUCT"
        if _lemma(head) in BUSINESS:
            return "ORG"
        if root.dep_ == "poss" and _lemma(head) in STATE:
            return "GPE"
    if root.dep_ == "nsubj":
        if _lemma(head) in SAYING:
            return "PERSON"
        if _lemma(head) in FATES:
            return "ORG"
        for prep in head.children:
            if prep.dep_ == "prep" and any(_lemma(o) in FATE_NOUNS for o in prep.children):
                return "ORG"
    return None


def not_people(ents: Iterable[Span], titles: frozenset[str]) -> list[Span]:
    """The entities with the PERSON names that show no sign of a person but a sign of a
    place, a product or a company relabelled (every mention of the name)."""
    ents = list(ents)
    found: dict[str, set[str]] = {}
    for ent in ents:
        if ent.label_ == "PERSON":
            kind = _kind(ent, titles)
            if kind is not None:
                found.setdefault(ent.text, set()).add(kind)
    relabel = {
        name: next(iter(kinds))
        for name, kinds in found.items()
        if "PERSON" not in kinds and len(kinds) == 1
    }
    return [
        Span(e.doc, e.start, e.end, label=relabel[e.text])
        if e.label_ == "PERSON" and e.text in relabel
        else e
        for e in ents
    ]
