"""Span queries of the article view, below Textual: highlights, cursor, sentences."""

from __future__ import annotations

from annotate import edits
from annotate.queries import (
    entity_at_cursor,
    event_on,
    event_spans,
    live_mentions,
    person_spans,
    role_on,
    role_spans,
    sentence_bounds,
    span_at_cursor,
)
from tests.annotate.edit_helpers import BY, SMALL_TEXT, at, small, span_at


def test_sentence_bounds_cut_at_sentence_ends_and_newlines() -> None:
    text = "One two. Three four!\nFive"
    assert sentence_bounds(text, 0) == (0, 8)
    assert text[slice(*sentence_bounds(text, text.index("four")))] == "Three four!"
    assert text[slice(*sentence_bounds(text, text.index("Five")))] == "Five"


def test_person_spans_are_live_mentions_in_text_order() -> None:
    annotation = small()
    putin = [span_at(annotation, "Vladimir Putin"), span_at(annotation, "Putin", nth=1)]
    assert person_spans(annotation, "P1") == putin
    rejected = edits.reject_span(annotation, putin[0], by=BY).apply(annotation)
    assert person_spans(rejected, "P1") == putin[1:]
    assert live_mentions(rejected, rejected.person("P1")) == putin[1:]
    assert person_spans(annotation, "P404") == []


def test_role_spans_hold_the_title_and_the_holders_mentions() -> None:
    annotation = small()
    role = annotation.roles[0]
    assert role_spans(annotation, role.id) == [role.span, *person_spans(annotation, "P1")]
    assert role_spans(annotation, "R404") == []


def test_event_spans_hold_trigger_participants_time_and_place() -> None:
    annotation = small()
    event = annotation.event("E1")
    found = event_spans(annotation, "E1")
    assert found[0] == event.trigger
    assert span_at(annotation, "Vladimir Putin") in found
    assert span_at(annotation, "Kim Jong Un") in found
    assert span_at(annotation, "Putin", nth=1) not in found  # the next sentence
    assert event.time in found and event.place in found
    assert event_spans(annotation, "E404") == []


def test_span_at_cursor_prefers_the_entity_and_looks_just_before() -> None:
    annotation = small()
    kim = span_at(annotation, "Kim Jong Un")
    where = at(SMALL_TEXT, "Kim Jong Un")
    found = span_at_cursor(annotation, where["start"])
    assert found is not None and found.id == kim
    after = span_at_cursor(annotation, where["end"])
    assert after is not None and after.id == kim  # the cursor right after the name
    trigger = at(SMALL_TEXT, "welcomed")["start"] + 1
    found = span_at_cursor(annotation, trigger)
    assert found is not None and found.label == "TRIGGER"
    assert span_at_cursor(annotation, trigger, entity_only=True) is None


def test_entity_at_cursor_tells_people_from_other_entities() -> None:
    annotation = small()
    moscow = at(SMALL_TEXT, "Moscow")["start"]
    person = entity_at_cursor(annotation, moscow, person=True)
    other = entity_at_cursor(annotation, moscow, person=False)
    assert person is None
    assert other is not None and other.label == "GPE"


def test_role_on_and_event_on_find_what_an_edit_made() -> None:
    annotation = small()
    start, end = at(SMALL_TEXT, "spokesperson").values()
    linked = edits.link_role(annotation, start, end, "P2", by=BY).apply(annotation)
    role = role_on(linked, start, end, "P2")
    assert role is not None and any(r.id == role and r.person == "P2" for r in linked.roles)
    assert role_on(linked, start, end, "P1") is None
    start, end = at(SMALL_TEXT, "thanked").values()
    made = edits.create_event(annotation, start, end, "Meeting", by=BY).apply(annotation)
    event = event_on(made, start, end, "Meeting")
    assert event is not None and made.event(event).type == "Meeting"
    assert event_on(made, start, end, "Attack") is None
