"""What the article screen's header says: pure, so it is tested without an app.

The screen holds a :class:`HeaderState` in a reactive; its watcher draws :func:`header_text`.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.safe_text import printable

ROOM_LEFT = 24
"""Columns the header keeps for its own parts (icon, clock) besides title and sub-title."""
LEAST_ROOM = 12


@dataclass(frozen=True, slots=True)
class HeaderState:
    """Everything the header shows besides the title."""

    status: str = ""
    """The article's review status (``new``, ``in_progress``, ``reviewed``)."""
    counts: str = ""
    """``3 people · 2 events``, or what stands in for them (``annotating…``)."""
    model_failed: bool = False
    """The model failed on the article (said while it is still new)."""
    marking: bool = False
    """The text selection follows the cursor (``v``)."""
    char_precise: bool = False
    """The selection moves by characters, not words (``c``)."""

    def sub_title(self) -> str:
        """``in progress · 3 people · 2 events · mark``."""
        parts = [printable(self.status).replace("_", " ")]
        if self.model_failed and self.status == "new":
            parts.append("model failed")
        parts.append(self.counts)
        if self.marking:
            parts.append("mark")
        if self.char_precise:
            parts.append("char-precise")
        return " · ".join(part for part in parts if part)


def header_text(state: HeaderState, title: str, width: int) -> tuple[str, str]:
    """The header's title and sub-title at ``width`` columns: the title (made printable) is
    shortened with ``…`` to leave the sub-title its room."""
    sub_title = state.sub_title()
    title = printable(title) or "(untitled)"
    room = max(LEAST_ROOM, width - len(sub_title) - ROOM_LEFT)
    shown = title if len(title) <= room else title[: room - 1].rstrip() + "…"
    return shown, sub_title
