"""The TinyDB storage: atomic, owner-only writes, a cache that never hides another writer nor
keeps an unsaved change, transactions, and crash safety under SIGKILL."""

from __future__ import annotations

import multiprocessing
import os
import signal
import stat
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from tinydb import TinyDB

from annotate.model import Annotation
from store import Store, StoreError
from store.atomic_storage import AtomicJSONStorage
from tests.store.store_helpers import kills, small_annotation


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_no_temp_files_and_owner_only_modes(
    store: Store, make_annotation: Callable[..., Annotation]
) -> None:
    texts = [f"Alice Smith met Bob Jones in Paris, part {i}." for i in range(5)]
    ids = store.add_articles(texts)
    for aid, text in zip(ids, texts, strict=True):
        store.save_annotation(aid, make_annotation(text))
        store.set_status(aid, "in_progress")
    entries = list(store.path.rglob("*"))
    assert not [p for p in entries if p.name.endswith(".tmp")]
    files = [p for p in entries if p.is_file()]
    names = {p.name for p in files}
    assert names >= {"store.json", f"{ids[0][:2]}.json", ".lock", f"{ids[0]}.json"}
    assert {str(p): _mode(p) for p in files} == {str(p): 0o600 for p in files}
    folders = [store.path, *(p for p in entries if p.is_dir())]
    assert {str(p): _mode(p) for p in folders} == {str(p): 0o700 for p in folders}


def test_storage_sees_the_writes_of_another_instance(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    first = TinyDB(path, storage=AtomicJSONStorage).table("t")
    second = TinyDB(path, storage=AtomicJSONStorage).table("t")
    first.insert({"n": 1})
    assert [dict(d) for d in second.all()] == [{"n": 1}]
    second.insert({"n": 2})
    assert [d["n"] for d in first.all()] == [1, 2]
    assert first.get(doc_id=2) == {"n": 2}


def test_unchanged_file_is_parsed_once_and_a_write_elsewhere_is_seen(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    db = TinyDB(path, storage=AtomicJSONStorage)
    db.table("t").insert({"n": 1})
    past = time.time_ns() - 10_000_000_000
    os.utime(path, ns=(past, past))  # older than the racy window: the stat signature is trusted
    storage = db.storage
    assert isinstance(storage, AtomicJSONStorage)
    assert db.table("t").get(doc_id=1) == {"n": 1}
    generation = storage.generation
    assert db.table("t").get(doc_id=1) == {"n": 1}
    assert storage.generation == generation, "not parsed again"
    TinyDB(path, storage=AtomicJSONStorage).table("t").update({"n": 2}, doc_ids=[1])
    assert db.table("t").get(doc_id=1) == {"n": 2}, "same size, yet seen"


def test_failed_write_leaves_no_unsaved_change_in_the_cache(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    db = TinyDB(path, storage=AtomicJSONStorage)
    table = db.table("t")
    table.insert({"n": 1})
    with pytest.raises(TypeError):
        table.update({"n": object()}, doc_ids=[1])  # TinyDB changes the cached document first
    assert table.get(doc_id=1) == {"n": 1}
    storage = db.storage
    assert isinstance(storage, AtomicJSONStorage)
    with pytest.raises(TypeError), storage.transaction():
        table.insert({"n": 2})
        table.update({"n": object()}, doc_ids=[1])
    assert [dict(d) for d in table.all()] == [{"n": 1}]


def test_transaction_reads_once_and_writes_once_at_its_end(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    db = TinyDB(path, storage=AtomicJSONStorage, indent=1, depth=2)
    db.table("t").insert({"n": 1})
    before = path.read_bytes()
    storage = db.storage
    assert isinstance(storage, AtomicJSONStorage)
    with storage.transaction():
        db.table("t").insert({"n": 2})
        db.table("u").insert({"m": 1})
        assert len(db.table("t")) == 2
        assert path.read_bytes() == before, "nothing written before the end"
    with pytest.raises(RuntimeError), storage.transaction():
        db.table("t").insert({"n": 3})
        raise RuntimeError("stop")
    assert path.read_text(encoding="utf-8") == (
        '{\n "t": {\n  "1": {"n": 1},\n  "2": {"n": 2}\n },\n "u": {\n  "1": {"m": 1}\n }\n}'
    )
    assert len(db.table("t")) == 2


def test_unreadable_file_is_named_and_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_text('{"t": {"1": {"n": 1}', encoding="utf-8")
    table = TinyDB(path, storage=AtomicJSONStorage).table("t")
    with pytest.raises(StoreError, match=f"cannot read {path}: it is cut short"):
        table.insert({"n": 2})
    assert path.read_text(encoding="utf-8") == '{"t": {"1": {"n": 1}'


def test_write_replaces_the_file_instead_of_rewriting_it(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    table = TinyDB(path, storage=AtomicJSONStorage).table("t")
    table.insert({"n": 1})
    inode = path.stat().st_ino
    kept_open = path.open("rb")
    table.insert({"n": 2})
    assert path.stat().st_ino != inode
    assert b'"n": 2' not in kept_open.read(), "a reader of the old file still sees it whole"
    kept_open.close()


def test_failed_write_leaves_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "db.json"
    target.mkdir()
    (target / "inside").write_text("x", encoding="utf-8")
    storage = AtomicJSONStorage(target)
    with pytest.raises(StoreError, match=f"cannot write {target}"):
        storage.write({"t": {"1": {"n": 1}}})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.json"]
    assert (target / "inside").read_text(encoding="utf-8") == "x"


def _hammer(folder: str, aid: str, text: str) -> None:
    """Save annotations and statuses of one article forever (until killed)."""
    store = Store(folder)
    statuses = ("new", "in_progress", "reviewed")
    i = 0
    while True:
        store.save_annotation(aid, small_annotation(text, people=i % 3, events=i % 4))
        store.set_status(aid, statuses[i % 3])
        store.add_article(f"Extra article number {i}. Written while being killed.")
        i += 1


def test_sigkill_mid_write_leaves_a_readable_store(store: Store) -> None:
    text = "Alice Smith met Bob Jones in Paris. Nobody else came."
    aid = store.add_article(text)
    context = multiprocessing.get_context("spawn")
    for round_ in range(kills(3)):
        child = context.Process(target=_hammer, args=(str(store.path), aid, text))
        child.start()
        time.sleep(1.0 + 0.23 * (round_ % 3))
        assert child.pid is not None and child.is_alive()
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        assert child.exitcode == -signal.SIGKILL
        with Store(store.path) as after:
            annotation = after.annotation(aid)
            assert annotation is not None and annotation.text == text
            summaries = after.summaries()
            assert summaries[0].id == aid and len(summaries) == len(after) > 1
            for summary in summaries:
                assert after.article(summary.id).status == summary.status or summary.id == aid
            after.save_annotation(aid, small_annotation(text))
            assert after.annotation(aid) == small_annotation(text)
