"""How fast the app is at start-up, on a long article and on every key, against bare Textual.

Run ``.venv/bin/python tests/bench/app_bench.py`` (``--help`` for the sizes). It builds a store
holding the seed articles and a long article (``long_article.py``: 50,000 words, 5,000
entities, hundreds of people and events, annotated without spaCy), then measures, each in a
fresh interpreter:

* start-up: process start to the first frame of the article list (keys accepted), and the same
  for a bare Textual app (header, a line of text, footer); median of several runs;
* opening the long article from the list: enter to the first frame of the article screen;
* keys on that article through ``App.run_test`` + ``Pilot``: from the key press to the first
  frame drawn after it (a hook on ``App._display`` that also turns the update into terminal
  output, as a real terminal would), with the text lines restyled per key;
* memory (resident set) with the article open.

It prints a table (figure, target, bare-Textual baseline) and exits 1 when a target is missed,
2 when the benchmark itself fails. With ``ANNOTUI_BENCH_TUNING=off`` in the environment the app
is built without its start-up tuning (no spare article screen, no collector hold): run it both
ways, one after the other, to see what the tuning buys.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SIZE = (120, 40)
"""Terminal size of every measurement."""

LONG_TITLE = "Bench: a very long article"

sys.path.insert(0, str(HERE))
from frame_clock import FrameClock, rss_mib  # noqa: E402

# -- the bare Textual reference ----------------------------------------------------------------


def bare_app() -> Any:
    """A bare Textual app: header, a line of text, footer; ``o`` opens a screen of text, ``x``
    changes the line."""
    from textual.app import App, ComposeResult
    from textual.screen import Screen
    from textual.widgets import Footer, Header, Static

    seed = (ROOT / "seeds" / "kim-putin-cosmodrome.txt").read_text(encoding="utf-8")

    class TextScreen(Screen[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static(seed[:4000], markup=False)
            yield Footer()

    class BareApp(App[None]):
        BINDINGS = [("o", "open", "Open"), ("x", "change", "Change")]  # noqa: RUF012

        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("A line of text.", id="line", markup=False)
            yield Footer()

        def action_open(self) -> None:
            self.push_screen(TextScreen())

        def action_change(self) -> None:
            line = self.query_one("#line", Static)
            line.update(f"A line of text, changed at {time.perf_counter():.6f}.")

    return BareApp()


# -- child processes -----------------------------------------------------------------------------


def child_startup(kind: str, store: str, spawned: float) -> dict[str, Any]:
    """Start the bare app or annotui on ``store``; return the time to its first usable frame."""
    clock = FrameClock()
    wall_minus_perf = time.time() - time.perf_counter()

    async def main() -> dict[str, Any]:
        if kind == "bare":
            from textual.app import App

            clock.install(App)
            app = bare_app()
            ready_screen = None
        else:
            from tui.app import AnnotuiApp, make_app

            clock.install(AnnotuiApp)
            app = make_app(Path(store), annotator="bench", startup_tuning=_tuning())
            ready_screen = "ArticleListScreen"
        async with app.run_test(size=SIZE) as pilot:
            ready = await clock.wait_after(0, ready_screen)
            elapsed = ready + wall_minus_perf - spawned
            await pilot.press("down")  # keys are accepted
            loaded = "spacy" in sys.modules
            app.exit()
        return {"seconds": elapsed, "spacy": loaded, "rss": rss_mib()[0]}

    return asyncio.run(main())


def _tuning() -> bool:
    """False when ``ANNOTUI_BENCH_TUNING=off``: the app without its start-up tuning."""
    return os.environ.get("ANNOTUI_BENCH_TUNING", "on") != "off"


def child_article(store: str, article_id: str, keys_per_kind: int) -> dict[str, Any]:
    """Open the long article from the list, then time keys on it; return every figure."""
    from textual.widgets import OptionList

    from tui.app import AnnotuiApp, make_app
    from tui.widgets.article_table import ArticleTable
    from tui.widgets.article_text import ArticleText

    clock = FrameClock()
    clock.install(AnnotuiApp)
    app = make_app(Path(store), annotator="bench", startup_tuning=_tuning())

    async def quiet(pilot: Any) -> None:
        await pilot.pause()
        await asyncio.sleep(0.03)

    async def main() -> dict[str, Any]:
        out: dict[str, Any] = {}
        async with app.run_test(size=SIZE) as pilot:
            await clock.wait_after(0, "ArticleListScreen")
            await quiet(pilot)
            table = app.screen.query_one(ArticleTable)
            table.focus()
            table.cursor = [row.id for row in table.rows].index(article_id)
            await quiet(pilot)
            began = time.perf_counter()
            await pilot.press("enter")
            out["open"] = await clock.wait_after(began, "ArticleScreen") - began
            await quiet(pilot)
            text = app.screen.query_one(ArticleText)
            assert text.line_count > 10, text.line_count
            out["rss"], out["rss_peak"] = rss_mib()
            styled = _count_styled(text)

            async def timed(key: str, check: Callable[[], bool] | None = None) -> float:
                await quiet(pilot)
                before = styled[0]
                began = time.perf_counter()
                await pilot.press(key)
                try:
                    frame = await clock.wait_after(began)
                except TimeoutError as error:
                    raise TimeoutError(f"key {key!r}: {error}") from None
                if check is not None and not check():
                    raise AssertionError(f"key {key!r} had no effect")
                out.setdefault("styled", []).append(styled[0] - before)
                return frame - began

            text.focus()
            await quiet(pilot)
            moves = ["right", "down", "ctrl+right", "left", "up", "pagedown", "]", "end"]
            out["move"] = []
            for n in range(keys_per_kind):
                caret = text.cursor_offset
                out["move"].append(
                    await timed(moves[n % len(moves)], lambda c=caret: text.cursor_offset != c)
                )
            out["select"] = []
            for n in range(keys_per_kind):
                if n % 5 == 0 and text.selection() is not None:
                    await pilot.press("escape")
                caret = text.cursor_offset
                out["select"].append(
                    await timed("shift+right", lambda c=caret: text.cursor_offset == c + 1)
                )
            await pilot.press("escape")
            out["label"], out["undo"] = [], []
            for _ in range(max(3, keys_per_kind // 3)):
                await pilot.press("ctrl+right", "ctrl+right", "ctrl+shift+right")
                spans = len(app.screen.annotation.spans)  # type: ignore[attr-defined]
                out["label"].append(
                    await timed(
                        "o",
                        lambda s=spans: len(app.screen.annotation.spans) == s + 1,  # type: ignore[attr-defined]
                    )
                )
                out["undo"].append(
                    await timed(
                        "u",
                        lambda s=spans: len(app.screen.annotation.spans) == s,  # type: ignore[attr-defined]
                    )
                )
            await pilot.press("1")
            await quiet(pilot)
            people = app.screen.query_one("#people", OptionList)
            out["panel"] = []
            for _ in range(keys_per_kind):
                row = people.highlighted
                out["panel"].append(await timed("down", lambda r=row: people.highlighted != r))
            out["rss_after_keys"], out["rss_peak"] = rss_mib()
            app.exit()
        return out

    return asyncio.run(main())


def _count_styled(widget: Any) -> list[int]:
    """Count the text lines the widget styles (cache misses of its per-line strips)."""
    counter = [0]
    original = widget._line_strip

    def counting(y: int, base: Any) -> Any:
        if widget._strips.get(y) is None:
            counter[0] += 1
        return original(y, base)

    widget._line_strip = counting
    return counter


# -- the parent: store, runs, table ----------------------------------------------------------------


def make_store(path: Path, words: int, entities: int) -> tuple[str, dict[str, int]]:
    """Create the bench store: the seeds with their gold annotation, and the long article."""
    sys.path.insert(0, str(HERE))
    from long_article import build

    from store import Store

    sys.path.insert(0, str(ROOT))
    from tests.tui.conftest import fill_demo_store

    fill_demo_store(path)
    built = build(words, entities)
    store = Store(path)
    article_id = store.add_article(built.text, title=LONG_TITLE, source="bench")
    assert built.annotation is not None
    store.save_annotation(article_id, built.annotation)
    sizes = {
        "words": len(built.text.split()),
        "entities": built.entities,
        "people": built.people,
        "events": built.events,
    }
    return article_id, sizes


def run_child(*args: str) -> dict[str, Any]:
    """Run this script as a child in a fresh interpreter and return its JSON result."""
    spawned = time.time()
    result = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", *args, f"{spawned!r}"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    if result.returncode != 0:
        raise RuntimeError(f"child {args[0]} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def percentile(values: list[float], share: float) -> float:
    """The ``share`` quantile of ``values`` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; return 0 when every target is met, 1 when one is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=50_000, help="words in the long article")
    parser.add_argument("--entities", type=int, default=5_000, help="entities in it")
    parser.add_argument("--runs", type=int, default=5, help="start-up runs of each app")
    parser.add_argument("--keys", type=int, default=40, help="keys timed of each kind")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return _child(args.child)

    with tempfile.TemporaryDirectory(prefix="annotui-bench-") as folder:
        store = Path(folder) / "store"
        began = time.perf_counter()
        article_id, sizes = make_store(store, args.words, args.entities)
        print(
            f"store: {sizes['words']:,} words, {sizes['entities']:,} entities, "
            f"{sizes['people']:,} people, {sizes['events']:,} events "
            f"(built in {time.perf_counter() - began:.1f} s)",
            flush=True,
        )
        bare_runs: list[dict[str, Any]] = []
        app_runs: list[dict[str, Any]] = []
        for _ in range(args.runs):
            bare_runs.append(run_child("startup", "bare", str(store)))
            app_runs.append(run_child("startup", "app", str(store)))
        bare_open = run_child("bare-keys", str(args.keys))
        article = run_child("article", str(store), article_id, str(args.keys))

    rows, missed = _table(sizes, bare_runs, app_runs, bare_open, article)
    if args.json:
        args.json.write_text(json.dumps({"sizes": sizes, "rows": rows}, indent=2))
    return 1 if missed else 0


