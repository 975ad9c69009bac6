"""A model run that failed on an article is recorded with its reason, durably, until one works."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotate.edits import add_span
from annotate.model import Annotation, Provenance
from store import Store, StoreError
from store.index import shard_name
from tests.store.store_helpers import small_annotation

TEXTS = [f"Alice Smith met Bob Jones in Paris, story number {i}." for i in range(12)]
BY = Provenance(source="human", annotator="tester", state="accepted")
REASON = "[E088] Text of length 5000000 exceeds maximum of 1000000.\nThe parser and NER ..."


def shard_record(store_path: Path, article_id: str) -> dict[str, object]:
    shard = json.loads((store_path / "index" / shard_name(article_id)).read_text("utf-8"))
    (record,) = (r for r in shard["articles"].values() if r["id"] == article_id)
    return record


def test_the_reason_is_kept_in_the_article_and_its_summary(store_path: Path) -> None:
    with Store(store_path) as store:
        ids = store.add_articles(TEXTS)
        summary = store.mark_annotation_failed(ids[3], REASON, model="en_test")
        assert summary.failed == " ".join(REASON.split())  # one line
        assert (summary.status, summary.updated) == ("new", None)
        assert store.annotation(ids[3]) is None
        assert store.summary(ids[3]).failed == summary.failed
        others = [s for s in store.summaries() if s.id != ids[3]]
        assert all(s.failed is None for s in others)
    assert "failed" not in shard_record(store_path, ids[4]), "other records are unchanged"
    with Store(store_path, readonly=True) as again:
        assert again.summary(ids[3]).failed == summary.failed
        assert [s.failed for s in again.summaries()][3] == summary.failed
        assert again.article(ids[3]).status == "new"
    record = json.loads(next((store_path / "articles").glob(f"*/{ids[3]}.json")).read_text())
    failed = record["annotation"]["1"]["failed"]
    assert (failed["reason"], failed["model"]) == (summary.failed, "en_test")


def test_the_failure_survives_the_index_cache(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from store import index

    monkeypatch.setattr(index, "CACHE_AT", 5)
    with Store(store_path) as store:
        ids = store.add_articles(TEXTS)
        store.mark_annotation_failed(ids[7], "model crashed")
        store._index.save_cache()
    assert (store_path / "index" / ".cache").is_file()
    with Store(store_path) as again:
        assert [s.failed for s in again.summaries()][7] == "model crashed"
        assert all(shard.from_cache for shard in again._index._shards.values())
        again.set_status(ids[8], "reviewed")  # a shard rewritten from cached records
    assert "failed" not in shard_record(store_path, ids[8])


def test_hand_edits_keep_it_and_a_model_annotation_clears_it(store_path: Path) -> None:
    text = TEXTS[0]
    with Store(store_path) as store:
        (aid,) = store.add_articles([text])
        store.mark_annotation_failed(aid, "model crashed")
        # the article is edited by hand: the failure stays, the status moves on
        patch = add_span(Annotation(text=text), 0, 11, "PERSON", by=BY)
        edited = store.apply_patch(aid, patch, annotator="tester")
        assert store.summary(aid).failed == "model crashed"
        assert store.summary(aid).status == "in_progress"
        store.set_status(aid, "reviewed")
    with Store(store_path) as store:
        assert store.summary(aid).failed == "model crashed"
        assert store.annotation(aid) == edited
        store.reannotate(aid, Annotation(text=text, model="en_test"))
        assert store.summary(aid).failed is None
        assert store.summary(aid).status == "reviewed"
    with Store(store_path) as store:
        assert store.summary(aid).failed is None
    assert "failed" not in shard_record(store_path, aid)


def test_a_saved_annotation_clears_it(store_path: Path) -> None:
    with Store(store_path) as store:
        (aid,) = store.add_articles([TEXTS[1]])
        store.mark_annotation_failed(aid, "model crashed")
        store.save_annotation(aid, small_annotation(TEXTS[1]))
        assert store.summary(aid).failed is None
        assert store.summary(aid).n_people == 2


def test_not_on_a_read_only_store_nor_an_unknown_article(store_path: Path) -> None:
    with Store(store_path) as store:
        (aid,) = store.add_articles([TEXTS[2]])
        with pytest.raises(StoreError, match="no article"):
            store.mark_annotation_failed("0123456789abcdef", "x")
    with Store(store_path, readonly=True) as store, pytest.raises(StoreError):
        store.mark_annotation_failed(aid, "x")
