"""Whether the text says an event happened: ``asserted``, ``negated``, ``hypothetical`` or
``future`` (:data:`annotate.model.MODALITIES`), read from the parse around its trigger.

From the trigger up through the words it depends on (an infinitive to the verb it completes,
a noun to the verb it is the subject or object of, at most :data:`CLIMB` steps, never past a
reported clause): a negation (``not``, ``never``, ``no``) makes it negated; ``if``/``unless``/
``whether``, a modal (``could``, ``would``, ``may``...) or a governing word of wish or chance
(``seek``, ``threaten``, ``possibility of``) hypothetical; ``will``/``shall`` or a governing word
of plan (``plan to``, ``expected to``, ``set to``, ``is to``) future; ``would`` in what someone
is said to have said ("said it would cut jobs") is that person's future, elsewhere a condition.
A subject that denies it ("nobody", "no forces") negates it, "ruled out" too; a clause that is
hoped or feared, or allowed (not in the past), is hypothetical, and so is "a possible merger";
an event whose time is to come ("next Thursday") is future. A trigger in a phrase hung on a
noun looks no further than that noun. Negated wins over hypothetical, hypothetical over future
(GUIDELINES.md, "Modality").
"""

from __future__ import annotations

from typing import Final

from spacy.tokens import Token

from annotate.components.event_lexicon import REPORTING_VERBS
from annotate.components.parse_words import lemma_of, regular_stems
from annotate.model import ASSERTED

NEGATIONS: Final = frozenset({"not", "n't", "never", "no", "without"})
"""Words that deny what they attach to (a ``neg`` dependent, or ``no`` as its determiner)."""
FUTURE_AUXILIARIES: Final = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUXILIARIES: Final = frozenset({"could", "would", "might", "may", "should", "'d"})
CONDITIONS: Final = frozenset({"if", "unless", "whether"})
HYPOTHETICAL_GOVERNORS: Final = frozenset(
    {
        *("threaten", "consider", "seek", "want", "hope", "propose", "try", "attempt", "aim"),
        *("urge", "demand", "possibility", "chance", "opportunity", "willing", "able", "bid"),
        *("risk", "ask", "call", "push", "refuse", "fail", "wish", "offer", "vow", "pledge"),
        *("effort", "need", "plot", "scheme", "prevent", "foil", "avert", "thwart"),
        *("fear", "pressure", "option"),
    }
)
"""Words whose complement is wished, offered or possible, not done ("seek aid")."""
PROPOSALS: Final = frozenset({"offer"})
"""Triggers that are themselves only proposed: an offer is a transfer not made yet."""
FUTURE_GOVERNORS: Final = frozenset(
    {"plan", "expect", "schedule", "set", "prepare", "intend", "due", "go", "about", "agree"}
    | {"propose", "slate", "suppose", "promise"}
)
"""Words whose complement is to happen ("plans to cut", "is expected to vote")."""
PERMITTING: Final = frozenset({"allow", "permit", "enable", "authorise", "authorize"})
"""Words whose complement is only allowed, not done, unless told in the past ("allowing ASIO
to detain people"; "the money enabled them to fund camps" did)."""
HYPOTHETICAL_MODIFIERS: Final = frozenset({"possible", "potential", "proposed", "mooted"})
"""Adjectives that make the event noun they describe only possible ("a possible merger")."""
WISHING: Final = frozenset({"hope", "fear", "want", "wish", "pray", "urge", "demand"})
"""Verbs whose whole clause is wished or feared, not told ("he hopes Boje arrives")."""
NOBODY: Final = frozenset({"nobody", "no-one", "noone", "none", "nothing"})
"""Subjects that deny the event ("nobody was injured")."""
FUTURE_TIMES: Final = frozenset({"tomorrow", "next", "coming", "upcoming"})
"""Words of a time still to come ("tomorrow", "next March")."""
CLIMB: Final = 3
"""How many words up from the trigger are looked at."""
_CLIMB_THROUGH: Final = frozenset(
    {"xcomp", "pcomp", "pobj", "prep", "dobj", "nsubj", "nsubjpass", "acl", "attr", "conj"}
)
"""Dependencies that lead from a trigger to the word it depends on (not ``ccomp``: a
reported clause keeps its own modality)."""


