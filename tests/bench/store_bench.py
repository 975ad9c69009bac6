"""How the store and the app scale with the corpus: 100, 10,000 and 100,000 articles.

Run ``.venv/bin/python tests/bench/store_bench.py`` (``--sizes 100,10000`` for a quick run,
``--help`` for the rest). For each size it builds a store of real-sized articles (the seed
and two more templates, with names, places and a sentence varied so every text is new;
annotated without spaCy: people, their mentions, places and an event) through the bulk
import, then measures:

* saving one edit (``Store.apply_patch``: relabel a place, or turn an organisation into a
  person and back, so half the edits change the list's counts), timed round-robin over
  the sizes so a busy machine slows every size alike; median and p95, and their ratio to
  the smallest size;
* with a fresh ``Store``: opening it and reading every summary, reading one article;
* in a fresh interpreter per size: opening the app (from importing it) to the first frame of
  the article list,
  opening one article to the first frame of its screen, filtering the list by a title word
  and by a person's name (to the frame after), and the peak memory.

It prints a table and exits 1 when a target is missed, 2 when the benchmark itself fails.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "bench"))

from frame_clock import FrameClock, rss_mib  # noqa: E402

FRAME_TIMEOUT = 30.0
"""Seconds to wait for a frame of the app (a 100,000-article list on a busy machine)."""

from annotate.edits import relabel_span  # noqa: E402
from annotate.model import Annotation, Event, Participant, Person, Provenance, Span  # noqa: E402
from store import Store  # noqa: E402

SIZE = (120, 40)
"""Terminal size of the app runs."""
EDIT_MS = 10.0
"""Target: one edit saved in under this many ms at every size."""
EDIT_RATIO = 1.5
"""Target: median and p95 of an edit at the largest size within this factor of the smallest."""
LIST_S = 1.0
ARTICLE_MS = 50.0
FILTER_MS = 200.0
MEMORY_MIB = 500.0

# -- the corpus ---------------------------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST = _words(
    "Anna Maria Olga Ivan Sergei Omar Lena Tomas Yuki Amara Diego Fatima Kofi Mei Rahul Sofia "
    "Lars Nadia Pavel Ines Hamid Elena Jonas Aiko Bruno Chidi Dara Emil Farah Goran"
)
LAST = _words(
    "Berg Diaz Petrov Okafor Tanaka Novak Haddad Silva Kowalski Mensah Larsen Ivanova Moreau "
    "Rossi Schmidt Nakamura Costa Eriksen Popescu Horvat Mwangi Fischer Lindqvist Alvarez "
    "Kaplan Demir Sato Nilsen Varga Quispe"
)
PLACES = _words(
    "Oslo Lisbon Nairobi Hanoi Quito Tallinn Accra Lima Riga Dakar Seoul Tunis Bogota Kyiv "
    "Manila Sofia Baku Minsk Doha Male"
)
ORGS = ("the Harbour Authority", "the Grain Council", "the Port Union", "the River Commission")

SEED = (ROOT / "seeds" / "kim-putin-cosmodrome.txt").read_text(encoding="utf-8")


def _seed_template() -> str:
    """The seed article with its two leaders and the host country made placeholders."""
    text = SEED.replace("Kim Myong Sik", "\0")
    text = text.replace("Kim Jong Un", "{A}").replace("Vladimir Putin", "{B}")
    text = re.sub(r"\bKim\b", "{a}", text)
    text = re.sub(r"\bPutin\b", "{b}", text).replace("\0", "Kim Myong Sik")
    text = text.replace("arrived at a cosmodrome", "{T:arrived} at a cosmodrome", 1)
    text = text.replace("station in Khasan", "station in {P}", 1)
    return text.replace("Japan’s Coast Guard", "{O}", 1)


TEMPLATES = (
    _seed_template(),
    (
        "Trade Minister {A} {T:met} Finance Minister {B} in {P} on Monday to settle a dispute "
        "over grain tariffs that has unsettled markets for months. {a} said after the talks "
        "that both sides wanted the ships moving again before the harvest. {b} was more "
        "cautious, telling reporters in {P} that any deal would need the approval of {O}.\n"
        "The dispute began in the spring, when {O} raised duties on imported wheat and barley "
        "by a third. Farmers' groups welcomed the move; millers and bakers warned of higher "
        "bread prices. {a} has since faced questions in parliament about the cost to "
        "households, and {b} has been pressed by exporters who say their contracts are at "
        "risk. Officials close to the talks said the two ministers discussed a quota system, "
        "a phased cut in the duties and a joint inspection regime at the ports.\n"
        "Analysts said a compromise was likely but not certain. {a} needs a visible win "
        "before the budget debate, and {b} cannot be seen to give way on food security. "
        "Talks are expected to resume next week, when officials from {P} will present "
        "figures on storage capacity and freight costs.\n"
    ),
    (
        "Heavy rain flooded the valley around {P} on Sunday, and the river rose by two metres "
        "in a few hours. Mayor {A} {T:ordered} the evacuation of the lowest streets, and "
        "emergency crews worked through the night to reinforce the embankments. {a} said that "
        "no one had been hurt but that hundreds of homes were without power.\n"
        "{B}, who heads the regional water board, said the rainfall was the heaviest recorded "
        "in the area since records began. {b} warned that the river could rise further if the "
        "storm stalled over the hills, and asked residents to follow the advice of {O}. "
        "Schools in {P} will stay closed on Monday; trains between the valley and the coast "
        "were cancelled after a landslide covered the line.\n"
        "Volunteers filled sandbags in the town square while farmers moved cattle to higher "
        "ground. {a} thanked them in a short speech and promised a full review of the flood "
        "defences once the water had gone down. {b} said the review should look at the "
        "drainage of new housing estates built on the flood plain in the last decade.\n"
    ),
)

_TOKEN = re.compile(r"\{(A|B|a|b|P|O|T:[a-z]+)\}")
BY = Provenance(source="model", state="suggested")


def make_article(n: int) -> tuple[str, str, Annotation]:
    """Return the title, text and annotation of synthetic article ``n`` (deterministic)."""
    rng = random.Random(n)
    first_a, first_b = rng.sample(FIRST, 2)
    last_a, last_b = rng.sample(LAST, 2)
    fill = {
        "A": f"{first_a} {last_a}",
        "a": last_a,
        "B": f"{first_b} {last_b}",
        "b": last_b,
        "P": rng.choice(PLACES),
        "O": rng.choice(ORGS),
    }
    template = TEMPLATES[n % len(TEMPLATES)]
    parts: list[str] = []
    spans: list[tuple[int, int, str, str]] = []  # start, end, label, key
    at = 0
    for match in _TOKEN.finditer(template):
        parts.append(template[at : match.start()])
        key = match.group(1)
        value = key[2:] if key.startswith("T:") else fill[key]
        start = sum(map(len, parts))
        parts.append(value)
        label = {"P": "GPE", "O": "ORG"}.get(key, "TRIGGER" if key.startswith("T:") else "PERSON")
        spans.append((start, start + len(value), label, key))
        at = match.end()
    parts.append(template[at:])
    parts.append(f"\nFiled as report {n} of the series, on desk {rng.randrange(1000)}.\n")
    text = "".join(parts)
    return f"{fill['A']} and {fill['B']} in {fill['P']} (report {n})", text, _annotate(text, spans)


def _annotate(text: str, raw: list[tuple[int, int, str, str]]) -> Annotation:
    spans = tuple(
        Span(f"T{i + 1}", start, end, label, BY) for i, (start, end, label, _) in enumerate(raw)
    )
    mentions: dict[str, list[str]] = {"A": [], "B": []}
    trigger = None
    for span, (_, _, _, key) in zip(spans, raw, strict=True):
        if key in ("A", "a", "B", "b"):
            mentions[key.upper()].append(span.id)
        elif key.startswith("T:"):
            trigger = span.id
    by_id = {span.id: span for span in spans}
    people = tuple(
        Person(f"P{i + 1}", by_id[ids[0]].text_in(text), tuple(ids), BY)
        for i, ids in enumerate(mentions.values())
    )
    events = ()
    if trigger is not None:
        events = (Event("E1", trigger, "Meeting", (Participant("P1", "agent"),), provenance=BY),)
    return Annotation(text=text, spans=spans, people=people, events=events).validate()


def corpus(size: int) -> Iterator[dict[str, Any]]:
    """Yield ``size`` articles to import, annotated."""
    for n in range(size):
        title, text, annotation = make_article(n)
        yield {"text": text, "title": title, "source": f"bench/{n}.txt", "annotation": annotation}


# -- edits ----------------------------------------------------------------------------------------


def one_edit(store: Store, article_id: str, step: int) -> float:
    """Make one edit of the article and return the time ``apply_patch`` took, in ms."""
    current = store.annotation(article_id)
    assert current is not None
    human = Provenance(source="human", annotator="bench", state="accepted")
    if step % 2:
        place = next(s for s in current.spans if s.label in ("GPE", "LOC") and not s.rejected)
        patch = relabel_span(current, place.id, "LOC" if place.label == "GPE" else "GPE", by=human)
    else:
        org = next(
            s
            for s in current.spans
            if not s.rejected and s.label in ("ORG", "PERSON") and s.text_in(current.text) in ORGS
        )
        patch = relabel_span(current, org.id, "PERSON" if org.label == "ORG" else "ORG", by=human)
    began = time.perf_counter()
    store.apply_patch(article_id, patch, annotator="bench")
    return (time.perf_counter() - began) * 1000


def edit_times(folders: dict[int, Path], edits: int) -> dict[int, list[float]]:
    """Time ``edits`` edits per store, round-robin over the stores, on a few articles each."""
    stores = {size: Store(folder) for size, folder in folders.items()}
    targets = {
        size: [s.id for s in store.summaries()[:: max(1, len(store) // 8)]][:8]
        for size, store in stores.items()
    }
    times: dict[int, list[float]] = {size: [] for size in stores}
    for step in range(edits):
        for size, store in stores.items():
            ids = targets[size]
            times[size].append(one_edit(store, ids[step % len(ids)], step // len(ids)))
    return times


def store_reads(folder: Path) -> dict[str, float]:
    """Time, with a fresh :class:`Store`: opening it and reading every summary (as the list
    does), reading one article and its annotation (median of 20), and a filter by title or
    person over every summary's title and names (as the list screen does)."""
    began = time.perf_counter()
    store = Store(folder)
    summaries = store.summaries()
    opened = time.perf_counter() - began
    ids = [s.id for s in summaries[:: max(1, len(summaries) // 20)]]
    reads = []
    for aid in ids:
        start = time.perf_counter()
        store.article(aid)
        store.annotation(aid)
        reads.append(time.perf_counter() - start)
    return {"store_open_ms": opened * 1000, "store_article_ms": statistics.median(reads) * 1000}


# -- the app, in a child process ---------------------------------------------------------------


def child_app(store_path: str, title_word: str, person: str, cold: bool) -> dict[str, Any]:
    """Open the app on the store and time the list, an article and two filters.

    ``cold``: without the index cache (as the first open after it was deleted); only the
    time to the list is measured then.
    """
    if cold:
        (Path(store_path) / "index" / ".cache").unlink(missing_ok=True)
    began = time.perf_counter()
    from tui.app import AnnotuiApp, make_app
    from tui.screens.article_list import ArticleListScreen

    clock = FrameClock()
    clock.install(AnnotuiApp)

    async def main() -> dict[str, Any]:
        out: dict[str, Any] = {}
        app = make_app(Path(store_path), annotator="bench")
        async with app.run_test(size=SIZE) as pilot:
            out["list_s"] = (
                await clock.wait_after(began, "ArticleListScreen", timeout=FRAME_TIMEOUT) - began
            )
            if cold:
                app.exit()
                return {"list_cold_s": out["list_s"]}
            screen = app.screen
            assert isinstance(screen, ArticleListScreen)
            out["rows"] = screen.table.row_count
            await pilot.pause()
            ids = [s.id for s in screen.summaries]
            opens = []
            for aid in ids[:: max(1, len(ids) // 5)][:5]:
                await asyncio.sleep(0.05)
                start = time.perf_counter()
                app.open_article(aid)
                opens.append(
                    await clock.wait_after(start, "ArticleScreen", timeout=FRAME_TIMEOUT) - start
                )
                await pilot.pause()
                assert app.screen.annotation is not None  # type: ignore[attr-defined]
                app.pop_screen()
                await pilot.pause()
            out["article_ms"] = statistics.median(opens) * 1000
            for name, query in (("filter_title_ms", title_word), ("filter_person_ms", person)):
                times = []
                for text in (query, "", query):
                    await asyncio.sleep(0.05)
                    start = time.perf_counter()
                    screen.filter_input.value = text
                    times.append(
                        await clock.wait_after(start, "ArticleListScreen", timeout=FRAME_TIMEOUT)
                        - start
                    )
                    await pilot.pause()
                out[name] = max(times[0], times[2]) * 1000
                out[name.replace("_ms", "_rows")] = screen.table.row_count
            screen.filter_input.value = ""
            out["memory_mib"] = rss_mib()[1]
            app.exit()
        return out

    return asyncio.run(main())


def run_child(store_path: Path, title_word: str, person: str, cold: bool) -> dict[str, Any]:
    """Run :func:`child_app` in a fresh interpreter and return its figures."""
    command = [sys.executable, __file__, "--child", str(store_path), title_word, person]
    command += ["cold"] if cold else ["warm"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the app run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- the table ---------------------------------------------------------------------------------


def p95(values: list[float]) -> float:
    """Return the 95th percentile of ``values`` (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def main(argv: list[str] | None = None) -> int:
    """Build the stores, measure, print the table; 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,10000,100000", help="store sizes, comma-separated")
    parser.add_argument("--edits", type=int, default=200, help="edits timed per store")
    parser.add_argument("--no-app", action="store_true", help="skip the app measurements")
    parser.add_argument("--keep", type=Path, help="build the stores in this folder and keep them")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        folder, word, person, mode = args.child
        print(json.dumps(child_app(folder, word, person, mode == "cold")))
        return 0
    sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    work = args.keep or Path(tempfile.mkdtemp(prefix="annotui-store-bench-"))
    try:
        return _run(sizes, work, args)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def _run(sizes: list[int], work: Path, args: argparse.Namespace) -> int:
    os.environ.setdefault("ANNOTUI_SEEDS", str(work / "no-seeds"))
    folders: dict[int, Path] = {}
    figures: dict[int, dict[str, Any]] = {size: {} for size in sizes}
    for size in sizes:
        folder = work / f"store-{size}"
        began = time.perf_counter()
        with Store(folder) as store:
            if len(store) != size:
                store.import_articles(corpus(size))
            assert len(store) == size, (len(store), size)
        figures[size]["build_s"] = time.perf_counter() - began
        folders[size] = folder
        print(f"built {size:,} articles in {figures[size]['build_s']:.1f} s", file=sys.stderr)
    for size in sizes:
        figures[size].update(store_reads(folders[size]))
    times = edit_times(folders, args.edits)
    for size in sizes:
        figures[size]["edit_median_ms"] = statistics.median(times[size])
        figures[size]["edit_p95_ms"] = p95(times[size])
    if not args.no_app:
        title, _, annotation = make_article(sizes[0] // 2)
        place = title.rsplit(" in ", 1)[1].split(" (")[0]
        person = annotation.people[1].name.split()[-1].lower()
        for size in sizes:
            figures[size].update(run_child(folders[size], place.lower(), person, cold=True))
            figures[size].update(run_child(folders[size], place.lower(), person, cold=False))
            print(f"measured the app on {size:,} articles", file=sys.stderr)
    missed = report(sizes, figures)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 1 if missed else 0


def report(sizes: list[int], figures: dict[int, dict[str, Any]]) -> list[str]:
    """Print the table; return the targets missed."""
    small, large = figures[sizes[0]], figures[sizes[-1]]
    rows: list[tuple[str, str, str, list[bool]]] = []

    def row(name: str, key: str, fmt: str, target: str, limit: float | None) -> None:
        if key not in small:
            return
        cells = [format(figures[s][key], fmt) for s in sizes]
        ok = [limit is None or figures[s][key] <= limit for s in sizes]
        rows.append((name, " | ".join(cells), target, ok))

    row("build (bulk import), s", "build_s", ".1f", "", None)
    row("save one edit, median ms", "edit_median_ms", ".2f", f"< {EDIT_MS:g}", EDIT_MS)
    row("save one edit, p95 ms", "edit_p95_ms", ".2f", f"< {EDIT_MS:g}", EDIT_MS)
    for key, label in (("edit_median_ms", "median"), ("edit_p95_ms", "p95")):
        ratios = [figures[s][key] / small[key] for s in sizes]
        ok = [ratio <= EDIT_RATIO for ratio in ratios]
        rows.append(
            (
                f"edit {label} / smallest",
                " | ".join(f"{r:.2f}" for r in ratios),
                f"≤ {EDIT_RATIO:g}",
                ok,
            )
        )
    row("store: open, read every summary, ms", "store_open_ms", ".0f", "", None)
    row("store: read one article + annotation, ms", "store_article_ms", ".2f", "", None)
    row("app: open to article list, s", "list_s", ".2f", f"< {LIST_S:g}", LIST_S)
    row("app: same, no index cache (first open), s", "list_cold_s", ".2f", "", None)
    row("app: open one article, ms", "article_ms", ".1f", f"< {ARTICLE_MS:g}", ARTICLE_MS)
    row("app: filter by title, ms", "filter_title_ms", ".1f", f"< {FILTER_MS:g}", FILTER_MS)
    row("app: filter by person, ms", "filter_person_ms", ".1f", f"< {FILTER_MS:g}", FILTER_MS)
    row("app: peak memory, MiB", "memory_mib", ".0f", f"< {MEMORY_MIB:g}", MEMORY_MIB)
    header = " | ".join(f"{s:,}" for s in sizes)
    print(f"| figure | {header} | target | ok |")
    print("|---|" + "---:|" * len(sizes) + "---|---|")
    missed = []
    for name, cells, target, ok in rows:
        print(f"| {name} | {cells} | {target} | {'yes' if all(ok) else 'NO'} |")
        if not all(ok):
            missed.append(name)
    if "list_rows" in large or "rows" in large:
        print(
            f"(list rows at {sizes[-1]:,}: {large.get('rows')}; filter rows: "
            f"{large.get('filter_title_rows')} by title, {large.get('filter_person_rows')} "
            "by person)"
        )
    if missed:
        print(f"MISSED: {', '.join(missed)}")
    return missed


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as error:
        print(f"store_bench failed: {type(error).__name__}: {error}", file=sys.stderr)
        raise SystemExit(2) from error
