"""annotui's own format: one JSON line per article, everything the store holds of it.

Every article of the store is written, annotated or not, with its review status and its
annotation as the store keeps it: every span, person, role and event with its id and its
provenance (source, annotator, time, state), rejected items included, so ``annotui import``
of the file into an empty store gives back the same store, and exporting that again gives
the same file. ``docs/format.md`` describes every field; ``annotui.schema.json`` beside this
module is its JSON Schema.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from annotate.model import SCHEMA_VERSION, Annotation, ModelError
from store.errors import StoreError
from store.formats.json_lines import json_lines
from store.formats.left_out import LeftOut
from store.formats.plain_text import check_text
from store.values import STATUSES, Article, article_id

FORMAT = "annotui"
VERSION = 1
"""Version of the format written; a file of a later version is refused, named."""
SCHEMA = Path(__file__).with_name("annotui.schema.json")
"""The format's JSON Schema (shipped with the package)."""


def article_line(article: Article, annotation: Annotation | None) -> dict[str, Any]:
    """The format's object for one article."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "id": article.id,
        "title": article.title,
        "source": article.source,
        "metadata": article.metadata,
        "status": article.status,
        "annotator": last_annotator(annotation),
        "text": article.text,
        "annotation": None if annotation is None else annotation_object(annotation),
    }


def annotation_object(annotation: Annotation) -> dict[str, Any]:
    """The annotation as the store keeps it, each span with the text it covers."""
    data = annotation.to_dict(include_text=False)
    text = annotation.text
    data["spans"] = [{**span, "text": text[span["start"] : span["end"]]} for span in data["spans"]]
    return data


def last_annotator(annotation: Annotation | None) -> str | None:
    """Who made the latest human decision on the article (by the items' times), if anyone."""
    if annotation is None:
        return None
    items = [*annotation.spans, *annotation.people, *annotation.roles, *annotation.events]
    decided = [i.provenance for i in items if i.provenance.source != "model"]
    if not decided:
        return None
    latest = max(decided, key=lambda p: p.time or "")
    return latest.annotator


class Writer:
    """Writes articles in annotui's own format."""

    lossless = True

    def __init__(self, path: Path) -> None:
        self._file = path.open("w", encoding="utf-8", newline="\n")
        self.left_out: list[LeftOut] = []
        """Always empty: the format holds everything."""

    def add(self, article: Article, annotation: Annotation | None) -> None:
        """Write one article's line."""
        line = json.dumps(article_line(article, annotation), ensure_ascii=False)
        self._file.write(line + "\n")

    def close(self) -> None:
        """Close the file."""
        self._file.close()


def is_annotui_object(obj: object) -> bool:
    """True for an object of this format (any version)."""
    return isinstance(obj, Mapping) and obj.get("format") == FORMAT


def read_lines(path: Path) -> Iterator[dict[str, Any]]:
    """Yield the import item of each line of a file in this format (status and annotation
    as written); a line that is not one is named with the reason."""
    for where, obj in json_lines(path):
        yield import_item(obj, where)


def import_item(obj: Any, where: str) -> dict[str, Any]:
    """The import item of one object of this format: text, title, source, metadata, status
    and the annotation, all as written."""
    if not is_annotui_object(obj):
        raise StoreError(f'{where}: not an annotui article (no "format": "annotui")')
    version = obj.get("version")
    if version != VERSION:
        raise StoreError(
            f"{where}: format version {version!r}, this annotui reads version {VERSION}"
            + (": upgrade annotui" if isinstance(version, int) and version > VERSION else "")
        )
    text = obj.get("text")
    if not isinstance(text, str):
        raise StoreError(f'{where}: "text" must be a string')
    check_text(text, where)
    if obj.get("id") not in (None, article_id(text)):
        raise StoreError(f"{where}: id {obj.get('id')!r} is not the id of its text")
    status = obj.get("status", "new")
    if status not in STATUSES:
        raise StoreError(f"{where}: status must be one of {', '.join(STATUSES)}, not {status!r}")
    metadata = obj.get("metadata") or {}
    if not isinstance(metadata, dict):
        raise StoreError(f'{where}: "metadata" must be an object')
    return {
        "text": text,
        "title": obj.get("title") if isinstance(obj.get("title"), str) else None,
        "source": obj.get("source") if isinstance(obj.get("source"), str) else None,
        "metadata": metadata,
        "status": status,
        "annotation": _annotation(obj.get("annotation"), text, where),
    }


def _annotation(data: Any, text: str, where: str) -> Annotation | None:
    if data is None:
        return None
    if not isinstance(data, dict):
        raise StoreError(f'{where}: "annotation" must be an object or null')
    if data.get("schema_version", SCHEMA_VERSION) != SCHEMA_VERSION:
        raise StoreError(f"{where}: annotation schema {data.get('schema_version')!r} is unknown")
    try:
        annotation = Annotation.from_dict(data, text=text)
    except (ModelError, KeyError, TypeError, ValueError) as error:
        raise StoreError(f"{where}: {error}") from error
    problems = annotation.problems()
    if problems:
        raise StoreError(f"{where}: {problems[0]}")
    return annotation
