"""Exports: complete or not at all, read back by the import; training views without what was
rejected."""

from __future__ import annotations

import errno
import fcntl
import json
import os
import signal
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from annotate.contract import to_contract
from annotate.training_view import training_view
from store import Store, StoreError
from store.exporting import FORMATS, Exported, chosen_articles, export_articles, export_format
from store.formats import annotui_lines
from store.importing import read_articles
from store.permissions import MODE_ENV
from tests.store.store_helpers import small_annotation, tree_snapshot

JSONL = FORMATS["jsonl"]


@pytest.fixture
def filled(tmp_path: Path) -> Store:
    """Three articles: two annotated (one reviewed), one not annotated yet."""
    store = Store(tmp_path / "store")
    texts = [f"Report {n}. Alice Smith met Bob Jones in Oslo." for n in range(3)]
    ids = store.add_articles(texts)
    store.save_annotation(ids[0], small_annotation(texts[0], people=1))
    store.save_annotation(ids[1], small_annotation(texts[1]))
    store.set_status(ids[1], "reviewed")
    return store


def test_the_export_reads_back_through_the_import_as_it_is_stored(
    filled: Store, tmp_path: Path
) -> None:
    """The own format writes every article, rejected items marked; the import gives back
    statuses and annotations as stored (tests/store/test_own_format.py: the same file again)."""
    out = tmp_path / "corpus.jsonl"
    done = export_articles(filled, chosen_articles(filled), out, JSONL)
    assert (done.written, done.unannotated, done.stopped) == (3, 0, False)
    items = read_articles([str(out)])
    rejected = 0
    for aid, item in zip(chosen_articles(filled), items, strict=True):
        assert item["text"] == filled.article(aid).text
        assert item["status"] == filled.summary(aid).status
        assert item["annotation"] == filled.annotation(aid)
        if item["annotation"] is not None:
            rejected += sum(s.rejected for s in item["annotation"].spans)
    assert rejected > 0, "the fixture has rejected spans, and they are written"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus.jsonl", "store"]


