"""One article the model fails on never blocks the others, nor editing it by hand; a model that
cannot be loaded leaves every article as it was and editable.

The per-article failure is the subject here, so the model is a stand-in that raises on one text
(``AnnotationWorker.use``); the model that cannot be loaded is a real missing pipeline.
"""

from __future__ import annotations

from pathlib import Path

from annotate.edits import add_span
from annotate.model import Annotation
from store import Store
from tests.tui.conftest import make_test_app, settle
from tui.screens.article_list import ArticleListScreen
from tui.screens.article_view import ArticleScreen
from tui.widgets.article_table import FAILED_TEXT, ArticleTable

BOOM = "[E088] Text of length 5000000 exceeds maximum of 1000000.\nThe parser and NER models"
TEXTS = {
    "first": "Anna Berg met Omar Diaz in Oslo on Monday.",
    "huge": "Heavy rain flooded the valley. BOOM",
    "last": "Omar Diaz left Oslo on Tuesday.",
}


class StandIn:
    """Annotates every text with nothing, except one it raises on, as spaCy did on E088."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def annotate(self, text: str) -> Annotation:
        self.seen.append(text)
        if "BOOM" in text:
            raise ValueError(BOOM)
        return Annotation(text=text, model="stand-in")


def fill(path: Path) -> dict[str, str]:
    store = Store(path)
    return {key: store.add_article(text, title=key) for key, text in TEXTS.items()}


def status_of(app: object, article_id: str) -> str:
    table = app.screen.query_one(ArticleTable)  # type: ignore[attr-defined]
    (row,) = (row for row in table.rows if row.id == article_id)
    return table.status_text(row)


async def test_a_failing_article_is_marked_and_the_run_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "store"
    ids = fill(path)
    model = StandIn()
    app = make_test_app(path, annotator="tester")
    app.annotation_worker.use(model)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert model.seen == list(TEXTS.values())
        assert status_of(app, ids["huge"]) == FAILED_TEXT
        assert status_of(app, ids["first"]) == status_of(app, ids["last"]) == "new"
        assert "annotating" not in app.sub_title
        errors = [n for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1 and "[E088]" in errors[0].message and "huge" in errors[0].message
        # opened: the reason is said again, and the empty annotation can be edited by hand
        app.open_article(ids["huge"])
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        assert screen.annotation == Annotation(text=TEXTS["huge"])
        assert "model failed" in screen.sub_title
        assert any("[E088]" in n.message for n in app._notifications if n.severity == "warning")
        assert screen.run_edit(add_span, 6, 10, "PERSON")
        await pilot.pause()
        assert "in progress" in screen.sub_title
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ArticleListScreen)
        assert status_of(app, ids["huge"]) == "in progress"
    store = Store(path)
    assert store.annotation(ids["first"]) is not None
    assert store.annotation(ids["last"]) is not None
    edited = store.annotation(ids["huge"])
    assert edited is not None and [s.label for s in edited.spans] == ["PERSON"]
    assert store.summary(ids["huge"]).failed == BOOM.splitlines()[0]


async def test_a_failed_article_is_not_tried_again_at_every_start(tmp_path: Path) -> None:
    path = tmp_path / "store"
    ids = fill(path)
    Store(path).mark_annotation_failed(ids["huge"], "the model ran out of memory")
    model = StandIn()
    app = make_test_app(path, annotator="tester")
    app.annotation_worker.use(model)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert status_of(app, ids["huge"]) == FAILED_TEXT
        app.open_article(ids["huge"])  # opening it does not run the model on it either
        await settle(app, pilot)
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.annotation == Annotation(text=TEXTS["huge"])
    assert TEXTS["huge"] not in model.seen
    assert model.seen == [TEXTS["first"], TEXTS["last"]]


async def test_a_model_that_cannot_be_loaded_leaves_articles_editable(tmp_path: Path) -> None:
    """The worker really tries to load a pipeline that is not installed (imports spaCy)."""
    path = tmp_path / "store"
    ids = fill(path)
    app = make_test_app(
        path, model="no_such_pipeline_installed", annotator="tester", model_process=True
    )
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_article(ids["first"])  # opened while the model is still loading
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        assert screen.annotation == Annotation(text=TEXTS["first"]), "not 'annotating…'"
        assert screen.run_edit(add_span, 0, 9, "PERSON")
        await pilot.press("escape")
        await pilot.pause()
        errors = [n for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1 and "no_such_pipeline_installed" in errors[0].message
        # the others are as they were: not "annotating…", not marked failed
        assert status_of(app, ids["last"]) == status_of(app, ids["huge"]) == "new"
        assert status_of(app, ids["first"]) == "in progress"
        assert "annotating" not in app.sub_title
        app.open_article(ids["last"])  # opened after: editable at once, no new run
        await settle(app, pilot)
        assert app.screen.annotation == Annotation(text=TEXTS["last"])
        assert len([n for n in app._notifications if n.severity == "error"]) == 1
    store = Store(path)
    assert [s.label for s in store.annotation(ids["first"]).spans] == ["PERSON"]  # type: ignore[union-attr]
    assert all(s.failed is None for s in store.summaries())
