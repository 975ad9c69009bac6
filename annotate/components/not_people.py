"""Names the NER model takes for people that the sentence shows are places, companies or
products ("near Tora Bora", "Ansett collapsed", "Harris Scarfe went into receivership", "Ford
Sierra cars"): the ``not_people`` repair of ``annotui_entity_repair``.

Evidence is gathered per name over the whole text, and a name with any sign of a person (a
title or a form of address before one of its mentions: "Mr Scarfe", "Senator Brown") keeps its
label. Otherwise a PERSON name becomes

- ``LOC`` when a mention is the object of a preposition of place (``near``, ``in``, ``at``,
  ``into``, ``across``, ``above``...);
- ``PRODUCT`` when a mention modifies a noun of goods ("Ford Sierra cars");
- ``ORG`` when a mention modifies, owns or follows the "of" of a noun of business ("Ansett
  shares", "Harris Scarfe's stores", "the collapse of Ansett"), is the subject of a company's
  fate ("collapsed", "went into receivership"), or follows "codenamed" or "dubbed" (a
  taskforce's or an operation's name);
- ``GPE`` when a mention owns a noun of a state ("Sri Lanka's government", "its army") and the
  name never says or thinks anything (a person whose government it is usually does: "Putin
  said");
- ``LOC`` also when a mention modifies a noun of a kind of place ("the Tora Bora battleground"),
  is what a kind of place is called ("the holy city of Benares"), lies in a direction ("north
  of Wollongong"), ends a route ("Sydney to Hobart"), is one word listed with places ("Mudgee,
  Narromine and Kempsey") or after a preposition of place ("between Wilton and Bulli") and
  no word of a person's full name, or the model tags the same name as a place elsewhere in
  the text;
- ``PRODUCT`` also when a mention names a vehicle ("his yacht, Seamaster", "maxi Wild
  Thing");
- ``ORG`` also when a person's name follows its "'s" ("Westpac's David Lording");
- ``ORG`` also for a group named by one word with an article ("the Beatles", "the youngest
  Beatle"), a name before or beside a noun of a group ("the Ansar al-Islam group",
  "Batasuna, a political party") and a name joined by the particle "-e-"
  ("Lashkar-e-Taiba"), a way of naming organisations, not people.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from spacy.tokens import Span, Token

from annotate.components.event_lexicon import VEHICLES
from annotate.components.lexicon import is_honorific, is_title_word
from annotate.components.parse_words import PLACE_ENTITIES, PLACE_PREPOSITIONS

NAME_PLACE_PREPOSITIONS: Final = PLACE_PREPOSITIONS | {
    *("into", "across", "towards", "toward", "above", "below", "beyond", "off", "via"),
}
"""Prepositions whose object, a name, is a place ("near Tora Bora", "above Grafton"): the
prepositions of place (:data:`~annotate.components.parse_words.PLACE_PREPOSITIONS`) and those
of a way or a direction, which a person rarely follows."""
LIST_PREPOSITIONS: Final = frozenset({"between", "from", "including"})
"""Prepositions that also lead a list of places ("closed between Wilton and Bulli")."""
BOATS: Final = frozenset({"maxi", "supermaxi", "catamaran", "trimaran", "sloop", "ketch"})
"""Kinds of racing boat a yacht's name follows ("maxi Wild Thing")."""
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
        *("weather", "streets", "street", "suburb", "airport", "residents", "skyline"),
    }
)
"""Nouns of a country: a name that owns one is a place ("Sri Lanka's government")."""
CODE_NAMES: Final = frozenset({"codenamed", "code-named", "dubbed"})
"""Words before the name given to a taskforce or an operation ("a taskforce, codenamed
Ceja"): a person is not code-named."""
PLACE_KINDS: Final = frozenset(
    {
        *("region", "area", "mountain", "mountains", "valley", "province", "district"),
        *("battleground", "battlefield", "village", "town", "city", "river", "island"),
        *("township", "suburb", "county", "municipality", "street", "road", "highway"),
        *("avenue", "residence", "capital", "state", "territory"),
        *("settlement", "complex"),
    }
)
"""Nouns of a kind of place: a name before one ("the Tora Bora region") or after its "of" ("the
city of Benares") is a place."""
DIRECTIONS: Final = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
)
"""Words of direction whose "of" names a place ("north of Wollongong")."""
BUILDINGS: Final = frozenset(
    {
        *("hospital", "airport", "road", "highway", "avenue", "stadium", "station"),
        *("university", "college", "prison", "school", "centre", "center", "cathedral"),
        *("mosque", "temple", "terminal", "freeway", "motorway", "parade"),
    }
)
"""Last words of the names of buildings and roads, and of no person's ("Queen Elizabeth
Hospital"; "Hill" or "Ward" end people's names too)."""
PLACE_FIRST_WORDS: Final = frozenset(
    {"mt", "mt.", "mount", "lake", "cape", "port", "fort", "st", "st.", "greater"}
)
"""Words that begin the name of a place ("Mt Kembla", "Port Moresby", "St Helens")."""
PLACE_ADJECTIVES: Final = frozenset(
    {
        *("nearby", "neighbouring", "neighboring", "northern", "southern", "eastern"),
        *("western", "central", "outer", "inner", "downtown", "coastal", "rural", "remote"),
        *("north-western", "north-eastern", "south-western", "south-eastern", "outback"),
    }
)
"""Adjectives said of places, not of people ("nearby Mittagong", "central Sulawesi")."""
GROUPS: Final = frozenset(
    {
        *("group", "party", "organisation", "organization", "movement", "militia", "network"),
        *("faction", "sect", "band", "company", "firm", "airline", "union", "team", "club"),
        *("retailer", "insurer", "carrier", "operator", "manufacturer", "bank"),
    }
)
"""Nouns of a group: a name before one ("the Ansar al-Islam group") or with one in apposition
("Batasuna, a political party") names the group."""
ARTICLES: Final = frozenset({"the", "a", "an"})
SAYING: Final = frozenset({"say", "tell", "add", "believe", "think", "insist", "deny", "claim"})
"""Verbs a person is the subject of."""
FATES: Final = frozenset({"collapse", "fold", "trade", "list", "merge", "restructure"})
"""Verbs whose subject is a company."""
FATE_NOUNS: Final = frozenset({"receivership", "administration", "liquidation", "bankruptcy"})
"""What a company goes into ("went into receivership")."""


