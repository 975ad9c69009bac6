"""The list of role titles in the article, each with the person who holds it."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList

from annotate.model import Annotation, Role
from tui.safe_text import one_line
from tui.widgets.annotation_changes import AnnotationChange
from tui.widgets.hanging_lines import HangingLines
from tui.widgets.item_request import ItemRequest, highlighted_id
from tui.widgets.keyed_options import KeyedOptionList

RoleKey = tuple[str, str]
"""What a role's row shows: the title and its holder's name."""


def role_key(annotation: Annotation, role: Role, names: dict[str, str] | None = None) -> RoleKey:
    """Return what a role's row shows; ``names`` maps person ids to names when known."""
    if names is None:
        names = {person.id: person.name for person in annotation.people}
    return (annotation.span_text(role.span), names.get(role.person, "?"))


def prompt_of_role(key: RoleKey) -> HangingLines:
    """Return the option text for a role's row key: ``title → person``."""
    title, holder = key
    row = Content.assemble((one_line(title), "italic"), (" → ", "dim"), (one_line(holder), "bold"))
    return HangingLines([(0, row)])


def role_prompt(annotation: Annotation, role: Role) -> HangingLines:
    """Return the option text for a role: ``title → person``."""
    return prompt_of_role(role_key(annotation, role))


def roles_rows(annotation: Annotation) -> list[tuple[str, RoleKey]]:
    """Return ``(role id, row key)`` of every role whose title span is live, in panel order."""
    names = {person.id: person.name for person in annotation.people}
    rows = []
    for role in annotation.roles:
        span = annotation.get_span(role.span)
        if span is not None and not span.rejected:
            rows.append((role.id, role_key(annotation, role, names)))
    return rows


class RolesPanel(KeyedOptionList):
    """Role titles in text order; moving onto one posts :class:`RoleSelected`.

    ``r`` / ``d`` post :class:`RelinkRequested` / :class:`DeleteRequested` for the highlighted
    role; the screen does the edit.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "r",
            "relink",
            "Relink…",
            tooltip="Give the highlighted role to another person",
            id="roles.relink",
        ),
        Binding("d", "delete", "Delete", tooltip="Delete the highlighted role", id="roles.delete"),
        Binding(
            "delete",
            "delete",
            "Delete role",
            show=False,
            tooltip="Delete the highlighted role",
            id="roles.delete-key",
        ),
    ]

    class RelinkRequested(ItemRequest):
        """Give this role to another person (the screen asks whom): key `r`."""

    class DeleteRequested(ItemRequest):
        """Delete this role: key `d`."""

    class RoleSelected(Message):
        """The user moved onto (or chose) a role."""

        def __init__(self, panel: RolesPanel, role_id: str, *, chosen: bool = False) -> None:
            super().__init__()
            self.panel = panel
            """The panel the role was selected in."""
            self.role_id = role_id
            """Id of the role."""
            self.chosen = chosen
            """True for enter or a click, False when the highlight merely moved onto it."""

        @property
        def control(self) -> RolesPanel:
            """The panel (for ``@on(RolesPanel.RoleSelected, "#id")``)."""
            return self.panel

    _reads: frozenset[str] = frozenset()

    def show_roles(self, annotation: Annotation, change: AnnotationChange | None = None) -> None:
        """List the roles whose title span is live, keeping the highlight where possible.

        ``change`` is what differs from the annotation shown last (:func:`annotation_change`):
        when it touches no role, person's name or title span, nothing is done. Unchanged rows
        keep their prompt; an unchanged list is not redrawn.
        """
        if change is not None and not (change.roles or change.names or change.spans & self._reads):
            return
        self._reads = frozenset(role.span for role in annotation.roles)
        self.show_rows(roles_rows(annotation), prompt_of_role)  # type: ignore[arg-type]

    def select_role(self, role_id: str) -> None:
        """Highlight a role without posting a message (the caller shows the selection)."""
        with self.prevent(OptionList.OptionHighlighted):
            self.highlighted = self.get_option_index(role_id)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Turn the list's highlight into :class:`RoleSelected`."""
        event.stop()
        if event.option.id is not None:
            self.post_message(self.RoleSelected(self, event.option.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click posts :class:`RoleSelected` with ``chosen`` set."""
        event.stop()
        if event.option.id is not None:
            self.post_message(self.RoleSelected(self, event.option.id, chosen=True))

    def action_relink(self) -> None:
        """Give the highlighted role to another person: post :class:`RelinkRequested`."""
        item_id = highlighted_id(self)
        if item_id is not None:
            self.post_message(self.RelinkRequested(self, item_id))

    def action_delete(self) -> None:
        """Delete the highlighted role: post :class:`DeleteRequested`."""
        item_id = highlighted_id(self)
        if item_id is not None:
            self.post_message(self.DeleteRequested(self, item_id))
