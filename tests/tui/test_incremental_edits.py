"""An edit redraws only what it changed, and draws exactly what a full redraw would.

``ArticleText.set_spans`` tells the spans apart by id: after an edit only the changed spans are
re-indexed and only the lines they cover are styled again (``restyled_lines`` counts styled
lines). The side panels skip the lists an edit cannot have changed (``row_checks`` counts the
times a list's rows were built). What the widget draws after any sequence of incremental
updates must equal what a fresh widget draws for the same spans.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.pilot import Pilot
from textual.strip import Strip

from annotate.edits import relabel_span, rename_person
from annotate.model import Annotation, Provenance, Span
from tests.tui.conftest import fill_seed_store, gold_seed_annotation, seed_text
from tests.tui.edit_helpers import go_to, new_app, open_article, text_of
from tui.screens import article_view
from tui.widgets.annotation_changes import annotation_change
from tui.widgets.article_text import ArticleText
from tui.widgets.events_panel import EventsPanel
from tui.widgets.people_panel import PeoplePanel
from tui.widgets.roles_panel import RolesPanel

BY = Provenance(source="human", annotator="tester", time="2026-11-28T00:00:00+00:00")
REJECTED = Provenance(source="human", annotator="tester", state="rejected")
VIEW_CSS = Path(article_view.__file__).with_name("article_view.tcss")
LABELS = ("PERSON", "ORG", "GPE", "DATE", "ROLE", "TRIGGER", "NORP", "MONEY")


def span_named(annotation: Annotation, words: str, label: str) -> Span:
    """The span of ``label`` covering exactly ``words`` (the first one)."""
    return next(
        s for s in annotation.spans if s.label == label and s.text_in(annotation.text) == words
    )


def lines_of(text: ArticleText, *spans: Span) -> set[int]:
    """The visual lines the spans cover."""
    lines: set[int] = set()
    for span in spans:
        first, last = text.line_of_offset(span.start), text.line_of_offset(span.end - 1)
        lines.update(range(first, last + 1))
    return lines


# -- the text widget ---------------------------------------------------------------------


class TwoTexts(App[None]):
    """The seed text twice, side by side at the same width: updated, and drawn afresh."""

    AUTO_FOCUS = None
    CSS_PATH = VIEW_CSS  # the label colours
    CSS = "Horizontal > Vertical { width: 62; }"

    def compose(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="updated"):
                yield ArticleText(seed_text(), id="incremental")
            yield Vertical(id="fresh")


def drawn(text: ArticleText) -> list[Strip]:
    """Every line the widget draws (the whole text is in view)."""
    assert text.line_count <= text.scrollable_content_region.height
    return [text.render_line(y) for y in range(text.line_count)]


def apply_step(spans: dict[str, Span], step: tuple[str, int, int, int], serial: int) -> None:
    """Change ``spans`` (by id) as one random step says: add, remove, relabel, reject, move."""
    kind, pick, place, size = step
    text = seed_text()
    ids = sorted(spans)
    start = place % (len(text) - 1)
    end = min(len(text), start + 1 + size % 60)
    label = LABELS[pick % len(LABELS)]
    if kind == "add" or not ids:
        spans[f"X{serial}"] = Span(f"X{serial}", start, end, label, BY)
        return
    span = spans[ids[pick % len(ids)]]
    if kind == "remove":
        del spans[span.id]
    elif kind == "relabel":
        spans[span.id] = replace(span, label=label)
    elif kind == "reject":
        spans[span.id] = replace(span, provenance=REJECTED)
    else:
        spans[span.id] = replace(span, start=start, end=end)


STEPS = st.lists(
    st.tuples(
        st.sampled_from(("add", "remove", "relabel", "reject", "move")),
        st.integers(0, 10_000),
        st.integers(0, 10_000),
        st.integers(0, 10_000),
    ),
    min_size=1,
    max_size=6,
)


# each example starts an app (about 1 s): few here; the edits below Textual get 150 examples
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=STEPS, focus=st.integers(0, 1_000))
def test_incremental_updates_draw_what_a_full_redraw_draws(
    steps: list[tuple[str, int, int, int]], focus: int
) -> None:
    asyncio.run(_compare_after_steps(steps, focus))


async def _compare_after_steps(steps: list[tuple[str, int, int, int]], focus: int) -> None:
    app = TwoTexts()
    async with app.run_test(size=(130, 90)) as pilot:
        text = app.query_one("#incremental", ArticleText)
        spans = {span.id: span for span in gold_seed_annotation().spans}
        text.set_spans(list(spans.values()))
        ids = sorted(spans)
        text.set_focus_spans(ids[focus % len(ids) :: 7], scroll=False)
        await pilot.pause()
        for serial, step in enumerate(steps):
            drawn(text)  # every line styled and cached, so a stale cached line would show
            styled = text.restyled_lines
            apply_step(spans, step, serial)
            text.set_spans(list(spans.values()))
            await pilot.pause()
            updated = drawn(text)  # before a mount restyles the whole app (and drops caches)
            assert text.restyled_lines - styled < text.line_count or len(spans) < 60
            fresh = ArticleText(seed_text())
            await app.query_one("#fresh").mount(fresh)
            fresh.set_spans(list(spans.values()))
            fresh.set_focus_spans(text.focus_span_ids, scroll=False)
            await pilot.pause()
            assert text.focus_span_ids == fresh.focus_span_ids
            assert text.labels == fresh.labels
            assert updated == drawn(fresh), f"after {step}"
            await fresh.remove()
            await pilot.pause()


async def test_a_relabel_restyles_only_the_lines_of_its_span() -> None:
    app = TwoTexts()
    async with app.run_test(size=(130, 90)) as pilot:
        text = app.query_one("#incremental", ArticleText)
        annotation = gold_seed_annotation()
        text.set_spans(annotation.spans)
        await pilot.pause()
        drawn(text)
        cached = set(text._strips.keys())
        assert len(cached) == text.line_count > 40
        span = span_named(annotation, "Russia", "GPE")
        patch = relabel_span(annotation, span.id, "ORG", by=BY)
        before = text.restyled_lines
        text.set_spans(patch.apply(annotation).spans)
        touched = lines_of(text, span)
        assert set(text._strips.keys()) == cached - touched
        await pilot.pause()
        assert text.restyled_lines - before == len(touched)
        assert span.id in text.spans_at(span.start)


# -- the screen: text and panels after an edit made with a key ------------------------------


async def test_a_label_key_redraws_its_lines_and_no_panel_it_does_not_touch(
    tmp_path: Path,
) -> None:
    path = tmp_path / "store"
    article_id = fill_seed_store(path)
    app = new_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(app, pilot, article_id)
        text = text_of(screen)
        await pilot.pause()
        assert screen.annotation is not None
        russia = span_named(screen.annotation, "Russia", "GPE")
        await go_to(pilot, text, russia.start)
        await pilot.pause()
        panels = [screen.query_one(kind) for kind in (PeoplePanel, RolesPanel, EventsPanel)]
        checks = [panel.row_checks for panel in panels]
        people = list(screen.query_one(PeoplePanel).options)
        before = text.restyled_lines
        await pilot.press("o")  # relabel the place an organisation
        await pilot.pause()
        assert screen.annotation.span(russia.id).label == "ORG"
        # the span's line, nothing else (the cursor stayed where it was)
        assert text.restyled_lines - before == len(lines_of(text, russia))
        # People and Roles do not read this span: not even their rows were built
        assert [panel.row_checks for panel in panels[:2]] == checks[:2]
        assert list(screen.query_one(PeoplePanel).options) == people
        await pilot.press("u")
        await pilot.pause()
        assert screen.annotation.span(russia.id).label == "GPE"
        assert [panel.row_checks for panel in panels[:2]] == checks[:2]


async def _panels_filled(pilot: Pilot[None], screen: article_view.ArticleScreen) -> None:
    """Wait for the frame after an edit, when the panels are brought up to date."""
    for _ in range(20):
        await pilot.pause()
        if not screen._panels_due:
            return


async def test_relabelling_a_mention_rebuilds_the_people_list(tmp_path: Path) -> None:
    path = tmp_path / "store"
    article_id = fill_seed_store(path)
    app = new_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(app, pilot, article_id)
        await pilot.pause()
        annotation = screen.annotation
        assert annotation is not None
        person = annotation.people[0]
        mention = annotation.span(person.mentions[0])
        people = screen.query_one(PeoplePanel)
        checks = people.row_checks
        assert screen.run_edit(relabel_span, mention.id, "ORG")
        await _panels_filled(pilot, screen)
        assert people.row_checks == checks + 1
        assert screen.run_edit(rename_person, person.id, "Someone Else")
        await _panels_filled(pilot, screen)
        assert people.row_checks == checks + 2
        assert any("Someone Else" in str(option.prompt) for option in people.options)


# -- what an edit changed ------------------------------------------------------------------


def test_annotation_change_names_the_changed_items() -> None:
    annotation = gold_seed_annotation()
    russia = span_named(annotation, "Russia", "GPE")
    relabelled = relabel_span(annotation, russia.id, "ORG", by=BY).apply(annotation)
    change = annotation_change(annotation, relabelled)
    assert change.spans == {russia.id}
    assert not (change.people or change.names or change.roles or change.events)

    person = annotation.people[0]
    renamed = rename_person(annotation, person.id, "Someone Else", by=BY).apply(annotation)
    change = annotation_change(annotation, renamed)
    assert change.people and change.names
    assert not change.spans

    gone = annotation.with_changes(spans=[s for s in annotation.spans if s.id != russia.id])
    assert russia.id in annotation_change(annotation, gone).spans
    assert not annotation_change(annotation, annotation).spans
