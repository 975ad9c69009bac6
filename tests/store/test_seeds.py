"""Seed articles: the bundled folder, an environment override, and adding them to a store."""

from __future__ import annotations

from pathlib import Path

import pytest

import store as store_package
from store import Store, StoreError, add_seed_articles, article_id, seed_dir


def test_seed_dir_default_is_the_repository_seeds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANNOTUI_SEEDS", raising=False)
    expected = Path(store_package.__file__).resolve().parents[1] / "seeds"
    assert seed_dir() == expected
    assert (expected / "kim-putin-cosmodrome.txt").is_file()


def test_seed_dir_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANNOTUI_SEEDS", str(tmp_path))
    assert seed_dir() == tmp_path
    assert seed_dir({"ANNOTUI_SEEDS": "/elsewhere"}) == Path("/elsewhere")


def test_add_seed_articles_from_a_folder(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "seeds"
    folder.mkdir()
    texts = {
        "b-second.txt": "Bob Jones flew to Rome. He met the mayor.",
        "a-first.txt": "Alice Smith opened the summit. Delegates applauded.",
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "notes.md").write_text("Not an article.", encoding="utf-8")
    ids = add_seed_articles(store, folder)
    assert ids == [article_id(texts["a-first.txt"]), article_id(texts["b-second.txt"])]
    assert [store.article(i).source for i in ids] == ["a-first.txt", "b-second.txt"]
    assert store.article(ids[0]).title == "Alice Smith opened the summit."
    assert add_seed_articles(store, folder) == ids and len(store) == 2


def test_add_bundled_seeds(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANNOTUI_SEEDS", raising=False)
    ids = add_seed_articles(store)
    assert ids and all(store.has_article(i) for i in ids)
    assert "kim-putin-cosmodrome.txt" in {store.article(i).source for i in ids}


def test_bad_seed_folders(store: Store, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        add_seed_articles(store, tmp_path / "missing")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    with pytest.raises(StoreError, match=r"empty\.txt is empty"):
        add_seed_articles(store, tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"\xff\xfe bad")
    with pytest.raises(StoreError, match=r"cannot read seed article .*empty\.txt"):
        add_seed_articles(store, tmp_path)
    assert len(store) == 0
