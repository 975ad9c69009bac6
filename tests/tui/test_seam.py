"""The seam between screens and app: typed, by message, private Textual API in one module."""

from __future__ import annotations

import re
from pathlib import Path

from textual.app import App

from store import Store
from tui.app import AnnotuiApp
from tui.host import host_of
from tui.messages import RunProgress

TUI = Path(__file__).resolve().parents[2] / "tui"
PRIVATE_MODULE = TUI / "textual_private.py"


def _sources() -> dict[Path, str]:
    return {path: path.read_text(encoding="utf-8") for path in sorted(TUI.rglob("*.py"))}


def test_no_screen_reaches_the_app_by_attribute_name() -> None:
    found = [
        f"{path.name}: {line.strip()}"
        for path, text in _sources().items()
        if path != PRIVATE_MODULE
        for line in text.splitlines()
        if re.search(r"getattr\((self\.)?(app|widget\.app|provider\.app)\b", line)
    ]
    assert found == []


def test_textual_private_modules_are_imported_only_by_the_private_module() -> None:
    found = [
        f"{path.name}: {line.strip()}"
        for path, text in _sources().items()
        if path != PRIVATE_MODULE
        for line in text.splitlines()
        if re.search(r"\bfrom textual(\.\w+)*\._\w+ import|\bimport textual(\.\w+)*\._", line)
    ]
    assert found == []


def test_textual_private_attributes_are_used_only_by_the_private_module() -> None:
    private = ("_register(", "._exit", "_css_update_count", "._bindings", "_handle_exception")
    found = [
        f"{path.name}: {word}"
        for path, text in _sources().items()
        if path != PRIVATE_MODULE
        for word in private
        if word in text
    ]
    assert found == []


def test_progress_of_one_run_replaces_its_older_report_only() -> None:
    newer = RunProgress("import", (20, 100))
    assert newer.can_replace(RunProgress("import", (10, 100)))
    assert newer.can_replace(RunProgress("import", None))
    assert not newer.can_replace(RunProgress("export", (10, 100)))


def test_the_app_is_a_host_and_a_bare_app_is_not(tmp_path: Path) -> None:
    app = AnnotuiApp(Store(tmp_path / "store", create=True))
    assert host_of(app) is app
    assert host_of(App()) is None
