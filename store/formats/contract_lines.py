"""Extraction-contract JSON (as ``annotui extract --json`` prints it): articles with their
annotation, imported as suggestions for a person to review.

JSON lines are read one line at a time (:func:`read_contract`), so a file of any size is
checked and added without holding it whole; a file that is one JSON document (a list, or an
object over several lines) is read whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotate.model import ModelError, Provenance
from store.errors import StoreError
from store.formats.json_lines import json_lines
from store.formats.plain_text import check_text

if TYPE_CHECKING:
    from annotate.model import Annotation
    from store.values import Article

SUFFIXES = (".jsonl", ".json")
"""Files read in this format."""
SUGGESTED = Provenance(source="model", state="suggested")
"""Provenance of imported annotations: suggestions for a person to accept or reject."""
KIND = "articles"
"""What the file is called in messages."""


def read_contract(path: Path) -> Iterator[dict[str, Any]]:
    """Yield the import items of a file of extraction-contract objects (JSON lines, a list or
    one object), each with its annotation as suggestions; errors name the file and line.

    JSON lines are read, checked and yielded one at a time.
    """
    objects = _lines(path) if _is_json_lines(path) else _document(path)
    for number, (where, obj) in enumerate(objects, 1):
        yield _item(obj, where, f"{path.name}:{number}")


def _is_json_lines(path: Path) -> bool:
    """True when the first line that is not blank is a JSON object on its own."""
    try:
        with path.open(encoding="utf-8") as file:
            first = next((line for line in file if line.strip()), "")
        return isinstance(json.loads(first), dict)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False  # the whole-file reading names what is wrong


def _lines(path: Path) -> Iterator[tuple[str, Any]]:
    """Yield (where, checked object) for each line that is not blank, one line read at a time."""
    from annotate.evaluate import EvaluationError, check_object

    for where, obj in json_lines(path):
        try:
            yield where, check_object(obj, where, KIND)
        except EvaluationError as error:
            raise StoreError(str(error)) from error


def _document(path: Path) -> Iterator[tuple[str, Any]]:
    """Yield (where, object) of a file that is one JSON document, read whole."""
    from annotate.evaluate import EvaluationError, load_gold

    try:
        objects = load_gold(path, kind=KIND)
    except EvaluationError as error:
        raise StoreError(str(error)) from error
    for number, obj in enumerate(objects, 1):
        yield f"{path}: article {number}", obj


def _item(obj: dict[str, Any], where: str, default_source: str) -> dict[str, Any]:
    """The import item of a checked contract object."""
    from annotate.contract import from_contract

    check_text(obj["text"], where)
    try:
        annotation = from_contract(obj, SUGGESTED)
    except ModelError as error:  # check_object has checked the shape; this is a last guard
        raise StoreError(f"{where}: {error}") from error
    has_items = annotation.spans or annotation.people or annotation.events
    title = obj.get("title")
    return {
        "text": obj["text"],
        "title": title if isinstance(title, str) and title.strip() else None,
        "source": obj.get("source") or default_source,
        "annotation": annotation if has_items else None,
    }


def article_object(article: Article, annotation: Annotation) -> dict[str, Any]:
    """The contract object of a stored article, with its id, title and review status."""
    from annotate.contract import to_contract

    head = {"id": article.id, "title": article.title, "status": article.status}
    return {**head, **to_contract(annotation, article.source)}
