"""``annotui_events``: EVENT triggers with a type, participants, time and place.

**Triggers** (:mod:`~annotate.components.event_triggers`). A verb whose lemma is in
:data:`VERB_TRIGGERS`, or a noun whose lemma is in :data:`NOUN_TRIGGERS` and that is not itself
a noun modifier ("launch" in "launch vehicle" is not an event); a verb of movement with where it
goes ("went to Macapa"); a word split at its hyphen ("round-up"). A noun trigger covers its
compound noun modifiers ("arms deal", "weapons testing"); "shake" with the object "hands" is one
trigger, "shook hands". A few verbs need a lexical check:
``fire``/``launch`` are Attack only with a weapon object (``fire`` with a person object is
Personnel), ``provide`` is Transfer only as "provide X with Y" or "provide Y to X", ``talk`` as a
noun only in the plural ("talks").

**Parts** (a small fixed set): ``agent`` (who acts: nsubj, "by" agent, possessor of an event
noun, the subject of the verb governing a meeting/movement noun), ``patient`` (who or what is
acted on: dobj, nsubjpass, "war on X"), ``recipient`` ("to X" / dative of a transfer or
statement, "provide X with Y"), ``participant`` (symmetric meetings: "meeting with X", "talks
between X and Y", "the two leaders"). Conjuncts share their part.

**Who.** A token inside a PERSON mention is a :class:`PersonArg`; inside a GPE/ORG/NORP/LOC/FAC
entity an :class:`EntityArg`; a party or thing no entity names ("eight civilians") an
:class:`EntityArg` of a ``PHRASE`` span; a title noun with a person in apposition is that person
("spokesperson, Lim Soo-suk, emphasized"); a relative "who" is the person the relative clause
hangs from; "he/she/him/her/his" is, of the people mentioned in this sentence before it and in
the previous one, the one the text mentions most; "the two leaders"/"both leaders" are the two
people mentioned most in this and the previous ``context_sentences`` sentences (nobody when fewer
than two are). A verb without a
subject inherits it from the verb it depends on ("After inspecting ..., the leaders will ..."),
or that verb's object when it has one ("accused North Korea of providing ..."); an infinitive
modifying a noun takes the noun's possessor ("his decision to visit Russia").

**When / where** (:mod:`~annotate.components.event_setting`). Time: a DATE/TIME entity attached
to the trigger (directly or through a preposition), a relative time ("last night"), else a
temporal adverb ("recently") as a free ``TIME_EXPR`` span. Place: a GPE/LOC/FAC entity in an
"at/in/to/into/near" phrase of the trigger or, for movements, its object; failing that, for
movements, "at" phrases and kinds of place ("in hospital"), the phrase's noun phrase as a free
``PLACE`` span ("a cosmodrome in Russia’s Far East"). An event noun that is the subject of
"take place", "be held" ... takes that verb's time and place.

**Between events** (:mod:`~annotate.components.event_links`): nouns joined by "and"/"or" share
their parts; a death or injury caused by an attack ("a raid left eight dead", "killed in an air
strike") takes the attack's attacker as its agent, and its place and time; a harm that is the
crime of a Justice event ("charged with the murder of ...") takes the accused as who did it.

Without a parse only triggers are found (from tags); without tags nothing is.
Results go to ``doc._.annotui_events``: :class:`EventRecord` records in text order.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from annotate.components.event_context import EventContext
from annotate.components.event_coreference import merge_mentions
from annotate.components.event_lexicon import (
    FORCES,
    INTRANSITIVE,
    NEEDS_COMPOUND,
    NOUN_TRIGGERS,
    POSTS_LOST,
    RECEIVING,
    SYMMETRIC,
    TRANSITIVE_MOTION,
    VEHICLES,
    VERB_TRIGGERS,
    WAR_VEHICLES,
    ace_role,
)
from annotate.components.event_links import (
    HARMS,
    crimes_of_the_accused,
    harmed_in_attacks,
    share_across_or,
    share_setting_across_and,
)
from annotate.components.event_modality import modality, said_to_come
from annotate.components.event_parts import (
    add,
    add_or_phrase,
    add_parties,
    add_tokens,
    party,
    set_place,
    set_time,
)
from annotate.components.event_phrases import (
    JUSTICE,
    PERSONNEL,
    add_phrases,
    is_post,
    phrase,
    responsible_for,
)
from annotate.components.event_setting import NEAR_PREPS, PLACE_PREPS, set_setting
from annotate.components.event_triggers import (
    DEFAULT_LEXICON,
    TEMPORAL_ADVERBS,
    WEAPON_NOUNS,
    Lexicon,
    is_person,
    trigger_type,
)
from annotate.components.lexicon import (
    PERSON_GROUP_NOUNS,
    TITLE_NOUNS,
    after_line_break,
    has_parse,
    has_tags,
)
from annotate.components.parse_words import (
    TIME_ENTITIES,
    children_of,
    conjoined,
    governing_verb,
    hyphenated_word,
    is_place,
    lemma_of,
    noun_phrase,
    prep_objects,
)
from annotate.components.people import EXTENSION as PEOPLE
from annotate.components.records import EntityArg, EventRecord, PersonArg
from annotate.components.roles import EXTENSION as ROLES
from annotate.model import ASSERTED, EVENT_LABEL, PHRASE_LABEL, PLACE_LABEL

NAME = "annotui_events"
EXTENSION = "annotui_events"

if not Doc.has_extension(EXTENSION):
    Doc.set_extension(EXTENSION, default=None)


_LIGHT_VERBS = frozenset(
    {
        *("take", "launch", "file", "bring", "lodge", "hold", "stage", "wage", "mount"),
        *("carry", "conduct", "make", "begin", "start", "lead", "organise", "organize"),
    }
)
"""Verbs that say someone does the event noun they govern ("took legal action")."""
_DEPARTING = frozenset({"depart", "flee", "escape", "undock", "quit", "leave"})
"""Movement verbs whose object is where from ("fled the country")."""
_OBJECT_CONTROL = frozenset(
    {"enable", "allow", "urge", "ask", "force", "help", "order", "tell", "persuade", "lead"}
)
"""Verbs whose object does what their infinitive says ("urged Afghans to launch")."""
_WHEN_PREPS = frozenset({"before", "after", "while", "since", "without", "upon", "despite"})
"""Prepositions of a clause whose doer is the subject of the verb they hang on, not its
object ("before fleeing, the Taliban handed over weapons")."""
_INTENTIONS = frozenset(
    {"plan", "bid", "attempt", "decision", "move", "effort", "offer", "proposal", "intention"}
)
"""Nouns an infinitive hangs on whose owner is the one who would act ("a plan to buy")."""
_OWN_INTENTION_VERBS = frozenset(
    {
        *("announce", "unveil", "launch", "make", "shelve", "abandon", "drop", "scrap"),
        *("outline", "confirm", "revive", "pursue", "lodge", "submit", "have", "table"),
    }
)
"""Verbs whose subject owns the plan they take ("announced a plan to", not "rejected")."""
_THROWN = frozenset({"rock", "stone", "brick", "grenade", "bottle", "acid", "petrol", "anthrax"})
"""What is thrown or sent as a weapon."""
_MEANS = frozenset(WEAPON_NOUNS) | _THROWN
"""Nouns before an attack noun that say what it was made with."""
_ORG_TYPES = frozenset({"Start-org", "End-org", "Merge-org", "Declare-bankruptcy"})
_SIDES = frozenset({"NORP", "GPE", "ORG"})
"""Entities before an attack noun that say who attacks ("Israeli strikes")."""
_PARTIES_NAMED_OR_NOT = frozenset(
    {"Attack", "Transfer-money", "Transfer-ownership", "Demonstrate", "Start-org", "End-org"}
)
"""Types whose acting party is an argument even unnamed ("bullies threw rocks", "senior
members of the royal family paid"); a person unnamed is not ("a man paid")."""
_SUFFERING = frozenset({"survive", "suffer", "escape", "endure"})
"""Verbs whose subject is who an attack or a harm they govern was done to."""
_BODIES = frozenset({"cabinet", "board", "council", "committee", "parliament", "party"})
"""Bodies whose meeting a compound names ("a cabinet meeting")."""
_OWN_PARTS = _MEANS | FORCES | _BODIES
"""Nouns before an event noun that are its instrument or a party, not part of its trigger."""
_RULING_VERBS = frozenset({"find", "declare"})
"""Verbs of "found/declared X guilty": their subject is the court that rules."""

_ATTACK_PLANS = frozenset(
    {
        *("plan", "resume", "halt", "stop", "end", "continue", "intensify", "escalate"),
        *("step", "suspend", "renew", "claim", "admit", "confess"),
    }
)
"""Verbs whose subject makes (or would make) the attacks they govern ("planned attacks")."""
_SIDE_NOUNS = FORCES | {"regime", "government"}
"""Nouns of a side someone fights for, when no entity names it."""

_CANDIDATE_VERBS = frozenset({"win", "seek", "secure", "contest", "lose", "face"})
"""Verbs whose subject stands in the election they govern ("won re-election")."""
_OWNED_BY_PATIENT = frozenset(
    {
        *("Die", "Injure", "Be-born", "Arrest-jail", "Release-parole", "Execute", "Extradite"),
        *("Trial-hearing", "Charge-indict", "Convict", "Sentence", "Acquit", "Pardon"),
        *("Start-position", "End-position", "Elect", "Nominate", "Declare-bankruptcy", "End-org"),
        *("Start-org", "Merge-org"),
    }
)
"""Types whose noun's possessor or ``of`` object is the one it happens to ("his death")."""


def _known_holder(token: Token, context: EventContext) -> bool:
    """ "the deposed leader", "his former minister": one post, definite, so one person the
    text names elsewhere; the argument is that person or nothing, not the phrase ("a jailed
    activist" is one, by its phrase)."""
    definite = any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that"))
        for c in token.children
    )
    return definite and token.tag_ in ("NN", "NNP") and is_post(token, context)


