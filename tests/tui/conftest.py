"""Fixtures of the app tests: stores with fixed contents, the app built on them, a settle helper."""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input
from textual.worker import WorkerFailed

from annotate.contract import from_contract
from annotate.model import Annotation
from store import Store
from tests.offsets import at
from tui.app import AnnotuiApp, make_app
from tui.screens.article_list import ArticleListScreen
from tui.screens.path_dialog import PathDialog
from tui.textual_private import quick_pilot_idle

ROOT = Path(__file__).resolve().parents[2]
SEED_TEXT_PATH = ROOT / "seeds" / "kim-putin-cosmodrome.txt"
GOLD_PATH = ROOT / "tests" / "fixtures" / "gold" / "kim-putin-cosmodrome.legacy.jsonl"
"""The seed annotated with annotui's event types before ACE (``Meeting``...): a store made
by an older annotui, which the tests use as it is (the gold of today is the ACE one)."""

SEED_TITLE = "Kim Jong Un arrives at a Russian cosmodrome to meet Putin"
"""Title given to the seed article in the fixture stores."""

MARKUP_TITLE = "Tariffs [red]x[/red] and [bold]trade[/bold] $x"
"""An article title that must be drawn literally, never as markup."""

TRADE_TEXT = (
    "Trade Minister Anna Berg met Finance Minister Omar Diaz in Oslo on Monday. "
    "Berg announced new tariffs after the meeting."
)
"""A short second article with two people, two roles and two events."""

RAIN_TEXT = "Heavy rain flooded the valley on Sunday, and the river rose by two metres."
"""A third article without people."""


@pytest.fixture(autouse=True, scope="session")
def quick_idle_checks() -> Iterator[None]:
    """Let Pilot see the app idle after 5 ms instead of 20 ms per look (a private Textual
    setting; see :func:`tui.textual_private.quick_pilot_idle` for what it saves)."""
    with quick_pilot_idle():
        yield


def pytest_configure(config: pytest.Config) -> None:
    """Register the marker of tests that load the real spaCy pipeline."""
    config.addinivalue_line(
        "markers", "spacy: loads the real spaCy pipeline (about 2 s); deselect with -m 'not spacy'"
    )


def seed_text() -> str:
    """The seed article's text."""
    return SEED_TEXT_PATH.read_text(encoding="utf-8")


def gold_seed_annotation() -> Annotation:
    """The gold annotation of the seed article (tests/fixtures/gold)."""
    first = GOLD_PATH.read_text(encoding="utf-8").splitlines()[0]
    return from_contract(json.loads(first))


def trade_annotation() -> Annotation:
    """A hand-written annotation of :data:`TRADE_TEXT`."""
    text = TRADE_TEXT
    contract: dict[str, Any] = {
        "text": text,
        "entities": [
            {**at(text, "Anna Berg"), "label": "PERSON"},
            {**at(text, "Omar Diaz"), "label": "PERSON"},
            {**at(text, "Oslo"), "label": "GPE"},
            {**at(text, "Monday"), "label": "DATE"},
            {**at(text, "Berg", 1), "label": "PERSON"},
        ],
        "people": [
            {
                "id": "P1",
                "name": "Anna Berg",
                "mentions": [at(text, "Anna Berg"), at(text, "Berg", 1)],
                "roles": [{"title": "Trade Minister", **at(text, "Trade Minister")}],
            },
            {
                "id": "P2",
                "name": "Omar Diaz",
                "mentions": [at(text, "Omar Diaz")],
                "roles": [{"title": "Finance Minister", **at(text, "Finance Minister")}],
            },
        ],
        "events": [
            {
                "id": "E1",
                "trigger": "met",
                **at(text, "met"),
                "type": "Meeting",
                "participants": [
                    {"person": "P1", "role": "agent"},
                    {"person": "P2", "role": "patient"},
                ],
                "time": {"text": "Monday", **at(text, "Monday")},
                "place": {"text": "Oslo", **at(text, "Oslo")},
            },
            {
                "id": "E2",
                "trigger": "announced",
                **at(text, "announced"),
                "type": "Statement",
                "participants": [{"person": "P1", "role": "agent"}],
            },
        ],
    }
    return from_contract(contract)


