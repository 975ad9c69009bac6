"""How the model's time grows with the article: it must grow as the text does, no faster.

Run ``.venv/bin/python tests/bench/annotate_bench.py`` (``--help`` for the options). For each
size it builds the generated article of tests/bench/long_article.py (real news text, repeated
with varied names, so the number of people grows with it), annotates it with the real
pipeline as the app and ``annotui extract`` do (:func:`annotate.pipeline.annotate_docs`: pieces
of at most 100,000 characters, joined, then the annotui components), and prints the seconds and
the seconds per 1,000 words, whole and per part: spaCy's own components on the pieces, then
each annotui component (timed again on the joined Doc) and the conversion to the annotation.
``--one-line`` annotates the text with its line breaks made spaces (one paragraph: the pieces
are cut at sentences). It exits 1 when the time per 1,000 words at the largest size is more
than 1.5 times that at the smallest, 2 when the benchmark itself fails.

A second table (``--corpus-words``, 0 to skip) times a corpus of articles of about 400 words
four ways in one run, on the same texts: raw ``nlp.pipe`` of the spaCy pipeline alone;
``annotui annotate`` in one process (:func:`tui.batch_annotate.run`: the annotui components,
the conversion and the storing included); ``--workers 2``; and ``--scheduler local:2`` (a Dask
``LocalCluster`` of two worker processes, its start included; left out without Dask or with
``--no-dask``). Targets: one process within 1.25x of raw, two workers at least 1.6x faster
than one, and the cluster at least 1.3x faster than one (on 2 cores).

A third table (``--store-articles``, 0 to skip) times the bulk store write a cluster feeds:
articles of about 400 words whose annotations were computed before the clock starts, written
to a new store (:meth:`store.Store.reannotate_many`) as annotation objects and as prepared by
workers (:mod:`store.prepared`). Target: at least 2,000 articles a second, prepared. The
stores are made in ``--dir`` (default: the current folder) and removed after.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from annotate.components import COMPONENTS  # noqa: E402
from annotate.convert import doc_to_annotation  # noqa: E402
from annotate.pieces import PIECE_CHARS, line_pieces  # noqa: E402
from annotate.pipeline import Annotator, annotate_docs, build_nlp, default_model  # noqa: E402
from store import Store  # noqa: E402
from store.prepared import PreparedAnnotation  # noqa: E402
from tests.bench.long_article import build  # noqa: E402
from tui import batch_annotate  # noqa: E402

SIZES = (5_000, 20_000, 50_000, 200_000)
QUICK_SIZES = (1_000, 4_000)
FLAT = 1.5
"""Largest allowed ratio of the time per 1,000 words, largest size to smallest."""
CORPUS_WORDS = 100_000
QUICK_CORPUS_WORDS = 3_000
ARTICLE_WORDS = 400
OVER_RAW = 1.25
"""Largest allowed ratio, ``annotui annotate`` in one process to raw ``nlp.pipe``."""
TWO_WORKERS = 1.6
"""Smallest allowed speed-up of ``--workers 2`` over one process."""
LOCAL_CLUSTER = "local:2"
TWO_DASK_WORKERS = 1.3
"""Smallest allowed speed-up of ``--scheduler local:2`` over one process, the cluster's start
included (two worker processes on two cores)."""
STORE_ARTICLES = 4_000
QUICK_STORE_ARTICLES = 300
BASE_ARTICLES = 8
"""Articles annotated for the bulk write; the others are these with a line added."""
STORE_RATE = 2_000
"""Articles a second the bulk store write must reach (issue 16)."""
PARTS = ("spaCy", *(name.removeprefix("annotui_") for name in COMPONENTS), "convert")


@dataclass
class Run:
    """The timings of one article."""

    words: int
    chars: int
    pieces: int
    people: int
    seconds: float
    parts: dict[str, float] = field(default_factory=dict)

    def per_thousand(self, seconds: float | None = None) -> float:
        """Seconds per 1,000 words (of the whole run, or of ``seconds``)."""
        return (self.seconds if seconds is None else seconds) * 1000 / self.words


def run_one(model: str, words: int, one_line: bool) -> Run:
    """Annotate the generated article of about ``words`` words and time it."""
    nlp = build_nlp(model)
    text = build(words=words, entities=0).text
    if one_line:
        text = text.replace("\n", " ")
    started = time.perf_counter()
    (doc,) = annotate_docs(nlp, [text])
    annotated = time.perf_counter()
    annotation = doc_to_annotation(doc, model)
    done = time.perf_counter()
    parts: dict[str, float] = {}
    for name, proc in nlp.pipeline:  # the annotui components again, one at a time
        if name in COMPONENTS:
            begun = time.perf_counter()
            proc(doc)
            parts[name.removeprefix("annotui_")] = time.perf_counter() - begun
    parts["spaCy"] = max(0.0, annotated - started - sum(parts.values()))
    parts["convert"] = done - annotated
    return Run(
        words=len(text.split()),
        chars=len(text),
        pieces=len(line_pieces(text, PIECE_CHARS)),
        people=len(annotation.people),
        seconds=done - started,
        parts=parts,
    )


def table(runs: list[Run], one_line: bool) -> tuple[str, bool]:
    """Return the table and whether the time per 1,000 words stays flat."""
    ratio = runs[-1].per_thousand() / runs[0].per_thousand()
    ok = ratio <= FLAT
    head = "| words | chars | people | seconds | s / 1,000 words | " + " | ".join(PARTS) + " |"
    lines = [
        "Annotation time by article size"
        + (" (one line, no paragraph breaks)" if one_line else "")
        + "; parts in s / 1,000 words",
        "",
        head,
        "|" + "---:|" * (5 + len(PARTS)),
    ]
    for run in runs:
        parts = " | ".join(f"{run.per_thousand(run.parts[p]):.3f}" for p in PARTS)
        lines.append(
            f"| {run.words:,} | {run.chars:,} | {run.people:,} | {run.seconds:.1f} | "
            f"{run.per_thousand():.3f} | {parts} |"
        )
    lines += [
        "",
        f"s / 1,000 words at {runs[-1].words:,} words vs {runs[0].words:,}: {ratio:.2f}x "
        f"(target <= {FLAT}x) {'ok' if ok else 'MISSED'}",
    ]
    return "\n".join(lines), ok


def corpus(words: int) -> list[str]:
    """Articles of about :data:`ARTICLE_WORDS` words, whole paragraphs of the generated text."""
    articles: list[str] = []
    paragraphs: list[str] = []
    for paragraph in build(words=words, entities=0).text.splitlines():
        paragraphs.append(paragraph)
        if sum(len(p.split()) for p in paragraphs) >= ARTICLE_WORDS:
            articles.append("\n".join(paragraphs))
            paragraphs = []
    if paragraphs:
        articles.append("\n".join(paragraphs))
    return articles


def time_store_run(
    model: str, texts: list[str], folder: Path, workers: int, scheduler: str | None = None
) -> float:
    """Seconds of ``annotui annotate`` (``--workers``, ``--scheduler``) on a new store holding
    ``texts``; a cluster's start is part of it."""
    with Store(folder) as store:
        store.add_articles(texts)
        started = time.perf_counter()
        report = batch_annotate.run(
            store,
            batch_annotate.choose(store),
            Annotator(model),
            workers=workers,
            scheduler=scheduler,
        )
        seconds = time.perf_counter() - started
    if len(report.annotated) != len(texts):
        raise RuntimeError(f"annotated {len(report.annotated)} of {len(texts)}: {report.failed}")
    return seconds


