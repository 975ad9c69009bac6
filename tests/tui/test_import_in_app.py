"""Importing articles from the list screen: `i`, a path, progress in the header, ctrl+x stops."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot

from store import Store
from tests.tui.conftest import (
    fill_demo_store,
    give_path,
    make_test_app,
    notices,
    press_on_the_list,
    settle,
    until_done,
)
from tui.app import AnnotuiApp
from tui.import_run import STEP
from tui.screens.article_list import ArticleListScreen
from tui.screens.path_dialog import complete_path

NO_MODEL = "no_such_pipeline_installed"
"""The model run on the new articles fails at once (reported); the import does not need it."""


def write_articles(folder: Path, count: int) -> Path:
    """A folder of ``count`` short news texts, each with a headline."""
    folder.mkdir()
    for n in range(count):
        (folder / f"{n:03}.txt").write_text(
            f"Report {n}\n\nMinister {n} visited Oslo on day {n}.\n"
        )
    return folder


async def import_path(app: AnnotuiApp, pilot: Pilot[None], path: Path) -> None:
    """Press i on the list, give the path, press enter."""
    await give_path(app, pilot, "i", path)


async def until_imported(app: AnnotuiApp, pilot: Pilot[None]) -> None:
    await until_done(app, pilot, lambda: app._import.running)


async def test_i_imports_a_folder_and_the_list_shows_the_new_articles(tmp_path: Path) -> None:
    fill_demo_store(tmp_path / "demo")
    folder = write_articles(tmp_path / "news", 2 * STEP + 3)
    app = make_test_app(tmp_path / "demo", model=NO_MODEL)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await import_path(app, pilot, folder)
        await until_imported(app, pilot)
        screen = app.screen
        assert isinstance(screen, ArticleListScreen)
        assert screen.table.row_count == 3 + 2 * STEP + 3
        assert "Report 0" in {row.title for row in screen.table.rows}
        assert "Imported 23 articles." in notices(app)
        assert "importing" not in app.sub_title
        assert any("Annotation failed" in (n.title or "") for n in app._notifications), (
            "the new articles went to the model"
        )
    assert len(Store(tmp_path / "demo", readonly=True)) == 3 + 2 * STEP + 3


async def test_a_link_out_of_the_folder_is_skipped_with_a_warning(tmp_path: Path) -> None:
    fill_demo_store(tmp_path / "demo")
    folder = write_articles(tmp_path / "news", 2)
    (tmp_path / "secret").write_text("root:x:0:0:root:/root:/bin/bash")
    (folder / "passwd\x1b[2J.txt").symlink_to(tmp_path / "secret")
    app = make_test_app(tmp_path / "demo", model=NO_MODEL)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await import_path(app, pilot, folder)
        await until_imported(app, pilot)
        assert "Imported 2 articles." in notices(app)
        (warning,) = notices(app, "warning")
        assert warning.startswith(f"{folder}/passwd␛[2J.txt: skipped: a link to"), warning
    assert len(Store(tmp_path / "demo", readonly=True)) == 3 + 2


async def test_a_bad_file_is_named_and_nothing_is_added(tmp_path: Path) -> None:
    fill_demo_store(tmp_path / "demo")
    bad = tmp_path / "batch.jsonl"
    bad.write_text(json.dumps({"text": "Fine."}) + "\n" + '{"text": "broken"\n')
    app = make_test_app(tmp_path / "demo", model=NO_MODEL)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await import_path(app, pilot, bad)
        await until_imported(app, pilot)
        errors = notices(app, "error")
        assert any("batch.jsonl:2" in message for message in errors), errors
    assert len(Store(tmp_path / "demo", readonly=True)) == 3


async def test_ctrl_x_stops_between_steps_and_the_rest_follows_on_the_next_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_demo_store(tmp_path / "demo")
    total = 30 * STEP
    folder = write_articles(tmp_path / "news", total)
    app = make_test_app(tmp_path / "demo", model=NO_MODEL)
    import_new_articles, steps, seen = Store.import_new_articles, [], []

    def add_and_press_ctrl_x_on_step_5(
        store: Store, items: list[dict[str, object]]
    ) -> tuple[list[str], list[str]]:
        # The import's thread adds a step of 30 ms; on step 5 a person presses ctrl+x (a
        # test's own key presses wait for an idle app), and the step ends once the app has
        # taken the key, as a step would on a slower disk.
        time.sleep(0.03)
        steps.append(len(items))
        if len(steps) == 5:
            seen.append(app.sub_title)
            app.post_message(events.Key("ctrl+x", None))
            deadline = time.monotonic() + 10
            while not app._import._stop.is_set() and time.monotonic() < deadline:
                time.sleep(0.01)
        return import_new_articles(store, items)

    monkeypatch.setattr(Store, "import_new_articles", add_and_press_ctrl_x_on_step_5)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await import_path(app, pilot, folder)
        await until_imported(app, pilot)
        assert len(seen) == 1 and re.fullmatch(rf".* · importing [1-4]0/{total}…", seen[0]), seen
        added = len(Store(tmp_path / "demo", readonly=True)) - 3
        assert 5 * STEP <= added < total and added % STEP == 0, "whole steps only"
        assert any(m.startswith(f"Stopped: imported {added} of {total}") for m in notices(app))
        await import_path(app, pilot, folder)
        await until_imported(app, pilot)
        assert f"Imported {total - added} articles, {added} already there." in notices(app)
    assert len(Store(tmp_path / "demo", readonly=True)) == 3 + total


async def test_a_read_only_store_imports_nothing(tmp_path: Path) -> None:
    fill_demo_store(tmp_path / "demo")
    app = make_test_app(tmp_path / "demo", readonly=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.screen.table.focus()  # type: ignore[attr-defined]
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ArticleListScreen)
        assert "The store is read-only." in notices(app, "warning")


def test_the_path_completes_to_folders_and_importable_files(tmp_path: Path) -> None:
    write_articles(tmp_path / "news", 2)
    (tmp_path / "notes.md").write_text("not an article")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "batch.jsonl").write_text("")
    base = f"{tmp_path}/"
    assert complete_path(f"{base}ne") == f"{base}news/"
    assert complete_path(f"{base}news/") == f"{base}news/000.txt"
    assert complete_path(f"{base}b") == f"{base}batch.jsonl"
    assert complete_path(f"{base}no") is None, "a .md file is not offered"
    assert complete_path(f"{base}.h") == f"{base}.hidden/"
    assert complete_path(f"{base}nowhere/x") is None


async def test_right_arrow_takes_the_completion_and_enter_imports_it(tmp_path: Path) -> None:
    fill_demo_store(tmp_path / "demo")
    write_articles(tmp_path / "news", 2)
    app = make_test_app(tmp_path / "demo", model=NO_MODEL)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        field = await press_on_the_list(app, pilot, "i")
        field.value = f"{tmp_path}/ne"
        field.cursor_position = len(field.value)
        await pilot.pause(0.1)
        await pilot.press("right")
        assert field.value == f"{tmp_path}/news/"
        await pilot.press("enter")
        await until_imported(app, pilot)
        assert "Imported 2 articles." in notices(app)
