"""Conversion between stored records (JSON dicts) and the values the store hands out.

Every record carries ``schema_version``; the ``check_*`` functions refuse files whose
records this version of annotui does not know, so they are reported, never rewritten.
Functions here raise ``ValueError`` describing the problem; the store adds the file name.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, cast

from annotate.model import Annotation, ModelError
from store.annotation_json import decode_annotation
from store.values import STATUSES, Article, ArticleSummary, Status

RECORD_VERSION = 1
"""Version of every record layout below."""
STORE_VERSION = 3
"""Version of the store folder's layout, in ``store.json``: 1 had one ``index.json``, 2 has
the sharded ``index/`` (store/index.py), 3 adds the article journals (store/journal.py).
Older layouts are migrated (store/layouts.py)."""
LAYOUT = "article-files"
"""Name of the folder layout recorded in ``store.json``."""

ARTICLE_TABLE = "article"
"""Table of an article file holding the article itself (one document)."""
ANNOTATION_TABLE = "annotation"
"""Table of an article file holding the annotation, status and update time (one document)."""
HISTORY_TABLE = "history"
"""Table of an article file reserved for the undo history."""
RECORD_ID = 1
"""Document id of the single record in the article and annotation tables."""


def now(timespec: str = "milliseconds") -> str:
    """Return the current time as ISO 8601, UTC, to the millisecond (or ``timespec``)."""
    return datetime.now(UTC).isoformat(timespec=timespec)


def _check_version(record: Any, what: str) -> None:
    if not isinstance(record, Mapping):
        raise ValueError(f"its {what} record is not an object")
    version = record.get("schema_version")
    if version != RECORD_VERSION:
        raise ValueError(
            f"its {what} record has schema_version {version!r}, but this annotui reads "
            f"{RECORD_VERSION} (a newer annotui may have written it)"
        )


# -- store.json ---------------------------------------------------------------


def meta_record(created: str | None = None) -> dict[str, Any]:
    """Return the contents of a new store's ``store.json``."""
    return {"schema_version": STORE_VERSION, "layout": LAYOUT, "created": created or now()}


def check_meta(data: Any) -> None:
    """Raise ``ValueError`` unless ``data`` is a ``store.json`` this version reads or migrates."""
    if not isinstance(data, Mapping):
        raise ValueError("its store record is not an object")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValueError(f"its store record has no valid schema_version ({version!r})")
    if version > STORE_VERSION:
        raise ValueError(
            f"its store record has schema_version {version}, but this annotui reads up to "
            f"{STORE_VERSION} (a newer annotui wrote it: upgrade annotui)"
        )
    if data.get("layout") != LAYOUT:
        raise ValueError(f"its layout is {data.get('layout')!r}, not {LAYOUT!r}")


# -- article files --------------------------------------------------------------


def article_record(
    article_id: str,
    title: str,
    text: str,
    source: str | None,
    metadata: Mapping[str, Any],
    created: str,
) -> dict[str, Any]:
    """Return the record of a new article."""
    return {
        "schema_version": RECORD_VERSION,
        "id": article_id,
        "title": title,
        "text": text,
        "source": source,
        "metadata": dict(metadata),
        "created": created,
    }


def annotation_record(
    annotation: Annotation | None, status: Status, updated: str | None
) -> dict[str, Any]:
    """Return the annotation record: the annotation without its text, status and update time."""
    return {
        "schema_version": RECORD_VERSION,
        "status": status,
        "updated": updated,
        "annotation": None if annotation is None else annotation.to_dict(include_text=False),
    }


def single(tables: Mapping[str, Any], table: str) -> dict[str, Any] | None:
    """Return the one record of ``table`` in raw TinyDB data, or None if it has none."""
    docs = tables.get(table) or {}
    return docs.get(str(RECORD_ID))


def check_article_file(data: Any) -> None:
    """Raise ``ValueError`` unless ``data`` (TinyDB tables) is an article file we can read."""
    article = single(data, ARTICLE_TABLE)
    if article is None:
        raise ValueError(f"it has no {ARTICLE_TABLE!r} record")
    _check_version(article, "article")
    if not isinstance(article.get("text"), str) or not isinstance(article.get("id"), str):
        raise ValueError("its article record has no text or id")
    state = single(data, ANNOTATION_TABLE)
    if state is not None:
        _check_version(state, "annotation")
        if state.get("status") not in STATUSES:
            raise ValueError(f"its status {state.get('status')!r} is not one of {STATUSES}")


def article_from_records(article: Mapping[str, Any], state: Mapping[str, Any] | None) -> Article:
    """Return the :class:`Article` of checked article and annotation records."""
    return Article(
        id=str(article["id"]),
        title=str(article.get("title") or ""),
        text=str(article["text"]),
        source=article.get("source"),
        metadata=dict(article.get("metadata") or {}),
        status=status_of(state),
        created=str(article.get("created") or ""),
    )


def status_of(state: Mapping[str, Any] | None) -> Status:
    """Return the status in an annotation record; ``new`` when there is no record."""
    return "new" if state is None else cast(Status, state["status"])


