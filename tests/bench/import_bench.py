"""Peak memory of ``annotui import`` on a large JSON lines file of annotated articles.

Writes a file of extraction-contract lines (by default 3,000 articles with big annotations,
about 110 MB: a long article built by ``long_article.py``, each copy with its own last line),
imports it into a new store with ``python -m tui import`` in a child process, and prints a
table with the child's peak resident memory. The import checks every line, then adds them
in steps, reading the file line by line both times, so the peak does not grow with the file.

It exits 1 when the peak is above the target (300 MiB), 2 when the benchmark itself fails.
``--quick`` is a small run (30 articles) that only checks the bench works.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from long_article import build

from annotate.contract import to_contract

ROOT = Path(__file__).resolve().parents[2]
TARGET_MIB = 300
"""Peak resident memory allowed for the import, MiB."""
MARK = "Copy number 000000."
"""The last line of the article, made unique in each copy (it holds no annotation)."""


def write_corpus(path: Path, articles: int, words: int, entities: int) -> int:
    """Write ``articles`` contract lines to ``path``; return its size in bytes."""
    built = build(words=words, entities=entities)
    assert built.annotation is not None
    obj = to_contract(built.annotation, "bench.txt")
    obj["text"] += "\n" + MARK  # offsets unchanged: the copy number comes after every span
    line = json.dumps(obj, ensure_ascii=False)
    assert line.count(MARK) == 1
    with path.open("w", encoding="utf-8") as file:
        for number in range(articles):
            file.write(line.replace(MARK, f"Copy number {number:06d}.") + "\n")
    return path.stat().st_size


def import_peak(corpus: Path, store: Path) -> tuple[float, float, str]:
    """Import ``corpus`` into ``store`` in a child process; return its seconds, its peak
    resident memory in MiB and its standard error."""
    command = [sys.executable, "-m", "tui", "import", str(corpus), "--store", str(store)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    began = time.perf_counter()
    child = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, env=env
    )
    assert child.stderr is not None
    errors = child.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - began
    if child.returncode != 0:
        raise RuntimeError(f"the import failed ({child.returncode}): {errors.strip()}")
    return seconds, usage.ru_maxrss / 1024, errors  # ru_maxrss is in KiB on Linux


def main(argv: list[str] | None = None) -> int:
    """Write the corpus, import it, print the table; 1 when the target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3_000, help="articles in the file")
    parser.add_argument("--words", type=int, default=1_400, help="words per article")
    parser.add_argument("--entities", type=int, default=200, help="entities per article")
    parser.add_argument("--quick", action="store_true", help="30 small articles: a smoke run")
    args = parser.parse_args(argv)
    if args.quick:
        args.articles, args.words, args.entities = 30, 300, 40
    with tempfile.TemporaryDirectory(prefix="annotui-import-bench-") as work:
        corpus = Path(work) / "corpus.jsonl"
        size = write_corpus(corpus, args.articles, args.words, args.entities)
        seconds, peak, errors = import_peak(corpus, Path(work) / "store")
    if f"added {args.articles} article(s)" not in errors:
        raise RuntimeError(f"the import did not add every article: {errors.strip()}")
    ok = peak <= TARGET_MIB
    print("| figure | measured | target | ok |")
    print("|---|---:|---|---|")
    print(f"| input: articles | {args.articles:,} | | |")
    print(f"| input: JSON lines, MB | {size / 1e6:.1f} | | |")
    print(f"| import: seconds | {seconds:.1f} | | |")
    print(f"| import: peak memory, MiB | {peak:.0f} | < {TARGET_MIB} | {'yes' if ok else 'NO'} |")
    if not ok:
        print("MISSED: import: peak memory, MiB")
    return 0 if ok else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as error:  # the bench broke: not a missed target
        print(f"import_bench: {error}", file=sys.stderr)
        sys.exit(2)
