"""Running the model again: fresh suggestions never undo a human decision."""

from __future__ import annotations

from dataclasses import replace

import pytest

from annotate import edits
from annotate.merge import merge_suggestions
from annotate.model import MODEL, Annotation
from tests.annotate.edit_helpers import BY, gold, small, span_at
from tests.offsets import occurrence


def where(a: Annotation, piece: str, nth: int = 0) -> tuple[int, int]:
    return occurrence(a.text, piece, nth)


def test_same_run_again_changes_nothing() -> None:
    assert merge_suggestions(small(), small()) == small()
    assert merge_suggestions(gold(True), gold(True)) == gold(True)


def test_into_an_empty_annotation_adds_everything() -> None:
    fresh = gold(True)
    merged = merge_suggestions(Annotation(fresh.text), fresh)
    assert merged.problems() == []
    assert (len(merged.spans), len(merged.people), len(merged.roles), len(merged.events)) == (
        len(fresh.spans),
        len(fresh.people),
        len(fresh.roles),
        len(fresh.events),
    )


def test_a_rejected_suggestion_stays_rejected() -> None:
    a = small()
    moscow = span_at(a, "Moscow")
    current = edits.delete_span(a, moscow, by=BY).apply(a)
    merged = merge_suggestions(current, small())
    assert merged.span(moscow).rejected
    assert len(merged.spans) == len(current.spans)
    assert merged.event("E1").place is None


def test_existing_spans_keep_their_provenance() -> None:
    a = small()
    current = edits.accept_all(a, by=BY).apply(a)
    assert merge_suggestions(current, small()) == current


def test_a_fresh_span_overlapping_a_human_span_of_its_layer_is_skipped() -> None:
    a = Annotation(small().text)
    current = edits.add_span(a, *where(a, "Kim Jong"), "PERSON", by=BY).apply(a)
    merged = merge_suggestions(current, small())
    assert [merged.span_text(s.id) for s in merged.spans if s.label == "PERSON"] == [
        "Vladimir Putin",
        "Kim Jong",
        "Kim",
        "Putin",
    ]
    # the human person keeps its single mention; the model's "Kim" is not added to it
    human = merged.person_of_span(span_at(merged, "Kim Jong"))
    assert human is not None and len(human.mentions) == 1
    # overlap in another layer is fine: a ROLE over an ORG
    b = edits.add_span(a, *where(a, "Foreign Ministry spokesperson"), "ROLE", by=BY).apply(a)
    assert span_at(merge_suggestions(b, small()), "Foreign Ministry", "ORG")


def test_a_human_person_is_left_as_the_human_left_it() -> None:
    a = small()
    current = edits.rename_person(a, "P2", "Chairman Kim", by=BY).apply(a)
    current = edits.delete_span(current, span_at(current, "Kim", nth=1), by=BY).apply(current)
    fresh = Annotation(a.text)
    fresh = edits.add_span(fresh, *where(a, "Kim Jong Un"), "PERSON", by=BY).apply(fresh)
    fresh = edits.add_span(fresh, *where(a, "Jong Un"), "PERSON", by=BY).apply(fresh)
    merged = merge_suggestions(current, fresh)
    assert merged.person("P2") == current.person("P2")
    assert len(merged.people) == len(current.people)


def test_fresh_mentions_join_an_untouched_model_person() -> None:
    a = small()
    text = a.text
    fresh_obj = Annotation(text)
    fresh_obj = edits.add_span(fresh_obj, *where(a, "Kim Jong Un"), "PERSON", by=BY).apply(
        fresh_obj
    )
    fresh_obj = edits.add_span(
        fresh_obj, *where(a, "spokesperson"), "PERSON", by=BY, person_id="P1"
    ).apply(fresh_obj)
    fresh = Annotation(
        text,
        spans=tuple(replace(s, provenance=MODEL) for s in fresh_obj.spans),
        people=tuple(replace(p, provenance=MODEL) for p in fresh_obj.people),
    )
    merged = merge_suggestions(a, fresh)
    spokesperson = span_at(merged, "spokesperson")
    assert spokesperson in merged.person("P2").mentions
    assert len(merged.people) == 2


def test_a_person_the_human_deleted_does_not_come_back() -> None:
    a = small()
    current = edits.delete_person(a, "P2", by=BY).apply(a)
    current = edits.accept_all(current, by=BY).apply(current)
    merged = merge_suggestions(current, small())
    assert [p.id for p in merged.people] == ["P1"]


def test_human_roles_and_events_are_never_changed_and_not_duplicated() -> None:
    a = small()
    current = edits.set_event_type(a, "E1", "Contact", by=BY).apply(a)
    current = edits.relink_role(current, "R1", "P2", by=BY).apply(current)
    merged = merge_suggestions(current, small())
    assert merged.events == current.events
    assert merged.roles == current.roles


def test_new_events_come_with_their_people_and_live_spans() -> None:
    a = small()
    current = edits.delete_event(a, "E1", by=BY).apply(a)  # rejects trigger and time
    assert merge_suggestions(current, small()).events == ()
    bare = Annotation(a.text)
    merged = merge_suggestions(bare, small())
    (event,) = merged.events
    assert merged.span_text(event.trigger) == "welcomed"
    assert {p.part for p in event.participants} == {"agent", "patient"}
    assert merged.span_text(str(event.place)) == "Moscow"


def test_refuses_another_text() -> None:
    with pytest.raises(ValueError):
        merge_suggestions(Annotation("a"), Annotation("b"))