def _child(spec: list[str]) -> int:
    kind, *rest = spec
    if kind == "startup":
        result = child_startup(rest[0], rest[1], float(rest[2]))
    elif kind == "bare-keys":
        result = child_bare_keys(int(rest[0]))
    else:
        result = child_article(rest[0], rest[1], int(rest[2]))
    print(json.dumps(result))
    return 0


def child_bare_keys(keys: int) -> dict[str, Any]:
    """Time, on the bare app: opening a screen of text, and a key that changes a line."""
    from textual.app import App

    clock = FrameClock()
    clock.install(App)
    app = bare_app()

    async def main() -> dict[str, Any]:
        out: dict[str, Any] = {"key": []}
        async with app.run_test(size=SIZE) as pilot:
            await clock.wait_after(0)
            for _ in range(keys):
                await pilot.pause()
                await asyncio.sleep(0.03)
                began = time.perf_counter()
                await pilot.press("x")
                out["key"].append(await clock.wait_after(began) - began)
            await pilot.pause()
            await asyncio.sleep(0.03)
            began = time.perf_counter()
            await pilot.press("o")
            out["open"] = await clock.wait_after(began, "TextScreen") - began
            out["rss"] = rss_mib()[0]
            app.exit()
        return out

    return asyncio.run(main())


