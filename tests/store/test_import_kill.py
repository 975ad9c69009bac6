"""An import killed with SIGKILL at a random moment hides no article: every article file it
wrote is listed on the next open, and importing again adds exactly the rest.

``ANNOTUI_KILLS`` sets the number of trials (default 3 here; ``tests/README.md`` gives the
longer run).
"""

from __future__ import annotations

import random
import signal
import subprocess
import time
from pathlib import Path

from store import Store
from tests.store.store_helpers import import_command, kills

ROOT = Path(__file__).resolve().parents[2]
KILLS = kills(3)
FILES = 300


def _corpus(folder: Path) -> None:
    folder.mkdir()
    for n in range(FILES):
        (folder / f"{n:04}.txt").write_text(
            f"Dispatch {n}\n\nThe envoy of region {n} met the council on day {n}.\n",
            encoding="utf-8",
        )


def _articles_on_disk(store: Path) -> set[str]:
    return {p.stem for p in (store / "articles").glob("*/*.json") if "." not in p.stem}


def _import(store: Path, corpus: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        import_command(corpus, store),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _kill_mid_import(store: Path, corpus: Path, rng: random.Random) -> bool:
    """Start an import, SIGKILL it a random moment after its first article file; return
    whether it was still running then."""
    writer = _import(store, corpus)
    deadline = time.monotonic() + 60
    while not (store / "articles").is_dir() or not any((store / "articles").iterdir()):
        if writer.poll() is not None or time.monotonic() > deadline:
            break
        time.sleep(0.002)
    time.sleep(rng.uniform(0.0, 0.3))
    running = writer.poll() is None
    writer.send_signal(signal.SIGKILL)
    writer.communicate(timeout=30)
    return running


def test_killed_imports_hide_no_article(tmp_path: Path) -> None:
    rng = random.Random(11)
    corpus = tmp_path / "news"
    _corpus(corpus)
    store = tmp_path / "store"
    landed = 0
    for _ in range(KILLS):
        landed += _kill_mid_import(store, corpus, rng)
        with Store(store) as opened:
            listed = {s.id for s in opened.summaries()}
        assert listed == _articles_on_disk(store), "an article file is not listed"
        leftovers = [p for p in store.rglob("*.tmp")]
        assert leftovers == [], "temporary files of the killed writer are left"
    assert landed, "no kill landed while the import ran"
    done = subprocess.run(
        import_command(corpus, store), cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    with Store(store) as opened:
        assert len(opened.summaries()) == FILES
