"""Extraction-contract JSON (as ``annotui extract --json`` prints it): articles with their
annotation, imported as suggestions for a person to review."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annotate.model import ModelError, Provenance
from store.errors import StoreError

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