def corpus_table(model: str, words: int, folder: Path, dask: bool) -> tuple[str, bool]:
    """Time raw ``nlp.pipe``, ``annotui annotate``, ``--workers 2`` and ``--scheduler
    local:2`` (when Dask is installed and ``dask``) on one corpus."""
    texts = corpus(words)
    nlp = build_nlp(model)
    ours = [name for name, _ in nlp.pipeline if name in COMPONENTS]
    started = time.perf_counter()
    for _ in nlp.pipe(texts, disable=ours):
        pass
    raw = time.perf_counter() - started
    with tempfile.TemporaryDirectory(prefix="annotate-bench-", dir=folder) as where:
        one = time_store_run(model, texts, Path(where) / "one", 1)
        two = time_store_run(model, texts, Path(where) / "two", 2)
        cluster = (
            time_store_run(model, texts, Path(where) / "dask", 1, LOCAL_CLUSTER) if dask else None
        )
    over_raw, speed_up = one / raw, one / two
    checks = [
        (
            "annotui annotate / raw nlp.pipe",
            f"{over_raw:.2f}x",
            f"<= {OVER_RAW}x",
            over_raw <= OVER_RAW,
        ),
        (
            "one process / --workers 2",
            f"{speed_up:.2f}x",
            f">= {TWO_WORKERS}x",
            speed_up >= TWO_WORKERS,
        ),
    ]
    if cluster is not None:
        checks.append(
            (
                f"one process / --scheduler {LOCAL_CLUSTER}",
                f"{one / cluster:.2f}x",
                f">= {TWO_DASK_WORKERS}x",
                one / cluster >= TWO_DASK_WORKERS,
            )
        )
    n_words = sum(len(t.split()) for t in texts)
    lines = [
        f"A store of {len(texts)} articles, {n_words:,} words; {os.cpu_count()} cores",
        "",
        "| run | seconds | articles / s | x raw |",
        "|---|---:|---:|---:|",
    ]
    runs = [
        ("raw nlp.pipe (spaCy alone, one process, nothing stored)", raw),
        ("annotui annotate (one process)", one),
        ("annotui annotate --workers 2", two),
    ]
    if cluster is not None:
        runs.append((f"annotui annotate --scheduler {LOCAL_CLUSTER} (its start included)", cluster))
    for what, seconds in runs:
        lines.append(
            f"| {what} | {seconds:.1f} | {len(texts) / seconds:.1f} | {seconds / raw:.2f} |"
        )
    lines += ["", "| figure | measured | target | ok |", "|---|---|---|---|"]
    lines += [f"| {w} | {m} | {t} | {'ok' if ok else 'MISSED'} |" for w, m, t, ok in checks]
    return "\n".join(lines), all(ok for *_, ok in checks)


