"""Label colours from the label configuration, as Textual CSS for the span component classes.

:func:`label_css` turns a :class:`~annotate.labels.LabelConfig` into one rule per label for the
component classes that :mod:`tui.widgets.entity_styles` declares on ``ArticleText`` and
``Legend`` (``.article-text--person``...), drawn as ``article_view.tcss`` draws them: a
translucent tint of the label's colour, roles underlined, event triggers bold, times and places
italic. :func:`install_label_css` adds those rules to a running app's stylesheet, above the
``.tcss`` files, so the configuration wins over the shipped palette.

A widget declares its component classes once, when its class is made, so a label that only the
configuration knows (``WEAPON``) has no component class: :func:`label_style` gives its look as a
Rich style directly, blended the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

from rich.style import Style
from textual.color import Color

from annotate.labels import LAYER_TINT, OTHER_COLOUR, LabelConfig, LabelSpec, default_config
from annotate.model import Layer
from tui.host import label_config_of
from tui.widgets.entity_styles import OTHER_CLASS, PREFIX, component_class, slug, span_style

if TYPE_CHECKING:
    from textual.app import App
    from textual.widget import Widget

WIDGET_NAMES: Final[tuple[str, ...]] = ("ArticleText", "Legend")
"""CSS type names of the widgets that draw spans."""

LAYER_TEXT_STYLE: Final[dict[Layer, str | None]] = {
    "entity": None,
    "role": "underline",
    "event": "bold",
    "argument": "italic",
}
"""The text style each layer adds to its tint."""

CSS_SOURCE: Final[tuple[str, str]] = ("annotui-labels", "label_css")
"""Where the label rules are filed in the app's stylesheet (replaced on each install)."""

CSS_TIE_BREAKER: Final = 1
"""Priority of the label rules over ``.tcss`` rules with the same selector (theirs is 0)."""


def label_class(label: str) -> str:
    """Return a label's component class (``WORK_OF_ART`` -> ``article-text--work-of-art``)."""
    return PREFIX + slug(label)


def label_declarations(spec: LabelSpec) -> list[str]:
    """Return the CSS declarations that draw a label: its tint, and its layer's text style."""
    declarations = [f"background: {spec.colour} {spec.tint}%;"]
    text_style = LAYER_TEXT_STYLE[spec.layer]
    if text_style:
        declarations.append(f"text-style: {text_style};")
    return declarations


def other_spec() -> LabelSpec:
    """How a label the configuration does not know is drawn: :data:`OTHER_COLOUR`, as an entity."""
    return LabelSpec("OTHER", "entity", "other", OTHER_COLOUR, LAYER_TINT["entity"])


def label_css(config: LabelConfig, widget_names: Iterable[str] = WIDGET_NAMES) -> str:
    """Return one CSS rule per configured label for the span component classes of the widgets,
    and one for :data:`~tui.widgets.entity_styles.OTHER_CLASS` (a label not configured).

    ``ArticleText > .article-text--person, Legend > .article-text--person {
    background: #3b82f6 38%; }``
    """
    names = tuple(widget_names)
    rules: list[str] = []
    for spec in (*config.labels, other_spec()):
        css_class = label_class(spec.name)
        selectors = ", ".join(f"{name} > .{css_class}" for name in names)
        body = "".join(f"\n    {line}" for line in label_declarations(spec))
        rules.append(f"{selectors} {{{body}\n}}\n")
    return "".join(rules)


def install_label_css(
    app: App[object], config: LabelConfig, widget_names: Iterable[str] = WIDGET_NAMES
) -> None:
    """Put the configuration's label rules into a running app's stylesheet and restyle the app.

    Call it once the app runs (``on_mount`` or later); calling it again with another
    configuration replaces the rules. The rules outrank ``.tcss`` rules with the same selectors
    whichever file was read last.
    """
    app.stylesheet.add_source(
        label_css(config, widget_names),
        read_from=CSS_SOURCE,
        is_default_css=False,
        tie_breaker=CSS_TIE_BREAKER,
    )
    app.refresh_css(animate=False)


def ensure_label_css(app: App[object], config: LabelConfig) -> None:
    """Install the label rules (:func:`install_label_css`) unless the app already has some:
    a screen drawing spans calls it, so it has its colours in any app."""
    if not app.stylesheet.has_source(*CSS_SOURCE):
        install_label_css(app, config)


def label_style(widget: Widget, spec: LabelSpec) -> Style:
    """Return a label's look as a Rich style, its tint blended over the widget's background.

    For labels with no component class on the widget; matches what the CSS rule of
    :func:`label_css` gives through :func:`~tui.widgets.entity_styles.span_style`.
    """
    _, background = widget.background_colors
    tint = Color.parse(spec.colour).with_alpha(spec.tint / 100)
    style = Style(bgcolor=(background + tint).rich_color)
    text_style = LAYER_TEXT_STYLE[spec.layer]
    if text_style:
        style += Style.parse(text_style)
    return style


def configured_label_style(widget: Widget, label: str) -> Style:
    """Return how ``widget`` draws spans of ``label``, whether or not it has a component class.

    A label with a component class is drawn as the stylesheet says (the configuration's rules
    are in it, see :func:`install_label_css`); a label only the app's configuration knows is
    drawn by :func:`label_style`; any other label in the ``other`` colour.
    """
    css_class = component_class(label)
    if css_class == OTHER_CLASS:
        spec = config_of(widget).label(label)
        if spec is not None:
            return label_style(widget, spec)
    return span_style(widget, css_class)


def config_of(widget: Widget) -> LabelConfig:
    """The label configuration of the widget's app (the defaults for an app without one)."""
    config = label_config_of(widget.app)
    return config if config is not None else default_config()
