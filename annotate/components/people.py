"""``annotui_people``: group PERSON mentions into one person per real individual.

A mention's *name* is its PERSON span without honorifics ("Mr"), possessive markers and
punctuation. Grouping, in two passes over the mentions in text order:

1. Full mentions (two or more name tokens) join an earlier group when one name is an ordered
   token subsequence of the other ("Kim Jong" and "Kim Jong Un"); otherwise they start a new
   person, so "Kim Myong Sik" is not "Kim Jong Un" although both start with "Kim".
2. Short mentions (one name token: "Kim", "Putin", "Mr Putin") link to a person whose name
   contains that token. People named before the mention are preferred (anaphora); among them the
   most salient one wins (most mentions so far, then the most recently mentioned). Only when no
   earlier person fits does a later one (cataphora); with no candidate at all the short name
   starts a person of its own.

The canonical name is the fullest name form the text uses (the first one among equals).
Results go to ``doc._.annotui_people``: a list of :class:`PersonGroup` in order of first mention.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from annotate.components.lexicon import is_honorific, is_possessive
from annotate.components.records import PersonGroup

NAME = "annotui_people"
EXTENSION = "annotui_people"

if not Doc.has_extension(EXTENSION):
    Doc.set_extension(EXTENSION, default=None)


def name_tokens(span: Span) -> list[Token]:
    """Return the tokens of a PERSON span that form the name proper."""
    return [
        t for t in span if not (is_honorific(t) or is_possessive(t) or t.is_punct or t.is_space)
    ]


def _name_text(tokens: list[Token]) -> str:
    first, last = tokens[0], tokens[-1]
    return first.doc.text[first.idx : last.idx + len(last.text)]


def is_subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """True when ``short`` occurs in ``long`` in order, possibly with gaps."""
    remaining = iter(long)
    return all(word in remaining for word in short)


@dataclass(slots=True)
class _Group:
    key: tuple[str, ...]
    name: str
    mentions: list[Span] = field(default_factory=list)

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)

    def count_before(self, position: int) -> int:
        return sum(1 for m in self.mentions if m.start < position)

    def last_before(self, position: int) -> int:
        return max((m.start for m in self.mentions if m.start < position), default=-1)


class PeopleGrouper:
    """Pipeline component filling ``doc._.annotui_people``."""

    def __init__(self, *, min_full_tokens: int) -> None:
        self.min_full_tokens = min_full_tokens

    def __call__(self, doc: Doc) -> Doc:
        named: list[tuple[Span, tuple[str, ...], str]] = []
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            tokens = name_tokens(ent)
            if tokens:
                key = tuple(t.text.lower() for t in tokens)
                named.append((ent, key, _name_text(tokens)))
        groups: list[_Group] = []
        for ent, key, name in named:
            if len(key) >= self.min_full_tokens:
                self._add_full(groups, ent, key, name)
        for ent, key, name in named:
            if len(key) < self.min_full_tokens:
                self._add_short(groups, ent, key, name)
        groups.sort(key=lambda g: g.first)
        doc._.set(
            EXTENSION,
            [PersonGroup(g.name, sorted(g.mentions, key=lambda m: m.start)) for g in groups],
        )
        return doc

    @staticmethod
    def _add_full(groups: list[_Group], ent: Span, key: tuple[str, ...], name: str) -> None:
        fits = [g for g in groups if is_subsequence(key, g.key) or is_subsequence(g.key, key)]
        if not fits:
            groups.append(_Group(key, name, [ent]))
            return
        group = max(fits, key=lambda g: (len(g.mentions), g.last_before(ent.start)))
        group.mentions.append(ent)
        if len(key) > len(group.key):
            group.key, group.name = key, name

    @staticmethod
    def _add_short(groups: list[_Group], ent: Span, key: tuple[str, ...], name: str) -> None:
        fits = [g for g in groups if is_subsequence(key, g.key)]
        earlier = [g for g in fits if g.first < ent.start]
        if earlier:
            group = max(
                earlier, key=lambda g: (g.count_before(ent.start), g.last_before(ent.start))
            )
        elif fits:
            group = min(fits, key=lambda g: g.first)
        else:
            groups.append(_Group(key, name, [ent]))
            return
        group.mentions.append(ent)


@Language.factory(
    NAME,
    default_config={"min_full_tokens": 2},
    requires=["doc.ents"],
    assigns=[f"doc._.{EXTENSION}"],
)
def make_people(nlp: Language, name: str, min_full_tokens: int) -> PeopleGrouper:
    """Build the people grouping component."""
    return PeopleGrouper(min_full_tokens=min_full_tokens)


def person_index(doc: Doc) -> dict[int, int]:
    """Map the index of every token inside a person mention to that person's index."""
    index: dict[int, int] = {}
    for i, group in enumerate(doc._.get(EXTENSION) or ()):
        for mention in group.mentions:
            for token in mention:
                index[token.i] = i
    return index
