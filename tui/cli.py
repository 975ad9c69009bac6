"""The ``annotui`` command line: open the app, or import, extract, list, show and evaluate
without it.

Every expected failure (a model that is not installed, a missing file, an
unreadable store) ends with one line on standard error and exit status 2.

Text for a person to read (everything but ``--json`` output, and every message) goes through
:func:`tui.safe_text.printable`, on a terminal or not: an escape sequence in an article, a
title or a file name is shown as ``␛``/``�`` and never reaches the terminal, even through
``| less -R``. ``--json`` output keeps every text exact (JSON escapes control characters).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

from annotate.contract import to_contract
from annotate.model import Annotation, ModelError
from annotate.pipeline import OFFICIAL_MODEL, VENDORED_MODEL, default_model
from tui.annotator import annotator_name
from tui.safe_text import counted, printable

EXIT_USAGE = 2
EXIT_PARTIAL = 1
"""``annotui export`` wrote its file but left out articles it could not read."""


class CliError(Exception):
    """A user-facing failure: printed as one line, exit status 2."""


def _store_path(value: str | None) -> Path:
    from store import default_store_path

    return Path(value).expanduser() if value else default_store_path()


_OPENED: list[Any] = []
"""Stores the command opened: what they repaired is said on standard error at the end."""


def _open_store(path: Path, *, create: bool, readonly: bool = False) -> Any:
    from store import Store

    if not create and not path.exists():
        raise CliError(f"no store at {path}: run 'annotui --store {path}' once to create it")
    store = Store(path, readonly=readonly, create=create)
    _OPENED.append(store)
    return store


def _say_notices() -> None:
    """Write what the opened stores repaired to standard error, one line each."""
    while _OPENED:
        for notice in _OPENED.pop(0).notices:
            _say(sys.stderr, f"annotui: notice: {notice}")


def cmd_repair(args: argparse.Namespace, out: TextIO) -> int:
    """Rebuild the store's index from its article files; 1 when some cannot be read."""
    store = _open_store(_store_path(args.store), create=False)
    with store:
        report = store.repair()
    for line in report.lines():
        _say(out, line)
    return 1 if report.unreadable else 0


def _annotator(model: str) -> Any:
    from annotate.pipeline import Annotator

    return Annotator(model)


def _read_inputs(paths: Sequence[str]) -> list[tuple[str, str]]:
    """Return (source, text) for each path (``-`` is standard input), checking all before work."""
    inputs: list[tuple[str, str]] = []
    for name in paths:
        if name == "-":
            inputs.append(("<stdin>", sys.stdin.read()))
            continue
        path = Path(name)
        if not path.is_file():
            raise CliError(f"no such file: {name}")
        try:
            inputs.append((name, path.read_text(encoding="utf-8")))
        except UnicodeDecodeError as error:
            raise CliError(f"{name}: not UTF-8 text (byte {error.start})") from error
        except OSError as error:
            raise CliError(f"{name}: cannot read ({error.strerror})") from error
    return inputs


def _annotate_inputs(inputs: list[tuple[str, str]], model: str) -> Iterator[tuple[str, Annotation]]:
    annotator = _annotator(model)
    texts = [text for _, text in inputs]
    for (source, _), annotation in zip(inputs, annotator.annotate_many(texts), strict=True):
        yield source, annotation


def _say(out: TextIO, line: str) -> None:
    """Write one line for a person to read, its control characters shown as placeholders."""
    out.write(printable(line) + "\n")


def _print_json(obj: Any, out: TextIO) -> None:
    out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    out.flush()


def _summary_lines(annotation: Annotation) -> Iterator[str]:
    """Plain-text summary of an annotation: people with roles, then events."""
    text = annotation.text
    yield f"People ({len(annotation.people)}):"
    for person in annotation.people:
        roles = ", ".join(annotation.span_text(r.span) for r in annotation.roles_of(person.id))
        line = f"  {person.id:<4} {person.name}  ({counted(len(person.mentions), 'mention')})"
        yield line + (f"  — {roles}" if roles else "")
    yield f"Events ({len(annotation.events)}):"
    names = {p.id: p.name for p in annotation.people}
    for event in annotation.events:
        parts = [f"{p.part}: {names.get(p.person, p.person)}" for p in event.participants]
        parts += [f"{a.part}: {annotation.span_text(a.span)}" for a in event.arguments]
        if event.time:
            parts.append(f"time: {annotation.span_text(event.time)}")
        if event.place:
            parts.append(f"place: {annotation.span_text(event.place)}")
        trigger = annotation.span(event.trigger).text_in(text)
        yield f"  {event.id:<4} {event.type:<10} {trigger!r}  " + "; ".join(parts)


