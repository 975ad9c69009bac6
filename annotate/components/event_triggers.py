"""Which words trigger which ACE event type: the component's word tables (:class:`Lexicon`,
its config) and the checks a trigger word needs in its sentence (:func:`trigger_type`):
"fired" a missile is an Attack and "fired" a minister an End-position, "held" a man an arrest
and "held" talks none, a verb of movement a Transport only with where it goes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final

from spacy.tokens import Token

from annotate.components.event_context import PRONOUNS
from annotate.components.event_lexicon import (
    ABSTRACT_OBJECTS,
    ACTIONS,
    ADJECTIVE_TRIGGERS,
    ARRIVING,
    BIRTH_OBJECTS,
    BUSINESSES,
    GUILTY_VERBS,
    MET_THINGS,
    MOTION_VERBS,
    NATURAL_FORCES,
    NEEDS_COMPOUND,
    NEEDS_MODIFIER,
    NEEDS_OBJECT,
    NEEDS_WHAT,
    NO_OBJECT,
    NOT_ATTACKS,
    NOT_CHARGES,
    NOT_DESTINATIONS,
    NOT_MEETINGS,
    NOUN_TRIGGERS,
    PARTICLES,
    PAST_PARTICIPLES,
    PERSON_NOUNS,
    PLACE_OBJECT_MOTION,
    POSTS_LOST,
    VEHICLES,
    VERB_TRIGGERS,
)
from annotate.components.event_phrases import COURTS
from annotate.components.lexicon import (
    AGENTIVE_ENDINGS,
    PERSON_GROUP_NOUNS,
    TITLE_NOUNS,
    has_parse,
    is_title_word,
)
from annotate.components.parse_words import (
    PLACE_ENTITIES,
    children_of,
    is_place,
    lemma_of,
    prep_objects,
    regular_stems,
    stands_for_someone_by_age,
)

_MOTION_PREPS: Final = frozenset(
    {"to", "into", "from", "towards", "toward", "through", "across", "onto", "out"}
)
"""Prepositions whose place says where a movement goes or leaves."""
_REGIMES: Final = frozenset({"regime", "government", "militia", "junta"})
"""Groups that lose power, not a post: "ousted the regime" is no End-position."""
_INQUIRIES: Final = frozenset({"commission", "inquiry", "committee", "senate", "tribunal"})
"""Bodies whose hearings are no trial (a royal commission's)."""


def _lemmas(text: str) -> list[str]:
    return text.split()


WEAPON_NOUNS: list[str] = _lemmas(
    "missile rocket shell drone torpedo bomb round projectile artillery salvo shot"
)
"""Objects that make ``fire``/``launch`` an attack (the ``weapon_nouns`` config default)."""

TEMPORAL_ADVERBS: list[str] = _lemmas(
    "recently earlier later yesterday today tonight tomorrow previously now overnight"
)
"""Adverbs that say when, used as free TIME_EXPR spans (the ``temporal_adverbs`` default)."""


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The word tables of the component, looked up by lemma (lower case)."""

    verb_types: dict[str, str]
    """Verb lemma -> event type."""
    noun_types: dict[str, str]
    """Noun lemma -> event type."""
    weapon_nouns: frozenset[str]
    temporal_adverbs: frozenset[str]
    title_nouns: frozenset[str] = TITLE_NOUNS
    """Posts: a title with a person in apposition is that person ("spokesperson, Lim")."""
    person_groups: frozenset[str] = PERSON_GROUP_NOUNS
    """Plural nouns of people ("the two leaders") that stand for the pair named before."""

    @classmethod
    def of(
        cls,
        verb_triggers: Mapping[str, Iterable[str]],
        noun_triggers: Mapping[str, Iterable[str]],
        weapon_nouns: Iterable[str],
        temporal_adverbs: Iterable[str],
        title_nouns: Iterable[str] = TITLE_NOUNS,
        person_groups: Iterable[str] = PERSON_GROUP_NOUNS,
    ) -> Lexicon:
        """Build from the config's tables (event type -> lemmas; a lemma listed under two
        types triggers the later one)."""
        return cls(
            verb_types=_by_lemma(verb_triggers),
            noun_types=_by_lemma(noun_triggers),
            weapon_nouns=frozenset(w.lower() for w in weapon_nouns),
            temporal_adverbs=frozenset(w.lower() for w in temporal_adverbs),
            title_nouns=frozenset(w.lower() for w in title_nouns),
            person_groups=frozenset(w.lower() for w in person_groups),
        )


def _by_lemma(table: Mapping[str, Iterable[str]]) -> dict[str, str]:
    return {lemma.lower(): kind for kind, lemmas in table.items() for lemma in lemmas}


DEFAULT_LEXICON = Lexicon.of(VERB_TRIGGERS, NOUN_TRIGGERS, WEAPON_NOUNS, TEMPORAL_ADVERBS)
"""The tables of the defaults."""


def is_person(token: Token) -> bool:
    """Whether a token names a person: a PERSON entity, a noun of people, a personal pronoun
    or an age standing for someone ("the 23-year-old")."""
    return (
        token.ent_type_ == "PERSON"
        or lemma_of(token) in PERSON_NOUNS
        or token.lower_ in PRONOUNS
        or token.lower_ == "who"  # "Hicks, who was captured"
        or stands_for_someone_by_age(token)
        or _doers(token)
    )


_NOT_DOERS: Final = frozenset(
    {
        *("number", "paper", "letter", "matter", "order", "power", "border", "water"),
        *("quarter", "headquarters", "center", "computer", "container", "shelter"),
        *("monitor", "sensor", "factor", "sector", "motor", "meter", "chamber"),
        *("layer", "other", "tower", "river", "corner", "offer", "woman", "human"),
    }
)
"""Plural nouns with the endings of doers that name things, not people ("orders")."""


def _doers(token: Token) -> bool:
    """A plural noun of people by what they do ("asylum seekers", "protesters", "policemen")."""
    lemma = lemma_of(token)
    return token.tag_ == "NNS" and lemma.endswith(AGENTIVE_ENDINGS) and lemma not in _NOT_DOERS


def trigger_type(token: Token, lexicon: Lexicon = DEFAULT_LEXICON) -> str | None:
    """Return the ACE event type a token triggers, or None (needs tags; the parse refines it).

    Saying is never an event. A few words need their context: ``fire``/``launch`` are an
    Attack with a weapon object (``fire`` with a person object is End-position), ``shake``
    needs ``hands``, ``provide`` "with X" or "to X", the verbs of :data:`NEEDS_OBJECT` their
    object ("cut jobs", "held a man"), ``appeal`` as a verb "against" something, ``talk`` as a
    noun the plural, ``war`` not "of" something ("war of words"); ``dead`` and ``bankrupt``
    as adjectives say a death and a bankruptcy happened.
    """
    lemma = lemma_of(token)
    parsed = has_parse(token.doc)
    if token.pos_ == "VERB" and lemma not in lexicon.verb_types:
        lemma = _regular_lemma(token, lexicon)  # "fined" that the lemmatizer made "fin"
    if token.pos_ == "VERB" and lemma in lexicon.verb_types:
        if parsed and token.dep_ == "amod" and token.lower_ in PAST_PARTICIPLES:
            kind = lexicon.verb_types[lemma]  # "the deposed leader": it happened to them
            personnel = kind in ("Start-position", "End-position")
            return None if personnel and _groups_only(token, [token.head]) else kind
        if parsed and token.dep_ in ("amod", "compound", "nsubj", "nsubjpass"):
            return None  # "hired gun", "a wounded man": a verb used as a noun's word
        kind = lexicon.verb_types[lemma]
        return _verb_type(token, lemma, kind, lexicon) if parsed else kind
    if token.pos_ == "NOUN" and lemma in lexicon.noun_types:
        return _noun_type(token, lemma, lexicon.noun_types[lemma], parsed)
    if token.pos_ == "ADJ" and token.lower_ in ADJECTIVE_TRIGGERS:
        if token.lower_ in PAST_PARTICIPLES and token.dep_ == "amod":
            return ADJECTIVE_TRIGGERS[token.lower_]  # "nine wounded soldiers"
        if token.lower_ == "guilty" and _found_guilty(token):
            return ADJECTIVE_TRIGGERS[token.lower_]
        if token.dep_ == "amod":
            return None
        if token.lower_ == "guilty" and lemma_of(token.head) not in GUILTY_VERBS:
            return None  # "felt guilty"
        return ADJECTIVE_TRIGGERS[token.lower_]
    if token.pos_ == "ADJ" and token.lower_ in PAST_PARTICIPLES and token.dep_ == "amod":
        verb = token.lemma_.lower() if token.lemma_ else token.lower_
        return lexicon.verb_types.get(verb)  # "the deposed leader" tagged as an adjective
    if token.pos_ == "VERB" and parsed and lemma in MOTION_VERBS and _moves(token, lemma):
        return "Transport"  # "went to Macapa", "entered Kandahar", "pulled out"
    return None


def _found_guilty(adjective: Token) -> bool:
    """Whether a "guilty" the parser hung on the object of "found" ("found ten men guilty",
    read as "guilty men") says a conviction."""
    noun = adjective.head
    return (
        adjective.dep_ == "amod"
        and adjective.i > noun.i
        and noun.dep_ == "dobj"
        and lemma_of(noun.head) in GUILTY_VERBS
    )


def _noun_type(token: Token, lemma: str, kind: str, parsed: bool) -> str | None:
    """The type of a trigger noun in its sentence, or None when this use is no event."""
    owners = [*children_of(token, "poss"), *_of_objects(token)]
    if token.dep_ in ("compound", "npadvmod"):
        return None  # "war crimes", "the war ravaged country": a word of another noun
    if lemma == "war" and token.dep_ == "pobj" and token.head.lower_ == "of":
        return None  # "years of war", "a prisoner of war": war as a state, not fighting told
    if kind == "Meet" and {lemma_of(c) for c in children_of(token, "compound")} & NOT_MEETINGS:
        return None  # "a press conference" is saying
    if lemma == "action":  # "industrial action" is a strike, "military action" an attack
        said = {c.lower_ for c in token.children if c.dep_ in ("amod", "compound")}
        for words, action in ACTIONS:
            if said & words:
                return action
    if lemma == "charge" and (
        (token.dep_ == "pobj" and token.head.lower_ == "in")
        or {lemma_of(c) for c in token.children} & NOT_CHARGES
        or lemma_of(token.head) == "lead"
    ):
        return None  # "in charge", "a service charge", "led the charge": no accusation
    if lemma == "talk" and token.tag_ != "NNS":
        return None
    if lemma == "launch" and not any(
        lemma_of(o) in VEHICLES or o.pos_ == "PROPN"
        for o in [*owners, *children_of(token, "compound")]
    ):
        return None  # "Endeavour's launch", "the space shuttle launch"; a product's: none
    returned_to = [o for _, o in prep_objects(token, {"to"})]
    if lemma == "return" and (
        any(_no_destination(o) for o in returned_to)
        or not (children_of(token, "poss") or any(is_place(o) for o in returned_to))
    ):
        return None  # "returns on share markets", "its return to democracy"; "his return home"
    if lemma == "flight" and (
        token.tag_ == "NNS"
        or any(c.dep_ == "nummod" or c.ent_type_ == "ORG" for c in token.children)
    ):
        return None  # "an American Airlines flight", "flight 63", "$5 flights": a service
    if lemma in ("tour", "trip") and token.tag_ == "NNS" and not children_of(token, "poss"):
        return None  # "sex tours", "trips to the coast": a kind of journey, not one made
    if lemma == "clash" and prep_objects(token, {"of"}):
        return None  # "a clash of personality": no fight
    if kind == "Attack" and {lemma_of(c) for c in children_of(token, "compound")} & NOT_ATTACKS:
        return None  # "a heart attack", "the pace attack"
    pointing_back = any(o.lower_ in ("its", "their") for o in owners)  # "its collapse"
    if lemma in ("collapse", "closure", "shutdown") and not (
        pointing_back or any(_a_business(o) for o in owners)
    ):
        return None  # "the collapse of HIH"; a building's collapse, a road's closure: none
    if lemma in ("release", "execution") and owners and not any(is_person(o) for o in owners):
        return None  # "the release of its economic outlook", "the execution of a plan"
    if lemma == "hearing" and any(lemma_of(t) in _INQUIRIES for t in token.sent):
        return None  # a royal commission's or a committee's hearing is no trial
    if parsed and lemma == "war" and any(p.lower_ == "of" for p in children_of(token, "prep")):
        return None
    if parsed and lemma in NEEDS_COMPOUND and not children_of(token, "compound"):
        return None
    if parsed and lemma in NEEDS_WHAT:
        compound = lemma in ("seizure", "confiscation") and children_of(token, "compound")
        if not (owners or compound):
            return None  # "the creation of a unit", "land seizures"; "creation" alone
    needed = NEEDS_MODIFIER.get(lemma)
    if needed is not None and not {c.lower_ for c in token.children} & needed:
        return None
    if parsed and lemma == "death" and _penalty(token):
        return None  # "sentenced to death", "sentenced to be stoned to death": a penalty
    return kind


def _a_business(token: Token) -> bool:
    """An organisation, or a word of a business or a place of work ("the plant")."""
    return token.ent_type_ == "ORG" or lemma_of(token) in BUSINESSES


def _moves(verb: Token, lemma: str) -> bool:
    """Whether a verb of movement says where from or to: a place after "to/into/from/towards"
    or, for "enter/leave/cross/reach/board", as its object; "pulled out/back" says it alone."""
    if lemma == "pull":
        return any(c.lower_ in ("out", "back") for c in children_of(verb, "prt"))
    if lemma == "touch" and not any(c.lower_ == "down" for c in children_of(verb, "prt")):
        return False  # "touched down at": a landing; "touched the wall": none
    moved = [*children_of(verb, "dobj", "nsubjpass")]
    if lemma == "take" and not any(is_person(m) or lemma_of(m) in VEHICLES for m in moved):
        return False  # "taken to hospital", "took the plane to Darwin"; "took the case to court"
    holders = [verb, *children_of(verb, "prt", "advmod")]  # "brought in from Victoria"
    preps = _MOTION_PREPS - {"from"} if lemma == "come" else _MOTION_PREPS  # "comes from Perth"
    places = [o for h in holders for _, o in prep_objects(h, preps)]
    outs = [p for h in holders for p in children_of(h, "prep") if p.lower_ == "out"]
    places += [o for p in outs for _, o in prep_objects(p, {"of"})]  # "came out of hospital"
    if lemma in ARRIVING:  # "landed near Tora Bora", "touched down at the Kennedy Space Centre"
        places += [o for _, o in prep_objects(verb, {"at", "in", "near", "on"})]
    if lemma in PLACE_OBJECT_MOTION:  # "left Kabul"; "left the school" quits it
        places += [o for o in children_of(verb, "dobj") if o.ent_type_ in PLACE_ENTITIES]
    if lemma == "enter":  # "enter the factory": a kind of place too
        places += [o for o in children_of(verb, "dobj") if is_place(o)]
    return any((is_place(p) or _place_tagged_org(p)) and not _no_destination(p) for p in places)


def _place_tagged_org(token: Token) -> bool:
    """A one-word name tagged ORG where a movement goes ("walk to Bethlehem", "gone to
    Macapa"): the small model's usual slip for a town; not an acronym ("flew to the UN")."""
    return (
        token.ent_type_ == "ORG"
        and token.ent_iob_ == "B"
        and (token.i + 1 == len(token.doc) or token.doc[token.i + 1].ent_iob_ != "I")
        and token.is_title
    )


def _no_destination(token: Token) -> bool:
    """A "to" object that is no place: "returned to work", "return to his best"."""
    return lemma_of(token) in NOT_DESTINATIONS or token.lower_ in NOT_DESTINATIONS


def _regular_lemma(token: Token, lexicon: Lexicon) -> str:
    """A trigger verb's lemma read off a regular ending ("fined": fine) when the lemmatizer
    made another word of it; else the lemma it gave."""
    stems = [s for s in regular_stems(token.lower_) if s in lexicon.verb_types]
    return stems[0] if stems else lemma_of(token)


def _of_objects(token: Token) -> list[Token]:
    return [o for _, o in prep_objects(token, {"of"})]


def _groups_only(token: Token, objects: list[Token]) -> bool:
    """Whether the ones a Personnel verb acts on are all organisations, nations or regimes."""
    patients = [*objects, *children_of(token, "nsubjpass")]
    if not patients and children_of(token, "auxpass") and token.dep_ == "xcomp":
        patients = children_of(token.head, "nsubj")  # "the Taliban has to be removed"
    return bool(patients) and all(
        p.ent_type_ in ("ORG", "NORP", "GPE") or lemma_of(p) in _REGIMES for p in patients
    )


def _verb_type(token: Token, lemma: str, kind: str, lexicon: Lexicon) -> str | None:
    """The type of a trigger verb in its sentence, or None when this use is no event."""
    objects = children_of(token, "dobj")
    object_lemmas = {lemma_of(o) for o in objects}
    if lemma == "shake":
        return kind if "hand" in object_lemmas else None
    if lemma == "surrender":  # "surrender Kandahar" hands it over; "surrendered" gives up
        return "Transfer-ownership" if objects else kind
    if lemma == "lose" and object_lemmas & POSTS_LOST:
        return "End-position"  # "400 staff are to lose their jobs"
    if lemma == "talk" and not {p.lower_ for p in children_of(token, "prep")} & {"with", "to"}:
        return None  # "talked with the unions"; "talked about it" is saying
    particle = PARTICLES.get(lemma)
    if particle is not None:  # "stepped down", "rounded up"
        return kind if {c.lower_ for c in children_of(token, "prt")} & particle else None
    if lemma == "name":  # "named Jane Smith as chief executive" ("named after" names a street)
        posts = [o for _, o in prep_objects(token, {"as"})]
        return kind if any(is_title_word(p, lexicon.title_nouns) for p in posts) else None
    if lemma == "become":  # "to become interim leader": a post taken
        titles = [a for a in children_of(token, "attr") if is_title_word(a, lexicon.title_nouns)]
        feats = [
            t for a in titles for t in a.children if t.tag_ == "JJS" or t.ent_type_ == "ORDINAL"
        ]
        return kind if titles and not feats else None  # "the seventh player to ...": a feat
    if kind == "Transport" and any(_no_destination(o) for _, o in prep_objects(token, {"to"})):
        return None  # "returned to work"
    if kind in ("Start-position", "End-position") and _groups_only(token, objects):
        return None  # "removed the Taliban from power": a regime, not a person's post
    if lemma == "remove":  # "removed from power / office / his post"
        places = {lemma_of(o) for _, o in prep_objects(token, {"from"})}
        return kind if places & {"power", "office", "post", "position", "job", "board"} else None
    if lemma in ("fire", "launch"):
        if any(is_person(o) for o in objects):
            return "End-position" if lemma == "fire" else None
        weapons = object_lemmas & lexicon.weapon_nouns
        return kind if weapons or (lemma == "fire" and not objects) else None
    if lemma == "deliver" and object_lemmas & BIRTH_OBJECTS:
        return "Be-born"
    given = object_lemmas | {lemma_of(o) for _, o in prep_objects(token, {"with"})}
    if kind.startswith("Transfer") and given & ABSTRACT_OBJECTS:  # "provide him with advice"
        return None
    if lemma == "provide":
        preps = {p.lower_ for p in children_of(token, "prep", "dative")}
        return kind if preps & {"with", "to"} else None
    if lemma == "appeal":
        return kind if any(p.lower_ == "against" for p in children_of(token, "prep")) else None
    if lemma in ("refer", "appear"):  # "referred to the sharia court", "appeared in court"
        preps = {"to"} if lemma == "refer" else {"in", "before"}
        courts = [o for _, o in prep_objects(token, preps) if lemma_of(o) in COURTS]
        return kind if courts else None
    if lemma in NO_OBJECT and objects:
        return None
    if lemma == "meet" and object_lemmas & MET_THINGS:
        return None  # "meet the bills"
    if kind == "Attack" and any(
        lemma_of(t) in NATURAL_FORCES for t in [*objects, *children_of(token, "nsubj")]
    ):
        return None  # "a thunderstorm struck", "crews fighting the fires": no attacker
    needed = NEEDS_OBJECT.get(lemma)
    if needed is None:
        return kind
    if needed:
        named = object_lemmas | {o.lower_ for o in objects}
        money = any(o.ent_type_ == "MONEY" for o in objects)
        return kind if named & needed or (money and lemma == "raise") else None
    if lemma == "charge" and prep_objects(token, {"with", "over", "under"}):
        return kind  # "X was charged with murder", "if charged under the Act": whoever X is
    sufferers = [*objects, *children_of(token, "nsubjpass")]
    if not sufferers and token.dep_ == "conj":  # "detained and charged with waging war"
        sufferers = [*children_of(token.head, "dobj", "nsubjpass")]
    return kind if any(is_person(o) for o in sufferers) else None


def _penalty(death: Token) -> bool:
    """Whether "death" is a penalty: "sentenced to death", "sentenced to be stoned to death"
    (a manner under a sentence), not "shot a man to death"."""
    if death.dep_ != "pobj" or death.head.lower_ != "to":
        return False
    return any(lemma_of(t) == "sentence" for t in list(death.ancestors)[:4])