def _passive_light_verb(noun: Token) -> Token | None:
    """The light verb an event noun is the passive subject of ("raids will be launched")."""
    verb = noun.head
    if noun.dep_ == "nsubjpass" and lemma_of(verb) in _LIGHT_VERBS:
        return verb
    return None


def _trigger_span(token: Token, kind: str) -> Span:
    doc = token.doc
    start, end = token.i, token.i + 1
    own_word = kind != "Transfer-ownership" or lemma_of(token) in NEEDS_COMPOUND
    if token.pos_ == "NOUN" and own_word:  # "land seizures": the land; an "arms deal" is one
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head == token:
            if doc[start - 1].pos_ != "NOUN" or lemma_of(doc[start - 1]) in _OWN_PARTS:
                break  # "anthrax attacks", "police raid", "cabinet meeting": parts of it
            start -= 1
    elif lemma_of(token) == "shake":
        hands = [o for o in children_of(token, "dobj") if lemma_of(o) == "hand"]
        if hands and hands[0].i == token.i + 1:
            end = hands[0].i + 1
    return Span(doc, start, end, label=EVENT_LABEL)


class EventFinder:
    """Pipeline component filling ``doc._.annotui_events``."""

    def __init__(self, *, context_sentences: int, lexicon: Lexicon = DEFAULT_LEXICON) -> None:
        self.context_sentences = context_sentences
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        if not has_tags(doc):
            doc._.set(EXTENSION, [])
            return doc
        parsed = has_parse(doc)
        context = EventContext(doc, self.context_sentences, self.lexicon) if parsed else None
        records: list[EventRecord] = []
        covered: set[int] = set()
        for token in doc:
            if token.i in covered:
                continue
            kind = trigger_type(token, self.lexicon)
            joined = hyphenated_word(token)
            if joined is not None and joined.end != token.i + 1:
                joined = None  # only the word's last part (its head) triggers it
            if kind is None and joined is not None and token.pos_ == "NOUN":
                kind = self.lexicon.noun_types.get(joined.text.lower())  # "round-up"
            if kind is None:
                continue
            trigger = (
                _trigger_span(token, kind)
                if parsed
                else Span(doc, token.i, token.i + 1, EVENT_LABEL)
            )
            if joined is not None and joined.start < trigger.start:
                trigger = Span(doc, joined.start, trigger.end, label=EVENT_LABEL)
            covered.update(range(trigger.start, trigger.end))
            word = "verb" if token.pos_ == "VERB" else "noun"
            word = "adjective" if token.pos_ == "ADJ" else word
            record = EventRecord(trigger, kind, f"events: {word} '{lemma_of(token)}' ({kind})")
            if context is not None:
                _fill(record, token, context)
                _to_ace_roles(record, token)
                if kind in PERSONNEL:
                    _position_of_holder(record, doc)
                record.modality = modality(token)
                if record.modality == ASSERTED and record.time and said_to_come(record.time.text):
                    record.modality = "future"  # "next Thursday's meeting"
            records.append(record)
        if context is not None:
            share_across_or(records)
            share_setting_across_and(records)
            harmed_in_attacks(records)
            crimes_of_the_accused(records, JUSTICE)
            records = merge_mentions(records, context.sentence_number)
        doc._.set(EXTENSION, [_within_lines(record) for record in records])
        return doc


