"""Snapshots of the article list and the help screen: fixed store, pinned theme and sub-title."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from tests.tui.conftest import fill_demo_store, make_test_app, settle
from tui.app import AnnotuiApp

SUB_TITLE = "~/annotui-demo"
"""Shown instead of the temporary store path, which changes on every run."""


def demo_app(tmp_path: Path, theme: str = "textual-dark") -> AnnotuiApp:
    path = tmp_path / "demo"
    fill_demo_store(path)
    app = make_test_app(path, annotator="tester")
    app.theme = theme
    return app


async def steady(pilot: Pilot[None]) -> None:
    """Wait for workers, fix the sub-title, hide the cursor blink."""
    app = pilot.app
    assert isinstance(app, AnnotuiApp)
    await settle(app, pilot)
    app.sub_title = SUB_TITLE
    for widget in app.screen.query("Input"):
        widget.cursor_blink = False  # type: ignore[attr-defined]
    await pilot.pause()


SnapCompare = Callable[..., bool]


def test_list_80x24(snap_compare: SnapCompare, tmp_path: Path) -> None:
    assert snap_compare(demo_app(tmp_path), terminal_size=(80, 24), run_before=steady)


def test_list_120x40(snap_compare: SnapCompare, tmp_path: Path) -> None:
    assert snap_compare(demo_app(tmp_path), terminal_size=(120, 40), run_before=steady)


def test_list_light_120x40(snap_compare: SnapCompare, tmp_path: Path) -> None:
    app = demo_app(tmp_path, theme="textual-light")
    assert snap_compare(app, terminal_size=(120, 40), run_before=steady)


def test_list_filtered_empty_80x24(snap_compare: SnapCompare, tmp_path: Path) -> None:
    async def filtered(pilot: Pilot[None]) -> None:
        await steady(pilot)
        await pilot.press("slash", *"nobody")
        await pilot.pause()

    assert snap_compare(demo_app(tmp_path), terminal_size=(80, 24), run_before=filtered)


def test_help_80x24(snap_compare: SnapCompare, tmp_path: Path) -> None:
    async def help_open(pilot: Pilot[None]) -> None:
        await steady(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(demo_app(tmp_path), terminal_size=(80, 24), run_before=help_open)


def test_statistics_120x40(snap_compare: SnapCompare, tmp_path: Path) -> None:
    async def stats_open(pilot: Pilot[None]) -> None:
        await steady(pilot)
        await pilot.press("S")
        await settle(pilot.app, pilot)  # type: ignore[arg-type]

    assert snap_compare(demo_app(tmp_path), terminal_size=(120, 40), run_before=stats_open)
