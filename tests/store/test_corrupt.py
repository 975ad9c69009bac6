"""Unreadable files are reported with their path and the problem, and never overwritten."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from annotate.model import Annotation
from store import Store, StoreError
from tests.store.store_helpers import tree_snapshot

TEXT = "Alice Smith met Bob Jones in Paris. They talked for an hour."


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _not_json(path: Path) -> None:
    path.write_bytes(b"This is a note, not JSON.\n")


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _future_version(table: str) -> Callable[[Path], None]:
    def corrupt(path: Path) -> None:
        data = json.loads(path.read_text(encoding="utf-8"))
        for record in data[table].values():
            record["schema_version"] = 99
        path.write_text(json.dumps(data), encoding="utf-8")

    return corrupt


ARTICLE_CORRUPTIONS = [
    pytest.param(_truncate, "cut short", id="truncated"),
    pytest.param(_not_json, "not valid JSON", id="not-json"),
    pytest.param(_empty, "is empty", id="empty"),
    pytest.param(_future_version("article"), "schema_version 99", id="article-version"),
    pytest.param(_future_version("annotation"), "schema_version 99", id="annotation-version"),
]


@pytest.fixture
def filled(store: Store, make_annotation: Callable[..., Annotation]) -> tuple[Store, str]:
    """A store with one annotated, in-progress article and one plain article."""
    aid = store.add_article(TEXT, source="a.txt")
    store.save_annotation(aid, make_annotation(TEXT))
    store.set_status(aid, "in_progress")
    store.add_article("Another article. Nothing to see.")
    return store, aid


def _raises_naming(path: Path, problem: str, action: Callable[[], object]) -> None:
    with pytest.raises(StoreError) as caught:
        action()
    message = str(caught.value)
    assert str(path) in message and problem in message
    assert "\n" not in message


@pytest.mark.parametrize(("corrupt", "problem"), ARTICLE_CORRUPTIONS)
def test_corrupt_article_file(
    filled: tuple[Store, str],
    make_annotation: Callable[..., Annotation],
    corrupt: Callable[[Path], None],
    problem: str,
) -> None:
    store, aid = filled
    path = store.path / "articles" / aid[:2] / f"{aid}.json"
    corrupt(path)
    before = tree_snapshot(store.path)
    actions: list[Callable[[], object]] = [
        lambda: store.article(aid),
        lambda: store.annotation(aid),
        lambda: store.save_annotation(aid, make_annotation(TEXT, people=1)),
        lambda: store.set_status(aid, "reviewed"),
        lambda: store.add_article(TEXT),
    ]
    for action in actions:
        _raises_naming(path, problem, action)
    assert tree_snapshot(store.path) == before, "nothing was written"
    assert store.summaries()[0].id == aid, "the rest of the store still reads"
    assert store.article(store.summaries()[1].id).text.startswith("Another")


def test_malformed_annotation_is_reported(filled: tuple[Store, str]) -> None:
    store, aid = filled
    path = store.path / "articles" / aid[:2] / f"{aid}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["annotation"]["1"]["annotation"]["spans"][0].pop("start")
    path.write_text(json.dumps(data), encoding="utf-8")
    _raises_naming(path, "annotation is malformed", lambda: store.annotation(aid))


def test_index_of_a_newer_annotui(filled: tuple[Store, str]) -> None:
    """A shard a newer annotui wrote is refused, not rebuilt (damaged shards are rebuilt
    from the article files: tests/store/test_index_repair.py)."""
    store, aid = filled
    path = store.path / "index" / f"{aid[:2]}.json"
    problem = "schema_version 99"
    _future_version("articles")(path)
    index_before = path.read_bytes()
    _raises_naming(path, problem, store.summaries)
    _raises_naming(path, problem, lambda: len(store))
    _raises_naming(path, problem, lambda: store.set_status(aid, "reviewed"))
    _raises_naming(path, problem, lambda: store.add_article("A third article. New."))
    assert path.read_bytes() == index_before
    assert store.annotation(aid) is not None, "article files still read"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        pytest.param(b'{"schema_version": 1, "lay', "cut short", id="truncated"),
        pytest.param(b"[store]\nversion = 1\n", "not valid JSON", id="not-json"),
        pytest.param(
            b'{"schema_version": 4, "layout": "article-files"}', "schema_version 4", id="version"
        ),
        pytest.param(b'{"schema_version": 1, "layout": "sqlite"}', "layout", id="layout"),
    ],
)
def test_corrupt_store_json(store_path: Path, content: bytes, problem: str) -> None:
    Store(store_path).add_article(TEXT)
    meta = store_path / "store.json"
    meta.write_bytes(content)
    before = tree_snapshot(store_path)
    _raises_naming(meta, problem, lambda: Store(store_path))
    _raises_naming(meta, problem, lambda: Store(store_path, readonly=True))
    assert tree_snapshot(store_path) == before
