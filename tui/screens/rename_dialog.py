"""A modal asking for a person's new canonical name."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.widgets.article_text import printable


class RenameDialog(ModalScreen[str | None]):
    """An input prefilled with the current name; enter returns the new name (spaces tidied),
    escape — or an empty or unchanged name — returns ``None``."""

    CSS_PATH = "item_dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="rename.cancel"),
    ]

    def __init__(self, name: str, *, title: str | None = None) -> None:
        super().__init__(classes="item-dialog")
        self.current = name
        """The name the person has now."""
        self.title_text = printable(title if title is not None else f"Rename {name}")
        """The question the dialog asks."""

    def compose(self) -> ComposeResult:
        """Title, input, key hint."""
        with Vertical(id="dialog"):
            yield Static(Content.styled(self.title_text, "bold"), id="dialog-title")
            yield Input(value=printable(self.current), id="name", select_on_focus=False)
            yield Static(Content.styled("enter rename · esc cancel", "dim"), id="dialog-hint")

    def on_mount(self) -> None:
        """Focus the input with the cursor at the end of the name."""
        self.query_one(Input).focus()

    @on(Input.Submitted, "#name")
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        name = " ".join(event.value.split())
        self.dismiss(name if name and name != self.current else None)

    def action_cancel(self) -> None:
        """Close without renaming."""
        self.dismiss(None)
