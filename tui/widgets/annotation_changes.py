"""What an edit changed between two annotations of one text, for redrawing only that.

After an edit the store hands back a new :class:`~annotate.model.Annotation` that holds the
very same item objects for everything the edit did not touch, so the changed items are found
by identity (then equality, for items read afresh) in one pass, without a full comparison.
The side panels use it to skip the lists an edit cannot have changed: a relabelled place
rebuilds no row of People, Roles or Events.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotate.model import Annotation


@dataclass(frozen=True, slots=True)
class AnnotationChange:
    """What differs between an annotation shown before and the one shown now."""

    spans: frozenset[str]
    """Ids of the spans added, removed or changed."""
    people: bool
    """Some person was added, removed or changed."""
    names: bool
    """Some person kept their id and changed name: rows naming people may change (a person
    added or dropped changes only rows whose own items change too)."""
    roles: bool
    """Some role was added, removed or changed."""
    events: bool
    """Some event was added, removed or changed."""


def annotation_change(before: Annotation, after: Annotation) -> AnnotationChange:
    """Return what differs from ``before`` to ``after`` (two annotations of one text)."""
    spans = frozenset() if before.spans == after.spans else changed_spans(before, after)
    people = before.people != after.people
    names = people and _renamed(before, after)
    return AnnotationChange(
        spans=spans,
        people=people,
        names=names,
        roles=before.roles != after.roles,
        events=before.events != after.events,
    )


def changed_spans(before: Annotation, after: Annotation) -> frozenset[str]:
    """Return the ids of the spans added, removed or changed from ``before`` to ``after``."""
    get = before.get_span
    ids = {span.id for span in after.spans if get(span.id) is not span and get(span.id) != span}
    added = sum(1 for span_id in ids if get(span_id) is None)
    if len(after.spans) - added != len(before.spans):  # some spans are gone
        ids.update(span.id for span in before.spans if after.get_span(span.id) is None)
    return frozenset(ids)


def _renamed(before: Annotation, after: Annotation) -> bool:
    """True when some person is in both annotations under different names."""
    names = {person.id: person.name for person in before.people}
    return any(names.get(person.id, person.name) != person.name for person in after.people)
