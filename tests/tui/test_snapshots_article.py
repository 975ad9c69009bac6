"""Snapshots of the article view: 80x24 and 120x40, dark and light, and with a person selected.

Regenerate after a deliberate change with ``pytest tests/tui/test_snapshots_article.py
--snapshot-update`` and look at the SVGs in ``__snapshots__`` before committing them.
"""

from __future__ import annotations

from typing import Any

from tests.tui.view_helpers import ViewApp, seed_annotation


def test_article_view_80x24_dark(snap_compare: Any) -> None:
    assert snap_compare(ViewApp(seed_annotation()), terminal_size=(80, 24))


def test_article_view_120x40_dark(snap_compare: Any) -> None:
    assert snap_compare(ViewApp(seed_annotation()), terminal_size=(120, 40))


def test_article_view_120x40_light(snap_compare: Any) -> None:
    app = ViewApp(seed_annotation(), theme="textual-light")
    assert snap_compare(app, terminal_size=(120, 40))


def test_article_view_person_selected_80x24(snap_compare: Any) -> None:
    """Sergei Shoigu selected: the text has scrolled to his first mention."""
    app = ViewApp(seed_annotation())
    assert snap_compare(app, terminal_size=(80, 24), press=["tab", "down", "down", "down"])


def test_article_view_event_selected_120x40(snap_compare: Any) -> None:
    """The "welcomed" meeting selected: trigger and both participants stand out."""
    app = ViewApp(seed_annotation())
    assert snap_compare(app, terminal_size=(120, 40), press=["3", "down", "down"])
