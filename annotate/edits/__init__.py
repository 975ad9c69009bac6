"""Pure edit operations on an :class:`~annotate.model.Annotation`, each returning a :class:`Patch`.

Every operation has the shape ``op(annotation, ..., *, by: Provenance) -> Patch``;
the annotation is never modified, the patch's inverse undoes the edit exactly, and an
edit that cannot be made raises :class:`EditError` with one line saying why.
"""

from annotate.edits.core import (
    KINDS,
    Change,
    EditConflict,
    EditError,
    Item,
    ItemKind,
    Patch,
    diff,
)
from annotate.edits.events import (
    add_argument,
    add_event_mention,
    add_participant,
    add_phrase_argument,
    create_event,
    delete_event,
    remove_argument,
    remove_participant,
    set_event_type,
    set_modality,
    set_place,
    set_time,
)
from annotate.edits.people import (
    add_mention,
    delete_person,
    merge_people,
    move_mention,
    rename_person,
)
from annotate.edits.roles import delete_role, link_role, relink_role
from annotate.edits.spans import (
    accept_all,
    accept_span,
    add_span,
    delete_span,
    grow_end,
    grow_start,
    merge_spans,
    reject_span,
    relabel_span,
    resize_span,
    shrink_end,
    shrink_start,
    split_span,
)

__all__ = [
    "KINDS",
    "Change",
    "EditConflict",
    "EditError",
    "Item",
    "ItemKind",
    "Patch",
    "accept_all",
    "accept_span",
    "add_argument",
    "add_event_mention",
    "add_mention",
    "add_participant",
    "add_phrase_argument",
    "add_span",
    "create_event",
    "delete_event",
    "delete_person",
    "delete_role",
    "delete_span",
    "diff",
    "grow_end",
    "grow_start",
    "link_role",
    "merge_people",
    "merge_spans",
    "move_mention",
    "reject_span",
    "relabel_span",
    "relink_role",
    "remove_argument",
    "remove_participant",
    "rename_person",
    "resize_span",
    "set_event_type",
    "set_modality",
    "set_place",
    "set_time",
    "shrink_end",
    "shrink_start",
    "split_span",
]
