"""``annotui_roles``: ROLE spans (titles) linked to the person who holds them.

What a title span covers (decided once, applied everywhere):

- **Title before the name** ("North Korean leader Kim Jong Un", "navy Admiral Kim Myong Sik"):
  the modifiers of the name to its left that attach to it in the parse (compound, amod, nmod,
  poss with its case marker), with a leading "the" but no other determiner or possessive
  pronoun: "North Korean leader", "Defense Minister", "Russian Deputy Foreign Minister",
  "South Korea’s Foreign Minister", "The Foreign Affairs Minister" (of "The Foreign Affairs
  Minister Alexander Downer"), "Attorney-General" (of "his Attorney-General Daryl Williams").
- **Apposition after the name** ("Jo Chun Ryong, a ruling party official in charge of munitions
  policies, who ..."): the appositive noun phrase with its article, up to the next comma and
  without relative clauses: "a ruling party official in charge of munitions policies",
  "chairman of North Korea’s space science and technology committee".
- **Title before a comma and the name** ("South Korea’s Foreign Ministry spokesperson,
  Lim Soo-suk"): the noun phrase the name is in apposition to, without the name:
  "South Korea’s Foreign Ministry spokesperson".
- **Predicate** ("Shoigu is the defense minister"): the attribute noun phrase, "the defense
  minister".
- **Rank letters after the name** ("Terence Cole QC"): "QC", "SC" or "KC".

In every case the head of the title must be a title noun (the ``title_nouns`` config, by
default :data:`lexicon.TITLE_NOUNS`), so
"Kim’s translator" or "Russian Vladimir Putin" give no role. Titles may overlap entity spans.
Without a dependency parse only titles directly before a name are found, by a lexical scan
(capitalised words or title nouns ending in a title noun next to the name).
Results go to ``doc._.annotui_roles``: :class:`RoleLink` records in text order.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from annotate.components.lexicon import (
    AGENTIVE_ENDINGS,
    PHRASE_STOPS,
    RANK_LETTERS,
    TITLE_NOUNS,
    after_line_break,
    has_parse,
    is_title_word,
    phrase_extent,
    sentence_of,
)
from annotate.components.people import EXTENSION as PEOPLE
from annotate.components.records import RoleLink
from annotate.model import ROLE_LABEL

NAME = "annotui_roles"
EXTENSION = "annotui_roles"

if not Doc.has_extension(EXTENSION):
    Doc.set_extension(EXTENSION, default=None)

_LEFT_TRIM_DEPS = frozenset({"det", "predet", "cc", "punct", "prep", "case"})
TITLE_MODIFIERS: frozenset[str] = frozenset(
    {"deputy", "vice", "former", "acting", "first", "chief", "top"}
)
"""Words that belong to a title before it ("former Prime Minister"): the default of the
``title_modifiers`` config."""
_NOT_OCCUPATIONS = frozenset(
    {
        *("brother", "sister", "mother", "father", "daughter", "grandmother", "grandfather"),
        *("killer", "murderer", "bomber", "hijacker", "attacker", "prisoner", "survivor"),
        *("number", "partner", "supporter", "passenger", "neighbour", "neighbor", "lover"),
        *("woman", "human", "civilian"),
    }
)
"""Nouns with those endings that say how someone is related or what they did, not a post."""


def _occupation_word(token: Token) -> bool:
    """A lower-case noun of what someone does that no title list names ("left arm spinner
    Nicky Boje"): GUIDELINES.md counts bare occupations before a name as roles."""
    word = token.lower_.rsplit("-", 1)[-1]  # "leg-spinner"
    return (
        token.pos_ == "NOUN"
        and token.is_lower
        and word.endswith(AGENTIVE_ENDINGS)
        and len(word) > 4
        and word not in _NOT_OCCUPATIONS
    )


def _attaches_to(token: Token, target: range, window: range) -> bool:
    """True when the token's head chain reaches ``target`` without leaving ``window``."""
    seen = 0
    while token.i not in target:
        if token.i not in window or token.head.i == token.i or seen > 20:
            return False
        token = token.head
        seen += 1
    return True


def _title_before(mention: Span, max_tokens: int, titles: frozenset[str]) -> Span | None:
    doc = mention.doc
    sent_start = sentence_of(mention[0]).start
    name = range(mention.start, mention.end)
    best: int | None = None
    for left in range(mention.start - 1, max(sent_start, mention.start - max_tokens) - 1, -1):
        token = doc[left]
        if token.is_punct and token.text in PHRASE_STOPS:
            break
        window = range(left, mention.end)
        if all(_attaches_to(doc[i], name, window) for i in range(left, mention.start)):
            best = left
    if best is None:
        return None
    start = best
    while start < mention.start and (
        doc[start].dep_ in _LEFT_TRIM_DEPS
        or doc[start].pos_ in ("DET", "PRON", "SCONJ")
        or doc[start].tag_ == "WRB"  # "when Deputy Chief Edward Dennehy arrived"
    ):
        start += 1
    if start == mention.start:
        return None
    while (
        start > 0
        and not doc[start - 1].whitespace_
        and "-" in (doc[start - 1].text, doc[start].text)
    ):
        start -= 1  # "vice-president", which the parser may cut at its hyphen
    if start > best and doc[start - 1].lower_ == "the":
        start -= 1  # "The Foreign Minister Alexander Downer": the title keeps its "the"
    direct = [t for t in doc[start : mention.start] if t.head.i in name]
    last = doc[mention.start - 1]
    if not any(is_title_word(t, titles) for t in direct) and not (
        last in direct and _occupation_word(last)
    ):
        return None
    return Span(doc, start, mention.start, label=ROLE_LABEL)


def _title_before_lexical(
    mention: Span, max_tokens: int, titles: frozenset[str], modifiers: frozenset[str]
) -> Span | None:
    doc = mention.doc
    start = mention.start
    while start > max(0, mention.start - max_tokens):
        token = doc[start - 1]
        wordy = token.is_title or is_title_word(token, titles) or token.lower_ in modifiers
        if token.ent_type_ == "PERSON" or token.is_punct or token.is_stop or not wordy:
            break
        if token.is_sent_start:
            start -= 1
            break
        start -= 1
    if start == mention.start or not is_title_word(doc[mention.start - 1], titles):
        return None
    return Span(doc, start, mention.start, label=ROLE_LABEL)


def _noun_phrase(head: Token, exclude: Token | None = None) -> Span | None:
    """The NP of ``head``: its subtree up to the first comma, without relative clauses."""
    doc = head.doc
    dropped: set[int] = set()
    for token in head.subtree:
        later_clause = token.dep_ in ("relcl", "acl") and token.i > head.i
        if later_clause or (exclude is not None and token.i == exclude.i):
            dropped.update(t.i for t in token.subtree)
    start, end = phrase_extent(head, {t.i for t in head.subtree} - dropped)
    while end - 1 > head.i and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
        end -= 1
    while start < head.i and doc[start].is_punct:  # '" former Taliban ambassador'
        start += 1
    if end > start and doc[end - 1].pos_ == "ADP":
        return None  # "ambassador to" with its object taken for the name: no whole title
    return Span(doc, start, end, label=ROLE_LABEL) if end > start else None


def _names_the_next(title: Span) -> bool:
    """Whether a title stands between commas before a name ("Tom Reed, the Foreign Minister,
    Ann Hale, and ..."): it is that name's, as in "The Archbishop of Brisbane, Peter
    Hollingworth", not the one before."""
    doc, after = title.doc, title.end
    return (
        title.start > 0
        and doc[title.start - 1].text == ","
        and after + 1 < len(doc)
        and doc[after].text == ","
        and doc[after + 1].ent_type_ == "PERSON"
    )


def _beside(title: Span, mention: Span, *, climbed: bool) -> bool:
    """Whether a title the name hangs on stands before the name, set off by a comma when the
    parse reached it through its complement ("The Archbishop of Brisbane, Peter Hollingworth";
    not "the new coach of world number one Lleyton Hewitt")."""
    if title.end > mention.start:
        return False
    return not climbed or any(t.text == "," for t in mention.doc[title.end : mention.start])


def _titles_by_parse(mention: Span, titles: frozenset[str]) -> list[Span]:
    root = mention.root
    found: list[Span] = []
    for child in root.children:
        if child.dep_ == "appos" and child.ent_type_ != "PERSON" and is_title_word(child, titles):
            span = _noun_phrase(child)
            if span is not None and not _names_the_next(span):
                found.append(span)
    node = root.head
    listed = root.dep_ == "conj" and is_title_word(node, titles)
    if listed:  # "Tom Reed, the Foreign Minister, Ann Hale": the name hung on the title
        span = _noun_phrase(node, exclude=root)
        listed = span is not None and _names_the_next(span) and span.end + 1 == mention.start
    for _ in range(3 if root.dep_ == "appos" or listed else 0):
        # the title the name stands beside, also when the parser hung the name on the title's
        # complement ("The Archbishop of Brisbane, Peter Hollingworth"), with the determiner
        # the apposition carries (GUIDELINES.md: "The Attorney-General, Daryl Williams")
        if is_title_word(node, titles) and node.ent_type_ != "PERSON":
            span = _noun_phrase(node, exclude=root)
            if span is not None and _beside(span, mention, climbed=node.i != root.head.i):
                found.append(span)
            break
        if node.dep_ not in ("pobj", "prep") or node.head.i == node.i:
            break
        node = node.head
    if root.dep_ in ("dobj", "nsubjpass"):  # "appointed Brian Greig as interim leader"
        for prep in root.head.children:
            if prep.dep_ == "prep" and prep.lower_ == "as":
                for title in prep.children:
                    if title.dep_ == "pobj" and is_title_word(title, titles):
                        span = _noun_phrase(title)
                        if span is not None:
                            found.append(span)
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        for child in root.head.children:
            if (
                child.dep_ == "attr"
                and is_title_word(child, titles)
                and child.ent_type_ != "PERSON"
            ):
                span = _noun_phrase(child)
                if span is not None:
                    found.append(span)
    return found


def _coordinated(title: Span, titles: frozenset[str]) -> list[Span]:
    """A title phrase that lists several titles, each its own role ("the guitarist, songwriter
    and film producer"); one title when any part of the list ends in no title word ("Minister
    for Trade and Industry")."""
    doc = title.doc
    parts: list[tuple[int, int]] = []
    start = title.start
    for token in title:
        if token.lower_ in (",", "and"):
            parts.append((start, token.i))
            start = token.i + 1
    parts.append((start, title.end))
    parts = [(s, e) for s, e in parts if e > s]
    if len(parts) < 2 or not all(is_title_word(doc[e - 1], titles) for _, e in parts):
        return [title]
    return [Span(doc, s, e, label=title.label) for s, e in parts]


def _with_acronym(title: Span | None) -> Span | None:
    """A title with the bracketed initials of its organisation after it ("secretary of the
    Australian Manufacturing Workers Union (AMWU)"), as the guidelines mark the phrase."""
    if title is None:
        return None
    doc, end = title.doc, title.end
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
        initials = doc[end + 1]
        if initials.is_upper and initials.is_alpha and len(initials) >= 2:
            return Span(doc, title.start, end + 3, label=title.label)
    return title


def _stacked(title: Span, titles: frozenset[str], modifiers: frozenset[str]) -> list[Span]:
    """A title before a name that is two, one after the other ("Pentagon spokesman Navy
    Captain", "royal commissioner Justice"): a lower-case title word followed by a
    capitalised title ends the first."""
    doc = title.doc
    for token in title[:-1]:
        after = doc[token.i + 1]
        if (
            token.is_lower
            and token.lower_ not in modifiers  # "chief Palestinian negotiator": one title
            and is_title_word(token, titles)
            and after.is_title
            and is_title_word(doc[title.end - 1], titles)
        ):
            return [
                Span(doc, title.start, token.i + 1, label=title.label),
                Span(doc, token.i + 1, title.end, label=title.label),
            ]
    return [title]


def _post_nominal(mention: Span) -> Span | None:
    """The rank letters right after a name ("Ross Ray QC"), or None."""
    doc = mention.doc
    if mention.end < len(doc) and doc[mention.end].text in RANK_LETTERS:
        return Span(doc, mention.end, mention.end + 1, label=ROLE_LABEL)
    return None


class RoleFinder:
    """Pipeline component filling ``doc._.annotui_roles``."""

    def __init__(
        self,
        *,
        max_title_tokens: int,
        title_nouns: frozenset[str] = TITLE_NOUNS,
        title_modifiers: frozenset[str] = TITLE_MODIFIERS,
    ) -> None:
        self.max_title_tokens = max_title_tokens
        self.titles = title_nouns
        self.modifiers = title_modifiers

    def __call__(self, doc: Doc) -> Doc:
        parsed = has_parse(doc)
        links: dict[tuple[int, int], RoleLink] = {}
        for index, group in enumerate(doc._.get(PEOPLE) or ()):
            for mention in group.mentions:
                if parsed:
                    before = _title_before(mention, self.max_title_tokens, self.titles)
                    titles = [(before, "roles: title before the name")]
                    titles += [
                        (title, "roles: title linked to the name by the parse")
                        for title in _titles_by_parse(mention, self.titles)
                    ]
                else:
                    found = _title_before_lexical(
                        mention, self.max_title_tokens, self.titles, self.modifiers
                    )
                    titles = [(found, "roles: title words before the name")]
                titles.append((_post_nominal(mention), "roles: letters after the name"))
                for found, rule in titles:
                    title = None if found is None else _with_acronym(after_line_break(found))
                    found_titles = [] if title is None else _coordinated(title, self.titles)
                    for each in [
                        t for f in found_titles for t in _stacked(f, self.titles, self.modifiers)
                    ]:
                        links.setdefault((each.start, each.end), RoleLink(each, index, rule))
        doc._.set(EXTENSION, [links[key] for key in sorted(links)])
        return doc


@Language.factory(
    NAME,
    default_config={
        "max_title_tokens": 8,
        "title_nouns": sorted(TITLE_NOUNS),
        "title_modifiers": sorted(TITLE_MODIFIERS),
    },
    requires=[f"doc._.{PEOPLE}", "token.dep"],
    assigns=[f"doc._.{EXTENSION}"],
)
def make_roles(
    nlp: Language,
    name: str,
    max_title_tokens: int,
    title_nouns: list[str],
    title_modifiers: list[str],
) -> RoleFinder:
    """Build the role finding component (``title_nouns``: the words of posts;
    ``title_modifiers``: words a title may start with, "former", "deputy"; lower case)."""
    return RoleFinder(
        max_title_tokens=max_title_tokens,
        title_nouns=frozenset(word.lower() for word in title_nouns),
        title_modifiers=frozenset(word.lower() for word in title_modifiers),
    )
