"""Read-only stores: forced with ``readonly=True`` or detected from the folder's permissions."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from annotate.model import Annotation
from store import Store, StoreError
from tests.store.store_helpers import small_annotation, tree_snapshot

NOBODY = 65534
"""User and group id of ``nobody``."""
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


def _open_as_nobody(folder: str, aid: str) -> None:
    """In a forked child: drop root for nobody, then check the store opens read-only."""
    os.setgid(NOBODY)
    os.setuid(NOBODY)
    assert not os.access(folder, os.W_OK)
    _check_read_only(Store(folder), aid, small_annotation)


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to become another user")
def test_unwritable_folder_opens_read_only_for_another_user(saved: str, store_path: Path) -> None:
    base = Path(tempfile.mkdtemp(prefix="annotui-nobody-"))  # pytest's tmp is root-only
    try:
        base.chmod(0o711)
        folder = base / "store"
        shutil.copytree(store_path, folder)
        for path in [folder, *folder.rglob("*")]:
            os.chown(path, NOBODY, NOBODY)
        folder.chmod(0o500)
        child = multiprocessing.get_context("fork").Process(
            target=_open_as_nobody, args=(str(folder), saved)
        )
        child.start()
        child.join(timeout=60)
        assert child.exitcode == 0
    finally:
        shutil.rmtree(base)


def test_writable_folder_opens_writable(store: Store) -> None:
    assert os.access(store.path, os.W_OK)
    assert not store.readonly
