"""Every edit operation: what it changes, and the edits it refuses."""

from __future__ import annotations

from dataclasses import replace

import pytest

from annotate import edits
from annotate.edits import EditError, Patch
from annotate.model import Annotation, Participant
from tests.annotate.edit_helpers import BY, small, span_at
from tests.offsets import occurrence


def done(a: Annotation, patch: Patch) -> Annotation:
    """Apply a patch, checking it is undoable and leaves a consistent annotation."""
    b = patch.apply(a)
    assert b.problems() == []
    assert patch.inverse().apply(b) == a
    return b


def where(a: Annotation, piece: str, nth: int = 0) -> tuple[int, int]:
    return occurrence(a.text, piece, nth)


# -- spans ---------------------------------------------------------------------


def test_add_span_adds_an_accepted_human_span() -> None:
    a = small()
    patch = edits.add_span(a, *where(a, "Kim", 1), "ORG", by=BY)
    assert patch.description == "Add ORG “Kim”"
    b = done(a, patch)
    span = b.span(span_at(b, "Kim", "ORG", 1))
    assert span.provenance == BY
    assert span.id == a.next_id("T")


def test_add_person_span_makes_a_new_person_or_joins_one() -> None:
    a = small()
    b = done(a, edits.add_span(a, *where(a, "spokesperson"), "PERSON", by=BY))
    new = b.person_of_span(span_at(b, "spokesperson"))
    assert new is not None and new.name == "spokesperson" and new.provenance == BY
    c = done(a, edits.add_span(a, *where(a, "spokesperson"), "PERSON", by=BY, person_id="P2"))
    assert span_at(c, "spokesperson") in c.person("P2").mentions


@pytest.mark.parametrize(
    ("start", "end", "label", "reason"),
    [
        (5, 5, "ORG", "empty"),
        (-1, 3, "ORG", "outside"),
        (0, 10_000, "ORG", "outside"),
        (7, 8, "ORG", "whitespace"),
        (0, 7, "NORP", "already"),
        (0, 7, " ", "label"),
    ],
)
def test_add_span_refuses(start: int, end: int, label: str, reason: str) -> None:
    with pytest.raises(EditError, match=reason):
        edits.add_span(small(), start, end, label, by=BY)


def test_add_span_restores_an_identical_rejected_span() -> None:
    a = small()
    moscow = span_at(a, "Moscow")
    b = done(a, edits.delete_span(a, moscow, by=BY))
    assert b.span(moscow).rejected
    patch = edits.add_span(b, *where(b, "Moscow"), "GPE", by=BY)
    assert patch.description.startswith("Restore")
    c = done(b, patch)
    assert c.span(moscow).provenance == BY
    assert len(c.spans) == len(b.spans)


def test_relabel_person_to_org_leaves_its_person() -> None:
    a = small()
    putin = span_at(a, "Putin", "PERSON", 1)
    b = done(a, edits.relabel_span(a, putin, "ORG", by=BY))
    assert b.span(putin).label == "ORG"
    assert putin not in b.person("P1").mentions


def test_relabel_last_mention_deletes_the_person_with_roles_and_parts() -> None:
    a = done(small(), edits.relabel_span(small(), span_at(small(), "Putin", nth=1), "ORG", by=BY))
    b = done(a, edits.relabel_span(a, span_at(a, "Vladimir Putin"), "ORG", by=BY))
    assert [p.id for p in b.people] == ["P2"]
    assert b.roles == ()
    assert b.event("E1").participants == (Participant("P2", "patient"),)


def test_relabel_to_person_makes_a_person() -> None:
    a = small()
    b = done(a, edits.relabel_span(a, span_at(a, "Foreign Ministry"), "PERSON", by=BY))
    assert b.person_of_span(span_at(b, "Foreign Ministry")) is not None


@pytest.mark.parametrize(
    ("piece", "label", "reason"),
    [
        ("Moscow", "GPE", "already"),
        ("Moscow", "ROLE", "only entities"),
        ("welcomed", "ORG", "only"),
    ],
)
def test_relabel_refuses(piece: str, label: str, reason: str) -> None:
    a = small()
    with pytest.raises(EditError, match=reason):
        edits.relabel_span(a, span_at(a, piece), label, by=BY)


