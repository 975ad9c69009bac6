"""Apply a patch to a large annotation in time proportional to the patch, checked locally.

:meth:`Patch.apply <annotate.edits.Patch.apply>` rebuilds the whole
:class:`~annotate.model.Annotation` (every collection sorted again) and
:meth:`Annotation.problems` walks all of it: milliseconds each on an article of thousands of
spans. :func:`apply_checked` gives the same result: it moves only the changed items into
place (each collection keeps its canonical order) and checks only what the patch can have
broken, given an annotation without problems to start from. It is exact: the result equals
``patch.apply(annotation)``, and it raises :class:`~annotate.edits.EditConflict` exactly when
``patch.apply`` raises or the result has problems (tests/store/test_fast_apply.py checks both
against the slow path); errors are reported with the slow path's own messages.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable, Iterable, Mapping
from dataclasses import fields
from typing import Any

from annotate.edits import EditConflict, Patch
from annotate.model import (
    Annotation,
    Event,
    Person,
    Role,
    Span,
    person_order,
    ref_order,
    span_order,
)

Pools = dict[str, dict[str, Any]]
"""Items of an annotation by kind and id."""

_FAST = {f.name for f in fields(Annotation)} == {
    "text",
    "spans",
    "people",
    "roles",
    "events",
    "model",
    "_span_index",
}
"""The fast path builds an Annotation field by field: only while its fields are these."""
_set = object.__setattr__


def pools_of(annotation: Annotation) -> Pools:
    """Return the items of ``annotation`` by kind and id (the span pool is its own index)."""
    return {
        "spans": annotation._span_index,
        "people": {p.id: p for p in annotation.people},
        "roles": {r.id: r for r in annotation.roles},
        "events": {e.id: e for e in annotation.events},
    }


def slow_apply(patch: Patch, current: Annotation) -> Annotation:
    """Return ``patch.apply(current)``; :class:`EditConflict` naming the first problem of the
    result when it is inconsistent."""
    new = patch.apply(current)
    problems = new.problems()
    if problems:
        raise EditConflict(f"the edit no longer fits the annotation: {problems[0]}")
    return new


def apply_checked(
    patch: Patch, current: Annotation, pools: Pools | None = None
) -> tuple[Annotation, Pools]:
    """Return ``patch`` applied to ``current`` (which must have no problems) and its pools.

    Raises :class:`EditConflict` when a ``before`` item is not what ``current`` holds or the
    result would be inconsistent, as :func:`slow_apply` does. ``pools`` are
    :func:`pools_of(current) <pools_of>` if the caller kept them.
    """
    pools = pools_of(current) if pools is None else pools
    if not _FAST:
        new = slow_apply(patch, current)
        return new, pools_of(new)
    for change in patch.changes:
        if pools[change.kind].get(change.id) != change.before:
            slow_apply(patch, current)  # raises with Patch.apply's message
    if not patch.changes:
        return current, pools
    new_pools = {kind: dict(pool) for kind, pool in pools.items()}
    changed: dict[str, dict[str, tuple[Any, Any]]] = {k: {} for k in new_pools}
    for change in patch.changes:
        pool = new_pools[change.kind]
        if change.after is None:
            del pool[change.id]
        else:
            pool[change.id] = change.after
        changed[change.kind][change.id] = (change.before, change.after)
    index: dict[str, Span] = new_pools["spans"]
    spans = _moved_spans(current.spans, changed["spans"])
    if not _fits(current.text, spans, new_pools, changed):
        slow_apply(patch, current)  # raises naming the problem
        raise AssertionError("fast check and problems() disagree")  # pragma: no cover
    moved = {
        sid
        for sid, (old, new) in changed["spans"].items()
        if old is None or new is None or old.start != new.start or old.rejected != new.rejected
    }
    annotation = object.__new__(Annotation)
    _set(annotation, "text", current.text)
    _set(annotation, "spans", spans)
    _set(annotation, "_span_index", index)
    _set(
        annotation,
        "people",
        _reordered(
            current.people,
            new_pools["people"],
            changed["people"],
            moved,
            _person_refs,
            person_order(index),
        ),
    )
    _set(
        annotation,
        "roles",
        _reordered(
            current.roles,
            new_pools["roles"],
            changed["roles"],
            moved,
            lambda r: (r.span,),
            ref_order(index, "span"),
        ),
    )
    _set(
        annotation,
        "events",
        _reordered(
            current.events,
            new_pools["events"],
            changed["events"],
            moved,
            lambda e: (e.trigger,),
            ref_order(index, "trigger"),
        ),
    )
    _set(annotation, "model", current.model)
    return annotation, new_pools


def _moved_spans(
    spans: tuple[Span, ...], changed: Mapping[str, tuple[Any, Any]]
) -> tuple[Span, ...]:
    """Return ``spans`` (sorted) with the changed spans taken out and put back in order."""
    if not changed:
        return spans
    items = list(spans)
    for old, _ in changed.values():
        if old is not None:
            at = bisect_left(items, span_order(old), key=span_order)
            assert items[at] is old or items[at] == old
            del items[at]
    for _, new in changed.values():
        if new is not None:
            insort(items, new, key=span_order)
    return tuple(items)


def _person_refs(person: Person) -> Iterable[str]:
    return person.mentions


def _reordered(
    items: tuple[Any, ...],
    pool: Mapping[str, Any],
    changed: Mapping[str, tuple[Any, Any]],
    moved: set[str],
    refs: Callable[[Any], Iterable[str]],
    key: Callable[[Any], Any],
) -> tuple[Any, ...]:
    """Return ``items`` in canonical order after a patch: the items it changed, and those whose
    sort key depends on a span whose start or state changed, are taken out and put back."""
    affected = set(changed)
    if moved:
        affected.update(item.id for item in items if not moved.isdisjoint(refs(item)))
    if not affected:
        return items
    kept = [item for item in items if item.id not in affected]
    for item_id in sorted(affected):
        item = pool.get(item_id)
        if item is not None:
            insort(kept, item, key=key)
    return tuple(kept)


def _fits(
    text: str,
    spans: tuple[Span, ...],
    pools: Pools,
    changed: Mapping[str, Mapping[str, tuple[Any, Any]]],
) -> bool:
    """Return True when the patched annotation has no problems, given that the one before had
    none: only the changed items, and references to removed ones, can be wrong."""
    size = len(text)
    index: Mapping[str, Span] = pools["spans"]
    for span in (new for _, new in changed["spans"].values() if new is not None):
        if not (0 <= span.start < span.end <= size):
            return False
        at = bisect_left(spans, span_order(span), key=span_order)
        key = span.key()
        neighbours = spans[max(at - 1, 0) : at] + spans[at + 1 : at + 2]
        if any(other.key() == key for other in neighbours):
            return False
    people = pools["people"]
    for _, (_, person) in changed["people"].items():
        if person is not None and any(m not in index for m in person.mentions):
            return False
    for _, (_, role) in changed["roles"].items():
        if role is not None and (role.span not in index or role.person not in people):
            return False
    for _, (_, event) in changed["events"].items():
        if event is not None and not _event_fits(event, index, people):
            return False
    gone_spans = {sid for sid, (_, new) in changed["spans"].items() if new is None}
    gone_people = {pid for pid, (_, new) in changed["people"].items() if new is None}
    if gone_spans:
        if any(not gone_spans.isdisjoint(p.mentions) for p in people.values()):
            return False
        if any(r.span in gone_spans for r in pools["roles"].values()):
            return False
    if gone_spans or gone_people:
        for event in pools["events"].values():
            if not _event_fits(event, index, people):
                return False
        if any(r.person in gone_people for r in pools["roles"].values()):
            return False
    return True


def _event_fits(event: Event, index: Mapping[str, Span], people: Mapping[str, Person]) -> bool:
    refs = [*event.triggers, event.time, event.place, *(a.span for a in event.arguments)]
    return all(r is None or r in index for r in refs) and all(
        p.person in people for p in event.participants
    )


__all__ = ["Pools", "Role", "apply_checked", "pools_of", "slow_apply"]
