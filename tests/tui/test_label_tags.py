"""Label tags (``Kim Jong Un[PERSON]``): what is written where, and when they are on."""

from __future__ import annotations

from types import SimpleNamespace

from tui.label_tags import choose_tags, tag_cells, tag_texts, tags_shown
from tui.span_index import Drawn


def test_each_span_end_gets_its_labels_innermost_first_once() -> None:
    drawn = [
        Drawn(0, 12, 0, "PERSON", "p1"),
        Drawn(20, 28, 0, "LOC", "l1"),
        Drawn(25, 28, 3, "PLACE", "a1"),
        Drawn(30, 35, 0, "GPE", "g1"),
        Drawn(30, 35, 0, "GPE", "g2"),  # two spans, one label
        Drawn(40, 40, 0, "DATE", "empty"),
    ]
    tags = tag_texts(drawn)
    assert tags == {12: "[PERSON]", 28: "[PLACE|LOC]", 35: "[GPE]"}
    assert tag_cells(tags) == {12: 8, 28: 11, 35: 5}


def test_a_label_with_control_characters_is_written_safely() -> None:
    assert tag_texts([Drawn(0, 3, 0, "X\x1b[31m", "x")]) == {3: "[X␛[31m]"}


class _App:
    """What :func:`tags_shown` reads of an app."""

    def __init__(self, *, no_color: bool, headless: bool, colours: str) -> None:
        self.no_color = no_color
        self.is_headless = headless
        self.console = SimpleNamespace(color_system=colours)


def test_tags_are_on_without_colour_and_in_16_colours_until_chosen() -> None:
    assert not tags_shown(_App(no_color=False, headless=False, colours="256"))
    assert not tags_shown(_App(no_color=False, headless=False, colours="truecolor"))
    assert tags_shown(_App(no_color=True, headless=False, colours="truecolor"))
    sixteen = _App(no_color=False, headless=False, colours="standard")
    assert tags_shown(sixteen)
    assert not tags_shown(_App(no_color=False, headless=True, colours="standard"))
    choose_tags(sixteen, False)  # type: ignore[arg-type]
    assert not tags_shown(sixteen)  # type: ignore[arg-type]
