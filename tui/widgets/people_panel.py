"""The list of people in the article: canonical name, mention count and roles."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList

from annotate.model import Annotation, Person
from annotate.queries import live_mentions
from tui.safe_text import one_line
from tui.widgets.annotation_changes import AnnotationChange
from tui.widgets.hanging_lines import HangingLines
from tui.widgets.item_request import ItemRequest, highlighted_id
from tui.widgets.keyed_options import KeyedOptionList

PersonKey = tuple[str, int, tuple[str, ...]]
"""What a person's row shows: name, count of live mentions, live role titles."""


def person_key(annotation: Annotation, person: Person, titles: list[str]) -> PersonKey:
    """Return what a person's row shows; ``titles`` are the texts of their live role spans."""
    return (person.name, len(live_mentions(annotation, person)), tuple(dict.fromkeys(titles)))


def prompt_of_person(key: PersonKey) -> HangingLines:
    """Return the option text for a person's row key: name and mention count, then the role
    titles on a line of their own, indented."""
    name, count, titles = key
    lines = [
        (
            0,
            Content.assemble(
                (one_line(name), "bold"),
                (f"  {count} mention{'' if count == 1 else 's'}", "dim"),
            ),
        )
    ]
    if titles:
        joined = ", ".join(one_line(title) for title in titles)
        lines.append((2, Content.styled(joined, "italic")))
    return HangingLines(lines)


def person_prompt(annotation: Annotation, person: Person, live_roles: set[str]) -> HangingLines:
    """Return the option text for a person: name and mention count, then their role titles.

    ``live_roles`` holds the ids of the role spans that are not rejected.
    """
    titles = [
        annotation.span_text(role.span)
        for role in annotation.roles_of(person.id)
        if role.span in live_roles
    ]
    return prompt_of_person(person_key(annotation, person, titles))


def people_rows(annotation: Annotation) -> list[tuple[str, PersonKey]]:
    """Return ``(person id, row key)`` of every person with a live mention, in panel order."""
    titles: dict[str, list[str]] = {}
    for role in annotation.roles:
        span = annotation.get_span(role.span)
        if span is not None and not span.rejected:
            titles.setdefault(role.person, []).append(span.text_in(annotation.text))
    rows = []
    for person in annotation.people:
        key = person_key(annotation, person, titles.get(person.id, []))
        if key[1]:
            rows.append((person.id, key))
    return rows


def people_reads(annotation: Annotation) -> frozenset[str]:
    """Return the ids of the spans the people rows read: mentions and role titles."""
    reads = {mention for person in annotation.people for mention in person.mentions}
    reads.update(role.span for role in annotation.roles)
    return frozenset(reads)


class PeoplePanel(KeyedOptionList):
    """People in order of first mention; moving onto one posts :class:`PersonSelected`.

    ``m`` / ``r`` / ``d`` post :class:`MergeRequested` / :class:`RenameRequested` /
    :class:`DeleteRequested` for the highlighted person; the screen does the edit.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "m",
            "merge",
            "Merge…",
            tooltip="Merge the highlighted person into another person",
            id="people.merge",
        ),
        Binding(
            "r",
            "rename",
            "Rename…",
            tooltip="Give the highlighted person another name",
            id="people.rename",
        ),
        Binding(
            "d",
            "delete",
            "Delete",
            tooltip="Delete the highlighted person (mentions stay)",
            id="people.delete",
        ),
        Binding(
            "delete",
            "delete",
            "Delete person",
            show=False,
            tooltip="Delete the highlighted person (mentions stay)",
            id="people.delete-key",
        ),
    ]

    class MergeRequested(ItemRequest):
        """Merge this person into another (the screen asks which): key `m`."""

    class RenameRequested(ItemRequest):
        """Rename this person (the screen asks for the name): key `r`."""

    class DeleteRequested(ItemRequest):
        """Delete this person; their mention spans stay: key `d`."""

    class PersonSelected(Message):
        """The user moved onto (or chose) a person."""

        def __init__(self, panel: PeoplePanel, person_id: str, *, chosen: bool = False) -> None:
            super().__init__()
            self.panel = panel
            """The panel the person was selected in."""
            self.person_id = person_id
            """Id of the person."""
            self.chosen = chosen
            """True for enter or a click, False when the highlight merely moved onto it."""

        @property
        def control(self) -> PeoplePanel:
            """The panel (for ``@on(PeoplePanel.PersonSelected, "#id")``)."""
            return self.panel

    _reads: frozenset[str] = frozenset()

    def show_people(self, annotation: Annotation, change: AnnotationChange | None = None) -> None:
        """List the people with a live mention, keeping the highlight where possible.

        ``change`` is what differs from the annotation shown last (:func:`annotation_change`):
        when it touches no person, role or span the rows read, nothing is done. Rows whose
        name, count and titles are unchanged keep their prompt; an unchanged list is not
        redrawn.
        """
        if change is not None and not (change.people or change.roles or change.spans & self._reads):
            return
        self._reads = people_reads(annotation)
        self.show_rows(people_rows(annotation), prompt_of_person)  # type: ignore[arg-type]

    def select_person(self, person_id: str) -> None:
        """Highlight a person without posting a message (the caller shows the selection)."""
        with self.prevent(OptionList.OptionHighlighted):
            self.highlighted = self.get_option_index(person_id)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Turn the list's highlight into :class:`PersonSelected`."""
        event.stop()
        if event.option.id is not None:
            self.post_message(self.PersonSelected(self, event.option.id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click posts :class:`PersonSelected` with ``chosen`` set."""
        event.stop()
        if event.option.id is not None:
            self.post_message(self.PersonSelected(self, event.option.id, chosen=True))

    def action_merge(self) -> None:
        """Merge the highlighted person into another person: post :class:`MergeRequested`."""
        item_id = highlighted_id(self)
        if item_id is not None:
            self.post_message(self.MergeRequested(self, item_id))

    def action_rename(self) -> None:
        """Give the highlighted person another name: post :class:`RenameRequested`."""
        item_id = highlighted_id(self)
        if item_id is not None:
            self.post_message(self.RenameRequested(self, item_id))

    def action_delete(self) -> None:
        """Delete the highlighted person (mentions stay): post :class:`DeleteRequested`."""
        item_id = highlighted_id(self)
        if item_id is not None:
            self.post_message(self.DeleteRequested(self, item_id))
