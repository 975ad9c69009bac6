"""Snapshots of editing in the article view: a selection over entity tints, and the label picker.

Regenerate after a deliberate change with ``pytest tests/tui/test_snapshots_edit.py
--snapshot-update`` and look at the SVGs in ``__snapshots__`` before committing them.
"""

from __future__ import annotations

from typing import Any

from tests.tui.view_helpers import ViewApp, seed_annotation

SELECT_KEYS = ["]", "]", "ctrl+shift+right", "ctrl+shift+right", "ctrl+shift+right"]
"""From the start: two entities on (to "Russia’s"), then select three words: "Russia’s Far East"."""


def test_selection_over_entities_80x24(snap_compare: Any) -> None:
    """A token-snapped selection drawn over the PERSON tint, the cursor at its end."""
    assert snap_compare(ViewApp(seed_annotation()), terminal_size=(80, 24), press=SELECT_KEYS)


def test_char_precise_selection_120x40(snap_compare: Any) -> None:
    """Character-precise mode: the selection ends mid-word and the header says so."""
    keys = ["c", "]", "]", "shift+right", "shift+right", "shift+right", "shift+right"]
    assert snap_compare(ViewApp(seed_annotation()), terminal_size=(120, 40), press=keys)


def test_label_picker_80x24(snap_compare: Any) -> None:
    """The picker opened beside the cursor for a marked word, filtered by "or"."""
    keys = ["ctrl+right", "ctrl+right", "v", "colon", "o", "r"]
    assert snap_compare(ViewApp(seed_annotation()), terminal_size=(80, 24), press=keys)


def test_label_picker_relabel_120x40(snap_compare: Any) -> None:
    """Enter on an entity: the picker lists the entity labels, the current one highlighted."""
    keys = ["]", "]", "]", "enter"]
    assert snap_compare(ViewApp(seed_annotation()), terminal_size=(120, 40), press=keys)
