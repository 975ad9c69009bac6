"""The evaluator: scores against the hand-made gold, counts for known errors, gold-file errors."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.contract import from_contract, to_contract
from annotate.evaluate import (
    ROWS,
    Counts,
    EvaluationError,
    load_gold,
    match_gold,
    score,
    score_corpus,
)
from tests.offsets import at
from tests.script_modules import load_script

GOLD_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "gold"
GOLD_FILE = GOLD_DIR / "kim-putin-cosmodrome.jsonl"
ROOT = Path(__file__).resolve().parents[2]


def _make_gold() -> ModuleType:
    return load_script(GOLD_DIR / "make_gold.py")


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    (obj,) = load_gold(GOLD_FILE)
    return obj


# -- a small article with hand-counted errors ----------------------------------

TEXT = "Defense Minister Ann Lee met Bob Stone in Paris on Monday. Lee later thanked Stone."


def _at(word: str, n: int = 1) -> dict[str, int]:
    return at(TEXT, word, n - 1)


def _where(word: str) -> dict[str, Any]:
    return {"text": word, **_at(word)}


def _entity(word: str, label: str, n: int = 1) -> dict[str, Any]:
    return {**_at(word, n), "label": label, "text": word}


def _event(eid: str, word: str, kind: str, parts: list[tuple[str, str]], **extra: Any) -> dict:
    return {
        "id": eid,
        "trigger": word,
        **_at(word),
        "type": kind,
        "participants": [{"person": p, "role": r} for p, r in parts],
        "arguments": [],
        "time": extra.get("time"),
        "place": extra.get("place"),
    }


SMALL_GOLD: dict[str, Any] = {
    "source": "articles/small.txt",
    "text": TEXT,
    "entities": [
        _entity("Ann Lee", "PERSON"),
        _entity("Bob Stone", "PERSON"),
        _entity("Paris", "GPE"),
        _entity("Monday", "DATE"),
        _entity("Lee", "PERSON", 2),
        _entity("Stone", "PERSON", 2),
    ],
    "people": [
        {
            "id": "P1",
            "name": "Ann Lee",
            "mentions": [_at("Ann Lee"), _at("Lee", 2)],
            "roles": [{"title": "Defense Minister", **_at("Defense Minister")}],
        },
        {"id": "P2", "name": "Bob Stone", "mentions": [_at("Bob Stone"), _at("Stone", 2)]},
    ],
    "events": [
        _event(
            "E1",
            "met",
            "Meeting",
            [("P1", "participant"), ("P2", "participant")],
            place=_where("Paris"),
            time=_where("Monday"),
        ),
        _event("E2", "thanked", "Statement", [("P1", "agent"), ("P2", "recipient")]),
    ],
}

# Errors, by construction:
# - Q1 has only the first mention of Ann Lee and the title "Minister" (overlaps, not exact);
# - Q2 is Bob Stone but also claims the second "Lee"; Q3 "Paris" is no person;
# - "met" is right but has the spurious participant Q3 and lacks its time;
# - "thanked" has the wrong type; "later" is a spurious event;
# - entities: "Paris" labelled PERSON, a spurious ORG "Defense".
SMALL_PREDICTED: dict[str, Any] = {
    "source": "small.txt",
    "text": TEXT,
    "entities": [
        _entity("Defense", "ORG"),
        _entity("Ann Lee", "PERSON"),
        _entity("Bob Stone", "PERSON"),
        _entity("Paris", "PERSON"),
        _entity("Monday", "DATE"),
        _entity("Lee", "PERSON", 2),
        _entity("Stone", "PERSON", 2),
    ],
    "people": [
        {
            "id": "Q1",
            "name": "Lee",
            "mentions": [_at("Ann Lee")],
            "roles": [{"title": "Minister", **_at("Minister")}],
        },
        {
            "id": "Q2",
            "name": "Stone",
            "mentions": [_at("Bob Stone"), _at("Stone", 2), _at("Lee", 2)],
            "roles": [],
        },
        {"id": "Q3", "name": "Paris", "mentions": [_at("Paris")], "roles": []},
    ],
    "events": [
        _event(
            "F1",
            "met",
            "Meeting",
            [("Q1", "participant"), ("Q2", "participant"), ("Q3", "participant")],
            place=_where("Paris"),
        ),
        _event("F2", "thanked", "Meeting", [("Q1", "agent"), ("Q2", "recipient")]),
        _event("F3", "later", "Movement", []),
    ],
}

EXPECTED = {
    "people": Counts(tp=2, fp=1, fn=0),
    "roles": Counts(tp=0, fp=1, fn=1),
    "roles_lenient": Counts(tp=1, fp=0, fn=0),
    "events": Counts(tp=1, fp=2, fn=1),
    "events_untyped": Counts(tp=2, fp=1, fn=0),
    "participants": Counts(tp=2, fp=3, fn=2),
    "arguments": Counts(tp=1, fp=0, fn=1),
    # untyped pairs met/met and thanked/thanked: Q3 spurious, the time missed
    "event_arguments": Counts(tp=5, fp=1, fn=1),
    "modality": Counts(tp=0, fp=0, fn=0),
    "mentions": Counts(tp=4, fp=1, fn=0),
    "mentions_linked": Counts(tp=3, fp=2, fn=1),
    "entities": Counts(tp=5, fp=2, fn=1),
    "arguments:agent": Counts(tp=1, fp=0, fn=0),
    "arguments:participant": Counts(tp=2, fp=1, fn=0),
    "arguments:place": Counts(tp=1, fp=0, fn=0),
    "arguments:recipient": Counts(tp=1, fp=0, fn=0),
    "arguments:time": Counts(tp=0, fp=0, fn=1),
}


def test_hand_built_prediction_gives_the_counted_errors() -> None:
    report = score(SMALL_GOLD, SMALL_PREDICTED)
    assert dict(report.rows) == EXPECTED
    people = report["people"]
    assert people.precision == pytest.approx(2 / 3)
    assert people.recall == 1.0
    assert people.f1 == pytest.approx(0.8)
    assert report["roles"].f1 == 0.0


def test_swapping_sides_swaps_false_positives_and_negatives() -> None:
    forward = score(SMALL_GOLD, SMALL_PREDICTED)
    backward = score(SMALL_PREDICTED, SMALL_GOLD)
    for name in ROWS:
        assert (backward[name].tp, backward[name].fp, backward[name].fn) == (
            forward[name].tp,
            forward[name].fn,
            forward[name].fp,
        ), name


def test_people_match_by_normalised_name_without_shared_mentions() -> None:
    predicted = copy.deepcopy(SMALL_GOLD)
    predicted["people"][1] = {"id": "X", "name": "BOB  stone’s", "mentions": [_at("Paris")]}
    report = score(SMALL_GOLD, predicted)
    assert report["people"] == Counts(2, 0, 0)
    assert report["mentions"] == Counts(2, 1, 2)
    # The events still name P2, which is no predicted person any more: those participants miss.
    assert report["participants"] == Counts(2, 2, 2)


# -- the seed gold against itself and perturbed ---------------------------------


def test_gold_against_itself_is_perfect(gold: dict[str, Any]) -> None:
    report = score(gold, gold)
    assert list(report.rows)[: len(ROWS)] == list(ROWS)
    assert all(name.startswith("arguments:") for name in list(report.rows)[len(ROWS) :])
    for name, counts in report.rows.items():
        assert (counts.fp, counts.fn) == (0, 0), name
        assert counts.precision == counts.recall == counts.f1 == 1.0, name
    people, events = gold["people"], gold["events"]
    assert report["people"].tp == len(people)
    assert report["roles"].tp == sum(len(p["roles"]) for p in people)
    assert report["mentions_linked"].tp == sum(len(p["mentions"]) for p in people)
    assert report["events"].tp == len(events)
    assert report["participants"].tp == sum(len(e["participants"]) for e in events)
    assert report["entities"].tp == len(gold["entities"])


def test_ids_and_order_do_not_matter(gold: dict[str, Any]) -> None:
    predicted = copy.deepcopy(gold)
    rename = {p["id"]: f"person-{i}" for i, p in enumerate(reversed(predicted["people"]))}
    for person in predicted["people"]:
        person["id"] = rename[person["id"]]
    for event in predicted["events"]:
        for participant in event["participants"]:
            participant["person"] = rename[participant["person"]]
    predicted["people"].reverse()
    predicted["events"].reverse()
    report = score(gold, predicted)
    assert all(c.fp == c.fn == 0 for c in report.rows.values())


def _without(gold: dict[str, Any], people: set[int], events: set[int]) -> dict[str, Any]:
    """Return a copy of gold lacking the people and events at these indices."""
    predicted = copy.deepcopy(gold)
    dropped = {p["id"] for i, p in enumerate(predicted["people"]) if i in people}
    predicted["people"] = [p for i, p in enumerate(predicted["people"]) if i not in people]
    predicted["events"] = [e for i, e in enumerate(predicted["events"]) if i not in events]
    for event in predicted["events"]:
        event["participants"] = [p for p in event["participants"] if p["person"] not in dropped]
    return predicted


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_dropping_people_and_events_counts_as_misses(data: st.DataObject) -> None:
    (gold,) = load_gold(GOLD_FILE)
    people = data.draw(st.sets(st.integers(0, len(gold["people"]) - 1)))
    events = data.draw(st.sets(st.integers(0, len(gold["events"]) - 1)))
    report = score(gold, _without(gold, people, events))
    dropped_ids = {gold["people"][i]["id"] for i in people}
    lost_roles = sum(len(gold["people"][i]["roles"]) for i in people)
    lost_parts = sum(
        1
        for i, event in enumerate(gold["events"])
        for p in event["participants"]
        if i in events or p["person"] in dropped_ids
    )
    assert report["people"] == Counts(len(gold["people"]) - len(people), 0, len(people))
    assert report["roles"].fn == lost_roles and report["roles"].fp == 0
    assert report["events"] == Counts(len(gold["events"]) - len(events), 0, len(events))
    assert report["participants"].fn == lost_parts and report["participants"].fp == 0


def test_wrong_type_and_shifted_trigger(gold: dict[str, Any]) -> None:
    predicted = copy.deepcopy(gold)
    first, second = predicted["events"][0], predicted["events"][1]
    first["type"] = "Other"
    second["start"] -= 2  # "a meeting" instead of "meeting": still overlaps
    second["trigger"] = gold["text"][second["start"] : second["end"]]
    report = score(gold, predicted)
    assert report["events"] == Counts(len(gold["events"]) - 1, 1, 1)
    assert report["events_untyped"] == Counts(len(gold["events"]), 0, 0)
    lost = len(gold["events"][0]["participants"])
    assert report["participants"] == Counts(report["participants"].tp, lost, lost)


def test_corpus_scores_add_counts_up(gold: dict[str, Any]) -> None:
    report = score_corpus([(gold, gold), (SMALL_GOLD, SMALL_PREDICTED)])
    assert report.articles == 2
    alone = score(gold, gold)
    for name in ROWS:
        assert report[name] == alone[name] + EXPECTED[name]
    people = report["people"]
    assert people.precision == people.tp / (people.tp + people.fp)
    with pytest.raises(EvaluationError, match="no articles"):
        score_corpus([])


def test_different_texts_cannot_be_scored(gold: dict[str, Any]) -> None:
    other = dict(gold, text=gold["text"].replace("Kim", "Kin", 1))
    with pytest.raises(EvaluationError, match="differ from offset 22"):
        score(gold, other)
    assert score(gold, dict(gold, text=gold["text"] + "\n"))["people"].fn == 0


def test_malformed_prediction_is_named() -> None:
    broken = copy.deepcopy(SMALL_PREDICTED)
    del broken["people"][1]["mentions"][0]["end"]
    with pytest.raises(EvaluationError, match=r"people\[1\]\.mentions\[0\]"):
        score(SMALL_GOLD, broken)


def test_table_and_dict(gold: dict[str, Any]) -> None:
    report = score(SMALL_GOLD, SMALL_PREDICTED)
    table = report.format_table().splitlines()
    assert table[0].split() == ["tp", "fp", "fn", "precision", "recall", "f1"]
    assert [line.split()[0] for line in table[1:-1]] == list(report.rows)
    assert len({len(line) for line in table[:-1]}) == 1  # columns line up
    assert table[1].split() == ["people", "2", "1", "0", "0.667", "1.000", "0.800"]
    data = json.loads(json.dumps(report.to_dict()))
    assert data["articles"] == 1
    assert data["rows"]["roles_lenient"] == {
        "tp": 1,
        "fp": 0,
        "fn": 0,
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
    }


# -- gold files ---------------------------------------------------------------------


def test_gold_loads_in_every_layout(tmp_path: Path, gold: dict[str, Any]) -> None:
    as_list = tmp_path / "list.json"
    as_list.write_text(json.dumps([gold, SMALL_GOLD]), encoding="utf-8")
    as_object = tmp_path / "one.json"
    as_object.write_text(json.dumps(SMALL_GOLD, indent=2), encoding="utf-8")
    as_lines = tmp_path / "lines.jsonl"
    as_lines.write_text(f"{json.dumps(gold)}\n\n{json.dumps(SMALL_GOLD)}\n", encoding="utf-8")
    assert load_gold(as_list) == [gold, SMALL_GOLD]
    assert load_gold(as_object) == [SMALL_GOLD]
    assert load_gold(as_lines) == [gold, SMALL_GOLD]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", r"empty"),
        ("[]", r"gold list is empty"),
        ('{"text": "a"}\n{"text": \n', r"bad\.jsonl:2: invalid JSON"),
        ('{"text": "a" x}\n', r"bad\.jsonl:1: invalid JSON"),
        ('[{"text": "a"}, 3]', r"item 2: expected a JSON object, found int"),
        ('{"people": []}', r"bad\.jsonl:1: object has no 'text' string"),
        (
            '{"text": "ab", "people": [{"id": "P1", "name": "A",'
            ' "mentions": [{"start": 0, "end": 9}]}]}',
            r"mentions\[0\] has offsets 0\.\.9 outside the text",
        ),
        (
            '{"text": "ab", "events": [{"trigger": "a", "start": 0, "end": 1,'
            ' "participants": [{"person": "P9", "role": "agent"}]}]}',
            r"unknown participant P9",
        ),
        ('{"text": "ab", "people": [{"id": "P1", "mentions": []}]}', r"people\[0\] has no name"),
        (
            '{"text": "ab", "events": [{"trigger": "b", "start": 0, "end": 1}]}',
            r"events\[0\] says 'b' but the text at 0\.\.1 is 'a'",
        ),
        (
            '{"text": "ab", "entities": [{"text": "ab", "start": 0, "end": 1, "label": "X"}]}',
            r"entities\[0\] says 'ab' but the text at 0\.\.1 is 'a'",
        ),
    ],
)
def test_bad_gold_files_are_reported(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EvaluationError, match=message):
        load_gold(path)


def test_missing_gold_file(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match=r"cannot read gold file .*nowhere\.jsonl"):
        load_gold(tmp_path / "nowhere.jsonl")


def test_pairing_by_text_then_stem(gold: dict[str, Any]) -> None:
    by_text = dict(SMALL_GOLD, source="-")
    by_stem = dict(gold, source="/elsewhere/kim-putin-cosmodrome.json", text="changed")
    pairs = match_gold([gold, SMALL_GOLD], [by_text, by_stem])
    assert pairs == [(SMALL_GOLD, by_text), (gold, by_stem)]
    with pytest.raises(EvaluationError, match=r"no gold article matches 'other\.txt'"):
        match_gold([gold], [dict(SMALL_GOLD, source="other.txt")])
    with pytest.raises(EvaluationError, match="input #1"):
        match_gold([gold], [dict(SMALL_GOLD, source=None)])
    with pytest.raises(EvaluationError, match="match the same gold article"):
        match_gold([gold], [gold, dict(gold, source="copy.txt")])
    twins = [dict(SMALL_GOLD, text="one"), dict(SMALL_GOLD, text="two")]
    with pytest.raises(EvaluationError, match="matches 2 gold articles"):
        match_gold(twins, [SMALL_PREDICTED])


# -- the seed gold fixture itself --------------------------------------------------


def test_gold_fixture_is_the_seed_and_round_trips(gold: dict[str, Any]) -> None:
    seed = (ROOT / gold["source"]).read_text(encoding="utf-8")
    assert gold["text"] == seed
    annotation = from_contract(gold).validate()
    again = to_contract(annotation, gold["source"])
    assert again["people"] == gold["people"]
    assert again["events"] == gold["events"]
    assert again["entities"] == gold["entities"]


def test_gold_fixture_matches_the_generator_declarations(gold: dict[str, Any]) -> None:
    make_gold = _make_gold()
    text = gold["text"]
    assert make_gold.build(text) == gold, "the gold file is stale: run make_gold.py"
    people = {p["name"]: p for p in gold["people"]}
    assert list(people) == [decl.name for decl in make_gold.PEOPLE]
    for decl in make_gold.PEOPLE:
        person = people[decl.name]
        assert [text[m["start"] : m["end"]] for m in person["mentions"]] == [
            ref.text for ref in decl.mentions
        ]
        assert [text[r["start"] : r["end"]] for r in person["roles"]] == [
            ref.text for ref in decl.roles
        ]
        assert [r["title"] for r in person["roles"]] == [ref.text for ref in decl.roles]
    assert len(gold["events"]) == len(make_gold.EVENTS)
    names = {p["id"]: p["name"] for p in gold["people"]}
    for event, decl in zip(gold["events"], make_gold.EVENTS, strict=True):
        assert text[event["start"] : event["end"]] == event["trigger"] == decl.trigger.text
        assert event["type"] == decl.type
        assert [(names[p["person"]], p["role"]) for p in event["participants"]] == list(
            decl.participants
        )
        assert [(text[a["start"] : a["end"]], a["role"]) for a in event["arguments"]] == [
            (ref.text, part) for ref, part in (*decl.arguments, *decl.places)
        ]
        assert event.get("modality", "asserted") == decl.modality
        assert [m["text"] for m in event.get("mentions", [])] == [r.text for r in decl.mentions]
        for key in ("time", "place"):
            ref = getattr(decl, key)
            where = event[key]
            assert (where and text[where["start"] : where["end"]]) == (ref and ref.text)
    for entity in gold["entities"]:
        assert text[entity["start"] : entity["end"]] == entity["text"]
        assert not entity["text"].endswith("’s")


def test_a_re_mention_is_the_same_event_and_older_types_count_as_ace() -> None:
    text = "Kim met Putin. The meeting was long. Putin will visit Pyongyang."
    at = lambda word: {"start": text.index(word), "end": text.index(word) + len(word)}  # noqa: E731

    def event(eid: str, word: str, kind: str, **more: Any) -> dict[str, Any]:
        return {"id": eid, "trigger": word, **at(word), "type": kind, **more}

    gold = {
        "text": text,
        "people": [],
        "events": [
            event("E1", "met", "Meet", mentions=[{"text": "meeting", **at("meeting")}]),
            event("E2", "visit", "Transport", modality="future"),
        ],
    }
    # the pipeline made the re-mention an event of its own, with an older type name
    predicted = {
        "text": text,
        "people": [],
        "events": [
            event("F1", "met", "Meeting"),
            event("F2", "meeting", "Meet"),
            event("F3", "visit", "Transport", modality="future"),
        ],
    }
    report = score(gold, predicted)
    assert report["events"] == Counts(2, 1, 0)  # "Meeting" is Meet; the second "meeting" is extra
    assert report["modality"] == Counts(1, 0, 0)
    alone = dict(predicted, events=[predicted["events"][1], predicted["events"][2]])
    assert score(gold, alone)["events"] == Counts(2, 0, 0)  # found by its re-mention alone
