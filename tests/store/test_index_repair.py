"""The index never hides an article: a killed import and a damaged shard are repaired from
the article files, which are the truth."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from store import Store, StoreError
from store.importing import add_articles
from store.index import INDEX_DIR, shard_name

ROOT = Path(__file__).resolve().parents[2]

DIE_IN_INDEX = """
import os, sys
from store import Store
from store.index import SummaryIndex

SummaryIndex.put_many = lambda *args, **kwargs: os._exit(9)  # killed before the index
Store(sys.argv[1]).import_articles([f"Article {n} of the killed import." for n in range(40)])
"""


def _texts(count: int) -> list[str]:
    return [f"Article {n} of the killed import." for n in range(count)]


def _killed_import(folder: Path) -> None:
    """Import 40 articles in a process that dies after writing their files, before their
    index rows (as SIGKILL, a crash or a full disk can)."""
    Store(folder).close()
    done = subprocess.run(
        [sys.executable, "-c", DIE_IN_INDEX, str(folder)], cwd=ROOT, capture_output=True
    )
    assert done.returncode == 9, done.stderr.decode()


def _article_files(folder: Path) -> set[str]:
    return {p.stem for p in (folder / "articles").glob("*/*.json") if "." not in p.stem}


def test_killed_import_is_indexed_on_the_next_open(store_path: Path) -> None:
    _killed_import(store_path)
    on_disk = _article_files(store_path)
    assert len(on_disk) == 40
    with Store(store_path) as store:
        assert {s.id for s in store.summaries()} == on_disk
        assert any("40 article files" in notice for notice in store.notices)
        assert not list((store_path / INDEX_DIR).glob(".adding*"))


def test_reimport_indexes_what_is_on_disk(store_path: Path) -> None:
    _killed_import(store_path)
    marker = store_path / INDEX_DIR / ".adding"
    marker.unlink()  # even without the marker a re-import finds them
    with Store(store_path) as store:
        assert store.summaries() == []
        items = [{"text": text} for text in _texts(40)]
        added = add_articles(store, items)
        assert len(added.new) == 40
        assert len(store.summaries()) == 40


def test_temp_files_of_a_killed_writer_are_removed(store_path: Path) -> None:
    with Store(store_path) as store:
        aid = store.add_article("An article whose writer was killed.")
    folder = store_path / "articles" / aid[:2]
    temp = folder / f".{aid}.json.abc123.tmp"
    temp.write_bytes(b'{"half": ')
    marker = store_path / INDEX_DIR / ".adding"
    marker.write_text(f'["{aid}"]', encoding="utf-8")
    with Store(store_path):
        assert not temp.exists()
        assert not marker.exists()


def _zero(path: Path) -> None:
    path.write_bytes(b"")


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:40])


def _garbage(path: Path) -> None:
    path.write_bytes(b"\x00\xff garbage \x1b[2J")


def _not_index(path: Path) -> None:
    path.write_text('{"articles": {"1": {"note": "not a summary"}}}', encoding="utf-8")


DAMAGE = [
    pytest.param(_zero, "empty", id="zero-bytes"),
    pytest.param(_truncate, "cut short", id="truncated"),
    pytest.param(_garbage, "not UTF-8", id="garbage"),
    pytest.param(_not_index, "schema_version None", id="not-an-index"),
]

TEXTS = [f"Story {n}: the minister met the envoy in city {n}." for n in range(60)]


def _filled(store_path: Path) -> tuple[list[str], Path]:
    """A store of 60 articles; return their ids in order and the fullest shard's path."""
    with Store(store_path) as store:
        ids = store.add_articles(TEXTS)
    names = [shard_name(aid) for aid in ids]
    fullest = max(set(names), key=names.count)
    return ids, store_path / INDEX_DIR / fullest


@pytest.mark.parametrize(("damage", "problem"), DAMAGE)
def test_damaged_shard_is_named_and_rebuilt(
    store_path: Path, damage: Callable[[Path], None], problem: str
) -> None:
    ids, shard = _filled(store_path)
    damage(shard)
    damaged = shard.read_bytes()
    with Store(store_path) as store:
        assert [s.id for s in store.summaries()] == ids  # every article, in the order added
        [notice] = store.notices
        assert str(shard) in notice and problem in notice and "\n" not in notice
    kept = list(shard.parent.glob(f"{shard.name}.damaged*"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged  # the damaged bytes, kept
    assert len(Store(store_path).summaries()) == 60


def test_a_write_never_goes_over_a_damaged_shard(store_path: Path) -> None:
    ids, shard = _filled(store_path)
    victim = next(aid for aid in ids if shard_name(aid) == shard.name)
    _zero(shard)
    with Store(store_path) as store:
        store.set_status(victim, "reviewed")  # the first thing done is a write to that shard
    with Store(store_path) as store:
        summaries = {s.id: s for s in store.summaries()}
        assert set(summaries) == set(ids)
        assert summaries[victim].status == "reviewed"


def test_read_only_store_rebuilds_in_memory_and_writes_nothing(store_path: Path) -> None:
    ids, shard = _filled(store_path)
    _zero(shard)
    with Store(store_path, readonly=True) as store:
        assert [s.id for s in store.summaries()] == ids
        assert "read-only" in store.notices[0]
    assert shard.read_bytes() == b""


def test_repair_rebuilds_every_shard(store_path: Path) -> None:
    ids, _ = _filled(store_path)
    with Store(store_path) as store:
        store.set_status(ids[0], "reviewed")
    for path in (store_path / INDEX_DIR).glob("*.json"):
        _zero(path)
    with Store(store_path) as store:
        report = store.repair()
        assert report.indexed == 60 and report.unreadable == []
        assert [s.id for s in store.summaries()] == ids
        assert store.summary(ids[0]).status == "reviewed"
    with Store(store_path) as store:  # nothing left to repair
        assert store.repair().changed == 0


def test_repair_names_an_unreadable_article_and_indexes_the_rest(store_path: Path) -> None:
    ids, _ = _filled(store_path)
    bad = store_path / "articles" / ids[3][:2] / f"{ids[3]}.json"
    bad.write_bytes(b"{")
    with Store(store_path) as store:
        report = store.repair()
        assert [path for path, _ in report.unreadable] == [bad]
        assert len(store.summaries()) == 60  # its row stays: it may be restored


def test_read_only_repair_is_refused(store_path: Path) -> None:
    _filled(store_path)
    with Store(store_path, readonly=True) as store, pytest.raises(StoreError, match="read-only"):
        store.repair()
