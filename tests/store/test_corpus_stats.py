"""Corpus statistics: exact counts on small hand-made stores, the CLI's text and JSON, and the
statistics screen."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from annotate.contract import from_contract
from annotate.model import Annotation, Provenance
from store import Store
from store.corpus_stats import corpus_stats, stats_of
from tests.cli_runner import run_cli

MODEL = Provenance(rule="ner")
ANA = Provenance(source="human", annotator="ana", time="2026-12-01T10:00:00Z", state="accepted")
BO = Provenance(source="human", annotator="bo", time="2026-12-02T10:00:00Z", state="accepted")

TEXT_ONE = "Anna Berg met Omar Diaz in Oslo. Berg left."
TEXT_TWO = "Omar Diaz visited Lima on Monday."


def _annotation(text: str, people: list[tuple[str, list[str]]], others: list[tuple[str, str]]):
    def at(words: str, nth: int = 0) -> dict[str, int]:
        start = -1
        for _ in range(nth + 1):
            start = text.index(words, start + 1)
        return {"start": start, "end": start + len(words)}

    contract = {
        "text": text,
        "entities": [{**at(w), "label": label} for w, label in others],
        "people": [
            {"name": name, "mentions": [at(m, n) for n, m in enumerate(ms) if m in text]}
            for name, ms in people
        ],
        "events": [],
    }
    return from_contract(contract, MODEL)


def _decide(annotation: Annotation, covered: str, provenance: Provenance) -> Annotation:
    spans = tuple(
        replace(s, provenance=replace(provenance, rule=s.provenance.rule))
        if s.text_in(annotation.text) == covered
        else s
        for s in annotation.spans
    )
    return replace(annotation, spans=spans)


def _corpus() -> list[tuple[str, Annotation | None]]:
    one = _annotation(
        TEXT_ONE, [("Anna Berg", ["Anna Berg"]), ("Omar Diaz", ["Omar Diaz"])], [("Oslo", "GPE")]
    )
    one = _decide(one, "Anna Berg", ANA)
    one = _decide(one, "Oslo", replace(ANA, state="rejected"))
    two = _annotation(
        TEXT_TWO, [("Omar  diaz", ["Omar Diaz"])], [("Lima", "GPE"), ("Monday", "DATE")]
    )
    two = _decide(two, "Lima", BO)
    hand = Provenance(source="human", annotator="bo", time="2026-12-03T10:00:00Z", state="accepted")
    two = replace(
        two, spans=tuple(replace(s, provenance=hand) if s.label == "DATE" else s for s in two.spans)
    )
    return [("reviewed", one), ("in_progress", two), ("new", None)]


def test_the_counts_of_a_small_corpus() -> None:
    stats = stats_of(_corpus())
    assert (stats.articles, stats.annotated, stats.reviewed) == (3, 2, 1)
    assert stats.by_status == {"new": 1, "in_progress": 1, "reviewed": 1}
    assert stats.by_label == {"PERSON": 3, "GPE": 1, "DATE": 1}  # Oslo rejected
    assert stats.by_state == {"suggested": 2, "accepted": 3, "rejected": 1}
    assert stats.by_origin == {"model": 5, "human": 1}
    person = stats.acceptance["PERSON"]
    assert (person.accepted, person.rejected, person.open, person.rate) == (1, 0, 2, 1.0)
    gpe = stats.acceptance["GPE"]
    assert (gpe.accepted, gpe.rejected, gpe.rate) == (1, 1, 0.5)
    assert "DATE" not in stats.acceptance  # made by hand: not the model's
    assert stats.open_suggestions == 2
    assert stats.top_people[0].name == "Omar Diaz"  # "Omar  diaz" is the same person
    assert (stats.top_people[0].articles, stats.top_people[0].mentions) == (2, 2)
    work = {a.name: (a.decisions, a.articles, a.reviewed) for a in stats.annotators}
    assert work == {"ana": (2, 1, 1), "bo": (2, 1, 0)}


def _store(path: Path) -> Path:
    store = Store(path)
    for (status, annotation), text in zip(
        _corpus(), (TEXT_ONE, TEXT_TWO, "Rain fell."), strict=True
    ):
        article = store.add_article(text)
        if annotation is not None:
            store.save_annotation(article, annotation)
        if status != "new":
            store.set_status(article, status)  # type: ignore[arg-type]
    return path


def test_the_store_gives_the_same_counts(tmp_path: Path) -> None:
    path = _store(tmp_path / "store")
    with Store(path, readonly=True) as store:
        assert corpus_stats(store) == stats_of(_corpus())


def test_stats_command_prints_charts_and_json(tmp_path: Path) -> None:
    path = _store(tmp_path / "store")
    text = run_cli("stats", "--store", str(path))
    assert text.returncode == 0
    assert "Articles: 1 of 3 reviewed" in text.stdout
    assert "GPE" in text.stdout and "50%" in text.stdout
    assert "Omar Diaz" in text.stdout and "2 articles" in text.stdout
    ran = run_cli("stats", "--store", str(path), "--json")
    data = json.loads(ran.stdout)
    assert data["reviewed"] == 1 and data["open_suggestions"] == 2
    assert data["acceptance"]["GPE"] == {"accepted": 1, "rejected": 1, "open": 0, "rate": 0.5}
    assert data["by_label"]["PERSON"] == 3
    assert data["annotators"][0]["name"] == "ana"


async def test_the_statistics_screen_shows_the_charts(tmp_path: Path) -> None:
    from tests.tui.conftest import make_test_app, settle
    from tui.screens.stats_screen import BarChart, StatsScreen

    path = _store(tmp_path / "store")
    app = make_test_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("S")
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        await settle(app, pilot)
        assert screen.stats is not None  # the app annotated the third article meanwhile
        assert screen.stats.acceptance == stats_of(_corpus()).acceptance
        charts = list(screen.query(BarChart))
        assert charts[0].section.title == "Articles: 1 of 3 reviewed"
        drawn = str(charts[4].render())
        assert "GPE" in drawn and "50%" in drawn
        await pilot.press("escape")
        assert not isinstance(app.screen, StatsScreen)
