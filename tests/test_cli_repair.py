"""`annotui repair` and the notices of what the store repaired by itself, on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from store import Store
from tui.cli import main

TEXTS = [f"Report {n}: the governor met the mayor of town {n}." for n in range(30)]


def _store(folder: Path) -> list[str]:
    with Store(folder) as store:
        return store.add_articles(TEXTS)


def test_list_names_a_rebuilt_shard_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = _store(tmp_path / "s")
    shard = tmp_path / "s" / "index" / f"{ids[0][:2]}.json"
    shard.write_bytes(b"")
    assert main(["list", "--store", str(tmp_path / "s")]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 30  # every article listed, the damaged shard's too
    [notice] = err.splitlines()
    assert notice.startswith("annotui: notice: ") and str(shard) in notice and "empty" in notice


def test_repair_rebuilds_the_index(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids = _store(tmp_path / "s")
    for shard in (tmp_path / "s" / "index").glob("*.json"):
        shard.write_bytes(b"{")
    assert main(["repair", "--store", str(tmp_path / "s")]) == 0
    out, _ = capsys.readouterr()
    assert "30 articles indexed: 30 added" in out
    with Store(tmp_path / "s", readonly=True) as store:
        assert [s.id for s in store.summaries()] == ids


def test_repair_exits_1_naming_an_unreadable_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = _store(tmp_path / "s")
    bad = tmp_path / "s" / "articles" / ids[5][:2] / f"{ids[5]}.json"
    bad.write_bytes(b"")
    assert main(["repair", "--store", str(tmp_path / "s")]) == 1
    out, _ = capsys.readouterr()
    assert f"cannot read {bad}: it is empty" in out
