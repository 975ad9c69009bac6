"""The base of the messages a side panel posts to ask the screen for an edit of its item."""

from __future__ import annotations

from textual.message import Message
from textual.widgets import OptionList


class ItemRequest(Message):
    """A panel asks for an edit of one of its items (the screen decides and acts)."""

    def __init__(self, panel: OptionList, item_id: str) -> None:
        super().__init__()
        self.panel = panel
        """The panel the request came from."""
        self.item_id = item_id
        """Id of the person, role or event highlighted in the panel."""

    @property
    def control(self) -> OptionList:
        """The panel (for ``@on(PeoplePanel.RenameRequested, "#id")``)."""
        return self.panel


def highlighted_id(panel: OptionList) -> str | None:
    """Return the id of the panel's highlighted option, or None."""
    option = panel.highlighted_option
    return None if option is None else option.id
