"""Shared pieces of the text-editing tests: a store of model suggestions, and key helpers."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rich.cells import cell_len
from textual.pilot import Pilot

from annotate.model import Annotation, Provenance, Span
from store import Store
from tests.tui.conftest import (
    RAIN_TEXT,
    TRADE_TEXT,
    make_test_app,
    rain_annotation,
    trade_annotation,
)
from tui.app import AnnotuiApp
from tui.screens.article_view import ArticleScreen
from tui.widgets.article_text import ArticleText

SUGGESTED = Provenance(source="model", annotator="en_core_web_sm", state="suggested")
"""How the model's suggestions are stored."""
TRADE_TITLE = "Trade ministers meet in Oslo"
RAIN_TITLE = "Rain floods the valley"


def suggested(annotation: Annotation) -> Annotation:
    """The annotation with every item turned into a model suggestion."""
    return annotation.with_changes(
        spans=[replace(s, provenance=SUGGESTED) for s in annotation.spans],
        people=[replace(p, provenance=SUGGESTED) for p in annotation.people],
        roles=[replace(r, provenance=SUGGESTED) for r in annotation.roles],
        events=[replace(e, provenance=SUGGESTED) for e in annotation.events],
    )


def fill_edit_store(path: Path) -> dict[str, str]:
    """A store of two new articles holding model suggestions: trade first, then rain."""
    store = Store(path)
    trade = store.add_article(TRADE_TEXT, title=TRADE_TITLE, source="trade.txt")
    store.save_annotation(trade, suggested(trade_annotation()))
    rain = store.add_article(RAIN_TEXT, title=RAIN_TITLE, source="rain.txt")
    store.save_annotation(rain, suggested(rain_annotation()))
    return {"trade": trade, "rain": rain}


def edit_app(tmp_path: Path) -> tuple[Path, dict[str, str], AnnotuiApp]:
    """A store of the trade and rain articles (:func:`fill_edit_store`) under ``tmp_path``,
    its article ids, and the app on it as the tester."""
    path = tmp_path / "store"
    ids = fill_edit_store(path)
    return path, ids, new_app(path)


def new_app(path: Path) -> AnnotuiApp:
    """The app on the store at ``path``, as the tester."""
    return make_test_app(path, annotator="tester")


async def open_article(app: AnnotuiApp, pilot: Pilot[None], article_id: str) -> ArticleScreen:
    """Open an article and wait until its screen shows; return the screen."""
    await pilot.pause()
    app.open_article(article_id)
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ArticleScreen)
    assert screen.annotation is not None
    return screen


def text_of(screen: ArticleScreen) -> ArticleText:
    """The screen's text widget."""
    return screen.query_one(ArticleText)


async def go_to(pilot: Pilot[None], text: ArticleText, offset: int) -> None:
    """Put the cursor on ``offset`` directly (the movement keys have their own tests in
    ``test_edit_text.py``; walking there key by key cost most of these tests' time)."""
    text.set_cursor(offset)
    await pilot.pause()
    assert text.cursor_offset == offset


def stored(path: Path, article_id: str) -> Annotation:
    """What the store at ``path`` holds for the article, read by a fresh Store."""
    annotation = Store(path).annotation(article_id)
    assert annotation is not None
    return annotation


def spans_over(annotation: Annotation, words: str, label: str | None = None) -> list[Span]:
    """The live spans whose text is exactly ``words`` (of ``label`` when given)."""
    return [
        s
        for s in annotation.live_spans()
        if annotation.text[s.start : s.end] == words and (label is None or s.label == label)
    ]


def cell_of(text: ArticleText, offset: int) -> tuple[int, int]:
    """The widget-relative cell (x, y) where ``offset`` is drawn (the view at the top)."""
    line = text.line_of_offset(offset)
    start = text.line_range(line).start
    column = cell_len(text.text[start:offset])
    return column + text.styles.padding.left, line - round(text.scroll_y)


def fired_event(annotation: Annotation) -> tuple[str, str]:
    """Ids of the seed's "fired" event ("North Korea fired two ballistic missiles") and of
    the "North Korea" entity just before its trigger."""
    event = next(e for e in annotation.events if annotation.span_text(e.trigger) == "fired")
    trigger = annotation.span(event.trigger)
    korea = next(
        s
        for s in annotation.live_spans("entity")
        if s.end < trigger.start
        and annotation.span_text(s.id) == "North Korea"
        and trigger.start - s.end < 3
    )
    return event.id, korea.id