_NAME_PARTICLES: Final = frozenset({"bin", "ibn", "bint"})
"""Lower-case words ("son of") that make capitalised words around them a person's name."""


def particle_name(ent: Span) -> bool:
    """Capitalised words with a name particle inside: "Osama bin Laden" (ORG to the model)."""
    words = list(ent)
    return (
        len(words) >= 3
        and any(t.lower_ in _NAME_PARTICLES and t.is_lower for t in words[1:-1])
        and all(t.is_title or t.lower_ in _NAME_PARTICLES for t in words)
    )


def _lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower()


def _kind(ent: Span, titles: frozenset[str]) -> str | None:
    """What one PERSON mention's context says it is: ``PERSON`` (a title or form of address
    before it), ``LOC``, ``PRODUCT``, ``ORG``, or None (nothing either way)."""
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start else None
    if _lemma(ent[-1]) in BUILDINGS and len(ent) > 1:
        return "FAC"  # "Queen Elizabeth Hospital" (not a queen's name), "Tanami Road"
    if ent[0].lower_ in PLACE_FIRST_WORDS and len(ent) > 1:
        return "LOC"  # "Mt Kembla", "St Helens", "Greater Sydney"
    if before is not None and (is_honorific(before) or is_title_word(before, titles)):
        return "PERSON"
    if particle_name(ent):
        return "PERSON"  # "Osama bin Laden's network": his, not a company's name
    if len(ent) == 1 and ent[0].tag_ == "NNPS" and ent[0].lower_.endswith("s"):
        return "NORP"  # "Kashmiris", "Apaches": a people or a kind, no one person's name
    root = ent.root
    if root.dep_ == "pobj" and root.head.lower_ in NAME_PLACE_PREPOSITIONS:
        return "LOC"  # "near Tora Bora", "in central Sulawesi"
    if any(c.dep_ == "amod" and c.lower_ in PLACE_ADJECTIVES for c in root.children):
        return "LOC"  # "for nearby Mittagong", "in outer Canberra"
    if _end_of_route(ent):
        return "LOC"  # "the Sydney to Hobart yacht race": a route between places
    if _an_acronym_of_an_organisation(ent):
        return "ORG"  # "the British Antarctic Survey (BAS)"
    if root.dep_ == "pobj" and before is not None and before.lower_ == "of":
        if _lemma(before.head) in PLACE_KINDS | DIRECTIONS:
            return "LOC"  # "the holy city of Benares", "north of Wollongong"
        if _lemma(before.head) in BUSINESS:
            return "ORG"  # "the collapse of Ansett"
    if root.dep_ in ("compound", "appos") and _lemma(root.head) in PLACE_KINDS:
        return "LOC"  # "the Tora Bora battleground", "the capital, Buenos Aires"
    beside = [c for c in root.children if c.dep_ in ("appos", "compound")]
    if (root.dep_ in ("compound", "appos") and _lemma(root.head) in GROUPS) or any(
        _lemma(c) in GROUPS for c in beside
    ):
        return "ORG"  # "the Ansar al-Islam group", "Batasuna, a political party"
    if root.dep_ == "conj" and root.head.ent_type_ in PLACE_ENTITIES:
        return "LOC"  # "as far inland as Mudgee, Narromine and Kempsey"
    if len(ent) == 1 and _listed_with_places(root):
        return "LOC"  # "Tamworth, Gunnedah and Quirindi", "closed between Wilton and Bulli"
    if root.dep_ == "appos" and _lemma(root.head) in VEHICLES:
        return "PRODUCT"  # "his yacht, Seamaster"
    named_by = [c for c in root.children if c.dep_ in ("compound", "amod", "nmod")]
    if any(c.i < ent.start and _lemma(c) in VEHICLES | BOATS for c in named_by):
        return "PRODUCT"  # "Victorian maxi Wild Thing", "the yacht Seamaster"
    if _employs_the_next(ent):
        return "ORG"  # "Westpac's David Lording"
    if len(ent) == 1 and any(c.dep_ == "det" and c.lower_ in ARTICLES for c in root.children):
        return "ORG"  # "the Beatles", "the youngest Beatle": a group, one of a group
    if _joined_by_e(ent):
        return "ORG"
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


