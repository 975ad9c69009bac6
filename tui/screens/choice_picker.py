"""A small modal that lists choices, filters them as you type, and returns the one picked."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.visual import Visual
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.widgets.article_text import printable


@dataclass(frozen=True, slots=True)
class Choice:
    """One entry of a picker."""

    value: str
    """What the picker returns when this entry is picked."""
    prompt: Visual
    """How the entry is drawn (never markup)."""
    search: str
    """The text the filter matches against (lower case)."""
    always: bool = False
    """Shown whatever the filter (a "New person" entry)."""


def choice(value: str, label: str | None = None, *, hint: str = "") -> Choice:
    """Build a plain choice: ``label`` (default ``value``) and a dim ``hint`` after it."""
    shown = printable(label if label is not None else value)
    prompt = Content(shown)
    if hint:
        prompt += Content.styled(f"  {printable(hint)}", "dim")
    return Choice(value, prompt, f"{shown} {value}".lower())


def filter_choices(choices: Iterable[Choice], query: str) -> list[Choice]:
    """Return the choices matching every word of ``query``, those starting with it first."""
    words = query.lower().split()
    if not words:
        return list(choices)
    matching = [c for c in choices if c.always or all(w in c.search for w in words)]
    head = query.strip().lower()
    return sorted(matching, key=lambda c: (c.always, not c.search.startswith(head)))


class ChoicePicker(ModalScreen[str | None]):
    """Pick one of a list of choices: type to filter, up/down to move, enter picks, escape cancels.

    Returns the picked :attr:`Choice.value`, or ``None`` when cancelled.
    """

    CSS_PATH = "item_dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
        Binding("down", "move(1)", "Next", show=False, id="picker.down"),
        Binding("up", "move(-1)", "Previous", show=False, id="picker.up"),
        Binding("pagedown", "move(10)", "Page down", show=False, id="picker.pagedown"),
        Binding("pageup", "move(-10)", "Page up", show=False, id="picker.pageup"),
    ]

    def __init__(
        self,
        title: str,
        choices: Sequence[Choice | str | tuple[str, str]],
        *,
        current: str | None = None,
        placeholder: str = "Type to filter",
    ) -> None:
        super().__init__(classes="item-dialog")
        self.title_text = printable(title)
        """The question the picker asks."""
        self.choices: list[Choice] = [_as_choice(c) for c in choices]
        """Every entry, in the order given."""
        self.current = current
        """The value highlighted when the picker opens."""
        self._placeholder = placeholder
        self._shown: list[Choice] = []

    def compose(self) -> ComposeResult:
        """Title, filter input, list, key hint."""
        with Vertical(id="dialog"):
            yield Static(Content.styled(self.title_text, "bold"), id="dialog-title")
            yield Input(placeholder=self._placeholder, id="filter")
            yield OptionList(id="choices", markup=False)
            yield Static(
                Content.styled("enter pick · esc cancel", "dim"), id="dialog-hint", markup=False
            )

    def on_mount(self) -> None:
        """Show every choice, highlight the current one, focus the filter."""
        self._show("")
        if self.current is not None:
            options = self.query_one(OptionList)
            for index, shown in enumerate(self._shown):
                if shown.value == self.current:
                    options.highlighted = index
        self.query_one(Input).focus()

    @property
    def shown_values(self) -> list[str]:
        """The values of the entries the filter lets through, in list order."""
        return [c.value for c in self._shown]

    def _show(self, query: str) -> None:
        self._shown = filter_choices(self.choices, query)
        options = self.query_one(OptionList)
        options.set_options(Option(c.prompt, id=str(index)) for index, c in enumerate(self._shown))
        options.highlighted = 0 if self._shown else None

    @on(Input.Changed, "#filter")
    def _filter(self, event: Input.Changed) -> None:
        self._show(event.value)

    @on(Input.Submitted, "#filter")
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        index = self.query_one(OptionList).highlighted
        if index is not None and index < len(self._shown):
            self.dismiss(self._shown[index].value)
        else:
            self.app.bell()

    @on(OptionList.OptionSelected, "#choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self._shown[event.option_index].value)

    def action_move(self, step: int) -> None:
        """Move the highlight in the list while the filter keeps the focus."""
        options = self.query_one(OptionList)
        if not self._shown:
            return
        current = options.highlighted if options.highlighted is not None else -1
        options.highlighted = max(0, min(len(self._shown) - 1, current + step))

    def action_cancel(self) -> None:
        """Close without picking."""
        self.dismiss(None)


def _as_choice(item: Choice | str | tuple[str, str]) -> Choice:
    if isinstance(item, Choice):
        return item
    if isinstance(item, str):
        return choice(item)
    value, label = item
    return choice(value, label)
