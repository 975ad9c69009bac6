"""``annotui annotate``: pre-annotating a store without the app, run in-process on the real
pipeline (loaded once per test process), and once with real worker processes."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from annotate.edits import reject_span
from annotate.model import Annotation, Provenance
from annotate.pipeline import Annotator, default_model
from store import Store
from tui import batch_annotate
from tui.cli import main
from tui.progress_line import ProgressLine, progress_text

ARTICLES = [
    "Maria Lopez, the mayor of Valencia, met Tom Becker in Berlin on Monday.",
    "Prime Minister Anna Berg visited Oslo on Friday and spoke to farmers.",
    "The striker Paulo Mendes signed with a club in Lisbon last week.",
    "Senator John Okafor arrived in Lagos on Tuesday for the summit.",
    "Chief executive Lena Voss announced the merger in Munich.",
]


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """A store holding the five short articles, none of them annotated."""
    path = tmp_path / "store"
    with Store(path) as store:
        store.add_articles(ARTICLES)
    return path


def annotate(
    store_path: Path, *args: str, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    code = main(["annotate", "--store", str(store_path), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def model_annotations(store_path: Path) -> dict[str, Annotation | None]:
    with Store(store_path, readonly=True) as store:
        return {s.id: store.annotation(s.id) for s in store.summaries()}


def test_annotate_stores_a_model_annotation_for_every_article(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = annotate(store_path, "--json", capsys=capsys)
    assert code == 0, err
    report = json.loads(out)
    assert report["chosen"] == len(ARTICLES) == len(report["annotated"])
    assert report["failed"] == {} and report["stopped"] is False
    found = model_annotations(store_path)
    assert all(a is not None and a.model == default_model() for a in found.values())
    names = {p.name for a in found.values() if a for p in a.people}
    assert {"Maria Lopez", "Anna Berg", "Lena Voss"} <= names

    # a second run finds nothing to do, and says why each article was left out
    code, out, err = annotate(store_path, "--json", capsys=capsys)
    report = json.loads(out)
    assert code == 0 and report["chosen"] == 0
    assert sorted(report["left_out"][batch_annotate.HAS_MODEL]) == sorted(found)


def test_the_summary_names_what_was_done(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = annotate(store_path, capsys=capsys)
    assert code == 0 and out == ""
    assert f"annotated {len(ARTICLES)} of {len(ARTICLES)} article(s) with {default_model()}" in err


def test_all_runs_again_keeping_every_human_decision(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert annotate(store_path, capsys=capsys)[0] == 0
    with Store(store_path) as store:
        aid = store.summaries()[0].id
        before = store.annotation(aid)
        assert before is not None
        maria = next(s for s in before.spans if before.span_text(s.id) == "Maria Lopez")
        patch = reject_span(before, maria.id, by=Provenance(source="human", annotator="ana"))
        store.apply_patch(aid, patch, annotator="ana")

    code, out, err = annotate(store_path, "--all", "--json", capsys=capsys)
    assert code == 0, err
    assert json.loads(out)["chosen"] == len(ARTICLES)
    with Store(store_path, readonly=True) as store:
        after = store.annotation(aid)
    assert after is not None
    kept = [s for s in after.spans if (s.start, s.end) == (maria.start, maria.end)]
    assert [s.provenance.state for s in kept] == ["rejected"]
    assert kept[0].provenance.annotator == "ana"


def test_named_articles_only_by_id_prefix(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store(store_path, readonly=True) as store:
        first, second = (s.id for s in store.summaries()[:2])
    code, out, _ = annotate(store_path, first[:10], "--json", capsys=capsys)
    assert code == 0 and json.loads(out)["annotated"] == [first]
    found = model_annotations(store_path)
    assert found[first] is not None and found[second] is None


def test_a_stop_between_batches_keeps_what_was_done_and_the_next_run_does_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch_annotate, "BATCH_ARTICLES", 4)
    texts = [f"{text} Report {n}." for n in range(3) for text in ARTICLES]
    with Store(tmp_path / "store") as store:
        store.add_articles(texts)
        asked = iter([False, True])
        first = batch_annotate.run(
            store, batch_annotate.choose(store), Annotator(), stop=lambda: next(asked, True)
        )
        assert first.stopped and len(first.annotated) == 4  # one batch, then the stop
        second = batch_annotate.run(store, batch_annotate.choose(store), Annotator())
    assert not second.stopped and second.chosen == len(texts) - 4
    assert set(first.annotated).isdisjoint(second.annotated)  # nothing twice
    assert len(first.annotated) + len(second.annotated) == len(texts)


class FailsOn:
    """The real pipeline, except that it raises on texts holding ``word`` (a model fault
    cannot be provoked on demand)."""

    def __init__(self, word: str) -> None:
        self.real = Annotator(default_model())
        self.model_name = self.real.model_name
        self.word = word

    def annotate_many(self, texts: Iterable[str]) -> Iterator[Annotation]:
        for text in texts:
            if self.word in text:
                raise ValueError(f"cannot read {self.word}\nsecond line")
            yield from self.real.annotate_many([text])


def test_an_article_the_model_fails_on_is_marked_and_the_others_are_stored(
    store_path: Path,
) -> None:
    with Store(store_path) as store:
        report = batch_annotate.run(store, batch_annotate.choose(store), FailsOn("Oslo"))
        assert len(report.annotated) == len(ARTICLES) - 1
        [(failed_id, reason)] = report.failed.items()
        assert reason == "ValueError: cannot read Oslo"
        assert store.summary(failed_id).failed == reason
        again = batch_annotate.choose(store)
    assert again.todo == [] and again.left_out[batch_annotate.FAILED_BEFORE] == [failed_id]


def test_bad_workers_and_unknown_article_are_one_line_errors(
    store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for args, fragment in (
        (["--workers", "0"], "--workers must be 1 or more"),
        (["nosuchid"], "no article 'nosuchid'"),
        (["--model", "no_such_pipeline_xyz"], "no_such_pipeline_xyz"),
        (["--scheduler", "local:0"], "give local:N with N a number from 1 up"),
        (["--scheduler", "local:2", "--workers", "2"], "give --workers or --scheduler, not both"),
    ):
        with pytest.raises(SystemExit) as exit_info:
            annotate(store_path, *args, capsys=capsys)
        assert exit_info.value.code == 2
        err = capsys.readouterr().err
        assert fragment in err and len(err.strip().splitlines()) == 1
    assert all(a is None for a in model_annotations(store_path).values())


def test_two_worker_processes_stop_between_batches_and_store_the_same_as_one(
    store_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(batch_annotate, "WORKER_BATCH_ARTICLES", 1)
    done: list[int] = []
    with Store(store_path) as store:
        first = batch_annotate.run(
            store,
            batch_annotate.choose(store),
            Annotator(default_model()),
            workers=2,
            progress=lambda n, total, workers: done.append(n),
            stop=lambda: bool(done),
        )
    # stopped after the first batch back: the batches handed out ahead (two per worker) were
    # finished or cancelled, the rest never started
    assert first.stopped and 1 <= len(first.annotated) <= 4
    assert annotate(store_path, "--workers", "2", capsys=capsys)[0] == 0  # does the rest

    other = tmp_path / "other"
    with Store(other) as store:
        store.add_articles(ARTICLES)
    assert annotate(other, capsys=capsys)[0] == 0
    two, one = model_annotations(store_path), model_annotations(other)
    assert two.keys() == one.keys()
    for aid, annotation in two.items():
        assert annotation is not None and one[aid] is not None
        assert [(s.start, s.end, s.label) for s in annotation.spans] == [
            (s.start, s.end, s.label)
            for s in one[aid].spans  # type: ignore[union-attr]
        ]


def test_progress_text_shows_bar_count_rate_and_time_left() -> None:
    assert progress_text("annotating", 25, 100, 2.0) == (
        "annotating [#####---------------] 25/100 · 12.5/s · 0:06 left"
    )
    assert progress_text("annotating", 0, 0, 0.0) == "annotating [####################] 0/0"
    assert progress_text("annotating", 25, 100, 2.0, workers=4).endswith(" · 0:06 left · 4 workers")
    assert progress_text("annotating", 1, 2, 1.0, workers=1).endswith(" · 1 worker")


def test_progress_line_draws_nothing_off_a_terminal() -> None:
    stream = io.StringIO()
    line = ProgressLine("annotating", stream)
    line.show(1, 2)
    line.show(2, 2)
    line.end()
    assert stream.getvalue() == ""
