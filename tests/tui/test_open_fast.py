"""What makes start-up and opening an article fast keeps the app's behaviour.

The list is the app's first screen and is drawn before the label configuration is read; the
article screen is built ahead of use (a spare screen, given its article on opening); the
garbage collector is held only until the frame is drawn; ``import tui.app`` leaves out what
the list does not need.
"""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from textual.widgets import TabbedContent

from tests.tui.conftest import RAIN_TEXT, TRADE_TEXT, settle
from tests.tui.edit_helpers import RAIN_TITLE, TRADE_TITLE, fill_edit_store, open_article
from tui.app import AnnotuiApp, make_app
from tui.safe_text import _PRINTABLE, _PRINTABLE_KEEP_NEWLINES
from tui.screens.article_list import ArticleListScreen
from tui.screens.article_view import ArticleScreen
from tui.widgets.article_text import ArticleText, printable
from tui.widgets.people_panel import PeoplePanel


def new_app(path: Path) -> AnnotuiApp:
    """The app with its start-up tuning on, as users run it (the other tests turn it off)."""
    return make_app(path, annotator="tester")


def _spare(app: AnnotuiApp) -> ArticleScreen | None:
    spare = app._spare
    return spare if spare is not None and spare.is_mounted else None


async def test_the_list_is_the_first_screen_and_the_configuration_follows(tmp_path: Path) -> None:
    path = tmp_path / "store"
    fill_edit_store(path)
    (path / "config.toml").write_text('[labels.LOC]\nkey = "z"\n', encoding="utf-8")
    app = new_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen_stack[0], ArticleListScreen)
        assert len(app.screen_stack) == 1
        await settle(app, pilot)
        assert app.label_config.by_key("z") is not None  # read after the first frame
        assert gc.isenabled()  # held only until the list was drawn


async def test_articles_open_on_a_spare_screen_with_nothing_left_over(tmp_path: Path) -> None:
    ids = fill_edit_store(tmp_path / "store")
    app = new_app(tmp_path / "store")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        spare = _spare(app)
        assert spare is not None and spare.is_spare
        trade = await open_article(app, pilot, ids["trade"])
        assert trade is spare and not trade.is_spare
        await pilot.pause()
        assert trade.query_one(ArticleText).text == TRADE_TEXT
        assert TRADE_TITLE in str(trade.title)
        assert trade.query_one(PeoplePanel).option_count == 2
        await pilot.press("2", "down")  # roles list, highlight a role: state of this screen
        await pilot.pause()
        assert trade.selection is not None
        await pilot.press("escape", "escape", "escape")  # panel → text → no highlight → list
        await settle(app, pilot)
        assert isinstance(app.screen, ArticleListScreen)
        next_spare = _spare(app)
        assert next_spare is not None and next_spare is not trade
        rain = await open_article(app, pilot, ids["rain"])
        await pilot.pause()
        assert rain is next_spare
        assert rain.query_one(ArticleText).text == RAIN_TEXT
        assert RAIN_TITLE in str(rain.title)
        assert rain.selection is None
        assert rain.query_one(TabbedContent).active == "people-tab"
        assert rain.query_one(PeoplePanel).option_count == 0
        assert isinstance(rain.focused, ArticleText)
        assert not trade.is_attached  # the popped screen is gone
        assert gc.isenabled()


async def test_a_spare_screen_follows_a_resize_before_it_is_shown(tmp_path: Path) -> None:
    ids = fill_edit_store(tmp_path / "store")
    app = new_app(tmp_path / "store")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        spare = _spare(app)
        assert spare is not None and spare.has_class("-wide")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        screen = await open_article(app, pilot, ids["trade"])
        assert screen is spare
        assert screen.has_class("-narrow") and not screen.has_class("-wide")


async def test_a_theme_change_reaches_the_spare_screen(tmp_path: Path) -> None:
    ids = fill_edit_store(tmp_path / "store")
    app = new_app(tmp_path / "store")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        spare = _spare(app)
        assert spare is not None
        await pilot.press("ctrl+t")
        await settle(app, pilot)
        screen = await open_article(app, pilot, ids["trade"])
        await pilot.pause()
        assert screen is spare
        # the legend was styled before the change: it has the light theme's panel colour now
        legend = screen.query_one("#legend").styles.background
        header = app.screen_stack[0].query_one("Header").styles.background
        assert legend == header
        assert not app.current_theme.dark


def test_importing_the_app_leaves_out_what_the_list_does_not_need() -> None:
    code = (
        "import sys, tui.app\n"
        "wanted = ['tui.screens.article_view', 'tui.commands', 'tui.screens.help', "
        "'annotate.labels', 'tui.label_styles', 'annotate.edits.events', 'spacy']\n"
        "print(' '.join(m for m in wanted if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(done.stdout.split())
    assert loaded <= {"annotate.edits.events"}, loaded  # the store may need the edits


@given(st.text(alphabet=st.characters(max_codepoint=0x2100), max_size=40))
def test_printable_is_translate_with_a_fast_path(text: str) -> None:
    assert printable(text) == text.translate(_PRINTABLE)
    assert printable(text, keep_newlines=True) == text.translate(_PRINTABLE_KEEP_NEWLINES)
