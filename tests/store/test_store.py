"""The store's public API: articles, annotations, status, summaries, persistence."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from annotate.model import Annotation
from store import Article, Store, StoreError, article_id


def test_article_id_is_sha256_prefix() -> None:
    assert article_id("abc") == "ba7816bf8f01cfea"
    text = "Kim met Putin. “Quoted”, naïve."
    assert article_id(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def test_round_trip_article_and_annotation(
    store: Store, seed_text: str, seed_annotated: Annotation
) -> None:
    aid = store.add_article(
        seed_text, title="Kim meets Putin", source="kim.txt", metadata={"lang": "en", "n": 1}
    )
    assert aid == article_id(seed_text)
    article = store.article(aid)
    assert isinstance(article, Article)
    assert (article.id, article.title, article.text) == (aid, "Kim meets Putin", seed_text)
    assert (article.source, article.metadata, article.status) == (
        "kim.txt",
        {"lang": "en", "n": 1},
        "new",
    )
    assert article.created.endswith("+00:00")
    assert store.annotation(aid) is None

    store.save_annotation(aid, seed_annotated)
    loaded = store.annotation(aid)
    assert loaded == seed_annotated
    assert loaded is not None and loaded.span_text(loaded.people[0].mentions[1]) == "Kim"
    assert [p.name for p in loaded.people] == ["Kim Jong Un", "Vladimir Putin"]
    assert {e.type for e in loaded.events} == {"Movement", "Meeting"}


def test_annotation_text_is_not_stored_twice(
    store: Store, seed_text: str, seed_annotated: Annotation
) -> None:
    aid = store.add_article(seed_text)
    store.save_annotation(aid, seed_annotated)
    stored = (store.path / "articles" / aid[:2] / f"{aid}.json").read_text(encoding="utf-8")
    assert stored.count("Putin welcomed Kim") == 1


def test_add_is_idempotent(store: Store, seed_text: str, seed_annotated: Annotation) -> None:
    first = store.add_article(seed_text, title="First title", source="a.txt")
    store.save_annotation(first, seed_annotated)
    store.set_status(first, "reviewed")
    second = store.add_article(seed_text, title="Second title", source="b.txt")
    assert first == second
    assert len(store) == 1
    assert [s.id for s in store.summaries()] == [first]
    article = store.article(first)
    assert (article.title, article.source, article.status) == ("First title", "a.txt", "reviewed")
    assert store.annotation(first) == seed_annotated


def test_default_title_is_first_sentence(store: Store) -> None:
    short = store.add_article("Kim met Putin on Tuesday. They talked about rockets.")
    assert store.article(short).title == "Kim met Putin on Tuesday."
    long_text = "Word " * 60 + "end. Second sentence."
    title = store.article(store.add_article(long_text)).title
    assert title.endswith("…")
    assert len(title) <= 100
    assert long_text.startswith(title[:-1])
    assert "\n" not in store.article(store.add_article("Line one\nstill one.\nTwo.")).title


def test_empty_article_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="empty"):
        store.add_article("  \n ")
    assert len(store) == 0


def test_status_changes(store: Store, make_annotation: Callable[..., Annotation]) -> None:
    text = "Alice Smith met Bob Jones in Paris."
    aid = store.add_article(text)
    assert store.summaries()[0].updated is None
    for status in ("in_progress", "reviewed", "new", "reviewed"):
        store.set_status(aid, status)
        assert store.article(aid).status == status
        assert store.summaries()[0].status == status
    assert store.summaries()[0].updated is not None
    store.save_annotation(aid, make_annotation(text))
    assert store.article(aid).status == "reviewed", "saving an annotation keeps the status"
    with pytest.raises(StoreError, match="status must be one of new, in_progress, reviewed"):
        store.set_status(aid, "done")  # type: ignore[arg-type]
    assert store.article(aid).status == "reviewed"


def test_summaries_count_live_people_and_events(
    store: Store, make_annotation: Callable[..., Annotation]
) -> None:
    texts = [f"Alice Smith met Bob Jones in Paris, story {i}." for i in range(3)]
    ids = [store.add_article(t) for t in texts]
    store.save_annotation(ids[0], make_annotation(texts[0], people=2, events=1))
    store.save_annotation(ids[2], make_annotation(texts[2], people=1, events=3))
    summaries = store.summaries()
    assert [s.id for s in summaries] == ids, "in order added"
    counts = [(s.n_people, s.n_events, s.people) for s in summaries]
    assert counts == [
        (2, 1, ("Alice Smith", "Bob Jones")),
        (0, 0, ()),
        (1, 3, ("Alice Smith",)),
    ]
    assert summaries[0].updated is not None and summaries[1].updated is None


def test_persistence_across_reopen(
    store_path: Path, seed_text: str, seed_annotated: Annotation
) -> None:
    with Store(store_path) as first:
        aid = first.add_article(seed_text, source="seed")
        other = first.add_article("Another article. Short.")
        first.save_annotation(aid, seed_annotated)
        first.set_status(aid, "in_progress")
        before = first.summaries()
    with Store(store_path, create=False) as again:
        assert again.summaries() == before
        assert [s.id for s in again.summaries()] == [aid, other]
        assert again.annotation(aid) == seed_annotated
        assert again.article(aid).status == "in_progress"
        assert again.has_article(other) and len(again) == 2


def test_missing_article(store: Store, seed_annotated: Annotation) -> None:
    assert not store.has_article("0123456789abcdef")
    assert not store.has_article("../../etc/passwd")
    with pytest.raises(StoreError, match=r"no article '0123456789abcdef' in store .*store"):
        store.article("0123456789abcdef")
    with pytest.raises(StoreError, match="no article"):
        store.annotation("../../../etc/passwd")
    with pytest.raises(StoreError, match="no article"):
        store.save_annotation("0123456789abcdef", seed_annotated)
    with pytest.raises(StoreError, match="no article"):
        store.set_status("0123456789abcdef", "reviewed")


def test_annotation_must_match_the_article(
    store: Store, seed_text: str, make_annotation: Callable[..., Annotation]
) -> None:
    aid = store.add_article(seed_text)
    with pytest.raises(StoreError, match="differs from the article"):
        store.save_annotation(aid, make_annotation("Alice Smith met Bob Jones."))
    broken = Annotation(text=seed_text, people=(), roles=(), events=()).with_changes(
        people=(make_annotation("Alice Smith met Bob Jones.").people[0],)
    )
    with pytest.raises(StoreError, match="unknown span T1"):
        store.save_annotation(aid, broken)
    assert store.annotation(aid) is None


def test_closed_store_refuses(store_path: Path) -> None:
    opened = Store(store_path)
    aid = opened.add_article("Some text here.")
    opened.close()
    with pytest.raises(StoreError, match="closed"):
        opened.article(aid)


def test_not_a_store_folder(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(StoreError, match="is not an annotui store"):
        Store(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    with pytest.raises(StoreError, match="no store at"):
        Store(tmp_path / "absent", create=False)
    assert not (tmp_path / "absent").exists()
    with pytest.raises(StoreError, match="is a file"):
        Store(tmp_path / "notes.txt")


def test_import_store_loads_neither_spacy_nor_textual() -> None:
    code = (
        "import sys, store\n"
        "bad = sorted({m.split('.')[0] for m in sys.modules} & {'spacy', 'textual', 'tui'})\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
