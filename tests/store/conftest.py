"""Fixtures for the store tests: a fresh store folder, the seed article and annotations."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from annotate.model import Annotation
from store import Store
from tests.store.store_helpers import SEED, human_seed_annotation, small_annotation


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """Path of a store folder that does not exist yet."""
    return tmp_path / "store"


@pytest.fixture
def store(store_path: Path) -> Iterator[Store]:
    """A new, empty, writable store."""
    with Store(store_path) as opened:
        yield opened


@pytest.fixture
def seed_text() -> str:
    """Text of the seed article."""
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def make_annotation() -> Callable[..., Annotation]:
    """Factory of hand-built annotations, see :func:`small_annotation`."""
    return small_annotation


@pytest.fixture
def seed_annotated(seed_text: str) -> Annotation:
    """A small human annotation of the seed article: two people, their roles, two events."""
    return human_seed_annotation(seed_text)
