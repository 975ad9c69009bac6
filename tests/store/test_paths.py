"""Where the default store lives, by environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from store import default_store_path


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"ANNOTUI_STORE": "/data/corpus", "XDG_DATA_HOME": "/xdg", "HOME": "/h"}, "/data/corpus"),
        ({"ANNOTUI_STORE": "~/corpus", "HOME": "/home/ann"}, "/home/ann/corpus"),
        ({"XDG_DATA_HOME": "/xdg", "HOME": "/h"}, "/xdg/annotui"),
        ({"ANNOTUI_STORE": "", "XDG_DATA_HOME": "/xdg", "HOME": "/h"}, "/xdg/annotui"),
        ({"XDG_DATA_HOME": "", "HOME": "/home/ann"}, "/home/ann/.local/share/annotui"),
        ({"XDG_DATA_HOME": "relative/dir", "HOME": "/h"}, "/h/.local/share/annotui"),
        ({"HOME": "/home/ann"}, "/home/ann/.local/share/annotui"),
    ],
)
def test_default_store_path(
    environ: dict[str, str], expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", "/not/used")
    assert default_store_path(environ) == Path(expected)


def test_default_store_path_reads_the_process_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANNOTUI_STORE", str(tmp_path / "mine"))
    assert default_store_path() == tmp_path / "mine"
    monkeypatch.delenv("ANNOTUI_STORE")
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_store_path() == tmp_path / ".local" / "share" / "annotui"
