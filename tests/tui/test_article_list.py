"""The article list screen and its virtualised table: rows, filter, keys, mouse, literal titles."""

from __future__ import annotations

import time
from pathlib import Path

from textual.widgets import Input

from store import ArticleSummary
from tests.tui.conftest import MARKUP_TITLE, SEED_TITLE, make_test_app, settle
from tui.app import AnnotuiApp
from tui.screens.article_list import ArticleListScreen, filter_summaries
from tui.widgets.article_table import ArticleTable


def drawn(table: ArticleTable) -> list[str]:
    """The table's visible lines as text."""
    return [table.render_line(y).text for y in range(table.size.height)]


def titles(table: ArticleTable) -> list[str]:
    return [row.title for row in table.rows]


async def test_list_shows_title_status_and_counts(app: AnnotuiApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(ArticleTable)
        lines = drawn(table)
        assert lines[0].split() == ["Title", "Status", "People", "Events"]
        assert lines[1].split()[-3:] == ["new", "11", "43"]
        assert lines[1].lstrip().startswith(SEED_TITLE[:20])
        assert app.screen.focused is table


async def test_statuses_and_markup_title_are_literal(demo_app: AnnotuiApp) -> None:
    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(demo_app, pilot)
        table = demo_app.screen.query_one(ArticleTable)
        lines = drawn(table)
        assert MARKUP_TITLE in lines[2]
        assert lines[2].split()[-3:] == ["progress", "2", "2"]
        assert "in progress" in lines[2]
        assert lines[3].split()[-3:] == ["reviewed", "0", "0"]


async def test_filter_by_title_word_and_person(demo_app: AnnotuiApp) -> None:
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(demo_app, pilot)
        screen = demo_app.screen
        assert isinstance(screen, ArticleListScreen)
        table = screen.query_one(ArticleTable)
        assert len(table.rows) == 3
        await pilot.press("slash", *"cosmodrome")
        assert titles(table) == [SEED_TITLE]
        await pilot.press("escape")
        assert screen.query_one("#filter", Input).value == ""
        assert len(table.rows) == 3
        assert demo_app.focused is table  # escape left the box: the next / is a key again
        await pilot.press("slash", *"SHOIGU")
        assert titles(table) == [SEED_TITLE]
        await pilot.press("escape", "slash", *"omar diaz")
        assert titles(table) == [MARKUP_TITLE]


async def test_non_matching_filter_shows_an_empty_message(demo_app: AnnotuiApp) -> None:
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(demo_app, pilot)
        table = demo_app.screen.query_one(ArticleTable)
        await pilot.press("slash", *"xyzzy")
        assert table.rows == []
        assert drawn(table)[1].strip() == "No article matches “xyzzy”."


async def test_escape_in_an_empty_filter_moves_to_the_list(app: AnnotuiApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        await pilot.press("slash")
        assert screen.focused is screen.query_one("#filter", Input)
        await pilot.press("escape")
        assert screen.focused is screen.query_one(ArticleTable)


async def test_enter_opens_the_article_and_escape_returns(app: AnnotuiApp) -> None:
    from tui.screens.article_view import ArticleScreen

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ArticleListScreen)


async def test_filter_then_enter_opens_the_match(demo_app: AnnotuiApp) -> None:
    from tui.screens.article_view import ArticleScreen

    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(demo_app, pilot)
        await pilot.press("slash", *"rain", "enter")
        table = demo_app.screen.query_one(ArticleTable)
        assert demo_app.screen.focused is table
        assert table.current_id is not None
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(demo_app.screen, ArticleScreen)


async def test_double_click_opens_and_click_moves_the_cursor(demo_app: AnnotuiApp) -> None:
    from tui.screens.article_view import ArticleScreen

    async with demo_app.run_test(size=(80, 24)) as pilot:
        await settle(demo_app, pilot)
        table = demo_app.screen.query_one(ArticleTable)
        assert table.cursor == 0
        await pilot.click(ArticleTable, offset=(5, 3))
        assert table.cursor == 2
        await pilot.click(ArticleTable, offset=(5, 2), times=2)
        await pilot.pause()
        assert isinstance(demo_app.screen, ArticleScreen)


async def test_cursor_keys_move_and_scroll(tmp_path: Path) -> None:
    from store import Store

    path = tmp_path / "many"
    store = Store(path)
    for n in range(60):
        store.add_article(f"Article number {n} says nothing at all.", title=f"Article {n:02d}")
    app = make_test_app(path, model="no_such_pipeline_installed")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(ArticleTable)
        visible = table.size.height - 1
        await pilot.press("down", "down")
        assert table.cursor == 2
        await pilot.press("end")
        assert table.cursor == 59
        assert round(table.scroll_y) == 60 - visible
        assert drawn(table)[-1].lstrip().startswith("Article 59")
        await pilot.press("pageup")
        assert table.cursor == 59 - visible
        await pilot.press("home")
        assert table.cursor == 0
        assert round(table.scroll_y) == 0
        await pilot.press("pagedown")
        assert table.cursor == visible
        await pilot.press("up")
        assert table.cursor == visible - 1


def test_filter_of_100000_summaries_is_fast() -> None:
    summaries = [
        ArticleSummary(
            id=f"{n:016x}",
            title=f"Report {n} on the harvest in region {n % 97}",
            status="new",
            n_people=2,
            n_events=1,
            people=(f"Person {n}", "Vladimir Putin" if n % 1000 == 0 else "Anna Berg"),
            updated=None,
        )
        for n in range(100_000)
    ]
    from tui.screens.article_list import haystack

    hays = [haystack(s) for s in summaries]
    start = time.perf_counter()
    found = filter_summaries(summaries, "putin", hays)
    elapsed = time.perf_counter() - start
    assert len(found) == 100
    assert elapsed < 0.2


async def test_100000_rows_show_quickly() -> None:
    from textual.app import App, ComposeResult

    summaries = [
        ArticleSummary(f"{n:016x}", f"Article {n}", "new", 0, 0, (), None) for n in range(100_000)
    ]

    class TableApp(App[None]):
        def compose(self) -> ComposeResult:
            yield ArticleTable(summaries)

    app = TableApp()
    start = time.perf_counter()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.query_one(ArticleTable)
        assert drawn(table)[1].strip().startswith("Article 0")
        await pilot.press("end")
        assert drawn(table)[-1].strip().startswith("Article 99999")
    assert time.perf_counter() - start < 1.0