def test_the_training_view_leaves_out_what_was_rejected(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "gold.jsonl"
    export_articles(filled, chosen_articles(filled), out, JSONL, suggestions=False)
    items = read_articles([str(out)])
    assert len(items) == 2  # the article without an annotation has nothing to train on
    for item in items:
        stored = filled.annotation(_id(filled, item))
        assert stored is not None
        view = training_view(stored, suggestions=False)
        assert to_contract(item["annotation"], None) == to_contract(view, None)
        assert not any(s.rejected for s in item["annotation"].spans)


def _id(store: Store, item: dict[str, object]) -> str:
    return next(s.id for s in store.summaries() if store.article(s.id).text == item["text"])


def test_status_and_suggestions_choose_what_is_written(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "reviewed.jsonl"
    reviewed = chosen_articles(filled, ["reviewed"])
    assert len(reviewed) == 1
    done = export_articles(filled, reviewed, out, JSONL, suggestions=False)
    assert done.written == 1
    (item,) = read_articles([str(out)])
    assert item["text"].startswith("Report 1.")


def test_an_existing_file_is_kept_unless_forced(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "corpus.jsonl"
    out.write_text("my earlier work\n")
    with pytest.raises(StoreError, match=r"corpus\.jsonl exists"):
        export_articles(filled, chosen_articles(filled), out, JSONL)
    assert out.read_text() == "my earlier work\n"
    export_articles(filled, chosen_articles(filled), out, JSONL, force=True)
    assert len(out.read_text().splitlines()) == 3


def test_a_stopped_export_writes_nothing_and_leaves_no_part_behind(
    filled: Store, tmp_path: Path
) -> None:
    out = tmp_path / "corpus.jsonl"
    out.write_text("my earlier work\n")
    seen: list[int] = []
    done = export_articles(
        filled,
        chosen_articles(filled),
        out,
        JSONL,
        force=True,
        progress=lambda n, total: seen.append(n),
        stop=lambda: len(seen) == 2,
    )
    assert done.stopped and seen == [1, 2]
    assert out.read_text() == "my earlier work\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_failing_write_leaves_the_target_as_it_was(
    filled: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "corpus.jsonl"
    out.write_text("my earlier work\n")
    real, calls = annotui_lines.Writer.add, []

    def disk_full_on_the_second(self: annotui_lines.Writer, *args: object) -> None:
        # a full disk cannot be made in a test: the writer's own write fails as it would
        calls.append(args)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(annotui_lines.Writer, "add", disk_full_on_the_second)
    with pytest.raises(StoreError, match="No space left on device"):
        export_articles(filled, chosen_articles(filled), out, JSONL, force=True)
    assert out.read_text() == "my earlier work\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus.jsonl", "store"]


def test_an_unreadable_article_is_named_and_the_rest_is_exported(
    filled: Store, tmp_path: Path
) -> None:
    ids = chosen_articles(filled)
    bad = ids[1]
    (filled.path / "articles" / bad[:2] / f"{bad}.json").write_bytes(b"\xff\xfe\x00garbage")
    out = tmp_path / "corpus.jsonl"
    done = export_articles(filled, ids, out, JSONL)
    assert (done.written, done.unannotated) == (2, 0)
    ((article_id, reason),) = done.unreadable
    assert article_id == bad and f"{bad}.json" in reason and "not UTF-8" in reason
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == [ids[0], ids[2]]


def _refused(store: Store, out: Path, *fragments: str) -> None:
    """Export with --force to ``out``: refused with a message holding ``fragments``."""
    with pytest.raises(StoreError) as raised:
        export_articles(store, chosen_articles(store), out, JSONL, force=True)
    message = str(raised.value)
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message


def test_the_store_and_anything_inside_it_are_refused(filled: Store, tmp_path: Path) -> None:
    before = tree_snapshot(filled.path)
    (tmp_path / "into-store").symlink_to(filled.path)
    (tmp_path / "link.jsonl").symlink_to(filled.path / "corpus.jsonl")
    for out in (
        filled.path,
        filled.path / "store.json",
        filled.path / "corpus.jsonl",
        filled.path / "articles" / "new.jsonl",
        tmp_path / "into-store",
        tmp_path / "into-store" / "corpus.jsonl",
        tmp_path / "link.jsonl",
        tmp_path / "store" / ".." / "store" / "x.jsonl",
    ):
        _refused(filled, out, str(out), "store")
        assert tree_snapshot(filled.path) == before, out
    assert (filled.path / "index").is_dir()


def test_a_folder_is_never_replaced(filled: Store, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    (folder / "deep").mkdir(parents=True)
    (folder / "deep" / "notes.txt").write_text("keep me")
    _refused(filled, folder, str(folder), "is a folder")
    with pytest.raises(StoreError, match="is a folder"):
        export_articles(filled, chosen_articles(filled), folder, JSONL)
    assert (folder / "deep" / "notes.txt").read_text() == "keep me"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_named_pipe_or_a_device_is_refused(filled: Store, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    _refused(filled, fifo, str(fifo), "not a regular file")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    device = tmp_path / "null.jsonl"
    try:
        os.mknod(device, stat.S_IFCHR | 0o600, os.makedev(1, 3))
    except PermissionError:
        return  # not allowed to make device nodes here: the pipe stands for both
    _refused(filled, device, str(device), "not a regular file")
    assert stat.S_ISCHR(device.lstat().st_mode)


def test_a_symlink_to_a_file_outside_the_store_is_written_through(
    filled: Store, tmp_path: Path
) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "corpus.jsonl"
    target.write_text("old\n")
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    export_articles(filled, chosen_articles(filled), link, JSONL, force=True)
    assert link.is_symlink() and len(target.read_text().splitlines()) == 3


@pytest.mark.parametrize("mode", [None, "0o640"])
def test_the_export_is_owner_only_unless_the_store_mode_says_otherwise(
    filled: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str | None
) -> None:
    if mode is None:
        monkeypatch.delenv(MODE_ENV, raising=False)
    else:
        monkeypatch.setenv(MODE_ENV, mode)
    out = tmp_path / "corpus.jsonl"
    out.write_text("old\n")
    os.chmod(out, 0o644)
    old = os.umask(0)
    try:
        export_articles(filled, chosen_articles(filled), out, JSONL, force=True)
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == (0o600 if mode is None else 0o640)


def test_a_stale_part_file_is_removed_and_a_live_one_kept(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "corpus.jsonl"
    stale = tmp_path / ".corpus.jsonl.k1ll3d_x.part"  # its writer was killed: no lock on it
    stale.write_bytes(b"x" * 1000)
    legacy = tmp_path / ".corpus.jsonl.part"  # the shared part file of older versions
    legacy.write_bytes(b"x" * 1000)
    other = tmp_path / ".other.jsonl.abcd1234.part"  # another target's
    other.write_bytes(b"x")
    folder = tmp_path / ".corpus.jsonl.f0lder00.part"  # not a file: never removed
    folder.mkdir()
    live = tmp_path / ".corpus.jsonl.l1ve0000.part"
    live.write_bytes(b"x")
    with live.open("rb") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)  # as the export writing it holds it
        export_articles(filled, chosen_articles(filled), out, JSONL)
        assert live.exists()
    assert not stale.exists() and not legacy.exists()
    assert other.exists() and folder.is_dir()
    assert len(out.read_text().splitlines()) == 3


def _expected(store: Store, ids: list[str], out: Path) -> str:
    export_articles(store, ids, out, JSONL)
    return out.read_text()


@pytest.mark.parametrize("force", [True, False])
def test_two_exports_at_once_to_one_target(filled: Store, tmp_path: Path, force: bool) -> None:
    """Both write at the same time (a barrier at their first article); with ``force`` both
    finish and the target is one of the two whole files; without, one says it exists."""
    every, reviewed = chosen_articles(filled), chosen_articles(filled, ["reviewed"])
    (tmp_path / "expected").mkdir()
    wanted = {
        _expected(filled, every, tmp_path / "expected" / "every.jsonl"),
        _expected(filled, reviewed, tmp_path / "expected" / "reviewed.jsonl"),
    }
    out = tmp_path / "corpus.jsonl"
    barrier = threading.Barrier(2, timeout=20)
    results: list[object] = []

    def export(ids: list[str]) -> None:
        def meet_once(done: int, total: int) -> None:
            if done == 1:  # both have their part file open and are writing
                barrier.wait()

        with Store(filled.path, readonly=True) as store:
            try:
                results.append(
                    export_articles(store, ids, out, JSONL, force=force, progress=meet_once)
                )
            except StoreError as error:
                results.append(error)

    threads = [threading.Thread(target=export, args=(ids,)) for ids in (every, reviewed)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert out.read_text() in wanted
    errors = [str(r) for r in results if not isinstance(r, Exported)]
    if force:
        assert errors == []
    else:
        assert len(errors) == 1 and "corpus.jsonl exists" in errors[0]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_an_unknown_format_names_the_known_ones() -> None:
    with pytest.raises(StoreError, match="choose one of jsonl"):
        export_format("xml")


KILLED_EXPORT = """
import os, sys
from pathlib import Path
from store.export_target import PartFile
part = PartFile(Path(sys.argv[1]))
os.write(part._fd, b"half an export")
os.kill(os.getpid(), 9)
"""


def test_the_part_file_of_a_killed_export_is_removed_by_the_next(
    filled: Store, tmp_path: Path
) -> None:
    out = tmp_path / "corpus.jsonl"
    killed = subprocess.run([sys.executable, "-c", KILLED_EXPORT, str(out)], timeout=60)
    assert killed.returncode == -signal.SIGKILL
    (part,) = tmp_path.glob(".corpus.jsonl.*.part")
    assert stat.S_IMODE(part.stat().st_mode) == 0o600
    export_articles(filled, chosen_articles(filled), out, JSONL)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus.jsonl", "store"]
