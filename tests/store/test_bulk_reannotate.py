"""``Store.reannotate_many``: the bulk write that ``annotui annotate`` (and a Dask cluster)
feeds. It stores what :meth:`Store.reannotate` stores one by one, keeps human decisions,
and neither a refused article, a full disk nor a SIGKILL in the middle loses or tears what
was written."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from annotate.edits import reject_span
from annotate.model import MODEL, Annotation, Event, Participant, Person, Span
from store import Store, StoreError, article_id, swap_files
from store.prepared import PreparedAnnotation
from tests.offsets import at
from tests.store.store_helpers import human
from tests.store.test_disk_full import _fill, small_disk  # noqa: F401 - a fixture

ROOT = Path(__file__).resolve().parents[2]


def text_of(n: int) -> str:
    return f"Dispatch {n}: Alice Smith met Bob Jones in Oslo on day {n} of the talks."


def suggestions(text: str) -> Annotation:
    """What a model run could suggest for :func:`text_of`."""
    alice, bob, met = at(text, "Alice Smith"), at(text, "Bob Jones"), at(text, "met")
    oslo = at(text, "Oslo")
    return Annotation(
        text=text,
        spans=(
            Span("T1", alice["start"], alice["end"], "PERSON", MODEL),
            Span("T2", met["start"], met["end"], "TRIGGER", MODEL),
            Span("T3", bob["start"], bob["end"], "PERSON", MODEL),
            Span("T4", oslo["start"], oslo["end"], "GPE", MODEL),
        ),
        people=(Person("P1", "Alice Smith", ("T1",), MODEL), Person("P2", "Bob Jones", ("T3",))),
        events=(Event("E1", "T2", "Meet", (Participant("P1", "entity"),), provenance=MODEL),),
        model="en_core_web_sm",
    ).validate()


def new_store(path: Path, count: int) -> tuple[Store, list[str]]:
    store = Store(path)
    return store, store.add_articles([text_of(n) for n in range(count)])


@pytest.mark.parametrize("prepared", [False, True], ids=["objects", "prepared by a worker"])
def test_a_bulk_write_stores_what_one_by_one_stores(tmp_path: Path, prepared: bool) -> None:
    count = 40  # more index shards than a bulk write syncs one by one
    one, ids = new_store(tmp_path / "one", count)
    bulk, same = new_store(tmp_path / "bulk", count)
    assert ids == same
    fresh = [(aid, suggestions(one.article(aid).text)) for aid in ids]
    for aid, annotation in fresh:
        one.reannotate(aid, annotation)
    given = [(aid, PreparedAnnotation.of(a) if prepared else a) for aid, a in fresh]
    assert bulk.reannotate_many(given, batch=7) == count  # batches of 7, the last one short
    again = Store(tmp_path / "bulk")  # what is on the disk, read anew
    for aid, annotation in fresh:
        assert again.annotation(aid) == one.annotation(aid) == annotation
        kept, expected = again.summary(aid), one.summary(aid)
        assert replace(kept, updated=None) == replace(expected, updated=None)
    assert bulk.reannotate_many(given) == 0  # nothing new: nothing written
    again.apply_patch(ids[0], reject_span(fresh[0][1], "T4", by=human()), annotator="ann")
    assert again.history(ids[0])[-1].annotator == "ann"  # the file written in bulk takes edits
    assert not list((tmp_path / "bulk").rglob("*.tmp"))


@pytest.mark.parametrize("prepared", [False, True], ids=["objects", "prepared by a worker"])
def test_a_bulk_write_keeps_human_decisions_and_records_the_merge(
    tmp_path: Path, prepared: bool
) -> None:
    store, ids = new_store(tmp_path / "store", 3)
    aid = ids[1]
    text = store.article(aid).text
    store.reannotate(aid, suggestions(text))
    first = store.annotation(aid)
    assert first is not None
    oslo = next(s for s in first.spans if s.label == "GPE")
    decided = store.apply_patch(aid, reject_span(first, oslo.id, by=human()), annotator="ann")
    fresh = [(i, suggestions(store.article(i).text)) for i in ids]
    store.reannotate_many([(i, PreparedAnnotation.of(a) if prepared else a) for i, a in fresh])
    merged = store.annotation(aid)
    assert merged is not None
    assert [s.rejected for s in merged.spans if s.label == "GPE"] == [True]
    assert merged == decided  # the run suggested nothing nobody had decided on
    assert store.history(aid)[-1].annotator == "ann"
    for other in (ids[0], ids[2]):
        assert store.annotation(other) == suggestions(store.article(other).text)


@pytest.mark.parametrize("prepared", [False, True], ids=["objects", "prepared by a worker"])
def test_a_refused_article_leaves_those_before_it_written_and_listed(
    tmp_path: Path, prepared: bool
) -> None:
    store, ids = new_store(tmp_path / "store", 4)
    given = [suggestions(text_of(n)) for n in (0, 1, 99, 3)]  # the third of another text
    results = [
        (aid, PreparedAnnotation.of(a) if prepared else a)
        for aid, a in zip(ids, given, strict=True)
    ]
    with pytest.raises(StoreError, match=f"article {ids[2]}: the fresh annotation is of another"):
        store.reannotate_many(results)
    reopened = Store(tmp_path / "store")
    assert [reopened.summary(aid).updated is not None for aid in ids] == [
        True,
        True,
        False,
        False,
    ]
    assert reopened.annotation(ids[1]) == given[1]


def test_a_bulk_write_on_a_full_disk_loses_nothing_stored_before(small_disk: Path) -> None:  # noqa: F811
    store, ids = new_store(small_disk / "store", 30)
    store.reannotate_many([(ids[0], suggestions(text_of(0)))])
    filler = _fill(small_disk)
    results = [(aid, suggestions(text_of(n))) for n, aid in enumerate(ids)]
    with pytest.raises(StoreError, match="No space left on device"):
        store.reannotate_many(results[1:])
    reopened = Store(small_disk / "store")
    assert reopened.annotation(ids[0]) == results[0][1]
    for aid, annotation in results[1:]:  # each article is as it was, or fully written
        assert reopened.annotation(aid) in (None, annotation)
    filler.unlink()
    reopened.reannotate_many(results)
    for aid, annotation in results:
        assert Store(small_disk / "store").annotation(aid) == annotation


WRITER = """
import sys
from store import Store
from tests.store.test_bulk_reannotate import suggestions
store = Store(sys.argv[1])
ids = [s.id for s in store.summaries()]
print("ready", flush=True)
store.reannotate_many([(aid, suggestions(store.article(aid).text)) for aid in ids], batch=25)
"""


_BYTECODE = {
    name: os.environ[name]
    for name in ("PYTHONPYCACHEPREFIX", "PYTHONDONTWRITEBYTECODE")
    if name in os.environ
}
"""Where the writer keeps compiled modules, as the suite's own processes do (make test)."""


