"""``annotui_entity_repair``: fix the systematic slips of a statistical NER model.

The repairs, each switchable in the component config:

- ``split_lines``: an entity never crosses a line break: it is cut there (a headline is no part
  of the first sentence's names);
- ``split_at_verbs``: a PERSON holding a verb is cut at it ("Putin Meets Kim", a headline in
  title case, is two people, not one);

- ``strip_possessives``: a possessive marker is not part of a name: "North Korea’s" becomes
  "North Korea" (``’s``, ``'s`` and a bare trailing ``’``/``'``).
- ``drop_title_words``: a portfolio word tagged as an entity right before a title that leads to a
  name ("Defense" as ORG in "Defense Minister Sergei Shoigu") is dropped, unless the entity ends in
  an institution noun ("Foreign Ministry spokesperson ..." keeps its ORG); title words at the start
  of a PERSON ("President Vladimir Putin") are trimmed off, they belong to the role layer, and so
  are a day word before a name ("Tomorrow Harrison's family") and the letters of an honour
  after it ("Wayne Martin QC").
- ``relabel_people``: a name tagged ORG/GPE/NORP right after a capitalised title is a PERSON
  ("Chancellor Olaf Scholz" as ORG), as is one with a name particle inside ("Osama bin
  Laden"), and so is a later one-word ORG/GPE/NORP equal to the surname
  of such a person or of another PERSON ("Scholz’s visit").
- ``not_people``: a PERSON name the sentences show to be a place, a product or a company
  ("near Tora Bora", "Ford Sierra cars", "Ansett collapsed") becomes LOC, PRODUCT or ORG,
  unless a title or form of address stands before one of its mentions
  (:mod:`annotate.components.not_people`).
- ``complete_names``: a PERSON cut short is extended over the following capitalised proper nouns
  that belong to no other entity, in the same sentence ("Choe Sun" + "Hui").

The component works on ``doc.ents`` and token tags only: without a tagger it treats capitalised
words as proper nouns; without any entities it does nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from annotate.components.lexicon import (
    HONORIFICS,
    INSTITUTION_NOUNS,
    PORTFOLIO_TITLES,
    POST_NOMINALS,
    TITLE_NOUNS,
    crosses_line_break,
    has_parse,
    has_tags,
    is_honorific,
    is_possessive,
    is_title_word,
    line_parts,
)
from annotate.components.not_people import not_people, particle_name

NAME = "annotui_entity_repair"
RULES_EXTENSION = "annotui_entity_rules"
"""Doc extension: ``{(start_char, end_char, label): repair}`` for each entity a repair made."""

if not Doc.has_extension(RULES_EXTENSION):
    Doc.set_extension(RULES_EXTENSION, default=None)
_NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_MAX_TITLE_GAP = 4
_RELABEL_FROM = frozenset({"ORG", "GPE", "NORP"})
_DAY_WORDS = frozenset(
    {
        *("today", "tomorrow", "yesterday", "tonight", "monday", "tuesday", "wednesday"),
        *("thursday", "friday", "saturday", "sunday"),
    }
)
"""Words that say when, which the model can take into a name that follows them."""


class EntityRepair:
    """Pipeline component repairing ``doc.ents`` in place."""

    def __init__(
        self,
        *,
        strip_possessives: bool,
        drop_title_words: bool,
        relabel_people: bool,
        complete_names: bool,
        split_lines: bool = True,
        split_at_verbs: bool = True,
        not_people: bool = True,
        title_nouns: frozenset[str] = TITLE_NOUNS,
        portfolio_titles: frozenset[str] = PORTFOLIO_TITLES,
        institution_nouns: frozenset[str] = INSTITUTION_NOUNS,
        honorifics: frozenset[str] = HONORIFICS,
    ) -> None:
        self.titles = title_nouns
        self.portfolio_titles = portfolio_titles
        self.institution_nouns = institution_nouns
        self.honorifics = honorifics
        self.strip_possessives = strip_possessives
        self.drop_title_words = drop_title_words
        self.relabel_people = relabel_people
        self.complete_names = complete_names
        self.split_lines = split_lines
        self.split_at_verbs = split_at_verbs
        self.not_people = not_people

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        rules: dict[tuple[int, int, str], str] = {}
        if not ents:
            doc._.set(RULES_EXTENSION, rules)
            return doc
        if self.split_lines:
            ents = _split(ents, rules, "cut at a line break", line_parts, crosses_line_break)
        if self.split_at_verbs:
            ents = _split(ents, rules, "cut at a verb", _around_verbs, _holds_verb)
        if self.strip_possessives:
            stripped = [_strip_possessive(ent) for ent in ents]
            ents = _noted(ents, stripped, rules, "possessive stripped")
        if self.drop_title_words:
            titles = self.titles
            trimmed = [_trim_person_title(e, titles) for e in ents]
            ents = _noted(ents, trimmed, rules, "title words trimmed")
            ents = [ent for ent in ents if not self._swallowed(ent)]
        if self.relabel_people:
            ents = _noted(ents, _relabel_people(ents, self.titles), rules, "relabelled as a person")
        if self.not_people and has_parse(doc):
            ents = _noted(ents, not_people(ents, self.titles), rules, "no person")
        if self.complete_names:
            tagged = has_tags(doc)
            completed = [
                self._complete_name(ent, tagged) if ent.label_ == "PERSON" else ent for ent in ents
            ]
            ents = _noted(ents, completed, rules, "name completed")
        kept = [ent for ent in ents if len(ent)]
        doc.set_ents(kept, default="outside")
        final = {_key(ent) for ent in kept}
        doc._.set(RULES_EXTENSION, {key: rule for key, rule in rules.items() if key in final})
        return doc

    def _swallowed(self, ent: Span) -> bool:
        """True for an ORG/PERSON that is really the portfolio part of a title before a name."""
        portfolio = self.portfolio_titles
        if ent.label_ not in ("ORG", "PERSON") or ent[-1].lower_ in self.institution_nouns:
            return False
        if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].lower_ not in portfolio:
            return False
        doc = ent.doc
        if ent[-1].lower_ in portfolio and len(ent) > 1:
            after = ent.end
        elif ent.end < len(doc) and doc[ent.end].lower_ in portfolio:
            after = ent.end + 1
        else:
            return False
        for i in range(after, min(len(doc), after + _MAX_TITLE_GAP)):
            token = doc[i]
            if token.ent_type_ == "PERSON":
                return True
            if not (token.is_title or is_title_word(token, self.titles)) or token.is_punct:
                return False
        return False

    def _continues_name(self, token: Token, tagged: bool) -> bool:
        if token.ent_iob_ in ("B", "I") or token.is_sent_start:
            return False
        if not token.is_alpha or not token.is_title or token.is_stop:
            return False
        if is_title_word(token, self.titles) or is_honorific(token, self.honorifics):
            return False
        return token.pos_ == "PROPN" if tagged else True

    def _complete_name(self, ent: Span, tagged: bool) -> Span:
        doc = ent.doc
        if is_possessive(ent[-1]):
            return ent
        end = ent.end
        while end < len(doc) and self._continues_name(doc[end], tagged):
            end += 1
        return ent if end == ent.end else Span(doc, ent.start, end, label=ent.label)


def _key(ent: Span) -> tuple[int, int, str]:
    return (ent.start_char, ent.end_char, ent.label_)


def _noted(
    before: list[Span], after: list[Span], rules: dict[tuple[int, int, str], str], rule: str
) -> list[Span]:
    """Return ``after`` (one repair applied to ``before``, entity by entity), noting ``rule``
    in ``rules`` for every entity it changed (after the rules of earlier repairs)."""
    for old, new in zip(before, after, strict=True):
        if _key(old) != _key(new) and len(new):
            earlier = rules.get(_key(old))
            rules[_key(new)] = f"{earlier}, {rule}" if earlier else rule
    return after


def _split(
    ents: list[Span],
    rules: dict[tuple[int, int, str], str],
    rule: str,
    parts: Callable[[Span], list[Span]],
    applies: Callable[[Span], bool],
) -> list[Span]:
    """Each entity ``applies`` holds replaced by its ``parts``, noted with ``rule``."""
    kept: list[Span] = []
    for ent in ents:
        if not applies(ent):
            kept.append(ent)
            continue
        for part in parts(ent):
            rules[_key(part)] = rule
            kept.append(part)
    return kept


def _holds_verb(ent: Span) -> bool:
    return ent.label_ == "PERSON" and any(t.pos_ == "VERB" for t in ent)


def _around_verbs(ent: Span) -> list[Span]:
    """The runs of the entity's words between its verbs."""
    parts: list[Span] = []
    start = ent.start
    for token in ent:
        if token.pos_ == "VERB":
            if token.i > start:
                parts.append(Span(ent.doc, start, token.i, label=ent.label))
            start = token.i + 1
    if ent.end > start:
        parts.append(Span(ent.doc, start, ent.end, label=ent.label))
    return parts