def _to_ace_roles(record: EventRecord, token: Token) -> None:
    """Turn the parts the parse found into the ACE roles of the record's type
    (:func:`~annotate.components.event_lexicon.ace_role`); for a Transport, where it goes is
    its ``destination``, not its place."""
    lemma = lemma_of(token)
    intransitive = token.pos_ == "VERB" and lemma in INTRANSITIVE
    kind = record.type

    def role(part: str) -> str:
        if part == "agent" and intransitive:
            part = "subject"
        return ace_role(kind, part, lemma)

    participants: list[PersonArg] = []
    for p in record.participants:
        mapped = PersonArg(p.person, role(p.part), p.mention)
        if all((q.person, q.part) != (mapped.person, mapped.part) for q in participants):
            participants.append(mapped)
    record.participants = participants
    record.arguments = [EntityArg(a.span, role(a.part)) for a in record.arguments]
    if kind == "Transport" and record.place is not None:
        record.arguments.append(EntityArg(record.place, "destination"))
        record.place = None


def _within_lines(record: EventRecord) -> EventRecord:
    """The record with its time, place and arguments cut at line breaks (a headline above a
    sentence is not part of its phrases); a part left empty is dropped."""
    record.mentions = [m for m in record.mentions if after_line_break(m) is m]
    record.time = None if record.time is None else after_line_break(record.time)
    record.place = None if record.place is None else after_line_break(record.place)
    arguments = [(arg, after_line_break(arg.span)) for arg in record.arguments]
    record.arguments = [
        arg if cut is arg.span else EntityArg(cut, arg.part)
        for arg, cut in arguments
        if cut is not None
    ]
    return record


