"""The article journal (store/journal.py): edits write a small file, folded in every so often;
another process's writes are always seen; crashes part way, stray temporary files and stale
index rows are repaired; a layout 2 store is read as it is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tinydb import Query, TinyDB

from annotate.edits import relabel_span
from annotate.model import Annotation
from store import Store, StoreError
from store.journal import COMPACT_AT
from tests.store.store_helpers import human, span_of, tree_snapshot


@pytest.fixture
def annotated(store: Store, seed_text: str, seed_annotated: Annotation) -> str:
    aid = store.add_article(seed_text)
    store.save_annotation(aid, seed_annotated)
    return aid


def files_of(store: Store, aid: str) -> tuple[Path, Path]:
    folder = store.path / "articles" / aid[:2]
    return folder / f"{aid}.json", folder / f"{aid}.journal.json"


def toggle(store: Store, aid: str, times: int) -> Annotation:
    """Relabel "Russia" back and forth ``times`` times through the store."""
    current = store.annotation(aid)
    assert current is not None
    for _ in range(times):
        span = span_of(current, "Russia")
        label = "LOC" if span.label == "GPE" else "GPE"
        current = store.apply_patch(
            aid, relabel_span(current, span.id, label, by=human()), annotator="a"
        )
    return current


def test_plain_tinydb_reads_the_article_file_and_journal(
    store: Store, annotated: str, seed_text: str
) -> None:
    toggle(store, annotated, 2)
    store.set_status(annotated, "reviewed")
    path, journal = files_of(store, annotated)
    with TinyDB(path) as article, TinyDB(journal) as edits:
        assert article.table("article").get(doc_id=1)["text"] == seed_text  # type: ignore[index]
        assert article.table("annotation").get(doc_id=1)["status"] == "new"  # type: ignore[index]
        after = edits.table("head").get(doc_id=1)["after"]  # type: ignore[index]
        ops = [(doc.doc_id, doc["op"]) for doc in edits.table("entries")]
        assert ops == [(after + 1, "edit"), (after + 2, "edit"), (after + 3, "status")]
        assert edits.table("entries").search(Query().op == "status")[0]["status"] == "reviewed"


def test_state_is_made_again_from_the_tables_just_written(
    store: Store, annotated: str, seed_annotated: Annotation
) -> None:
    """After a write, the article file's storage holds the tables as written (annotations as
    objects); a state made from them, e.g. when emptying the journal failed, is the same."""
    toggle(store, annotated, 1)
    store.save_annotation(annotated, seed_annotated)  # the article file written whole
    path, _ = files_of(store, annotated)
    store._articles._files(path).seen = None
    assert store.annotation(annotated) == seed_annotated
    assert len(store.history(annotated)) == 2


def test_edits_write_the_journal_until_it_is_folded_in(store: Store, annotated: str) -> None:
    path, journal = files_of(store, annotated)
    before = path.read_bytes()
    toggle(store, annotated, COMPACT_AT - 1)
    assert path.read_bytes() == before, "the article file is not rewritten by an edit"
    entries = json.loads(journal.read_text(encoding="utf-8"))["entries"]
    assert len(entries) == COMPACT_AT - 1
    current = toggle(store, annotated, 1)
    assert path.read_bytes() != before, "folded in"
    assert json.loads(journal.read_text(encoding="utf-8"))["entries"] == {}
    with Store(store.path) as fresh:
        assert fresh.annotation(annotated) == current
        assert len(fresh.history(annotated)) == COMPACT_AT
        assert fresh.replayed(annotated) == current


def test_another_process_writes_are_seen(store: Store, annotated: str) -> None:
    reader = Store(store.path)
    assert reader.annotation(annotated) == store.annotation(annotated)  # cached from now on
    for n in (1, 2, COMPACT_AT + 3):  # journal appends, then a fold into the article file
        current = toggle(store, annotated, n)
        assert reader.annotation(annotated) == current
        assert reader.history(annotated) == store.history(annotated)
    store.set_status(annotated, "reviewed")
    assert reader.article(annotated).status == "reviewed"
    undone = store.undo(annotated, annotator="b")
    assert undone is not None and reader.annotation(annotated) == undone[0]
    assert reader.can_redo(annotated)


def test_crash_between_fold_and_emptying_the_journal(store: Store, annotated: str) -> None:
    _, journal = files_of(store, annotated)
    toggle(store, annotated, COMPACT_AT - 1)
    full = journal.read_bytes()
    current = toggle(store, annotated, 1)  # folds the journal in and empties it
    journal.write_bytes(full)  # as if killed after writing the article file
    with Store(store.path) as fresh:
        assert fresh.annotation(annotated) == current
        assert len(fresh.history(annotated)) == COMPACT_AT
        after = toggle(fresh, annotated, 1)
    with Store(store.path) as fresh:
        assert fresh.annotation(annotated) == after
        assert fresh.replayed(annotated) == after


def test_corrupt_journal_is_reported_never_overwritten(store: Store, annotated: str) -> None:
    _, journal = files_of(store, annotated)
    toggle(store, annotated, 2)
    data = json.loads(journal.read_text(encoding="utf-8"))
    key = next(iter(data["entries"]))
    data["entries"][key]["schema_version"] = 99
    journal.write_text(json.dumps(data), encoding="utf-8")
    before = tree_snapshot(store.path)
    fresh = Store(store.path)
    for action in (
        lambda: fresh.annotation(annotated),
        lambda: fresh.set_status(annotated, "reviewed"),
        lambda: fresh.undo(annotated, annotator="a"),
    ):
        with pytest.raises(StoreError, match=r"journal\.json.*schema_version 99"):
            action()
    fresh.close()
    assert tree_snapshot(store.path) == before


def test_stray_temporary_files_are_removed_under_the_lock(store: Store, annotated: str) -> None:
    path, _ = files_of(store, annotated)
    strays = [
        path.parent / f".{path.name}.k2j4h1.tmp",
        store.path / ".store.json.a8d7f6.tmp",
        store.path / "index" / f".{annotated[:2]}.json.q9w8e7.tmp",
    ]
    for stray in strays:
        stray.write_bytes(b'{"half": ')
    keep = path.parent / "notes.tmp"  # not one of ours
    keep.write_bytes(b"mine")
    with Store(store.path, readonly=True) as reader:
        reader.annotation(annotated)
    assert all(stray.exists() for stray in strays), "a read-only store removes nothing"
    with Store(store.path) as writer:
        assert not strays[1].exists() and not strays[2].exists(), "removed when opened"
        assert strays[0].exists(), "article folders: when first written"
        toggle(writer, annotated, 1)
        assert not strays[0].exists()
    assert keep.read_bytes() == b"mine"


def test_stale_index_row_is_repaired_when_the_article_is_read(store: Store, annotated: str) -> None:
    shard = store.path / "index" / f"{annotated[:2]}.json"
    before = shard.read_bytes()
    current = store.annotation(annotated)
    assert current is not None
    kim = span_of(current, "Kim Jong Un")
    store.apply_patch(annotated, relabel_span(current, kim.id, "ORG", by=human()), annotator="a")
    shard.write_bytes(before)  # as if killed between writing the journal and the index
    with Store(store.path) as fresh:
        stale = fresh.summary(annotated)
        assert stale.status == "new"
        fresh.annotation(annotated)
        repaired = fresh.summary(annotated)
        assert repaired.status == "in_progress" and repaired.updated != stale.updated
        assert repaired.people == ("Vladimir Putin", "Kim Jong Un"), "Kim keeps a mention"
    with Store(store.path, readonly=True) as reader:
        assert reader.summary(annotated) == repaired


def test_layout2_store_is_read_as_it_is(store: Store, annotated: str) -> None:
    store.close()
    meta = store.path / "store.json"
    data = json.loads(meta.read_text(encoding="utf-8"))
    meta.write_text(json.dumps({**data, "schema_version": 2}), encoding="utf-8")
    before = tree_snapshot(store.path)
    with Store(store.path, readonly=True) as reader:
        assert reader.annotation(annotated) is not None
    assert tree_snapshot(store.path) == before, "read-only: nothing written"
    with Store(store.path) as writer:
        toggle(writer, annotated, 1)
    assert json.loads(meta.read_text(encoding="utf-8"))["schema_version"] == 3
    assert json.loads(meta.read_text(encoding="utf-8"))["created"] == data["created"]
