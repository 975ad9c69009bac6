"""Random edits for the property tests: every public edit as an operation on drawn input."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from annotate import edits
from annotate.edits import EditError, Patch, diff
from annotate.labels import default_config
from annotate.model import MODALITIES, Annotation
from annotate.tokens import token_spans
from tests.annotate.edit_helpers import BY

EVENT_TYPES = default_config().event_type_names()

LABELS = ("PERSON", "PERSON", "ORG", "GPE", "DATE", "NORP", "TIME_EXPR", "PLACE")
PARTS = ("agent", "patient", "recipient")
WORDS = ("Kim", "Putin", "met", "in", "Moscow", "the", "Foreign", "Ministry", "said", "on", "May")
PUNCT = (" ", " ", " ", ", ", ". ", "-", "’s ", "\n")

Op = Callable[[Annotation, st.DataObject], Patch]


def _range(a: Annotation, data: st.DataObject) -> tuple[int, int]:
    tokens = token_spans(a.text)
    i = data.draw(st.integers(0, len(tokens) - 1))
    j = data.draw(st.integers(i, min(len(tokens) - 1, i + 3)))
    return tokens[i][0], tokens[j][1]


def _id(items: tuple[Any, ...], data: st.DataObject) -> str:
    if not items:
        raise EditError("nothing to pick")
    return data.draw(st.sampled_from([item.id for item in items]))


def _live(a: Annotation, data: st.DataObject, layer: str | None = None) -> str:
    return _id(tuple(a.live_spans(layer)), data)  # type: ignore[arg-type]


def _person_span(a: Annotation, data: st.DataObject) -> str:
    return _id(tuple(s for s in a.live_spans("entity") if s.label == "PERSON"), data)


def _any_span(a: Annotation, data: st.DataObject) -> str:
    return _id(a.spans, data)


def _person_or_none(a: Annotation, data: st.DataObject) -> str | None:
    return data.draw(st.none() | st.sampled_from([p.id for p in a.people] or [None]))


OPS: dict[str, Op] = {
    "add_span": lambda a, d: edits.add_span(
        a, *_range(a, d), d.draw(st.sampled_from(LABELS)), by=BY, person_id=_person_or_none(a, d)
    ),
    "relabel_span": lambda a, d: edits.relabel_span(
        a, _live(a, d, "entity"), d.draw(st.sampled_from(LABELS)), by=BY
    ),
    "resize_span": lambda a, d: edits.resize_span(a, _live(a, d), *_range(a, d), by=BY),
    "grow_start": lambda a, d: edits.grow_start(a, _live(a, d), by=BY),
    "shrink_start": lambda a, d: edits.shrink_start(a, _live(a, d), by=BY),
    "grow_end": lambda a, d: edits.grow_end(a, _live(a, d), by=BY),
    "shrink_end": lambda a, d: edits.shrink_end(a, _live(a, d), by=BY),
    "split_span": lambda a, d: _split(a, d),
    "merge_spans": lambda a, d: _merge(a, d),
    "delete_span": lambda a, d: edits.delete_span(a, _live(a, d), by=BY),
    "reject_span": lambda a, d: edits.reject_span(a, _live(a, d), by=BY),
    "accept_span": lambda a, d: edits.accept_span(a, _any_span(a, d), by=BY),
    "accept_all": lambda a, d: edits.accept_all(a, by=BY),
    "merge_people": lambda a, d: edits.merge_people(a, _id(a.people, d), _id(a.people, d), by=BY),
    "move_mention": lambda a, d: edits.move_mention(
        a, _person_span(a, d), _person_or_none(a, d), by=BY
    ),
    "rename_person": lambda a, d: edits.rename_person(
        a, _id(a.people, d), d.draw(st.sampled_from(WORDS)), by=BY
    ),
    "delete_person": lambda a, d: edits.delete_person(a, _id(a.people, d), by=BY),
    "link_role": lambda a, d: edits.link_role(a, *_range(a, d), _id(a.people, d), by=BY),
    "relink_role": lambda a, d: edits.relink_role(a, _id(a.roles, d), _id(a.people, d), by=BY),
    "delete_role": lambda a, d: edits.delete_role(a, _id(a.roles, d), by=BY),
    "create_event": lambda a, d: edits.create_event(
        a, *_range(a, d), d.draw(st.sampled_from(EVENT_TYPES)), by=BY
    ),
    "set_event_type": lambda a, d: edits.set_event_type(
        a, _id(a.events, d), d.draw(st.sampled_from(EVENT_TYPES)), by=BY
    ),
    "add_event_mention": lambda a, d: edits.add_event_mention(
        a, _id(a.events, d), *_range(a, d), by=BY
    ),
    "set_modality": lambda a, d: edits.set_modality(
        a, _id(a.events, d), d.draw(st.sampled_from(MODALITIES)), by=BY
    ),
    "add_participant": lambda a, d: edits.add_participant(
        a, _id(a.events, d), _id(a.people, d), d.draw(st.sampled_from(PARTS)), by=BY
    ),
    "remove_participant": lambda a, d: _remove_participant(a, d),
    "add_argument": lambda a, d: edits.add_argument(
        a, _id(a.events, d), _live(a, d, "entity"), d.draw(st.sampled_from(PARTS)), by=BY
    ),
    "add_phrase_argument": lambda a, d: edits.add_phrase_argument(
        a, _id(a.events, d), *_range(a, d), d.draw(st.sampled_from(PARTS)), by=BY
    ),
    "remove_argument": lambda a, d: _remove_argument(a, d),
    "set_time": lambda a, d: _set_where(edits.set_time, a, d),
    "set_place": lambda a, d: _set_where(edits.set_place, a, d),
    "delete_event": lambda a, d: edits.delete_event(a, _id(a.events, d), by=BY),
}


def _split(a: Annotation, data: st.DataObject) -> Patch:
    span = a.span(_live(a, data))
    at = data.draw(st.integers(span.start, span.end))
    return edits.split_span(a, span.id, at, by=BY)


def _merge(a: Annotation, data: st.DataObject) -> Patch:
    first = a.span(_live(a, data))
    later = [s.id for s in a.live_spans(first.layer) if s.start >= first.end][:2]
    second = data.draw(st.sampled_from(later)) if later else _live(a, data)
    return edits.merge_spans(a, first.id, second, by=BY)


def _remove_participant(a: Annotation, data: st.DataObject) -> Patch:
    event = a.event(_id(a.events, data))
    if not event.participants:
        raise EditError("no participant")
    gone = data.draw(st.sampled_from(event.participants))
    return edits.remove_participant(a, event.id, gone.person, gone.part, by=BY)


def _remove_argument(a: Annotation, data: st.DataObject) -> Patch:
    event = a.event(_id(a.events, data))
    if not event.arguments:
        raise EditError("no argument")
    gone = data.draw(st.sampled_from(event.arguments))
    return edits.remove_argument(a, event.id, gone.span, gone.part, by=BY)


def _set_where(op: Callable[..., Patch], a: Annotation, data: st.DataObject) -> Patch:
    event_id = _id(a.events, data)
    if data.draw(st.booleans()):
        return op(a, event_id, None, None, by=BY)
    return op(a, event_id, *_range(a, data), by=BY)


def check_step(before: Annotation, patch: Patch) -> Annotation:
    """Apply a patch and check every invariant; return the new annotation."""
    after = patch.apply(before)
    assert after.problems() == []
    assert patch.inverse().apply(after) == before
    assert patch.inverse().inverse() == patch
    assert Patch.from_dict(json.loads(json.dumps(patch.to_dict()))) == patch
    assert set(diff(before, after, "d").changes) == set(patch.changes)
    assert patch.description and "\n" not in patch.description
    keys = [s.key() for s in after.spans]
    assert len(keys) == len(set(keys))
    for change in patch.changes:
        if change.after is not None:
            assert change.after.provenance.source == "human"
    return after


def run_ops(
    start: Annotation,
    data: st.DataObject,
    steps: int,
    check: Callable[[Annotation, Patch], Annotation] = check_step,
) -> Annotation:
    """Run random edits, each checked by ``check`` (which returns the annotation after
    it); return the result."""
    annotation = start
    for _ in range(steps):
        name = data.draw(st.sampled_from(sorted(OPS)), label="op")
        try:
            patch = OPS[name](annotation, data)
        except EditError:
            continue
        annotation = check(annotation, patch)
    return annotation


FAST = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
"""Hypothesis's own default of 100 examples (each a run of up to 10 edits), no deadline."""


texts = st.lists(
    st.tuples(st.sampled_from(WORDS), st.sampled_from(PUNCT)), min_size=2, max_size=14
).map(lambda pairs: "".join(w + p for w, p in pairs).strip())
