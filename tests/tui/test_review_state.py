"""What a reviewer sees of the state of things: suggestions drawn apart from decisions, the
status line of the span under the cursor, rejected spans on request, and the cursor on any
span, selection or highlight."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rich.segment import Segment

from annotate.labels import default_config
from annotate.model import Annotation, Provenance, Span
from tests.tui.conftest import TRADE_TEXT
from tests.tui.edit_helpers import edit_app, go_to, open_article, text_of
from tests.tui.view_helpers import SEED_TEXT, ViewApp, seed_annotation
from tui.screens.article_view import ArticleScreen
from tui.span_status import span_status, state_words
from tui.widgets.article_text import ArticleText
from tui.widgets.status_line import StatusLine

ANA = Provenance(source="human", annotator="ana", time="2026-12-05T08:01:09Z", state="accepted")


def _suggested(annotation: Annotation, covered: str, rule: str = "ner") -> Annotation:
    """The annotation with the span covering ``covered`` turned into a model suggestion."""
    spans = tuple(
        replace(s, provenance=Provenance(rule=rule)) if s.text_in(annotation.text) == covered else s
        for s in annotation.spans
    )
    return replace(annotation, spans=spans)


def _cells(text: ArticleText, offset: int) -> list[Segment]:
    """The drawn segments of the visual line holding ``offset``, one per character."""
    line = text.line_of_offset(offset)
    start, _ = text.line_range(line)
    strip = text._line_strip(line, text.rich_style)
    cells: list[Segment] = []
    for segment in strip:
        cells += [Segment(ch, segment.style) for ch in segment.text]
    return cells[offset - start : offset - start + 1]


def _style_at(text: ArticleText, offset: int):
    return _cells(text, offset)[0].style


# -- pure: what the status line says -------------------------------------------------


def test_the_status_line_names_label_state_who_and_why() -> None:
    annotation = _suggested(seed_annotation(), "Kim Jong Un", "ner")
    kim = next(s for s in annotation.spans if s.text_in(SEED_TEXT) == "Kim Jong Un")
    parts = span_status(replace(annotation, model="en_core_web_sm"), kim, default_config())
    assert parts[0] == "PERSON person"
    assert parts[1] == "suggestion of en_core_web_sm"
    assert parts[2] == "why: ner"
    assert parts[3].startswith("mention of Kim Jong Un")


def test_each_state_reads_differently() -> None:
    assert state_words(replace(ANA, rule="ner")) == "accepted by ana, 2026-12-05 08:01"
    assert state_words(ANA) == "made by ana, 2026-12-05 08:01"
    assert state_words(replace(ANA, state="rejected", rule="ner")).startswith("rejected by ana")
    imported = Provenance(source="import:prodigy", state="accepted")
    assert state_words(imported) == "accepted, imported from prodigy"
    assert state_words(Provenance(), "m") == "suggestion of m"


# -- in the app ------------------------------------------------------------------------


async def test_a_suggestion_is_drawn_dim_and_a_decision_plain() -> None:
    annotation = _suggested(seed_annotation(), "Kim Jong Un")
    app = ViewApp(annotation)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = app.screen.query_one(ArticleText)
        kim = SEED_TEXT.index("Kim Jong Un")
        putin = SEED_TEXT.index("Vladimir Putin")
        suggested, decided = _style_at(text, kim + 1), _style_at(text, putin + 1)
        assert suggested.dim and not decided.dim
        assert suggested.bgcolor == decided.bgcolor  # the same label, the same tint


async def test_the_status_line_follows_the_cursor_and_the_edits(tmp_path: Path) -> None:
    _path, ids, app = edit_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(app, pilot, ids["trade"])
        status = screen.query_one(StatusLine)
        text = text_of(screen)
        await go_to(pilot, text, TRADE_TEXT.index("Anna Berg") + 2)
        line = str(status.render())
        assert "PERSON person" in line and "suggestion of en_core_web_sm" in line
        await pilot.press("a")
        await pilot.pause()
        assert "PERSON person  · accepted by tester, " in str(status.render())
        assert not _style_at(text, TRADE_TEXT.index("Anna Berg") + 2).dim
        await go_to(pilot, text, TRADE_TEXT.index("new tariffs") + 1)
        assert "No span at the cursor" in str(status.render())
        await pilot.press("shift+right")
        await pilot.pause()
        assert "1 word selected" in str(status.render())


async def test_x_shows_rejected_spans_struck_through() -> None:
    annotation = seed_annotation()
    kim = next(s for s in annotation.spans if s.text_in(SEED_TEXT) == "Kim Jong Un")
    rejected = replace(kim, provenance=replace(ANA, state="rejected"))
    spans = tuple(rejected if s.id == kim.id else s for s in annotation.spans)
    people = tuple(
        replace(p, mentions=tuple(m for m in p.mentions if m != kim.id)) for p in annotation.people
    )
    app = ViewApp(replace(annotation, spans=spans, people=people))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = app.screen.query_one(ArticleText)
        assert not _style_at(text, kim.start + 1).strike
        await pilot.press("X")
        await pilot.pause()
        assert text.show_rejected
        assert _style_at(text, kim.start + 1).strike
        await pilot.press("X")
        await pilot.pause()
        assert not _style_at(text, kim.start + 1).strike


async def test_the_cursor_shows_on_a_highlight_a_selection_and_a_tint() -> None:
    app = ViewApp(seed_annotation())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        text = screen.query_one(ArticleText)
        kim = SEED_TEXT.index("Kim Jong Un")
        screen.select_person("P1")  # Kim's mentions reversed
        text.set_cursor(kim + 1)
        await pilot.pause()
        caret, beside = _style_at(text, kim + 1), _style_at(text, kim + 2)
        assert beside.reverse and not caret.reverse  # a hole in the reversed highlight
        text.select(kim, kim + 11)  # the cursor at the end of a selection
        text.set_cursor(kim + 4, extend=True)
        await pilot.pause()
        assert _style_at(text, kim + 4).reverse != _style_at(text, kim + 3).reverse
        text.clear_selection()
        screen.action_clear_selection()
        text.set_cursor(kim + 1)
        await pilot.pause()
        assert _style_at(text, kim + 1).reverse and not _style_at(text, kim + 2).reverse
        screen.query_one("#people").focus()  # the focus leaves the text: underlined, still there
        await pilot.pause()
        assert _style_at(text, kim + 1).underline


async def test_a_headline_line_is_drawn_as_a_title() -> None:
    from annotate.contract import from_contract
    from tests.tui.view_helpers import make_article

    text = "Envoy Arrives\n\nThe envoy arrived in Lisbon on Friday."
    annotation = from_contract({"text": text, "entities": [], "people": [], "events": []})
    app = ViewApp(annotation, make_article(text, title="Envoy Arrives"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text_widget = app.screen.query_one(ArticleText)
        assert _style_at(text_widget, 1).bold
        assert not _style_at(text_widget, text.index("envoy arrived") + 1).bold


def _drawn(text: ArticleText, offset: int) -> str:
    """The visual line holding ``offset`` as drawn (label tags included)."""
    line = text.line_of_offset(offset)
    return text._line_strip(line, text.rich_style).text


async def test_without_colour_each_label_is_written_after_its_span(monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = ViewApp(seed_annotation())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = app.screen.query_one(ArticleText)
        assert app.no_color and text.label_tags
        kim = SEED_TEXT.index("Kim Jong Un")
        assert "North Korean[NORP] leader[ROLE] Kim Jong Un[PERSON]" in _drawn(text, kim)
        # the caret and the mouse step over the tags: a click lands on the word clicked
        word = SEED_TEXT.index("cosmodrome") + 2  # in no span: a click puts the cursor there
        line = text.line_of_offset(word)
        column = text._column(line, word)
        assert column > word - text.line_range(line).start  # tags before it push it right
        region = text.content_region
        await pilot.click(offset=(region.x + column, region.y + line))
        assert text.cursor_offset == word
        await pilot.press("down", "up")
        assert text.cursor_offset == word  # the column held across tagged lines
        await pilot.press("#")
        await pilot.pause()
        assert not text.label_tags and "[PERSON]" not in _drawn(text, kim)
        assert SEED_TEXT[kim : kim + 20] in _drawn(text, kim)
        await pilot.press("#")
        word_end = SEED_TEXT.index("cosmodrome") + len("cosmodrome")
        added = Span(id="new", start=word_end - 10, end=word_end, label="FAC")
        text.set_spans((*seed_annotation().spans, added))  # an edit: the tags follow
        await pilot.pause()
        assert "cosmodrome[FAC]" in _drawn(text, word_end)
