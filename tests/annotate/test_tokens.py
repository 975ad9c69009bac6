"""The spaCy-free tokenizer and the cursor helpers built on it."""

from __future__ import annotations

import time

import pytest

from annotate import tokens
from annotate.edits import add_span, reject_span
from tests.annotate.conftest import SEED
from tests.annotate.edit_helpers import BY, small, span_at

CASES = [
    "Soo-suk 18-month-long Russia-North Korea well-known x-ray",
    "Kim's Russia’s don't can't won't they're I'm we'll O'Neill rock'n'roll",
    "Mr. Putin met Dr. Lee and U.S. and U.N. officials, e.g. at 10:30 a.m. on Sept. 12.",
    'It cost $5.5 billion (about 5%) or 1,000,000 won... really?! "Yes," he said—no. 3.5km',
    "J. Smith met U.K. and E.U. officials in N.Y. and the U.S. 18th G7 2023-09-13",
    "email a@b.com or http://x.org/a?b=c. #tag “Quoted” ‘single’ (paren) [br] 50/50",
    "He said: \"I can't.\" Then—after a pause—left (quietly). Kim’S Jesus' disciples",
]
KNOWN_DIFFERENCES = {"and/or", "@user", "5km", ":-)"}


def pieces(text: str) -> list[str]:
    return [text[s:e] for s, e in tokens.token_spans(text)]


def spacy_pieces(text: str) -> list[str]:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    return [t.text for t in nlp.tokenizer(text) if not t.is_space]


def test_examples() -> None:
    assert pieces("Kim’s Soo-suk don't U.S. 1,000.") == [
        "Kim", "’s", "Soo", "-", "suk", "do", "n't", "U.S.", "1,000", ".",
    ]  # fmt: skip
    assert pieces("a  \n\n b") == ["a", "b"]
    assert pieces("") == []


@pytest.mark.parametrize("text", CASES)
def test_agrees_with_spacy(text: str) -> None:
    assert pieces(text) == spacy_pieces(text)


def test_agrees_with_spacy_on_the_seed() -> None:
    text = SEED.read_text(encoding="utf-8")
    assert pieces(text) == spacy_pieces(text)


@pytest.mark.parametrize("text", sorted(KNOWN_DIFFERENCES))
def test_documented_differences(text: str) -> None:
    assert pieces(text) != spacy_pieces(text)
    assert text in (tokens.__doc__ or "")


def test_snap_widens_to_whole_tokens() -> None:
    text = "Kim Jong Un arrived."
    assert tokens.snap(text, 1, 6) == (0, 8)  # "im Jo" → "Kim Jong"
    assert tokens.snap(text, 3, 4) == (3, 3)  # only a space
    assert tokens.snap(text, 3, 9) == (4, 8)  # spaces at the edges dropped
    assert tokens.snap(text, 3, 10) == (4, 11)
    assert tokens.snap(text, 6, 1) == (0, 8)  # backwards selection
    assert tokens.snap(text, 5, 5) == (4, 8)  # cursor: the token under it
    assert tokens.snap(text, 3, 3) == (3, 3)
    assert tokens.snap(text, 0, 100) == (0, 20)


def test_token_steps() -> None:
    text = "Kim Jong Un arrived."
    assert tokens.next_token_start(text, 0) == 4
    assert tokens.next_token_start(text, 19) == 20  # the end
    assert tokens.prev_token_start(text, 4) == 0
    assert tokens.prev_token_start(text, 0) == 0
    assert tokens.next_token_end(text, 3) == 8
    assert tokens.prev_token_end(text, 8) == 3
    assert tokens.token_at(text, 5) == (4, 8)
    assert tokens.token_at(text, 3) is None


def test_word_steps_skip_punctuation() -> None:
    text = "Kim, and — Putin."
    assert tokens.next_word_start(text, 0) == 5
    assert tokens.next_word_start(text, 5) == 11
    assert tokens.next_word_start(text, 11) == len(text)
    assert tokens.prev_word_start(text, 11) == 5


def test_word_steps_go_over_clitics() -> None:
    text = "Kim’s aides don't say it's O'Neill's"
    starts = []
    offset = 0
    while (offset := tokens.next_word_start(text, offset)) < len(text):
        starts.append(text[offset:].split()[0])
    assert starts == ["aides", "don't", "say", "it's", "O'Neill's"]
    assert tokens.prev_word_start(text, text.index("aides")) == 0
    assert tokens.token_at(text, 4) == (3, 5)  # "’s" is still a token of its own


def test_sentences() -> None:
    text = 'Mr. Kim met U.S. officials. "Yes," he said. Then he left!\nNew line'
    found = [text[s:e] for s, e in tokens.sentence_spans(text)]
    assert found == [
        "Mr. Kim met U.S. officials.",
        '"Yes," he said.',
        "Then he left!",
        "New line",
    ]
    second = text.index('"Yes')
    assert tokens.next_sentence_start(text, 0) == second
    assert tokens.prev_sentence_start(text, second + 3) == second
    assert tokens.sentence_at(text, second + 3) == (second, text.index(" Then"))


def test_seed_sentences_start_with_a_capital() -> None:
    text = SEED.read_text(encoding="utf-8")
    found = tokens.sentence_spans(text)
    assert len(found) > 20
    assert all(text[s].isupper() or text[s] in "“\"'‘" for s, _ in found)


def test_entity_steps_skip_rejected_and_other_layers() -> None:
    a = small()
    moscow = a.span(span_at(a, "Moscow"))
    tuesday = a.span(span_at(a, "Tuesday"))
    after = tokens.entity_after(a, moscow.start)
    assert after is not None and after.id == tuesday.id
    b = reject_span(a, tuesday.id, by=BY).apply(a)
    after = tokens.entity_after(b, moscow.start)
    assert after is not None and b.span_text(after.id) == "Kim"
    before = tokens.entity_before(a, tuesday.start)
    assert before is not None and before.id == moscow.id
    trigger = tokens.entity_after(a, 0, layer="event")
    assert trigger is not None and a.span_text(trigger.id) == "welcomed"
    assert tokens.entity_before(a, 0) is None
    assert tokens.entity_after(a, len(a.text)) is None


def test_entities_at_innermost_first() -> None:
    a = small()
    b = add_span(
        a, *(a.text.index("Foreign Ministry spokesperson"), len(a.text) - 1), "ROLE", by=BY
    )
    c = b.apply(a)
    found = tokens.entities_at(c, c.text.index("Ministry"))
    assert [s.label for s in found] == ["ORG", "ROLE"]


def test_a_long_article_tokenises_once_and_fast() -> None:
    text = " ".join(["Kim Jong Un’s 1,000 well-known U.S. visits."] * 7_000)  # ~50,000 words
    started = time.process_time()
    spans = tokens.token_spans(text)
    first = time.process_time() - started
    started = time.process_time()
    for offset in range(0, len(text), 997):
        tokens.snap(text, offset, offset + 20)
        tokens.next_token_start(text, offset)
    later = time.process_time() - started
    assert len(spans) > 50_000
    assert first < 2.0
    assert later < first


def test_a_selection_grown_by_words_stops_at_word_ends() -> None:
    from annotate.tokens import next_word_end

    text = "The interim leader’s plan, approved."
    interim = text.index("interim")
    assert next_word_end(text, interim) == interim + len("interim")
    assert next_word_end(text, interim + 3) == interim + len("interim")
    leader = text.index("leader")
    assert next_word_end(text, interim + len("interim")) == leader + len("leader")
    assert next_word_end(text, text.index(",")) == text.index(" approved") + len(" approved")
    assert next_word_end(text, len(text) - 1) == len(text)
