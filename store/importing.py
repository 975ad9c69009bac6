"""Adding articles from files: plain text and extraction-contract JSON, in steps that can stop.

:func:`check_inputs` reads and checks every input before anything is written, so a bad file is
reported (file, line, what is wrong) with the store untouched; it keeps only each article's id,
and :func:`add_articles` reads the inputs again, one article at a time, and adds them a few at
a time. A JSON lines file of any size is thus never held whole. Each step is complete on disk
(atomic files, index synced) before the next, so stopping between steps (Ctrl-C) leaves nothing
half-written, and running the same command again adds the rest: articles already stored are
skipped. Which articles a step added is decided by the store under its lock, so two imports of
the same files at once never both count one article.

Links in a folder to files outside it are skipped (with a notice) unless ``follow_links``. A
file that cannot be imported is skipped with its reason while the others are added, unless
``strict`` (then nothing is added). Text that is not UTF-8 is read in the encoding given, else
the one detected (a notice names it); with ``lines`` each line of a text file is an article.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TextIO

from store.errors import StoreError
from store.formats import annotui_lines, brat, conll, contract_lines, spacy_docbin, span_tasks
from store.formats.plain_text import decode_text, line_items, read_text, text_item
from store.store import Store
from store.values import article_id

Kind = Literal[
    "text",
    "lines",
    "contract",
    "annotui",
    "prodigy",
    "doccano",
    "labelstudio",
    "brat",
    "conll",
    "spacy",
    "kept",
]
"""What an input is read as."""

STEP = 100
"""Articles added per step between two chances to stop."""


@dataclass(frozen=True, slots=True)
class Added:
    """What :func:`add_articles` did."""

    new: list[str] = field(default_factory=list)
    """Ids of the articles added."""
    known: list[str] = field(default_factory=list)
    """Ids of the articles that were in the store already (left as they were)."""
    stopped: bool = False
    """True when asked to stop before every article was added."""
    to_add: int = 0
    """How many articles were not in the store yet (all of them are in ``new`` unless
    ``stopped``)."""
    notices: list[str] = field(default_factory=list)
    """What was left out of the inputs, and why (see :attr:`Inputs.notices`)."""


@dataclass(frozen=True, slots=True)
class _Input:
    """One checked input: where to read it again, and the ids of its articles."""

    name: str
    kind: Kind
    ids: list[str]
    path: Path | None = None
    items: list[dict[str, Any]] | None = None
    """The items themselves (``kept``), for what cannot be read twice (standard input)."""
    encoding: str | None = None
    """The encoding given, or the one found when the file was checked (read again in it)."""
    as_suggestions: bool = False
    """Spans of another tool's file are kept as suggestions, not decisions."""


