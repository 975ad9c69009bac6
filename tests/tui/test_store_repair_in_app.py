"""The app lists every article of a store whose index was damaged, and says what it rebuilt."""

from __future__ import annotations

from pathlib import Path

from tests.tui.conftest import make_test_app, settle
from tui.widgets.article_table import ArticleTable


async def test_zeroed_shard_is_rebuilt_and_said(demo_store_path: Path) -> None:
    shards = sorted((demo_store_path / "index").glob("*.json"))
    shards[0].write_bytes(b"")
    app = make_test_app(demo_store_path, annotator="tester")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert len(app.screen.query_one(ArticleTable).rows) == 3
        [notice] = [n for n in app._notifications if n.title == "Store repaired"]
        assert str(shards[0]) in notice.message and "rebuilt" in notice.message
    assert shards[0].read_bytes() != b""
