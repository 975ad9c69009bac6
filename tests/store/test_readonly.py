"""Read-only stores: forced with ``readonly=True`` or detected from the folder's permissions."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from annotate.model import Annotation
from store import Store, StoreError
from tests.store.store_helpers import tree_snapshot

TEXT = "Alice Smith met Bob Jones in Paris. They talked for an hour."


@pytest.fixture
def saved(store_path: Path, make_annotation: Callable[..., Annotation]) -> str:
    """Fill a store with one annotated article; return its id."""
    with Store(store_path) as store:
        aid = store.add_article(TEXT)
        store.save_annotation(aid, make_annotation(TEXT))
    return aid


def _check_read_only(store: Store, aid: str, make_annotation: Callable[..., Annotation]) -> None:
    before = tree_snapshot(store.path)
    assert store.readonly
    assert store.article(aid).text == TEXT
    assert store.annotation(aid) == make_annotation(TEXT)
    assert [s.n_people for s in store.summaries()] == [2] and len(store) == 1
    writes: list[Callable[[], object]] = [
        lambda: store.add_article("A new article. Refused."),
        lambda: store.add_articles(["Another one. Refused too."]),
        lambda: store.save_annotation(aid, make_annotation(TEXT, people=1)),
        lambda: store.set_status(aid, "reviewed"),
    ]
    for write in writes:
        with pytest.raises(StoreError, match=r"^store .* is read-only"):
            write()
    assert tree_snapshot(store.path) == before


def test_forced_read_only(
    store_path: Path, saved: str, make_annotation: Callable[..., Annotation]
) -> None:
    with Store(store_path, readonly=True) as store:
        _check_read_only(store, saved, make_annotation)


def test_read_only_never_creates(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        Store(tmp_path / "new", readonly=True)
    assert not (tmp_path / "new").exists()
    (tmp_path / "empty").mkdir()
    with pytest.raises(StoreError, match="no store at"):
        Store(tmp_path / "empty", readonly=True)
    assert list((tmp_path / "empty").iterdir()) == []


@pytest.fixture
def unwritable(store_path: Path) -> Iterator[Path]:
    """Make the store folder owner read and execute only (0o500) for the test."""
    store_path.chmod(0o500)
    try:
        yield store_path
    finally:
        store_path.chmod(0o700)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through chmod 0o500")
def test_unwritable_folder_opens_read_only(
    saved: str, unwritable: Path, make_annotation: Callable[..., Annotation]
) -> None:
    with Store(unwritable) as store:
        _check_read_only(store, saved, make_annotation)


def test_writable_folder_opens_writable(store: Store) -> None:
    assert os.access(store.path, os.W_OK)
    assert not store.readonly
