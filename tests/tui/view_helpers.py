"""The seed article hand-annotated, and a bare app showing one article: shared by the article
view tests and their snapshots."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from annotate.contract import from_contract
from annotate.model import Annotation
from store import Article
from tests.offsets import at as offsets_at
from tui.screens.article_view import ArticleScreen

SEED_PATH = Path(__file__).resolve().parents[2] / "seeds" / "kim-putin-cosmodrome.txt"
SEED_TEXT = SEED_PATH.read_text(encoding="utf-8")


def at(text: str, words: str, nth: int = 0) -> dict[str, int]:
    """Return the offsets of the ``nth`` whole-word occurrence of ``words`` in ``text``."""
    return offsets_at(text, words, nth, whole_words=True)


def seed_contract(text: str = SEED_TEXT) -> dict[str, Any]:
    """A hand-written extraction contract over the seed article (three people, four events)."""
    kim = [at(text, "Kim Jong Un"), *(at(text, "Kim", n) for n in (1, 2, 3, 9, 16))]
    putin = [at(text, "Vladimir Putin"), at(text, "Putin", 1), at(text, "Putin", 2)]
    shoigu = [at(text, "Sergei Shoigu"), at(text, "Shoigu", 1)]
    return {
        "source": "seeds/kim-putin-cosmodrome.txt",
        "text": text,
        "entities": [
            {**at(text, "North Korean"), "label": "NORP"},
            {**at(text, "Russia"), "label": "GPE"},
            {**at(text, "Far East"), "label": "LOC"},
            {**at(text, "Russian"), "label": "NORP"},
            {**at(text, "United States"), "label": "GPE"},
            {**at(text, "North Korea", 0), "label": "GPE"},
            {**at(text, "Korean Central News Agency"), "label": "ORG"},
            {**at(text, "July"), "label": "DATE"},
            {**at(text, "18-month-long"), "label": "DATE"},
        ],
        "people": [
            {
                "id": "P1",
                "name": "Kim Jong Un",
                "mentions": kim,
                "roles": [{"title": "North Korean leader", **at(text, "North Korean leader")}],
            },
            {
                "id": "P2",
                "name": "Vladimir Putin",
                "mentions": putin,
                "roles": [{"title": "Russian President", **at(text, "Russian President")}],
            },
            {
                "id": "P3",
                "name": "Sergei Shoigu",
                "mentions": shoigu,
                "roles": [{"title": "Defense Minister", **at(text, "Defense Minister")}],
            },
        ],
        "events": [
            {
                "id": "E1",
                "trigger": "arrived",
                **at(text, "arrived"),
                "type": "Movement",
                "participants": [{"person": "P1", "role": "agent"}],
                "place": {"text": "…", **at(text, "a cosmodrome in Russia’s Far East")},
            },
            {
                "id": "E2",
                "trigger": "welcomed",
                **at(text, "welcomed"),
                "type": "Meeting",
                "participants": [
                    {"person": "P2", "role": "agent"},
                    {"person": "P1", "role": "patient"},
                ],
            },
            {
                "id": "E3",
                "trigger": "fired",
                **at(text, "fired"),
                "type": "Attack",
                "arguments": [{**at(text, "North Korea"), "label": "GPE", "role": "agent"}],
                "time": {"text": "Earlier in the day", **at(text, "Earlier in the day")},
            },
            {
                "id": "E4",
                "trigger": "visit",
                **at(text, "visit", 2),
                "type": "Movement",
                "participants": [{"person": "P3", "role": "agent"}],
                "time": {"text": "July", **at(text, "July")},
            },
        ],
    }


def seed_annotation(text: str = SEED_TEXT) -> Annotation:
    """The hand-written annotation of the seed article."""
    return from_contract(seed_contract(text))


def make_article(text: str = SEED_TEXT, title: str = "Kim meets Putin") -> Article:
    """A stored-article value over ``text``."""
    return Article(
        id="a1",
        title=title,
        text=text,
        source="seeds/kim-putin-cosmodrome.txt",
        metadata={},
        status="in_progress",
        created="2024-09-13T00:00:00+00:00",
    )


class ViewApp(App[None]):
    """A bare app that shows one article (the real app's q and ? are stood in for)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="test.quit"),
    ]

    def __init__(
        self,
        annotation: Annotation | None,
        article: Article | None = None,
        theme: str = "textual-dark",
    ) -> None:
        super().__init__()
        self.article = article or make_article()
        self.initial_annotation = annotation
        self.theme_name = theme

    def on_mount(self) -> None:
        self.theme = self.theme_name
        self.push_screen(ArticleScreen(self.article, self.initial_annotation))