def test_a_bulk_write_killed_at_any_moment_leaves_each_article_whole(tmp_path: Path) -> None:
    rng = random.Random(16)
    path = tmp_path / "store"
    store, ids = new_store(path, 200)
    store.close()
    landed = 0
    for _ in range(3):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={"PYTHONPATH": str(ROOT), "PATH": "", **_BYTECODE},
        )
        assert writer.stdout is not None and writer.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0.02, 0.3))
        landed += writer.poll() is None
        writer.send_signal(signal.SIGKILL)
        writer.communicate(timeout=30)
        with Store(path) as opened:
            written = 0
            for aid in ids:
                annotation = opened.annotation(aid)  # every file reads, whole
                assert annotation in (None, suggestions(opened.article(aid).text))
                summary = opened.summary(aid)  # and its index row says what it holds
                assert (summary.updated is not None) == (annotation is not None)
                written += annotation is not None
        if written == len(ids):
            break
    assert landed, "no kill landed while the bulk write ran"
    with Store(path) as opened:  # the rest is written by the next run
        opened.reannotate_many(
            [
                (aid, suggestions(opened.article(aid).text))
                for aid in ids
                if not opened.annotation(aid)
            ]
        )
        assert all(opened.annotation(aid) is not None for aid in ids)
    assert not list(path.rglob("*.tmp"))


def test_a_prepared_annotation_decodes_to_itself_and_refuses_an_inconsistent_one() -> None:
    annotation = suggestions(text_of(3))
    prepared = PreparedAnnotation.of(annotation)
    assert prepared.fits(article_id(text_of(3)), text_of(3))
    assert not prepared.fits(article_id(text_of(4)), text_of(4))
    assert prepared.annotation(text_of(3)) == annotation
    assert prepared.facts["people"] == ("Alice Smith", "Bob Jones")
    dangling = replace(annotation, people=(Person("P1", "Alice Smith", ("T9",), MODEL),))
    with pytest.raises(ValueError, match="inconsistent annotation"):
        PreparedAnnotation.of(dangling)


def _inodes(folder: Path, pattern: str) -> set[int]:
    return {path.stat().st_ino for path in folder.rglob(pattern)}


@pytest.mark.skipif(not swap_files.exchange_supported(), reason="no renameat2 here")
def test_a_bulk_write_swaps_files_in_and_neither_makes_nor_frees_an_inode_each(
    tmp_path: Path,
) -> None:
    """Each new file is swapped with the old one, which a later write goes into: the files
    after are mostly the old files' inodes, in another order, and no temporary file stays."""
    store, ids = new_store(tmp_path / "store", 300)
    articles = tmp_path / "store" / "articles"
    before = _inodes(articles, "*.json")
    shards_before = _inodes(tmp_path / "store" / "index", "*.json")
    fresh = [(aid, suggestions(text_of(n))) for n, aid in enumerate(ids)]
    assert store.reannotate_many(fresh, batch=100) == 300
    after = _inodes(articles, "*.json")
    assert len(after - before) <= 100  # the next batches go into the first one's spares
    assert len(_inodes(tmp_path / "store" / "index", "*.json") - shards_before) <= 3  # 1 a batch
    assert all(store.annotation(aid) == suggestions(text_of(n)) for n, aid in enumerate(ids))
    store.close()
    assert not list((tmp_path / "store").rglob("*.tmp"))


def test_without_a_swap_a_bulk_write_renames_over_each_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the file system (or the C library) cannot swap, each file is renamed over."""
    monkeypatch.setattr(swap_files, "_RENAMEAT2", None)
    store, ids = new_store(tmp_path / "store", 60)
    store.reannotate_many([(aid, suggestions(text_of(n))) for n, aid in enumerate(ids)])
    assert all(store.annotation(aid) == suggestions(text_of(n)) for n, aid in enumerate(ids))
    store.close()
    assert not list((tmp_path / "store").rglob("*.tmp"))


def test_temporary_files_are_made_beside_a_file_on_another_file_system(tmp_path: Path) -> None:
    """A swap or a rename cannot cross file systems: a spare folder on another one is not
    used (an article folder mounted elsewhere still gets its files)."""
    spares = swap_files.Spares(tmp_path)
    (tmp_path / "sub").mkdir()
    assert spares.folder_for(tmp_path / "sub" / "a.json") == tmp_path
    shm = Path("/dev/shm")
    if not shm.is_dir() or os.stat(shm).st_dev == os.stat(tmp_path).st_dev:
        pytest.skip("no second file system here")
    assert spares.folder_for(shm / "a.json") == shm
