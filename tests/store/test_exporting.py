"""Exports: complete or not at all, rejected items never written, read back by the import."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotate.contract import to_contract
from annotate.training_view import training_view
from store import Store, StoreError
from store.exporting import FORMATS, chosen_articles, export_articles, export_format
from store.importing import read_articles
from tests.store.store_helpers import small_annotation

JSONL = FORMATS["jsonl"]


@pytest.fixture
def filled(tmp_path: Path) -> Store:
    """Three articles: two annotated (one reviewed), one not annotated yet."""
    store = Store(tmp_path / "store")
    texts = [f"Report {n}. Alice Smith met Bob Jones in Oslo." for n in range(3)]
    ids = store.add_articles(texts)
    store.save_annotation(ids[0], small_annotation(texts[0], people=1))
    store.save_annotation(ids[1], small_annotation(texts[1]))
    store.set_status(ids[1], "reviewed")
    return store


def test_the_export_reads_back_through_the_import_with_rejected_items_left_out(
    filled: Store, tmp_path: Path
) -> None:
    out = tmp_path / "corpus.jsonl"
    done = export_articles(filled, chosen_articles(filled), out, JSONL)
    assert (done.written, done.unannotated, done.stopped) == (2, 1, False)
    items = read_articles([str(out)])
    by_text = {filled.article(aid).text: filled.annotation(aid) for aid in chosen_articles(filled)}
    rejected = 0
    for item in items:
        stored = by_text[item["text"]]
        assert stored is not None
        assert to_contract(item["annotation"], None) == to_contract(training_view(stored), None)
        rejected += sum(s.rejected for s in stored.spans)
    assert rejected > 0, "the fixture has rejected spans"
    assert [p.name for p in items[0]["annotation"].people] == ["Alice Smith"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus.jsonl", "store"]


def test_status_and_suggestions_choose_what_is_written(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "reviewed.jsonl"
    reviewed = chosen_articles(filled, ["reviewed"])
    assert len(reviewed) == 1
    done = export_articles(filled, reviewed, out, JSONL, suggestions=False)
    assert done.written == 1
    (item,) = read_articles([str(out)])
    assert item["text"].startswith("Report 1.")


def test_an_existing_file_is_kept_unless_forced(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "corpus.jsonl"
    out.write_text("my earlier work\n")
    with pytest.raises(StoreError, match=r"corpus\.jsonl exists"):
        export_articles(filled, chosen_articles(filled), out, JSONL)
    assert out.read_text() == "my earlier work\n"
    export_articles(filled, chosen_articles(filled), out, JSONL, force=True)
    assert len(out.read_text().splitlines()) == 2


def test_a_stopped_export_writes_nothing_and_leaves_no_part_behind(
    filled: Store, tmp_path: Path
) -> None:
    out = tmp_path / "corpus.jsonl"
    out.write_text("my earlier work\n")
    seen: list[int] = []
    done = export_articles(
        filled,
        chosen_articles(filled),
        out,
        JSONL,
        force=True,
        progress=lambda n, total: seen.append(n),
        stop=lambda: len(seen) == 2,
    )
    assert done.stopped and seen == [1, 2]
    assert out.read_text() == "my earlier work\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_failing_writer_leaves_the_target_as_it_was(
    filled: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "corpus.jsonl"

    real, calls = Store.annotation, []

    def second_one_unreadable(self: Store, article_id: str) -> object:
        calls.append(article_id)
        if len(calls) == 2:
            raise StoreError("article file cannot be read")
        return real(self, article_id)

    monkeypatch.setattr(Store, "annotation", second_one_unreadable)
    with pytest.raises(StoreError, match="cannot be read"):
        export_articles(filled, chosen_articles(filled), out, JSONL)
    assert list(tmp_path.iterdir()) == [tmp_path / "store"]


def test_an_unknown_format_names_the_known_ones() -> None:
    with pytest.raises(StoreError, match="choose one of jsonl"):
        export_format("xml")
