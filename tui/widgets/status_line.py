"""One line of text under the article: what the span under the cursor is."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


class StatusLine(Widget):
    """A line of text that redraws only itself when it changes (no layout pass: it is shown
    after every cursor move and every edit)."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._line = Text()

    def show(self, line: Text) -> None:
        """Show ``line`` (a Rich ``Text``: never read as markup)."""
        if line == self._line:
            return
        self._line = line
        self.refresh()

    def render(self) -> Text:
        """The line shown."""
        return self._line