def store_write_table(model: str, count: int, folder: Path) -> tuple[str, bool]:
    """Time the bulk write a cluster feeds: ``count`` articles of about
    :data:`ARTICLE_WORDS` words, their annotations computed before the clock starts, written
    to a new store by :meth:`store.Store.reannotate_many`, as annotation objects (what one
    process hands over) and prepared by a worker (:mod:`store.prepared`)."""
    texts = corpus(ARTICLE_WORDS * BASE_ARTICLES)[:BASE_ARTICLES]
    made = list(Annotator(model).annotate_many(texts))
    rows: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="store-bench-", dir=folder) as where:
        for name, prepare in (("annotation objects", False), ("prepared by workers", True)):
            fresh = []
            for n in range(count):
                base = made[n % len(made)]
                text = f"{base.text}\nDispatch {n}."  # a new article; the spans still fit
                annotation = replace(base, text=text)
                fresh.append((text, PreparedAnnotation.of(annotation) if prepare else annotation))
            with Store(Path(where) / name.replace(" ", "-")) as store:
                ids = store.add_articles([text for text, _ in fresh])
                started = time.perf_counter()
                written = store.reannotate_many(zip(ids, (a for _, a in fresh), strict=True))
                seconds = time.perf_counter() - started
            if written != count:
                raise RuntimeError(f"wrote {written} of {count} articles")
            rows.append((name, seconds))
    n_words = sum(len(t.split()) for t in texts) // len(texts)
    lines = [
        f"Bulk store write: {count:,} articles of about {n_words} words with their annotation, "
        f"into a new store in {folder}",
        "",
        "| annotations given as | seconds | articles / s |",
        "|---|---:|---:|",
    ]
    lines += [f"| {name} | {seconds:.2f} | {count / seconds:,.0f} |" for name, seconds in rows]
    rate = count / rows[-1][1]
    ok = rate >= STORE_RATE
    lines += [
        "",
        f"bulk write prepared by workers: {rate:,.0f} articles/s "
        f"(target >= {STORE_RATE:,}/s) {'ok' if ok else 'MISSED'}",
    ]
    return "\n".join(lines), ok


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print the table; 0 when the target is met, 1 when it is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--words",
        default=",".join(str(n) for n in SIZES),
        help="article sizes in words, comma-separated (default %(default)s)",
    )
    parser.add_argument(
        "--quick", action="store_true", help=f"sizes {QUICK_SIZES} only (a smoke run)"
    )
    parser.add_argument("--one-line", action="store_true", help="annotate each text as one line")
    parser.add_argument("--model", default=default_model(), help="spaCy pipeline to time")
    parser.add_argument(
        "--corpus-words",
        type=int,
        default=None,
        help=f"words of the corpus table (default {CORPUS_WORDS:,}; "
        f"{QUICK_CORPUS_WORDS:,} with --quick; 0 skips it)",
    )
    parser.add_argument(
        "--store-articles",
        type=int,
        default=None,
        help=f"articles of the bulk store write (default {STORE_ARTICLES:,}; "
        f"{QUICK_STORE_ARTICLES:,} with --quick; 0 skips it)",
    )
    parser.add_argument(
        "--no-dask", action="store_true", help=f"leave out the --scheduler {LOCAL_CLUSTER} run"
    )
    parser.add_argument(
        "--dir",
        type=Path,
        default=Path.cwd(),
        help="folder the benchmark's stores are made in, and removed from (default: the "
        "current folder, where a store usually lives)",
    )
    args = parser.parse_args(argv)
    try:
        sizes = QUICK_SIZES if args.quick else tuple(int(n) for n in args.words.split(","))
        if len(sizes) < 2 or list(sizes) != sorted(sizes):
            raise ValueError(f"give two sizes or more, smallest first, not {args.words!r}")
        run_one(args.model, 300, args.one_line)  # load the model and warm it up
        runs = [run_one(args.model, words, args.one_line) for words in sizes]
        text, ok = table(runs, args.one_line)
        print(text, flush=True)
        corpus_words = args.corpus_words
        if corpus_words is None:
            corpus_words = QUICK_CORPUS_WORDS if args.quick else CORPUS_WORDS
        if corpus_words:
            dask = not args.no_dask and importlib.util.find_spec("distributed") is not None
            text, corpus_ok = corpus_table(args.model, corpus_words, args.dir, dask)
            print("\n" + text, flush=True)
            ok = ok and corpus_ok
        store_articles = args.store_articles
        if store_articles is None:
            store_articles = QUICK_STORE_ARTICLES if args.quick else STORE_ARTICLES
        if store_articles:
            text, store_ok = store_write_table(args.model, store_articles, args.dir)
            print("\n" + text)
            ok = ok and store_ok
    except Exception as error:
        print(f"benchmark failed: {error!r}", file=sys.stderr)
        return 2
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
