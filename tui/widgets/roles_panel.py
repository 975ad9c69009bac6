"""The list of role titles in the article, each with the person who holds it."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from annotate.model import Annotation, Role
from tui.widgets.article_text import printable
from tui.widgets.item_request import ItemRequest, highlighted_id


def role_prompt(annotation: Annotation, role: Role) -> Content:
    """Return the option text for a role: ``title → person``."""
    try:
        holder = printable(annotation.person(role.person).name)
    except KeyError:
        holder = "?"
    return Content.assemble(
        (printable(annotation.span_text(role.span)), "italic"),
        (" → ", "dim"),
        (holder, "bold"),
    )


class RolesPanel(OptionList):
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
        Binding(
            "d", "delete", "Delete role", tooltip="Delete the highlighted role", id="roles.delete"
        ),
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

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, markup=False)

    def show_roles(self, annotation: Annotation) -> None:
        """List the roles whose title span is live, keeping the highlight where possible."""
        current = self.highlighted_option.id if self.highlighted_option else None
        live = {span.id for span in annotation.live_spans("role")}
        options = [
            Option(role_prompt(annotation, role), id=role.id)
            for role in annotation.roles
            if role.span in live
        ]
        with self.prevent(OptionList.OptionHighlighted):
            self.set_options(options)
            if current is not None and current in {o.id for o in options}:
                self.highlighted = self.get_option_index(current)

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
