"""Word lists and small Doc helpers shared by the annotui pipeline components.

The lists are deliberately small and general (news English), not tuned to one article:

- :data:`TITLE_NOUNS`: nouns that name a post or function ("minister", "leader", "spokesperson").
- :data:`PORTFOLIO_TITLES`: titles that take a portfolio word in front ("Defense Minister",
  "Treasury Secretary"); an ORG tag on that portfolio word is a slip of the model.
- :data:`INSTITUTION_NOUNS`: heads of real organisation names ("Foreign Ministry"), which are
  kept as entities even right before a title.
- :data:`HONORIFICS`: forms of address that are not part of a person's name.
- :data:`PERSON_GROUP_NOUNS`: plural nouns of people ("the two leaders").

Each list is only the default of a component's config (``title_nouns``, ``portfolio_titles``,
``institution_nouns``, ``honorifics``, ``person_group_nouns``; the roles component's
``title_modifiers`` and the events component's trigger tables too), so a pipeline's
``config.cfg`` or ``nlp.add_pipe(..., config=...)`` changes them, and ``nlp.to_disk`` keeps the
change.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of a literal list, as a frozenset."""
    return frozenset(text.split())


TITLE_NOUNS: frozenset[str] = words(
    """
    leader president minister secretary governor mayor premier chancellor king queen prince
    princess emperor monarch admiral general colonel commander marshal captain lieutenant major
    sergeant officer chief chairman chairwoman chairperson chair director spokesperson spokesman
    spokeswoman official ambassador envoy diplomat senator lawmaker legislator congressman
    congresswoman representative deputy adviser advisor aide head ceo founder owner judge
    prosecutor attorney justice commissioner undersecretary vice-president vice-chairman
    secretary-general chief-of-staff pope cardinal bishop archbishop mufti ayatollah
    cleric coach manager editor correspondent analyst economist negotiator executive
    actor actress singer musician composer artist painter writer author novelist poet playwright
    director producer journalist reporter photographer presenter broadcaster cosmonaut astronaut
    pilot scientist researcher physicist chemist biologist professor lecturer teacher principal
    doctor surgeon physician nurse lawyer barrister solicitor magistrate detective constable
    inspector superintendent soldier businessman businesswoman tycoon entrepreneur banker
    activist campaigner candidate unionist priest rabbi imam archdeacon dean vicar monk nun
    cricketer batsman bowler captain striker footballer player golfer swimmer athlete sprinter
    runner cyclist jockey trainer boxer champion skipper umpire referee militant rebel gunman
    guerrilla warlord expert engineer architect designer chef farmer consultant lobbyist
    forecaster meteorologist guitarist songwriter drummer pianist bassist counsel observer elder
    mp mla mhr coroner administrator speaker treasurer
    """
)
"""Lower-case nouns (lemmas) that name a post, function or rank: the default of the components'
``title_nouns`` config."""

AGENTIVE_ENDINGS: tuple[str, ...] = ("er", "or", "ist", "ian", "man")
"""Endings of nouns of what someone does ("spinner", "dietitian", "paceman", "seeker")."""

RANK_LETTERS: frozenset[str] = frozenset({"QC", "KC", "SC"})
"""Letters after a name that are a rank it holds ("Terence Cole QC"): a role of that person."""
POST_NOMINALS: frozenset[str] = RANK_LETTERS | {
    *("MP", "MLA", "MHR", "AO", "AC", "OBE", "MBE", "CBE", "KBE", "PhD"),
}
"""Letters of an honour, rank or office after a name ("Wayne Martin QC"): not the name."""

PORTFOLIO_TITLES: frozenset[str] = frozenset(
    {"minister", "secretary", "commissioner", "undersecretary"}
)
"""Titles that are preceded by the name of a portfolio ("Defense Minister")."""

INSTITUTION_NOUNS: frozenset[str] = words(
    """
    ministry department agency council committee office bureau commission service army navy
    force forces party government administration parliament assembly court bank union
    university institute group company corporation corp inc ltd organization organisation
    association federation guard police staff command
    """
)
"""Lower-case head words of organisation names."""

