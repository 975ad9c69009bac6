"""The help screen: the keys of the screen below it and what that screen is for."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

GENERAL_HELP = (
    "ctrl+p opens the command palette: every action below, the theme toggle and "
    "“Open article: …” for each article."
)
"""Shown under every screen's own explanation."""


_HORIZONTAL = frozenset({"scroll_left", "scroll_right", "page_left", "page_right"})
"""Horizontal scrolling actions Textual adds to every scrollable widget: noise in help."""
_TEXTUAL_SCREEN_KEYS = frozenset((b.key, b.action) for b in Binding.make_bindings(Screen.BINDINGS))
_TEXTUAL_APP_KEYS = frozenset(
    [(b.key, b.action) for b in Binding.make_bindings(App.BINDINGS)]
    + [(App.COMMAND_PALETTE_BINDING, "command_palette")]
)


_DESCRIPTIONS = {"command_palette": "Command palette"}
"""Clearer words for Textual's own bindings."""


def _rank(active: ActiveBinding, screen: Screen[object]) -> int:
    binding = active.binding
    if active.node is screen:
        return 3 if (binding.key, binding.action) in _TEXTUAL_SCREEN_KEYS else 0
    if active.node is screen.app:
        return 3 if (binding.key, binding.action) in _TEXTUAL_APP_KEYS else 1
    return 2


def ordered_bindings(screen: Screen[object]) -> list[ActiveBinding]:
    """The described, non-system bindings active on ``screen``, most specific to it first.

    Order: the screen's own, the app's, the focused widget's, then Textual's defaults
    (tab, copy, ctrl+q). Horizontal scrolling is left out.
    """
    found = [
        active
        for active in screen.active_bindings.values()
        if not active.binding.system
        and active.binding.description
        and active.binding.action not in _HORIZONTAL
    ]
    return sorted(found, key=lambda active: _rank(active, screen))


def key_rows(screen: Screen[object]) -> list[tuple[str, str]]:
    """Return (keys, description) for each action bound on ``screen`` now, in help order.

    Keys bound to the same action are joined ("q/^q").
    """
    app = screen.app
    rows: dict[tuple[int, str], tuple[list[str], str]] = {}
    for active in ordered_bindings(screen):
        binding = active.binding
        key = (id(active.node), binding.action)
        description = _DESCRIPTIONS.get(binding.action, binding.description)
        keys, _ = rows.setdefault(key, ([], description))
        display = app.get_key_display(binding)
        if display not in keys:
            keys.append(display)
    return [("/".join(keys), description) for keys, description in rows.values()]


class HelpScreen(ModalScreen[None]):
    """A modal listing keys and a short explanation; escape, ? or q closes it."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        background: $background 60%;
    }
    HelpScreen > #help-box {
        width: 72;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $primary;
        border-title-color: $text;
        border-subtitle-color: $text-muted;
        background: $surface;
        padding: 0 1;
    }
    HelpScreen #help-about {
        color: $text;
        margin-bottom: 1;
    }
    HelpScreen #help-keys {
        height: auto;
        max-height: 100%;
    }
    HelpScreen #help-general {
        color: $text-muted;
        margin-top: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close help", id="help.close"),
        Binding("question_mark", "close", "Close help", show=False, id="help.close-question"),
        Binding("q", "close", "Close help", show=False, id="help.close-q"),
    ]

    def __init__(self, title: str, about: str, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.help_title = title
        """Name of the screen the help is for."""
        self.about = about
        """What that screen is for."""
        self.rows = rows
        """(keys, description) pairs."""

    @classmethod
    def for_screen(cls, screen: Screen[object]) -> HelpScreen:
        """Build the help of ``screen`` from its bindings and its ``HELP`` text."""
        about = getattr(screen, "HELP", None)
        if not isinstance(about, str) or not about.strip():
            about = "Keys of this screen."
        title = getattr(screen, "HELP_TITLE", None) or type(screen).__name__.removesuffix("Screen")
        return cls(str(title), " ".join(about.split()), key_rows(screen))

    def compose(self) -> ComposeResult:
        width = max((len(keys) for keys, _ in self.rows), default=4)
        lines = [
            Content.assemble((keys.ljust(width), "bold $accent"), "  ", description)
            for keys, description in self.rows
        ]
        with Vertical(id="help-box") as box:
            box.border_title = f"Help · {self.help_title}"
            box.border_subtitle = "escape closes"
            yield Static(Content(self.about), id="help-about")
            with VerticalScroll(id="help-keys"):
                yield Static(Content("\n").join(lines), id="help-table")
            yield Static(Content(GENERAL_HELP), id="help-general")

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss()