def rain_annotation() -> Annotation:
    """A hand-written annotation of :data:`RAIN_TEXT`: one date, nobody."""
    contract = {"text": RAIN_TEXT, "entities": [{**at(RAIN_TEXT, "Sunday"), "label": "DATE"}]}
    return from_contract(contract)


def fill_seed_store(path: Path) -> str:
    """Create a store at ``path`` with the seed article and its gold annotation; return its id."""
    store = Store(path)
    article_id = store.add_article(
        seed_text(), title=SEED_TITLE, source="seeds/kim-putin-cosmodrome.txt"
    )
    store.save_annotation(article_id, gold_seed_annotation())
    return article_id


def fill_demo_store(path: Path) -> dict[str, str]:
    """Create a store of three annotated articles with every status; return title -> id."""
    store = Store(path)
    ids = {SEED_TITLE: fill_seed_store(path)}
    trade = store.add_article(TRADE_TEXT, title=MARKUP_TITLE, source="trade.txt")
    store.save_annotation(trade, trade_annotation())
    store.set_status(trade, "in_progress")
    ids[MARKUP_TITLE] = trade
    rain = store.add_article(RAIN_TEXT, source="rain.txt")
    store.save_annotation(rain, rain_annotation())
    store.set_status(rain, "reviewed")
    ids[store.article(rain).title] = rain
    return ids


def make_test_app(store_path: Path, *, model_process: bool = False, **options: Any) -> AnnotuiApp:
    """:func:`make_app` without the start-up tuning (collector held and frozen, a spare article
    screen): each short test session would pay for it. ``test_open_fast.py`` keeps it on.

    The default model runs in this process, on the pipeline each test worker loads once,
    unless ``model_process``: the tests of the app's model runs use the real process
    (``tui/model_process.py``); for the others its start (about two seconds) is no part of
    what they test.
    """
    app = make_app(store_path, startup_tuning=False, **options)
    if not model_process and options.get("model") is None:
        from annotate.pipeline import Annotator

        app.annotation_worker.use(Annotator(options.get("model")))
    return app


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """A store holding the seed article with its stored gold annotation."""
    path = tmp_path / "store"
    fill_seed_store(path)
    return path


@pytest.fixture
def demo_store_path(tmp_path: Path) -> Path:
    """A store of three annotated articles (seed, markup title, no people)."""
    path = tmp_path / "demo"
    fill_demo_store(path)
    return path


@pytest.fixture
def app(store_path: Path) -> AnnotuiApp:
    """The app on the seed store."""
    return make_test_app(store_path, annotator="tester")


@pytest.fixture
def demo_app(demo_store_path: Path) -> AnnotuiApp:
    """The app on the three-article store."""
    return make_test_app(demo_store_path, annotator="tester")


async def settle(app: AnnotuiApp, pilot: Pilot[None]) -> None:
    """Wait until every worker has finished and the messages they posted are handled.

    A failed worker is not raised here: the app reports it as a notification, which the
    tests check.
    """
    await pilot.pause()
    for _ in range(100):  # a worker may start another (the model run starts after a frame)
        with contextlib.suppress(WorkerFailed):
            await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in app.workers):
            return


async def press_on_the_list(app: AnnotuiApp, pilot: Pilot[None], key: str) -> Input:
    """Press ``key`` on the list; return the input of the path dialog it opens."""
    assert isinstance(app.screen, ArticleListScreen)
    app.screen.table.focus()
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(app.screen, PathDialog)
    return app.screen.query_one(Input)


async def give_path(app: AnnotuiApp, pilot: Pilot[None], key: str, path: Path) -> None:
    """Press ``key`` (i, e) on the list, give the path, press enter."""
    field = await press_on_the_list(app, pilot, key)
    field.value = str(path)
    await pilot.press("enter")


async def until_done(app: AnnotuiApp, pilot: Pilot[None], running: Callable[[], bool]) -> None:
    """Wait (30 s at most) until ``running()`` is False, then for the screen to settle."""
    deadline = time.monotonic() + 30
    while running():
        assert time.monotonic() < deadline, "the work never ended"
        await pilot.pause(0.02)
    await settle(app, pilot)


def notices(app: AnnotuiApp, severity: str = "information") -> list[str]:
    return [n.message for n in app._notifications if n.severity == severity]
