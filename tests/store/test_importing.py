"""Adding articles from files: checked first, then added in steps that can stop."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from store import Store, StoreError
from store.formats.plain_text import headline
from store.importing import add_articles, read_articles


def test_a_first_line_standing_alone_is_the_headline() -> None:
    assert headline("Kim meets Putin\n\nKim met Putin on Wednesday.") == "Kim meets Putin"
    assert headline("Kim met Putin on Wednesday.\nThey talked.") is None
    assert headline("Only a title\n\n") is None


def test_read_articles_names_the_bad_input(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Fine.")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    with pytest.raises(StoreError, match=r"latin1\.txt: not UTF-8 text \(byte 3\)"):
        read_articles([str(tmp_path / "ok.txt"), str(tmp_path / "latin1.txt")])
    (tmp_path / "lines.jsonl").write_text('{"text": "a", "entities": [{"start": 0}]}\n')
    with pytest.raises(StoreError, match=r"lines\.jsonl:1: "):
        read_articles([str(tmp_path / "lines.jsonl")])
    (tmp_path / "empty").mkdir()
    with pytest.raises(StoreError, match=r"empty: no \*\.txt files"):
        read_articles([str(tmp_path / "empty")])
    assert read_articles(["-"], io.StringIO("From a pipe.")) == [
        {"text": "From a pipe.", "title": None, "source": "<stdin>"}
    ]


def _items(count: int) -> list[dict[str, object]]:
    return [
        {"text": f"Article number {n}.", "title": None, "source": f"{n}.txt"} for n in range(count)
    ]


def test_add_in_steps_reports_progress_and_skips_what_is_stored(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    items = _items(7)
    store.add_article(items[2]["text"])  # type: ignore[arg-type]
    seen: list[tuple[int, int]] = []
    added = add_articles(store, items + items[:1], progress=lambda *d: seen.append(d), step=3)
    assert len(added.new) == 6 and len(added.known) == 1 and not added.stopped
    assert seen == [(3, 6), (6, 6)]
    assert len(store) == 7


def test_stopping_leaves_whole_articles_and_the_rest_can_follow(tmp_path: Path) -> None:
    path = tmp_path / "store"
    items = _items(10)
    asked = iter([False, True])
    added = add_articles(Store(path), items, stop=lambda: next(asked), step=4)
    assert added.stopped and len(added.new) == 4
    reopened = Store(path)
    assert len(reopened) == 4
    assert all(reopened.article(aid).text for aid in added.new)
    rest = add_articles(reopened, items, step=4)
    assert len(rest.new) == 6 and len(rest.known) == 4 and len(Store(path)) == 10
