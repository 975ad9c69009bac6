"""Role edits: link a title to a person, relink it, delete it."""

from __future__ import annotations

from dataclasses import replace

from annotate.edits.core import EditError, Patch
from annotate.edits.draft import Draft, quote
from annotate.model import ROLE_LABEL, Annotation, Provenance, Role


def link_role(
    annotation: Annotation, start: int, end: int, person_id: str, *, by: Provenance
) -> Patch:
    """Link the title at start..end to a person; the ``ROLE`` span is reused or created."""
    draft = Draft(annotation, by)
    person = draft.person(person_id)
    span, _ = draft.ensure_span(start, end, ROLE_LABEL)
    if any(r.span == span.id and r.person == person.id for r in draft.roles()):
        raise EditError(f"{person.name} already has the role {quote(draft.covered(span))}")
    draft.put("roles", Role(draft.new_id("R"), span.id, person.id, by))
    return draft.patch(f"Link role {quote(draft.covered(span))} to {person.name}")


def relink_role(annotation: Annotation, role_id: str, person_id: str, *, by: Provenance) -> Patch:
    """Give a role to another person."""
    draft = Draft(annotation, by)
    role = draft.role(role_id)
    person = draft.person(person_id)
    title = quote(draft.covered(draft.span(role.span)))
    if role.person == person.id:
        raise EditError(f"{title} is already {person.name}'s role")
    if any(r.span == role.span and r.person == person.id for r in draft.roles()):
        raise EditError(f"{person.name} already has the role {title}")
    draft.put("roles", replace(role, person=person.id, provenance=by))
    return draft.patch(f"Relink role {title} to {person.name}")


def delete_role(annotation: Annotation, role_id: str, *, by: Provenance) -> Patch:
    """Delete a role; its ``ROLE`` span goes too unless another role uses it."""
    draft = Draft(annotation, by)
    role = draft.role(role_id)
    title = quote(draft.covered(draft.span(role.span)))
    draft.drop_role(role.id)
    return draft.patch(f"Delete role {title}")
