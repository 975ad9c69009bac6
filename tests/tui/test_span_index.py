"""The span index below Textual: checked against a naive model through runs of edits."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.model import Provenance, Span
from tui.span_index import Drawn, SpanIndex

LENGTH = 40
LABELS = ("PERSON", "ORG", "ROLE", "TRIGGER")
RANK = {"ROLE": 1, "TRIGGER": 2, "PERSON": 3, "ORG": 3}
ENTITY_RANK = 3
REJECTED = Provenance(source="human", state="rejected")


def naive_drawn(spans: list[Span]) -> list[Drawn]:
    """The drawn spans as the index should hold them, found the slow way."""
    drawn = [
        Drawn(s.start, s.end, RANK[s.label], s.label, s.id, s.provenance.state == "suggested")
        for s in spans
        if not s.rejected and 0 <= s.start < s.end <= LENGTH
    ]
    return sorted(drawn, key=lambda d: (d.start, d.end, d.label, d.id))


def check(index: SpanIndex, spans: list[Span]) -> None:
    drawn = naive_drawn(spans)
    assert list(index.drawn) == drawn
    whole = (0, LENGTH + 1)
    assert sorted(s.id for s in index.rejected_overlapping(*whole)) == sorted(
        s.id for s in spans if s.rejected and 0 <= s.start < s.end <= LENGTH
    )
    assert index.labels == {d.label for d in drawn}
    starts = sorted({d.start for d in drawn if d.rank == ENTITY_RANK})
    assert list(index.entity_starts) == starts
    for offset in range(-1, LENGTH + 2):
        assert index.ids_at(offset) == tuple(d.id for d in drawn if d.start <= offset < d.end)
        after = [start for start in starts if start > offset]
        before = [start for start in starts if start < offset]
        assert index.entity_start_after(offset) == (after[0] if after else None)
        assert index.entity_start_before(offset) == (before[-1] if before else None)
    for start in range(0, LENGTH, 7):
        end = start + 5
        assert index.overlapping(start, end) == [
            d for d in drawn if d.start < end and d.end > start
        ]


@st.composite
def a_span(draw: st.DrawFn, span_id: str) -> Span:
    start = draw(st.integers(min_value=-2, max_value=LENGTH))
    end = draw(st.integers(min_value=start, max_value=LENGTH + 3))
    provenance = draw(st.sampled_from([REJECTED, Provenance(), Provenance(state="accepted")]))
    return Span(span_id, start, end, draw(st.sampled_from(LABELS)), provenance)


@st.composite
def edits(draw: st.DrawFn) -> list[list[Span]]:
    """A first list of spans, then lists that keep most objects and change, drop or add some."""
    count = draw(st.integers(min_value=0, max_value=12))
    current = [draw(a_span(f"T{n}")) for n in range(count)]
    rounds = [current]
    next_id = count
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        following: list[Span] = []
        for span in current:
            what = draw(st.sampled_from(("keep", "keep", "keep", "copy", "change", "drop")))
            if what == "keep":
                following.append(span)
            elif what == "copy":  # equal but another object
                following.append(replace(span))
            elif what == "change":
                following.append(draw(a_span(span.id)))
        for _ in range(draw(st.integers(min_value=0, max_value=2))):
            following.append(draw(a_span(f"T{next_id}")))
            next_id += 1
        rounds.append(following)
        current = following
    return rounds


@settings(max_examples=300, deadline=None)
@given(edits())
def test_index_matches_the_naive_model_through_edits(rounds: list[list[Span]]) -> None:
    index = SpanIndex(LENGTH, RANK.__getitem__, ENTITY_RANK)
    previous: list[Drawn] = []
    for spans in rounds:
        change = index.set_spans(spans)
        check(index, spans)
        drawn = naive_drawn(spans)
        if not change.rebuilt:  # every drawn span that came, went or moved is to be redrawn
            before, after = set(previous), set(drawn)
            for moved in before ^ after:
                assert (moved.start, moved.end) in change.ranges
                assert moved.id in change.touched
        previous = drawn


def test_unchanged_spans_change_nothing() -> None:
    spans = [Span(f"T{n}", n, n + 2, "PERSON") for n in range(0, 30, 3)]
    index = SpanIndex(LENGTH, RANK.__getitem__, ENTITY_RANK)
    assert index.set_spans(spans).rebuilt
    again = index.set_spans([replace(span) for span in spans])
    assert not again.rebuilt and again.ranges == [] and again.touched == frozenset()


def test_one_edit_among_many_is_an_update_of_its_ranges() -> None:
    spans = [Span(f"T{n}", n, n + 2, "PERSON") for n in range(0, 30, 3)]
    index = SpanIndex(LENGTH, RANK.__getitem__, ENTITY_RANK)
    index.set_spans(spans)
    moved = replace(spans[2], start=7, end=9, label="ORG")
    change = index.set_spans([*spans[:2], moved, *spans[3:]])
    assert not change.rebuilt
    assert sorted(change.ranges) == [(6, 8), (7, 9)]
    assert change.touched == {"T6"}
    assert index.ids_at(8) == ("T6",)
