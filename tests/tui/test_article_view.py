"""The article view: text with spans, legend, People / Roles / Events panel, keys and mouse."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.binding import Binding
from textual.widgets import OptionList, TabbedContent

from annotate.model import Annotation, Provenance, Span
from tests.tui.view_helpers import (
    SEED_TEXT,
    ViewApp,
    at,
    make_article,
    seed_annotation,
)
from tui.screens.article_view import ArticleScreen, event_spans, sentence_bounds
from tui.widgets.article_text import ArticleText, printable, wrap
from tui.widgets.events_panel import EventsPanel
from tui.widgets.legend import Legend
from tui.widgets.people_panel import PeoplePanel
from tui.widgets.roles_panel import RolesPanel


def mention_ids(annotation: Annotation, person_id: str) -> tuple[str, ...]:
    """Ids of a person's mentions in text order."""
    spans = [annotation.span(m) for m in annotation.person(person_id).mentions]
    return tuple(s.id for s in sorted(spans, key=lambda s: s.start))


def span_id_at(annotation: Annotation, start: int, label: str) -> str:
    """Id of the span with this start and label."""
    return next(s.id for s in annotation.spans if s.start == start and s.label == label)


def screen_lines(text: ArticleText) -> list[str]:
    """The text rows the widget draws now, trailing spaces removed."""
    return [text.render_line(y).text.rstrip() for y in range(text.scrollable_content_region.height)]


def visible(text: ArticleText, span: Span) -> bool:
    """True when the span's first line is in view."""
    line = text.line_of_offset(span.start)
    top = round(text.scroll_y)
    return top <= line < top + text.scrollable_content_region.height


# -- pure parts ----------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab \n\t—’界x\u200bq"), max_size=120),
    st.integers(min_value=1, max_value=12),
)
def test_wrap_covers_each_character_once_within_width(raw: str, width: int) -> None:
    text = printable(raw, keep_newlines=True)
    lines = wrap(text, width)
    assert lines[0].start == 0
    assert lines[-1].end == len(text)
    for line, following in pairwise(lines):
        gap = text[line.end : following.start]
        assert gap in ("", "\n")
    breaks = sum(1 for a, b in pairwise(lines) if a.end != b.start)
    assert breaks == text.count("\n")
    for line in lines:
        drawn = text[line.start : line.end].rstrip(" \t")
        assert "\n" not in drawn
        if cell_len(drawn) > width:  # only a single character wider than the line may overflow
            assert sum(1 for char in drawn if cell_len(char)) == 1


def test_wrap_breaks_between_words() -> None:
    text = "alpha beta gamma\n\ndelta"
    assert [text[a:b] for a, b in wrap(text, 11)] == ["alpha beta ", "gamma", "", "delta"]


def test_printable_keeps_offsets_and_neutralises_escapes() -> None:
    raw = "a\x1b[31mb\x07c\td\ne\u202ef"
    safe = printable(raw, keep_newlines=True)
    assert len(safe) == len(raw)
    assert safe == "a␛[31mb�c d\ne�f"
    assert printable("x\ny") == "x�y"


def test_sentence_bounds_finds_the_sentence() -> None:
    offset = SEED_TEXT.index("welcomed")
    start, end = sentence_bounds(SEED_TEXT, offset)
    assert SEED_TEXT[start:end] == (
        "Putin welcomed Kim at the entrance to a launch vehicle assembly building, "
        "and the two leaders shook hands."
    )


def test_event_spans_take_participants_from_the_trigger_sentence() -> None:
    annotation = seed_annotation()
    shoigu = mention_ids(annotation, "P3")
    found = event_spans(annotation, "E4")
    late_shoigu = shoigu[1]
    assert late_shoigu in found
    assert shoigu[0] not in found
    assert annotation.event("E4").time in found


# -- the screen ----------------------------------------------------------------------


