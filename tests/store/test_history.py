"""Edits through the store: apply_patch, undo and redo, the stored history, review order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tinydb import TinyDB

from annotate.edits import EditConflict, Patch, add_span, delete_person, delete_span, relabel_span
from annotate.model import MODEL, Annotation, Person, Span
from store import HistoryEntry, Store, StoreError
from tests.offsets import occurrence
from tests.store.store_helpers import human, span_of, tree_snapshot


def at(text: str, phrase: str) -> tuple[int, int]:
    return occurrence(text, phrase)


@pytest.fixture
def annotated(store: Store, seed_text: str, seed_annotated: Annotation) -> str:
    """Id of the seed article, saved with its small human annotation (no history yet)."""
    aid = store.add_article(seed_text)
    store.save_annotation(aid, seed_annotated)
    return aid


def three_edits(store: Store, aid: str) -> list[Annotation]:
    """Make three real edits through the store; return the annotation before and after each."""
    states = [store.annotation(aid)]
    current = states[0]
    assert current is not None
    text = current.text
    patches = [
        lambda a: relabel_span(a, span_of(a, "Russia").id, "LOC", by=human()),
        lambda a: add_span(a, *at(text, "Far East"), "LOC", by=human()),
        lambda a: delete_span(a, span_of(a, "Putin", "PERSON").id, by=human()),
    ]
    for make in patches:
        current = store.apply_patch(aid, make(current), annotator="ann")
        states.append(current)
    return states


def test_apply_patch_saves_records_and_marks_in_progress(store: Store, annotated: str) -> None:
    before = store.annotation(annotated)
    assert before is not None and store.article(annotated).status == "new"
    patch = relabel_span(before, span_of(before, "Russia").id, "LOC", by=human())
    after = store.apply_patch(annotated, patch, annotator="ann")

    assert after == patch.apply(before)
    assert span_of(after, "Russia").label == "LOC"
    assert store.annotation(annotated) == after
    assert store.article(annotated).status == "in_progress"
    assert store.summary(annotated).status == "in_progress"
    [entry] = store.history(annotated)
    assert entry == HistoryEntry(1, patch.description, "ann", entry.time, undone=False)
    assert entry.time.startswith("20") and "Russia" in entry.description
    assert store.can_undo(annotated) and not store.can_redo(annotated)


def test_reviewed_article_stays_reviewed(store: Store, annotated: str) -> None:
    store.set_status(annotated, "reviewed")
    before = store.annotation(annotated)
    assert before is not None
    store.apply_patch(annotated, add_span(before, 0, 5, "NORP", by=human()), annotator="ann")
    assert store.article(annotated).status == "reviewed"


def test_first_edit_of_an_unannotated_article(store: Store, seed_text: str) -> None:
    aid = store.add_article(seed_text)
    assert store.annotation(aid) is None and store.summary(aid).updated is None
    empty = Annotation(text=seed_text)
    patch = add_span(empty, *at(seed_text, "Kim Jong Un"), "PERSON", by=human())
    after = store.apply_patch(aid, patch, annotator="ann")
    assert store.annotation(aid) == after
    assert [p.name for p in after.people] == ["Kim Jong Un"]
    summary = store.summary(aid)
    assert (summary.n_people, summary.status, summary.people) == (
        1,
        "in_progress",
        ("Kim Jong Un",),
    )
    assert store.undo(aid, annotator="ann") == (empty, patch.inverse())
    assert store.annotation(aid) == empty


def test_undo_and_redo_as_deep_as_the_history(store: Store, annotated: str) -> None:
    states = three_edits(store, annotated)
    for i in (3, 2, 1):
        result = store.undo(annotated, annotator="ann")
        assert result is not None
        annotation, patch = result
        assert annotation == states[i - 1] == store.annotation(annotated)
        assert patch.description.startswith("Undo: ")
    assert store.undo(annotated, annotator="ann") is None
    assert not store.can_undo(annotated) and store.can_redo(annotated)
    assert [e.undone for e in store.history(annotated)] == [True, True, True]
    for i in (1, 2, 3):
        result = store.redo(annotated, annotator="bob")
        assert result is not None and result[0] == states[i] == store.annotation(annotated)
    assert store.redo(annotated, annotator="ann") is None
    assert store.replayed(annotated) == store.annotation(annotated)


def test_history_survives_a_restart(store_path: Path, seed_text: str, seed_annotated) -> None:
    with Store(store_path) as store:
        aid = store.add_article(seed_text)
        store.save_annotation(aid, seed_annotated)
        states = three_edits(store, aid)
        store.undo(aid, annotator="ann")
        history = store.history(aid)
    with Store(store_path) as store:
        assert store.history(aid) == history
        assert store.annotation(aid) == states[2]
        redone = store.redo(aid, annotator="ann")
        assert redone is not None and redone[0] == states[3]
    with Store(store_path) as store:
        for expected in reversed(states[:3]):
            undone = store.undo(aid, annotator="ann")
            assert undone is not None and undone[0] == expected
        assert store.annotation(aid) == seed_annotated
        assert store.undo(aid, annotator="ann") is None


def test_a_new_edit_drops_the_redo_tail(store: Store, annotated: str) -> None:
    three_edits(store, annotated)
    store.undo(annotated, annotator="ann")
    store.undo(annotated, annotator="ann")
    current = store.annotation(annotated)
    assert current is not None
    patch = add_span(current, *at(current.text, "Far East"), "GPE", by=human("bob"))
    store.apply_patch(annotated, patch, annotator="bob")
    history = store.history(annotated)
    assert [(e.seq, e.annotator, e.undone) for e in history] == [
        (1, "ann", False),
        (4, "bob", False),
    ]
    assert not store.can_redo(annotated)
    assert store.replayed(annotated) == store.annotation(annotated)


def test_stale_patch_on_changed_item_conflicts_and_writes_nothing(
    store: Store, annotated: str
) -> None:
    stale = store.annotation(annotated)
    assert stale is not None
    russia = span_of(stale, "Russia").id
    store.apply_patch(
        annotated, relabel_span(stale, russia, "LOC", by=human("bob")), annotator="bob"
    )
    files = tree_snapshot(store.path)
    with pytest.raises(EditConflict):
        store.apply_patch(annotated, delete_span(stale, russia, by=human()), annotator="ann")
    assert tree_snapshot(store.path) == files


def test_stale_patches_on_other_items_both_land(store: Store, annotated: str) -> None:
    stale = store.annotation(annotated)
    assert stale is not None
    text = stale.text
    first = add_span(stale, *at(text, "Far East"), "LOC", by=human("bob"))
    second = add_span(stale, *at(text, "assembly building"), "FAC", by=human())
    assert first.changes[0].id == second.changes[0].id, "both patches picked the same new id"
    store.apply_patch(annotated, first, annotator="bob")
    after = store.apply_patch(annotated, second, annotator="ann")
    assert span_of(after, "Far East").label == "LOC"
    assert span_of(after, "assembly building").label == "FAC"
    assert span_of(after, "Far East").id != span_of(after, "assembly building").id
    assert store.replayed(annotated) == after
    assert store.undo(annotated, annotator="ann") is not None
    assert span_of(store.annotation(annotated), "Far East").label == "LOC"


def test_edit_that_would_leave_a_dangling_link_conflicts(store: Store, annotated: str) -> None:
    stale = store.annotation(annotated)
    assert stale is not None
    putin = next(p for p in stale.people if p.name == "Vladimir Putin")
    store.apply_patch(annotated, delete_person(stale, putin.id, by=human("bob")), annotator="bob")
    files = tree_snapshot(store.path)
    mention = add_span(
        stale, *at(stale.text, "Russian President"), "PERSON", by=human(), person_id=putin.id
    )
    with pytest.raises(EditConflict):
        store.apply_patch(annotated, mention, annotator="ann")
    assert tree_snapshot(store.path) == files


def test_empty_patch_writes_nothing(store: Store, annotated: str) -> None:
    files = tree_snapshot(store.path)
    current = store.annotation(annotated)
    assert store.apply_patch(annotated, Patch((), "nothing"), annotator="ann") == current
    assert tree_snapshot(store.path) == files and store.history(annotated) == []


def test_an_edit_rewrites_only_its_own_index_shard(store: Store, annotated: str) -> None:
    store.add_articles([f"Another article, number {i}. Nothing happens." for i in range(40)])
    shards = store.path / "index"
    before = {p.name: p.read_bytes() for p in shards.iterdir()}
    assert len(before) > 10, "forty articles spread over many shards"
    token, _ = store.changes_since(None)
    current = store.annotation(annotated)
    assert current is not None
    relabel = relabel_span(current, span_of(current, "Russia").id, "LOC", by=human())
    store.apply_patch(annotated, relabel, annotator="ann")
    after = {p.name: p.read_bytes() for p in shards.iterdir()}
    assert {name for name in after if after[name] != before.get(name)} == {f"{annotated[:2]}.json"}
    assert store.changes_since(token)[1] == {annotated}, "same counts, still seen as a change"


def test_save_annotation_after_edits_is_recorded(store: Store, annotated: str) -> None:
    states = three_edits(store, annotated)
    store.save_annotation(annotated, states[0])
    assert store.annotation(annotated) == states[0]
    last = store.history(annotated)[-1]
    assert (last.description, last.annotator) == ("Replace the annotation", "model")
    undone = store.undo(annotated, annotator="ann")
    assert undone is not None and undone[0] == states[3]
    assert store.replayed(annotated) == states[3]


def model_run(text: str, *extra: tuple[str, str]) -> Annotation:
    """A model annotation: "Russia" GPE, "Far East" LOC, "Kim Jong Un" ORG, "Sergei Shoigu"
    PERSON, and ``extra`` (phrase, label) spans."""
    found = [("Russia", "GPE"), ("Far East", "LOC"), ("Kim Jong Un", "ORG"), *extra]
    spans = [Span(f"T{i + 1}", *at(text, p), label, MODEL) for i, (p, label) in enumerate(found)]
    shoigu = Span("T99", *at(text, "Sergei Shoigu"), "PERSON", MODEL)
    return Annotation(
        text=text,
        spans=(*spans, shoigu),
        people=(Person("P1", "Sergei Shoigu", ("T99",)),),
        model="en_core_web_sm",
    ).validate()


def keys(annotation: Annotation) -> set[tuple[str, str, str]]:
    """The spans of an annotation as (text, label, state), ids aside."""
    return {(s.text_in(annotation.text), s.label, s.provenance.state) for s in annotation.spans}


def test_reannotate_without_history_is_the_starting_point(
    store: Store, annotated: str, seed_annotated: Annotation
) -> None:
    merged = store.reannotate(annotated, model_run(seed_annotated.text))
    assert store.annotation(annotated) == merged and store.history(annotated) == []
    assert store.article(annotated).status == "new"
    added = keys(merged) - keys(seed_annotated)
    assert added == {("Far East", "LOC", "suggested"), ("Sergei Shoigu", "PERSON", "suggested")}
    assert span_of(merged, "Kim Jong Un").label == "PERSON", "no ORG over the human PERSON"
    assert "Sergei Shoigu" in [p.name for p in merged.people]
    files = tree_snapshot(store.path)
    assert store.reannotate(annotated, model_run(seed_annotated.text)) == merged
    assert tree_snapshot(store.path) == files, "a run that adds nothing writes nothing"


def test_reannotate_keeps_decisions_and_is_undoable(
    store: Store, annotated: str, seed_annotated: Annotation
) -> None:
    text = seed_annotated.text
    current = store.reannotate(annotated, model_run(text))
    reject = delete_span(current, span_of(current, "Far East").id, by=human())
    before_run = store.apply_patch(annotated, reject, annotator="ann")
    merged = store.reannotate(annotated, model_run(text, ("United States", "GPE")))

    assert store.annotation(annotated) == merged
    assert keys(merged) - keys(before_run) == {("United States", "GPE", "suggested")}
    assert ("Far East", "LOC", "rejected") in keys(merged), "a rejected suggestion stays rejected"
    last = store.history(annotated)[-1]
    assert last.annotator == "model" and "en_core_web_sm" in last.description
    assert store.replayed(annotated) == merged
    undone = store.undo(annotated, annotator="ann")
    assert undone is not None and undone[0] == before_run
    assert store.replayed(annotated) == before_run


def test_next_unreviewed_wraps_around(store: Store) -> None:
    ids = store.add_articles([f"Article number {i}. Alice Smith met Bob Jones." for i in range(4)])
    assert store.next_unreviewed(None) == ids[0]
    assert store.next_unreviewed(ids[1]) == ids[2]
    store.set_status(ids[2], "reviewed")
    store.set_status(ids[3], "in_progress")
    assert store.next_unreviewed(ids[1]) == ids[3]
    assert store.next_unreviewed(ids[3]) == ids[0], "wraps to the start"
    for aid in (ids[0], ids[1], ids[3]):
        store.set_status(aid, "reviewed")
    assert store.next_unreviewed(ids[0]) is None
    store.set_status(ids[1], "new")
    assert store.next_unreviewed(ids[1]) == ids[1], "the only one left is the one we are on"
    assert store.next_unreviewed("0000000000000000") == ids[1], "unknown: from the start"


def test_config_path(store: Store) -> None:
    assert store.config_path == store.path / "config.toml"


def test_readonly_store_refuses_edits(store_path: Path, seed_text: str, seed_annotated) -> None:
    with Store(store_path) as store:
        aid = store.add_article(seed_text)
        store.save_annotation(aid, seed_annotated)
    with Store(store_path, readonly=True) as store:
        patch = add_span(seed_annotated, 0, 5, "NORP", by=human())
        with pytest.raises(StoreError, match="read-only"):
            store.apply_patch(aid, patch, annotator="ann")
        with pytest.raises(StoreError, match="read-only"):
            store.undo(aid, annotator="ann")
        assert store.history(aid) == [] and not store.can_undo(aid)


def test_unknown_history_version_is_reported_not_overwritten(store: Store, annotated: str) -> None:
    three_edits(store, annotated)
    store.close()  # folds the journal into the article file
    store = Store(store.path)
    path = next((store.path / "articles").rglob(f"{annotated}.json"))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["history"]["2"]["schema_version"] = 99
    path.write_text(json.dumps(data), encoding="utf-8")
    files = tree_snapshot(store.path)
    with pytest.raises(StoreError, match=r"history entry 2 .*schema_version 99"):
        store.undo(annotated, annotator="ann")
    with pytest.raises(StoreError, match=str(path)):
        store.history(annotated)
    assert tree_snapshot(store.path) == files


def test_article_file_stays_plain_tinydb(store: Store, annotated: str) -> None:
    three_edits(store, annotated)
    store.undo(annotated, annotator="ann")
    journal = next((store.path / "articles").rglob(f"{annotated}.journal.json"))
    with TinyDB(journal) as db:
        ops = [(r["op"], r.get("seq")) for r in db.table("entries").all()]
        assert ops == [("edit", 1), ("edit", 2), ("edit", 3), ("undo", 3)]
    store.close()  # folds the journal into the article file
    path = next((store.path / "articles").rglob(f"{annotated}.json"))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert sum('"seq": ' in line for line in lines) == 3, "one history entry a line"
    with TinyDB(path) as db:
        records = db.table("history").all()
        assert [r["seq"] for r in records] == [1, 2, 3]
        assert [r["undone"] for r in records] == [False, False, True]
        assert Patch.from_dict(records[0]["patch"]).description == records[0]["description"]
        assert db.table("annotation").get(doc_id=1)["status"] == "in_progress"
