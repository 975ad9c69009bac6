"""How an event's modality and later mentions read in the panel and the status line."""

from __future__ import annotations

from annotate.labels import default_config
from annotate.model import Annotation, Event, Span
from annotate.queries import event_spans
from tui.span_status import span_status
from tui.widgets.events_panel import event_key, events_reads

TEXT = "Kim met Putin on Monday. The meeting lasted an hour. Putin will visit Seoul."


def _annotation() -> Annotation:
    def trigger(sid: str, word: str) -> Span:
        return Span(sid, TEXT.index(word), TEXT.index(word) + len(word), "TRIGGER")

    spans = (trigger("T1", "met"), trigger("T2", "meeting"), trigger("T3", "visit"))
    events = (
        Event("E1", "T1", "Meet", mentions=("T2",)),
        Event("E2", "T3", "Transport", modality="future"),
    )
    return Annotation(TEXT, spans, events=events)


def test_the_row_says_the_modality_and_the_later_mentions() -> None:
    annotation = _annotation()
    met, visit = annotation.events
    assert event_key(annotation, met) == ("Meet", "met", (("also", "meeting"),))
    assert event_key(annotation, visit)[0] == "Transport, future"
    assert {"T1", "T2", "T3"} <= events_reads(annotation)
    assert event_spans(annotation, "E1")[:2] == ["T1", "T2"]  # both mentions light up


def test_the_status_line_names_the_event_a_later_mention_tells_again() -> None:
    annotation = _annotation()
    config = default_config()
    meeting = annotation.span("T2")
    assert span_status(annotation, meeting, config)[-1] == "told again: the Meet event “met”"
    visit = annotation.span("T3")
    assert span_status(annotation, visit, config)[-1] == "Transport event, future"