async def test_opens_with_text_panel_and_legend() -> None:
    annotation = seed_annotation()
    app = ViewApp(annotation)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        text = screen.query_one(ArticleText)
        assert screen_lines(text)[0].startswith("North Korean leader Kim Jong Un arrived")
        people = screen.query_one(PeoplePanel)
        assert [o.id for o in people.options] == ["P1", "P2", "P3"]
        assert "Kim Jong Un" in str(people.options[0].prompt)
        assert "6 mentions" in str(people.options[0].prompt)
        assert "North Korean leader" in str(people.options[0].prompt)
        legend = screen.query_one(Legend)
        assert {"NORP", "GPE", "PERSON", "ROLE", "TRIGGER", "TIME_EXPR", "PLACE"} <= legend.labels
        assert "person" in str(legend.render())
        assert screen.title == "Kim meets Putin"
        assert screen.sub_title == "in progress · 3 people · 4 events"
        assert app.focused is text


async def test_selecting_kim_focuses_all_his_mentions() -> None:
    annotation = seed_annotation()
    app = ViewApp(annotation)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", "down")
        await pilot.pause()
        text = app.screen.query_one(ArticleText)
        assert isinstance(app.focused, PeoplePanel)
        assert text.focus_span_ids == mention_ids(annotation, "P1")
        assert app.screen.selection == ("person", "P1")
        assert visible(text, annotation.span(text.focus_span_ids[0]))


async def test_enter_shows_the_selection_in_the_text_and_escape_goes_there() -> None:
    annotation = seed_annotation()
    app = ViewApp(annotation)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", "down", "down", "enter")
        await pilot.pause()
        text = app.screen.query_one(ArticleText)
        assert isinstance(app.focused, PeoplePanel)  # enter keeps the focus in the panel
        assert text.focus_span_ids == mention_ids(annotation, "P2")
        await pilot.press("down", "up")  # so the next arrow still moves in the panel
        assert app.focused.highlighted_option.id == "P2"
        await pilot.press("escape")  # one level back: to the text, the highlight kept
        assert app.focused is text
        assert text.focus_span_ids == mention_ids(annotation, "P2")
        before = text.scroll_y
        await pilot.press("pagedown")
        await pilot.pause()
        assert text.scroll_y > before
        await pilot.press("shift+tab")
        assert isinstance(app.focused, PeoplePanel)
        assert app.focused.highlighted_option is not None
        assert app.focused.highlighted_option.id == "P2"


async def test_selecting_a_person_further_down_scrolls_to_the_first_mention() -> None:
    annotation = seed_annotation()
    app = ViewApp(annotation)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", "down", "down", "down")
        await pilot.pause()
        text = app.screen.query_one(ArticleText)
        shoigu = mention_ids(annotation, "P3")
        assert text.focus_span_ids == shoigu
        assert text.scroll_y > 0
        assert visible(text, annotation.span(shoigu[0]))
        assert any("Sergei Shoigu" in line for line in screen_lines(text))


async def test_next_and_previous_walk_the_mentions() -> None:
    annotation = seed_annotation()
    app = ViewApp(annotation)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", "down")
        text = app.screen.query_one(ArticleText)
        kim = mention_ids(annotation, "P1")
        await pilot.press("p")
        await pilot.pause()
        assert text.cursor_span_id == kim[-1]
        assert visible(text, annotation.span(kim[-1]))
        assert any("during which Kim toured" in line for line in screen_lines(text))
        await pilot.press("n")
        assert text.cursor_span_id == kim[0]
        await pilot.press("n")
        assert text.cursor_span_id == kim[1]
        await pilot.pause()
        assert visible(text, annotation.span(kim[1]))


