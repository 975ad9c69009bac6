"""Patch, Change, diff and EditConflict."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from annotate.edits import Change, EditConflict, EditError, Patch, add_span, diff, rename_person
from annotate.edits.draft import Draft
from annotate.model import Annotation, Person, Span
from tests.annotate.edit_helpers import BY, gold, small


def test_diff_lists_added_removed_and_changed_items_by_id() -> None:
    a = small()
    kim = a.person("P2")
    b = a.with_changes(
        spans=(*a.spans[1:], Span("T99", 0, 7, "ORG")),
        people=(a.people[0], replace(kim, name="Kim")),
    )
    patch = diff(a, b, "by hand")
    assert {(c.kind, c.id, c.before is None, c.after is None) for c in patch.changes} == {
        ("spans", a.spans[0].id, False, True),
        ("spans", "T99", True, False),
        ("people", "P2", False, False),
    }
    assert patch.apply(a) == b
    assert patch.inverse().apply(b) == a
    assert diff(a, a, "nothing").is_empty()


def test_diff_refuses_annotations_of_different_texts() -> None:
    with pytest.raises(EditError):
        diff(Annotation("one"), Annotation("two"), "x")


def test_apply_raises_conflict_when_before_no_longer_matches() -> None:
    a = small()
    patch = rename_person(a, "P2", "Kim", by=BY)
    elsewhere = rename_person(a, "P2", "Chairman Kim", by=BY).apply(a)
    with pytest.raises(EditConflict, match="changed elsewhere"):
        patch.apply(elsewhere)
    gone = a.with_changes(people=a.people[:1])
    with pytest.raises(EditConflict, match="gone"):
        patch.apply(gone)


def test_apply_raises_conflict_when_an_added_id_is_taken() -> None:
    a = Annotation("Kim met Putin.")
    patch = add_span(a, 0, 3, "ORG", by=BY)
    other = add_span(a, 8, 13, "ORG", by=BY).apply(a)  # takes T1 as well
    with pytest.raises(EditConflict, match="already exists"):
        patch.apply(other)


def test_conflict_is_an_edit_error() -> None:
    assert issubclass(EditConflict, EditError)
    assert issubclass(EditError, ValueError)


def test_inverse_swaps_and_names_the_undo() -> None:
    a = small()
    patch = rename_person(a, "P2", "Kim", by=BY)
    undo = patch.inverse()
    assert undo.description == "Undo: " + patch.description
    assert undo.inverse() == patch
    assert [(c.before, c.after) for c in undo.changes] == [
        (c.after, c.before) for c in reversed(patch.changes)
    ]


def test_to_dict_is_json_and_round_trips() -> None:
    a = gold()
    b = a.with_changes(spans=a.spans[3:], people=a.people[1:])
    patch = diff(a, b, "Drop some")
    data = json.loads(json.dumps(patch.to_dict()))
    assert data["description"] == "Drop some"
    assert {c["kind"] for c in data["changes"]} == {"spans", "people"}
    assert Patch.from_dict(data) == patch


def test_change_needs_an_item_and_keeps_its_id() -> None:
    with pytest.raises(ValueError):
        Change("spans", None, None)
    with pytest.raises(ValueError):
        Change("spans", Span("T1", 0, 1, "ORG"), Span("T2", 0, 1, "ORG"))
    with pytest.raises(ValueError):
        Change("things", None, Span("T1", 0, 1, "ORG"))  # type: ignore[arg-type]


def test_patch_changes_each_item_once() -> None:
    span = Span("T1", 0, 1, "ORG")
    with pytest.raises(ValueError):
        Patch((Change("spans", None, span), Change("spans", span, None)), "twice")


def test_then_composes_two_patches_into_one() -> None:
    a = Annotation("Kim met Putin.")
    first = add_span(a, 0, 3, "PERSON", by=BY)
    b = first.apply(a)
    second = rename_person(b, "P1", "Kim Jong Un", by=BY)
    c = second.apply(b)
    both = first.then(second, "Add Kim Jong Un")
    assert both.apply(a) == c
    assert both.inverse().apply(c) == a
    assert len(both.changes) == 2
    undo = first.then(first.inverse())
    assert undo.is_empty()
    with pytest.raises(EditConflict):
        second.then(first)


def test_empty_patch_applies_to_anything() -> None:
    a = small()
    assert Patch((), "nothing").apply(a) is a
    assert Patch((), "nothing").is_empty()


def test_canonical_order_makes_collections_order_independent() -> None:
    a = small()
    shuffled = Annotation(
        a.text,
        spans=tuple(reversed(a.spans)),
        people=tuple(reversed(a.people)),
        roles=tuple(reversed(a.roles)),
        events=tuple(reversed(a.events)),
    )
    assert shuffled == a
    # people by their first live mention, a person without one last
    lonely = Person("P0", "Nobody", ())
    assert Annotation(a.text, a.spans, (lonely, *a.people)).people[-1] == lonely


def test_new_ids_are_never_ones_in_use_even_with_gaps() -> None:
    """A new id is made from the count of items, counted up past the ones taken: with gaps in
    the numbering (deleted items) it still never takes an id in use or removed in the edit."""
    text = "Anna met Omar in Oslo on Monday."
    gappy = Annotation(
        text,
        spans=(Span("T2", 0, 4, "PERSON"), Span("T3", 9, 13, "PERSON"), Span("T5", 17, 21, "GPE")),
    )
    first = add_span(gappy, 25, 31, "DATE", by=BY)
    assert [c.id for c in first.changes] == ["T4"]
    after = first.apply(gappy)
    second = add_span(after, 5, 8, "ORG", by=BY)
    assert [c.id for c in second.changes] == ["T6"]
    draft = Draft(after, BY)
    draft.remove("spans", "T2")
    made = {draft.new_id("T"), draft.new_id("T")}
    assert len(made) == 2 and not made & {"T2", "T3", "T4", "T5"}
