"""An event's modality and its later mentions: stored, exchanged, and kept whole by edits."""

from __future__ import annotations

import pytest

from annotate.contract import from_contract, to_contract
from annotate.edits import delete_event, delete_span
from annotate.model import Annotation, Event, ModelError, Provenance, Span
from store.annotation_json import decode_annotation

TEXT = "Kim met Putin on Monday. The meeting lasted an hour. The talks went well."
ANA = Provenance(source="human", annotator="ana", state="accepted")


def _annotation() -> Annotation:
    met = Span("T1", TEXT.index("met"), TEXT.index("met") + 3, "TRIGGER")
    meeting = Span("T2", TEXT.index("meeting"), TEXT.index("meeting") + 7, "TRIGGER")
    talks = Span("T3", TEXT.index("talks"), TEXT.index("talks") + 5, "TRIGGER")
    event = Event("E1", "T1", "Meet", mentions=("T2", "T3"), modality="asserted")
    doubt = Event("E2", "T3", "Meet", modality="hypothetical")
    return Annotation(TEXT, (met, meeting, talks), events=(event, doubt))


def test_the_store_form_keeps_modality_and_mentions_and_omits_the_defaults() -> None:
    annotation = _annotation()
    first, second = (event.to_dict() for event in annotation.events)
    assert first["mentions"] == ["T2", "T3"] and "modality" not in first
    assert second["modality"] == "hypothetical" and "mentions" not in second
    data = annotation.to_dict()
    assert Annotation.from_dict(data, text=TEXT) == annotation
    assert decode_annotation(data, TEXT) == annotation  # the store's fast reader
    assert annotation.events[0].triggers == ("T1", "T2", "T3")


def test_the_contract_carries_modality_and_mentions_both_ways() -> None:
    obj = to_contract(_annotation(), "test")
    first, second = obj["events"]
    assert [m["text"] for m in first["mentions"]] == ["meeting", "talks"]
    assert second["modality"] == "hypothetical" and "mentions" not in second
    again = from_contract(obj)
    assert to_contract(again, "test") == obj
    assert again.events[0].mentions and again.events[1].modality == "hypothetical"
    obj["events"][1]["modality"] = "maybe"
    with pytest.raises(ModelError, match="modality"):
        from_contract(obj)


def test_an_unknown_mention_span_is_a_problem() -> None:
    annotation = _annotation()
    broken = Annotation(
        TEXT, annotation.spans, events=(Event("E1", "T1", "Meet", mentions=("T9",)),)
    )
    assert any("unknown span T9" in problem for problem in broken.problems())


def test_deleting_a_mention_span_drops_it_from_the_event_and_deleting_the_event_its_spans() -> None:
    annotation = _annotation()
    after = delete_span(annotation, "T2", by=ANA).apply(annotation)
    assert after.events[0].mentions == ("T3",)
    gone = delete_event(annotation, "E1", by=ANA).apply(annotation)
    rejected = [s.id for s in gone.spans if s.rejected]  # suggestions are rejected, not removed
    assert rejected == ["T1", "T2"]  # T3 is E2's trigger too: kept
