"""Editing from the text: cursor, selection, entity keys, label picker, undo/redo, review.

Every edit path ends by starting a new app on the same store and checking what it holds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from annotate.tokens import sentence_spans
from store import Store
from tests.tui.conftest import RAIN_TEXT, SEED_TITLE, TRADE_TEXT, fill_seed_store, settle
from tests.tui.edit_helpers import (
    cell_of,
    fill_edit_store,
    go_to,
    new_app,
    open_article,
    spans_over,
    stored,
    text_of,
)
from tui.screens.article_list import ArticleListScreen
from tui.screens.article_view import ArticleScreen
from tui.screens.label_picker import LabelPicker

OSLO = TRADE_TEXT.index("Oslo")
MONDAY = TRADE_TEXT.index("Monday")
DIAZ = TRADE_TEXT.index("Diaz")
OMAR = TRADE_TEXT.index("Omar")
NEW = TRADE_TEXT.index("new tariffs")
TARIFFS = TRADE_TEXT.index("tariffs")


@pytest.fixture
def edit_store(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A store of two new articles with model suggestions (trade, rain)."""
    path = tmp_path / "edit"
    return path, fill_edit_store(path)


# -- cursor and selection ------------------------------------------------------------


async def test_cursor_moves_by_char_word_sentence_entity_and_line_end(
    edit_store: tuple[Path, dict[str, str]],
) -> None:
    path, ids = edit_store
    app = new_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(app, pilot, ids["trade"])
        text = text_of(screen)
        assert screen.cursor_offset() == 0
        await pilot.press("right", "right", "right")
        assert screen.cursor_offset() == 3
        await pilot.press("ctrl+right")
        assert screen.cursor_offset() == TRADE_TEXT.index("Minister")
        await pilot.press("left")
        assert screen.cursor_offset() == TRADE_TEXT.index("Minister") - 1
        await pilot.press("ctrl+left")
        assert screen.cursor_offset() == 0
        await pilot.press("]")
        assert screen.cursor_offset() == TRADE_TEXT.index("Anna")
        await pilot.press("]", "]")
        assert screen.cursor_offset() == OSLO
        await pilot.press("[")
        assert screen.cursor_offset() == OMAR
        await pilot.press(")")
        second = sentence_spans(TRADE_TEXT)[1][0]
        assert screen.cursor_offset() == second == TRADE_TEXT.index("Berg announced")
        await pilot.press("(")
        assert screen.cursor_offset() == 0
        await pilot.press("end")
        assert screen.cursor_offset() == text.line_text(0).__len__()
        await pilot.press("home")
        assert screen.cursor_offset() == 0
        assert screen.text_selection() is None


