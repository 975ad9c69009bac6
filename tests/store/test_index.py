"""The sharded index: order across shards, one shard per edit, changes seen across processes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store import Store
from store.index import shard_name

TEXTS = [f"Alice Smith met Bob Jones in Paris, story number {i}." for i in range(60)]


def test_summaries_keep_the_order_added_across_shards(store: Store) -> None:
    first = store.add_articles(TEXTS[:30])
    second = [store.add_article(text) for text in TEXTS[30:]]
    ids = first + second
    assert len({shard_name(aid) for aid in ids}) > 20, "spread over many shards"
    assert [s.id for s in store.summaries()] == ids
    with Store(store.path) as again:
        assert [s.id for s in again.summaries()] == ids
        assert len(again) == len(ids)


def test_shards_are_tinydb_files_one_summary_a_line(store: Store) -> None:
    from tinydb import TinyDB

    aid = store.add_article(TEXTS[0])
    path = store.path / "index" / shard_name(aid)
    raw = path.read_text(encoding="utf-8")
    assert raw.count("\n") >= 3 and f'"id": "{aid}"' in raw
    with TinyDB(path) as db:
        [doc] = db.table("articles").all()
    assert doc["id"] == aid and doc["rev"] == 1 and doc["title"] == TEXTS[0]


def test_changes_since_names_what_another_store_object_wrote(
    store_path: Path, make_annotation: object
) -> None:
    from tests.store.store_helpers import small_annotation

    mine, theirs = Store(store_path), Store(store_path)
    ids = mine.add_articles(TEXTS[:10])
    token, nothing = mine.changes_since(None)
    assert nothing == frozenset()
    token, nothing = mine.changes_since(token)
    assert nothing == frozenset(), "no write, no change"
    theirs.set_status(ids[3], "reviewed")
    theirs.save_annotation(ids[7], small_annotation(TEXTS[7]))
    added = theirs.add_article(TEXTS[20])
    token, changed = mine.changes_since(token)
    assert changed == {ids[3], ids[7], added}
    assert mine.summary(ids[3]).status == "reviewed"
    assert mine.summary(ids[7]).n_people == 2
    for _ in range(3):  # quick writes of the same size in one shard are each seen
        theirs.set_status(ids[3], "in_progress")
        token, changed = mine.changes_since(token)
        assert changed == {ids[3]}


def test_reading_again_after_a_write_with_the_same_size(store_path: Path) -> None:
    mine, theirs = Store(store_path), Store(store_path)
    aid = mine.add_article(TEXTS[0])
    for status in ("in_progress", "reviewed", "in_progress", "reviewed"):
        theirs.set_status(aid, status)  # type: ignore[arg-type]
        assert mine.summary(aid).status == status
        assert [s.status for s in mine.summaries()] == [status]


def test_import_articles_with_annotations_and_status(store: Store) -> None:
    from tests.store.store_helpers import small_annotation

    items = [
        {"text": t, "annotation": small_annotation(t, people=1 + i % 2), "status": "in_progress"}
        for i, t in enumerate(TEXTS[:25])
    ]
    ids = store.import_articles([*items, TEXTS[30]], batch=10)
    assert len(ids) == 26 and [s.id for s in store.summaries()] == ids
    assert store.annotation(ids[4]) == items[4]["annotation"]
    summary = store.summary(ids[5])
    assert (summary.status, summary.n_people, summary.updated is not None) == (
        "in_progress",
        2,
        True,
    )
    assert store.summary(ids[25]).status == "new" and store.annotation(ids[25]) is None
    before = {p.name: p.read_bytes() for p in (store.path / "index").iterdir()}
    assert store.import_articles(TEXTS[:25]) == ids[:25], "already stored: left alone"
    assert {p.name: p.read_bytes() for p in (store.path / "index").iterdir()} == before
    shard = json.loads((store.path / "index" / shard_name(ids[0])).read_text(encoding="utf-8"))
    assert all(doc["rev"] == 1 for doc in shard["articles"].values())


def test_cache_speeds_opening_and_is_never_trusted_blindly(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from store import index

    monkeypatch.setattr(index, "CACHE_AT", 5)
    with Store(store_path) as store:
        ids = store.add_articles(TEXTS)
        expected = store.summaries()
    cache = store_path / "index" / ".cache"
    assert cache.is_file(), "written when the summaries were read"
    with Store(store_path) as again:
        assert again.summaries() == expected
        assert all(shard.from_cache for shard in again._index._shards.values())
        # another process writes a shard after the cache was made
        Store(store_path).set_status(ids[5], "reviewed")
    with Store(store_path) as third:
        summaries = third.summaries()
        assert summaries[5].status == "reviewed" and summaries[:5] == expected[:5]
    cache.write_bytes(b"\x00not marshal at all")
    with Store(store_path) as fourth:
        assert [s.status for s in fourth.summaries()][5] == "reviewed"
    cache.unlink()
    with Store(store_path) as fifth:
        assert len(fifth.summaries()) == len(TEXTS)


def test_changes_seen_by_a_store_opened_from_the_cache(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from store import index

    monkeypatch.setattr(index, "CACHE_AT", 5)
    with Store(store_path) as store:
        ids = store.add_articles(TEXTS)
        store.summaries()
    mine = Store(store_path)
    token, _ = mine.changes_since(None)
    assert len(mine) == len(TEXTS)
    Store(store_path).set_status(ids[9], "in_progress")
    token, changed = mine.changes_since(token)
    assert changed == {ids[9]}
    assert mine.summary(ids[9]).status == "in_progress"


def test_a_shard_written_by_another_store_is_never_written_from_stale_lines(
    store_path: Path,
) -> None:
    """The index reuses the line of each summary a write leaves alone; after another
    process wrote the shard, its lines are not the file's and are dropped."""
    texts = [f"Item {n}: the envoy met the mayor." for n in range(300)]
    with Store(store_path) as first:
        ids = first.add_articles(texts)
        shard = shard_name(ids[0])
        mates = [aid for aid in ids if shard_name(aid) == shard]
        assert len(mates) >= 2
        first.set_status(mates[0], "in_progress")  # the lines of this shard are kept
        with Store(store_path) as second:
            second.set_status(mates[1], "reviewed")
        first.set_status(mates[0], "reviewed")
    with Store(store_path) as again:
        assert again.summary(mates[1]).status == "reviewed"
        assert again.summary(mates[0]).status == "reviewed"
