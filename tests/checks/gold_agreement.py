"""How far do two annotators agree, and the pipeline with each? The ceiling of the scores.

Run ``.venv/bin/python tests/checks/gold_agreement.py --lee PATH/lee.cor`` (or ``--wheel PATH``,
or nothing: the ``gensim`` wheel is downloaded). Two gold folders declare the same articles,
written apart by two annotators from ``GUIDELINES.md`` (default: held-out set 9 and its second
annotation, ``tests/fixtures/gold/lee-heldout-9`` and ``lee-heldout-9-second``). The second is
scored against the first with annotui's own scorer (:func:`annotate.evaluate.score_corpus`),
as if it were a prediction; then the pipeline is scored against each (``annotui evaluate``, as
``lee_evaluate.py`` does). Agreement between two people is what a score against one of them
can reach. Prints one table; exits 0, 2 when the check itself fails.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any, Final

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "fixtures" / "gold"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(GOLD))
sys.path.insert(0, str(ROOT / "tests" / "checks"))

from lee_corpus_check import add_corpus_options, lee_cor  # noqa: E402
from lee_evaluate import evaluate  # noqa: E402
from lee_gold import gold_objects  # noqa: E402

from annotate.evaluate import score_corpus  # noqa: E402

ROWS: Final = ("people", "roles", "events", "events_untyped", "event_arguments", "modality")
"""The rows compared."""


def pair_by_source(
    first: list[dict[str, Any]], second: list[dict[str, Any]]
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """The articles both folders declare, as (first, second) pairs."""
    by_source = {obj["source"]: obj for obj in second}
    return [(obj, by_source[obj["source"]]) for obj in first if obj["source"] in by_source]


def cell(row: dict[str, Any]) -> str:
    return f"{row['precision']:.2f} / {row['recall']:.2f} / {row['f1']:.2f}"


def main(argv: list[str] | None = None) -> int:
    """Score the two annotations against each other and the pipeline against each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_corpus_options(parser)
    parser.add_argument("--first", type=Path, default=GOLD / "lee-heldout-9")
    parser.add_argument("--second", type=Path, default=GOLD / "lee-heldout-9-second")
    parser.add_argument("--model", help="spaCy pipeline (default: annotui's)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="gold-agreement-") as tmp:
        folder = Path(tmp)
        try:
            lee = lee_cor(folder, args.lee, args.wheel)
            pairs = pair_by_source(gold_objects(lee, args.first), gold_objects(lee, args.second))
            people = score_corpus(pairs).to_dict()["rows"]
            scored = []
            for name, gold in (("first", args.first), ("second", args.second)):
                (folder / name).mkdir()
                scored.append(evaluate(lee, folder / name, args.model, gold)["rows"])
            against_first, against_second = scored
        except (OSError, KeyError, ValueError, RuntimeError) as error:
            print(f"check failed: {error}", file=sys.stderr)
            return 2
    print(f"{len(pairs)} articles annotated twice; precision / recall / F1 against the first\n")
    print("| row | second annotator | pipeline vs first | pipeline vs second |")
    print("|---|---|---|---|")
    for row in ROWS:
        scores = (people[row], against_first[row], against_second[row])
        print(f"| {row} | " + " | ".join(cell(s) for s in scores) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