def _inherited_subject(token: Token) -> tuple[list[Token], str]:
    """The subject a subject-less verb shares with the verb it depends on."""
    if token.dep_ == "acl" and token.head.pos_ == "NOUN":
        noun = token.head
        owners = children_of(noun, "poss")
        own_plan = lemma_of(noun) in _INTENTIONS and noun.dep_ == "dobj"
        if not owners and own_plan and lemma_of(noun.head) in _OWN_INTENTION_VERBS:
            owners = children_of(noun.head, "nsubj")  # "AMP shelved a plan to buy"
        return (owners, "agent") if owners else ([], "")
    ready = token.head
    if token.dep_ == "xcomp" and ready.pos_ == "ADJ" and ready.dep_ == "acomp":
        # "Musharraf is ready to meet Vajpayee", "willing to resign": who is ready does it
        subjects = children_of(ready.head, "nsubj")
        if subjects:
            return subjects, "agent"
    node = token
    for _ in range(3):
        head = node.head
        via_prep = node.dep_ == "pcomp" and head.pos_ == "ADP"
        if via_prep:
            head = head.head
        if node.dep_ not in ("xcomp", "advcl", "conj", "pcomp") or head.pos_ not in ("VERB", "AUX"):
            return [], ""
        objects = children_of(head, "dobj")
        if via_prep and objects and node.head.lower_ not in _WHEN_PREPS:
            return objects, "agent"  # "accused North Korea of providing"
        if node.dep_ == "xcomp" and objects and lemma_of(head) in _OBJECT_CONTROL:
            return objects, "agent"  # "enabled al-Qaida to fund", "urged Afghans to launch"
        subjects = children_of(head, "nsubj")
        if subjects:
            return subjects, "agent"
        if node.dep_ == "xcomp" and children_of(head, "nsubjpass"):
            return children_of(head, "nsubjpass"), "agent"  # "X is expected to contest"
        node = head
    return [], ""


