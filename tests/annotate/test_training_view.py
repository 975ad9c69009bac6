"""What goes into training data: nothing rejected, suggestions only on request, links kept."""

from __future__ import annotations

from annotate.model import Annotation, Event, Participant, Person, Provenance, Role, Span
from annotate.training_view import training_view

TEXT = "Defense Minister Sergei Shoigu met Kim Jong Un in Pyongyang on Tuesday."
HUMAN = Provenance(source="human", annotator="ana", state="accepted")
ACCEPTED = Provenance(source="model", state="accepted")
SUGGESTED = Provenance(source="model", state="suggested")
REJECTED = Provenance(source="model", state="rejected")


def span(span_id: str, words: str, label: str, provenance: Provenance) -> Span:
    start = TEXT.index(words)
    return Span(span_id, start, start + len(words), label, provenance)


def article() -> Annotation:
    return Annotation(
        text=TEXT,
        spans=(
            span("T1", "Defense Minister", "ROLE", HUMAN),
            span("T2", "Sergei Shoigu", "PERSON", ACCEPTED),
            span("T3", "Kim Jong Un", "PERSON", REJECTED),
            span("T4", "met", "TRIGGER", HUMAN),
            span("T5", "Pyongyang", "GPE", SUGGESTED),
            span("T6", "Tuesday", "DATE", REJECTED),
        ),
        people=(Person("P1", "Sergei Shoigu", ("T2",), HUMAN), Person("P2", "Kim", ("T3",))),
        roles=(Role("R1", "T1", "P1", HUMAN),),
        events=(
            Event(
                "E1",
                "T4",
                "Meeting",
                (Participant("P1", "agent"), Participant("P2", "patient")),
                place="T5",
                time="T6",
                provenance=HUMAN,
            ),
        ),
    )


def test_rejected_items_and_every_link_to_them_are_left_out() -> None:
    view = training_view(article())
    assert [s.id for s in view.spans] == ["T1", "T2", "T4", "T5"]
    assert [p.id for p in view.people] == ["P1"], "Kim's only mention was rejected"
    (event,) = view.events
    assert event.participants == (Participant("P1", "agent"),)
    assert (event.place, event.time) == ("T5", None)
    assert view.roles == article().roles
    assert view.problems() == []


def test_without_suggestions_only_what_a_person_made_or_accepted_is_left() -> None:
    view = training_view(article(), suggestions=False)
    assert [s.id for s in view.spans] == ["T1", "T2", "T4"]
    assert view.events[0].place is None
    assert [p.id for p in view.people] == ["P1"]
    assert view.problems() == []


def test_an_annotation_with_nothing_to_leave_out_comes_back_equal() -> None:
    clean = training_view(training_view(article()))
    assert training_view(clean) == clean