async def test_up_and_down_keep_the_column_and_scroll_the_cursor_into_view(
    store_path: Path,
) -> None:
    app = new_app(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        article_id = Store(store_path).summaries()[0].id
        screen = await open_article(app, pilot, article_id)
        text = text_of(screen)
        await pilot.press(*["right"] * 10)
        await pilot.press("down")
        line = text.line_of_offset(text.cursor_offset)
        assert line == 1
        assert text.cursor_offset - text.line_range(1).start == 10
        height = text.scrollable_content_region.height
        await pilot.press(*["down"] * (height + 5))
        await pilot.pause()
        line = text.line_of_offset(text.cursor_offset)
        top = round(text.scroll_y)
        assert top > 0
        assert top <= line < top + height
        await pilot.press("ctrl+home")
        await pilot.pause()
        assert text.cursor_offset == 0
        assert round(text.scroll_y) == 0


async def test_moving_the_cursor_redraws_only_the_lines_it_touches(store_path: Path) -> None:
    app = new_app(store_path)
    async with app.run_test(size=(120, 40)) as pilot:
        article_id = Store(store_path).summaries()[0].id
        screen = await open_article(app, pilot, article_id)
        text = text_of(screen)
        text.refresh()
        await pilot.pause()
        cached = set(text._strips.keys())
        assert len(cached) > 10
        text.set_cursor(text.line_range(3).start + 2)
        assert set(text._strips.keys()) == cached - {0, 3}
        await pilot.pause()
        cached = set(text._strips.keys())
        text.set_cursor(text.line_range(5).start, extend=True)
        assert set(text._strips.keys()) == cached - {3, 4, 5}


async def test_shift_arrows_select_snapped_to_tokens_and_c_makes_it_precise(
    edit_store: tuple[Path, dict[str, str]],
) -> None:
    path, ids = edit_store
    app = new_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(app, pilot, ids["trade"])
        await go_to(pilot, text_of(screen), NEW + 1)
        await pilot.press("shift+right")
        assert screen.text_selection() == (NEW, NEW + 3)
        await pilot.press("ctrl+shift+right")  # to the end of "new": whole words only
        assert screen.text_selection() == (NEW, NEW + 3)
        await pilot.press("ctrl+shift+right")
        assert screen.text_selection() == (NEW, TARIFFS + len("tariffs"))
        await pilot.press("c")
        assert "char-precise" in screen.sub_title
        assert screen.text_selection() == (NEW + 1, TARIFFS + len("tariffs"))
        await pilot.press("c", "escape")
        assert screen.text_selection() is None
        assert "char-precise" not in screen.sub_title
        assert isinstance(app.screen, ArticleScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, ArticleListScreen)


# -- adding spans ---------------------------------------------------------------------


async def test_shift_selection_and_a_label_key_add_a_span(
    edit_store: tuple[Path, dict[str, str]],
) -> None:
    path, ids = edit_store
    app = new_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(app, pilot, ids["trade"])
        await go_to(pilot, text_of(screen), NEW)
        await pilot.press("ctrl+shift+right", "ctrl+shift+right")
        assert screen.text_selection() == (NEW, TARIFFS + len("tariffs"))
        await pilot.press("k")
        await pilot.pause()
        assert screen.text_selection() is None
    annotation = stored(path, ids["trade"])
    added = spans_over(annotation, "new tariffs", "NORP")
    assert len(added) == 1
    assert added[0].provenance.annotator == "tester"
    assert added[0].provenance.source == "human"
    assert Store(path).summary(ids["trade"]).status == "in_progress"


async def test_the_mark_key_selects_the_token_and_movements_extend_it(
    edit_store: tuple[Path, dict[str, str]],
) -> None:
    path, ids = edit_store
    app = new_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(app, pilot, ids["trade"])
        await go_to(pilot, text_of(screen), TARIFFS + 2)
        await pilot.press("v")
        assert "mark" in screen.sub_title
        assert screen.text_selection() == (TARIFFS, TARIFFS + len("tariffs"))
        await pilot.press("ctrl+left", "ctrl+left")
        assert screen.text_selection() == (NEW, TARIFFS + len("tariffs"))
        await pilot.press("o")
        await pilot.pause()
        assert "mark" not in screen.sub_title
    assert len(spans_over(stored(path, ids["trade"]), "new tariffs", "ORG")) == 1


async def test_a_mouse_drag_selects_and_a_label_key_adds_the_span(
    edit_store: tuple[Path, dict[str, str]],
) -> None:
    path, ids = edit_store
    app = new_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(app, pilot, ids["trade"])
        text = text_of(screen)
        await pilot.mouse_down(text, offset=cell_of(text, NEW + 1))
        await pilot.hover(text, offset=cell_of(text, TARIFFS + 3))
        await pilot.mouse_up(text, offset=cell_of(text, TARIFFS + 3))
        await pilot.pause()
        assert screen.text_selection() == (NEW, TARIFFS + len("tariffs"))
        assert app.focused is text
        await pilot.press("l")
        await pilot.pause()
    assert len(spans_over(stored(path, ids["trade"]), "new tariffs", "LOC")) == 1


async def test_the_label_picker_filters_as_you_type_and_enter_applies(
    edit_store: tuple[Path, dict[str, str]],
) -> None:
    path, ids = edit_store
    app = new_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(app, pilot, ids["trade"])
        text = text_of(screen)
        await go_to(pilot, text, TARIFFS)
        await pilot.press("v", ":")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, LabelPicker)
        assert "PERSON" in picker.shown and "ROLE" in picker.shown
        cursor_x, cursor_y = text.cursor_screen_offset()
        dialog = picker.query_one("#dialog").region
        assert dialog.y == cursor_y + 1
        assert dialog.x == min(cursor_x, 120 - dialog.width)
        # the text stays visible around the picker: it sits beside the cursor, not over a blank
        assert "announced" in app.export_screenshot()
        await pilot.press(*"prod")
        assert picker.shown == ("PRODUCT",)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
    assert len(spans_over(stored(path, ids["trade"]), "tariffs", "PRODUCT")) == 1


async def test_escape_closes_the_picker_without_an_edit(
    edit_store: tuple[Path, dict[str, str]],
) -> None:
    path, ids = edit_store
    app = new_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_article(app, pilot, ids["trade"])
        await go_to(pilot, text_of(screen), OSLO)
        await pilot.press("enter")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, LabelPicker)
        assert picker.highlighted == "GPE"
        assert "ROLE" not in picker.shown
        await pilot.press("down", "escape")
        await pilot.pause()
        assert app.screen is screen
    assert spans_over(stored(path, ids["trade"]), "Oslo")[0].label == "GPE"
    assert Store(path).history(ids["trade"]) == []


