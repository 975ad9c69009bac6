"""Writing the corpus as training data, in steps that can stop and never leave half a file.

:func:`export_articles` writes every chosen article through a format's :class:`Writer` into a
hidden part file of its own beside the target, then syncs it and renames it into place: the
target is either the complete export or untouched (see :mod:`store.export_target`, which
also refuses a target inside the store, a folder, or anything but a regular file). Stopping
(Ctrl-C, ``ctrl+x`` in the app) or an error removes the part. An article whose file cannot
be read is left out and named in :attr:`Exported.unreadable`; the rest is written. Rejected
items are never written; see :func:`annotate.training_view.training_view`.

A format is a module of ``store/formats/`` with a ``Writer`` class taking the path of the file
to write and listed in :data:`FORMATS`; spaCy is imported only by the formats that need it,
and only when they run.
"""

from __future__ import annotations

import importlib
import os
import tempfile
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from annotate.model import Annotation
from annotate.training_view import training_view
from store.errors import StoreError
from store.export_target import PartFile, export_target, remove_stale_parts
from store.formats.left_out import LeftOut
from store.store import Store
from store.values import Article, Status


class Writer(Protocol):
    """Writes one export: made with the path to write, given each article, then closed.

    A lossless writer (annotui's own format) is given every article, its annotation as the
    store holds it (None when it has none); the others are given the annotated articles
    only, in their training view (nothing rejected).
    """

    lossless: bool

    def add(self, article: Article, annotation: Annotation | None) -> None:
        """Write one article with what it is annotated with."""

    def close(self) -> None:
        """Finish writing (flush, write what is kept for the end)."""

    @property
    def left_out(self) -> list[LeftOut]:
        """What the format could not hold, with the reason (empty for a lossless format)."""


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
    """The usual file suffix."""
    writer_class: str = "Writer"
    """The name of the writer class in :attr:`module`."""
    folder: bool = False
    """The export is a new folder of files (brat), not one file."""

    def writer(self, path: Path) -> Writer:
        """Open this format's writer on ``path``."""
        module = importlib.import_module(f"store.formats.{self.module}")
        writer: Writer = getattr(module, self.writer_class)(path)
        return writer


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat(
            "jsonl",
            "annotui's own format, a JSON line an article with everything the store holds "
            "of it: statuses and every decision, rejections included (annotui import restores "
            "them; docs/format.md)",
            "annotui_lines",
            ".jsonl",
        ),
        ExportFormat(
            "spacy",
            "spaCy DocBin for spacy train: entities in Doc.ents, roles, event triggers and "
            "arguments in Doc.spans, people and links in Doc.user_data",
            "spacy_docbin",
            ".spacy",
        ),
        ExportFormat(
            "brat",
            "brat standoff: a new folder of NAME.txt and NAME.ann per article (T, E, R, * and "
            "# lines) and the annotation.conf that declares their types",
            "brat",
            "",
            folder=True,
        ),
        ExportFormat(
            "conll",
            "CoNLL-2003: a token a line with its IOB entity tag, -DOCSTART- per article "
            "(spacy convert -c ner reads it); entities only",
            "conll",
            ".conll",
        ),
        ExportFormat(
            "prodigy",
            "Prodigy JSON lines: text, spans, relations (role titles and event triggers to "
            "the people's mentions), answer accept",
            "span_tasks",
            ".jsonl",
            "ProdigyWriter",
        ),
        ExportFormat(
            "doccano",
            "doccano relation JSON lines: entities with ids and offsets, relations between them",
            "span_tasks",
            ".jsonl",
            "DoccanoWriter",
        ),
        ExportFormat(
            "labelstudio",
            "Label Studio tasks JSON: decisions as annotations, suggestions as predictions",
            "span_tasks",
            ".json",
            "LabelStudioWriter",
        ),
    )
}
"""The export formats by name."""


