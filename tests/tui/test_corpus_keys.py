"""Going through a corpus: next / previous article ({ }), next / previous suggestion (N P),
R that can be undone (u right after) and taken back (R on a reviewed article)."""

from __future__ import annotations

from pathlib import Path

from store import Store
from tests.tui.conftest import TRADE_TEXT
from tests.tui.edit_helpers import edit_app, go_to, open_article, text_of
from tui.screens.article_view import ArticleScreen


def _status(path: Path, article_id: str) -> str:
    return Store(path).article(article_id).status


async def test_braces_go_to_the_next_and_previous_article_without_reviewing(
    tmp_path: Path,
) -> None:
    path, ids, app = edit_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_article(app, pilot, ids["trade"])
        await pilot.press("}")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.article.id == ids["rain"]
        await pilot.press("}")
        await pilot.pause()
        assert app.screen.article.id == ids["rain"]  # the last: it says so and stays
        await pilot.press("{")
        await pilot.pause()
        assert app.screen.article.id == ids["trade"]
    assert _status(path, ids["trade"]) == "new"


async def test_n_and_p_walk_the_open_suggestions(tmp_path: Path) -> None:
    _path, ids, app = edit_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(app, pilot, ids["trade"])
        text = text_of(screen)
        await go_to(pilot, text, TRADE_TEXT.index("Omar Diaz"))
        await pilot.press("a")  # Omar Diaz decided: N skips it
        await pilot.pause()
        await go_to(pilot, text, TRADE_TEXT.index("Anna Berg"))
        await pilot.press("N")
        await pilot.pause()
        assert text.cursor_offset == TRADE_TEXT.index("met")
        await pilot.press("N", "N")
        await pilot.pause()
        assert text.cursor_offset == TRADE_TEXT.index("in Oslo") + 3
        await pilot.press("P")
        await pilot.pause()
        assert text.cursor_offset == TRADE_TEXT.index("Finance Minister")


async def test_r_can_be_undone_and_taken_back(tmp_path: Path) -> None:
    path, ids, app = edit_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_article(app, pilot, ids["trade"])
        await pilot.press("R")
        await pilot.pause()
        assert _status(path, ids["trade"]) == "reviewed"
        assert app.screen.article.id == ids["rain"]
        await pilot.press("u")  # nothing edited here yet: u undoes the review
        await pilot.pause()
        assert _status(path, ids["trade"]) == "new"
        assert app.screen.article.id == ids["trade"]
        await pilot.press("R")
        await pilot.pause()
        await pilot.press("{")
        await pilot.pause()
        assert app.screen.article.id == ids["trade"]
        await pilot.press("R")  # on a reviewed article: no longer reviewed
        await pilot.pause()
        assert _status(path, ids["trade"]) == "in_progress"
        assert app.screen.article.id == ids["trade"]
        assert "in progress" in app.screen.sub_title


async def test_the_role_and_event_keys_make_items_not_loose_spans(tmp_path: Path) -> None:
    from tui.screens.choice_picker import ChoicePicker
    from tui.screens.person_picker import PersonPicker

    path, ids, app = edit_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(app, pilot, ids["trade"])
        text = text_of(screen)
        start = TRADE_TEXT.index("tariffs")
        text.select(start, start + len("tariffs"))
        await pilot.press("e")  # TRIGGER's key: which type of event?
        await pilot.pause()
        assert isinstance(app.screen, ChoicePicker)
        await pilot.press("escape")
        await pilot.pause()
        text.select(start, start + len("tariffs"))
        await pilot.press("r")  # ROLE's key: whose title?
        await pilot.pause()
        assert isinstance(app.screen, PersonPicker)
        await pilot.press("escape")
        await pilot.pause()
    spans = Store(path).annotation(ids["trade"]).spans
    assert not any(s.text_in(TRADE_TEXT) == "tariffs" for s in spans)


async def test_n_with_nothing_highlighted_says_why_not(tmp_path: Path) -> None:
    from tests.tui.conftest import notices

    _path, ids, app = edit_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_article(app, pilot, ids["trade"])
        await pilot.press("n")
        await pilot.pause()
        assert any(m.startswith("Nothing is highlighted") for m in notices(app))
