"""A list row of several lines, each wrapped with a hanging indent.

In a narrow side panel a long detail ("where: a cosmodrome in Russia’s Far East") wraps. With
plain :class:`~textual.content.Content` the wrapped part starts at the panel's edge and reads
as the start of a new row; here it continues :data:`HANG` cells further in than its line.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.repr import Result
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

HANG = 2
"""How much further in than its line a wrapped part continues, in cells."""


class HangingLines(Visual):
    """Lines of content, each at its own indent; a line too long for the width wraps, and its
    continuation is indented :data:`HANG` cells more."""

    def __init__(self, lines: Sequence[tuple[int, Content]]) -> None:
        """``lines``: ``(indent in cells, content)`` of every line, top to bottom."""
        self.lines = tuple(lines)

    def __rich_repr__(self) -> Result:
        yield list(self.lines)

    @property
    def plain(self) -> str:
        """The text without styles, one line per line, each at its indent."""
        return "\n".join(" " * indent + content.plain for indent, content in self.lines)

    def __str__(self) -> str:
        return self.plain

    def __eq__(self, other: object) -> bool:
        return isinstance(other, HangingLines) and self.lines == other.lines

    def __hash__(self) -> int:
        return hash(self.lines)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max(
            (indent + content.get_optimal_width(rules, container_width))
            for indent, content in self.lines
        )

    def get_minimal_width(self, rules: RulesMap) -> int:
        return max(
            (indent + HANG + content.get_minimal_width(rules)) for indent, content in self.lines
        )

    def get_height(self, rules: RulesMap, width: int) -> int:
        return sum(
            content.get_height(rules, max(1, width - indent - HANG))
            for indent, content in self.lines
        )

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        strips: list[Strip] = []
        rich_style = style.rich_style
        for indent, content in self.lines:
            inner = width - indent - HANG
            if inner < 1:
                continue
            for number, strip in enumerate(content.render_strips(inner, None, style, options)):
                left = indent if number == 0 else indent + HANG
                strips.append(strip.crop_pad(inner, left, width - inner - left, rich_style))
        return strips if height is None else strips[:height]
