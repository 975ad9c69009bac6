"""The legend above the article: the labels present, each drawn as the text draws it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from annotate.labels import LabelConfig
from annotate.model import layer_of
from tui.label_styles import config_of, configured_label_style
from tui.widgets.entity_styles import COMPONENT_CLASSES, FOCUS_CLASS, span_style


def legend_order(labels: Iterable[str], config: LabelConfig) -> tuple[list[str], list[str]]:
    """Return the entity labels among ``labels`` in configuration order (unknown ones last,
    sorted), and the labels of the other layers (role, event, time, place) in that order."""
    present = set(labels)
    known = [name for name in config.label_names() if name in present]
    unknown = sorted(present - set(known))
    entities = [name for name in known if layer_of(name) == "entity"]
    entities += [name for name in unknown if layer_of(name) == "entity"]
    markers = [name for name in known if layer_of(name) != "entity"]
    return entities, markers


class Legend(Widget):
    """One or two lines naming each label present in the article, in its own colour.

    Entity labels come first, then the role / event / when / where markers present, then the
    look of a selected item's spans; each is named by its ``description`` in the label
    configuration.
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
        config = config_of(self)
        entities, markers = legend_order(self._labels, config)
        for label in entities:
            self._chip(text, config.description(label), configured_label_style(self, label))
        if markers:
            text.append("  │" if entities else "")
            for label in markers:
                self._chip(text, config.description(label), configured_label_style(self, label))
        if entities or markers:
            text.append("  │")
            self._chip(text, "selected", span_style(self, FOCUS_CLASS))
        else:
            text.append("no annotations yet", "dim")
        return text
