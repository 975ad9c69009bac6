"""The editor controller below Textual: edits, undo, redo and review through a real Store."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from annotate import edits
from annotate.edits import Patch
from annotate.model import MODEL, Annotation
from store import Store
from tests.tui.conftest import RAIN_TEXT, TRADE_TEXT, rain_annotation, trade_annotation
from tui.edit_session import EditSession
from tui.editor import Editor, Notice
from tui.screens.article_view import _SPAN_OPS


def _suggested(annotation: Annotation) -> Annotation:
    """The annotation as the model's suggestions."""
    return annotation.with_changes(
        spans=[replace(s, provenance=MODEL) for s in annotation.spans],
        people=[replace(p, provenance=MODEL) for p in annotation.people],
        roles=[replace(r, provenance=MODEL) for r in annotation.roles],
        events=[replace(e, provenance=MODEL) for e in annotation.events],
    )


def _store(path: Path) -> tuple[Store, str, str]:
    store = Store(path)
    trade = store.add_article(TRADE_TEXT, title="Trade", source="trade.txt")
    store.save_annotation(trade, _suggested(trade_annotation()))
    rain = store.add_article(RAIN_TEXT, title="Rain", source="rain.txt")
    store.save_annotation(rain, rain_annotation())
    return store, trade, rain


def _editor(store: Store, article_id: str) -> Editor:
    return Editor(EditSession(store, article_id, "tester"), store.annotation(article_id))


def _span(annotation: Annotation, piece: str) -> str:
    start = annotation.text.index(piece)
    return next(s.id for s in annotation.spans if (s.start, s.end) == (start, start + len(piece)))


@pytest.fixture
def trade(tmp_path: Path) -> tuple[Store, str, str]:
    return _store(tmp_path / "store")


def test_an_edit_is_in_the_store_before_it_is_shown(trade: tuple[Store, str, str]) -> None:
    store, article, _ = trade
    editor = _editor(store, article)
    start = TRADE_TEXT.index("tariffs")
    outcome = editor.run(edits.add_span, start, start + len("tariffs"), "PRODUCT")
    assert outcome.done and outcome.edited
    assert outcome.annotation is editor.annotation
    (notice,) = outcome.notices
    assert notice.timeout == 3 and "tariffs" in notice.message
    on_disk = Store(store.path).annotation(article)
    assert on_disk == outcome.annotation
    assert any(s.label == "PRODUCT" and s.start == start for s in on_disk.spans)
    assert Store(store.path).article(article).status == "in_progress"
    assert editor.edit_by().annotator == "tester"


def test_an_edit_that_cannot_be_made_says_why_and_writes_nothing(
    trade: tuple[Store, str, str],
) -> None:
    store, article, _ = trade
    editor = _editor(store, article)
    before = store.annotation(article)
    outcome = editor.run(edits.relabel_span, "T404", "ORG")
    assert not outcome.done and outcome.annotation is None
    (notice,) = outcome.notices
    assert (notice.title, notice.severity) == ("Cannot edit", "warning")
    assert Store(store.path).annotation(article) == before


def test_without_annotation_or_store_nothing_is_edited(trade: tuple[Store, str, str]) -> None:
    store, article, _ = trade
    waiting = Editor(EditSession(store, article, "tester"))
    assert waiting.run(edits.accept_all).notices == (
        Notice("Wait for the annotation first.", severity="warning"),
    )
    annotation = store.annotation(article)
    assert annotation is not None
    storeless = Editor(None, annotation)
    (notice,) = storeless.run(edits.delete_span, _span(annotation, "Oslo")).notices
    assert (notice.message, notice.severity) == ("There is no store to save edits in.", "error")
    assert not storeless.undo().done and not storeless.review().done


def test_an_empty_patch_is_not_an_edit(trade: tuple[Store, str, str]) -> None:
    store, article, _ = trade
    outcome = _editor(store, article).apply(Patch((), "nothing"))
    assert not outcome.done and outcome.notices == ()
    assert store.undo(article, annotator="tester") is None


@pytest.mark.parametrize("action", sorted(_SPAN_OPS))
def test_every_span_key_edit_goes_through_the_editor(
    trade: tuple[Store, str, str], action: str
) -> None:
    store, article, _ = trade
    editor = _editor(store, article)
    assert editor.annotation is not None
    target = _span(editor.annotation, "Omar Diaz")
    outcome = editor.run(_SPAN_OPS[action], target)
    assert outcome.done, outcome.notices
    assert Store(store.path).annotation(article) == editor.annotation
    assert editor.undo().done
    assert Store(store.path).annotation(article) == store.annotation(article)


def test_undo_and_redo_step_through_the_store_history(trade: tuple[Store, str, str]) -> None:
    store, article, _ = trade
    editor = _editor(store, article)
    original = editor.annotation
    assert original is not None
    assert editor.undo().notices == (Notice("Nothing to undo."),)
    edit = editor.run(edits.delete_span, _span(original, "Oslo"))
    undone = editor.undo()
    assert undone.done and undone.edited and undone.annotation == original
    assert undone.notices[0].message == f"Undo: {edit.notices[0].message}"
    restarted = _editor(Store(store.path), article)  # the history is on disk
    redone = restarted.redo()
    assert redone.done and redone.annotation == edit.annotation
    assert redone.notices[0].message.startswith("Redo: ")
    assert restarted.redo().notices == (Notice("Nothing to redo."),)


def test_a_stale_edit_is_refused_and_the_store_read_back(trade: tuple[Store, str, str]) -> None:
    store, article, _ = trade
    first, second = _editor(store, article), _editor(store, article)
    assert first.annotation is not None
    oslo = _span(first.annotation, "Oslo")
    assert first.run(edits.delete_span, oslo).done
    outcome = second.run(edits.relabel_span, oslo, "LOC")  # made on what it showed before
    assert not outcome.done
    assert [(n.title, n.severity) for n in outcome.notices] == [("Not saved", "error")]
    assert outcome.annotation == first.annotation == second.annotation


def test_review_marks_reviewed_and_names_the_next_article(
    trade: tuple[Store, str, str],
) -> None:
    store, article, rain = trade
    outcome = _editor(store, article).review()
    assert outcome.done and outcome.following == rain
    assert Store(store.path).article(article).status == "reviewed"
    assert _editor(store, rain).review().following is None


def test_accept_all_accepts_every_suggestion(trade: tuple[Store, str, str]) -> None:
    store, article, _ = trade
    editor = _editor(store, article)
    assert editor.run(edits.accept_all).done
    assert editor.annotation is not None
    assert all(s.provenance.state == "accepted" for s in editor.annotation.spans)
    (notice,) = editor.run(edits.accept_all).notices
    assert notice.title == "Cannot edit"
