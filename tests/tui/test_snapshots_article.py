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


def _reviewed_in_part() -> Any:
    """The seed with Kim's and Putin's mentions left as model suggestions and "Russia’s Far
    East" rejected: suggestions dim, decisions plain, the rejection struck through (X)."""
    from dataclasses import replace

    from annotate.model import Provenance

    annotation = seed_annotation()
    text = annotation.text
    suggested = Provenance(annotator="en_core_web_sm", rule="ner")
    rejected = Provenance(source="human", annotator="ana", state="rejected", rule="ner")
    spans = []
    for span in annotation.spans:
        covered = span.text_in(text)
        if covered in ("Kim", "Kim Jong Un", "Putin", "Vladimir Putin"):
            span = replace(span, provenance=suggested)
        elif covered == "Russia":
            span = replace(span, provenance=rejected)
        spans.append(span)
    return replace(annotation, spans=tuple(spans))


def test_suggestions_decisions_and_rejections_80x24(snap_compare: Any) -> None:
    """The cursor on Kim Jong Un: the status line says what the suggestion is and why."""

    async def look(pilot: Any) -> None:
        from tui.widgets.article_text import ArticleText

        await pilot.press("X")
        text = pilot.app.screen.query_one(ArticleText)
        text.set_cursor(text.text.index("Kim Jong Un") + 1)
        pilot.app.clear_notifications()
        await pilot.pause()

    app = ViewApp(_reviewed_in_part())
    assert snap_compare(app, terminal_size=(80, 24), run_before=look)


def test_article_view_without_colour_80x24(snap_compare: Any, monkeypatch: Any) -> None:
    """``NO_COLOR``: grey tints, and each span's label written after it."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(ViewApp(seed_annotation()), terminal_size=(80, 24))
