"""Span labels and their component classes: one colour per label, from the label configuration.

:class:`~tui.widgets.article_text.ArticleText` and :class:`~tui.widgets.legend.Legend` declare the
same component classes, so a label looks the same in the text and in the legend.

How the layers are drawn (the legend says so too):

- entity spans (spaCy labels): a background tint, one hue per label;
- ``ROLE`` (a role title): underlined, with its own tint;
- ``TRIGGER`` (an event trigger): bold, with its own tint;
- ``TIME_EXPR`` / ``PLACE`` (an event's time and place): italic;
- the selected item's spans (``focus``): drawn last, in the theme's accent colour.

Layers are painted in the order argument → role → event → entity → focus, so an entity inside a
role title keeps its own tint and the role's underline still shows under it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from rich.style import Style

from annotate.labels import default_config
from annotate.model import Layer, layer_of

if TYPE_CHECKING:
    from textual.widget import Widget

PREFIX: Final = "article-text--"

FOCUS_CLASS: Final = f"{PREFIX}focus"
"""Component class of the spans linked to the selected person, role or event."""
OTHER_CLASS: Final = f"{PREFIX}other"
"""Component class of a label with no colour of its own."""

LAYER_ORDER: Final[dict[Layer, int]] = {"argument": 0, "role": 1, "event": 2, "entity": 3}
"""Painting order of the layers: a higher layer is drawn over a lower one."""


def slug(label: str) -> str:
    """Return the CSS-safe form of a label (``WORK_OF_ART`` -> ``work-of-art``)."""
    return "".join(c if c.isalnum() else "-" for c in label.lower())


LABEL_CLASSES: Final[dict[str, str]] = {
    label: PREFIX + slug(label) for label in default_config().label_names()
}
"""Component class of every label of the default configuration (spaCy's English labels and
the role, event, time and place labels). Their look comes from the label configuration at run
time (:func:`tui.label_styles.install_label_css`); a label only a user's file adds is drawn
without a class (:func:`tui.label_styles.label_style`)."""

COMPONENT_CLASSES: Final[frozenset[str]] = frozenset(
    {*LABEL_CLASSES.values(), FOCUS_CLASS, OTHER_CLASS}
)
"""Every component class a widget drawing spans declares."""


def component_class(label: str) -> str:
    """Return the component class for a span label (:data:`OTHER_CLASS` when it has none)."""
    return LABEL_CLASSES.get(label, OTHER_CLASS)


def layer_rank(label: str) -> int:
    """Return the painting order of a label's layer (higher is drawn later, on top)."""
    return LAYER_ORDER[layer_of(label)]


def span_style(widget: Widget, css_class: str) -> Style:
    """Return the Rich style a component class sets, its colours blended over the widget's.

    Only what the class sets is in the style (a tint leaves the text colour alone), so styles of
    several layers combine; translucent colours (``$accent 30%``) are mixed with the widget's
    background, which makes one ``.tcss`` rule read in dark and light themes alike.
    """
    styles = widget.get_component_styles(css_class)
    _, background = widget.background_colors
    bgcolor = (background + styles.background).rich_color if styles.has_rule("background") else None
    color = (background + styles.color).rich_color if styles.has_rule("color") else None
    return Style(color=color, bgcolor=bgcolor) + styles.text_style
