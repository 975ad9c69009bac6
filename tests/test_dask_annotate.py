"""``annotui annotate --scheduler``: a real Dask ``LocalCluster`` of two worker processes,
each loading the real pipeline once; one of them killed in the middle of a run; and a real
``dask scheduler`` killed in the middle of another."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from distributed import Client, LocalCluster

from annotate.model import Annotation
from annotate.pipeline import Annotator, default_model
from store import Store
from tui import batch_annotate, dask_annotate
from tui.cli import main

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = [
    f"{name}, the {post} of {place}, met {other} in {city} on {day} to sign a trade deal."
    for name, post, place, other, city, day in [
        ("Maria Lopez", "mayor", "Valencia", "Tom Becker", "Berlin", "Monday"),
        ("Anna Berg", "prime minister", "Norway", "Paulo Mendes", "Oslo", "Friday"),
        ("John Okafor", "governor", "Lagos", "Lena Voss", "Abuja", "Tuesday"),
        ("Ines Duarte", "president", "Portugal", "Karl Weber", "Lisbon", "Sunday"),
        ("Omar Haddad", "minister", "Jordan", "Sara Cohen", "Amman", "Wednesday"),
        ("Li Wei", "envoy", "China", "Ana Silva", "Brasilia", "Thursday"),
    ]
] + [
    f"Police arrested {name} in {city} on {day}; a court later charged him with fraud."
    for name, city, day in [
        ("David Moss", "Leeds", "Monday"),
        ("Peter Hall", "Perth", "Friday"),
        ("Marco Rossi", "Turin", "Saturday"),
        ("Jan Novak", "Brno", "Tuesday"),
    ]
]


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """The address of a LocalCluster of two worker processes (one thread each)."""
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as local:  # any free port for its web server: tests run side by side
        yield local.scheduler_address


def new_store(path: Path) -> Path:
    with Store(path) as store:
        store.add_articles(ARTICLES)
    return path


def annotations(path: Path) -> dict[str, Annotation | None]:
    with Store(path, readonly=True) as store:
        return {s.id: store.annotation(s.id) for s in store.summaries()}


@pytest.fixture(scope="module")
def one_process(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Annotation | None]:
    """What a single-process run stores for :data:`ARTICLES`."""
    path = new_store(tmp_path_factory.mktemp("one") / "store")
    with Store(path) as store:
        report = batch_annotate.run(store, batch_annotate.choose(store), Annotator())
    assert len(report.annotated) == len(ARTICLES)
    return annotations(path)


def run_on(cluster: str, store: Store, **options: Any) -> batch_annotate.RunReport:
    """``annotui annotate --scheduler`` on ``store``'s articles without a model annotation."""
    return batch_annotate.run(
        store,
        batch_annotate.choose(store),
        Annotator(default_model()),
        scheduler=cluster,
        **options,
    )


def assert_stored_as_one_process(path: Path, one_process: dict[str, Annotation | None]) -> None:
    """Each article of the store at ``path`` holds what a single-process run stored."""
    stored = annotations(path)
    for aid, annotation in one_process.items():
        assert stored[aid] == annotation, aid


