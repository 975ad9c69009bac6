"""Files are owner-only by default; ANNOTUI_STORE_MODE opens them to a group when asked."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from store import Store, StoreError
from store.permissions import MODE_ENV, dir_mode, file_mode
from tests.store.store_helpers import small_annotation

TEXT = "Alice Smith met Bob Jones in Paris. They talked for an hour."


def _modes(folder: Path) -> tuple[set[int], set[int]]:
    entries = [folder, *folder.rglob("*")]
    files = {stat.S_IMODE(p.stat().st_mode) for p in entries if p.is_file()}
    folders = {stat.S_IMODE(p.stat().st_mode) for p in entries if p.is_dir()}
    return files, folders


def _fill(folder: Path) -> None:
    with Store(folder) as store:
        aid = store.add_article(TEXT)
        store.save_annotation(aid, small_annotation(TEXT))
        store.set_status(aid, "reviewed")
        store.import_articles([f"{TEXT} Part {i}." for i in range(5)])


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_group_readable_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, umask: int
) -> None:
    monkeypatch.setenv(MODE_ENV, "0o640")
    old = os.umask(umask)
    try:
        _fill(tmp_path / "store")
    finally:
        os.umask(old)
    assert _modes(tmp_path / "store") == ({0o640}, {0o750})


def test_owner_only_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(MODE_ENV, raising=False)
    old = os.umask(0)
    try:
        _fill(tmp_path / "store")
    finally:
        os.umask(old)
    assert _modes(tmp_path / "store") == ({0o600}, {0o700})


@pytest.mark.parametrize("value", ["rw-r-----", "0o1777", "0o400", "9"])
def test_a_wrong_mode_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv(MODE_ENV, value)
    with pytest.raises(StoreError, match=rf"^{MODE_ENV}=.* is not a file mode"):
        Store(tmp_path / "store")
    assert not (tmp_path / "store").exists()


@pytest.mark.parametrize("value", ["0o777", "0o666", "0o602", "622"])
def test_a_world_writable_mode_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv(MODE_ENV, value)
    with pytest.raises(StoreError, match=rf"^{MODE_ENV}=.* world-writable"):
        Store(tmp_path / "store")
    assert not (tmp_path / "store").exists()


def test_mode_spellings() -> None:
    assert [file_mode({MODE_ENV: v}) for v in ("0o640", "640", "0640", " 0O660 ", "")] == [
        0o640,
        0o640,
        0o640,
        0o660,
        0o600,
    ]
    assert dir_mode({MODE_ENV: "0o644"}) == 0o755 and dir_mode({}) == 0o700