def _table(
    sizes: dict[str, int],
    bare_runs: list[dict[str, Any]],
    app_runs: list[dict[str, Any]],
    bare: dict[str, Any],
    article: dict[str, Any],
) -> tuple[list[dict[str, Any]], bool]:
    """Print the table; return its rows and whether a target was missed."""
    ms = 1000.0
    bare_start = statistics.median(r["seconds"] for r in bare_runs)
    app_start = statistics.median(r["seconds"] for r in app_runs)
    key_median = statistics.median(bare["key"]) * ms
    key_p95 = percentile(bare["key"], 0.95) * ms
    rows: list[dict[str, Any]] = [
        {
            "what": "start-up to the article list (median)",
            "value": f"{app_start:.2f} s ({app_start / bare_start:.2f}x)",
            "target": "<= 1.5x bare",
            "baseline": f"{bare_start:.2f} s",
            "met": app_start <= 1.5 * bare_start,
        },
        {
            "what": "spaCy imported at start-up",
            "value": "yes" if any(r["spacy"] for r in app_runs) else "no",
            "target": "no",
            "baseline": "-",
            "met": not any(r["spacy"] for r in app_runs),
        },
        {
            "what": f"open the long article ({sizes['words']:,} words), first frame",
            "value": f"{article['open'] * ms:.0f} ms",
            "target": "< 150 ms",
            "baseline": f"{bare['open'] * ms:.0f} ms",
            "met": article["open"] * ms < 150,
        },
    ]
    for kind, label in (
        ("move", "cursor move"),
        ("select", "select (shift+right)"),
        ("label", "label the selection (o)"),
        ("undo", "undo (u)"),
        ("panel", "people panel, down"),
    ):
        values = article[kind]
        median, p95 = statistics.median(values) * ms, percentile(values, 0.95) * ms
        rows.append(
            {
                "what": f"key: {label}, median / p95",
                "value": f"{median:.1f} / {p95:.1f} ms",
                "target": "< 16 / < 50 ms",
                "baseline": f"{key_median:.1f} / {key_p95:.1f} ms",
                "met": median < 16 and p95 < 50,
            }
        )
    styled = article["styled"]
    rows.append(
        {
            "what": "text lines restyled per key, median / max",
            "value": f"{statistics.median(styled):.0f} / {max(styled)}",
            "target": "changed lines only",
            "baseline": "-",
            "met": True,
        }
    )
    rows.append(
        {
            "what": "memory with the article open (RSS / peak)",
            "value": f"{article['rss']:.0f} / {article['rss_peak']:.0f} MiB",
            "target": "< 300 MiB",
            "baseline": f"{bare['rss']:.0f} MiB",
            "met": article["rss_peak"] < 300,
        }
    )
    widths = [max(len(str(r[c])) for r in rows) for c in ("what", "value", "target", "baseline")]
    heads = ("what", "measured", "target", "bare Textual")
    widths = [max(w, len(h)) for w, h in zip(widths, heads, strict=True)]

    def line(cells: tuple[str, ...], mark: str) -> str:
        padded = [c.ljust(w) for c, w in zip(cells, widths, strict=True)]
        return "| " + " | ".join(padded) + f" | {mark} |"

    print(line(heads, "ok"))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|----|")
    for row in rows:
        cells = (row["what"], row["value"], row["target"], row["baseline"])
        print(line(cells, "ok" if row["met"] else "NO"))
    missed = [row["what"] for row in rows if not row["met"]]
    print("all targets met" if not missed else f"MISSED: {'; '.join(missed)}")
    return rows, bool(missed)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as error:  # the benchmark itself failed: say so, exit 2
        print(f"benchmark failed: {error}", file=sys.stderr)
        sys.exit(2)
