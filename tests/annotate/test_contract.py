"""The extraction contract: shape, offsets, and the round trip through the model."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from annotate.contract import from_contract, to_contract
from annotate.model import ModelError, Provenance, Span
from tests.annotate.conftest import TEXT, shoigu_visit
from tests.contract_check import contract_errors


def test_contract_shape_and_texts() -> None:
    obj = to_contract(shoigu_visit(), "visit.txt")
    assert obj["source"] == "visit.txt"
    assert obj["text"] == TEXT
    assert [e["text"] for e in obj["entities"]] == ["Sergei Shoigu", "Kim", "Pyongyang", "July"]
    shoigu = obj["people"][0]
    assert shoigu == {
        "id": "P1",
        "name": "Sergei Shoigu",
        "mentions": [{"start": 17, "end": 30}],
        "roles": [{"title": "Defense Minister", "start": 0, "end": 16}],
    }
    (event,) = obj["events"]
    assert event["trigger"] == "met"
    assert event["participants"] == [
        {"person": "P1", "role": "agent"},
        {"person": "P2", "role": "patient"},
    ]
    assert event["time"] == {"text": "July", "start": 55, "end": 59}
    assert event["place"] == {"text": "Pyongyang", "start": 42, "end": 51}
    assert event["arguments"][0]["text"] == "Pyongyang"


def test_round_trip_keeps_people_roles_and_events() -> None:
    obj = to_contract(shoigu_visit(), "visit.txt")
    again = to_contract(from_contract(obj), "visit.txt")
    assert again == obj


def test_from_contract_marks_items_human_and_accepted_by_default() -> None:
    ann = from_contract(to_contract(shoigu_visit(), None))
    assert {s.provenance.state for s in ann.spans} == {"accepted"}
    assert ann.people[0].provenance.source == "human"
    model_made = from_contract(to_contract(shoigu_visit(), None), Provenance())
    assert model_made.people[0].provenance.source == "model"


def test_rejected_mentions_leave_the_contract() -> None:
    ann = shoigu_visit()
    rejected = Span("T4", 35, 38, "PERSON", Provenance(state="rejected"))
    ann = ann.with_changes(spans=tuple(rejected if s.id == "T4" else s for s in ann.spans))
    obj = to_contract(ann, None)
    assert [p["name"] for p in obj["people"]] == ["Sergei Shoigu"]
    assert "Kim" not in [e["text"] for e in obj["entities"]]


@pytest.mark.parametrize(
    ("obj", "message"),
    [
        ({"entities": []}, "no 'text'"),
        ({"text": "abc", "entities": [{"start": 0, "end": 9, "label": "X"}]}, r"entities\[0\]"),
        (
            {"text": "abc", "people": [{"id": "P1", "mentions": [{"start": 0, "end": 1}]}]},
            "no name",
        ),
        ({"text": "abc", "events": [{"start": "a", "end": 2}]}, r"events\[0\] has no integer"),
    ],
)
def test_bad_contract_objects_are_named(obj: dict, message: str) -> None:
    with pytest.raises(ModelError, match=message):
        from_contract(obj)


def test_contract_checker_accepts_output() -> None:
    assert contract_errors(to_contract(shoigu_visit(), "visit.txt")) == []


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (lambda o: o.pop("source"), "missing source"),
        (lambda o: o["entities"][0].update(end=10**6), "entity 0: "),
        (lambda o: o["entities"][0].update(text="nothing"), "is not the text there"),
        (lambda o: o["people"][0].update(mentions=[]), "person 0: no mention"),
        (lambda o: o["events"][0].update(trigger="x"), "event 0: trigger"),
        (lambda o: o["events"][0]["participants"].append({"person": "P99"}), "is nobody"),
    ],
)
def test_contract_checker_names_each_fault(fault: Callable[[dict], object], error: str) -> None:
    obj = to_contract(shoigu_visit(), "visit.txt")
    assert obj["entities"] and obj["people"] and obj["events"]
    fault(obj)
    assert any(error in line for line in contract_errors(obj)), contract_errors(obj)
