"""The legend above the article: the labels present, each drawn as the text draws it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from annotate.model import EVENT_LABEL, PLACE_LABEL, ROLE_LABEL, TIME_LABEL
from tui.label_styles import configured_label_style
from tui.widgets.entity_styles import (
    COMPONENT_CLASSES,
    FOCUS_CLASS,
    SPACY_LABELS,
    label_name,
    span_style,
)

MARKERS: tuple[tuple[str, str], ...] = (
    (ROLE_LABEL, "role"),
    (EVENT_LABEL, "event"),
    (TIME_LABEL, "when"),
    (PLACE_LABEL, "where"),
)
"""Labels of the non-entity layers and their legend wording, in legend order."""


def legend_order(labels: Iterable[str]) -> list[str]:
    """Return the entity labels among ``labels`` in spaCy's order, unknown ones last, sorted."""
    present = set(labels) - {marker for marker, _ in MARKERS}
    known = [label for label in SPACY_LABELS if label in present]
    return known + sorted(present - set(known))


class Legend(Widget):
    """One or two lines naming each label present in the article, in its own colour.

    Entity labels come first, then the role / event / when / where markers present, then the
    look of a selected item's spans.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = set(COMPONENT_CLASSES)

    DEFAULT_CSS = """
    Legend {
        height: auto;
        max-height: 3;
    }
    """

    def __init__(
        self,
        labels: Iterable[str] = (),
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._labels: frozenset[str] = frozenset(labels)

    @property
    def labels(self) -> frozenset[str]:
        """The labels shown."""
        return self._labels

    def set_labels(self, labels: Iterable[str]) -> None:
        """Show these labels (the labels of the article's live spans)."""
        labels = frozenset(labels)
        if labels != self._labels:
            self._labels = labels
            self.refresh(layout=True)

    def notify_style_update(self) -> None:
        """Redraw when the theme or CSS changes."""
        super().notify_style_update()
        self.refresh()

    def _chip(self, text: Text, word: str, style: Style) -> None:
        if text:
            text.append(" ")
        text.append(f" {word} ", style)

    def render(self) -> Text:
        """Draw the chips."""
        text = Text(no_wrap=False, end="")
        entities = legend_order(self._labels)
        for label in entities:
            self._chip(text, label_name(label), configured_label_style(self, label))
        markers = [(label, word) for label, word in MARKERS if label in self._labels]
        if markers:
            text.append("  │" if entities else "")
            for label, word in markers:
                self._chip(text, word, configured_label_style(self, label))
        if entities or markers:
            text.append("  │")
            self._chip(text, "selected", span_style(self, FOCUS_CLASS))
        else:
            text.append("no annotations yet", "dim")
        return text
