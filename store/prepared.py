"""A model annotation made ready for the store by the process that computed it.

A worker (``annotui annotate --workers`` or a Dask worker, :mod:`tui.dask_annotate`) sends
back each article's annotation in the store's own JSON form, with the few facts the store's
index keeps of it, instead of the Python objects: the worker pays for encoding and checking
it, and the one process that writes the store only splices the text into the article's
file (:meth:`store.Store.reannotate_many`). When the article has human decisions to keep,
the store decodes the annotation and merges it as usual.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from annotate.model import Annotation
from store.annotation_json import ArticleTexts, decode_annotation
from store.records import people_named, review_counts
from store.values import article_id


@dataclass(frozen=True)
class PreparedAnnotation:
    """An annotation as the store writes it (``json``) and what its index row needs."""

    text_id: str
    """:func:`~store.values.article_id` of the text it annotates."""
    text_length: int
    model: str | None
    json: str
    """``annotation.to_dict(include_text=False)`` as one line of JSON."""
    facts: Mapping[str, Any]
    """``people`` (names with a live mention), ``n_events`` and the review counts."""

    @classmethod
    def of(cls, annotation: Annotation) -> PreparedAnnotation:
        """Check ``annotation`` as the store would (``ValueError`` naming the problems) and
        encode it."""
        problems = annotation.problems()
        if problems:
            raise ValueError(f"inconsistent annotation: {'; '.join(problems[:3])}")
        return cls(
            text_id=article_id(annotation.text),
            text_length=len(annotation.text),
            model=annotation.model,
            json=ArticleTexts().annotation(annotation),
            facts={
                "people": people_named(annotation),
                "n_events": len(annotation.events),
                **review_counts(annotation),
            },
        )

    def fits(self, stored_id: str, text: str) -> bool:
        """True when this annotates the stored article ``stored_id`` whose text is ``text``:
        a store's article id is the :func:`~store.values.article_id` of its text, so the text
        need not be hashed again."""
        return len(text) == self.text_length and stored_id == self.text_id

    def annotation(self, text: str) -> Annotation:
        """The annotation itself (``text`` is the article's)."""
        return decode_annotation(json.loads(self.json), text)
