"""Label colours from the configuration reach the span component classes of the article view."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from rich.color import Color as RichColor
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.color import Color
from textual.css.stylesheet import Stylesheet
from textual.screen import Screen
from textual.widget import Widget

from annotate.labels import OTHER_COLOUR, LabelConfig, default_config, load_config
from store import Store
from tests.tui.edit_helpers import (
    cell_of,
    fill_edit_store,
    go_to,
    new_app,
    open_article,
    spans_over,
    stored,
    text_of,
)
from tui.label_styles import install_label_css, label_class, label_css, label_style
from tui.widgets.article_text import ArticleText
from tui.widgets.entity_styles import LABEL_CLASSES, span_style
from tui.widgets.legend import Legend

ROOT = Path(__file__).resolve().parents[2]
ARTICLE_TCSS = ROOT / "tui" / "screens" / "article_view.tcss"


class Spans(Widget):
    """The smallest widget drawing spans: it only declares two component classes."""

    COMPONENT_CLASSES = {"article-text--person", "article-text--role"}  # noqa: RUF012


class TinyApp(App[None]):
    """An app with one span widget and nothing else."""

    def __init__(self, config: LabelConfig) -> None:
        super().__init__()
        self.config = config

    def compose(self) -> ComposeResult:
        yield Spans()

    def on_mount(self) -> None:
        install_label_css(self, self.config, widget_names=("Spans",))


class ArticleLikeScreen(Screen[None]):
    """A screen with the real span widgets and the real article view stylesheet."""

    CSS_PATH = str(ARTICLE_TCSS)

    def compose(self) -> ComposeResult:
        yield Legend(["PERSON", "ROLE"])
        yield ArticleText("Foreign Minister Lavrov met Kim.", id="article-text")


class ArticleApp(App[None]):
    """Installs the label rules on mount, before the screen's ``.tcss`` file is read."""

    def __init__(self, config: LabelConfig | None) -> None:
        super().__init__()
        self.config = config

    def on_mount(self) -> None:
        if self.config is not None:
            install_label_css(self, self.config)
        self.push_screen(ArticleLikeScreen())


def with_label(config: LabelConfig, name: str, **changes: object) -> LabelConfig:
    """The configuration with one label changed."""
    labels = tuple(replace(s, **changes) if s.name == name else s for s in config.labels)
    return LabelConfig(labels=labels, event_types=config.event_types, parts=config.parts)


def test_label_css_rule_shape() -> None:
    config = with_label(default_config(), "PERSON", colour="#123456", tint=50)
    css = label_css(config)
    assert (
        "ArticleText > .article-text--person, Legend > .article-text--person {\n"
        "    background: #123456 50%;\n}\n"
    ) in css
    role = config.label("ROLE")
    assert f"background: {role.colour} {role.tint}%;\n    text-style: underline;" in css
    assert "text-style: bold;" in css and "text-style: italic;" in css
    assert css.count("{") == len(config.labels) + 1  # and the look of a label not configured
    assert f"Legend > .article-text--other {{\n    background: {OTHER_COLOUR} 38%;" in css


def test_label_classes_match_the_widgets_component_classes() -> None:
    for spec in default_config().labels:
        assert label_class(spec.name) == LABEL_CLASSES[spec.name]
        assert label_class(spec.name) in ArticleText.COMPONENT_CLASSES
        assert label_class(spec.name) in Legend.COMPONENT_CLASSES


async def test_the_legend_reads_its_words_from_the_configuration() -> None:
    """A configured description is the legend's word (it used a table of its own)."""
    config = with_label(default_config(), "PERSON", description="human being")
    config = with_label(config, "ROLE", description="title held")
    app = ArticleApp(config)
    app.label_config = config
    async with app.run_test() as pilot:
        await pilot.pause()
        words = app.screen.query_one(Legend).render().plain
    assert "human being" in words and "title held" in words
    assert " person " not in words


def test_the_article_view_tcss_repeats_no_label_colour() -> None:
    """Colours live in the label configuration only."""
    tcss = ARTICLE_TCSS.read_text(encoding="utf-8")
    for spec in default_config().labels:
        assert label_class(spec.name) not in tcss, spec.name
    assert not re.search(r":[^;{]*#[0-9a-fA-F]{3}", tcss)  # no colour value at all


def test_label_css_parses_in_textual() -> None:
    stylesheet = Stylesheet()
    stylesheet.add_source(label_css(default_config()), read_from=("test", "labels"))
    stylesheet.parse()
    assert len(stylesheet.rules) == len(default_config().labels) + 1


