"""Score the pipeline on the Lee corpus gold (``tests/fixtures/gold/lee/``) with ``annotui
evaluate``, and check the targets of the README ("How good the suggestions are").

Run ``.venv/bin/python tests/checks/lee_evaluate.py`` (needs the network: it downloads the
``gensim`` wheel with pip into a temporary folder), or give ``--lee PATH/lee.cor`` or
``--wheel PATH``. Nothing of the corpus is kept: the articles are written to a temporary folder,
the gold is built against them (``lee_gold.py``), and ``annotui evaluate GOLD ARTICLES...``
annotates and scores them. Prints the per-article table, the totals, the scores by argument
role and the targets; exits 1 when a target is missed, 2 when the check itself fails.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import tempfile
from pathlib import Path
from typing import Any, Final

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "gold"))
sys.path.insert(0, str(ROOT / "tests" / "checks"))

from lee_corpus_check import add_corpus_options, lee_cor  # noqa: E402
from lee_gold import FOLDER, Articles, gold_objects  # noqa: E402

from tui.cli import main as annotui  # noqa: E402

TARGETS: Final[tuple[tuple[str, str, str, float], ...]] = (
    ("events (untyped) F1", "events_untyped", "f1", 0.65),
    ("events (typed) F1", "events", "f1", 0.55),
    ("argument recall", "event_arguments", "recall", 0.70),
    ("people F1", "people", "f1", 0.95),
    ("person-role F1", "roles", "f1", 0.85),
)
"""The issue's targets on the development set: label, row, ratio, least value."""


def evaluate(
    lee: Path, folder: Path, model: str | None, gold_folder: Path = FOLDER
) -> dict[str, Any]:
    """Write the gold of ``gold_folder`` and its articles into ``folder`` and run ``annotui
    evaluate --json`` on them; return its report."""
    gold = gold_objects(lee, gold_folder)
    articles = Articles(lee)
    gold_file = folder / "lee-gold.jsonl"
    gold_file.write_text(
        "".join(json.dumps(obj, ensure_ascii=False) + "\n" for obj in gold), encoding="utf-8"
    )
    paths = []
    for obj in gold:
        corpus, number = obj["source"].split(":")
        path = folder / f"{corpus.removesuffix('.cor')}-{int(number):03d}.txt"
        path.write_text(articles.of(corpus)[int(number) - 1], encoding="utf-8")
        paths.append(str(path))
    out = io.StringIO()
    options = ["--model", model] if model else []
    with contextlib.redirect_stdout(out):
        code = annotui(["evaluate", str(gold_file), *paths, "--json", *options])
    if code != 0:
        raise RuntimeError(f"annotui evaluate exited {code}")
    return json.loads(out.getvalue())


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(c.ljust(widths[0]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(r))
        for r in rows
    ]


def report_lines(data: dict[str, Any]) -> tuple[list[str], bool]:
    """The printed report, and whether every target is met."""
    rows = data["rows"]
    lines = ["per article (F1 unless said):"]
    head = ("article", "people", "roles", "events", "untyped", "args P", "args R", "events g/p")
    table = [head]
    for item in data["per_article"]:
        r = item["rows"]
        untyped = r["events_untyped"]
        table.append(
            (
                item["source"],
                *(f"{r[n]['f1']:.2f}" for n in ("people", "roles", "events", "events_untyped")),
                f"{r['event_arguments']['precision']:.2f}",
                f"{r['event_arguments']['recall']:.2f}",
                f"{untyped['tp'] + untyped['fn']}/{untyped['tp'] + untyped['fp']}",
            )
        )
    lines += _table(table)
    lines += ["", f"total, {data['articles']} articles, micro-averaged:"]
    table = [("row", "tp", "fp", "fn", "precision", "recall", "f1")]
    for name, c in rows.items():
        ratios = (f"{c['precision']:.3f}", f"{c['recall']:.3f}", f"{c['f1']:.3f}")
        table.append((name, str(c["tp"]), str(c["fp"]), str(c["fn"]), *ratios))
    lines += _table(table)
    lines += ["", "targets:"]
    met = True
    for label, row, ratio, least in TARGETS:
        value = rows[row][ratio]
        ok = value >= least
        met &= ok
        lines.append(
            f"  {label:<22} {value:.3f}  (target >= {least:.2f})  {'ok' if ok else 'MISSED'}"
        )
    return lines, met


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation; print the tables; exit 0 when every target is met, else 1."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_corpus_options(parser)
    parser.add_argument("--model", help="spaCy pipeline (default: annotui's)")
    parser.add_argument(
        "--gold",
        type=Path,
        default=FOLDER,
        help="folder of lee-NN.toml declarations (default: tests/fixtures/gold/lee; "
        "tests/fixtures/gold/lee-heldout holds articles written after the rules were frozen)",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="lee-evaluate-") as tmp:
        folder = Path(tmp)
        try:
            data = evaluate(lee_cor(folder, args.lee, args.wheel), folder, args.model, args.gold)
        except (OSError, KeyError, ValueError, RuntimeError) as error:
            print(f"check failed: {error}", file=sys.stderr)
            return 2
    lines, met = report_lines(data)
    print("\n".join(lines))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