def _strip_possessive(ent: Span) -> Span:
    end = ent.end
    while end - ent.start > 1 and is_possessive(ent.doc[end - 1]):
        end -= 1
    if end == ent.end or ent.label_ not in _NAMED_LABELS:
        return ent
    return Span(ent.doc, ent.start, end, label=ent.label)


def _trim_person_title(ent: Span, titles: frozenset[str]) -> Span:
    """A PERSON without the title words, a day word or a plural noun before the name
    ("President", a sentence's "Tomorrow", "Guides") and the letters of an honour, a number,
    punctuation or a conjunction after it ("QC", "McGrath 2 for 66", "Bursch - and")."""
    if ent.label_ != "PERSON":
        return ent
    doc = ent.doc
    start, end = ent.start, ent.end
    while end - start > 1 and (
        (is_title_word(doc[start], titles) and doc[start].is_title)
        or doc[start].lower_ in _DAY_WORDS
    ):
        start += 1
    while end - start > 1 and (
        doc[end - 1].text in POST_NOMINALS
        or doc[end - 1].like_num  # "Glenn McGrath 2 for 66": his wickets
        or doc[end - 1].is_punct
        or doc[end - 1].lower_ in ("and", "or")  # "Dan Bursch - and is due"
    ):
        end -= 1
    if end - start > 2 and doc[start].tag_ == "NNS":  # "Guides Simon Wiget": an occupation
        start += 1
    of = next((t.i for t in doc[start + 2 : end - 1] if t.lower_ == "of"), None)
    if of is not None:  # "Shane Bradford of Ballidu": where he is from
        end = of
    return ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label=ent.label)


