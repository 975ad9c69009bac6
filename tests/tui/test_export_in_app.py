"""Exporting from the list screen: `e`, a file name, progress in the header, ctrl+x stops."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot

from store import Store
from tests.store.store_helpers import tree_snapshot
from tests.tui.conftest import (
    fill_demo_store,
    give_path,
    make_test_app,
    notices,
    settle,
    until_done,
)
from tui.app import AnnotuiApp


async def export_to(app: AnnotuiApp, pilot: Pilot[None], path: Path) -> None:
    """Press e on the list, give the file name, press enter."""
    await give_path(app, pilot, "e", path)


async def test_e_writes_every_article_to_the_file(tmp_path: Path) -> None:
    ids = fill_demo_store(tmp_path / "demo")
    out = tmp_path / "corpus.jsonl"
    app = make_test_app(tmp_path / "demo")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await export_to(app, pilot, out)
        await until_done(app, pilot, lambda: app._export.running)
        assert f"Exported 3 articles to {out}." in notices(app)
        assert "exporting" not in app.sub_title
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert {line["id"] for line in lines} == set(ids.values())
    assert all(line["format"] == "annotui" and line["annotation"]["spans"] for line in lines)


async def test_an_existing_file_is_not_replaced(tmp_path: Path) -> None:
    fill_demo_store(tmp_path / "demo")
    out = tmp_path / "corpus.jsonl"
    out.write_text("earlier\n")
    app = make_test_app(tmp_path / "demo")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await export_to(app, pilot, out)
        await until_done(app, pilot, lambda: app._export.running)
        assert any("corpus.jsonl exists" in m for m in notices(app, "error"))
    assert out.read_text() == "earlier\n"


async def test_ctrl_x_stops_the_export_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_demo_store(tmp_path / "demo")
    out = tmp_path / "corpus.jsonl"
    app = make_test_app(tmp_path / "demo")
    real, calls = Store.annotation, []

    def press_ctrl_x_on_the_second(self: Store, article_id: str) -> object:
        # From the export's thread, the way a person's key comes in: then wait for the app.
        calls.append(article_id)
        if len(calls) == 2:
            app.post_message(events.Key("ctrl+x", None))
            deadline = time.monotonic() + 10
            while not app._export._stop.is_set() and time.monotonic() < deadline:
                time.sleep(0.01)
        return real(self, article_id)

    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        monkeypatch.setattr(Store, "annotation", press_ctrl_x_on_the_second)
        await export_to(app, pilot, out)
        await until_done(app, pilot, lambda: app._export.running)
        assert f"Stopped: {out} was not written." in notices(app)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


async def test_an_unreadable_article_is_named_and_the_rest_exported(tmp_path: Path) -> None:
    ids = fill_demo_store(tmp_path / "demo")
    bad = sorted(ids.values())[0]
    out = tmp_path / "corpus.jsonl"
    app = make_test_app(tmp_path / "demo")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        (tmp_path / "demo" / "articles" / bad[:2] / f"{bad}.json").write_bytes(b"\xff garbage")
        await export_to(app, pilot, out)
        await until_done(app, pilot, lambda: app._export.running)
        (warning,) = notices(app, "warning")
        assert f"Exported 2 articles to {out}." in warning
        assert f"{bad}: cannot read" in warning and "not UTF-8" in warning
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert {line["id"] for line in lines} == set(ids.values()) - {bad}


async def test_the_store_is_never_the_target(tmp_path: Path) -> None:
    fill_demo_store(tmp_path / "demo")
    before = tree_snapshot(tmp_path / "demo")
    app = make_test_app(tmp_path / "demo")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await export_to(app, pilot, tmp_path / "demo")
        await until_done(app, pilot, lambda: app._export.running)
        assert any("is the store" in m for m in notices(app, "error"))
    after = tree_snapshot(tmp_path / "demo")
    assert {k: v for k, v in after.items() if not k.startswith("index/.cache")} == {
        k: v for k, v in before.items() if not k.startswith("index/.cache")
    }


async def test_enter_on_an_empty_path_exports_to_the_default_or_asks(tmp_path: Path) -> None:
    from textual.widgets import Static

    from tui.screens.path_dialog import PathDialog

    fill_demo_store(tmp_path / "demo")
    app = make_test_app(tmp_path / "demo")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("i", "enter")  # import: nothing typed, so it asks
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PathDialog)
        assert "Type a path to import first" in str(dialog.query_one("#path-hint", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        with pytest.MonkeyPatch.context() as patch:
            patch.chdir(tmp_path)
            await pilot.press("e", "enter")  # export: corpus.jsonl, the grey example
            await pilot.pause()
            await until_done(app, pilot, lambda: app._export.running)
        assert (tmp_path / "corpus.jsonl").exists()