async def test_configured_colour_reaches_the_component_style(tmp_path: Path) -> None:
    user = tmp_path / "config.toml"
    user.write_text('[labels.PERSON]\ncolour = "#ff0000"\ntint = 100\n', encoding="utf-8")
    app = TinyApp(load_config(user))
    async with app.run_test() as pilot:
        await pilot.pause()
        spans = app.query_one(Spans)
        assert spans.get_component_rich_style("article-text--person").bgcolor == RichColor.parse(
            "#ff0000"
        )
        role = spans.get_component_styles("article-text--role")
        expected = Color.parse(default_config().colour("ROLE")).with_alpha(0.22)
        assert role.background == expected
        assert role.text_style.underline


async def test_configuration_wins_over_the_article_view_tcss() -> None:
    config = with_label(default_config(), "PERSON", colour="#00ff00", tint=100)
    config = with_label(config, "ROLE", colour="#0000ff", tint=100)
    app = ArticleApp(config)
    async with app.run_test() as pilot:
        await pilot.pause()
        for widget in (app.screen.query_one(ArticleText), app.screen.query_one(Legend)):
            person = widget.get_component_rich_style("article-text--person")
            assert person.bgcolor == RichColor.parse("#00ff00")
            role = widget.get_component_rich_style("article-text--role")
            assert role.bgcolor == RichColor.parse("#0000ff")
            assert role.underline
        # installing another configuration replaces the rules
        install_label_css(app, with_label(config, "PERSON", colour="#ff00ff"))
        await pilot.pause()
        text = app.screen.query_one(ArticleText)
        assert text.get_component_rich_style("article-text--person").bgcolor == RichColor.parse(
            "#ff00ff"
        )


async def test_label_style_of_an_undeclared_label_matches_the_css_look() -> None:
    """A label only the configuration knows is drawn as its CSS rule would draw it."""
    config = default_config()
    app = ArticleApp(config)
    async with app.run_test() as pilot:
        await pilot.pause()
        text = app.screen.query_one(ArticleText)
        for name in ("PERSON", "ROLE", "TRIGGER", "PLACE"):
            spec = config.label(name)
            weapon = replace(spec, name="WEAPON")
            assert label_style(text, weapon) == span_style(text, LABEL_CLASSES[name])


def bound_keys(*bindings: list) -> set[str]:
    """The keys of bindings other than the label keys themselves."""
    return {
        b.key for group in bindings for b in Binding.make_bindings(group) if "label" not in b.action
    }


def test_default_label_keys_are_not_bound_in_the_article_view() -> None:
    from tui.app import AnnotuiApp
    from tui.screens.article_view import ArticleScreen

    taken = bound_keys(AnnotuiApp.BINDINGS, ArticleScreen.BINDINGS, ArticleText.BINDINGS)
    for base in ArticleScreen.__mro__:
        taken |= bound_keys(base.__dict__.get("BINDINGS", []))
    keys = [spec.key for spec in default_config().labels if spec.key]
    label_keys = {b.key for b in Binding.make_bindings([(key, "x") for key in keys])}
    assert label_keys & taken == set()


async def test_a_label_only_the_store_configures_is_drawn_in_its_own_colour(tmp_path: Path) -> None:
    """A store's WEAPON label: its key adds spans, drawn in its colour in the text and legend."""
    path = tmp_path / "store"
    ids = fill_edit_store(path)
    Store(path).config_path.write_text(
        '[labels.WEAPON]\ndescription = "weapon"\ncolour = "#ff00ff"\nkey = "z"\n',
        encoding="utf-8",
    )
    app = new_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(app, pilot, ids["trade"])
        text = text_of(screen)
        word = text.text.index("tariffs")
        await go_to(pilot, text, word)
        await pilot.press("shift+right", "z")
        await pilot.pause()
        spec = app.label_config.label("WEAPON")
        assert spec is not None
        weapon = label_style(text, spec)
        other = span_style(text, "article-text--other")
        assert weapon.bgcolor != other.bgcolor
        x, y = cell_of(text, word)
        cells = [
            segment
            for segment in text.render_line(y)
            for _ in segment.text  # one entry per character
        ]
        assert cells[x].style is not None and cells[x].style.bgcolor == weapon.bgcolor
        legend = screen.query_one(Legend)
        assert "WEAPON" in legend.labels
        chips = [s for s in legend.render().spans if s.style == label_style(legend, spec)]
        assert chips
    assert len(spans_over(stored(path, ids["trade"]), "tariffs", "WEAPON")) == 1
