"""Snapshots of the item dialogs: the event editor, and the person picker over it.

Regenerate after a deliberate change with ``pytest tests/tui/test_edit_items_snapshots.py
--snapshot-update`` and look at the SVGs in ``__snapshots__`` before committing them.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from tests.tui.view_helpers import ViewApp, seed_annotation
from tui.screens.person_picker import PersonPicker

EDITOR_KEYS = ["3", "down", "down", "e"]
"""Focus the Events list, move onto the "welcomed" meeting, open the editor."""


def test_event_editor_80x24(snap_compare: Any) -> None:
    """The editor on "welcomed": context, type, two participants, no time, a place."""
    assert snap_compare(ViewApp(seed_annotation()), terminal_size=(80, 24), press=EDITOR_KEYS)


def test_event_editor_120x40(snap_compare: Any) -> None:
    assert snap_compare(ViewApp(seed_annotation()), terminal_size=(120, 40), press=EDITOR_KEYS)


async def footer_drawn(pilot: Pilot[None]) -> None:
    """Wait until the footer under the dialogs shows its keys: on a busy machine it can be
    drawn a frame after the dialogs (the picture would miss its last line)."""
    from textual.widgets import Footer

    for _ in range(50):
        footers = [f for screen in pilot.app.screen_stack for f in screen.query(Footer)]
        if footers and all(len(f.children) for f in footers):
            break
        await pilot.pause(0.02)
    await pilot.pause()


def test_person_picker_filtered_120x40(snap_compare: Any) -> None:
    """The editor's + opens the person picker; "ki" keeps the people named or titled so."""

    async def open_picker(pilot: Pilot[None]) -> None:
        await pilot.press(*EDITOR_KEYS, "plus", "k", "i")
        await pilot.pause()
        for _ in range(50):  # on a busy machine the filter may lag a frame behind the keys
            picker = pilot.app.screen
            if (
                isinstance(picker, PersonPicker)
                and picker.query_one(Input).value == "ki"
                and picker.query_one(OptionList).option_count == len(picker.shown_values)
            ):
                break
            await pilot.pause(0.02)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False  # a steady picture
        await footer_drawn(pilot)
        await pilot.wait_for_scheduled_animations()

    app = ViewApp(seed_annotation())
    assert snap_compare(app, terminal_size=(120, 40), run_before=open_picker)
