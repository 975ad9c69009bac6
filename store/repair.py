"""Rebuilding the index from the article files, which are the truth.

The index (store/index.py) only summarises the article files, shard ``index/<xx>.json``
those in ``articles/<xx>/``. Two things can leave it wrong:

- a writer killed (or out of disk space) while adding articles: their files are written,
  their rows not. Before it writes the files of a batch, :meth:`~store.store.Store` writes
  their ids to ``index/.adding`` and removes it once their rows are written; a store opened
  with that file present and the lock free indexes those ids (:func:`finish_adding`).
- a shard that is empty, cut short or garbage (:class:`~store.index.DamagedShard`): it is
  rebuilt from its folder of article files (:func:`reindex_shard`), its rows put back at
  their places in the order added, and the damaged file kept beside it; no row is written
  over it before that. ``annotui repair`` does this for every shard (:func:`repair_index`).

Every function here is called with the store's write lock held, except a rebuild that only
holds the result in memory (a read-only store).
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from store.article_files import ARTICLES_DIR, ArticleFiles, sweep_temp_files
from store.atomic_storage import atomic_write_bytes, fsync_dir, make_dirs
from store.errors import StoreError
from store.index import DamagedShard, SummaryIndex, shard_name
from store.records import now
from store.values import is_article_id

ADDING_NAME = ".adding"
"""File in the index folder naming the articles of a batch being added (JSON list of ids)."""
DAMAGED_SUFFIX = ".damaged-"
"""A damaged shard is kept as ``<xx>.json.damaged-<time>``."""


@dataclass
class RepairReport:
    """What :func:`repair_index` found and did."""

    indexed: int = 0
    """Articles in the index afterwards."""
    added: int = 0
    """Rows added for article files the index did not list."""
    updated: int = 0
    """Rows rewritten because they did not match their article."""
    dropped: int = 0
    """Rows removed because their article file is gone."""
    rebuilt: list[Path] = field(default_factory=list)
    """Damaged shards rebuilt (each kept beside itself as ``….damaged-<time>``)."""
    unreadable: list[tuple[Path, str]] = field(default_factory=list)
    """Article files that cannot be read, with the problem (their rows are kept)."""
    temp_removed: int = 0
    """Temporary files of killed writers removed."""

    @property
    def changed(self) -> int:
        """Rows and shards changed."""
        return self.added + self.updated + self.dropped + len(self.rebuilt)

    def lines(self) -> list[str]:
        """The report for people, one line each."""
        lines = [problem for _, problem in self.unreadable]  # each names its file
        lines += [f"rebuilt damaged index shard {path}" for path in self.rebuilt]
        lines.append(
            f"{self.indexed} article{'' if self.indexed == 1 else 's'} indexed: "
            f"{self.added} added, {self.updated} updated, "
            f"{self.dropped} dropped (no article file); {len(self.unreadable)} unreadable; "
            f"{self.temp_removed} temporary files removed"
        )
        return lines


def article_folder(store_path: Path, name: str) -> Path:
    """Return the folder of the article files summarised by shard ``name``."""
    return store_path / ARTICLES_DIR / name.split(".")[0]


def article_paths(folder: Path) -> list[Path]:
    """Return the article files in ``folder`` (journals and temporary files left out)."""
    try:
        with os.scandir(folder) as entries:
            names = [e.name for e in entries if e.name.endswith(".json")]
    except FileNotFoundError:
        return []
    except OSError as error:
        raise StoreError(f"cannot read {folder}: {error.strerror}") from error
    return sorted(folder / n for n in names if is_article_id(n.removesuffix(".json")))


# -- the batch being added ------------------------------------------------------------


def begin_adding(index: SummaryIndex, ids: list[str]) -> Path:
    """Write the ids of a batch about to be added to ``index/.adding``; return its path."""
    if not index.folder.is_dir():
        make_dirs(index.folder)
    marker = index.folder / ADDING_NAME
    atomic_write_bytes(marker, json.dumps(ids).encode("utf-8"))
    return marker


def end_adding(marker: Path) -> None:
    """Remove the marker of a batch whose rows are written."""
    with contextlib.suppress(FileNotFoundError):
        marker.unlink()


def finish_adding(index: SummaryIndex, files: ArticleFiles, store_path: Path) -> str | None:
    """Index the articles of a batch whose writer stopped before their rows (hold the lock);
    return a notice for people, or None when no batch was left unfinished."""
    marker = index.folder / ADDING_NAME
    try:
        ids = json.loads(marker.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        ids = []  # written atomically, so never half: an unreadable marker is not ours
    ids = [aid for aid in ids if isinstance(aid, str) and is_article_id(aid)]
    summaries: list[dict[str, Any]] = []
    problems: list[str] = []
    for folder in {article_folder(store_path, shard_name(aid)) for aid in ids}:
        sweep_temp_files(folder)
    for aid in ids:
        path = article_folder(store_path, shard_name(aid)) / f"{aid}.json"
        try:
            state = files.state(path)
        except StoreError as error:
            problems.append(str(error))
            continue
        if state is not None:
            summaries.append(state.summary())
    index.put_many(summaries, bump=False)
    end_adding(marker)
    notice = (
        f"an import stopped before it finished: listed the {_articles(len(summaries))} it had "
        "written"
    )
    return "; ".join([notice, *problems])


# -- rebuilding shards ----------------------------------------------------------------


@dataclass
class _Plan:
    """What a shard should hold: its kept rows, and the articles it lacks a row for."""

    name: str
    damaged: DamagedShard | None
    old: dict[str, dict[str, Any]]
    docs: dict[str, dict[str, Any]]
    missing: list[tuple[str, str, dict[str, Any]]]
    """(created, id, summary) of each article with no row, to be given an order."""


def _plan(
    index: SummaryIndex, files: ArticleFiles, store_path: Path, name: str, report: RepairReport
) -> _Plan:
    """Compare shard ``name`` with the article files of its folder.

    Rows of readable articles are kept at their place (updated when stale), rows of
    unreadable ones kept as they are, rows with no article file dropped.
    """
    damaged: DamagedShard | None = None
    try:
        old = index.docs_of(name)
    except DamagedShard as error:
        damaged, old = error, {}
    keys = {str(doc.get("id")): key for key, doc in old.items()}
    fresh: dict[str, tuple[str, dict[str, Any]]] = {}
    unreadable: set[str] = set()
    for path in article_paths(article_folder(store_path, name)):
        aid = path.name.removesuffix(".json")
        try:
            state = files.state(path)
        except StoreError as error:
            report.unreadable.append((path, str(error)))
            unreadable.add(aid)
            continue
        if state is not None:
            fresh[aid] = (str(state.article.get("created") or ""), state.summary())
    docs: dict[str, dict[str, Any]] = {}
    for aid, key in keys.items():
        doc = old[key]
        if aid in fresh:
            summary = fresh[aid][1]
            same = {k: v for k, v in doc.items() if k != "rev"} == summary
            docs[key] = doc if same else {**summary, "rev": int(doc.get("rev", 0)) + 1}
            report.updated += not same
        elif aid in unreadable:
            docs[key] = doc
        else:
            report.dropped += 1
    missing = [(created, aid, row) for aid, (created, row) in fresh.items() if aid not in keys]
    return _Plan(name, damaged, old, docs, missing)


def _carry_out(
    index: SummaryIndex,
    store_path: Path,
    plan: _Plan,
    orders: list[int],
    report: RepairReport,
    *,
    write: bool,
) -> str | None:
    """Give the missing rows of ``plan`` their ``orders`` and write the shard if it changed;
    return a notice when it was damaged."""
    docs = dict(plan.docs)
    for order, (_, _, row) in zip(orders, sorted(plan.missing), strict=True):
        docs[str(order)] = {**row, "rev": 1}
    report.added += len(plan.missing)
    report.indexed += len(docs)
    docs = dict(sorted(docs.items(), key=lambda item: int(item[0])))
    damaged = plan.damaged
    folder = article_folder(store_path, plan.name)
    if damaged is None:
        if docs != plan.old and write:
            index.replace_shard(plan.name, docs)
        return None
    if not write:
        index.hold(damaged, docs)
        return (
            f"{damaged}; {_articles(len(docs))} read from their files in {folder} instead (the "
            "store is read-only: open it writable, or run 'annotui repair', to rebuild it)"
        )
    kept = _keep_aside(damaged.path)
    index.replace_shard(plan.name, docs)
    report.rebuilt.append(damaged.path)
    return (
        f"{damaged}; rebuilt it from {_articles(len(docs))} in {folder} "
        f"(the damaged file is kept as {kept.name})"
    )


def reindex_shard(
    index: SummaryIndex,
    files: ArticleFiles,
    store_path: Path,
    name: str,
    *,
    write: bool = True,
) -> str | None:
    """Make shard ``name`` summarise exactly the article files of its folder; return a
    notice when the shard was damaged, None otherwise.

    Articles with no row are added in the order they were created, at the places no
    shard holds (where rows were lost) first. A damaged shard is kept as
    ``<name>.damaged-<time>`` and written anew; without ``write`` (a read-only store) the
    rebuilt shard is only held in memory.
    """
    report = RepairReport()
    plan = _plan(index, files, store_path, name, report)
    orders = index.free_orders(len(plan.missing), name, (int(key) for key in plan.docs))
    return _carry_out(index, store_path, plan, orders, report, write=write)


def _articles(count: int) -> str:
    return f"{count} article file" if count == 1 else f"{count} article files"


def _keep_aside(path: Path) -> Path:
    """Rename a damaged file to ``<name>.damaged-<time>``, never over another."""
    stamp = now().replace(":", "").replace("+0000", "Z")
    kept = path.with_name(f"{path.name}{DAMAGED_SUFFIX}{stamp}")
    n = 1
    while kept.exists():
        n += 1
        kept = path.with_name(f"{path.name}{DAMAGED_SUFFIX}{stamp}-{n}")
    os.replace(path, kept)
    fsync_dir(path.parent)
    return kept


def repair_index(index: SummaryIndex, files: ArticleFiles, store_path: Path) -> RepairReport:
    """Rebuild every shard from the article files and finish an unfinished batch (hold the
    lock); remove the temporary files of killed writers.

    The articles that have no row anywhere get their places together, in the order they
    were created, so a wholly lost index comes back in the order the articles were added.
    """
    report = RepairReport()
    folders = _subfolders(store_path / ARTICLES_DIR)
    for folder in [store_path, index.folder, *folders]:
        report.temp_removed += len(sweep_temp_files(folder))
    names = sorted(set(index.names()) | {f"{folder.name}.json" for folder in folders})
    plans = [_plan(index, files, store_path, name, report) for name in names]
    missing = sorted((item[0], item[1], plan.name) for plan in plans for item in plan.missing)
    used = {int(key) for plan in plans for key in plan.docs}
    last = max(used, default=0)
    free = [order for order in range(1, last + 1) if order not in used]
    free += range(last + 1, last + 1 + len(missing) - len(free))
    given: dict[str, list[int]] = {plan.name: [] for plan in plans}
    for order, (_, _, name) in zip(free, missing, strict=False):
        given[name].append(order)
    for plan in plans:
        _carry_out(index, store_path, plan, given[plan.name], report, write=True)
    end_adding(index.folder / ADDING_NAME)
    return report


def _subfolders(folder: Path) -> list[Path]:
    try:
        with os.scandir(folder) as entries:
            found = [Path(e.path) for e in entries if e.is_dir() and _is_shard_stem(e.name)]
    except FileNotFoundError:
        return []
    return sorted(found)


def _is_shard_stem(name: str) -> bool:
    return len(name) == 2 and not set(name) - set("0123456789abcdef")