def test_relabel_onto_an_identical_span_is_refused() -> None:
    a = small()
    b = done(a, edits.add_span(a, *where(a, "Moscow"), "LOC", by=BY))
    with pytest.raises(EditError, match="already a LOC span"):
        edits.relabel_span(b, span_at(b, "Moscow", "GPE"), "LOC", by=BY)


def test_grow_and_shrink_move_by_one_token() -> None:
    a = small()
    kim = span_at(a, "Kim Jong Un")
    b = done(a, edits.shrink_end(a, kim, by=BY))
    assert b.span_text(kim) == "Kim Jong"
    c = done(b, edits.shrink_start(b, kim, by=BY))
    assert c.span_text(kim) == "Jong"
    d = done(c, edits.grow_start(c, kim, by=BY))
    e = done(d, edits.grow_end(d, kim, by=BY))
    assert e.span_text(kim) == "Kim Jong Un"
    f = done(e, edits.grow_end(e, kim, by=BY))
    assert f.span_text(kim) == "Kim Jong Un in"


def test_grow_and_shrink_refuse_at_the_limits() -> None:
    a = small()
    with pytest.raises(EditError, match="single token"):
        edits.shrink_end(a, span_at(a, "Moscow"), by=BY)
    with pytest.raises(EditError, match="single token"):
        edits.shrink_start(a, span_at(a, "Moscow"), by=BY)
    with pytest.raises(EditError, match="beginning"):
        edits.grow_start(a, span_at(a, "Russian"), by=BY)
    b = done(a, edits.add_span(a, len(a.text) - 1, len(a.text), "ORG", by=BY))
    with pytest.raises(EditError, match="end of the text"):
        edits.grow_end(b, span_at(b, ".", nth=1), by=BY)


def test_resize_keeps_links_and_refuses_no_change() -> None:
    a = small()
    putin = span_at(a, "Vladimir Putin")
    b = done(a, edits.resize_span(a, putin, *where(a, "Putin"), by=BY))
    assert putin in b.person("P1").mentions
    with pytest.raises(EditError, match="already has that range"):
        edits.resize_span(b, putin, *where(b, "Putin"), by=BY)


def test_split_keeps_the_person_on_both_halves() -> None:
    a = small()
    kim = span_at(a, "Kim Jong Un")
    b = done(a, edits.split_span(a, kim, a.text.index(" Jong"), by=BY))
    assert b.span_text(kim) == "Kim"
    second = span_at(b, "Jong Un")
    assert b.span(second).label == "PERSON"
    assert b.person("P2").mentions == (kim, second, span_at(b, "Kim", nth=1))


def test_split_refuses_outside_or_empty_halves() -> None:
    a = small()
    kim = a.span(span_at(a, "Kim Jong Un"))
    with pytest.raises(EditError, match="inside"):
        edits.split_span(a, kim.id, kim.start, by=BY)
    b = done(a, edits.add_span(a, kim.start, kim.start + 4, "ORG", by=BY))  # "Kim "
    with pytest.raises(EditError, match="some text"):
        edits.split_span(b, span_at(b, "Kim ", "ORG"), kim.start + 3, by=BY)


def test_merge_spans_moves_links_to_the_survivor() -> None:
    a = small()
    kim = span_at(a, "Kim Jong Un")
    half = edits.split_span(a, kim, a.text.index(" Jong"), by=BY)
    b = done(a, half)
    second = span_at(b, "Jong Un")
    c = done(b, edits.merge_spans(b, second, kim, by=BY))
    assert c.span_text(kim) == "Kim Jong Un"
    assert c.get_span(second) is None
    assert c.person("P2").mentions == (kim, span_at(c, "Kim", nth=1))


def test_merge_spans_moves_event_and_role_links() -> None:
    a = small()
    b = done(a, edits.add_span(a, *where(a, "Moscow on"), "GPE", by=BY))
    b = done(b, edits.delete_span(b, span_at(b, "Moscow on"), by=BY))  # human span: removed
    assert len(b.spans) == len(a.spans)
    c = done(a, edits.add_span(a, *where(a, "Vladimir"), "ROLE", by=BY))
    d = done(
        c, edits.merge_spans(c, span_at(c, "Russian President"), span_at(c, "Vladimir"), by=BY)
    )
    assert d.span_text(d.roles[0].span) == "Russian President Vladimir"