def _fill(record: EventRecord, token: Token, context: EventContext) -> None:
    kind = record.type
    is_verb = token.pos_ == "VERB"
    lemma = lemma_of(token)
    if is_verb:
        subjects = children_of(token, "nsubj")
        if not subjects:
            subjects, _ = _inherited_subject(token)
        reduced_passive = (
            token.tag_ == "VBN"
            and not children_of(token, "aux", "auxpass", "dobj")
            and (bool(children_of(token, "nsubj")) or token.dep_ == "advcl")
        )  # "Bartlett or Greig, installed as interim leader by the executive", "eight people
        # are to appear in court tomorrow charged with manslaughter": who it was done to
        # named or not: "bullies threw rocks", "the gunman shot"
        add_parties(record, subjects, "patient" if reduced_passive else "agent", context)
        passive = children_of(token, "nsubjpass")
        if token.dep_ in ("acl", "amod") and token.tag_ == "VBN":
            passive = [*passive, token.head]  # "a mother sentenced to ...", "deposed leader"
        posts = [t for t in passive if t.dep_ != "nsubjpass" and _known_holder(t, context)]
        add_tokens(record, posts, "patient", context)  # "the deposed leader": its holder only
        add_parties(record, [t for t in passive if t not in posts], "patient", context)
        for subject in passive:
            if not context.who(subject) and subject.i not in context.entity_of:
                add(record, context.nearby_person(subject), "patient")
        for _, order in prep_objects(token, {"on", "by", "under"}):
            if lemma_of(order) in ("order", "instruction", "command"):
                add_tokens(record, [o for _, o in prep_objects(order, {"of"})], "agent", context)
        unnamed_too = kind in _PARTIES_NAMED_OR_NOT or kind in HARMS
        for by in children_of(token, "agent"):  # "shot by pirates": named or not in a harm
            (add_parties if unnamed_too else add_tokens)(
                record, children_of(by, "pobj"), "agent", context
            )
        objects = [
            o for o in children_of(token, "dobj") if lemma_of(o) != "hand" or lemma != "shake"
        ]
        if lemma == "lose":  # "lost their lives", "lose their jobs": what is lost is no party
            objects = [o for o in objects if lemma_of(o) not in POSTS_LOST | {"life"}]
        if not objects:  # "shot and killed himself": the coordinated verbs share the object
            for verb in children_of(token, "conj"):
                if verb.pos_ == "VERB":
                    objects = children_of(verb, "dobj")
                    break
        if kind in PERSONNEL:  # "appointed X chairman", "to become interim leader"
            named = [*objects, *children_of(token, "attr", "oprd")]
            posts = [o for o in named if is_post(o, context)]
            for post in posts:
                record.arguments.append(EntityArg(phrase(post, ()), "position"))
            objects = [o for o in objects if o not in posts]
        if kind == "Transfer-ownership" and lemma == "provide" and prep_objects(token, {"with"}):
            add_tokens(record, objects, "recipient", context)
        elif kind == "Transport":
            for obj in objects:
                if any(isinstance(ref, int) for ref in context.who(obj)):
                    add_tokens(record, [obj], "patient", context)
                elif lemma in TRANSITIVE_MOTION:  # "deployed troops": what moves
                    add_parties(record, [obj], "artifact", context)
                elif lemma in _DEPARTING:  # "fled the country": where from
                    record.arguments.append(EntityArg(_place_phrase(obj, context), "origin"))
                else:
                    set_place(record, obj, context, free=True)
        elif kind == "Fine":  # "fined him $500": the money
            for obj in objects:
                entity = context.entity_of.get(obj.i)
                if entity is not None and entity.label_ == "MONEY":
                    record.arguments.append(EntityArg(entity, "money"))
                else:
                    add_parties(record, [obj], "patient", context)
        elif kind == "Transfer-money":  # "paid $560 million": the money
            for obj in objects:
                entity = context.entity_of.get(obj.i)
                if entity is not None and entity.label_ == "MONEY":
                    record.arguments.append(EntityArg(entity, "money"))
                else:  # "fund training camps"
                    add_parties(record, [obj], "patient", context)
        elif kind == "Attack":  # "threw rocks", "fired missiles": the means; else the target
            for obj in [each for o in objects for each in conjoined(o)]:  # "X and Y"
                means = lemma_of(obj) in _means(context)
                add_or_phrase(record, obj, "instrument" if means else "target", context)
            sides = [o for _, o in prep_objects(token, {"alongside"})]
            if lemma == "fight":  # "fighting for the Taliban": a side
                sides += [o for _, o in prep_objects(token, {"for"}) if _a_side(o)]
            add_parties(record, sides, "agent", context)  # "fighting alongside the Taliban"
            aimed_on = [o for _, o in prep_objects(token, {"on", "upon"})]  # "fired on X"
            aimed_on = [o for o in aimed_on if o.ent_type_ not in TIME_ENTITIES]
            add_parties(record, aimed_on, "target", context)
        elif kind in _ORG_TYPES:  # "forming a new party": the organisation, named or not
            for obj in objects:
                add_parties(record, [obj], "patient", context)
        else:
            add_parties(record, objects, "patient", context)
        if kind == "End-position":  # "ousted her from the leadership"
            for _, obj in prep_objects(token, {"from"}):
                if is_post(obj, context):
                    record.arguments.append(EntityArg(phrase(obj, ()), "position"))
        if kind in ("Transfer-ownership", "Transfer-money", "Phone-write"):
            for holder in [token, *objects]:
                for _, obj in prep_objects(holder, {"to"}):
                    add_tokens(record, [obj], "recipient", context)
    elif token.pos_ == "ADJ" and token.dep_ == "amod":  # "the deposed leader": who it is
        held = _known_holder(token.head, context)
        (add_tokens if held else add_parties)(record, [token.head], "patient", context)
        if kind == "Convict" and lemma_of(token.head.head) in _RULING_VERBS:
            # "a panel found ten men guilty", read as "guilty men": the panel rules
            add_parties(record, children_of(token.head.head, "nsubj"), "adjudicator", context)
    elif token.pos_ == "ADJ":
        holder = token.head  # "left eight civilians dead", "X was found dead"
        sufferers = [*children_of(holder, "dobj", "nsubjpass"), *children_of(token, "nsubj")]
        if not sufferers and holder.pos_ in ("AUX", "VERB"):
            sufferers = children_of(holder, "nsubj")
        add_parties(record, sufferers, "patient", context)
        if kind == "Convict" and lemma_of(holder) in _RULING_VERBS:  # "the court found him guilty"
            add_parties(record, children_of(holder, "nsubj"), "adjudicator", context)
        if context.lexicon.verb_types.get(lemma_of(holder)) == "Attack" and sufferers:
            # "security forces shot eight militants dead": the shooters killed them
            add_parties(record, children_of(holder, "nsubj"), "agent", context)
            for by in children_of(holder, "agent"):
                add_parties(record, children_of(by, "pobj"), "agent", context)
        for count in children_of(token, "nummod"):  # "with 108 dead": the 108
            record.arguments.append(EntityArg(party(count), "patient"))
    elif (killing := _killed_to_death(token)) is not None:  # "shot a man to death"
        add_parties(record, children_of(killing, "nsubj"), "agent", context)
        add_parties(record, children_of(killing, "dobj", "nsubjpass"), "patient", context)
        for prep, obj in prep_objects(killing, PLACE_PREPS | NEAR_PREPS):
            set_place(record, obj, context, free=prep == "at")
        set_time(record, killing, context)
    else:
        owner = "patient" if kind in _OWNED_BY_PATIENT else "agent"
        add_tokens(record, children_of(token, "poss"), owner, context)
        # "an appeal by a single mother", "an attack by rebels": who does it
        add_parties(record, [o for _, o in prep_objects(token, {"by"})], "agent", context)
        if kind != "Attack":  # "bombings of villages": the target, below
            # "acquisition of X", "the airlift of detainees": what changes hands or moves
            of_part = "patient" if kind in ("Transfer-ownership", "Transport") else owner
            of_whom = [o for _, o in prep_objects(token, {"of"})]
            if kind in JUSTICE:  # "32 charges of fraud": the crime, not who is charged
                crimes = [o for o in of_whom if o.pos_ == "NOUN" and not context.who(o)]
                crimes = [o for o in crimes if not is_person(o)]
                record.arguments += [EntityArg(phrase(o, ()), "crime") for o in crimes]
                of_whom = [o for o in of_whom if o not in crimes]
            add_parties(record, of_whom, of_part, context)
        governor = governing_verb(token)
        light = governor is not None and lemma_of(governor) in _LIGHT_VERBS
        if governor is not None and (kind in ("Meet", "Transport", "Demonstrate") or light):
            # "held talks", "took legal action", "launched a holy war": who does it
            part = "participant" if kind in SYMMETRIC else "agent"
            subjects = children_of(governor, "nsubj") or _inherited_subject(governor)[0]
            for subject in subjects:
                if light:
                    add_or_phrase(record, subject, part, context)
                else:  # "translator expressed gratitude for the welcome": no party to it
                    add_tokens(record, [subject], part, context)
        if kind == "Attack" and governor is not None and lemma_of(governor) in _ATTACK_PLANS:
            # "confessed to planning attacks", "the army will resume its attacks": who would
            # make them, named or not
            subjects = children_of(governor, "nsubj") or _inherited_subject(governor)[0]
            add_parties(record, subjects, "agent", context)
        suffered = governor is not None and lemma_of(governor) in _SUFFERING
        if kind in ("Attack", *HARMS) and suffered:  # "survived a stabbing": who was attacked
            part = "target" if kind == "Attack" else "patient"
            add_parties(record, children_of(governor, "nsubj"), part, context)
        launched = governor if light else _passive_light_verb(token)
        if kind == "Attack" and launched is not None:  # "raids launched against the groups"
            targets = [o for _, o in prep_objects(launched, {"against", "on"})]
            add_parties(record, targets, "target", context)
        if kind in JUSTICE - {"Appeal"}:  # "guilty verdicts against six employees"
            accused = [o for _, o in prep_objects(token, {"against"})]
            add_parties(record, accused, "patient", context)
        if kind in ("Declare-bankruptcy", "End-org") and governor is not None:
            # "HIH went into liquidation", "the company was placed into receivership"
            sunk = children_of(governor, "nsubj", "nsubjpass")
            add_parties(record, sunk, "patient", context)
        if kind == "Meet":  # "a security cabinet meeting": who meets
            for body in children_of(token, "compound"):  # not a host: "a U.N. summit"
                if lemma_of(body) in _BODIES and body.i not in context.entity_of:
                    record.arguments.append(EntityArg(party(body), "participant"))
        if kind == "Elect" and governor is not None and lemma_of(governor) in _CANDIDATE_VERBS:
            add_tokens(record, children_of(governor, "nsubj"), "subject", context)  # "won"
        for holder in responsible_for(token):  # "X is held responsible for the deaths"
            add_or_phrase(record, holder, "agent", context)
        if kind == "Attack":  # "the war on Ukraine", "bombings of Georgian villages"
            for _, obj in prep_objects(token, {"on", "against", "of"}):
                add_parties(record, [obj], "target", context)
            # "clashes between Christians and Muslims", "a firefight with Israeli forces"
            sides = [o for _, o in prep_objects(token, {"between", "with"})]
            sides = [o for o in sides if lemma_of(o) not in _means(context)]
            add_parties(record, sides, "agent", context)
        if kind in ("Attack", "Arrest-jail"):
            sides = children_of(token, "amod", "compound")
            for led in [s for s in sides if lemma_of(s) == "lead"]:  # "the US-led offensive"
                sides += children_of(led, "npadvmod", "compound")
            for side in sides:  # "a U.S.-British air raid"
                entity = context.entity_of.get(side.i)
                if entity is not None and entity.label_ in _SIDES:
                    add(record, [entity], "agent")
                elif lemma_of(side) in FORCES:  # "a police raid", "a rebel attack"
                    record.arguments.append(EntityArg(party(side), "agent"))
        if kind == "Transfer-ownership":  # "land seizures", "arms sales": what changes hands
            for what in children_of(token, "compound"):
                inside = record.trigger.start <= what.i < record.trigger.end
                if what.pos_ == "NOUN" and what.i not in context.entity_of and not inside:
                    record.arguments.append(EntityArg(party(what), "patient"))
        if kind == "Attack":
            for means in children_of(token, "compound"):  # "anthrax attacks"
                if lemma_of(means) in _means(context):
                    record.arguments.append(EntityArg(party(means), "instrument"))
        if kind.startswith("Transfer"):
            governor = governing_verb(token)
            if governor is not None:
                part = "recipient" if lemma_of(governor) in RECEIVING else "agent"
                add_tokens(record, children_of(governor, "nsubj"), part, context)
                add_tokens(
                    record, [o for _, o in prep_objects(governor, {"from"})], "source", context
                )
    aimed = kind == "Attack" and _aims_with_at(token, context)
    if aimed:  # "missiles at Kyiv", "rocks at his head": what is aimed at
        for _, obj in prep_objects(token, {"at"}):
            add_parties(record, [obj], "target", context)
    if kind.startswith("Transfer"):  # "bought shares (back) from investors": who sells
        for holder in [token, *children_of(token, "prt", "advmod")]:
            add_parties(record, [o for _, o in prep_objects(holder, {"from"})], "source", context)
    add_phrases(record, token, context)
    if kind in ("Attack", *HARMS):  # "a bomb exploded", "jets attacked": what it was done with
        means = _means(context) | WAR_VEHICLES
        record.arguments = [
            EntityArg(a.span, "instrument")
            if a.part == "agent" and lemma_of(a.span.root) in means
            else a
            for a in record.arguments
        ]
    if kind == "Transport":  # "two helicopters returned", "fleeing towards Pakistan"
        record.arguments = [
            EntityArg(a.span, "vehicle")
            if a.part in ("agent", "subject") and _a_vehicle(a.span.root)
            else a
            for a in record.arguments
        ]
        for _, obj in prep_objects(token, {"towards", "toward"}):
            record.arguments.append(EntityArg(_place_phrase(obj, context), "destination"))
        for home in children_of(token, "advmod"):
            if home.lower_ == "home":
                record.arguments.append(EntityArg(noun_phrase(home, PLACE_LABEL), "destination"))
        for _, obj in prep_objects(token, {"on", "aboard", "by"}):
            if lemma_of(obj) in VEHICLES:
                record.arguments.append(EntityArg(noun_phrase(obj, PHRASE_LABEL), "vehicle"))
    if kind in SYMMETRIC:  # "talks with the insurgents": a party named or not
        for _, obj in prep_objects(token, {"with", "between"}):
            for each in conjoined(obj):
                add_or_phrase(record, each, "participant", context)
    if kind == "Transport":  # "from Kabul", "from their homes", "out of hospital"
        outs = [p for p in children_of(token, "prep") if p.lower_ == "out"]
        starts = [o for _, o in prep_objects(token, {"from"})]
        starts += [o for out in outs for _, o in prep_objects(out, {"of"})]
        for obj in starts:
            if is_place(obj):
                record.arguments.append(EntityArg(_place_phrase(obj, context), "origin"))
    set_setting(record, token, context, aimed=aimed)


