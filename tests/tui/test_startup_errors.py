"""A store the app cannot read ends it with one line and status 2, never a traceback."""

from __future__ import annotations

import errno
from pathlib import Path

from store import Store, StoreError
from tests.tui.conftest import make_test_app
from tui.app import EXIT_STORE_ERROR
from tui.startup import error_line


async def test_an_unreadable_index_shard_ends_the_app_with_one_line(tmp_path: Path) -> None:
    with Store(tmp_path / "store") as store:
        aid = store.add_article("Alice Smith met Bob Jones in Oslo.")
    shard = tmp_path / "store" / "index" / f"{aid[:2]}.json"
    shard.unlink()
    shard.mkdir()  # read at start-up by the list: open() fails (EISDIR), as root too
    app = make_test_app(tmp_path / "store")
    async with app.run_test(size=(100, 30)):
        pass  # the app ends by itself, with no screen (a pilot's pause would want one)
    assert app.return_code == EXIT_STORE_ERROR
    assert app.fatal_error is not None and str(shard) in app.fatal_error
    assert "\n" not in app.fatal_error
    assert shard.is_dir()


def test_error_line_names_the_file_of_a_system_error() -> None:
    error = FileNotFoundError(errno.ENOENT, "No such file or directory", "/s/index")
    assert error_line(error) == "/s/index: No such file or directory"
    assert error_line(StoreError("cannot read /s/store.json: it is empty")) == (
        "cannot read /s/store.json: it is empty"
    )
