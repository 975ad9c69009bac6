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


def test_a_tag_wraps_with_the_word_it_follows_and_columns_count_it() -> None:
    text = "Kim met Putin today"
    tags = {3: 8, 13: 8}  # "Kim[PERSON]", "Putin[PERSON]"
    lines = wrap(text, 20, tags)
    assert [text[a:b] for a, b in lines] == ["Kim met ", "Putin today"]
    assert column_of(text, lines[0], 4, tags) == 12  # "Kim" + tag + " "
    assert [offset_at_column(text, lines[0], c, tags) for c in (2, 3, 10, 11, 12)] == [
        2,
        2,  # a cell of the tag is the character before it
        2,
        3,
        4,
    ]
    assert column_of(text, lines[1], lines[1].start + 5, tags) == 13  # after "Putin[PERSON]"


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab \n界x"), max_size=80),
    st.integers(min_value=2, max_value=12),
    st.dictionaries(st.integers(min_value=1, max_value=80), st.integers(1, 4), max_size=8),
)
def test_tagged_lines_fit_and_columns_invert(text: str, width: int, tags: dict[int, int]) -> None:
    tags = {o: n for o, n in tags.items() if o <= len(text)}
    lines = wrap(text, width, tags)
    assert [line.start for line in lines] == sorted({line.start for line in lines})
    assert sum(b - a for a, b in lines) + text.count("\n") == len(text)  # each character once
    for line in lines:
        drawn = text[line.start : line.end].rstrip(" ")
        end = line.start + len(drawn)
        cells = cell_len(drawn) + sum(n for o, n in tags.items() if line.start < o <= end)
        one_word = len(drawn.split()) <= 1
        assert cells <= width or one_word
        for offset in range(line.start, line.end):
            column = column_of(text, line, offset, tags)
            assert offset_at_column(text, line, column, tags) == offset