@dataclass(frozen=True, slots=True)
class Inputs:
    """Inputs checked by :func:`check_inputs`, read again as :meth:`items` is iterated."""

    sources: list[_Input] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    """One line per file left out (a link to a file outside its folder, a file that cannot
    be imported) or read in an encoding that was detected."""
    links_skipped: int = 0
    """How many links to files outside their folder were left out."""
    skipped: int = 0
    """How many files were left out because they cannot be imported (see ``strict``)."""

    @classmethod
    def of(cls, items: Sequence[dict[str, Any]]) -> Inputs:
        """Inputs of items already read."""
        ids = [article_id(item["text"]) for item in items]
        return cls([_Input("items", "kept", ids, items=list(items))])

    @property
    def ids(self) -> list[str]:
        """The id of each article, in order (the same text twice has the same id)."""
        return [aid for source in self.sources for aid in source.ids]

    def __len__(self) -> int:
        return sum(len(source.ids) for source in self.sources)

    def items(self) -> Iterator[dict[str, Any]]:
        """Yield each article's import item, reading the files again one article at a time;
        a file changed since it was checked raises :class:`StoreError`."""
        for _, item in self.located():
            yield item

    def located(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Yield (id, import item) of each article, as :meth:`items`."""
        for source in self.sources:
            count = 0
            for count, item in enumerate(_read(source), 1):
                aid = article_id(item["text"])
                if count > len(source.ids) or aid != source.ids[count - 1]:
                    raise _changed(source)
                yield aid, item
            if count != len(source.ids):
                raise _changed(source)


def _changed(source: _Input) -> StoreError:
    return StoreError(f"{source.name}: changed while being imported; import it again")


def _read(source: _Input) -> Iterator[dict[str, Any]]:
    """Yield the import items of one input, reading its file (one article at a time)."""
    if source.items is not None:
        yield from source.items
    elif source.path is not None and source.kind == "contract":
        yield from contract_lines.read_contract(source.path)
    elif source.path is not None and source.kind == "annotui":
        yield from annotui_lines.read_lines(source.path)
    elif source.path is not None and source.kind in (span_tasks.PRODIGY, span_tasks.DOCCANO):
        yield from span_tasks.read(
            source.path, source.kind, suggestions=source.as_suggestions
        ).items
    elif source.path is not None and source.kind == "spacy":
        yield from spacy_docbin.read_docbin(source.path, suggestions=source.as_suggestions)[0]
    elif source.path is not None and source.kind == "conll":
        yield from conll.read_conll(source.path, suggestions=source.as_suggestions)[0]
    elif source.path is not None and source.kind == "brat":
        yield from brat.read_folder(source.path, suggestions=source.as_suggestions)[0]
    elif source.path is not None and source.kind == span_tasks.LABEL_STUDIO:
        yield from span_tasks.read_label_studio(
            source.path, suggestions=source.as_suggestions
        ).items
    elif source.path is not None:
        text, encoding = read_text(source.path, source.encoding)
        if source.kind == "lines":
            yield from line_items(text, source.name, encoding)
        else:
            yield text_item(text, source.name, encoding)


def check_inputs(
    names: Sequence[str],
    stdin: TextIO | None = None,
    *,
    follow_links: bool = False,
    encoding: str | None = None,
    lines: bool = False,
    strict: bool = False,
    as_suggestions: bool = False,
    fmt: str | None = None,
) -> Inputs:
    """Read and check every input: a text file (one article; with ``lines``, one per line
    that is not blank), a folder (its ``*.txt`` files in name order, or a brat folder), ``-``
    (standard input), or a file of another format, by its suffix and first line (``fmt``, a
    name of :data:`FORMATS`, says which instead). Text is read in ``encoding``, else UTF-8,
    else the encoding detected.

    Keeps each article's id, not its text (except standard input's, which cannot be read
    twice). A file that cannot be imported is left out with a notice (file, line, why), or
    with ``strict`` raises :class:`StoreError`, as does, with ``strict``, a file holding
    anything annotui cannot express; a name that is neither a file nor a folder always
    raises.
    """
    if fmt is not None and fmt not in FORMATS and fmt != "brat":
        known = ", ".join([*FORMATS, "brat"])
        raise StoreError(f"unknown import format {fmt!r}: choose one of {known}")
    sources: list[_Input] = []
    links: list[str] = []
    notices: list[str] = []
    skipped = 0
    text_kind: Literal["text", "lines"] = "lines" if lines else "text"
    for name in names:
        if name == "-":
            sources.append(_stdin_input(stdin or sys.stdin, encoding, lines))
            continue
        path = Path(name)
        if brat.is_brat_folder(path) or (fmt == "brat" and path.is_dir()):
            items, found = brat.read_folder(path, suggestions=as_suggestions)
            if not items:
                raise StoreError(f"{path}: no .txt file with its .ann in this folder")
            if strict and found:
                raise StoreError(f"{found[0]} (--strict refuses the folder)")
            notices += found
            ids = [article_id(str(item["text"])) for item in items]
            sources.append(_Input(name, "brat", ids, path, as_suggestions=as_suggestions))
            continue
        if path.is_dir():
            files = [(file, str(file)) for file in _folder_files(path, follow_links, links)]
        elif not path.is_file():
            raise StoreError(f"no such file or folder: {name}")
        else:
            files = [(path, name)]
        for file, label in files:
            suffix = file.suffix.lower()
            kind = (
                FORMATS[fmt](file)
                if fmt in FORMATS
                else _json_kind(file)
                if suffix in contract_lines.SUFFIXES
                else "conll"
                if suffix in conll.SUFFIXES
                else "spacy"
                if suffix in spacy_docbin.SUFFIXES
                else text_kind
            )
            said = len(notices)
            try:
                sources.append(_checked(file, label, kind, encoding, notices, as_suggestions))
                if strict and kind not in ("text", "lines") and len(notices) > said:
                    first = notices[said]
                    del notices[said:]
                    raise StoreError(f"{first} (--strict refuses the file)")
            except StoreError as error:
                if strict:
                    raise
                notices.append(f"skipped {error}")
                skipped += 1
    return Inputs(sources, links + notices, links_skipped=len(links), skipped=skipped)


FORMATS: dict[str, Callable[[Path], Kind]] = {
    "jsonl": lambda path: "annotui" if _json_kind(path) == "annotui" else "contract",
    "spacy": lambda path: "spacy",
    "prodigy": lambda path: "prodigy",
    "doccano": lambda path: "doccano",
    "labelstudio": lambda path: "labelstudio",
    "conll": lambda path: "conll",
    "text": lambda path: "text",
}
"""What ``--format`` names, and how a file is read then (brat is a folder: see above)."""


def _stdin_input(stdin: TextIO, encoding: str | None, lines: bool) -> _Input:
    """Standard input, read once and kept (it cannot be read twice)."""
    raw = getattr(stdin, "buffer", None)
    if raw is None:
        text, found = stdin.read(), "utf-8"
    else:
        text, found = decode_text(raw.read(), "<stdin>", encoding)
    items = (
        list(line_items(text, "<stdin>", found)) if lines else [text_item(text, "<stdin>", found)]
    )
    return _Input("<stdin>", "kept", [article_id(i["text"]) for i in items], items=items)


def read_articles(
    names: Sequence[str],
    stdin: TextIO | None = None,
    *,
    encoding: str | None = None,
    lines: bool = False,
) -> list[dict[str, Any]]:
    """Return every import item of ``names`` at once (see :func:`check_inputs`, strict: the
    first bad file raises; links out of a folder are skipped). For small inputs:
    :func:`add_articles` takes :class:`Inputs`."""
    return list(check_inputs(names, stdin, encoding=encoding, lines=lines, strict=True).items())


def _folder_files(folder: Path, follow_links: bool, notices: list[str]) -> list[Path]:
    """The ``*.txt`` files of ``folder`` in name order, less links to files outside it
    (unless ``follow_links``), each of which adds a line to ``notices``."""
    files = sorted(folder.glob("*.txt"))
    if not files:
        raise StoreError(f"{folder}: no *.txt files in this folder")
    root = folder.resolve()
    kept: list[Path] = []
    for file in files:
        target = file.resolve() if file.is_symlink() else None
        if target is not None and not follow_links and not target.is_relative_to(root):
            notices.append(f"{file}: skipped: a link to {target}, outside the folder")
        else:
            kept.append(file)
    return kept


def _checked(
    path: Path,
    name: str,
    kind: Kind,
    encoding: str | None,
    notices: list[str],
    as_suggestions: bool = False,
) -> _Input:
    """Check every article of one file; keep their ids, and the encoding found (a notice
    says when it was detected), so the file is read again as it was checked."""
    if kind in ("contract", "annotui"):
        source = _Input(name, kind, [], path)
        source.ids.extend(article_id(item["text"]) for item in _read(source))
        return source
    if kind in ("conll", "spacy"):
        reader = conll.read_conll if kind == "conll" else spacy_docbin.read_docbin
        items, found_notices = reader(path, suggestions=as_suggestions)
        notices.extend(found_notices)
        ids = [article_id(str(item["text"])) for item in items]
        return _Input(name, kind, ids, path, as_suggestions=as_suggestions)
    if kind in (span_tasks.PRODIGY, span_tasks.DOCCANO, span_tasks.LABEL_STUDIO):
        found = (
            span_tasks.read_label_studio(path, suggestions=as_suggestions)
            if kind == span_tasks.LABEL_STUDIO
            else span_tasks.read(path, kind, suggestions=as_suggestions)
        )
        notices.extend(found.notices)
        ids = [article_id(item["text"]) for item in found.items]
        return _Input(name, kind, ids, path, as_suggestions=as_suggestions)
    text, found = read_text(path, encoding)
    if encoding is None and found != "utf-8":
        notices.append(f"{name}: not UTF-8; read as {found} (detected; --encoding to choose)")
    items = line_items(text, name, found) if kind == "lines" else [text_item(text, name, found)]
    return _Input(name, kind, [article_id(item["text"]) for item in items], path, encoding=found)


def _json_kind(path: Path) -> Kind:
    """annotui's own format, Prodigy's or doccano's, by the first line that is not blank;
    else the extraction contract (whose reading names what is wrong with a file that is
    none of them)."""
    try:
        with path.open(encoding="utf-8") as file:
            first = next((line for line in file if line.strip()), "")
        obj = json.loads(first)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return "labelstudio" if _is_label_studio_file(path) else "contract"
    if annotui_lines.is_annotui_object(obj):
        return "annotui"
    if span_tasks.is_label_studio(obj):  # a whole document on its first line
        return "labelstudio"
    kind = span_tasks.kind_of(obj)
    if kind == span_tasks.PRODIGY:
        return "prodigy"
    return "doccano" if kind == span_tasks.DOCCANO else "contract"


def _is_label_studio_file(path: Path) -> bool:
    """True for a ``.json`` document of Label Studio tasks (read whole)."""
    if path.suffix.lower() != ".json":
        return False
    try:
        return span_tasks.is_label_studio(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False


def add_articles(
    store: Store,
    inputs: Inputs | Sequence[dict[str, Any]],
    *,
    progress: Callable[[int, int], None] = lambda done, total: None,
    stop: Callable[[], bool] = lambda: False,
    step: int = STEP,
) -> Added:
    """Add the articles of ``inputs`` (from :func:`check_inputs`, or import items) to
    ``store``, ``step`` at a time, reading them as they are added.

    ``progress(done, total)`` is called after each step; ``stop()`` is asked before each, and
    when it says so the rest is left out. The same text twice is added once. An article
    another process adds meanwhile counts as known, not new: the store decides under its lock.
    """
    if not isinstance(inputs, Inputs):
        inputs = Inputs.of(inputs)
    ids = list(dict.fromkeys(inputs.ids))
    pending = {aid for aid in ids if not store.is_listed(aid)}  # a file without its row: new
    known = [aid for aid in ids if aid not in pending]
    total, new, raced = len(pending), [], []
    located = inputs.located()
    while batch := _next_step(located, pending, step):
        if stop():
            return Added(new, known + raced, True, total, inputs.notices)
        written, there = store.import_new_articles(batch)
        new += written
        raced += there
        progress(len(new) + len(raced), total)
    return Added(new, known + raced, False, total, inputs.notices)


def _next_step(
    located: Iterator[tuple[str, dict[str, Any]]], pending: set[str], step: int
) -> list[dict[str, Any]]:
    """The next ``step`` items whose id is in ``pending`` (each taken out of it)."""
    batch: list[dict[str, Any]] = []
    for aid, item in located:
        if aid in pending:
            pending.discard(aid)
            batch.append(item)
            if len(batch) == step:
                break
    return batch