@pytest.mark.parametrize(
    ("first", "second", "reason"),
    [
        ("Moscow", "Moscow", "itself"),
        ("Moscow", "welcomed", "cannot merge"),
        ("Kim Jong Un", "Moscow", "next to each other"),
    ],
)
def test_merge_spans_refuses(first: str, second: str, reason: str) -> None:
    a = small()
    with pytest.raises(EditError, match=reason):
        edits.merge_spans(a, span_at(a, first), span_at(a, second), by=BY)


def test_merge_spans_refuses_overlap() -> None:
    a = small()
    b = done(a, edits.add_span(a, *where(a, "Tuesday"), "TIME_EXPR", by=BY))
    with pytest.raises(EditError, match="overlap"):
        edits.merge_spans(b, span_at(b, "on Tuesday"), span_at(b, "Tuesday", "TIME_EXPR"), by=BY)


def test_delete_model_span_rejects_it_and_drops_its_links() -> None:
    a = small()
    welcomed = span_at(a, "welcomed")
    b = done(a, edits.delete_span(a, welcomed, by=BY))
    assert b.span(welcomed).rejected
    assert b.span(welcomed).provenance.annotator == "ann"
    assert b.events == ()
    assert b.get_span(span_at(a, "on Tuesday")) is not None  # model TIME_EXPR rejected
    assert b.span(span_at(a, "on Tuesday")).rejected
    assert not b.span(span_at(a, "Moscow")).rejected  # an entity stays


def test_delete_time_span_clears_the_event_time() -> None:
    a = small()
    b = done(a, edits.delete_span(a, span_at(a, "on Tuesday"), by=BY))
    assert b.event("E1").time is None


def test_delete_role_span_deletes_the_role_and_human_spans_go_outright() -> None:
    a = small(as_model=False)
    title = span_at(a, "Russian President")
    b = done(a, edits.delete_span(a, title, by=BY))
    assert b.get_span(title) is None
    assert b.roles == ()


def test_delete_last_mention_deletes_the_person() -> None:
    a = small()
    b = done(a, edits.delete_span(a, span_at(a, "Kim", nth=1), by=BY))
    c = done(b, edits.delete_span(b, span_at(b, "Kim Jong Un"), by=BY))
    assert [p.id for p in c.people] == ["P1"]
    assert all(p.person != "P2" for p in c.event("E1").participants)


def test_delete_and_reject_refuse_a_rejected_span() -> None:
    a = small()
    moscow = span_at(a, "Moscow")
    b = done(a, edits.reject_span(a, moscow, by=BY))
    assert b.span(moscow).provenance.state == "rejected"
    assert b.span(moscow).provenance.source == "human"
    assert b.event("E1").place is None
    with pytest.raises(EditError, match="rejected"):
        edits.delete_span(b, moscow, by=BY)
    with pytest.raises(EditError, match="rejected"):
        edits.reject_span(b, moscow, by=BY)
    with pytest.raises(EditError, match="no span"):
        edits.delete_span(b, "T404", by=BY)


def test_accept_span_and_restore() -> None:
    a = small()
    moscow = span_at(a, "Moscow")
    b = done(a, edits.accept_span(a, moscow, by=BY))
    assert b.span(moscow).provenance == replace(BY, rule="model")  # it was the model's
    with pytest.raises(EditError, match="already accepted"):
        edits.accept_span(b, moscow, by=BY)
    kim = span_at(a, "Kim", nth=1)
    c = done(a, edits.reject_span(a, kim, by=BY))
    patch = edits.accept_span(c, kim, by=BY, person_id="P2")
    assert patch.description.startswith("Restore")
    d = done(c, patch)
    assert kim in d.person("P2").mentions


def test_accept_all_accepts_every_suggestion_but_not_rejections() -> None:
    a = small()
    b = done(a, edits.reject_span(a, span_at(a, "Moscow"), by=BY))
    c = done(b, edits.accept_all(b, by=BY))
    states = {
        i.provenance.state for k in ("spans", "people", "roles", "events") for i in getattr(c, k)
    }
    assert states == {"accepted", "rejected"}
    assert c.span(span_at(c, "Moscow")).rejected
    with pytest.raises(EditError, match="no suggestion"):
        edits.accept_all(c, by=BY)


