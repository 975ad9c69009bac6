"""Import brat's own tutorial files with ``annotui import`` and check what came through.

Run ``.venv/bin/python tests/checks/brat_check.py FOLDER`` with a folder of brat's own files
(they are never copied into the repository, and nothing here reads outside it unless given
the path). For each ``.ann`` it
counts the brat lines by kind, then imports the folder into a temporary store and checks
that every text-bound annotation became a span and every event with a text-bound trigger an
event, and that each line annotui cannot hold (an event as argument, attributes, notes,
normalisations, other relations) was named. It prints a table and exits 1 when something
was lost without a word, 2 when the check itself fails.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from store import Store, StoreError  # noqa: E402
from store.importing import add_articles, check_inputs  # noqa: E402
from store.values import article_id  # noqa: E402

NAMED = ("A", "M", "N", "#")
"""Line kinds annotui does not hold: each must be named in a notice (our own notes aside)."""


def kinds(ann: Path) -> Counter[str]:
    """How many lines of each kind (``T``, ``E``, ``R``, ``*``, ``A``, ``#``, ``N``)."""
    found: Counter[str] = Counter()
    for line in ann.read_text(encoding="utf-8").splitlines():
        if line.strip():
            found[line[0]] += 1
    return found


def main(argv: list[str] | None = None) -> int:
    """Run the check; print the table; 0 when nothing was lost silently."""
    given = argv or sys.argv[1:]
    if not given:
        print("usage: brat_check.py FOLDER (a folder of brat .txt/.ann files)", file=sys.stderr)
        return 2
    folder = Path(given[0])
    if not folder.is_dir():
        print(f"check failed: {folder} is not a folder", file=sys.stderr)
        return 2
    try:
        inputs = check_inputs([str(folder)])
        with tempfile.TemporaryDirectory(prefix="brat-check-") as tmp, Store(Path(tmp)) as store:
            add_articles(store, inputs)
            rows, ok = [], True
            for ann in sorted(folder.glob("*.ann")):
                text = ann.with_suffix(".txt").read_text(encoding="utf-8")
                counts = kinds(ann)
                annotation = store.annotation(article_id(text)) if text.strip() else None
                spans = len(annotation.spans) if annotation else 0
                events = len(annotation.events) if annotation else 0
                named = sum(1 for n in inputs.notices if n.startswith(f"{ann}:"))
                unheld = (
                    sum(counts[k] for k in NAMED)
                    + counts["R"]
                    - (len(annotation.roles) if annotation else 0)
                )
                good = spans == counts["T"] and events == counts["E"] and named >= unheld
                ok = ok and good
                rows.append((ann.name, counts, spans, events, named, good))
    except StoreError as error:
        print(f"check failed: {error}", file=sys.stderr)
        return 2
    print(f"brat files in {folder}, imported with annotui import\n")
    print("| file | T | E | R | * | A | # | N | spans | events | lines named | ok |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for name, c, spans, events, named, good in rows:
        cells = " | ".join(str(c[k]) for k in ("T", "E", "R", "*", "A", "#", "N"))
        print(f"| {name} | {cells} | {spans} | {events} | {named} | {'ok' if good else 'MISSED'} |")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
