"""A writer killed with SIGKILL at random moments leaves a store that opens, holding every
edit it acknowledged. ``ANNOTUI_KILLS`` sets the number of kills (tests/README.md)."""

from __future__ import annotations

import os
import random
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

from store import Store
from tests.store.crash_writer import word_starts
from tests.store.store_helpers import kills

ROOT = Path(__file__).resolve().parents[2]
KILLS = kills(12)
WORDS = 3000
TEXT = " ".join(f"w{i}" for i in range(WORDS)) + " end."


def _run_and_kill(folder: Path, article_id: str, rng: random.Random) -> list[str]:
    """Start the writer, let it run a random while, SIGKILL it; return its acknowledgements."""
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.store.crash_writer", str(folder), article_id],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert writer.stdout is not None
    lines: list[bytes] = []
    selector = selectors.DefaultSelector()
    selector.register(writer.stdout, selectors.EVENT_READ)
    first = time.monotonic() + 30
    deadline = None
    while True:
        now = time.monotonic()
        if deadline is None and lines:  # started editing: kill at a random moment from now
            deadline = now + rng.uniform(0.0, 0.4)
        if (deadline is not None and now >= deadline) or now > first:
            break
        if selector.select(timeout=0.005):
            lines.append(os.read(writer.stdout.fileno(), 65536))
    writer.send_signal(signal.SIGKILL)
    rest, errors = writer.communicate(timeout=30)
    assert writer.returncode == -signal.SIGKILL, errors.decode()
    return b"".join([*lines, rest]).decode().splitlines()


def test_sigkill_loses_no_acknowledged_edit(store_path: Path) -> None:
    rng = random.Random(4)
    with Store(store_path) as store:
        article_id = store.add_article(TEXT)
    acknowledged: list[str] = []
    for _ in range(KILLS):
        acknowledged += _run_and_kill(store_path, article_id, rng)
        with Store(store_path) as store:  # always opens, reads every file
            annotation = store.annotation(article_id)
            starts = {span.start for span in annotation.spans} if annotation else set()
            summaries = {s.id: s for s in store.summaries()}
            for line in acknowledged:
                kind, value = line.split(" ", 1)
                if kind == "span":
                    assert int(value) in starts, f"acknowledged {line!r} is lost"
                elif kind == "article":
                    assert store.has_article(value), f"acknowledged {line!r} is lost"
                    store.article(value)
            if acknowledged and acknowledged[-1].startswith("status"):
                status = acknowledged[-1].split()[1]
                # the next edit (made, not acknowledged) may have moved "new" on
                allowed = {status, "in_progress"} if status == "new" else {status}
                assert store.article(article_id).status in allowed
            assert article_id in summaries
            if annotation is not None:
                replayed = store.replayed(article_id)
                assert replayed is not None and replayed.spans == annotation.spans
    spans = [line for line in acknowledged if line.startswith("span")]
    assert len(spans) > KILLS, "the writer got edits done between kills"
    assert set(word_starts(TEXT)) >= {int(line.split()[1]) for line in spans}
