"""The label picker: a small modal beside the text cursor that filters the labels as you type.

Each row shows the label's colour, its name, its wording and its key. Typing filters (a label
whose name or wording starts with the typed text comes first), up/down move, enter chooses,
escape cancels. The screen's result is the chosen label's name, or None.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Offset, Size
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from annotate.labels import LabelSpec

WIDTH = 40
"""Width of the dialog, in cells."""
MAX_ROWS = 10
"""Most label rows shown at once (the list scrolls)."""


def filter_labels(labels: Sequence[LabelSpec], query: str) -> list[LabelSpec]:
    """Return the labels matching ``query``: prefix matches of name or wording first, then
    labels holding it anywhere; configuration order within each group."""
    needle = query.strip().lower()
    if not needle:
        return list(labels)
    first: list[LabelSpec] = []
    then: list[LabelSpec] = []
    for spec in labels:
        name, words = spec.name.lower(), spec.description.lower()
        if name.startswith(needle) or words.startswith(needle) or spec.key == needle:
            first.append(spec)
        elif needle in name or needle in words:
            then.append(spec)
    return first + then


def label_row(spec: LabelSpec) -> Content:
    """Return a picker row: colour swatch, name, wording and key."""
    row = Content.assemble(
        (" ██ ", spec.colour),
        (spec.name, "bold"),
        (f"  {spec.description}", "dim"),
    )
    if spec.key:
        row += Content.assemble("  ", (f"[{spec.key}]", "italic"))
    return row


def place(anchor: Offset, size: Size, screen: Size) -> Offset:
    """Return the dialog's top-left: below the anchor cell (above it when there is no room
    below), starting at the anchor's column, kept inside the screen."""
    x = min(max(0, anchor.x), max(0, screen.width - size.width))
    y = anchor.y + 1
    if y + size.height > screen.height:
        y = anchor.y - size.height
    y = min(max(0, y), max(0, screen.height - size.height))
    return Offset(x, y)


class LabelPicker(ModalScreen[str | None]):
    """Choose a label; the dialog sits beside ``anchor`` (a screen cell, the text cursor)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="label-picker.cancel"),
        Binding("down", "cursor(1)", "Next", show=False, id="label-picker.down"),
        Binding("up", "cursor(-1)", "Previous", show=False, id="label-picker.up"),
        Binding("pagedown", "cursor(5)", "Page down", show=False, id="label-picker.page-down"),
        Binding("pageup", "cursor(-5)", "Page up", show=False, id="label-picker.page-up"),
    ]

    DEFAULT_CSS = """
    LabelPicker {
        align: left top;
        background: $background 30%;
    }
    LabelPicker > #dialog {
        width: 40;
        height: auto;
        max-height: 16;
        background: $panel;
        border: round $accent;
        padding: 0 1;
    }
    LabelPicker #title {
        color: $text-muted;
        width: 100%;
    }
    LabelPicker Input, LabelPicker Input:focus {
        border: none;
        height: 1;
        padding: 0;
        background: $boost;
    }
    LabelPicker OptionList {
        border: none;
        padding: 0;
        height: auto;
        max-height: 10;
        background: $panel;
    }
    LabelPicker #empty {
        color: $text-muted;
        display: none;
    }
    """

    def __init__(
        self,
        labels: Sequence[LabelSpec],
        *,
        anchor: tuple[int, int] = (0, 0),
        current: str | None = None,
        title: str = "Label",
    ) -> None:
        super().__init__()
        self.labels = tuple(labels)
        """Every label offered, in configuration order."""
        self.anchor = Offset(*anchor)
        """The screen cell the dialog is placed beside."""
        self.current = current
        """The label highlighted first (the entity's label when relabelling)."""
        self.title_text = title
        """What the dialog says it picks ("Add a span", "Relabel “Kim”")."""

    def compose(self) -> ComposeResult:
        """Title, filter input, label list."""
        with Vertical(id="dialog"):
            yield Static(Content(self.title_text), id="title")
            yield Input(placeholder="type to filter…", id="filter")
            yield OptionList(id="labels")
            yield Static("no label matches", id="empty")

    def on_mount(self) -> None:
        """Fill the list, place the dialog beside the anchor and focus the filter."""
        self._fill("")
        if self.current is not None:
            options = self.query_one(OptionList)
            for index, spec in enumerate(self.labels):
                if spec.name == self.current:
                    options.highlighted = index
        rows = min(MAX_ROWS, max(1, len(self.labels)))
        dialog = self.query_one("#dialog")
        dialog.styles.offset = place(self.anchor, Size(WIDTH, rows + 4), self.app.size)
        self.query_one(Input).focus()

    def _fill(self, query: str) -> None:
        options = self.query_one(OptionList)
        shown = filter_labels(self.labels, query)
        options.set_options(Option(label_row(spec), id=spec.name) for spec in shown)
        if shown:
            options.highlighted = 0
        self.query_one("#empty").display = not shown
        options.display = bool(shown)

    @on(Input.Changed)
    def _filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one(OptionList)
        option = options.highlighted_option
        if option is not None and option.id is not None:
            self.dismiss(option.id)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(event.option.id)

    @property
    def shown(self) -> tuple[str, ...]:
        """Names of the labels the list shows now, in order."""
        options = self.query_one(OptionList)
        return tuple(
            option.id
            for option in (options.get_option_at_index(i) for i in range(options.option_count))
            if option.id is not None
        )

    @property
    def highlighted(self) -> str | None:
        """Name of the highlighted label, if any."""
        option = self.query_one(OptionList).highlighted_option
        return None if option is None else option.id

    def action_cursor(self, step: int) -> None:
        """Move the highlight in the list."""
        options = self.query_one(OptionList)
        if not options.option_count:
            return
        current = options.highlighted if options.highlighted is not None else 0
        options.highlighted = max(0, min(options.option_count - 1, current + step))

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
