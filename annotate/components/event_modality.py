"""Whether the text says an event happened: ``asserted``, ``negated``, ``hypothetical`` or
``future`` (:data:`annotate.model.MODALITIES`), read from the parse around its trigger.

From the trigger up through the words it depends on (an infinitive to the verb it completes,
a noun to the verb it is the subject or object of, at most :data:`CLIMB` steps, never past a
reported clause): a negation (``not``, ``never``, ``no``) makes it negated; ``if``/``unless``/
``whether``, a modal (``could``, ``would``, ``may``...) or a governing word of wish or chance
(``seek``, ``threaten``, ``possibility of``) hypothetical; ``will``/``shall`` or a governing word
of plan (``plan to``, ``expected to``, ``set to``) future; ``would`` in what someone is said to
have said ("said it would cut jobs") is that person's future, elsewhere a condition. A trigger
in a phrase hung on a noun looks no further than that noun. Negated wins over hypothetical,
hypothetical over future (GUIDELINES.md, "Modality").
"""

from __future__ import annotations

from typing import Final

from spacy.tokens import Token

from annotate.components.event_lexicon import REPORTING_VERBS
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
    }
)
"""Words whose complement is wished, offered or possible, not done ("seek aid")."""
PROPOSALS: Final = frozenset({"offer"})
"""Triggers that are themselves only proposed: an offer is a transfer not made yet."""
FUTURE_GOVERNORS: Final = frozenset(
    {"plan", "expect", "schedule", "set", "prepare", "intend", "due", "go", "about", "agree"}
    | {"propose", "slate", "suppose"}
)
"""Words whose complement is to happen ("plans to cut", "is expected to vote")."""
CLIMB: Final = 3
"""How many words up from the trigger are looked at."""
_CLIMB_THROUGH: Final = frozenset(
    {"xcomp", "pcomp", "pobj", "prep", "dobj", "nsubj", "nsubjpass", "acl", "attr", "conj"}
)
"""Dependencies that lead from a trigger to the word it depends on (not ``ccomp``: a
reported clause keeps its own modality)."""


def modality(trigger: Token) -> str:
    """The modality of the event ``trigger`` names (the trigger's head token)."""
    found: set[str] = set()
    node = trigger
    adjunct = False  # past a phrase hung on a verb ("urging ... in a letter"): no governor
    in_noun_phrase = False  # hung on a noun ("the man, in custody, is not ..."): stop there
    would = False  # "would" alone, future in a reported clause ("said it would cut jobs")
    for step in range(CLIMB + 1):
        lemma = (node.lemma_ or node.text).lower()
        for child in node.children:
            word = child.lower_
            if child.dep_ == "neg" or (child.dep_ == "det" and word in NEGATIONS):
                found.add("negated")
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
            if lemma in HYPOTHETICAL_GOVERNORS:
                found.add("hypothetical")
            elif lemma in FUTURE_GOVERNORS:
                found.add("future")
        if in_noun_phrase or node.dep_ not in _CLIMB_THROUGH or node.head.i == node.i:
            break
        if node.dep_ == "acl" and not any(c.dep_ == "aux" for c in node.children):
            break  # "officials accompanying Kim": a description, not a wish
        if node.dep_ == "prep" and node.head.pos_ in ("VERB", "AUX"):
            adjunct = True
        in_noun_phrase = node.dep_ == "prep" and node.head.pos_ in ("NOUN", "PROPN")
        node = node.head
    if would:  # "would" in what someone said is their future, elsewhere a condition
        reported = node.dep_ == "ccomp" and (node.head.lemma_ or "").lower() in REPORTING_VERBS
        found.add("future" if reported else "hypothetical")
    if trigger.pos_ == "NOUN":  # "talks scheduled for later that month"
        for child in trigger.children:
            if child.dep_ == "acl" and (child.lemma_ or "").lower() in FUTURE_GOVERNORS:
                found.add("future")
    for kind in ("negated", "hypothetical", "future"):
        if kind in found:
            return kind
    return ASSERTED
