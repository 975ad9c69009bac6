"""A modal asking for a path: the file or folder to import from, the file to export to."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Static

PLACEHOLDER = "file.txt, folder/ or batch.jsonl"
"""What the import takes, in short, inside the empty input."""
HINT = "A text file, a folder of *.txt files, or a .jsonl of extraction-contract lines."
"""What the import takes, said above the input."""


IMPORTABLE = (".txt", ".jsonl", ".json")
"""File names the completion offers (folders are always offered)."""


def complete_path(value: str) -> str | None:
    """The first folder or importable file whose path starts with ``value`` (``~`` kept as
    typed; a folder ends in ``/``); hidden entries only when asked for with a dot."""
    head, _, prefix = value.rpartition("/")
    folder = Path(head or ("/" if value.startswith("/") else ".")).expanduser()
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return None
    for entry in entries:
        name = entry.name
        if not name.startswith(prefix) or (name.startswith(".") and not prefix.startswith(".")):
            continue
        is_dir = entry.is_dir()
        if is_dir or name.endswith(IMPORTABLE):
            return value[: len(value) - len(prefix)] + name + ("/" if is_dir else "")
    return None


class PathSuggester(Suggester):
    """Completes file and folder names in the path input (right arrow takes the completion)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        """The completion of ``value``, if a folder or importable file starts with it (the
        folder is read in a thread: it may be large, or on a slow disk)."""
        return await asyncio.to_thread(complete_path, value) if value else None


class PathDialog(ModalScreen[str | None]):
    """An input for a path; enter returns it absolute (``~`` expanded), escape ``None``."""

    CSS_PATH = "item_dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="path.cancel"),
    ]

    def __init__(
        self,
        title: str = "Import articles from",
        hint: str = HINT,
        placeholder: str = PLACEHOLDER,
        verb: str = "import",
        default: str | None = None,
    ) -> None:
        super().__init__(classes="item-dialog")
        self.title_text = title
        """The question the dialog asks."""
        self.hint, self.placeholder, self.verb = hint, placeholder, verb
        self.default = default
        """The path enter takes with the input empty (None: enter asks for one)."""

    def compose(self) -> ComposeResult:
        """Title, what it takes, the input, key hint."""
        with Vertical(id="dialog"):
            yield Static(Content.styled(self.title_text, "bold"), id="dialog-title")
            yield Static(Content.styled(self.hint, "dim"), id="path-hint")
            yield Input(placeholder=self.placeholder, suggester=PathSuggester(), id="path")
            keys = f"→ complete · enter {self.verb} · esc cancel"
            yield Static(Content.styled(keys, "dim"), id="dialog-hint")

    def on_mount(self) -> None:
        """Focus the input."""
        self.query_one(Input).focus()

    @on(Input.Submitted, "#path")
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        path = event.value.strip() or self.default or ""  # "-" is a file here, not stdin
        if not path:
            hint = self.query_one("#path-hint", Static)
            hint.update(Content.styled(f"Type a path to {self.verb} first. {self.hint}", "bold"))
            hint.add_class("-error")
            return
        self.dismiss(str(Path(path).expanduser().absolute()))

    def action_cancel(self) -> None:
        """Close without importing."""
        self.dismiss(None)
