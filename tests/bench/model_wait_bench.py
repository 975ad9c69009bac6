"""How much a model run slows the app down: the event loop's lag while spaCy annotates a long
article, with the pipeline in a thread of the app (as before) and in a process of its own
(``tui/model_process.py``, as the app does now).

Run ``.venv/bin/python tests/bench/model_wait_bench.py [--words N]``. For each way it starts
annotating a text of N words (``long_article.py``) and, on the main thread, runs an asyncio
loop that sleeps 10 ms at a time, the way Textual waits for keys and timers; how late each
wake-up comes is the time a key or an "open article" would wait. It prints the lag (median,
p95, max) for both ways and their ratio, and exits 1 when the process's p95 lag is 50 ms or
more, 2 when the bench itself fails. The pipeline is loaded before the clock starts, both ways.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parents[1]), str(HERE)]

TARGET_P95_MS = 50.0
"""Lag a key may wait at most (p95) while the model runs in its process."""
TICK = 0.01


async def _lags_while(work: Callable[[], None]) -> list[float]:
    """Lags (ms) of 10 ms sleeps on this loop while ``work`` runs in a thread."""
    done = threading.Event()

    def run() -> None:
        try:
            work()
        finally:
            done.set()

    thread = threading.Thread(target=run)
    thread.start()
    lags: list[float] = []
    while not done.is_set():
        before = time.perf_counter()
        await asyncio.sleep(TICK)
        lags.append((time.perf_counter() - before - TICK) * 1000)
    thread.join()
    return lags


def _row(name: str, lags: list[float]) -> tuple[str, float, float, float]:
    ordered = sorted(lags)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return name, statistics.median(ordered), p95, ordered[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=10_000, help="size of the article")
    args = parser.parse_args()
    from long_article import build

    from annotate.pipeline import Annotator
    from tui.model_process import ModelProcess

    text = build(words=args.words, entities=0).text
    in_thread = Annotator()
    in_thread.nlp  # noqa: B018 - loaded before the clock
    process = ModelProcess(in_thread.model_name)
    try:
        process.annotate("Warm up.")
        thread_lags = asyncio.run(_lags_while(lambda: in_thread.annotate(text)))
        process_lags = asyncio.run(_lags_while(lambda: process.annotate(text)))
    finally:
        process.close()
    rows = [_row("model in a thread", thread_lags), _row("model in its process", process_lags)]
    print(f"event loop lag while annotating {len(text.split()):,} words (ms)")
    print(f"{'where the model runs':<24}{'median':>9}{'p95':>9}{'max':>9}")
    for name, median, p95, worst in rows:
        print(f"{name:<24}{median:>9.1f}{p95:>9.1f}{worst:>9.1f}")
    ratio = rows[0][2] / max(rows[1][2], 0.1)
    print(f"p95 in a thread / in its process: {ratio:.1f}x (target: p95 < {TARGET_P95_MS:.0f} ms)")
    return 0 if rows[1][2] < TARGET_P95_MS else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as error:  # the bench broke: not a missed target
        print(f"model_wait_bench failed: {error!r}", file=sys.stderr)
        sys.exit(2)
