"""Extraction-contract JSON (as ``annotui extract --json`` prints it): articles with their
annotation, imported as suggestions for a person to review."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotate.model import ModelError, Provenance
from store.errors import StoreError

if TYPE_CHECKING:
    from annotate.model import Annotation
    from store.values import Article

SUFFIXES = (".jsonl", ".json")
"""Files read in this format."""
SUGGESTED = Provenance(source="model", state="suggested")
"""Provenance of imported annotations: suggestions for a person to accept or reject."""


def contract_items(path: Path) -> list[dict[str, Any]]:
    """Return the import items of a file of extraction-contract objects (JSON lines, a list
    or one object), each with its annotation as suggestions; errors name the file and line."""
    from annotate.contract import from_contract
    from annotate.evaluate import EvaluationError, load_gold

    try:
        objects = load_gold(path, kind="articles")
    except EvaluationError as error:
        raise StoreError(str(error)) from error
    items = []
    for number, obj in enumerate(objects, 1):
        if not obj["text"].strip():
            raise StoreError(f"{path}: article {number}: the text is empty")
        try:
            annotation = from_contract(obj, SUGGESTED)
        except ModelError as error:  # load_gold has checked the shape; this is a last guard
            raise StoreError(f"{path}: article {number}: {error}") from error
        has_items = annotation.spans or annotation.people or annotation.events
        title = obj.get("title")
        items.append(
            {
                "text": obj["text"],
                "title": title if isinstance(title, str) and title.strip() else None,
                "source": obj.get("source") or f"{path.name}:{number}",
                "annotation": annotation if has_items else None,
            }
        )
    return items


def article_object(article: Article, annotation: Annotation) -> dict[str, Any]:
    """The contract object of a stored article, with its id, title and review status."""
    from annotate.contract import to_contract

    head = {"id": article.id, "title": article.title, "status": article.status}
    return {**head, **to_contract(annotation, article.source)}


class Writer:
    """Writes articles as extraction-contract JSON lines, with their id, title and review
    status; :func:`contract_items` (``annotui import``) reads them back."""

    def __init__(self, path: Path) -> None:
        self._file = path.open("w", encoding="utf-8", newline="\n")

    def add(self, article: Article, annotation: Annotation) -> None:
        """Write one article's line."""
        self._file.write(json.dumps(article_object(article, annotation), ensure_ascii=False))
        self._file.write("\n")

    def close(self) -> None:
        """Close the file."""
        self._file.close()
