"""An edit costs about the same in a small and a large store (timings printed, not asserted)."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest

from store import Store
from tests.store.store_helpers import small_annotation

SAVES = 15


def _median_save_ms(folder: Path, size: int) -> float:
    with Store(folder) as store:
        texts = [f"Alice Smith met Bob Jones in Paris. Story {i} of {size}." for i in range(size)]
        ids = store.add_articles(texts)
        target, text = ids[size // 2], texts[size // 2]
        times = []
        for i in range(SAVES):
            annotation = small_annotation(text, people=1 + i % 2, events=i % 3)
            started = time.perf_counter()
            store.save_annotation(target, annotation)
            times.append((time.perf_counter() - started) * 1000)
        assert store.annotation(target) == annotation
        assert len(store) == size
    return statistics.median(times)


def test_save_annotation_cost_by_store_size(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    small = _median_save_ms(tmp_path / "small", 10)
    large = _median_save_ms(tmp_path / "large", 1000)
    with capsys.disabled():
        print(f"\nsave_annotation median: {small:.2f} ms at 10 articles, {large:.2f} ms at 1,000")