# -- people --------------------------------------------------------------------


def test_merge_people_moves_mentions_roles_and_parts() -> None:
    a = small()
    patch = edits.merge_people(a, "P1", "P2", by=BY)
    assert patch.description == "Merge Kim Jong Un into Vladimir Putin"
    b = done(a, patch)
    assert [p.id for p in b.people] == ["P1"]
    assert len(b.person("P1").mentions) == 4
    assert b.event("E1").participants == (
        Participant("P1", "agent"),
        Participant("P1", "patient"),
    )
    with pytest.raises(EditError, match="themselves"):
        edits.merge_people(b, "P1", "P1", by=BY)
    with pytest.raises(EditError, match="no person"):
        edits.merge_people(b, "P1", "P2", by=BY)


def test_merge_people_collapses_duplicates() -> None:
    a = small()
    b = done(a, edits.link_role(a, *where(a, "Russian President"), "P2", by=BY))
    b = done(b, edits.add_participant(b, "E1", "P2", "agent", by=BY))
    c = done(b, edits.merge_people(b, "P1", "P2", by=BY))
    assert len(c.roles) == 1
    parts = c.event("E1").participants
    assert len(parts) == len(set(parts)) == 2


def test_move_mention_to_another_or_a_new_person() -> None:
    a = small()
    kim = span_at(a, "Kim", nth=1)
    b = done(a, edits.move_mention(a, kim, "P1", by=BY))
    assert kim in b.person("P1").mentions and kim not in b.person("P2").mentions
    c = done(a, edits.move_mention(a, kim, None, by=BY))
    new = c.person_of_span(kim)
    assert new is not None and new.name == "Kim" and new.mentions == (kim,)


def test_move_last_mention_merges_the_people() -> None:
    a = small()
    b = done(a, edits.delete_span(a, span_at(a, "Kim", nth=1), by=BY))
    c = done(b, edits.move_mention(b, span_at(b, "Kim Jong Un"), "P1", by=BY))
    assert [p.id for p in c.people] == ["P1"]
    assert Participant("P1", "patient") in c.event("E1").participants


def test_move_mention_refuses() -> None:
    a = small()
    with pytest.raises(EditError, match="already mentions"):
        edits.move_mention(a, span_at(a, "Kim", nth=1), "P2", by=BY)
    with pytest.raises(EditError, match="only PERSON"):
        edits.move_mention(a, span_at(a, "Moscow"), "P2", by=BY)
    b = done(a, edits.delete_span(a, span_at(a, "Kim", nth=1), by=BY))
    with pytest.raises(EditError, match="only mention"):
        edits.move_mention(b, span_at(b, "Kim Jong Un"), None, by=BY)


def test_add_mention_attaches_a_person_span() -> None:
    a = small()
    b = done(a, edits.relabel_span(a, span_at(a, "Foreign Ministry"), "PERSON", by=BY))
    ministry = span_at(b, "Foreign Ministry")
    c = done(b, edits.add_mention(b, ministry, "P1", by=BY))
    assert ministry in c.person("P1").mentions
    assert len(c.people) == 2  # the person made by the relabel is gone


def test_rename_person() -> None:
    a = small()
    b = done(a, edits.rename_person(a, "P2", "  Kim   Jong-un ", by=BY))
    assert b.person("P2").name == "Kim Jong-un"
    with pytest.raises(EditError, match="already has that name"):
        edits.rename_person(b, "P2", "Kim Jong-un", by=BY)
    with pytest.raises(EditError, match="needs a name"):
        edits.rename_person(b, "P2", " ", by=BY)


def test_delete_person_keeps_the_mention_spans() -> None:
    a = small()
    b = done(a, edits.delete_person(a, "P1", by=BY))
    assert [p.id for p in b.people] == ["P2"]
    assert b.roles == ()
    assert b.span(span_at(a, "Russian President")).rejected  # the model title goes too
    assert not b.span(span_at(a, "Vladimir Putin")).rejected
    assert all(p.person != "P1" for p in b.event("E1").participants)