def _lemmas(token: Token) -> set[str]:
    """The lemma of a word, the word and its regular stems ("hopes", which the lemmatizer
    makes "hop": hope)."""
    return {lemma_of(token), token.lower_, *regular_stems(token.lower_)}


def _denying(subject: Token) -> bool:
    """A subject that says no one or nothing did it: "nobody", "no detainees", "neither man"."""
    determiners = {c.lower_ for c in subject.children if c.dep_ == "det"}
    return subject.lower_ in NOBODY or bool(determiners & {"no", "neither"})


def said_to_come(time_text: str) -> bool:
    """Whether an event's time is still to come ("tomorrow", "next Thursday")."""
    return bool(set(time_text.lower().replace("'s", "").split()) & FUTURE_TIMES)


def modality(trigger: Token) -> str:
    """The modality of the event ``trigger`` names (the trigger's head token)."""
    found: set[str] = set()
    node = trigger
    adjunct = False  # past a phrase hung on a verb ("urging ... in a letter"): no governor
    in_noun_phrase = False  # hung on a noun ("the man, in custody, is not ..."): stop there
    would = False  # "would" alone, future in a reported clause ("said it would cut jobs")
    for step in range(CLIMB + 1):
        lemma = lemma_of(node)
        for child in node.children:
            word = child.lower_
            if child.dep_ == "neg" or (child.dep_ == "det" and word in NEGATIONS):
                found.add("negated")
            elif child.dep_ in ("nsubj", "nsubjpass") and not step and _denying(child):
                found.add("negated")  # "nobody was injured", "no forces returned"
            elif child.dep_ == "amod" and not step and word in HYPOTHETICAL_MODIFIERS:
                found.add("hypothetical")  # "a possible merger"
            elif child.dep_ == "prt" and word == "out" and lemma == "rule" and step:
                found.add("negated")  # "ruled out any talks"
            elif child.dep_ in ("aux", "auxpass") and word in FUTURE_AUXILIARIES:
                found.add("future")
            elif child.dep_ in ("aux", "auxpass") and word == "would":
                would = True
            elif (child.dep_ in ("aux", "auxpass") and word in HYPOTHETICAL_AUXILIARIES) or (
                child.dep_ == "mark" and word in CONDITIONS
            ):
                found.add("hypothetical")
            elif child.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in CONDITIONS for c in child.children
            ):
                found.add("hypothetical")  # "if it is proven ..., he will be referred"
        if (step and not adjunct) or lemma in PROPOSALS:
            permitted = lemma in PERMITTING and node.tag_ != "VBD"
            if lemma in HYPOTHETICAL_GOVERNORS or permitted:
                found.add("hypothetical")
            elif lemma in FUTURE_GOVERNORS:
                found.add("future")
        head_lemmas = _lemmas(node.head)
        if node.dep_ == "ccomp" and head_lemmas & WISHING:
            found.add("hypothetical")  # "he hopes Boje arrives", "they fear further attacks"
        if node.dep_ == "ccomp" and head_lemmas & PERMITTING and node.head.tag_ != "VBD":
            found.add("hypothetical")  # "would allow ASIO to detain people"
        if node.dep_ == "xcomp" and "be" in head_lemmas:
            found.add("future")  # "the government is to meet", "are to appear"
        if in_noun_phrase or node.dep_ not in _CLIMB_THROUGH or node.head.i == node.i:
            break
        if node.dep_ == "acl" and not any(c.dep_ == "aux" for c in node.children):
            break  # "officials accompanying Kim": a description, not a wish
        if node.dep_ == "prep" and node.head.pos_ in ("VERB", "AUX"):
            adjunct = True
        in_noun_phrase = node.dep_ == "prep" and node.head.pos_ in ("NOUN", "PROPN")
        node = node.head
    if would:  # "would" in what someone said is their future, elsewhere a condition
        reported = node.dep_ == "ccomp" and lemma_of(node.head) in REPORTING_VERBS
        found.add("future" if reported else "hypothetical")
    if trigger.pos_ == "NOUN":  # "talks scheduled for later that month"
        for child in trigger.children:
            if child.dep_ == "acl" and lemma_of(child) in FUTURE_GOVERNORS:
                found.add("future")
    for kind in ("negated", "hypothetical", "future"):
        if kind in found:
            return kind
    return ASSERTED
