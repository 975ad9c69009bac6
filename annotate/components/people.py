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

from bisect import bisect_left, insort
from dataclasses import dataclass, field
from itertools import combinations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from annotate.components.lexicon import HONORIFICS, is_honorific, is_possessive
from annotate.components.records import PersonGroup

NAME = "annotui_people"
EXTENSION = "annotui_people"

if not Doc.has_extension(EXTENSION):
    Doc.set_extension(EXTENSION, default=None)


def name_tokens(span: Span, honorifics: frozenset[str] = HONORIFICS) -> list[Token]:
    """Return the tokens of a PERSON span that form the name proper (less forms of address,
    possessive marks and punctuation)."""
    return [
        t
        for t in span
        if not (is_honorific(t, honorifics) or is_possessive(t) or t.is_punct or t.is_space)
    ]


def _name_text(tokens: list[Token]) -> str:
    # a span's text, not ``doc.text`` sliced: ``Doc.text`` joins every token of the doc on
    # each call, which made grouping quadratic in the length of the text
    first, last = tokens[0], tokens[-1]
    return first.doc[first.i : last.i + 1].text


def is_subsequence(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """True when ``short`` occurs in ``long`` in order, possibly with gaps."""
    remaining = iter(long)
    return all(word in remaining for word in short)


@dataclass(slots=True, eq=False)
class _Group:
    key: tuple[str, ...]
    name: str
    order: int
    """Creation number: ties between groups are broken as a scan in creation order would."""
    mentions: list[Span] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    """Token starts of the mentions, sorted: counts and positions by bisection."""

    def add(self, mention: Span) -> None:
        self.mentions.append(mention)
        insort(self.starts, mention.start)

    @property
    def first(self) -> int:
        return self.starts[0]

    def count_before(self, position: int) -> int:
        return bisect_left(self.starts, position)

    def last_before(self, position: int) -> int:
        index = bisect_left(self.starts, position)
        return self.starts[index - 1] if index else -1


class _Groups:
    """The people found so far, indexed by the words of their names and by their names.

    A mention's candidates are looked up (groups with every word of its name, groups whose
    name is part of it) instead of found by a scan of every group, so grouping stays linear
    in the length of the text.
    """

    def __init__(self) -> None:
        self.all: list[_Group] = []
        self._by_word: dict[str, list[_Group]] = {}
        self._by_key: dict[tuple[str, ...], list[_Group]] = {}

    def new(self, key: tuple[str, ...], name: str, mention: Span) -> None:
        group = _Group(key, name, len(self.all))
        group.add(mention)
        self.all.append(group)
        self._by_key.setdefault(key, []).append(group)
        for word in dict.fromkeys(key):
            self._by_word.setdefault(word, []).append(group)

    def rename(self, group: _Group, key: tuple[str, ...], name: str) -> None:
        self._by_key[group.key].remove(group)
        self._by_key.setdefault(key, []).append(group)
        for word in dict.fromkeys(key):
            if word not in group.key:
                self._by_word.setdefault(word, []).append(group)
        group.key, group.name = key, name

    def containing(self, key: tuple[str, ...]) -> list[_Group]:
        """Groups whose name has the words of ``key`` in order, in creation order."""
        lists = [self._by_word.get(word, []) for word in dict.fromkeys(key)]
        return [g for g in min(lists, key=len) if is_subsequence(key, g.key)]

    def contained_in(self, key: tuple[str, ...]) -> list[_Group]:
        """Groups whose name is ``key`` or an ordered part of it."""
        if len(key) > _MAX_PARTS_LISTED:  # not a name: look through the groups sharing a word
            shared = {g.order: g for word in key for g in self._by_word.get(word, ())}
            return [g for g in shared.values() if is_subsequence(g.key, key)]
        found: list[_Group] = []
        for size in range(1, len(key) + 1):
            for part in dict.fromkeys(combinations(key, size)):
                found += self._by_key.get(part, ())
        return found


_MAX_PARTS_LISTED = 10
"""Names up to this many words have their ordered parts listed (2**10 look-ups at most)."""


def _in_order(*found: list[_Group]) -> list[_Group]:
    """The groups found, each once, in creation order (ties go to the older group)."""
    unique = {g.order: g for groups in found for g in groups}
    return [unique[order] for order in sorted(unique)]


class PeopleGrouper:
    """Pipeline component filling ``doc._.annotui_people``."""

    def __init__(self, *, min_full_tokens: int, honorifics: frozenset[str] = HONORIFICS) -> None:
        self.min_full_tokens = min_full_tokens
        self.honorifics = honorifics

    def __call__(self, doc: Doc) -> Doc:
        named: list[tuple[Span, tuple[str, ...], str]] = []
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            tokens = name_tokens(ent, self.honorifics)
            if tokens:
                key = tuple(t.text.lower() for t in tokens)
                named.append((ent, key, _name_text(tokens)))
        groups = _Groups()
        for ent, key, name in named:
            if len(key) >= self.min_full_tokens:
                self._add_full(groups, ent, key, name)
        for ent, key, name in named:
            if len(key) < self.min_full_tokens:
                self._add_short(groups, ent, key, name)
        ordered = sorted(groups.all, key=lambda g: g.first)
        doc._.set(
            EXTENSION,
            [PersonGroup(g.name, sorted(g.mentions, key=lambda m: m.start)) for g in ordered],
        )
        return doc

    @staticmethod
    def _add_full(groups: _Groups, ent: Span, key: tuple[str, ...], name: str) -> None:
        fits = _in_order(groups.containing(key), groups.contained_in(key))
        if not fits:
            groups.new(key, name, ent)
            return
        group = max(fits, key=lambda g: (len(g.mentions), g.last_before(ent.start)))
        group.add(ent)
        if len(key) > len(group.key):
            groups.rename(group, key, name)

    @staticmethod
    def _add_short(groups: _Groups, ent: Span, key: tuple[str, ...], name: str) -> None:
        fits = groups.containing(key)
        earlier = [g for g in fits if g.first < ent.start]
        if earlier:
            group = max(
                earlier, key=lambda g: (g.count_before(ent.start), g.last_before(ent.start))
            )
        elif fits:
            group = min(fits, key=lambda g: g.first)
        else:
            groups.new(key, name, ent)
            return
        group.add(ent)


@Language.factory(
    NAME,
    default_config={"min_full_tokens": 2, "honorifics": sorted(HONORIFICS)},
    requires=["doc.ents"],
    assigns=[f"doc._.{EXTENSION}"],
)
def make_people(
    nlp: Language, name: str, min_full_tokens: int, honorifics: list[str]
) -> PeopleGrouper:
    """Build the people grouping component (``honorifics``: forms of address, lower case, that
    are not part of a name: "Mr" Kim is Kim)."""
    words = frozenset(word.lower() for word in honorifics)
    return PeopleGrouper(min_full_tokens=min_full_tokens, honorifics=words)


def person_index(doc: Doc) -> dict[int, int]:
    """Map the index of every token inside a person mention to that person's index."""
    index: dict[int, int] = {}
    for i, group in enumerate(doc._.get(EXTENSION) or ()):
        for mention in group.mentions:
            for token in mention:
                index[token.i] = i
    return index
