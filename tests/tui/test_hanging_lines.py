"""A panel row's lines wrap with a hanging indent, so a wrapped detail never reads as a new row."""

from __future__ import annotations

from textual.content import Content
from textual.style import Style
from textual.visual import RenderOptions

from tui.widgets.events_panel import prompt_of_event
from tui.widgets.hanging_lines import HANG, HangingLines

RULES: dict[str, object] = {}


def rendered(visual: HangingLines, width: int) -> list[str]:
    """The visual's lines as drawn at ``width``, trailing blanks removed."""
    options = RenderOptions(lambda style: Style(), RULES)  # type: ignore[arg-type]
    strips = visual.render_strips(width, None, Style(), options)
    assert all(strip.cell_length == width for strip in strips)
    return [strip.text.rstrip() for strip in strips]


def test_a_wrapped_line_continues_further_in_than_it_starts() -> None:
    event = prompt_of_event(
        ("Movement", "arrived", (("agent", "Kim"), ("where", "a cosmodrome in Russia’s Far East")))
    )
    lines = rendered(event, 24)
    assert lines == [
        "Movement  arrived",
        "  agent: Kim",
        "  where: a cosmodrome",
        "    in Russia’s Far East",
    ]
    assert event.get_height(RULES, 24) == len(lines)  # type: ignore[arg-type]


def test_lines_that_fit_are_drawn_as_they_are() -> None:
    visual = HangingLines([(0, Content("Kim Jong Un  6 mentions")), (2, Content("leader"))])
    assert rendered(visual, 40) == ["Kim Jong Un  6 mentions", "  leader"]
    assert visual.get_height(RULES, 40) == 2  # type: ignore[arg-type]
    assert visual.get_optimal_width(RULES, 80) == len("Kim Jong Un  6 mentions")  # type: ignore[arg-type]
    assert str(visual) == "Kim Jong Un  6 mentions\n  leader"


def test_a_row_is_a_value() -> None:
    """Equal rows are equal (the panels reuse a row's prompt while its key is unchanged)."""
    one = HangingLines([(0, Content("a")), (2, Content("b"))])
    assert one == HangingLines([(0, Content("a")), (2, Content("b"))])
    assert hash(one) == hash(HangingLines([(0, Content("a")), (2, Content("b"))]))
    assert one != HangingLines([(0, Content("a")), (HANG + 2, Content("b"))])
