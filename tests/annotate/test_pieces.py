"""Long texts are annotated in pieces: same result as whole, any length, no entity cut."""

from __future__ import annotations

from itertools import pairwise

import pytest
import spacy
from spacy.language import Language

from annotate.components import COMPONENTS
from annotate.contract import to_contract
from annotate.model import Annotation
from annotate.pieces import char_batches, line_pieces
from annotate.pipeline import Annotator, annotate_docs


def covers(text: str, pieces: list[tuple[int, int]]) -> bool:
    return (
        pieces[0][0] == 0
        and pieces[-1][1] == len(text)
        and all(a[1] == b[0] for a, b in pairwise(pieces))
    )


def test_line_pieces_pack_whole_lines_up_to_the_limit() -> None:
    text = "aaaa\nbb\ncccccc\n\ndd"
    pieces = line_pieces(text, 8)
    assert covers(text, pieces)
    assert [text[s:e] for s, e in pieces] == ["aaaa\nbb\n", "cccccc\n\n", "dd"]
    assert line_pieces(text, 1000) == [(0, len(text))]
    assert line_pieces("", 10) == [(0, 0)]
    # a line longer than the limit is a piece of its own (cut later, by the pipeline)
    assert line_pieces("ab\n" + "x" * 20 + "\ncd", 5) == [(0, 3), (3, 24), (24, 26)]
    with pytest.raises(ValueError):
        line_pieces(text, 0)


def test_char_batches_bound_the_characters_of_a_batch() -> None:
    assert list(char_batches(["aa", "bb", "cccc", "d"], 4)) == [["aa", "bb"], ["cccc"], ["d"]]
    assert list(char_batches(["x" * 9, "y"], 4)) == [["x" * 9], ["y"]]
    assert list(char_batches([], 4)) == []


def contract(annotation: Annotation) -> dict[str, object]:
    return to_contract(annotation, "test")


def test_small_pieces_give_the_whole_annotation(seed: Annotation, seed_text: str) -> None:
    """The seed article's paragraphs one or two at a time: the same spans, people (one per
    individual across pieces, ids P1..), roles and events as the text annotated whole."""
    assert seed_text.count("\n") >= 6
    pieced = Annotator(piece_chars=700).annotate(seed_text)
    assert contract(pieced) == contract(seed)
    kim = [p for p in pieced.people if p.name == "Kim Jong Un"]
    assert len(kim) == 1 and len(kim[0].mentions) > 10


def test_one_long_line_is_cut_at_sentences(annotator: Annotator, seed_text: str) -> None:
    """Without line breaks the pieces are cut at sentence starts the parser found."""
    line = seed_text.replace("\n", " ")
    assert contract(Annotator(piece_chars=700).annotate(line)) == contract(annotator.annotate(line))


def test_text_without_spaces_longer_than_max_length(annotator: Annotator) -> None:
    text = "x" * 1_100_000
    assert len(text) > annotator.nlp.max_length
    annotation = annotator.annotate(text)
    assert annotation.text == text
    assert annotation.validate() is annotation


@pytest.fixture(scope="module")
def ruled() -> Language:
    """A blank English pipeline whose only entity is "Bank of Oslo" (ORG), with the annotui
    components: fast on a megabyte, and no parse (pieces are cut at spaces)."""
    import annotate.components  # noqa: F401  (registers the factories)

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": "Bank of Oslo"}])  # type: ignore[attr-defined]
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def orgs(nlp: Language, text: str, limit: int) -> list[tuple[int, str]]:
    (doc,) = annotate_docs(nlp, [text], limit)
    assert doc.text == text
    return [(e.start_char, e.text) for e in doc.ents]


def test_a_cut_never_falls_inside_an_entity(ruled: Language) -> None:
    sentence = "the Bank of Oslo lent money to farmers and "
    text = sentence * 40
    expected = [(i * len(sentence) + 4, "Bank of Oslo") for i in range(40)]
    for limit in (57, 70, 100, 200):
        assert orgs(ruled, text, limit) == expected, limit


def test_a_single_line_over_a_million_characters(ruled: Language) -> None:
    sentence = "the Bank of Oslo lent money to farmers and "
    text = sentence * (1_000_000 // len(sentence) + 1000)
    assert len(text) > ruled.max_length and "\n" not in text
    found = orgs(ruled, text, 100_000)
    assert len(found) == text.count("Bank of Oslo")