def annotation_from_record(state: Mapping[str, Any] | None, text: str) -> Annotation | None:
    """Return the annotation in an annotation record, or None when nothing was saved.

    The record may hold the :class:`Annotation` itself: the storage of an article file keeps
    the tables it wrote as they were given (store/atomic_storage.py).
    """
    if state is None or state.get("annotation") is None:
        return None
    if isinstance(state["annotation"], Annotation):
        return state["annotation"]
    try:
        return decode_annotation(state["annotation"], text)
    except ModelError as error:
        raise ValueError(f"its annotation is malformed: {error}") from error


# -- the index ------------------------------------------------------------------


def people_named(annotation: Annotation | None) -> tuple[str, ...]:
    """Return the names of the people with at least one mention that is not rejected."""
    if annotation is None:
        return ()
    names = []
    for person in annotation.people:
        spans = (annotation.get_span(m) for m in person.mentions)
        if any(span is not None and not span.rejected for span in spans):
            names.append(person.name)
    return tuple(names)


def summary_record(
    article_id: str,
    title: str,
    status: Status,
    annotation: Annotation | None,
    updated: str | None,
    *,
    people: tuple[str, ...] | None = None,
    failed: str | None = None,
    facts: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Return the index record of one article (``people``: its :func:`people_named`, if known;
    ``failed``: why the model's last run on it failed, if it did; ``facts``: what
    :class:`store.prepared.PreparedAnnotation` says of an annotation not at hand)."""
    if facts is not None:
        people, n_events = tuple(facts["people"]), int(facts["n_events"])
        counts = {key: facts[key] for key in ("n_open", "labels", "annotators")}
    else:
        people = people_named(annotation) if people is None else people
        n_events = 0 if annotation is None else len(annotation.events)
        counts = None if annotation is None else review_counts(annotation)
    record = {
        "schema_version": RECORD_VERSION,
        "id": article_id,
        "title": title,
        "status": status,
        "n_people": len(people),
        "n_events": n_events,
        "people": list(people),
        "updated": updated,
    }
    if counts is not None:
        record.update(counts)
    if failed is not None:  # only then: the records of every other article stay as they were
        record["failed"] = failed
    return record


def review_counts(annotation: Annotation) -> dict[str, Any]:
    """What the list filters and its progress need of an annotation: ``n_open`` items still
    suggested (live spans, people, roles, events), the ``labels`` of its live spans and the
    ``annotators`` who decided on something (sorted)."""
    labels: set[str] = set()
    annotators: set[str] = set()
    n_open = 0
    for span in annotation.spans:
        provenance = span.provenance
        if provenance.state == "rejected":
            continue
        labels.add(span.label)
        if provenance.state == "suggested":
            n_open += 1
        elif provenance.annotator and provenance.source == "human":
            annotators.add(provenance.annotator)
    for items in (annotation.people, annotation.roles, annotation.events):
        for item in items:
            if item.provenance.state == "suggested":
                n_open += 1
    return {"n_open": n_open, "labels": sorted(labels), "annotators": sorted(annotators)}


def failure_record(reason: str, model: str | None, time: str) -> dict[str, Any]:
    """Return the record of a failed model run, kept in the annotation record as ``failed``."""
    return {"reason": reason, "model": model, "time": time}


def failure_reason(state: Mapping[str, Any] | None) -> str | None:
    """Return why the model's last run failed, from an annotation record; None if it did not."""
    failed = None if state is None else state.get("failed")
    if isinstance(failed, Mapping):
        return str(failed.get("reason") or "the model failed")
    return None


def check_index_file(data: Any) -> None:
    """Raise ``ValueError`` unless every index record (TinyDB tables) is one we can read."""
    for table in data.values():
        if all(record.get("schema_version") == RECORD_VERSION for record in table.values()):
            continue
        for record in table.values():
            _check_version(record, "summary")


def summary_from_record(record: Mapping[str, Any]) -> ArticleSummary:
    """Return the :class:`ArticleSummary` of a checked index record.

    Records the store wrote take the fast path (100,000 of them are read at start-up);
    others are converted field by field.
    """
    try:
        people = record["people"]
        if type(people) is list and type(record["title"]) is str:
            return ArticleSummary(
                record["id"],
                record["title"],
                record["status"],
                record["n_people"],
                record["n_events"],
                tuple(people),
                record["updated"],
                record.get("failed"),
                record.get("n_open", 0),
                tuple(record.get("labels") or ()),
                tuple(record.get("annotators") or ()),
            )
    except KeyError:
        pass
    return ArticleSummary(
        id=str(record["id"]),
        title=str(record.get("title") or ""),
        status=cast(Status, record.get("status", "new")),
        n_people=int(record.get("n_people", 0)),
        n_events=int(record.get("n_events", 0)),
        people=tuple(str(name) for name in record.get("people") or ()),
        updated=record.get("updated"),
        failed=None if record.get("failed") is None else str(record["failed"]),
        n_open=int(record.get("n_open") or 0),
        labels=tuple(str(label) for label in record.get("labels") or ()),
        annotators=tuple(str(name) for name in record.get("annotators") or ()),
    )
