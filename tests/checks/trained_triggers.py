"""Would a trained event-trigger finder beat the rules? Train spaCy's own ``ner`` on the event
triggers of the gold with ``spacy train``, and compare it with the rules on articles it never saw.

Run ``.venv/bin/python tests/checks/trained_triggers.py --lee PATH/lee.cor`` (``lee_background.cor``
beside it), or give ``--wheel PATH`` or nothing (then the ``gensim`` wheel is downloaded). The
gold of ``--train`` folders (default: the development set and held-out sets 1 to 8) becomes
``DocBin`` files in a temporary folder, each trigger and later mention a span labelled with its
event type; ``spacy train`` trains a ``ner`` (spaCy's efficiency config, its own tok2vec) on
them; the trained model and the rules then find the triggers of ``--test`` (default: held-out
set 9, which neither was written on). Nothing of the corpus is kept.

Prints trigger-mention precision, recall and F1, typed and untyped, for the rules, the trained
model and both (the trained model's spans that overlap no rule's), and the time each takes
against spaCy's own ``nlp.pipe`` on the test articles. Exits 0; 2 when the check itself fails.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Final

import spacy
from spacy.cli.init_config import init_config
from spacy.tokens import Doc, DocBin

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "fixtures" / "gold"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(GOLD))
sys.path.insert(0, str(ROOT / "tests" / "checks"))

from lee_corpus_check import add_corpus_options, lee_cor, ratios  # noqa: E402
from lee_gold import gold_of_sets  # noqa: E402

from annotate.contract import to_contract  # noqa: E402
from annotate.evaluate import Counts  # noqa: E402
from annotate.pipeline import Annotator, default_model  # noqa: E402

TRAIN: Final = ("lee", "lee-heldout", *(f"lee-heldout-{n}" for n in range(2, 9)))
TEST: Final = ("lee-heldout-9",)
Mention = tuple[int, int, str]
"""A trigger mention: start and end offsets, event type."""


def gold_mentions(obj: dict[str, Any]) -> list[Mention]:
    """Every trigger and later mention of a gold (or predicted) contract object, with its type;
    a span overlapping one already taken is left out (one word, one label)."""
    found: list[Mention] = []
    for event in obj["events"]:
        for span in (event, *event.get("mentions", ())):
            start, end = span["start"], span["end"]
            if all(end <= s or e <= start for s, e, _ in found):
                found.append((start, end, event["type"]))
    return found


def to_doc(nlp: spacy.Language, text: str, mentions: Iterable[Mention]) -> Doc:
    """``text`` tokenized as spaCy's English does, its trigger mentions as entities."""
    doc = nlp.make_doc(text)
    spans = [doc.char_span(s, e, label=t, alignment_mode="expand") for s, e, t in mentions]
    doc.ents = sorted({(sp.start, sp.end): sp for sp in spans if sp is not None}.values())
    return doc


def score(gold: Sequence[list[Mention]], found: Sequence[list[Mention]], typed: bool) -> str:
    """Precision, recall and F1 of a greedy one-to-one matching of overlapping mentions."""
    tp = fp = fn = 0
    for wanted, got in zip(gold, found, strict=True):
        taken: set[int] = set()
        hits = 0
        for s, e, kind in wanted:
            for j, (s2, e2, kind2) in enumerate(got):
                if j not in taken and s < e2 and s2 < e and (kind == kind2 or not typed):
                    taken.add(j)
                    hits += 1
                    break
        tp += hits
        fp += len(got) - hits
        fn += len(wanted) - hits
    return ratios(Counts(tp, fp, fn))