def _a_side(token: Token) -> bool:
    """A side in a war: an organisation, a people or a country, or a word of one."""
    return token.ent_type_ in _SIDES or lemma_of(token) in _SIDE_NOUNS


def _means(context: EventContext) -> frozenset[str]:
    """What an attack is made with: the configured weapons and what is thrown."""
    return context.lexicon.weapon_nouns | _THROWN


def _position_of_holder(record: EventRecord, doc: Doc) -> None:
    """A Personnel event's position, when none was said, is the title next to its person in
    the trigger's sentence ("President Fernando de la Rua resigned": President)."""
    if any(a.part == "position" for a in record.arguments):
        return
    sentence = record.trigger.root.sent
    people = {p.person for p in record.participants}
    for link in doc._.get(ROLES) or ():
        title = link.title
        if link.person in people and sentence.start <= title.start < sentence.end:
            record.arguments.append(EntityArg(title, "position"))
            return


def _a_vehicle(head: Token) -> bool:
    """A noun of a vehicle, or a name with one before it ("Space Shuttle Endeavour")."""
    kinds = [head, *children_of(head, "compound")]
    return any(lemma_of(k) in VEHICLES for k in kinds)


def _place_phrase(obj: Token, context: EventContext) -> Span:
    """The place entity ``obj`` is in, else its noun phrase as a ``PLACE`` span."""
    entity = context.entity_of.get(obj.i)
    return entity if entity is not None else noun_phrase(obj, PLACE_LABEL)


