"""The text cursor and the selection below Textual (tui.caret): every movement, the mark,
character-precise selections, and properties over random key runs."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotate import tokens
from annotate.model import Span
from tui.caret import UNITS, Caret, wrapped
from tui.span_index import SpanIndex

TEXT = (
    "North Korean leader Kim Jong Un arrived at a cosmodrome in Russia. "
    "Putin welcomed him at the entrance.\n"
    "The two leaders then toured the launch site together, officials said."
)


def caret(text: str = TEXT, spans: tuple[Span, ...] = ()) -> Caret:
    index = SpanIndex(len(text), lambda label: 3, 3)
    index.set_spans(spans)
    return Caret(text, index)


def test_char_word_and_sentence_moves() -> None:
    at = caret()
    at.place(at.target("word", 1))
    assert at.offset == TEXT.index("Korean")
    at.place(at.target("char", 2))
    assert at.offset == TEXT.index("Korean") + 2
    at.place(at.target("word", -1))
    assert at.offset == TEXT.index("Korean")
    at.place(at.target("sentence", 1))
    assert at.offset == TEXT.index("Putin")
    at.place(at.target("sentence", -1))
    assert at.offset == 0
    assert at.target("char", -5) == 0 and at.target("text", 1) == len(TEXT)


def test_entity_moves_stop_at_entity_starts() -> None:
    kim, russia = TEXT.index("Kim"), TEXT.index("Russia")
    spans = (Span("T1", kim, kim + 11, "PERSON"), Span("T2", russia, russia + 6, "GPE"))
    at = caret(spans=spans)
    at.place(at.target("entity", 1))
    assert at.offset == kim
    at.place(at.target("entity", 1))
    assert at.offset == russia
    assert at.target("entity", 1) == russia  # no entity after: the cursor stays
    assert at.target("entity", -1) == kim
    assert Caret(TEXT).target("entity", 1) == 0  # no index: no entity stops


def test_vertical_moves_keep_their_column_and_home_end_stay_on_the_line() -> None:
    lines = wrapped(TEXT, 30, height=3)
    at = caret()
    at.place(TEXT.index("leader") + 2)
    start = at.offset
    at.place(at.target("line", 1, lines))
    assert lines.line_of(at.offset) == 1
    at.place(at.target("line", 1, lines))
    at.place(at.target("line", -1, lines))
    at.place(at.target("line", -1, lines))
    assert at.offset == start  # the goal column held through the round trip
    line = lines.lines()[lines.line_of(at.offset)]
    assert at.target("home", 0, lines) == line.start
    assert (
        TEXT[line.start : at.target("end", 0, lines)].rstrip()
        == TEXT[line.start : line.end].rstrip()
    )
    at.place(at.target("page", 1, lines))
    assert lines.line_of(at.offset) == 2  # a page is the height less one
    assert at.target("word", 1) and at.goal is None  # any other move forgets the column


def test_the_first_and_last_line_move_to_the_text_ends() -> None:
    lines = wrapped(TEXT, 30)
    at = caret()
    at.place(5)
    assert at.target("line", -1, lines) == 0
    at.place(len(TEXT) - 3)
    assert at.target("line", 1, lines) == len(TEXT)


def test_shift_moves_select_snapped_to_tokens_unless_precise() -> None:
    at = caret()
    kim = TEXT.index("Kim")
    at.place(kim + 1)
    at.place(kim + 6, extend=True)  # "im Jo"
    assert at.selection() == (kim, kim + 8)  # "Kim Jong"
    at.set_precise(True)
    assert at.selection() == (kim + 1, kim + 6)
    moved = at.place(kim + 20)  # a move without shift drops the selection
    assert at.selection() is None and moved.before == (kim + 1, kim + 6) and moved.after is None


def test_the_mark_selects_the_token_under_the_cursor_and_moves_extend_it() -> None:
    at = caret()
    kim = TEXT.index("Kim")
    at.place(kim + 1)
    at.toggle_mark()
    assert at.marking and at.selection() == (kim, kim + 3)
    at.place(at.target("word", 1))  # to the start of "Jong": still "Kim"
    assert at.selection() == (kim, kim + 3)
    at.place(at.target("word", 1))  # to the start of "Un": "Kim Jong"
    assert at.selection() == (kim, kim + 8)
    at.toggle_mark()
    assert not at.marking and at.selection() is None


def test_select_and_clear() -> None:
    at = caret()
    moved = at.select(-5, 5)  # clamped
    assert at.selection() == (0, 5) and at.offset == 5 and moved.after == (0, 5)
    moved = at.clear()
    assert at.selection() is None and moved.before == (0, 5) and at.offset == 5


moves = st.lists(
    st.tuples(st.sampled_from(UNITS), st.sampled_from((-1, 1)), st.booleans()),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(moves=moves, width=st.integers(5, 60), precise=st.booleans(), mark=st.booleans())
def test_any_run_of_keys_keeps_the_cursor_and_selection_in_the_text(
    moves: list[tuple[str, int, bool]], width: int, precise: bool, mark: bool
) -> None:
    lines = wrapped(TEXT, width, height=4)
    kim = TEXT.index("Kim")
    at = caret(spans=(Span("T1", kim, kim + 11, "PERSON"),))
    at.set_precise(precise)
    if mark:
        at.toggle_mark()
    for unit, step, extend in moves:
        moved = at.place(at.target(unit, step, lines), extend=extend)
        assert 0 <= at.offset <= len(TEXT) and moved.new == at.offset
        selected = at.selection()
        if selected is not None:
            start, end = selected
            assert 0 <= start < end <= len(TEXT)
            if not precise:
                assert (start, end) == tokens.snap(TEXT, start, end)
        if not (extend or mark):
            assert selected is None


@given(st.integers(0, len(TEXT)))
def test_word_moves_forward_visit_increasing_offsets_to_the_end(start: int) -> None:
    at = caret()
    at.place(start)
    seen = [at.offset]
    while at.offset < len(TEXT):
        at.place(at.target("word", 1))
        assert at.offset > seen[-1]
        seen.append(at.offset)
    assert seen[-1] == len(TEXT)