# -- roles ---------------------------------------------------------------------


def test_link_role_reuses_or_creates_the_title_span() -> None:
    a = small()
    b = done(a, edits.link_role(a, *where(a, "Russian President"), "P2", by=BY))
    assert len(b.spans) == len(a.spans)
    assert {r.person for r in b.roles} == {"P1", "P2"}
    with pytest.raises(EditError, match="already has the role"):
        edits.link_role(b, *where(b, "Russian President"), "P2", by=BY)
    c = done(a, edits.link_role(a, *where(a, "Foreign Ministry spokesperson"), "P2", by=BY))
    assert c.span_text(c.roles_of("P2")[0].span) == "Foreign Ministry spokesperson"
    assert c.span(span_at(c, "Foreign Ministry", "ORG")).label == "ORG"  # layers overlap


def test_relink_and_delete_role() -> None:
    a = small()
    b = done(a, edits.relink_role(a, "R1", "P2", by=BY))
    assert b.roles[0].person == "P2"
    with pytest.raises(EditError, match="already"):
        edits.relink_role(b, "R1", "P2", by=BY)
    c = done(a, edits.link_role(a, *where(a, "Russian President"), "P2", by=BY))
    d = done(c, edits.delete_role(c, "R1", by=BY))
    assert not d.span(span_at(d, "Russian President")).rejected  # the other role uses it
    e = done(a, edits.delete_role(a, "R1", by=BY))
    assert e.span(span_at(e, "Russian President")).rejected
    with pytest.raises(EditError, match="no role"):
        edits.delete_role(e, "R1", by=BY)


# -- events --------------------------------------------------------------------


def test_create_event_and_set_type() -> None:
    a = small()
    b = done(a, edits.create_event(a, *where(a, "thanked"), "Statement", by=BY))
    event = b.events[-1]
    assert b.span_text(event.trigger) == "thanked" and event.type == "Statement"
    c = done(b, edits.set_event_type(b, event.id, "Contact", by=BY))
    assert c.event(event.id).type == "Contact"
    with pytest.raises(EditError, match="already Contact"):
        edits.set_event_type(c, event.id, "Contact", by=BY)
    with pytest.raises(EditError, match="already a Meeting event"):
        edits.create_event(a, *where(a, "welcomed"), "Meeting", by=BY)
    d = done(a, edits.create_event(a, *where(a, "welcomed"), "Movement", by=BY))
    assert len(d.spans) == len(a.spans)


def test_participants_and_arguments() -> None:
    a = small()
    b = done(a, edits.add_participant(a, "E1", "P2", "recipient", by=BY))
    assert Participant("P2", "recipient") in b.event("E1").participants
    with pytest.raises(EditError, match="already"):
        edits.add_participant(b, "E1", "P2", "recipient", by=BY)
    c = done(b, edits.remove_participant(b, "E1", "P2", "recipient", by=BY))
    assert c.event("E1").participants == a.event("E1").participants
    with pytest.raises(EditError, match="not recipient"):
        edits.remove_participant(a, "E1", "P2", "recipient", by=BY)
    ministry = span_at(a, "Foreign Ministry")
    d = done(a, edits.add_argument(a, "E1", ministry, "agent", by=BY))
    assert d.event("E1").arguments[0].span == ministry
    with pytest.raises(EditError, match="non-person"):
        edits.add_argument(a, "E1", span_at(a, "Kim", nth=1), "agent", by=BY)
    e = done(d, edits.remove_argument(d, "E1", ministry, "agent", by=BY))
    assert e.event("E1").arguments == ()
    assert not e.span(ministry).rejected  # an entity stays when no event names it
    with pytest.raises(EditError, match="not agent"):
        edits.remove_argument(e, "E1", ministry, "agent", by=BY)