@pytest.fixture
def one_article_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of one article, so that a run has many to stop or lose between."""
    monkeypatch.setattr(dask_annotate, "BATCH_ARTICLES", 1)


class CountingStore(Store):
    """A store that records which articles each bulk write was given."""

    written: list[str]

    def reannotate_many(self, results, *, batch=2_000):  # type: ignore[no-untyped-def]
        results = list(results)
        self.written += [aid for aid, _ in results]
        return super().reannotate_many(results, batch=batch)


def test_a_local_cluster_stores_what_one_process_stores(
    cluster: str, one_process: dict[str, Annotation | None], tmp_path: Path
) -> None:
    path = new_store(tmp_path / "store")
    seen: list[tuple[int, int, int]] = []
    with Store(path) as store:
        report = run_on(
            cluster,
            store,
            progress=lambda done, total, workers: seen.append((done, total, workers)),
        )
    assert report.failed == {} and not report.stopped
    assert sorted(report.annotated) == sorted(one_process)
    assert seen[-1] == (len(ARTICLES), len(ARTICLES), 2)  # the progress names the workers
    assert_stored_as_one_process(path, one_process)
    with Store(path) as store:  # a rerun has nothing left to do
        assert batch_annotate.choose(store).todo == []


@pytest.mark.usefixtures("one_article_batches")
def test_a_worker_killed_mid_run_loses_nothing_and_does_nothing_twice(
    cluster: str,
    one_process: dict[str, Annotation | None],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(batch_annotate, "FLUSH_ARTICLES", 1)
    path = new_store(tmp_path / "store")
    killed: list[int] = []

    def kill_one(done: int, total: int, workers: int) -> None:
        if killed:
            return
        with Client(cluster) as client:  # a worker's process, found through the scheduler
            pids = client.run(os.getpid)
        killed.append(sorted(pids.values())[0])
        os.kill(killed[0], signal.SIGKILL)

    with CountingStore(path) as store:
        store.written = []
        report = run_on(cluster, store, progress=kill_one)
        written = store.written
    assert killed and report.failed == {} and not report.stopped
    assert sorted(written) == sorted(set(written)) == sorted(one_process)  # each once
    assert sorted(report.annotated) == sorted(one_process)
    assert_stored_as_one_process(path, one_process)


def test_local_n_is_read_and_a_bad_one_refused() -> None:
    assert dask_annotate.local_workers("local:3") == 3
    assert dask_annotate.local_workers("tcp://10.0.0.5:8786") is None
    for bad in ("local:", "local:0", "local:two"):
        with pytest.raises(batch_annotate.ClusterError, match="local:N"):
            dask_annotate.local_workers(bad)


@pytest.mark.usefixtures("one_article_batches")
def test_a_stop_drops_what_is_not_finished_and_the_next_run_does_the_rest(
    cluster: str, one_process: dict[str, Annotation | None], tmp_path: Path
) -> None:
    path = new_store(tmp_path / "store")
    done: list[int] = []
    with CountingStore(path) as store:
        store.written = []
        first = run_on(
            cluster,
            store,
            progress=lambda n, total, workers: done.append(n),
            stop=lambda: bool(done),  # Ctrl-C as the first result comes
        )
        assert first.stopped and 1 <= len(first.annotated) < len(ARTICLES)
        second = run_on(cluster, store)
        written = store.written
    assert not second.stopped and sorted(first.annotated + second.annotated) == sorted(one_process)
    assert sorted(written) == sorted(set(written))  # nothing done twice
    assert annotations(path) == one_process


def test_the_command_runs_on_the_cluster_and_reports_it(
    cluster: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = new_store(tmp_path / "store")
    code = main(["annotate", "--store", str(path), "--scheduler", cluster, "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    report = json.loads(captured.out)
    assert len(report["annotated"]) == len(ARTICLES) and report["failed"] == {}
    assert report["model"] == default_model() and report["stopped"] is False


DASK = Path(sys.executable).with_name("dask")


def _start(*command: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _annotated(path: Path) -> int:
    with Store(path, readonly=True) as store:
        return sum(1 for summary in store.summaries() if summary.updated is not None)


def test_a_scheduler_killed_mid_run_ends_it_in_one_line_and_keeps_what_came(
    tmp_path: Path,
) -> None:
    """A real ``dask scheduler`` and ``dask worker``; the scheduler SIGKILLed once the first
    results are stored: the command says so in one line and exits 2, every article stored is
    whole and listed, and the rest is left to do."""
    address_file = tmp_path / "scheduler.json"
    scheduler = _start(
        str(DASK), "scheduler", "--scheduler-file", str(address_file), "--port", "0",
        "--no-dashboard", "--dashboard-address", ":0",
    )  # fmt: skip
    worker = None
    try:
        deadline = time.monotonic() + 60
        while not address_file.exists() or not address_file.read_text().strip():
            assert time.monotonic() < deadline and scheduler.poll() is None, "no scheduler"
            time.sleep(0.05)
        address = json.loads(address_file.read_text())["address"]
        worker = _start(
            str(DASK), "worker", "--scheduler-file", str(address_file), "--no-nanny",
            "--nthreads", "1", "--no-dashboard",
        )  # fmt: skip
        path = tmp_path / "store"
        with Store(path) as store:
            store.add_articles([f"{n}: {text}" for n in range(150) for text in ARTICLES])
        command = [sys.executable, "-m", "tui", "annotate", "--store", str(path)]
        run = subprocess.Popen(
            [*command, "--scheduler", address],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
        )
        while not _annotated(path):
            assert time.monotonic() < deadline and run.poll() is None, "no result stored"
            time.sleep(0.05)
        scheduler.send_signal(signal.SIGKILL)
        _, err = run.communicate(timeout=60)
    finally:
        for process in (scheduler, worker):
            if process is not None:
                process.kill()
                process.wait()
    assert run.returncode == 2
    (line,) = err.decode().strip().splitlines()  # no Dask log, no traceback
    assert line.startswith("annotui: error: the Dask cluster went away")
    assert line.endswith("run again for the rest")
    with Store(path) as store:
        done = [s.id for s in store.summaries() if s.updated is not None]
        assert 0 < len(done) < 1500
        assert all(store.annotation(aid) is not None for aid in done)  # each whole
        assert len(batch_annotate.choose(store).todo) == 1500 - len(done)
