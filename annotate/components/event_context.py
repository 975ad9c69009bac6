"""Who a token of a sentence refers to, for the event rules: a person (by index into
``doc._.annotui_people``) or an entity, through names, pronouns, relative clauses,
appositions, descriptions a lead names in its next sentence, and "the two leaders".

:class:`EventContext` holds the per-doc look-ups: token -> person, token -> entity, sentence
positions, the gender the text gives each person, and the descriptions it names.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from annotate.components.event_lexicon import PERSON_NOUNS
from annotate.components.lexicon import is_title_word, sentences
from annotate.components.parse_words import PLACE_ENTITIES, children_of, lemma_of
from annotate.components.people import EXTENSION as PEOPLE
from annotate.components.people import person_index

if TYPE_CHECKING:
    from annotate.components.event_triggers import Lexicon

ARG_LABELS = frozenset({"GPE", "ORG", "NORP", "LOC", "FAC"})
"""Entities that take part in events as arguments."""
PLACE_LABELS = PLACE_ENTITIES
"""Entities that are places."""
PRONOUNS = frozenset({"he", "she", "him", "her", "his", "himself", "herself"})
"""Personal pronouns read as a person of the text."""
PRONOUN_GENDER = {
    **dict.fromkeys(("he", "him", "his", "himself"), "m"),
    **dict.fromkeys(("she", "her", "hers", "herself"), "f"),
}
"""The gender a pronoun asks of the person it stands for."""
ADDRESS_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "dame": "f"}
"""The gender a form of address gives a name."""


class EventContext:
    """Per-doc look-ups: token -> person, token -> entity, sentence positions.

    Sentences and mentions are kept as sorted start positions, so the look-ups behind a
    pronoun or "the two leaders" bisect instead of scanning the doc: linear overall.
    """

    def __init__(self, doc: Doc, context_sentences: int, lexicon: Lexicon) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.person_of = person_index(doc)
        self.entity_of: dict[int, Span] = {t.i: ent for ent in doc.ents for t in ent}
        self.sentences = list(sentences(doc))
        self._sentence_starts = [sent.start for sent in self.sentences]
        self.context_sentences = context_sentences
        self.groups = doc._.get(PEOPLE) or ()
        self.mention_of: dict[int, Span] = {
            token.i: mention
            for group in self.groups
            for mention in group.mentions
            for token in mention
        }
        mentions = sorted(
            (mention.start, person)
            for person, group in enumerate(self.groups)
            for mention in group.mentions
        )
        self._mention_starts = [start for start, _ in mentions]
        self._mention_people = [person for _, person in mentions]
        self.described = self._descriptions(doc)
        self.gender = self._genders(doc)
        self.introduced = self._introductions()

    def _descriptions(self, doc: Doc) -> dict[str, int]:
        """Nouns the text puts in apposition with one named person ("The man, Saud al-Rasheed"
        , "the scientist, Steven Hatfill"): elsewhere in the text the same noun is that person
        ("a 21-year-old Saudi man the FBI is seeking"). A noun said of two people is nobody."""
        found: dict[str, set[int]] = {}
        for token in doc:
            if token.pos_ != "NOUN" or token.i in self.person_of:
                continue
            for child in token.children:
                if child.dep_ == "appos" and child.i in self.person_of:
                    found.setdefault(lemma_of(token), set()).add(self.person_of[child.i])
            if token.dep_ == "appos" and token.head.i in self.person_of:
                found.setdefault(lemma_of(token), set()).add(self.person_of[token.head.i])
        return {noun: next(iter(people)) for noun, people in found.items() if len(people) == 1}

    def sentence_number(self, token: Token) -> int:
        """The index of the sentence holding ``token``."""
        number = bisect_right(self._sentence_starts, token.i) - 1
        if number >= 0 and token.i < self.sentences[number].end:
            return number
        return 0

    def _mentions_between(self, first: int, end: int) -> range:
        """Indices (into the sorted mentions) of the mentions starting in ``[first, end)``."""
        low = bisect_left(self._mention_starts, first)
        return range(low, max(low, bisect_left(self._mention_starts, end)))

    def salient_pair(self, token: Token) -> list[int]:
        """The two people mentioned most (then most recently) in the sentences before a token."""
        number = self.sentence_number(token)
        first = self.sentences[max(0, number - self.context_sentences)].start
        counts: Counter[int] = Counter()
        last: dict[int, int] = {}
        for index in self._mentions_between(first, token.i):
            person = self._mention_people[index]
            counts[person] += 1
            last[person] = self._mention_starts[index]
        ranked = sorted(counts, key=lambda p: (counts[p], last[p]), reverse=True)
        return ranked[:2] if len(ranked) >= 2 else []

    def antecedent(self, pronoun: Token) -> int | None:
        """The person a personal pronoun most likely refers to: of the people mentioned in this
        sentence before it or in the previous one, the most mentioned in the whole text."""
        number = self.sentence_number(pronoun)
        first = self.sentences[max(0, number - 1)].start
        groups = self.groups
        near = {self._mention_people[i] for i in self._mentions_between(first, pronoun.i)}
        wanted = PRONOUN_GENDER.get(pronoun.lower_)
        near = {p for p in near if self.gender.get(p, wanted) == wanted}
        if not near:
            return None
        return max(near, key=lambda p: (len(groups[p].mentions), -p))

    def _introductions(self) -> dict[int, int]:
        """Someone introduced before being named, the way news leads do: "a single mother" in
        one sentence, and the person first named in the next one ("Amina Lawal burst into
        tears") is she. Only when that sentence names one new person and the one before holds
        one such "a/an" description."""
        first_sentence: dict[int, int] = {}
        for start, person in zip(self._mention_starts, self._mention_people, strict=True):
            first_sentence.setdefault(person, self.sentence_number(self.doc[start]))
        found: dict[int, int] = {}
        for number in range(1, len(self.sentences)):
            new = [p for p, first in first_sentence.items() if first == number]
            if len(new) != 1:
                continue
            before = self.sentences[number - 1]
            described = [
                t
                for t in before
                if t.pos_ == "NOUN"
                and lemma_of(t) in PERSON_NOUNS
                and t.i not in self.person_of
                and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in t.children)
            ]
            if len(described) == 1:
                found[described[0].i] = new[0]
        return found

    def _genders(self, doc: Doc) -> dict[int, str]:
        """Who the text calls "he" and who "she": a form of address before a mention ("Mr",
        "Mrs"), or the pronoun subject of what a person says ("Obasanjo said he will ...")."""
        found: dict[int, str] = {}
        for token in doc:
            person = self.person_of.get(token.i)
            if person is None:
                continue
            before = doc[token.i - 1] if token.i else None
            if before is not None and before.lower_.rstrip(".") in ADDRESS_GENDER:
                found.setdefault(person, ADDRESS_GENDER[before.lower_.rstrip(".")])
            if token.dep_ == "nsubj":
                for clause in children_of(token.head, "ccomp"):
                    for subject in children_of(clause, "nsubj", "nsubjpass"):
                        if subject.lower_ in ("he", "she"):
                            found.setdefault(person, PRONOUN_GENDER[subject.lower_])
        return found

    def _person_above(self, node: Token) -> list[int | Span]:
        """The person a relative clause hangs from: ``node`` or a word above it."""
        for _ in range(8):
            if node.i in self.person_of:
                return [self.person_of[node.i]]
            if node.head.i == node.i:
                break
            node = node.head
        return []

    def nearby_person(self, token: Token) -> list[int | Span]:
        """A person named at most two words below ``token`` in the parse (a subject the small
        parser mis-attached: "hired gun Abu Nidal ... was murdered")."""
        for child in token.children:
            if child.i in self.person_of:
                return [self.person_of[child.i]]
            for grandchild in child.children:
                if grandchild.i in self.person_of and grandchild.dep_ in ("compound", "dobj"):
                    return [self.person_of[grandchild.i]]
        return []

    def who(self, token: Token) -> list[int | Span]:
        """People (indices) or entity spans a token refers to."""
        if token.i in self.person_of:
            return [self.person_of[token.i]]
        if token.i in self.entity_of and self.entity_of[token.i].label_ in ARG_LABELS:
            return [self.entity_of[token.i]]
        if token.lower_ in ("himself", "herself"):
            verb = token.head
            subjects = children_of(verb, "nsubj")
            if not subjects and verb.dep_ == "conj":  # "had shot and killed himself"
                subjects = children_of(verb.head, "nsubj")
            return self.who(subjects[0]) if subjects and subjects[0].i != token.i else []
        if token.lower_ == "whose":
            node = token.head
            for _ in range(3):
                if node.dep_ == "relcl":
                    return self._person_above(node.head)
                node = node.head
            return []
        if token.lower_ == "who" and token.head.dep_ == "relcl":
            return self._person_above(token.head.head)
        if token.lower_ in PRONOUNS:
            person = self.antecedent(token)
            return [] if person is None else [person]
        if token.lower_ == "it" and token.dep_ in ("nsubj", "nsubjpass"):
            # "The Saudi Interior Ministry confirmed it is holding ...": the one who says so
            clause = token.head
            if clause.dep_ == "ccomp":
                for teller in children_of(clause.head, "nsubj"):
                    entity = self.entity_of.get(teller.i)
                    if entity is not None and entity.label_ in ARG_LABELS:
                        return [entity]
            return []
        if is_title_word(token, self.lexicon.title_nouns) or token.pos_ == "NOUN":
            for child in children_of(token, "appos"):
                if child.i in self.person_of:
                    return [self.person_of[child.i]]
            described = self.described.get(lemma_of(token))
            if described is not None and token.tag_ in ("NN", "NNP"):
                return [described]
            if token.i in self.introduced:
                return [self.introduced[token.i]]
        if lemma_of(token) in self.lexicon.person_groups and token.tag_ in ("NNS", "NNPS"):
            counters = {c.lower_ for c in token.children if c.dep_ in ("nummod", "det", "predet")}
            if counters & {"two", "both"}:
                return list(self.salient_pair(token))
        return []