def test_a_phrase_that_is_no_entity_is_an_argument_of_its_own_label() -> None:
    """ "the Foreign Ministry spokesperson" named by its phrase: a PHRASE span in the argument
    layer (not "where"); an entity of exactly that range is reused; a name is refused (the
    person takes part); removing the argument removes the phrase no event names any more."""
    a = small()
    start, end = where(a, "the Foreign Ministry spokesperson")
    b = done(a, edits.add_phrase_argument(a, "E1", start, end, "patient", by=BY))
    (argument,) = b.event("E1").arguments
    phrase = b.span(argument.span)
    assert (phrase.label, phrase.layer, argument.part) == ("PHRASE", "argument", "patient")
    assert b.span(span_at(b, "Foreign Ministry")).label == "ORG"  # the entity inside stays
    with pytest.raises(EditError, match="already patient"):
        edits.add_phrase_argument(b, "E1", start, end, "patient", by=BY)
    c = done(b, edits.add_phrase_argument(b, "E1", *where(b, "Foreign Ministry"), "agent", by=BY))
    assert c.event("E1").arguments[1].span == span_at(c, "Foreign Ministry")  # reused
    with pytest.raises(EditError, match="as the person"):
        edits.add_phrase_argument(a, "E1", *where(a, "Kim Jong Un"), "agent", by=BY)
    with pytest.raises(EditError, match="needs a part"):
        edits.add_phrase_argument(a, "E1", start, end, " ", by=BY)
    d = done(b, edits.remove_argument(b, "E1", phrase.id, "patient", by=BY))
    assert d.event("E1").arguments == () and d.get_span(phrase.id) is None
    e = done(b, edits.add_argument(b, "E1", phrase.id, "agent", by=BY))  # a phrase, two parts
    assert len(e.event("E1").arguments) == 2


def test_set_time_and_place_reuse_entities_or_add_free_spans() -> None:
    a = small()
    b = done(a, edits.set_time(a, "E1", *where(a, "Tuesday"), by=BY))
    assert b.event("E1").time == span_at(a, "Tuesday", "DATE")
    assert b.span(span_at(a, "on Tuesday")).rejected  # the free span nobody uses any more
    c = done(b, edits.set_place(b, "E1", *where(b, "in Moscow"), by=BY))
    assert c.span(c.event("E1").place).label == "PLACE"
    assert not c.span(span_at(c, "Moscow")).rejected  # entity spans stay
    d = done(c, edits.set_place(c, "E1", None, None, by=BY))
    assert d.event("E1").place is None
    assert d.get_span(span_at(c, "in Moscow")) is None  # human PLACE span removed
    with pytest.raises(EditError, match="no place"):
        edits.set_place(d, "E1", None, None, by=BY)
    with pytest.raises(EditError, match="already the time"):
        edits.set_time(d, "E1", *where(d, "Tuesday"), by=BY)
    with pytest.raises(EditError, match="both ends"):
        edits.set_time(d, "E1", 3, None, by=BY)


def test_delete_event_takes_its_trigger_unless_shared() -> None:
    a = small()
    b = done(a, edits.create_event(a, *where(a, "welcomed"), "Movement", by=BY))
    c = done(b, edits.delete_event(b, "E1", by=BY))
    assert not c.span(span_at(c, "welcomed")).rejected
    d = done(a, edits.delete_event(a, "E1", by=BY))
    assert d.span(span_at(d, "welcomed")).rejected
    assert d.span(span_at(d, "on Tuesday")).rejected
    with pytest.raises(EditError, match="no event"):
        edits.delete_event(d, "E1", by=BY)


def test_a_person_mention_merged_into_another_label_leaves_its_person() -> None:
    """Found by the property test: "Kim" (ORG) merged with "Kim" (PERSON) keeps the ORG
    label, so the span is nobody's mention any more (its person, with no mention left, goes);
    relabelled PERSON it then makes one person, and deleting it leaves nothing dangling."""
    a = Annotation("Kim Kim")
    b = done(a, edits.add_span(a, 4, 7, "PERSON", by=BY))
    c = done(b, edits.add_span(b, 0, 3, "ORG", by=BY))
    org = span_at(c, "Kim", "ORG")
    person_span = next(s.id for s in c.spans if s.label == "PERSON")
    d = done(c, edits.merge_spans(c, org, person_span, by=BY))
    assert [s.label for s in d.spans] == ["ORG"] and d.people == ()
    e = done(d, edits.relabel_span(d, org, "PERSON", by=BY))
    assert [p.mentions for p in e.people] == [(org,)]
    f = done(e, edits.delete_span(e, org, by=BY))
    assert f.people == () and f.problems() == []