NOT_ANNOTATED = "not annotated yet"
NOTHING_DECIDED = "nothing decided by a person yet"


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
    unreadable: tuple[tuple[str, str], ...] = ()
    """(id, reason) of each chosen article whose file could not be read: left out."""
    left_out: tuple[LeftOut, ...] = ()
    """Items of the written articles the format could not hold (see :class:`LeftOut`)."""
    skipped: tuple[tuple[str, str], ...] = ()
    """(id, reason) of each chosen article left out whole: not annotated yet, or (in a
    training view without suggestions) nothing a person decided, which would teach a model
    that the article holds nothing."""
    rejected: int = 0
    """Rejected items of the written articles, left out of a training view."""


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
    An existing regular file ``out`` is replaced only with ``force``; a folder, anything
    but a regular file, and a path in the store are refused. An article that cannot be read
    is named in :attr:`Exported.unreadable` and the rest written. Errors are
    :class:`StoreError`.
    """
    out = Path(out)
    if fmt.folder:
        return _export_folder(store, ids, out, fmt, suggestions, progress, stop)
    target = export_target(out, store.path, force=force)
    try:
        with PartFile(target) as part:
            remove_stale_parts(target, keep=part.path)
            writer = fmt.writer(part.path)
            try:
                done = _write_articles(store, ids, writer, out, suggestions, progress, stop)
            finally:
                writer.close()
            if not done.stopped:
                part.put_in_place(force=force)
    except OSError as error:
        raise StoreError(f"{out}: cannot write the export: {error.strerror or error}") from error
    return done


def _write_articles(
    store: Store,
    ids: Collection[str],
    writer: Writer,
    out: Path,
    suggestions: bool,
    progress: Callable[[int, int], None],
    stop: Callable[[], bool],
) -> Exported:
    """Give ``writer`` each article of ``ids`` (all of them to a lossless writer, else the
    training view of each annotated one with a decision in it); say what was left out."""
    written = unannotated = rejected = 0
    unreadable: list[tuple[str, str]] = []
    skipped: list[tuple[str, str]] = []
    for done, article_id in enumerate(ids, 1):
        if stop():
            return Exported(out, written, unannotated, stopped=True)
        try:
            article = store.article(article_id)
            annotation = store.annotation(article_id)
        except StoreError as error:  # one unreadable file does not stop the rest
            unreadable.append((article_id, str(error)))
            progress(done, len(ids))
            continue
        if writer.lossless and suggestions:
            writer.add(article, annotation)
            written += 1
        elif annotation is None:
            unannotated += 1
            skipped.append((article_id, NOT_ANNOTATED))
        else:
            view = training_view(annotation, suggestions=suggestions)
            rejected += sum(s.rejected for s in annotation.spans)
            if not suggestions and not view.spans:
                skipped.append((article_id, NOTHING_DECIDED))
            else:
                writer.add(article, view)
                written += 1
        progress(done, len(ids))
    return Exported(
        out,
        written,
        unannotated,
        unreadable=tuple(unreadable),
        left_out=tuple(writer.left_out),
        skipped=tuple(skipped),
        rejected=rejected,
    )


def _export_folder(
    store: Store,
    ids: Collection[str],
    out: Path,
    fmt: ExportFormat,
    suggestions: bool,
    progress: Callable[[int, int], None],
    stop: Callable[[], bool],
) -> Exported:
    """Write a folder format into a hidden part folder beside ``out``, renamed into place when
    complete; ``out`` must not exist (a folder is never replaced). On a stop or an error the
    part folder's files, all written here, are removed and then the folder itself."""
    if out.exists() or out.is_symlink():
        raise StoreError(
            f"{out} exists: {fmt.name} writes a new folder, give a name that does not exist yet "
            "(annotui export never replaces a folder)"
        )
    export_target(out, store.path, force=False)  # refuses a path inside the store
    try:
        part = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent))
    except OSError as error:
        raise StoreError(f"{out}: cannot write the export: {error.strerror or error}") from error
    placed = False
    try:
        writer = fmt.writer(part)
        done = _write_articles(store, ids, writer, out, suggestions, progress, stop)
        writer.close()
        if done.stopped:
            return done
        if out.exists():
            raise StoreError(f"{out} appeared while the export was written: nothing replaced")
        os.rename(part, out)
        placed = True
    except OSError as error:
        raise StoreError(f"{out}: cannot write the export: {error.strerror or error}") from error
    finally:
        if not placed:
            for file in part.iterdir():
                file.unlink()
            part.rmdir()
    return done
