"""A full disk: the write that does not fit fails with one clear line, nothing written before
is lost or hidden, and once there is room again everything goes on.

The disk is a small tmpfs mounted for the test (root only; skipped where mounting is not
allowed).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotate.edits import add_span
from annotate.model import Annotation, Provenance
from store import Store, StoreError
from tests.store.store_helpers import import_command

ROOT = Path(__file__).resolve().parents[2]
BY = Provenance(source="human", annotator="tester", state="accepted")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A folder on a 3 MiB file system of its own."""
    folder = tmp_path / "disk"
    folder.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small file system needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _fill(folder: Path) -> Path:
    """Take all the room left on the disk; return the filler file."""
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as handle:
        try:
            while handle.write(b"\0" * 4096):
                pass
        except OSError:
            pass
    return filler


def test_import_on_a_full_disk_hides_nothing(small_disk: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "news"
    corpus.mkdir()
    for n in range(400):
        (corpus / f"{n:03}.txt").write_text(f"Bulletin {n}. " + "The council met. " * 40)
    store = small_disk / "store"
    reserve = small_disk / "reserve"
    reserve.write_bytes(b"\0" * 1_500_000)
    done = subprocess.run(
        import_command(corpus, store), cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "No space left on device" in done.stderr and len(done.stderr.splitlines()) == 1
    on_disk = {p.stem for p in (store / "articles").glob("*/*.json") if "." not in p.stem}
    assert on_disk, "some articles were written before the disk was full"
    with Store(store) as opened:  # still full: it opens, and says what it could not list
        assert {s.id for s in opened.summaries()} <= on_disk
        assert any("No space left on device" in notice for notice in opened.notices)
    reserve.unlink()
    with Store(store) as opened:
        assert {s.id for s in opened.summaries()} == {
            p.stem for p in (store / "articles").glob("*/*.json") if "." not in p.stem
        }


def test_edit_on_a_full_disk_fails_cleanly_and_keeps_the_last_one(small_disk: Path) -> None:
    text = "Anna Berg met Omar Diaz in Oslo on Monday."
    store = Store(small_disk / "store")
    aid = store.add_article(text)
    first = store.apply_patch(
        aid, add_span(Annotation(text=text), 0, 9, "PERSON", by=BY), annotator="t"
    )
    filler = _fill(small_disk)
    with pytest.raises(StoreError, match="No space left on device"):
        store.apply_patch(aid, add_span(first, 14, 23, "PERSON", by=BY), annotator="t")
    assert Store(small_disk / "store", readonly=True).annotation(aid) == first
    filler.unlink()
    second = store.apply_patch(aid, add_span(first, 14, 23, "PERSON", by=BY), annotator="t")
    assert Store(small_disk / "store", readonly=True).annotation(aid) == second
    assert not list((small_disk / "store").rglob("*.tmp"))
