"""Shared fixtures data for the edit tests: the seed gold annotation and provenances."""

from __future__ import annotations

import json
from dataclasses import replace
from functools import cache
from pathlib import Path

from annotate.contract import from_contract
from annotate.model import MODEL, Annotation, Provenance
from tests.offsets import at

GOLD = (
    Path(__file__).resolve().parents[1] / "fixtures" / "gold" / "kim-putin-cosmodrome.legacy.jsonl"
)
"""The seed annotated with annotui's event types before ACE (``Meeting``...): a store made
by an older annotui, which the tests use as it is (the gold of today is the ACE one)."""
BY = Provenance(source="human", annotator="ann", time="2024-01-01T00:00:00Z", state="accepted")
"""The provenance every test edit is made with."""


@cache
def gold_object() -> dict:
    """The seed article's gold contract object."""
    return json.loads(GOLD.read_text(encoding="utf-8").splitlines()[0])


@cache
def gold(as_model: bool = False) -> Annotation:
    """The seed gold annotation, as human-accepted items or as untouched model suggestions."""
    return from_contract(gold_object(), MODEL if as_model else None)


SMALL_TEXT = (
    "Russian President Vladimir Putin welcomed Kim Jong Un in Moscow on Tuesday. "
    "Kim thanked Putin and the Foreign Ministry spokesperson."
)


def small(as_model: bool = True) -> Annotation:
    """A small article: two people with roles, one event with time and place."""
    t = SMALL_TEXT
    obj = {
        "text": t,
        "entities": [
            {**at(t, "Russian"), "label": "NORP"},
            {**at(t, "Vladimir Putin"), "label": "PERSON"},
            {**at(t, "Kim Jong Un"), "label": "PERSON"},
            {**at(t, "Moscow"), "label": "GPE"},
            {**at(t, "Tuesday"), "label": "DATE"},
            {**at(t, "Kim", 1), "label": "PERSON"},
            {**at(t, "Putin", 1), "label": "PERSON"},
            {**at(t, "Foreign Ministry"), "label": "ORG"},
        ],
        "people": [
            {
                "id": "P1",
                "name": "Vladimir Putin",
                "mentions": [at(t, "Vladimir Putin"), at(t, "Putin", 1)],
                "roles": [{"title": "Russian President", **at(t, "Russian President")}],
            },
            {
                "id": "P2",
                "name": "Kim Jong Un",
                "mentions": [at(t, "Kim Jong Un"), at(t, "Kim", 1)],
            },
        ],
        "events": [
            {
                "id": "E1",
                "trigger": "welcomed",
                **at(t, "welcomed"),
                "type": "Meeting",
                "participants": [
                    {"person": "P1", "role": "agent"},
                    {"person": "P2", "role": "patient"},
                ],
                "time": {"text": "on Tuesday", **at(t, "on Tuesday")},
                "place": {"text": "Moscow", **at(t, "Moscow")},
            }
        ],
    }
    return from_contract(obj, MODEL if as_model else None)


def span_at(annotation: Annotation, piece: str, label: str | None = None, nth: int = 0) -> str:
    """Return the id of the span covering exactly the nth occurrence of piece."""
    where = at(annotation.text, piece, nth)
    for span in annotation.spans:
        same = (span.start, span.end) == (where["start"], where["end"])
        if same and (label is None or span.label == label):
            return span.id
    raise KeyError(piece)


def with_mentions(annotation: Annotation) -> Annotation:
    """``annotation`` with every participant drawn from its person's first mention."""
    events = tuple(
        replace(
            e,
            participants=tuple(
                replace(p, mention=annotation.person(p.person).mentions[0]) for p in e.participants
            ),
        )
        for e in annotation.events
    )
    return replace(annotation, events=events).validate()