# -- changing entities ----------------------------------------------------------------


async def test_a_label_key_relabels_the_entity_under_the_cursor(
    edit_store: tuple[Path, dict[str, str]],
) -> None:
    path, ids = edit_store
    app = new_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(app, pilot, ids["trade"])
        await go_to(pilot, text_of(screen), OSLO + 2)
        await pilot.press("l")
        await pilot.pause()
        await go_to(pilot, text_of(screen), MONDAY)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"time", "enter")
        await pilot.pause()
    annotation = stored(path, ids["trade"])
    assert [s.label for s in spans_over(annotation, "Oslo")] == ["LOC"]
    assert [s.label for s in spans_over(annotation, "Monday")] == ["TIME"]


async def test_grow_shrink_split_and_merge_keys(edit_store: tuple[Path, dict[str, str]]) -> None:
    """< > , . move an entity's edges one token; s splits it and m merges it back. The
    editing itself is tested below Textual (tests/tui/test_editor.py, tests/annotate)."""
    path, ids = edit_store
    app = new_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(app, pilot, ids["trade"])
        await go_to(pilot, text_of(screen), MONDAY)
        await pilot.press("<")
        await pilot.pause()
        assert spans_over(screen.annotation, "on Monday", "DATE")
        await pilot.press(">", ".")
        await pilot.pause()
        assert spans_over(screen.annotation, "on Monday", "DATE")
        await pilot.press(">")
        await pilot.pause()
        assert [s.label for s in spans_over(stored(path, ids["trade"]), "on Monday.")] == ["DATE"]
        await pilot.press(",", ".")
        await pilot.pause()
        assert [s.label for s in spans_over(stored(path, ids["trade"]), "Monday")] == ["DATE"]

        await go_to(pilot, text_of(screen), DIAZ)
        await pilot.press("s")
        await pilot.pause()
        annotation = stored(path, ids["trade"])
        omar = spans_over(annotation, "Omar", "PERSON")
        diaz = spans_over(annotation, "Diaz", "PERSON")
        assert len(omar) == len(diaz) == 1
        person = annotation.person_of_span(omar[0].id)
        assert person is not None and diaz[0].id in person.mentions
        await go_to(pilot, text_of(screen), OMAR)
        await pilot.press("m")
        await pilot.pause()
    annotation = stored(path, ids["trade"])
    assert len(spans_over(annotation, "Omar Diaz", "PERSON")) == 1
    assert spans_over(annotation, "Diaz") == []


async def test_delete_accept_reject_and_accept_all(
    edit_store: tuple[Path, dict[str, str]],
) -> None:
    path, ids = edit_store
    app = new_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(app, pilot, ids["trade"])
        text = text_of(screen)
        await go_to(pilot, text, OSLO)
        await pilot.press("d")
        await pilot.pause()
        await go_to(pilot, text, MONDAY)
        await pilot.press("a")
        await pilot.pause()
        await go_to(pilot, text, DIAZ)
        await pilot.press("x")
        await pilot.pause()
    annotation = stored(path, ids["trade"])
    by_text = {annotation.text[s.start : s.end]: s for s in annotation.spans}
    assert by_text["Oslo"].rejected
    assert by_text["Monday"].provenance.state == "accepted"
    assert by_text["Monday"].provenance.annotator == "tester"
    assert by_text["Omar Diaz"].rejected
    assert by_text["Trade Minister"].provenance.state == "suggested"
    app = new_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_article(app, pilot, ids["trade"])
        await pilot.press("A")
        await pilot.pause()
    annotation = stored(path, ids["trade"])
    assert all(s.provenance.state != "suggested" for s in annotation.spans)
    assert all(p.provenance.state == "accepted" for p in annotation.people)
    assert annotation.get_span(by_text["Oslo"].id).rejected  # type: ignore[union-attr]


async def test_an_edit_that_cannot_be_made_says_why_and_changes_nothing(
    edit_store: tuple[Path, dict[str, str]],
) -> None:
    path, ids = edit_store
    app = new_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(app, pilot, ids["trade"])
        await go_to(pilot, text_of(screen), NEW)
        await pilot.press("d", "h")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert "There is no entity at the cursor." in messages
        assert "Select some text first, or put the cursor on an entity." in messages
    assert Store(path).history(ids["trade"]) == []


# -- undo and redo --------------------------------------------------------------------


