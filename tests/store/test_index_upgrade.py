"""An index written before the review counts (open suggestions, labels, annotators) is read,
and `annotui repair` or opening the article brings its row up to date."""

from __future__ import annotations

import json
from pathlib import Path

from store import Store
from tests.cli_runner import run_cli
from tests.store.store_helpers import small_annotation

TEXT = "Alice Smith met Bob Jones in Oslo."
NEW_FIELDS = ("n_open", "labels", "annotators")


def _old_store(path: Path) -> str:
    """A store whose index rows lack the review counts, as an older annotui wrote them."""
    store = Store(path)
    article_id = store.add_article(TEXT)
    store.save_annotation(article_id, small_annotation(TEXT))
    store.close()
    for shard in (path / "index").glob("*.json"):
        data = json.loads(shard.read_text(encoding="utf-8"))
        for table in data.values():
            for record in table.values():
                for name in NEW_FIELDS:
                    record.pop(name, None)
        shard.write_text(json.dumps(data), encoding="utf-8")
    (path / "index" / ".cache").unlink(missing_ok=True)
    return article_id


def test_an_old_index_reads_and_repair_fills_the_counts(tmp_path: Path) -> None:
    path = tmp_path / "store"
    _old_store(path)
    with Store(path, readonly=True) as store:
        (old,) = store.summaries()
    assert (old.n_open, old.labels, old.annotators) == (0, (), ())
    assert run_cli("repair", "--store", str(path)).returncode == 0
    with Store(path, readonly=True) as store:
        (new,) = store.summaries()
    assert new.labels == ("PERSON", "TRIGGER")
    assert new.annotators == ("tester",)
    assert new.n_open == 1  # Bob Jones, a person nobody decided on


def test_opening_the_article_updates_its_row(tmp_path: Path) -> None:
    path = tmp_path / "store"
    article_id = _old_store(path)
    store = Store(path)
    store.article(article_id)
    (row,) = store.summaries()
    store.close()
    assert row.labels == ("PERSON", "TRIGGER")
