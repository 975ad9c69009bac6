"""The people and events components take time in proportion to the text, not its square.

They run on hand-built parsed Docs (no model run): a short news pattern repeated with a new
person's name each time, so the number of people grows with the text as in a long report.
"""

from __future__ import annotations

import time
from string import ascii_lowercase

from spacy.language import Language
from spacy.tokens import Doc

# word, pos, tag, lemma, dep, head (relative to the word), entity
PATTERN: list[tuple[str, str, str, str, str, int, str]] = [
    ("{first}", "PROPN", "NNP", "{first}", "compound", 1, "B-PERSON"),
    ("{last}", "PROPN", "NNP", "{last}", "nsubj", 1, "I-PERSON"),
    ("met", "VERB", "VBD", "meet", "ROOT", 0, "O"),
    ("Omar", "PROPN", "NNP", "Omar", "compound", 1, "B-PERSON"),
    ("{other}", "PROPN", "NNP", "{other}", "dobj", -2, "I-PERSON"),
    (".", "PUNCT", ".", ".", "punct", -3, "O"),
    ("He", "PRON", "PRP", "he", "nsubj", 1, "O"),
    ("arrived", "VERB", "VBD", "arrive", "ROOT", 0, "O"),
    ("the", "DET", "DT", "the", "det", 2, "O"),
    ("two", "NUM", "CD", "two", "nummod", 1, "O"),
    ("leaders", "NOUN", "NNS", "leader", "nsubj", 1, "O"),
    ("met", "VERB", "VBD", "meet", "ccomp", -4, "O"),
    (".", "PUNCT", ".", ".", "punct", -5, "O"),
    ("{last}", "PROPN", "NNP", "{last}", "nsubj", 1, "B-PERSON"),
    ("left", "VERB", "VBD", "leave", "ROOT", 0, "O"),
    (".", "PUNCT", ".", ".", "punct", -1, "O"),
]


def _name(number: int) -> str:
    """A distinct capitalised word for every number."""
    letters = ""
    while True:
        number, digit = divmod(number, 26)
        letters += ascii_lowercase[digit]
        if not number:
            return "Z" + letters


def long_doc(nlp: Language, repeats: int) -> Doc:
    """The pattern ``repeats`` times, each with new names (two new people per repeat)."""
    columns: list[list[object]] = [[] for _ in range(7)]
    for rep in range(repeats):
        names = {"first": _name(3 * rep), "last": _name(3 * rep + 1), "other": _name(3 * rep + 2)}
        offset = len(columns[0])
        for index, (word, pos, tag, lemma, dep, head, ent) in enumerate(PATTERN):
            columns[0].append(word.format(**names))
            columns[1].append(pos)
            columns[2].append(tag)
            columns[3].append(lemma.format(**names))
            columns[4].append(dep)
            columns[5].append(offset + index + head)
            columns[6].append(ent)
    words, pos, tags, lemmas, deps, heads, ents = columns
    spaces = [i + 1 < len(words) and words[i + 1] != "." for i in range(len(words))]
    return Doc(
        nlp.vocab,
        words=words,  # type: ignore[arg-type]
        spaces=spaces,
        pos=pos,  # type: ignore[arg-type]
        tags=tags,  # type: ignore[arg-type]
        lemmas=lemmas,  # type: ignore[arg-type]
        deps=deps,  # type: ignore[arg-type]
        heads=heads,  # type: ignore[arg-type]
        ents=ents,  # type: ignore[arg-type]
    )


def _seconds(nlp: Language, repeats: int) -> float:
    """Best of three runs of the people and events components on a fresh long doc, in CPU
    seconds of this process (other tests running beside it do not count)."""
    people, events = nlp.get_pipe("annotui_people"), nlp.get_pipe("annotui_events")
    best = float("inf")
    for _ in range(3):
        doc = long_doc(nlp, repeats)
        started = time.process_time()
        events(people(doc))
        best = min(best, time.process_time() - started)
    return best


def test_the_pattern_is_annotated_as_meant(nlp: Language) -> None:
    doc = long_doc(nlp, 2)
    doc = nlp.get_pipe("annotui_events")(nlp.get_pipe("annotui_people")(doc))
    people = doc._.annotui_people
    assert [(g.name, len(g.mentions)) for g in people] == [
        ("Za Zb", 2),
        ("Omar Zc", 1),
        ("Zd Ze", 2),
        ("Omar Zf", 1),
    ]
    events = [
        (e.trigger.text, sorted(p.person for p in e.participants)) for e in doc._.annotui_events
    ]
    # "He" is the most mentioned person of the sentence before; "the two leaders" the two
    # people of the last sentences, so their "met" is the first meeting told again
    assert events[:3] == [("met", [0, 1]), ("arrived", [0]), ("met", [2, 3])]
    first = doc._.annotui_events[0]
    assert [m.text for m in first.mentions] == ["met"]


def test_people_and_events_grow_linearly(nlp: Language) -> None:
    small = _seconds(nlp, 300)
    large = _seconds(nlp, 1200)
    # four times the text: about four times the time when linear, sixteen when quadratic
    assert large < 8 * small, (small, large)