async def test_selecting_an_event_focuses_trigger_and_participants() -> None:
    annotation = seed_annotation()
    app = ViewApp(annotation)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        assert app.screen.query_one(TabbedContent).active == "events-tab"
        assert isinstance(app.focused, EventsPanel)
        await pilot.press("down", "down")
        await pilot.pause()
        text = app.screen.query_one(ArticleText)
        text_of = annotation.text
        welcomed = span_id_at(annotation, at(text_of, "welcomed")["start"], "TRIGGER")
        putin = span_id_at(annotation, at(text_of, "Putin", 1)["start"], "PERSON")
        kim = span_id_at(annotation, at(text_of, "Kim", 1)["start"], "PERSON")
        assert set(text.focus_span_ids) == {welcomed, putin, kim}
        assert app.screen.selection == ("event", "E2")


async def test_selecting_a_role_focuses_title_and_holder() -> None:
    annotation = seed_annotation()
    app = ViewApp(annotation)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        roles = app.screen.query_one(RolesPanel)
        assert "Russian President → Vladimir Putin" in [str(o.prompt) for o in roles.options]
        await pilot.press("down", "down")
        await pilot.pause()
        role = annotation.roles[1]
        text = app.screen.query_one(ArticleText)
        assert set(text.focus_span_ids) == {role.span, *mention_ids(annotation, role.person)}


async def test_left_and_right_switch_lists_in_the_panel_only() -> None:
    app = ViewApp(seed_annotation())
    async with app.run_test(size=(120, 40)) as pilot:
        tabs = app.screen.query_one(TabbedContent)
        await pilot.press("right")
        assert tabs.active == "people-tab"
        await pilot.press("tab", "right")
        assert tabs.active == "roles-tab"
        assert isinstance(app.focused, RolesPanel)
        await pilot.press("left", "left")
        assert tabs.active == "events-tab"
        await pilot.press("tab")
        assert isinstance(app.focused, ArticleText)


async def test_coming_back_to_a_list_shows_its_selection_again() -> None:
    annotation = seed_annotation()
    app = ViewApp(annotation)
    async with app.run_test(size=(120, 40)) as pilot:
        text = app.screen.query_one(ArticleText)
        await pilot.press("tab", "down", "3", "down")
        await pilot.pause()
        assert app.screen.selection == ("event", "E1")
        await pilot.press("1")
        await pilot.pause()
        assert app.screen.selection == ("person", "P1")
        assert text.focus_span_ids == mention_ids(annotation, "P1")


async def test_clicking_a_mention_selects_its_person() -> None:
    annotation = seed_annotation()
    app = ViewApp(annotation)
    async with app.run_test(size=(120, 40)) as pilot:
        text = app.screen.query_one(ArticleText)
        start = at(annotation.text, "Putin", 1)["start"]
        line = text.line_of_offset(start)
        row = text.line_text(line)
        column = cell_len(row[: start - text.line_range(line).start])
        x = column + text.styles.padding.left + 1
        await pilot.click(text, offset=(x, line))
        await pilot.pause()
        assert text.focus_span_ids == mention_ids(annotation, "P2")
        people = app.screen.query_one(PeoplePanel)
        assert people.highlighted_option is not None
        assert people.highlighted_option.id == "P2"
        assert app.screen.query_one(TabbedContent).active == "people-tab"


async def test_markup_and_escape_codes_in_the_text_are_drawn_literally() -> None:
    text = "Plain [bold]x[/bold] and \x1b[31mred\x1b[0m here.\nNext [link=y]z[/link] line."
    app = ViewApp(None, make_article(text, title="[b]T[/b] \x1b[2J"))
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.pause()
        widget = app.screen.query_one(ArticleText)
        lines = screen_lines(widget)
        assert lines[0] == "Plain [bold]x[/bold] and ␛[31mred␛[0m here."
        assert lines[1] == "Next [link=y]z[/link] line."
        assert all("\x1b" not in segment.text for segment in widget.render_line(0))
        background = widget.rich_style.bgcolor
        assert background is not None
        assert all(seg.style and seg.style.bgcolor == background for seg in widget.render_line(0))
        assert app.screen.title == "[b]T[/b] ␛[2J"


