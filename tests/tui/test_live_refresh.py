"""Another process's writes appear on screen without a restart (tui/live_refresh.py)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from annotate.edits import add_span
from annotate.model import Provenance
from store import Store
from tests.tui.conftest import (
    MARKUP_TITLE,
    SEED_TITLE,
    TRADE_TEXT,
    fill_demo_store,
    make_test_app,
    settle,
)
from tui.app import AnnotuiApp
from tui.screens.article_list import ArticleListScreen
from tui.screens.article_view import ArticleScreen
from tui.widgets.article_table import ArticleTable

OTHER = Provenance(source="human", annotator="other", state="accepted")


async def _until(pilot: Pilot[None], check: Callable[[], bool], seconds: float = 10.0) -> None:
    """Let the app run (its timers included) until ``check()`` holds; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "the other process's write never showed"
        await pilot.pause(0.05)


async def test_list_shows_other_writes(tmp_path: Path) -> None:
    ids = fill_demo_store(tmp_path / "demo")
    app = make_test_app(tmp_path / "demo", annotator="tester")
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ArticleListScreen)
        table = screen.query_one(ArticleTable)
        trade = ids[MARKUP_TITLE]
        row = [r.id for r in table.rows].index(trade)
        assert table.status_text(table.rows[row]) == "in progress"

        other = Store(tmp_path / "demo")  # a second writer, as another annotui would be
        other.set_status(trade, "reviewed")
        await _until(pilot, lambda: table.status_text(table.rows[row]) == "reviewed")
        assert app.summaries[trade].status == "reviewed"

        new = other.add_article("Storm warnings were issued for the coast on Friday.")
        await _until(pilot, lambda: new in [r.id for r in table.rows])
        assert len(table.rows) == 4 and new in app.summaries


async def test_open_article_reloads_other_edits(tmp_path: Path) -> None:
    ids = fill_demo_store(tmp_path / "demo")
    trade = ids[MARKUP_TITLE]
    app = make_test_app(tmp_path / "demo", annotator="tester")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.open_article(trade)
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen) and screen.annotation is not None
        before = len(screen.annotation.spans)

        other = Store(tmp_path / "demo")
        stored = other.annotation(trade)
        assert stored is not None
        start = TRADE_TEXT.index("tariffs")
        patch = add_span(stored, start, start + len("tariffs"), "PRODUCT", by=OTHER)
        edited = other.apply_patch(trade, patch, annotator="other")

        await _until(pilot, lambda: screen.annotation == edited)
        assert len(screen.annotation.spans) == before + 1
        assert screen.article.status == "in_progress"
        other.set_status(trade, "reviewed")
        await _until(pilot, lambda: screen.article.status == "reviewed")
        assert "reviewed" in screen.sub_title


async def test_own_edits_are_not_reloaded_twice(tmp_path: Path) -> None:
    ids = fill_demo_store(tmp_path / "demo")
    app: AnnotuiApp = make_test_app(tmp_path / "demo", annotator="tester")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.open_article(ids[SEED_TITLE])
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen) and screen.annotation is not None
        shown = screen.annotation
        assert app.poll_store() == frozenset()
        app.store.set_status(ids[MARKUP_TITLE], "new")  # this process, another article
        assert app.poll_store() == {ids[MARKUP_TITLE]}
        assert screen.annotation is shown, "the open article was not touched"


async def test_a_poll_while_the_app_closes_does_nothing(tmp_path: Path) -> None:
    """The poll timer may fire once more while the app closes (its screens gone, the store
    folding its journals): it must not look for a screen."""
    ids = fill_demo_store(tmp_path / "demo")
    app = make_test_app(tmp_path / "demo", annotator="tester")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.open_article(ids[SEED_TITLE])
        await settle(app, pilot)
    Store(tmp_path / "demo").set_status(ids[SEED_TITLE], "reviewed")
    assert not app.screen_stack
    assert app.poll_store() == frozenset()