async def test_undo_and_redo_work_across_a_restart(
    edit_store: tuple[Path, dict[str, str]],
) -> None:
    path, ids = edit_store
    app = new_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(app, pilot, ids["trade"])
        await go_to(pilot, text_of(screen), TARIFFS)
        await pilot.press("v", "o")
        await pilot.pause()
        await go_to(pilot, text_of(screen), OSLO)
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert "Undo: Relabel “Oslo” GPE → LOC" in messages
        assert spans_over(screen.annotation, "Oslo")[0].label == "GPE"
    annotation = stored(path, ids["trade"])
    assert spans_over(annotation, "Oslo")[0].label == "GPE"
    assert spans_over(annotation, "tariffs", "ORG")
    app = new_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(app, pilot, ids["trade"])
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Undo: Add ORG “tariffs”" in [n.message for n in app._notifications]
        await pilot.press("u")
        await pilot.pause()
        assert "Nothing to undo." in [n.message for n in app._notifications]
    assert spans_over(stored(path, ids["trade"]), "tariffs") == []
    app = new_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(app, pilot, ids["trade"])
        await pilot.press("U", "ctrl+y")
        await pilot.pause()
        assert "Redo: Relabel “Oslo” GPE → LOC" in [n.message for n in app._notifications]
    annotation = stored(path, ids["trade"])
    assert spans_over(annotation, "tariffs", "ORG")
    assert spans_over(annotation, "Oslo")[0].label == "LOC"


# -- review ---------------------------------------------------------------------------


async def test_review_marks_reviewed_and_opens_the_next_article(
    edit_store: tuple[Path, dict[str, str]],
) -> None:
    path, ids = edit_store
    app = new_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_article(app, pilot, ids["trade"])
        await pilot.press("R")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        assert screen.article.id == ids["rain"]
        assert app.summaries[ids["trade"]].status == "reviewed"
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, ArticleListScreen)
        assert "Every article is reviewed." in list(app._notifications)[-1].message
    store = Store(path)
    assert [s.status for s in store.summaries()] == ["reviewed", "reviewed"]
    app = new_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)  # the start-up work ended before the app closes
        assert {s.status for s in app.summaries.values()} == {"reviewed"}


async def test_the_first_edit_makes_a_new_article_in_progress(tmp_path: Path) -> None:
    path = tmp_path / "seed"
    article_id = fill_seed_store(path)
    assert Store(path).summary(article_id).status == "new"
    app = new_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_article(app, pilot, article_id)
        assert screen.sub_title.startswith("new")
        await pilot.press("v", "y")
        await pilot.pause()
        assert screen.sub_title.startswith("in progress")
        assert app.summaries[article_id].status == "in_progress"
    assert Store(path).summary(article_id).title == SEED_TITLE
    assert Store(path).summary(article_id).status == "in_progress"


# -- configuration --------------------------------------------------------------------


async def test_label_keys_come_from_the_store_configuration(
    edit_store: tuple[Path, dict[str, str]],
) -> None:
    path, ids = edit_store
    (path / "config.toml").write_text('[labels.LOC]\nkey = "z"\n', encoding="utf-8")
    app = new_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(app, pilot, ids["trade"])
        assert app.label_config.by_key("z") is not None
        await go_to(pilot, text_of(screen), OSLO)
        await pilot.press("z")
        await pilot.pause()
    assert spans_over(stored(path, ids["trade"]), "Oslo")[0].label == "LOC"


async def test_a_broken_configuration_is_reported_and_the_defaults_used(
    edit_store: tuple[Path, dict[str, str]],
) -> None:
    path, ids = edit_store
    (path / "config.toml").write_text('[labels.LOC]\nkey = "d"\n', encoding="utf-8")
    app = new_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)  # the configuration is read after the list's first frame
        errors = [n for n in app._notifications if n.severity == "error"]
        assert errors and "config.toml:2" in errors[0].message
        assert app.label_config.by_key("l") is not None
        screen = await open_article(app, pilot, ids["rain"])
        await go_to(pilot, text_of(screen), RAIN_TEXT.index("valley"))
        await pilot.press("v", "l")
        await pilot.pause()
    assert spans_over(stored(path, ids["rain"]), "valley", "LOC")


def test_the_command_line_refuses_a_broken_configuration_before_starting(
    edit_store: tuple[Path, dict[str, str]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tui.cli import main

    path, _ = edit_store
    user = path.parent / "user.toml"
    user.write_text('[labels.ORG]\ncolour = "teal"\n', encoding="utf-8")
    monkeypatch.setenv("ANNOTUI_CONFIG", str(user))
    with pytest.raises(SystemExit) as exited:
        main(["--store", str(path)])
    assert exited.value.code == 2
    error = capsys.readouterr().err
    assert error.startswith("annotui: error: label configuration: ")
    assert f"{user}:2" in error
