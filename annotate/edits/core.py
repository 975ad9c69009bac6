"""The core of editing: a :class:`Patch` is one user-level edit as the exact item changes it makes.

A patch lists, per changed item, what it was (``before``) and what it becomes
(``after``); ``None`` on one side means the item is added or removed. Applying
a patch checks that every ``before`` is what the annotation holds now (else
:class:`EditConflict`), so a stale patch never silently overwrites another
process's edit. Because :class:`~annotate.model.Annotation` keeps every
collection in a canonical order, ``patch.inverse().apply(patch.apply(a)) == a``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, Self, TypeAlias

from annotate.model import Annotation, Event, Person, Role, Span

ItemKind = Literal["spans", "people", "roles", "events"]
Item: TypeAlias = Span | Person | Role | Event

KINDS: tuple[ItemKind, ...] = ("spans", "people", "roles", "events")
"""Every item kind, in the order changes are listed."""

_CLASSES: dict[str, type[Span] | type[Person] | type[Role] | type[Event]] = {
    "spans": Span,
    "people": Person,
    "roles": Role,
    "events": Event,
}
_UNDO = "Undo: "


class EditError(ValueError):
    """An edit that cannot be made; the message is one line saying why."""


class EditConflict(EditError):
    """A patch whose ``before`` items are no longer what the annotation holds."""


@dataclass(frozen=True, slots=True)
class Change:
    """One item's change within a patch."""

    kind: ItemKind
    """Which collection of the annotation the item lives in."""
    before: Item | None
    """The item as it was; ``None`` when the change adds it."""
    after: Item | None
    """The item as it becomes; ``None`` when the change removes it."""

    def __post_init__(self) -> None:
        if self.kind not in _CLASSES:
            raise ValueError(f"unknown item kind {self.kind!r}")
        if self.before is None and self.after is None:
            raise ValueError("a change needs a before or an after item")
        if self.before is not None and self.after is not None and self.before.id != self.after.id:
            raise ValueError(f"a change keeps its item's id ({self.before.id} → {self.after.id})")

    @property
    def id(self) -> str:
        """Id of the changed item."""
        item = self.after if self.after is not None else self.before
        assert item is not None
        return item.id

    def inverse(self) -> Change:
        """Return the change that undoes this one."""
        return Change(self.kind, self.after, self.before)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-able form."""
        return {
            "kind": self.kind,
            "before": None if self.before is None else self.before.to_dict(),
            "after": None if self.after is None else self.after.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Build from :meth:`to_dict` output."""
        kind = data.get("kind")
        if kind not in _CLASSES:
            raise ValueError(f"unknown item kind {kind!r}")
        item_class = _CLASSES[kind]
        before, after = data.get("before"), data.get("after")
        return cls(
            kind,
            None if before is None else item_class.from_dict(before),
            None if after is None else item_class.from_dict(after),
        )


@dataclass(frozen=True, slots=True)
class Patch:
    """One user-level edit as the exact item changes it makes.

    Applying its inverse restores the annotation exactly.
    """

    changes: tuple[Change, ...]
    """The item changes, at most one per (kind, id)."""
    description: str
    """Plain text for the UI and the history ("Relabel “Kim” PERSON → ORG")."""

    def __post_init__(self) -> None:
        seen: set[tuple[str, str]] = set()
        for change in self.changes:
            key = (change.kind, change.id)
            if key in seen:
                raise ValueError(f"patch changes {change.kind} {change.id} twice")
            seen.add(key)

    def apply(self, annotation: Annotation) -> Annotation:
        """Return the annotation with the changes made.

        Raises :class:`EditConflict` if a ``before`` item is not what the annotation holds
        now (or an added item's id is already taken).
        """
        if not self.changes:
            return annotation
        pools: dict[str, dict[str, Item]] = {
            kind: {item.id: item for item in getattr(annotation, kind)} for kind in KINDS
        }
        for change in self.changes:
            pool = pools[change.kind]
            held = pool.get(change.id)
            if held != change.before:
                if change.before is None:
                    raise EditConflict(f"{change.kind} {change.id} already exists")
                if held is None:
                    raise EditConflict(f"{change.kind} {change.id} is gone")
                raise EditConflict(f"{change.kind} {change.id} was changed elsewhere")
            if change.after is None:
                del pool[change.id]
            else:
                pool[change.id] = change.after
        return Annotation(
            text=annotation.text,
            spans=tuple(pools["spans"].values()),  # type: ignore[arg-type]
            people=tuple(pools["people"].values()),  # type: ignore[arg-type]
            roles=tuple(pools["roles"].values()),  # type: ignore[arg-type]
            events=tuple(pools["events"].values()),  # type: ignore[arg-type]
            model=annotation.model,
        )

    def inverse(self) -> Patch:
        """Return the patch that undoes this one; its description is "Undo: …"."""
        if self.description.startswith(_UNDO):
            description = self.description[len(_UNDO) :]
        else:
            description = _UNDO + self.description
        return Patch(tuple(c.inverse() for c in reversed(self.changes)), description)

    def then(self, other: Patch, description: str | None = None) -> Patch:
        """Return one patch doing this one and then ``other`` (made on this one's result)."""
        merged: dict[tuple[str, str], Change] = {(c.kind, c.id): c for c in self.changes}
        for change in other.changes:
            key = (change.kind, change.id)
            first = merged.get(key)
            if first is None:
                merged[key] = change
                continue
            if first.after != change.before:
                raise EditConflict(f"{change.kind} {change.id} does not follow on")
            if first.before == change.after:
                del merged[key]
            else:
                merged[key] = Change(change.kind, first.before, change.after)
        return Patch(tuple(merged.values()), description or self.description)

    def is_empty(self) -> bool:
        """True when the patch changes nothing."""
        return not self.changes

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-able form (for the stored history)."""
        return {"description": self.description, "changes": [c.to_dict() for c in self.changes]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """Build from :meth:`to_dict` output."""
        return cls(
            tuple(Change.from_dict(c) for c in data.get("changes", ())),
            str(data.get("description", "")),
        )


def diff(before: Annotation, after: Annotation, description: str) -> Patch:
    """Return the patch that turns ``before`` into ``after``, item by item (matched by id)."""
    if before.text != after.text:
        raise EditError("cannot diff annotations of different texts")
    changes: list[Change] = []
    for kind in KINDS:
        old = {item.id: item for item in getattr(before, kind)}
        new = {item.id: item for item in getattr(after, kind)}
        for item_id in sorted(old.keys() | new.keys()):
            was, now = old.get(item_id), new.get(item_id)
            if was != now:
                changes.append(Change(kind, was, now))
    return Patch(tuple(changes), description)