def _employs_the_next(ent: Span) -> bool:
    """A name whose "'s" a person's name follows: the person's organisation ("Westpac's David
    Lording")."""
    doc = ent.doc
    after = ent.end + 1
    return (
        ent.root.dep_ == "poss"
        and after < len(doc)
        and doc[ent.end].lower_ in ("'s", "’s")
        and doc[after].ent_type_ == "PERSON"
        and doc[after].ent_iob_ == "B"
    )


def _listed_with_places(word: Token) -> bool:
    """A one-word name in a list with a place in it, or in a list after a preposition of
    place ("in Perth and Darwin", "between Wilton and Bulli")."""
    listed = [word, *word.conjuncts]
    if len(listed) == 1:
        return False
    full_names = (e for e in word.doc.ents if e.label_ == "PERSON" and len(e) > 1)
    if {t.lower_ for e in full_names for t in e} & {t.lower_ for t in listed}:
        return False  # "talks between Arafat and Sharon" after "Yasser Arafat": people
    if any(other.ent_type_ in PLACE_ENTITIES for other in word.conjuncts):
        return True
    first = min(listed, key=lambda t: t.i)
    return first.dep_ == "pobj" and first.head.lower_ in NAME_PLACE_PREPOSITIONS | LIST_PREPOSITIONS


def _end_of_route(ent: Span) -> bool:
    """A name after "to" that a place comes before, in the text or in the parse ("Sydney to
    Hobart")."""
    doc = ent.doc
    if ent.start < 2 or doc[ent.start - 1].lower_ != "to":
        return False
    to = doc[ent.start - 1]
    return doc[ent.start - 2].ent_type_ in PLACE_ENTITIES or (
        ent.root.dep_ == "pobj" and to.head.ent_type_ in PLACE_ENTITIES
    )


def _an_acronym_of_an_organisation(ent: Span) -> bool:
    """A name in brackets right after an organisation, made of its initials ("the British
    Antarctic Survey (BAS)")."""
    doc = ent.doc
    if ent.start < 2 or ent.end >= len(doc) or doc[ent.start - 1].text != "(":
        return False
    before = doc[ent.start - 2]
    if doc[ent.end].text != ")" or before.ent_type_ != "ORG":
        return False
    words = [t for t in doc[: before.i + 1] if t.ent_type_ == "ORG"][-len(ent.text) :]
    return "".join(t.text[0] for t in words if t.is_title).upper() == ent.text.upper()


def _joined_by_e(ent: Span) -> bool:
    """A name whose parts the particle "-e-" joins ("Lashkar-e-Taiba"), also one the model
    cut before it ("Jaish" of "Jaish-e-Mohammad")."""
    doc = ent.doc
    words = [t.text for t in doc[ent.start : min(ent.end + 2, len(doc))]]
    return any(
        words[i] == "-" and words[i + 1] == "e" and not doc[ent.start + i - 1].whitespace_
        for i in range(1, len(words) - 1)
    )


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
        elif ent.label_ in PLACE_ENTITIES:  # the same name as a place elsewhere
            found.setdefault(ent.text, set()).add("LOC")
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
