"""A model run shows its progress and can be stopped; a stopped run writes nothing."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from textual.widgets import LoadingIndicator, Static

from store import Store
from tests.tui.conftest import make_test_app, settle
from tui.annotation_run import stopped_message
from tui.screens.article_view import ArticleScreen
from tui.widgets.article_table import BUSY_TEXT, ArticleTable


@pytest.mark.spacy
async def test_stopping_the_model_run_saves_nothing(tmp_path: Path) -> None:
    """Runs the real pipeline (about two seconds) and holds it before it hands over."""
    path = tmp_path / "store"
    store = Store(path)
    first = store.add_article("Anna Berg met Omar Diaz in Oslo on Monday.", title="Oslo talks")
    second = store.add_article(
        "Vladimir Putin welcomed Kim Jong Un at the cosmodrome.", title="Cosmodrome"
    )
    app = make_test_app(path, annotator="tester", model_process=True)
    hold = threading.Event()
    app.annotation_worker.hold = hold
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            held = await asyncio.to_thread(app.annotation_worker.held.wait, 60)
            assert held, "the worker never finished annotating the first article"
            await pilot.pause()
            # progress: the title bar, the row, the footer key
            assert "annotating 1/2…" in app.sub_title
            table = app.screen.query_one(ArticleTable)
            rows = {row.id: row for row in table.rows}
            assert table.status_text(rows[first]) == BUSY_TEXT
            assert app.check_action("cancel_annotation", ()) is True
            await pilot.press("enter")  # open the article being annotated
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ArticleScreen)
            assert screen.annotation is None
            await pilot.press("ctrl+x")
            await pilot.pause()
            assert "annotating" not in app.sub_title
            said = [n.message for n in app._notifications]
            assert stopped_message(0, 2) in said  # what was saved, what was not
            assert app.check_action("cancel_annotation", ()) is False
            note = screen.query_one("#annotating-note", Static)
            assert "stopped" in str(note.render())
            assert not screen.query_one(LoadingIndicator).display
            hold.set()  # the real annotation is ready now; it must be dropped
            await settle(app, pilot)
            assert screen.annotation is None
            await pilot.press("escape")
            await pilot.pause()
            rows = {row.id: row for row in app.screen.query_one(ArticleTable).rows}
            assert app.screen.query_one(ArticleTable).status_text(rows[first]) == "new"
    finally:
        hold.set()
    reopened = Store(path)
    assert reopened.annotation(first) is None
    assert reopened.annotation(second) is None
    assert reopened.history(first) == []


def test_a_stopped_run_says_what_it_saved() -> None:
    assert stopped_message(51, 3) == (
        "Annotation stopped: 51 articles annotated and saved, 3 not annotated "
        "(they are annotated when opened)."
    )
    assert stopped_message(1, 0).startswith("Annotation stopped: 1 article annotated and saved")
