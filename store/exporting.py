"""Writing the corpus as training data, in steps that can stop and never leave half a file.

:func:`export_articles` writes every chosen article through a format's :class:`Writer` into a
hidden ``.NAME.part`` beside the target, then syncs it and renames it into place: the target
is either the complete export or untouched. Stopping (Ctrl-C, ``ctrl+x`` in the app) or an
error removes the part. Rejected items are never written; see
:func:`annotate.training_view.training_view`.

A format is a module of ``store/formats/`` with a ``Writer`` class taking the path to write
(a file, or a folder it creates) and listed in :data:`FORMATS`; spaCy is imported only by the
formats that need it, and only when they run.
"""

from __future__ import annotations

import importlib
import os
import shutil
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from annotate.model import Annotation
from annotate.training_view import training_view
from store.errors import StoreError
from store.store import Store
from store.values import Article, Status


class Writer(Protocol):
    """Writes one export: made with the path to write, given each article, then closed."""

    def add(self, article: Article, annotation: Annotation) -> None:
        """Write one article with what it is annotated with."""

    def close(self) -> None:
        """Finish writing (flush, write what is kept for the end)."""


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One format annotui writes."""

    name: str
    """What ``--format`` takes."""
    description: str
    """One line for ``--help`` and the app's export dialog."""
    module: str
    """The ``store.formats`` module holding its ``Writer``."""
    suffix: str
    """The usual file suffix; ``""`` for a folder."""

    @property
    def folder(self) -> bool:
        """True when the export is a folder of files."""
        return not self.suffix

    def writer(self, path: Path) -> Writer:
        """Open this format's writer on ``path``."""
        module = importlib.import_module(f"store.formats.{self.module}")
        writer: Writer = module.Writer(path)
        return writer


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat(
            "jsonl",
            "annotui's extraction contract, a JSON line an article (annotui import reads it)",
            "contract_lines",
            ".jsonl",
        ),
    )
}
"""The export formats by name."""


@dataclass(frozen=True, slots=True)
class Exported:
    """What :func:`export_articles` did."""

    path: Path
    """The export (only complete when ``stopped`` is False)."""
    written: int
    """Articles written."""
    unannotated: int
    """Chosen articles left out because they have no annotation yet."""
    stopped: bool = False
    """True when asked to stop: nothing was written to ``path``."""


def export_format(name: str) -> ExportFormat:
    """Return the format called ``name``; raises :class:`StoreError` listing the known ones."""
    try:
        return FORMATS[name]
    except KeyError:
        raise StoreError(
            f"unknown export format {name!r}: choose one of {', '.join(FORMATS)}"
        ) from None


def chosen_articles(store: Store, statuses: Collection[Status] | None = None) -> list[str]:
    """Ids of the store's articles, in list order, whose review status is in ``statuses``
    (all when None)."""
    return [s.id for s in store.summaries() if statuses is None or s.status in statuses]


def export_articles(
    store: Store,
    ids: Collection[str],
    out: Path,
    fmt: ExportFormat,
    *,
    suggestions: bool = True,
    force: bool = False,
    progress: Callable[[int, int], None] = lambda done, total: None,
    stop: Callable[[], bool] = lambda: False,
) -> Exported:
    """Write the articles ``ids`` of ``store`` to ``out`` in format ``fmt``.

    ``suggestions=False`` leaves out what the model suggested and no person accepted.
    ``progress(done, total)`` is called after each article and ``stop()`` asked before each.
    An existing ``out`` is replaced only with ``force``. Errors are :class:`StoreError`.
    """
    out = Path(out)
    if out.exists() and not force:
        raise StoreError(f"{out} exists: give another name (annotui export --force replaces it)")
    if not out.parent.is_dir():
        raise StoreError(f"{out.parent}: no such folder")
    part = out.with_name(f".{out.name}.part")
    _remove(part)
    written = unannotated = 0
    try:
        writer = fmt.writer(part)
        try:
            for done, article_id in enumerate(ids, 1):
                if stop():
                    return Exported(out, written, unannotated, stopped=True)
                annotation = store.annotation(article_id)
                if annotation is None:
                    unannotated += 1
                else:
                    view = training_view(annotation, suggestions=suggestions)
                    writer.add(store.article(article_id), view)
                    written += 1
                progress(done, len(ids))
        finally:
            writer.close()
        _sync(part)
        _put_in_place(part, out)
    except OSError as error:
        raise StoreError(f"{out}: cannot write the export: {error.strerror or error}") from error
    finally:
        _remove(part)
    return Exported(out, written, unannotated)


def _sync(path: Path) -> None:
    """Flush every file of ``path`` (a file or folder) and the folders holding them to disk."""
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    folders = {path.parent} | ({path} if path.is_dir() else set())
    for file in files:
        with open(file, "rb") as handle:
            os.fsync(handle.fileno())
        folders.add(file.parent)
    for folder in folders:
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _put_in_place(part: Path, out: Path) -> None:
    """Rename ``part`` to ``out``; an existing ``out`` (allowed by ``force``) is replaced, a
    folder by renaming it aside first and removing it after."""
    if out.is_dir() and not out.is_symlink():
        old = out.with_name(f".{out.name}.old")
        _remove(old)
        out.rename(old)
        part.rename(out)
        _remove(old)
    else:
        os.replace(part, out)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