def _aims_with_at(token: Token, context: EventContext) -> bool:
    """Whether an Attack's "at" phrase is what it is aimed at ("fired missiles at Kyiv",
    "threw rocks at him") rather than where it happened ("shot a man at a parlour"): not
    when the verb's object or the noun's "of" is already its target, nor a kind of place
    after a noun."""
    if token.pos_ != "VERB":  # "the abuse of pupils at the school": where; "an attack at him"
        return not prep_objects(token, {"of"}) and not any(
            is_place(o) for _, o in prep_objects(token, {"at"})
        )
    return all(lemma_of(o) in _means(context) for o in children_of(token, "dobj"))


def _killed_to_death(token: Token) -> Token | None:
    """The verb of "shot/beaten ... to death" when ``token`` is its "death"."""
    if lemma_of(token) != "death" or token.dep_ != "pobj" or token.head.lower_ != "to":
        return None
    verb = token.head.head
    return verb if verb.pos_ == "VERB" else None


@Language.factory(
    NAME,
    default_config={
        "context_sentences": 2,
        "verb_triggers": VERB_TRIGGERS,
        "noun_triggers": NOUN_TRIGGERS,
        "weapon_nouns": WEAPON_NOUNS,
        "temporal_adverbs": TEMPORAL_ADVERBS,
        "title_nouns": sorted(TITLE_NOUNS),
        "person_group_nouns": sorted(PERSON_GROUP_NOUNS),
    },
    requires=[f"doc._.{PEOPLE}", "token.dep", "token.pos", "token.lemma"],
    assigns=[f"doc._.{EXTENSION}"],
)
def make_events(
    nlp: Language,
    name: str,
    context_sentences: int,
    verb_triggers: dict[str, list[str]],
    noun_triggers: dict[str, list[str]],
    weapon_nouns: list[str],
    temporal_adverbs: list[str],
    title_nouns: list[str],
    person_group_nouns: list[str],
) -> EventFinder:
    """Build the event finding component; the word tables are config, so a pipeline's
    ``config.cfg`` (or ``nlp.add_pipe(..., config=...)``) can change them."""
    lexicon = Lexicon.of(
        verb_triggers,
        noun_triggers,
        weapon_nouns,
        temporal_adverbs,
        title_nouns,
        person_group_nouns,
    )
    return EventFinder(context_sentences=context_sentences, lexicon=lexicon)
