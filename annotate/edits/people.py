"""People edits: merge two people, move a mention, rename, delete, add a mention.

Moving the last mention of a person to another person is a merge (their roles and
event participations follow the mention); moving it to a new person is refused, as
the mention already has a person of its own.
"""

from __future__ import annotations

from dataclasses import replace

from annotate.edits.core import EditError, Patch
from annotate.edits.draft import PERSON, Draft, quote
from annotate.model import Annotation, Provenance


def _merge_into(draft: Draft, keep_id: str, other_id: str) -> None:
    """Move everything of person ``other_id`` to ``keep_id`` and remove ``other_id``."""
    keep, other = draft.person(keep_id), draft.person(other_id)
    draft.remove("people", other.id)
    draft.put(
        "people",
        replace(
            keep,
            mentions=draft.sorted_mentions([*keep.mentions, *other.mentions]),
            provenance=draft.by,
        ),
    )
    held = {(r.span, r.person) for r in draft.roles()}
    for role in draft.roles():
        if role.person == other.id:
            if (role.span, keep.id) in held:
                draft.remove("roles", role.id)
            else:
                held.add((role.span, keep.id))
                draft.put("roles", replace(role, person=keep.id, provenance=draft.by))
    for event in draft.events():
        if any(p.person == other.id for p in event.participants):
            participants = tuple(
                dict.fromkeys(
                    replace(p, person=keep.id) if p.person == other.id else p
                    for p in event.participants
                )
            )
            draft.put("events", replace(event, participants=participants, provenance=draft.by))


def merge_people(annotation: Annotation, keep_id: str, other_id: str, *, by: Provenance) -> Patch:
    """Merge person ``other_id`` into ``keep_id``: mentions, roles and event parts move;
    duplicates collapse; ``keep_id``'s name stays."""
    draft = Draft(annotation, by)
    keep, other = draft.person(keep_id), draft.person(other_id)
    if keep.id == other.id:
        raise EditError("a person cannot be merged with themselves")
    _merge_into(draft, keep.id, other.id)
    return draft.patch(f"Merge {other.name} into {keep.name}")


def move_mention(
    annotation: Annotation, span_id: str, to_person_id: str | None, *, by: Provenance
) -> Patch:
    """Make a ``PERSON`` span a mention of another person, or of a new one (``None``).

    A span that was its person's last mention takes that person's roles and events along.
    """
    draft = Draft(annotation, by)
    span = draft.live_span(span_id)
    if span.label != PERSON:
        raise EditError(f"only PERSON spans mention people, not {span.label}")
    source = draft.person_of(span.id)
    text = quote(draft.covered(span))
    if to_person_id is None:
        if source is not None and not any(
            draft.is_live(m) for m in source.mentions if m != span.id
        ):
            raise EditError(f"{text} is already the only mention of {source.name}")
        if source is not None:
            draft.set_mentions(source, [m for m in source.mentions if m != span.id])
        draft.new_person(span)
        return draft.patch(f"Make {text} a new person")
    target = draft.person(to_person_id)
    if source is not None and source.id == target.id:
        raise EditError(f"{text} already mentions {target.name}")
    if source is not None and not any(draft.is_live(m) for m in source.mentions if m != span.id):
        _merge_into(draft, target.id, source.id)
    else:
        if source is not None:
            draft.set_mentions(source, [m for m in source.mentions if m != span.id])
        draft.set_mentions(target, [*target.mentions, span.id])
    return draft.patch(f"Move {text} to {target.name}")


def add_mention(annotation: Annotation, span_id: str, person_id: str, *, by: Provenance) -> Patch:
    """Make a ``PERSON`` span a mention of a person (moving it from any other person)."""
    return move_mention(annotation, span_id, person_id, by=by)


def rename_person(annotation: Annotation, person_id: str, name: str, *, by: Provenance) -> Patch:
    """Give a person a new canonical name."""
    draft = Draft(annotation, by)
    person = draft.person(person_id)
    name = " ".join(name.split())
    if not name:
        raise EditError("a person needs a name")
    if name == person.name:
        raise EditError(f"{person.name} already has that name")
    draft.put("people", replace(person, name=name, provenance=by))
    return draft.patch(f"Rename {person.name} to {name}")


def delete_person(annotation: Annotation, person_id: str, *, by: Provenance) -> Patch:
    """Delete a person with their roles and event parts; their mention spans stay."""
    draft = Draft(annotation, by)
    person = draft.person(person_id)
    draft.drop_person(person.id)
    return draft.patch(f"Delete person {person.name}")
