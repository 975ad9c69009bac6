"""The text layout (wrapping, columns, offsets in a line) below Textual."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.text_layout import Line, column_of, line_index, offset_at_column, visible_end, wrap


def test_wrap_keeps_trailing_space_on_the_line_it_follows() -> None:
    text = "one two three"
    assert wrap(text, 8) == [Line(0, 8), Line(8, 13)]
    assert text[0:8] == "one two "


def test_wrap_cuts_a_word_longer_than_the_width() -> None:
    assert [Line(*line) for line in wrap("abcdefgh", 3)] == [Line(0, 3), Line(3, 6), Line(6, 8)]


def test_wide_characters_take_two_cells() -> None:
    text = "界界界 ab"
    lines = wrap(text, 4)
    assert [text[a:b] for a, b in lines] == ["界界", "界 ", "ab"]
    assert column_of(text, lines[0], 1) == 2
    assert [offset_at_column(text, lines[0], column) for column in range(4)] == [0, 0, 1, 1]


def test_offset_past_the_characters_is_none_and_visible_end_skips_spaces() -> None:
    text = "ab   cd"
    line = wrap(text, 5)[0]
    assert line == Line(0, 5)
    assert visible_end(text, line) == 2
    assert offset_at_column(text, line, 9) is None


def test_line_index_finds_the_line_of_an_offset() -> None:
    starts = [0, 6, 12]
    assert [line_index(starts, offset) for offset in (0, 5, 6, 11, 12, 40)] == [0, 0, 1, 1, 2, 2]


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab \n界x"), max_size=80),
    st.integers(min_value=1, max_value=10),
)
def test_column_and_offset_are_inverse_within_a_line(text: str, width: int) -> None:
    for line in wrap(text, width):
        for offset in range(line.start, line.end):
            column = column_of(text, line, offset)
            assert column == cell_len(text[line.start : offset])
            assert offset_at_column(text, line, column) == offset
