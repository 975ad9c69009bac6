"""Give the items a patch adds fresh ids when another process took theirs first.

A patch is made on the annotation a process last read; its new items get the next
free ids of *that* annotation. When another process added items in between, those
ids may be taken by the time the patch reaches the store, though nothing the patch
changes was touched: the edits are on different items and both should land. So the
store renames each added item whose id is taken to the next id free in both the
stored annotation and the patch, and rewrites the references to it inside the patch.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from annotate.edits import KINDS, Change, Item, Patch
from annotate.model import Annotation, Event, Person, Role, Span

_PREFIX = {"spans": "T", "people": "P", "roles": "R", "events": "E"}


def rebase_new_ids(patch: Patch, current: Annotation) -> Patch:
    """Return ``patch`` with added items whose ids ``current`` already uses renamed.

    The patch is returned unchanged when no added id is taken.
    """
    taken = {kind: {item.id for item in getattr(current, kind)} for kind in KINDS}
    clashes = [c for c in patch.changes if c.before is None and c.id in taken[c.kind]]
    if not clashes:
        return patch
    used = {kind: set(ids) for kind, ids in taken.items()}
    for change in patch.changes:
        used[change.kind].add(change.id)
    renames: dict[str, dict[str, str]] = {kind: {} for kind in KINDS}
    for change in clashes:
        renames[change.kind][change.id] = _fresh(_PREFIX[change.kind], used[change.kind])
    changes = tuple(
        Change(
            c.kind,
            c.before,
            None if c.after is None else _renamed(c.after, renames),
        )
        for c in patch.changes
    )
    return Patch(changes, patch.description)


def _fresh(prefix: str, used: set[str]) -> str:
    """Return the next ``prefix<n>`` id not in ``used`` (and add it there)."""
    size = len(prefix)
    numbers = [int(i[size:]) for i in used if i.startswith(prefix) and i[size:].isdigit()]
    new = f"{prefix}{max(numbers, default=0) + 1}"
    used.add(new)
    return new


def _renamed(item: Item, renames: dict[str, dict[str, str]]) -> Item:
    """Return ``item`` with its own id and its references renamed."""
    spans, people = renames["spans"], renames["people"]

    def span(ref: Any) -> Any:
        return spans.get(ref, ref) if isinstance(ref, str) else ref

    def person(ref: str) -> str:
        return people.get(ref, ref)

    if isinstance(item, Span):
        return replace(item, id=spans.get(item.id, item.id))
    if isinstance(item, Person):
        return replace(
            item,
            id=person(item.id),
            mentions=tuple(span(m) for m in item.mentions),
        )
    if isinstance(item, Role):
        return replace(
            item,
            id=renames["roles"].get(item.id, item.id),
            span=span(item.span),
            person=person(item.person),
        )
    assert isinstance(item, Event)
    return replace(
        item,
        id=renames["events"].get(item.id, item.id),
        trigger=span(item.trigger),
        mentions=tuple(span(m) for m in item.mentions),
        time=span(item.time),
        place=span(item.place),
        participants=tuple(replace(p, person=person(p.person)) for p in item.participants),
        arguments=tuple(replace(a, span=span(a.span)) for a in item.arguments),
    )