def _name_words(words: Span) -> bool:
    """Capitalised words, joined by hyphens or not ("Terje Roed-Larsen")."""
    inner = range(words.start + 1, words.end - 1)
    return all((t.is_title and t.is_alpha) or (t.text == "-" and t.i in inner) for t in words)


def _name_after_title(ent: Span, titles: frozenset[str]) -> int | None:
    """Where a first and last name start inside an entity that ends with a title and a name
    ("Federal Labor MP Carmen Lawrence"), or None."""
    for i in range(ent.end - 3, ent.start - 1, -1):
        word = ent.doc[i]
        if is_title_word(word, titles) and not word.is_stop:
            name = ent.doc[i + 1 : ent.end]
            return name.start if len(name) >= 2 and _name_words(name) else None
    return None


def _relabel_people(ents: list[Span], titles: frozenset[str]) -> list[Span]:
    relabelled: list[Span] = []
    for ent in ents:
        doc = ent.doc
        before = doc[ent.start - 1] if ent.start else None
        inside = _name_after_title(ent, titles) if ent.label_ in _RELABEL_FROM else None
        if inside is not None:  # "Federal Labor MP Carmen Lawrence" tagged as one ORG
            ent = Span(doc, inside, ent.end, label="PERSON")
        elif ent.label_ in _RELABEL_FROM and particle_name(ent):
            ent = Span(doc, ent.start, ent.end, label="PERSON")
        elif (
            ent.label_ in _RELABEL_FROM
            and before is not None
            and (before.is_title or (before.tag_ == "NN" and len(ent) > 1))
            and is_title_word(before, titles)
            and _name_words(ent)
        ):  # "Chancellor Olaf Scholz", "envoy Terje Roed-Larsen"
            ent = Span(doc, ent.start, ent.end, label="PERSON")
        relabelled.append(ent)
    surnames = {e[-1].text for e in relabelled if e.label_ == "PERSON" and len(e) > 1}
    return [
        Span(e.doc, e.start, e.end, label="PERSON")
        if e.label_ in _RELABEL_FROM and len(e) == 1 and e.text in surnames
        else e
        for e in relabelled
    ]


@Language.factory(
    NAME,
    default_config={
        "split_lines": True,
        "split_at_verbs": True,
        "not_people": True,
        "strip_possessives": True,
        "drop_title_words": True,
        "relabel_people": True,
        "complete_names": True,
        "title_nouns": sorted(TITLE_NOUNS),
        "portfolio_titles": sorted(PORTFOLIO_TITLES),
        "institution_nouns": sorted(INSTITUTION_NOUNS),
        "honorifics": sorted(HONORIFICS),
    },
    requires=["doc.ents", "token.pos"],
    assigns=["doc.ents", "token.ent_type", "token.ent_iob", f"doc._.{RULES_EXTENSION}"],
)
def make_entity_repair(
    nlp: Language,
    name: str,
    strip_possessives: bool,
    drop_title_words: bool,
    relabel_people: bool,
    complete_names: bool,
    split_lines: bool,
    split_at_verbs: bool,
    not_people: bool,
    title_nouns: list[str],
    portfolio_titles: list[str],
    institution_nouns: list[str],
    honorifics: list[str],
) -> EntityRepair:
    """Build the entity repair component. The word lists (lower case) are config:
    ``title_nouns`` the words of posts, ``portfolio_titles`` the titles a portfolio word goes
    before ("Defense Minister"), ``institution_nouns`` the heads of organisation names
    ("Foreign Ministry"), ``honorifics`` forms of address that end a name."""
    return EntityRepair(
        strip_possessives=strip_possessives,
        drop_title_words=drop_title_words,
        relabel_people=relabel_people,
        complete_names=complete_names,
        split_lines=split_lines,
        split_at_verbs=split_at_verbs,
        not_people=not_people,
        title_nouns=_lower(title_nouns),
        portfolio_titles=_lower(portfolio_titles),
        institution_nouns=_lower(institution_nouns),
        honorifics=_lower(honorifics),
    )


def _lower(words: list[str]) -> frozenset[str]:
    return frozenset(word.lower() for word in words)
