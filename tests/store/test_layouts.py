"""Stores in older layouts are upgraded, keeping a backup; newer or unreadable ones are refused."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from tinydb import TinyDB

from annotate.model import Annotation
from store import Store, StoreError, article_id
from tests.store.store_helpers import small_annotation, tree_snapshot

TEXTS = [f"Alice Smith met Bob Jones in Paris, chapter {i}. They talked." for i in range(12)]


def _layout0(folder: Path) -> list[Annotation]:
    """Write a layout 0 store with TinyDB's default storage: articles and annotations tables."""
    folder.mkdir()
    annotations = [small_annotation(text, people=1 + i % 2) for i, text in enumerate(TEXTS)]
    with TinyDB(folder / "db.json") as db:
        articles, saved = db.table("articles"), db.table("annotations")
        for i, text in enumerate(TEXTS):
            articles.insert({"text": text, "title": f"Chapter {i}", "source": f"c{i}.txt"})
            if i % 3:
                saved.insert(
                    {
                        "article_id": article_id(text),
                        "annotation": annotations[i].to_dict(),
                        "status": "reviewed" if i % 3 == 2 else "in_progress",
                        "updated": "2024-01-02T03:04:05.000+00:00",
                    }
                )
    return annotations


def test_layout0_is_upgraded_keeping_a_backup(tmp_path: Path) -> None:
    folder = tmp_path / "old"
    annotations = _layout0(folder)
    original = (folder / "db.json").read_bytes()
    with Store(folder) as store:
        summaries = store.summaries()
        assert [s.id for s in summaries] == [article_id(t) for t in TEXTS], "order kept"
        assert [s.title for s in summaries] == [f"Chapter {i}" for i in range(len(TEXTS))]
        for i, text in enumerate(TEXTS):
            aid = article_id(text)
            article = store.article(aid)
            assert (article.text, article.source) == (text, f"c{i}.txt")
            if i % 3:
                assert store.annotation(aid) == annotations[i]
                assert article.status == ("reviewed" if i % 3 == 2 else "in_progress")
                assert summaries[i].n_people == 1 + i % 2
            else:
                assert store.annotation(aid) is None and article.status == "new"
        store.set_status(article_id(TEXTS[0]), "reviewed")  # writable, current layout
    assert not (folder / "db.json").exists()
    assert (folder / "db.json.layout0.bak").read_bytes() == original
    assert json.loads((folder / "store.json").read_text())["schema_version"] == 3


def test_layout1_single_index_is_upgraded_keeping_a_backup(tmp_path: Path) -> None:
    folder = tmp_path / "v1"
    with Store(folder) as store:
        ids = store.add_articles(TEXTS)
        store.save_annotation(ids[4], small_annotation(TEXTS[4]))
        store.set_status(ids[4], "reviewed")
        before = store.summaries()
        records = [{k: v for k, v in doc.items() if k != "rev"} for doc in store._index.records()]
    shutil.rmtree(folder / "index")
    with TinyDB(folder / "index.json") as db:  # what layout 1 wrote
        db.table("articles").insert_multiple(records)
    meta = json.loads((folder / "store.json").read_text())
    (folder / "store.json").write_text(json.dumps({**meta, "schema_version": 1}))
    old_index = (folder / "index.json").read_bytes()
    with Store(folder) as store:
        assert store.summaries() == before
        assert store.annotation(ids[4]) == small_annotation(TEXTS[4])
    assert (folder / "index.json.layout1.bak").read_bytes() == old_index
    assert not (folder / "index.json").exists()
    assert json.loads((folder / "store.json").read_text())["created"] == meta["created"]


def test_old_layout_read_only_is_refused_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "old"
    _layout0(folder)
    before = tree_snapshot(folder)
    with pytest.raises(StoreError, match=r"older layout 0.*open it writable once"):
        Store(folder, readonly=True)
    assert tree_snapshot(folder) == before


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        pytest.param(b'{"articles": {"1": {"text": "A', "cut short", id="truncated"),
        pytest.param(b"articles: none", "not valid JSON", id="not-json"),
        pytest.param(b'{"articles": {"1": {"title": "no text"}}}', "no text", id="no-text"),
        pytest.param(
            b'{"articles": {"1": {"text": "Alice Smith met Bob Jones."}}, "annotations": '
            b'{"1": {"article_id": "d0e4a2a0b5b6c7d8", "annotation": {"spans": 3}}}}',
            "annotation",
            id="bad-annotation",
        ),
    ],
)
def test_unreadable_layout0_is_reported_untouched(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    folder = tmp_path / "old"
    folder.mkdir()
    text = "Alice Smith met Bob Jones."
    content = content.replace(b"d0e4a2a0b5b6c7d8", article_id(text).encode())
    (folder / "db.json").write_bytes(content)
    with pytest.raises(StoreError) as caught:
        Store(folder)
    assert str(folder / "db.json") in str(caught.value) and problem in str(caught.value)
    assert [p.name for p in folder.iterdir() if p.name != ".lock"] == ["db.json"]
    assert (folder / "db.json").read_bytes() == content


def test_newer_store_is_refused_untouched(store_path: Path) -> None:
    Store(store_path).add_article(TEXTS[0])
    meta = store_path / "store.json"
    meta.write_text(json.dumps({"schema_version": 7, "layout": "article-files"}))
    before = tree_snapshot(store_path)
    for readonly in (False, True):
        with pytest.raises(StoreError, match=r"schema_version 7, but this annotui reads up to 3"):
            Store(store_path, readonly=readonly)
    assert tree_snapshot(store_path) == before