def cmd_extract(args: argparse.Namespace, out: TextIO) -> int:
    """Annotate files (or standard input) and print the extraction contract, one line each."""
    inputs = _read_inputs(args.paths)
    for source, annotation in _annotate_inputs(inputs, args.model):
        if args.json:
            _print_json(to_contract(annotation, source), out)
        else:
            _say(out, f"== {source}")
            for line in _summary_lines(annotation):
                _say(out, line)
    return 0


def _find_article(store: Any, wanted: str) -> str:
    """Resolve a full id, or a unique id prefix, to an article id."""
    if store.has_article(wanted):
        return wanted
    matches = [s.id for s in store.summaries() if s.id.startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise CliError(f"article id {wanted!r} is ambiguous: {', '.join(matches[:5])}")
    raise CliError(f"no article {wanted!r} in store {store.path}: 'annotui list' shows the ids")


def cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    """Print a stored article's annotation in the extraction contract's shape."""
    from store.formats.contract_lines import article_object

    store = _open_store(_store_path(args.store), create=False, readonly=True)
    with store:
        article_id = _find_article(store, args.article_id)
        article = store.article(article_id)
        annotation = store.annotation(article_id) or Annotation(text=article.text)
    if args.json:
        _print_json(article_object(article, annotation), out)
    else:
        _say(out, article.title)
        _say(out, f"{article.id}  {article.status}  {article.source or ''}")
        for line in _summary_lines(annotation):
            _say(out, line)
    return 0


def cmd_list(args: argparse.Namespace, out: TextIO) -> int:
    """Print the store's articles: id, status, counts and title."""
    store = _open_store(_store_path(args.store), create=False, readonly=True)
    with store:
        summaries = store.summaries()
    for s in summaries:
        if args.json:
            _print_json(
                {
                    "id": s.id,
                    "title": s.title,
                    "status": s.status,
                    "people": s.n_people,
                    "events": s.n_events,
                },
                out,
            )
        else:
            _say(out, f"{s.id}  {s.status:<11} {s.n_people:>3}p {s.n_events:>3}e  {s.title}")
    return 0


def cmd_stats(args: argparse.Namespace, out: TextIO) -> int:
    """Print the corpus statistics as charts, or as one JSON object (``--json``)."""
    from store.corpus_stats import corpus_stats
    from tui.stats_view import text_lines

    store = _open_store(_store_path(args.store), create=False, readonly=True)
    with store:
        stats = corpus_stats(store)
    if args.json:
        _print_json(stats.to_json(), out)
        return 0
    for line in text_lines(stats, width=shutil.get_terminal_size((80, 24)).columns):
        _say(out, line)
    return 0


def _predictions(paths: Sequence[str], model: str) -> list[dict[str, Any]]:
    """Contract objects for PATHs: ``.jsonl``/``.json`` are read as given, text is annotated."""
    from annotate.evaluate import load_gold

    predicted: list[dict[str, Any]] = []
    texts: list[str] = []
    for name in paths:
        if name.endswith((".jsonl", ".json")):
            predicted += load_gold(Path(name))
        else:
            texts.append(name)
    inputs = _read_inputs(texts)
    predicted += [to_contract(a, source) for source, a in _annotate_inputs(inputs, model)]
    return predicted


def cmd_evaluate(args: argparse.Namespace, out: TextIO) -> int:
    """Score the pipeline (or saved predictions) against a gold file."""
    from annotate.evaluate import format_articles, load_gold, match_gold, score_each

    gold_path = Path(args.gold)
    if not gold_path.is_file():
        raise CliError(f"no such gold file: {args.gold}")
    gold = load_gold(gold_path)
    predicted = _predictions(args.paths, args.model)
    each = score_each(match_gold(gold, predicted))
    report = sum((r for _, r in each[1:]), each[0][1]) if each else None
    if report is None:
        raise CliError("no articles to score")
    if args.json:
        data = report.to_dict()
        data["per_article"] = [{"source": name, **r.to_dict()} for name, r in each]
        _print_json(data, out)
        return 0
    if len(each) > 1:
        for line in format_articles(each).splitlines():
            _say(out, line)
        _say(out, "")
    for line in report.format_table().splitlines():
        _say(out, line)
    return 0


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    """Add articles to the store (checked first, then added in steps; Ctrl-C stops between
    two steps): one line per new article, notices and a summary on standard error."""
    from store.importing import add_articles, check_inputs

    if args.encoding is not None:
        import codecs

        try:
            codecs.lookup(args.encoding)
        except LookupError:
            raise CliError(
                f"unknown encoding {args.encoding!r} (try utf-8, latin-1, cp1252)"
            ) from None
    inputs = check_inputs(
        args.paths,
        follow_links=args.follow_links,
        encoding=args.encoding,
        lines=args.lines,
        strict=args.strict,
        as_suggestions=args.as_suggestions,
        fmt=args.format,
    )
    for notice in inputs.notices:
        _say(sys.stderr, f"annotui: {notice}")
    if inputs.links_skipped:
        _say(sys.stderr, "annotui: --follow-links imports the files such links point to")
    store = _open_store(_store_path(args.store), create=True)
    stop = StopOnInterrupt()
    shown: list[int] = []
    with store, stop:

        def progress(done: int, total: int) -> None:
            if sys.stderr.isatty():
                sys.stderr.write(f"\radding articles: {done}/{total}")
                sys.stderr.flush()
                shown.append(done)

        added = add_articles(store, inputs, progress=progress, stop=stop)
        if shown:
            sys.stderr.write("\n")
        if not args.json:
            for aid in added.new:
                _say(out, f"{aid}  {store.summary(aid).title}")
        labels = _add_new_labels(store, added.new)
    more = f", {len(added.known)} already there" if added.known else ""
    _say(sys.stderr, f"annotui: added {len(added.new)} article(s) to {store.path}{more}")
    if labels:
        _say(
            sys.stderr,
            f"annotui: label(s) {', '.join(labels)} added to {store.config_path}, the store's "
            "label configuration: give them a colour and a key there",
        )
    if args.json:
        summary = {
            "added": added.new,
            "already_there": added.known,
            "labels_added": labels,
            "notices": inputs.notices,
            "files_skipped": inputs.skipped,
            "stopped": added.stopped,
        }
        _print_json(summary, out)
    if added.stopped:
        sys.stderr.write("annotui: stopped; run the same command again to add the rest\n")
        return 130
    if inputs.skipped:
        _say(
            sys.stderr,
            f"annotui: {inputs.skipped} file(s) skipped (named above); --strict refuses them",
        )
        return EXIT_PARTIAL
    return 0


def _add_new_labels(store: Any, article_ids: Sequence[str]) -> list[str]:
    """Add the labels of the new articles that the label configuration lacks to the store's
    configuration; return them."""
    from annotate.labels import ConfigError, default_config, load_config, user_config_path
    from store.new_labels import add_labels, configurable, unknown_labels

    try:
        config = load_config(user_config_path(), store.config_path)
    except ConfigError:
        config = default_config()  # the app names the broken file; the labels still go in
    labels, others = configurable(
        unknown_labels((store.annotation(aid) for aid in article_ids), config)
    )
    if labels:
        add_labels(store.config_path, labels)
    if others:
        _say(
            sys.stderr,
            f"annotui: label(s) {', '.join(others)} kept on their spans, drawn in the 'other' "
            "colour: a label configuration names UPPER_CASE labels only",
        )
    return labels


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    """Write the store's articles (Ctrl-C stops, and then nothing is written): the file's
    name on standard output (or, for ``-``, the export itself), a summary on standard error.
    An article that cannot be read is named on standard error and the rest written: exit
    status 1."""
    import tempfile

    from store.exporting import chosen_articles, export_articles, export_format

    fmt = export_format(args.format)
    to_stdout = args.out == "-"
    if to_stdout and fmt.folder:
        raise CliError(f"{fmt.name} writes a folder: give OUT the name of a new folder, not -")
    if to_stdout and args.json:
        raise CliError("--json prints the summary on standard output: give OUT a file name")
    if args.split is not None and (to_stdout or not 0 < args.split < 1):
        raise CliError("--split takes a share between 0 and 1 (0.8: 80% train) and a file OUT")
    training = fmt.name != "jsonl"
    statuses = args.status or (["reviewed"] if training and not args.all else None)
    suggestions = args.include_suggestions if training else not args.no_suggestions
    scratch = tempfile.TemporaryDirectory(prefix="annotui-export-") if to_stdout else None
    target = Path(scratch.name) / f"export{fmt.suffix}" if scratch else Path(args.out)
    store = _open_store(_store_path(args.store), create=False, readonly=True)
    stop = StopOnInterrupt()
    with store, stop:
        ids = chosen_articles(store, statuses)
        by_status = [
            (s.id, f"status {s.status}, not {' or '.join(statuses)}")
            for s in store.summaries()
            if statuses is not None and s.status not in statuses
        ]

        def progress(done: int, total: int) -> None:
            if sys.stderr.isatty() and (done % 50 == 0 or done == total):
                sys.stderr.write(f"\rexporting articles: {done}/{total}")
                sys.stderr.flush()

        parts = {"": (target, ids)}
        if args.split is not None:
            train, dev = split_ids(ids, args.split, args.seed)
            parts = {"train": (_part_path(target, "train"), train)}
            parts["dev"] = (_part_path(target, "dev"), dev)
        results = {}
        for name, (path, chosen) in parts.items():
            results[name] = done = export_articles(
                store,
                chosen,
                path,
                fmt,
                suggestions=suggestions,
                force=args.force,
                progress=progress,
                stop=stop,
            )
            if done.stopped:
                break
        if sys.stderr.isatty() and ids:
            sys.stderr.write("\n")
    if scratch is not None:
        with scratch:
            if not done.stopped:
                _copy_out(target, out)
    if done.stopped:
        _say(sys.stderr, f"annotui: stopped; {done.path} was not written")
        return 130
    summaries = {
        name: export_summary(
            result,
            fmt.name,
            [*by_status, *result.skipped] if name != "dev" else [*result.skipped],
            suggestions,
        )
        for name, result in results.items()
    }
    if args.json:
        _print_json(summaries.get("", summaries), out)
    for name, summary in summaries.items():
        for line in summary_lines(summary):
            _say(sys.stderr, f"annotui: {name + ': ' if name else ''}{line}")
        if not to_stdout and not args.json:
            _say(out, summary["out"])
    return EXIT_PARTIAL if any(r.unreadable for r in results.values()) else 0


def split_ids(ids: Sequence[str], share: float, seed: int) -> tuple[list[str], list[str]]:
    """A train/dev split of ``ids``: ``share`` of them (rounded) for training, drawn with
    ``seed`` (the same store, share and seed give the same split); each part in list order."""
    import random

    drawn = sorted(ids)
    random.Random(seed).shuffle(drawn)
    train = set(drawn[: round(len(drawn) * share)])
    return [i for i in ids if i in train], [i for i in ids if i not in train]


def _part_path(path: Path, part: str) -> Path:
    """``corpus.spacy`` -> ``corpus.train.spacy`` (a folder: ``corpus.train``)."""
    return path.with_name(f"{path.stem}.{part}{path.suffix}")


def export_summary(
    done: Any, fmt: str, articles_left: Sequence[tuple[str, str]], suggestions: bool
) -> dict[str, Any]:
    """What an export wrote and what it left out, by reason (the ``--json`` summary)."""
    articles: dict[str, list[str]] = {}
    for article_id, reason in [*articles_left, *done.unreadable]:
        articles.setdefault(reason, []).append(article_id)
    items: dict[str, list[dict[str, str]]] = {}
    for item in done.left_out:
        items.setdefault(item.reason, []).append({"article": item.article_id, "item": item.what})
    return {
        "format": fmt,
        "out": str(done.path),
        "written": done.written,
        "suggestions": suggestions,
        "rejected_items_left_out": done.rejected,
        "articles_left_out": articles,
        "items_left_out": items,
    }


def summary_lines(summary: Mapping[str, Any]) -> list[str]:
    """The export summary for a person: one line for what went out, one per reason."""
    kept = "with suggestions" if summary["suggestions"] else "decisions only"
    lines = [f"exported {summary['written']} article(s) as {summary['format']} ({kept})"]
    for reason, ids in summary["articles_left_out"].items():
        shown = ", ".join(ids[:3]) + (f" and {len(ids) - 3} more" if len(ids) > 3 else "")
        lines.append(f"left out {len(ids)} article(s), {reason}: {shown}")
    if summary["rejected_items_left_out"]:
        lines.append(f"left out {summary['rejected_items_left_out']} rejected item(s)")
    for reason, items in summary["items_left_out"].items():
        shown = "; ".join(f"{i['article']}: {i['item']}" for i in items[:3])
        more = f"; and {len(items) - 3} more" if len(items) > 3 else ""
        lines.append(f"left out {len(items)} item(s), {reason}: {shown}{more}")
    return lines


def _copy_out(path: Path, out: TextIO) -> None:
    """Write an export to standard output: bytes as they are for a binary format, text
    through ``out`` for the others."""
    data = path.read_bytes()
    try:
        out.write(data.decode("utf-8"))
    except UnicodeDecodeError:  # the spaCy DocBin
        out.flush()
        getattr(out, "buffer", sys.stdout.buffer).write(data)
    out.flush()


class StopOnInterrupt:
    """Within ``with``, Ctrl-C asks to stop (the flag is read between two steps of work)
    instead of interrupting a write; a second Ctrl-C interrupts at once."""

    def __init__(self) -> None:
        self.asked = False
        self._previous: Any = None

    def __call__(self) -> bool:
        return self.asked

    def _ask(self, signum: int, frame: object) -> None:
        if self.asked:
            raise KeyboardInterrupt
        self.asked = True
        sys.stderr.write("\nannotui: stopping after this step (Ctrl-C again to stop now)\n")

    def __enter__(self) -> StopOnInterrupt:
        import signal

        self._previous = signal.signal(signal.SIGINT, self._ask)
        return self

    def __exit__(self, *exc: object) -> None:
        import signal

        signal.signal(signal.SIGINT, self._previous)


def _check_scheduler(args: argparse.Namespace) -> None:
    """Refuse ``--scheduler`` with ``--workers``, without Dask, or with a bad ``local:N``."""
    import importlib.util

    if args.workers != 1:
        raise CliError("give --workers or --scheduler, not both (a cluster has its own workers)")
    if importlib.util.find_spec("distributed") is None:
        raise CliError(
            "--scheduler needs Dask, which is not installed: pip install 'annotui[dask]'"
        )
    from tui.batch_annotate import ClusterError
    from tui.dask_annotate import local_workers

    try:
        local_workers(args.scheduler)
    except ClusterError as error:
        raise CliError(str(error)) from error


def cmd_annotate(args: argparse.Namespace, out: TextIO) -> int:
    """Pre-annotate the store's articles with the model (see :mod:`tui.batch_annotate`): a
    progress line on standard error, then a summary (``--json``: on standard output)."""
    from tui import batch_annotate
    from tui.progress_line import ProgressLine

    if args.workers < 1:
        raise CliError(f"--workers must be 1 or more, not {args.workers}")
    if args.scheduler is not None:
        _check_scheduler(args)
    check_model_installed(args.model)
    store = _open_store(_store_path(args.store), create=False)
    stop = StopOnInterrupt()
    with store, stop:
        named = [_find_article(store, wanted) for wanted in args.article_ids]
        choice = batch_annotate.choose(store, named, rerun=args.all)
        line = ProgressLine("annotating", sys.stderr)
        try:
            report = batch_annotate.run(
                store,
                choice,
                _annotator(args.model),
                workers=args.workers,
                scheduler=args.scheduler,
                progress=line.show,
                stop=stop,
            )
        except batch_annotate.ClusterError as error:
            line.end()
            raise CliError(str(error)) from error
        line.end()
    if args.json:
        _print_json(report.to_dict(), out)
    else:
        for summary in report.lines():
            _say(sys.stderr, f"annotui: {summary}")
    if report.stopped:
        return 130
    return EXIT_PARTIAL if report.failed else 0


def cmd_app(args: argparse.Namespace, out: TextIO) -> int:
    """Open the terminal app on the store."""
    from annotate.labels import ConfigError, load_config, store_config_path, user_config_path
    from tui.app import make_app
    from tui.reserved_keys import reserved_keys
    from tui.startup import error_line

    path = _store_path(args.store)
    annotator = annotator_name(args.annotator)
    check_model_installed(args.model)
    try:
        config = load_config(
            user_config_path(),
            store_config_path(path) if path.is_dir() else None,
            reserved=reserved_keys,  # imports the article view only when a file sets a key
        )
        app = make_app(
            path, model=args.model, annotator=annotator, readonly=args.readonly, label_config=config
        )
    except ConfigError as error:
        raise CliError(f"label configuration: {error}") from error
    except OSError as error:  # e.g. EACCES from stat() on a store folder one cannot enter
        raise CliError(error_line(error)) from error
    app.run()
    if app.fatal_error:  # a store or file error ended it: one line, as the commands' errors
        raise CliError(app.fatal_error)
    return app.return_code or 0


def check_model_installed(model: str) -> None:
    """Stop (one line, exit 2) before the app starts when ``--model`` cannot be found; a
    model that is found but fails to load is reported inside the app."""
    from annotate.pipeline import check_installed

    check_installed(model)


def _add_common(parser: argparse.ArgumentParser, *, store: bool, model: bool, top: bool) -> None:
    """Options accepted both before and after the subcommand."""
    default = None if top else argparse.SUPPRESS
    if store:
        parser.add_argument(
            "--store",
            metavar="PATH",
            default=default,
            help="store folder (default: $ANNOTUI_STORE, else $XDG_DATA_HOME/annotui, "
            "else ~/.local/share/annotui)",
        )
    if model:
        parser.add_argument(
            "--model",
            metavar="NAME",
            default=None if top else argparse.SUPPRESS,
            help="installed spaCy pipeline, by package name or path (default: "
            f"{OFFICIAL_MODEL} when installed, else {VENDORED_MODEL})",
        )


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of ``annotui``."""
    parser = argparse.ArgumentParser(
        prog="annotui",
        description="Read news articles with their people, roles and events highlighted, "
        "correct the annotations in the terminal, and export training data. "
        "With no command, opens the app on the store.",
    )
    _add_common(parser, store=True, model=True, top=True)
    parser.add_argument(
        "--annotator",
        metavar="NAME",
        help="name recorded with every edit (default: $ANNOTUI_ANNOTATOR, else the login name)",
    )
    parser.add_argument(
        "--readonly", action="store_true", help="open the store without writing to it"
    )
    parser.add_argument("--version", action="version", version=f"annotui {_version()}")
    parser.set_defaults(handler=cmd_app)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    add = commands.add_parser(
        "import",
        help="add articles to the store",
        description="Add articles to the store: text files (one article each, or one per "
        "line with --lines; a first line standing alone is the title), folders (their *.txt "
        "files), - (standard input), or .jsonl/.json files of extraction-contract objects (as "
        "'annotui extract --json' prints them; their annotation is kept as suggestions to "
        "review). Text is UTF-8 unless --encoding is given; a file that is not is read in the "
        "encoding detected, with a notice. Every input is checked before anything is added; "
        "a file that cannot be imported is skipped with its reason (exit status 1) unless "
        "--strict, which then adds nothing. Articles already in the store are left as they "
        "are; 'annotui annotate' or the app annotates the new ones. Binary files are refused; "
        "CRLF line ends become LF (noted in the article's metadata as line_endings); links in "
        "a folder to files outside it are skipped unless --follow-links.",
    )
    add.add_argument("paths", nargs="+", metavar="PATH", help="text file, folder, .jsonl or -")
    add.add_argument(
        "--encoding",
        metavar="NAME",
        help="encoding of the text files (default: UTF-8, else the one detected, with a notice)",
    )
    add.add_argument("--lines", action="store_true", help="each line of a text file is one article")
    add.add_argument("--json", action="store_true", help="print the summary as JSON")
    add.add_argument(
        "--format",
        choices=["jsonl", "spacy", "brat", "prodigy", "doccano", "labelstudio", "conll", "text"],
        help="read every PATH in this format (default: by suffix and first line; a folder of "
        ".txt with .ann is brat)",
    )
    add.add_argument(
        "--as-suggestions",
        action="store_true",
        help="keep the spans of a Prodigy or doccano file as suggestions to review, not decisions",
    )
    add.add_argument(
        "--strict",
        action="store_true",
        help="refuse everything when one file cannot be imported (default: skip that file, "
        "add the others, exit status 1)",
    )
    add.add_argument(
        "--follow-links",
        action="store_true",
        help="import the files that links in a folder point to outside it (else skipped)",
    )
    _add_common(add, store=True, model=False, top=False)
    add.set_defaults(handler=cmd_import)

    extract = commands.add_parser(
        "extract",
        help="annotate text files without touching any store",
        description="Annotate each PATH (- reads standard input) with the spaCy pipeline and "
        "print its entities, people, roles and events. Touches no store.",
    )
    extract.add_argument("paths", nargs="+", metavar="PATH", help="UTF-8 text file, or -")
    extract.add_argument(
        "--json", action="store_true", help="print the extraction contract, one JSON line per input"
    )
    _add_common(extract, store=False, model=True, top=False)
    extract.set_defaults(handler=cmd_extract)

    show = commands.add_parser(
        "show",
        help="print a stored article's annotation",
        description="Print the current annotation of a stored article (an id or a unique "
        "id prefix, see 'annotui list').",
    )
    show.add_argument("article_id", metavar="ARTICLE_ID")
    show.add_argument(
        "--json", action="store_true", help="print it in the extraction contract's shape"
    )
    _add_common(show, store=True, model=False, top=False)
    show.set_defaults(handler=cmd_show)

    listing = commands.add_parser(
        "list",
        help="list the store's articles",
        description="Print id, status, counts of people and events, and title of every article.",
    )
    listing.add_argument("--json", action="store_true", help="one JSON line per article")
    _add_common(listing, store=True, model=False, top=False)
    listing.set_defaults(handler=cmd_list)

    stats = commands.add_parser(
        "stats",
        help="print the corpus statistics",
        description="Print articles by status, spans by label, state and origin, how many of "
        "the model's suggestions were accepted per label, the people in the most articles and "
        "what each annotator did, as charts (--json: one JSON object).",
    )
    stats.add_argument("--json", action="store_true", help="one JSON object")
    _add_common(stats, store=True, model=False, top=False)
    stats.set_defaults(handler=cmd_stats)

    export = commands.add_parser(
        "export",
        help="write the annotated articles as training data",
        description="Write the store's articles (or those with a --status) to OUT (- for "
        "standard output). The default jsonl is annotui's own format: every article with its "
        "status and every decision, rejections included; 'annotui import' restores them "
        "(docs/format.md). The training formats hold the annotated articles without what was "
        "rejected, and name what they cannot hold. The file appears complete or not "
        "at all: it is written beside OUT and renamed into place; Ctrl-C stops and leaves OUT "
        "as it was. OUT must be a file outside the store; --force replaces a regular file, "
        "never a folder. An article that cannot be read is named and left out, the rest "
        "written, and the exit status is 1. Formats: "
        + "; ".join(f"{f.name}: {f.description}" for f in _export_formats()),
    )
    export.add_argument("out", metavar="OUT", help="the file to write, or - for standard output")
    export.add_argument(
        "--format",
        default="jsonl",
        choices=[f.name for f in _export_formats()],
        help="the format (default jsonl)",
    )
    export.add_argument(
        "--status",
        action="append",
        choices=["new", "in_progress", "reviewed"],
        help="only articles with this review status (may be repeated; training formats take "
        "the reviewed ones unless --all or --status)",
    )
    export.add_argument(
        "--all",
        action="store_true",
        help="training formats: every article, not only the reviewed ones",
    )
    export.add_argument(
        "--include-suggestions",
        action="store_true",
        help="training formats: add the model's suggestions nobody has decided on",
    )
    export.add_argument(
        "--no-suggestions",
        action="store_true",
        help="jsonl: leave out the model's suggestions no person has accepted, and rejections",
    )
    export.add_argument("--json", action="store_true", help="print the summary as JSON")
    export.add_argument(
        "--split",
        type=float,
        metavar="SHARE",
        help="write OUT.train and OUT.dev (corpus.train.spacy, corpus.dev.spacy) with SHARE "
        "of the articles (0.8) for training",
    )
    export.add_argument(
        "--seed", type=int, default=0, help="the seed of --split's draw (default 0)"
    )
    export.add_argument("--force", action="store_true", help="replace OUT if it is a file")
    _add_common(export, store=True, model=False, top=False)
    export.set_defaults(handler=cmd_export)

    annotate = commands.add_parser(
        "annotate",
        help="pre-annotate the store's articles with the model",
        description="Run the spaCy pipeline on every article that has no model annotation "
        "(or on the ARTICLE_IDs named, or with --all on every article), in batches, and store "
        "each result at once. Every human decision is kept: the model only adds suggestions "
        "where nobody has decided. Ctrl-C stops after the batch going on; the next run does "
        "the rest and nothing twice. An article on which the model fails is marked failed "
        "(exit status 1) and left out of later runs unless named or --all.",
    )
    annotate.add_argument(
        "article_ids", nargs="*", metavar="ARTICLE_ID", help="id or unique id prefix"
    )
    annotate.add_argument("--all", action="store_true", help="run the model again on every article")
    annotate.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="processes that run the model (default 1; each loads the pipeline)",
    )
    annotate.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run the model on a Dask cluster: the scheduler's address (tcp://host:8786), "
        "or local:N to start N worker processes here (needs pip install 'annotui[dask]'; "
        "docs/scale.md)",
    )
    annotate.add_argument("--json", action="store_true", help="print the summary as JSON")
    _add_common(annotate, store=True, model=True, top=False)
    annotate.set_defaults(handler=cmd_annotate)

    repair = commands.add_parser(
        "repair",
        help="rebuild the store's index from its article files",
        description="Rebuild the index (index/*.json) from the article files, which are the "
        "truth: damaged shards are rebuilt (the damaged file kept beside it as "
        "<xx>.json.damaged-<time>), articles missing from the list are added, stale rows "
        "rewritten, rows whose article file is gone dropped, and temporary files of killed "
        "writers removed. annotui does this by itself for a damaged shard or an unfinished "
        "import; this does it for the whole store. Exit status 1 when an article file "
        "cannot be read (each is named; its row is kept).",
    )
    _add_common(repair, store=True, model=False, top=False)
    repair.set_defaults(handler=cmd_repair)

    evaluate = commands.add_parser(
        "evaluate",
        help="score the pipeline against a gold file",
        description="Annotate each PATH and print precision, recall and F1 for people, roles "
        "and events against GOLD (extraction-contract JSON lines). A PATH ending in .jsonl or "
        ".json is read as saved predictions (e.g. from 'annotui extract --json') instead.",
    )
    evaluate.add_argument("gold", metavar="GOLD", help="gold file in the extraction contract")
    evaluate.add_argument("paths", nargs="+", metavar="PATH", help="text file or predictions")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    _add_common(evaluate, store=False, model=True, top=False)
    evaluate.set_defaults(handler=cmd_evaluate)
    return parser


def _version() -> str:
    """annotui's installed version (``pyproject.toml``), or ``unknown`` when it runs from a
    folder that was never installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("annotui")
    except PackageNotFoundError:
        return "unknown"


def _export_formats() -> list[Any]:
    from store.exporting import FORMATS

    return list(FORMATS.values())


def _fail(message: str) -> NoReturn:
    _say(sys.stderr, f"annotui: error: {message}")
    raise SystemExit(EXIT_USAGE)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    if getattr(args, "model", "") is None:
        args.model = default_model()
    try:
        return int(args.handler(args, sys.stdout))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as error:
        # the error classes are looked up only now: the app starts without their modules
        if isinstance(error, _expected_errors()):
            _fail(str(error))
        raise
    finally:
        _say_notices()


def _expected_errors() -> tuple[type[BaseException], ...]:
    """The errors reported as one line: ours, the store's, the pipeline's, the evaluator's."""
    errors: list[type[BaseException]] = [CliError, ModelError]
    from store import StoreError

    errors.append(StoreError)
    from annotate.evaluate import EvaluationError

    errors.append(EvaluationError)
    # The pipeline module imports spaCy lazily, so importing it here costs nothing.
    from annotate.pipeline import PipelineError

    errors.append(PipelineError)
    return tuple(errors)


if __name__ == "__main__":
    sys.exit(main())