async def test_show_annotation_fills_the_panel_after_none() -> None:
    annotation = seed_annotation()
    app = ViewApp(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        assert screen.query_one("#annotating").display
        assert not screen.query_one(TabbedContent).display
        assert screen.query_one(PeoplePanel).option_count == 0
        assert screen.sub_title == "in progress · annotating…"
        first_screen = screen
        screen.show_annotation(annotation)
        await pilot.pause()
        assert app.screen is first_screen
        assert not screen.query_one("#annotating").display
        assert screen.query_one(TabbedContent).display
        assert screen.query_one(PeoplePanel).option_count == 3
        assert screen.query_one(EventsPanel).option_count == 4
        assert "PERSON" in screen.query_one(Legend).labels
        await pilot.press("tab", "down")
        assert screen.query_one(ArticleText).focus_span_ids == mention_ids(annotation, "P1")


async def test_rejected_spans_are_not_drawn() -> None:
    annotation = seed_annotation()
    russia = span_id_at(annotation, at(annotation.text, "Russia")["start"], "GPE")
    rejected = Provenance(source="human", annotator="tester", state="rejected")
    spans = [replace(s, provenance=rejected) if s.id == russia else s for s in annotation.spans]
    app = ViewApp(annotation.with_changes(spans=spans))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = app.screen.query_one(ArticleText)
        assert russia not in text.spans_at(at(annotation.text, "Russia")["start"])
        plain = text.rich_style.bgcolor
        by_text = {seg.text: seg.style for seg in text.render_line(0) if seg.text.strip()}
        assert "Russia" not in by_text
        assert any(style and style.bgcolor != plain for style in by_text.values())


async def test_changing_the_selection_redraws_only_the_lines_it_touches() -> None:
    annotation = seed_annotation()
    app = ViewApp(annotation)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = app.screen.query_one(ArticleText)
        cached = set(text._strips.keys())
        assert len(cached) > 10
        shoigu = mention_ids(annotation, "P3")
        text.set_focus_spans(shoigu, scroll=False)
        touched = {text.line_of_offset(annotation.span(s).start) for s in shoigu}
        assert set(text._strips.keys()) == cached - touched


async def test_resize_to_80x24_keeps_text_and_panel_readable() -> None:
    app = ViewApp(seed_annotation())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        side = app.screen.query_one("#side")
        assert side.outer_size.width == 44
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        text = app.screen.query_one(ArticleText)
        assert text.scrollable_content_region.width >= 40
        assert side.outer_size.width == 34
        assert side.region.right <= 80
        assert text.region.height > 10
        lines = [line for line in screen_lines(text) if line]
        assert max(cell_len(line) for line in lines) <= text.scrollable_content_region.width
        assert screen_lines(text)[0].startswith("North Korean leader Kim Jong Un")


async def test_switching_theme_redraws_the_text_in_the_new_colours() -> None:
    app = ViewApp(seed_annotation())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = app.screen.query_one(ArticleText)
        dark = {seg.style.bgcolor for seg in text.render_line(1) if seg.style}
        app.theme = "textual-light"
        await pilot.pause()
        light = {seg.style.bgcolor for seg in text.render_line(1) if seg.style}
        assert text.rich_style.bgcolor in light
        assert not dark & light


async def test_escape_goes_back() -> None:
    app = ViewApp(seed_annotation())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ArticleScreen)


async def test_every_binding_has_a_description_and_an_id() -> None:
    app = ViewApp(seed_annotation())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab")
        for widget in (app.screen, app.screen.query_one(ArticleText)):
            for binding in widget.BINDINGS:
                assert isinstance(binding, Binding)
                assert binding.description
                assert binding.id
        ids = {b.binding.id for b in app.screen.active_bindings.values()}
        assert {"back", "article.review", "article.people", "article.events"} <= ids
        assert isinstance(app.focused, OptionList)
