"""The article list's filter fields, sort order and corpus progress."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from store import ArticleSummary
from tests.tui.conftest import settle
from tests.tui.edit_helpers import edit_app, go_to, open_article, text_of
from tui.article_query import QueryError, parse_query, progress, sort_summaries
from tui.screens.article_list import ArticleListScreen, filter_summaries
from tui.widgets.article_table import ArticleTable


def _summary(aid: str, title: str, status: str = "new", **fields: object) -> ArticleSummary:
    base: dict[str, object] = {"n_people": 0, "n_events": 0, "people": (), "updated": None}
    return ArticleSummary(aid, title, status, **{**base, **fields})  # type: ignore[arg-type]


ROWS = [
    _summary(
        "a", "Budget passes", "reviewed", n_people=2, labels=("ORG", "PERSON"), annotators=("Ana",)
    ),
    _summary("b", "Flood in the valley", "new", n_open=4, labels=("GPE",), updated="2026-01-02"),
    _summary(
        "c",
        "Court hears appeal",
        "in_progress",
        n_people=5,
        n_open=1,
        labels=("ORG",),
        annotators=("bo",),
        updated="2026-03-01",
    ),
]


def _ids(rows: list[ArticleSummary]) -> list[str]:
    return [row.id for row in rows]


def test_fields_narrow_the_list_and_words_still_match_titles() -> None:
    assert _ids(filter_summaries(ROWS, "status:reviewed")) == ["a"]
    assert _ids(filter_summaries(ROWS, "status:open")) == ["b", "c"]
    assert _ids(filter_summaries(ROWS, "status:new status:progress")) == ["b", "c"]
    assert _ids(filter_summaries(ROWS, "label:org")) == ["a", "c"]
    assert _ids(filter_summaries(ROWS, "label:ORG by:ana")) == ["a"]
    assert _ids(filter_summaries(ROWS, "has:suggestions")) == ["b", "c"]
    assert _ids(filter_summaries(ROWS, "label:org court")) == ["c"]
    assert _ids(filter_summaries(ROWS, "")) == ["a", "b", "c"]


@pytest.mark.parametrize("bad", ["status:done-ish", "colour:red", "label:"])
def test_a_field_the_list_cannot_read_is_an_error(bad: str) -> None:
    with pytest.raises(QueryError):
        parse_query(bad)


def test_every_column_sorts_and_reverses() -> None:
    assert _ids(sort_summaries(ROWS, "title")) == ["a", "c", "b"]
    assert _ids(sort_summaries(ROWS, "status")) == ["b", "c", "a"]
    assert _ids(sort_summaries(ROWS, "people")) == ["c", "a", "b"]
    assert _ids(sort_summaries(ROWS, "updated")) == ["c", "b", "a"]
    assert _ids(sort_summaries(ROWS, "title", reverse=True)) == ["b", "c", "a"]
    assert _ids(sort_summaries(ROWS, "store")) == ["a", "b", "c"]


def test_progress_counts_reviewed_articles_and_open_suggestions() -> None:
    assert progress(ROWS) == "1 of 3 reviewed · 5 suggestions left"


async def test_the_list_filters_sorts_and_shows_progress(tmp_path: Path) -> None:
    _path, ids, app = edit_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ArticleListScreen)
        table = screen.query_one(ArticleTable)
        assert screen.sub_title.startswith("0 of 2 reviewed · 16 suggestions left")
        await pilot.press("s")  # sorted by title: Rain before Trade
        assert _ids(table.rows) == [ids["rain"], ids["trade"]]
        assert "Title ▲" in table.render_line(0).text
        await pilot.press("r")
        assert _ids(table.rows) == [ids["trade"], ids["rain"]]
        await pilot.click(ArticleTable, offset=(101, 0))  # the People heading
        assert "People ▼" in table.render_line(0).text
        assert _ids(table.rows) == [ids["trade"], ids["rain"]]
        await pilot.press("slash", *"label:GPE has:suggestions")
        assert _ids(table.rows) == [ids["trade"]]  # Oslo: the rain article has no place
        await pilot.press(*" status:reviewed")
        assert table.rows == []
        box = screen.query_one("#filter", Input)
        box.value = "colour:red"
        await pilot.pause()
        assert "unknown filter" in str(box.border_subtitle)
        assert len(table.rows) == 2
        box.value = ""
        article = await open_article(app, pilot, ids["trade"])
        await go_to(pilot, text_of(article), article.annotation.text.index("Oslo"))
        await pilot.press("a", "R")
        await pilot.pause()
        assert screen.sub_title.startswith("1 of 2 reviewed · 15 suggestions left")