def train(
    folder: Path, train_docs: list[Doc], dev_docs: list[Doc], steps: int, source: str | None
) -> Path:
    """Train spaCy's ``ner`` on the trigger spans with ``spacy train``; the last model's path.
    With ``source``, training starts from the ``tok2vec`` of that pipeline (what its tagger
    and parser learned of English) instead of a new one."""
    DocBin(docs=train_docs).to_disk(folder / "train.spacy")
    DocBin(docs=dev_docs).to_disk(folder / "dev.spacy")
    config = init_config(lang="en", pipeline=["ner"], optimize="efficiency", gpu=False)
    if source is not None:
        width = config["components"]["tok2vec"]["model"]["encode"]["width"]
        config["components"]["tok2vec"] = {"source": source}
        config["components"]["ner"]["model"]["tok2vec"]["width"] = width
    config.to_disk(folder / "config.cfg")
    command = [sys.executable, "-m", "spacy", "train", str(folder / "config.cfg")]
    command += ["--output", str(folder / "model"), "--paths.train", str(folder / "train.spacy")]
    command += ["--paths.dev", str(folder / "dev.spacy"), "--training.max_steps", str(steps)]
    command += ["--training.eval_frequency", str(max(steps // 5, 1))]
    subprocess.run(command, check=True, capture_output=True)
    return folder / "model" / "model-last"


def timed(run: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    out = run()
    return time.perf_counter() - start, out


def main(argv: list[str] | None = None) -> int:
    """Train, find, score and time; print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_corpus_options(parser)
    parser.add_argument("--train", nargs="+", default=TRAIN, help="gold folders to train on")
    parser.add_argument("--test", nargs="+", default=TEST, help="gold folders to test on")
    parser.add_argument("--steps", type=int, default=1500, help="training steps")
    parser.add_argument(
        "--pretrained",
        action="store_true",
        help="start from the tok2vec of annotui's model instead of a new one",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="trained-triggers-") as tmp:
        folder = Path(tmp)
        try:
            lee = lee_cor(folder, args.lee, args.wheel)
            training = gold_of_sets(lee, args.train)
            testing = gold_of_sets(lee, args.test)
            blank = spacy.blank("en")
            docs = [to_doc(blank, o["text"], gold_mentions(o)) for o in training]
            started = time.perf_counter()
            source = default_model() if args.pretrained else None
            model = spacy.load(train(folder, docs, docs[: len(docs) // 4], args.steps, source))
            trained_in = time.perf_counter() - started
        except (OSError, KeyError, ValueError, subprocess.CalledProcessError) as error:
            print(f"check failed: {error}", file=sys.stderr)
            return 2
        texts = [o["text"] for o in testing]
        gold = [gold_mentions(o) for o in testing]
        annotator = Annotator(default_model())
        list(annotator.annotate_many(texts[:2]))  # loaded and warm before any clock
        list(model.pipe(texts[:2]))
        raw_time, _ = timed(lambda: list(annotator.nlp.pipe(texts)))
        rules_time, annotations = timed(lambda: list(annotator.annotate_many(texts)))
        model_time, found_docs = timed(lambda: list(model.pipe(texts)))
    rules = [gold_mentions(to_contract(a, None)) for a in annotations]
    trained = [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in found_docs]
    both = [
        r + [m for m in t if all(m[1] <= s or e <= m[0] for s, e, _ in r)]
        for r, t in zip(rules, trained, strict=True)
    ]
    words = sum(len(t.split()) for t in texts)
    events = sum(len(o["events"]) for o in training)
    print(
        f"trained on {len(training)} articles ({events} events) in {trained_in:.0f} s; "
        f"tested on {len(testing)} articles, {words} words, {sum(map(len, gold))} mentions\n"
    )
    print("| finder | typed P / R / F1 | untyped P / R / F1 | time / raw nlp.pipe |")
    print("|---|---|---|---|")
    rows = (
        ("rules", rules, rules_time),
        ("trained ner", trained, raw_time + model_time),
        ("rules + trained", both, rules_time + model_time),
    )
    for name, found, seconds in rows:
        typed, untyped = score(gold, found, True), score(gold, found, False)
        print(f"| {name} | {typed} | {untyped} | {seconds / raw_time:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
