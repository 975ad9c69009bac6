"""A modal listing the article's people (name, mentions, roles) to pick one, or a new person."""

from __future__ import annotations

from collections.abc import Collection

from textual.content import Content

from annotate.model import Annotation
from annotate.queries import live_mentions
from tui.item_editing import NEW_PERSON
from tui.screens.choice_picker import Choice, ChoicePicker
from tui.widgets.article_text import printable
from tui.widgets.people_panel import person_prompt


def person_choices(
    annotation: Annotation, *, exclude: Collection[str] = (), allow_new: bool = False
) -> list[Choice]:
    """Return a choice per person with a live mention (as the People panel lists them).

    ``exclude`` leaves out some person ids; ``allow_new`` adds a "New person" entry at the end
    that every filter keeps.
    """
    live_roles = {span.id for span in annotation.live_spans("role")}
    choices: list[Choice] = []
    for person in annotation.people:
        if person.id in exclude or not live_mentions(annotation, person):
            continue
        titles = " ".join(annotation.span_text(r.span) for r in annotation.roles_of(person.id))
        choices.append(
            Choice(
                person.id,
                person_prompt(annotation, person, live_roles),
                printable(f"{person.name} {titles}").lower(),
            )
        )
    if allow_new:
        prompt = Content.styled("+ New person", "bold italic")
        choices.append(Choice(NEW_PERSON, prompt, "new person", always=True))
    return choices


class PersonPicker(ChoicePicker):
    """Pick a person of the article (filter by name or role title); returns the person id,
    :data:`NEW_PERSON`, or ``None`` when cancelled."""

    def __init__(
        self,
        annotation: Annotation,
        title: str,
        *,
        exclude: Collection[str] = (),
        allow_new: bool = False,
        current: str | None = None,
    ) -> None:
        super().__init__(
            title,
            person_choices(annotation, exclude=exclude, allow_new=allow_new),
            current=current,
            placeholder="Type a name or a title",
        )
