"""Label tags: each span's label written after it (``Sergei Shoigu[PERSON]``).

Colour tells labels apart at a glance; without colour (``NO_COLOR``, a monochrome terminal, a
reader who does not tell the tints apart) the tags do. They are drawn between characters and
are not part of the text: the layout (:mod:`tui.text_layout`) counts their cells, the caret and
the mouse step over them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Final
from weakref import WeakKeyDictionary

from rich.cells import cell_len

from tui.safe_text import printable
from tui.span_index import Drawn
from tui.text_layout import TagCells

if TYPE_CHECKING:
    from textual.app import App

OPEN: Final = "["
CLOSE: Final = "]"
JOIN: Final = "|"
"""Between the labels of spans that end at the same character (innermost first)."""


def tag_texts(drawn: Iterable[Drawn]) -> dict[int, str]:
    """The tag drawn after each span end: offset -> ``[LABEL]``, or ``[ROLE|PERSON]`` when
    several spans end there (the one starting last first; a label once)."""
    ending: dict[int, list[Drawn]] = {}
    for span in drawn:
        if span.end > span.start:
            ending.setdefault(span.end, []).append(span)
    tags: dict[int, str] = {}
    for end, spans in ending.items():
        spans.sort(key=lambda span: (-span.start, span.rank))
        labels = dict.fromkeys(printable(span.label) for span in spans)
        tags[end] = OPEN + JOIN.join(labels) + CLOSE
    return tags


def tag_cells(tags: dict[int, str]) -> TagCells:
    """The cells each tag takes (with their sums at hand for the caret's columns)."""
    return TagCells({offset: cell_len(text) for offset, text in tags.items()})


_shown: WeakKeyDictionary[App[object], bool] = WeakKeyDictionary()


FEW_COLOURS: Final = frozenset({"standard", "windows"})
"""Rich's names of the terminals with 16 colours (fewer than the labels)."""


def tags_shown(app: App[object]) -> bool:
    """Whether the article views of ``app`` write labels as tags: as last chosen (``#``), else
    when the app has no colour (``NO_COLOR``) or its terminal has 16 (a headless app, drawn
    to no terminal, counts as coloured)."""
    chosen = _shown.get(app)
    if chosen is not None:
        return chosen
    few = not app.is_headless and app.console.color_system in FEW_COLOURS
    return app.no_color or few


def choose_tags(app: App[object], show: bool) -> None:
    """Remember for the app's next article views whether they show label tags."""
    _shown[app] = show
