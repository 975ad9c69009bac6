"""Import the Lee corpus, as the ``gensim`` wheel ships it, with ``annotui import --lines``.

Run ``.venv/bin/python tests/checks/lee_corpus_check.py`` (needs the network: it downloads the
wheel with pip into a temporary folder, or give ``--wheel PATH``). Nothing of the corpus is
kept in the repository. ``lee.cor`` and ``lee_background.cor`` hold one ABC news article per
line, in ASCII but for one Latin-1 ``£`` in ``lee.cor``. The check imports each into a new
store and prints what it found; it exits 1 when an article is missing or the ``£`` was not
read as one, 2 when the check itself fails.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from annotate.evaluate import Counts  # noqa: E402
from store import Store  # noqa: E402
from tui.cli import main as annotui  # noqa: E402

FILES = ("lee.cor", "lee_background.cor")
MEMBER = "gensim/test/test_data/{}"


def download_wheel(folder: Path) -> Path:
    """Download the newest gensim wheel for this Python into ``folder``."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "gensim",
            "--no-deps",
            "--quiet",
            "-d",
            str(folder),
        ],
        check=True,
        timeout=300,
    )
    return next(folder.glob("gensim-*.whl"))


def check_file(corpus: Path, store_path: Path) -> tuple[list[str], bool]:
    """Import ``corpus`` with ``--lines``; return the table row and whether it is right."""
    lines = [line for line in corpus.read_bytes().split(b"\n") if line.strip()]
    distinct = len({line.strip() for line in lines})
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = annotui(["import", str(corpus), "--lines", "--store", str(store_path)])
    with Store(store_path, readonly=True) as store:
        texts = [store.article(s.id).text for s in store.summaries()]
    pounds = sum(text.count("£") for text in texts)
    expected_pounds = sum(line.count(b"\xa3") for line in lines)
    notice = next((n for n in err.getvalue().splitlines() if "read as" in n), "")
    ok = code == 0 and len(texts) == distinct and pounds == expected_pounds
    encoding = notice.split("read as ")[1].split(" ")[0] if notice else "utf-8"
    row = [corpus.name, str(len(lines)), str(distinct), str(len(texts)), encoding, str(pounds)]
    return row, ok


def extract(wheel: Path, folder: Path) -> None:
    """Write the wheel's corpus files (:data:`FILES`) into ``folder``."""
    with zipfile.ZipFile(wheel) as archive:
        for name in FILES:
            (folder / name).write_bytes(archive.read(MEMBER.format(name)))


def add_corpus_options(parser: argparse.ArgumentParser) -> None:
    """``--lee PATH`` (``lee.cor``, ``lee_background.cor`` beside it) or ``--wheel PATH`` (a
    ``gensim`` wheel): where a check reads the corpus; neither, and :func:`lee_cor` downloads
    the wheel."""
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--lee", type=Path, help="lee.cor (lee_background.cor beside it)")
    source.add_argument("--wheel", type=Path, help="a gensim wheel already downloaded")


def ratios(counts: Counts) -> str:
    """Precision / recall / F1 of ``counts`` (``annotui evaluate``'s counting), as the checks'
    tables print them."""
    return f"{counts.precision:.2f} / {counts.recall:.2f} / {counts.f1:.2f}"


def lee_cor(folder: Path, lee: Path | None, wheel: Path | None) -> Path:
    """``lee`` when given (``lee_background.cor`` beside it), else ``lee.cor`` extracted into
    ``folder`` with its companion from ``wheel`` (downloaded when not given)."""
    if lee is not None:
        return lee
    extract(wheel or download_wheel(folder), folder)
    return folder / FILES[0]


def main(argv: list[str] | None = None) -> int:
    """Run the check; print the table; exit 0 when every article is in, 1 when not."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="a gensim wheel already downloaded")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="lee-check-") as tmp:
        folder = Path(tmp)
        try:
            wheel = args.wheel or download_wheel(folder)
            extract(wheel, folder)
            rows = [check_file(folder / name, folder / f"store-{name}") for name in FILES]
        except (OSError, KeyError, subprocess.SubprocessError, StopIteration) as error:
            print(f"check failed: {error!r}", file=sys.stderr)
            return 2
    print(f"Lee corpus from {wheel.name}, imported with annotui import --lines\n")
    print("| file | lines | distinct | articles stored | encoding | £ kept |")
    print("|---|---:|---:|---:|---|---:|")
    for row, ok in rows:
        print("| " + " | ".join(row) + " |" + ("" if ok else "  MISSED"))
    return 0 if all(ok for _, ok in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
