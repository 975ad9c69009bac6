"""The annotation model: look-ups, checks and the dict round trip."""

from __future__ import annotations

import pytest

from annotate.model import (
    Annotation,
    Event,
    ModelError,
    Participant,
    Person,
    Role,
    Span,
    layer_of,
)
from tests.annotate.conftest import TEXT, shoigu_visit


def test_lookups_follow_ids() -> None:
    ann = shoigu_visit()
    assert ann.span_text("T2") == "Sergei Shoigu"
    assert ann.person("P2").name == "Kim"
    assert [r.id for r in ann.roles_of("P1")] == ["R1"]
    assert [e.id for e in ann.events_of("P2")] == ["E1"]
    assert ann.person_of_span("T4") == ann.person("P2")
    assert ann.person_of_span("T5") is None
    with pytest.raises(KeyError):
        ann.person("P9")


def test_rejected_spans_are_kept_but_not_live() -> None:
    ann = shoigu_visit()
    assert "T7" in {s.id for s in ann.spans}
    assert [s.text_in(TEXT) for s in ann.entities()] == [
        "Sergei Shoigu",
        "Kim",
        "Pyongyang",
        "July",
    ]
    assert [s.id for s in ann.live_spans("role")] == ["T1"]


def test_layers_by_label() -> None:
    assert layer_of("PERSON") == "entity"
    assert layer_of("ROLE") == "role"
    assert layer_of("TRIGGER") == "event"
    assert layer_of("EVENT") == "entity"
    assert layer_of("PLACE") == "argument"


def test_next_id_skips_used_numbers() -> None:
    ann = shoigu_visit()
    assert ann.next_id("T") == "T8"
    assert ann.next_id("P") == "P3"
    assert ann.next_id("E") == "E2"
    assert Annotation(text="x").next_id("R") == "R1"


def test_dict_round_trip_is_exact() -> None:
    ann = shoigu_visit()
    assert Annotation.from_dict(ann.to_dict()) == ann
    without_text = ann.to_dict(include_text=False)
    assert "text" not in without_text
    assert Annotation.from_dict(without_text, text=TEXT) == ann


def test_spans_are_sorted_on_load_and_change() -> None:
    ann = shoigu_visit()
    assert [s.start for s in ann.spans] == sorted(s.start for s in ann.spans)
    changed = ann.with_changes(spans=(*ann.spans, Span("T8", 0, 7, "ORG")))
    assert changed.spans[0].id == "T8" or changed.spans[1].id == "T8"
    assert changed.span("T8").label == "ORG"


def test_problems_name_what_is_wrong() -> None:
    bad = Annotation(
        text="short",
        spans=(Span("T1", 0, 9, "PERSON"), Span("T2", 0, 2, "ORG"), Span("T3", 0, 2, "ORG")),
        people=(Person("P1", "X", ("T1", "T9")),),
        roles=(Role("R1", "T2", "P7"),),
        events=(Event("E1", "T8", "Meeting", (Participant("P5", "agent"),)),),
    )
    problems = bad.problems()
    assert "span T1 has offsets 0..9 outside 0..5" in problems
    assert "span T3 duplicates another span at 0..2" in problems
    assert "person P1 mentions unknown span T9" in problems
    assert "role R1 points to unknown person P7" in problems
    assert "event E1 points to unknown span T8" in problems
    assert "event E1 has unknown participant P5" in problems
    with pytest.raises(ModelError, match="outside"):
        bad.validate()
    assert shoigu_visit().validate().problems() == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "x", "schema_version": 99}, "schema_version 99"),
        ({"spans": []}, "no text"),
        ({"text": "x", "spans": [{"id": "T1"}]}, "missing or malformed"),
        (
            {
                "text": "abc",
                "spans": [
                    {
                        "id": "T1",
                        "start": 0,
                        "end": 1,
                        "label": "X",
                        "provenance": {"source": "robot"},
                    }
                ],
            },
            "source must be",
        ),
    ],
)
def test_from_dict_rejects_bad_input(data: dict, message: str) -> None:
    with pytest.raises(ModelError, match=message):
        Annotation.from_dict(data)