HONORIFICS: frozenset[str] = words(
    """
    mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame madam mister sheikh maulana
    """
)
"""Forms of address (lower case) that are not part of a name."""

POSSESSIVE_MARKS: frozenset[str] = frozenset({"'s", "’s", "'", "’", "'S", "’S"})
"""Tokens that mark a possessive and never belong to a name."""

PERSON_GROUP_NOUNS: frozenset[str] = frozenset(
    {"leader", "president", "man", "woman", "minister", "head", "side", "counterpart", "official"}
)
"""Plural heads of "the two leaders"-style phrases that refer to people already named."""


def has_parse(doc: Doc) -> bool:
    """True when the doc carries a dependency parse."""
    return doc.has_annotation("DEP")


def has_tags(doc: Doc) -> bool:
    """True when the doc carries coarse part-of-speech tags."""
    return doc.has_annotation("POS")


def sentences(doc: Doc) -> Iterator[Span]:
    """Yield the doc's sentences, or the whole doc when nothing set sentence boundaries."""
    if doc.has_annotation("SENT_START"):
        yield from doc.sents
    elif len(doc):
        yield doc[:]


def sentence_of(token: Token) -> Span:
    """Return the sentence of a token, or the whole doc without sentence boundaries."""
    if token.doc.has_annotation("SENT_START"):
        return token.sent
    return token.doc[:]


def is_title_word(token: Token, titles: frozenset[str] = TITLE_NOUNS) -> bool:
    """True when the token's lemma (or lower-case form) is one of ``titles``: names a post.

    The components take their ``titles`` from their ``title_nouns`` config."""
    return token.lemma_.lower() in titles or token.lower_ in titles


def is_possessive(token: Token) -> bool:
    """True for a possessive marker token ("’s", "'s", "’", "'")."""
    return token.text in POSSESSIVE_MARKS or (token.tag_ == "POS" and not token.is_alpha)


def is_honorific(token: Token, honorifics: frozenset[str] = HONORIFICS) -> bool:
    """True for a form of address ("Mr", "Mrs.") that is not part of a name (the components
    take ``honorifics`` from their config)."""
    return token.lower_ in honorifics


PHRASE_STOPS: frozenset[str] = frozenset({",", ";", ":", "(", ")", "—", "–", "--"})
"""Punctuation that ends a noun phrase taken from a head's subtree."""


def phrase_extent(head: Token, members: set[int]) -> tuple[int, int]:
    """The token range around ``head`` that stays inside ``members`` and stops at punctuation.

    Walks left and right from ``head`` while the next token is one of ``members`` (token
    indices, usually the head's subtree less some clauses) and not in :data:`PHRASE_STOPS`.
    """
    doc = head.doc
    start = head.i
    while start - 1 in members and doc[start - 1].text not in PHRASE_STOPS:
        start -= 1
    end = head.i + 1
    while end in members and doc[end].text not in PHRASE_STOPS:
        end += 1
    return start, end


def crosses_line_break(span: Span) -> bool:
    """True when a line break lies inside the span (between its first and last word)."""
    return any("\n" in t.text or "\n" in t.whitespace_ for t in span[:-1])


def after_line_break(span: Span) -> Span | None:
    """The part of the span after its last line break (the whole span when it has none),
    without leading spaces; None when nothing is left. A role, an event's time, place or
    argument is never drawn across a line break (a headline above it is another sentence)."""
    start = span.start
    for token in span[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            start = token.i + 1
    doc = span.doc
    while start < span.end and doc[start].is_space:
        start += 1
    if start >= span.end:
        return None
    return span if start == span.start else Span(doc, start, span.end, label=span.label)


def line_parts(span: Span) -> list[Span]:
    """The span cut at each line break inside it, spaces left out, each with its label."""
    parts: list[Span] = []
    start = span.start
    doc = span.doc
    for token in span:
        if (token.is_space and "\n" in token.text) or "\n" in token.whitespace_:
            end = token.i if token.is_space else token.i + 1
            if end > start:
                parts.append(Span(doc, start, end, label=span.label))
            start = token.i + 1
    if span.end > start:
        parts.append(Span(doc, start, span.end, label=span.label))
    return [p for p in parts if not all(t.is_space for t in p)]
