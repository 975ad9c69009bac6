"""Annotations and file snapshots shared by the store tests and their worker processes."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from annotate.contract import from_contract
from annotate.model import Annotation, Event, Participant, Person, Provenance, Span
from tests.offsets import at

if TYPE_CHECKING:
    from store import Store

SEED = Path(__file__).resolve().parents[2] / "seeds" / "kim-putin-cosmodrome.txt"
"""The seed article shipped with annotui."""


def human_seed_annotation(text: str) -> Annotation:
    """Return a small human annotation of the seed article, built from a contract object."""
    kim, putin = at(text, "Kim Jong Un"), at(text, "Vladimir Putin")
    return from_contract(
        {
            "text": text,
            "entities": [
                {**kim, "label": "PERSON"},
                {**putin, "label": "PERSON"},
                {**at(text, "Russia"), "label": "GPE"},
            ],
            "people": [
                {
                    "id": "P1",
                    "name": "Kim Jong Un",
                    "mentions": [kim, at(text, "Kim", 1)],
                    "roles": [{"title": "North Korean leader", **at(text, "North Korean leader")}],
                },
                {
                    "id": "P2",
                    "name": "Vladimir Putin",
                    "mentions": [putin, at(text, "Putin", 1)],
                    "roles": [{"title": "Russian President", **at(text, "Russian President")}],
                },
            ],
            "events": [
                {
                    "id": "E1",
                    "trigger": "arrived",
                    **at(text, "arrived"),
                    "type": "Movement",
                    "participants": [{"person": "P1", "role": "agent"}],
                    "place": {"text": "a cosmodrome", **at(text, "a cosmodrome")},
                },
                {
                    "id": "E2",
                    "trigger": "welcomed",
                    **at(text, "welcomed"),
                    "type": "Meeting",
                    "participants": [
                        {"person": "P2", "role": "agent"},
                        {"person": "P1", "role": "patient"},
                    ],
                },
            ],
        }
    )


def small_annotation(text: str, *, people: int = 2, events: int = 1) -> Annotation:
    """Return a hand-built annotation of a text containing "Alice Smith met Bob Jones".

    ``people`` of the two are live; the others have only rejected mentions.
    """
    human = Provenance(source="human", annotator="tester", state="accepted")
    rejected = Provenance(source="model", state="rejected")
    alice, bob, met = at(text, "Alice Smith"), at(text, "Bob Jones"), at(text, "met")
    spans = (
        Span("T1", alice["start"], alice["end"], "PERSON", human if people >= 1 else rejected),
        Span("T2", met["start"], met["end"], "TRIGGER", human),
        Span("T3", bob["start"], bob["end"], "PERSON", human if people >= 2 else rejected),
    )
    return Annotation(
        text=text,
        spans=spans,
        people=(Person("P1", "Alice Smith", ("T1",), human), Person("P2", "Bob Jones", ("T3",))),
        events=tuple(
            Event(f"E{i + 1}", "T2", "Meeting", (Participant("P1", "agent"),), provenance=human)
            for i in range(events)
        ),
        model="en_core_web_sm",
    ).validate()


def tree_snapshot(folder: Path) -> dict[str, bytes]:
    """Return every file under ``folder`` (the lock file aside) with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def import_command(corpus: Path, store: Path) -> list[str]:
    """The ``annotui import`` command of ``corpus`` into ``store``, as a user runs it."""
    return [sys.executable, "-m", "tui", "import", str(corpus), "--store", str(store)]


KILLS_ENV = "ANNOTUI_KILLS"
"""Sets how many times each kill test kills its writer (tests/README.md: the longer run)."""


def kills(default: int) -> int:
    """Return how many kills a kill test makes: ``$ANNOTUI_KILLS``, else ``default``."""
    return int(os.environ.get(KILLS_ENV) or default)


def human(name: str = "ann") -> Provenance:
    """Provenance of an edit by ``name``, as the app builds it."""
    return Provenance(source="human", annotator=name, time="2024-05-01T10:00:00Z", state="accepted")


def span_of(annotation: Annotation, phrase: str, label: str | None = None) -> Span:
    """Return the live span covering exactly ``phrase`` (with ``label`` when given)."""
    return next(
        s
        for s in annotation.spans
        if s.text_in(annotation.text) == phrase and not s.rejected and label in (None, s.label)
    )


def add_reviewed_seed(store: Store) -> tuple[str, Annotation]:
    """Add the seed article with :func:`human_seed_annotation`, reviewed; return its id and
    the annotation."""
    text = SEED.read_text(encoding="utf-8")
    article_id = store.add_article(text, source="seeds/kim-putin-cosmodrome.txt")
    annotation = human_seed_annotation(text)
    store.save_annotation(article_id, annotation)
    store.set_status(article_id, "reviewed")
    return article_id, annotation


def add_seed_with_told_event(store: Store, modality: str) -> tuple[str, Annotation, Event]:
    """Add the seed, reviewed, with its first event given ``modality`` and a later mention
    ("talks"); return the article id, the annotation and that event."""
    from dataclasses import replace

    text = SEED.read_text(encoding="utf-8")
    article_id = store.add_article(text, source="seeds/kim-putin-cosmodrome.txt")
    seed = human_seed_annotation(text)
    first = seed.events[0]
    start = text.index("talks")
    talks = Span("Tx", start, start + 5, "TRIGGER", first.provenance)
    told = replace(first, modality=modality, mentions=(talks.id,))
    annotation = replace(seed, spans=(*seed.spans, talks), events=(told, *seed.events[1:]))
    store.save_annotation(article_id, annotation)
    store.set_status(article_id, "reviewed")
    return article_id, annotation, told
