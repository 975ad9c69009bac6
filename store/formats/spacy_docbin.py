"""spaCy ``DocBin``: the articles as ``Doc`` objects for ``spacy train``, with nothing lost.

Each article is one ``Doc`` of its text, tokenized as ``spacy train`` tokenizes English (see
:mod:`store.formats.token_spans`), holding:

- ``Doc.ents``: the entity layer (PERSON, ORG, GPE, ...);
- ``Doc.spans["role"]``: role titles (label ``ROLE``);
- ``Doc.spans["event"]``: event triggers, labelled with the event's type;
- ``Doc.spans["argument"]``: times and places (``TIME_EXPR``, ``PLACE``) and other arguments;
- ``Doc.user_data["annotui"]``: what spans cannot hold, with offsets into the text: the
  article's id, title and review status; the people (name, mentions); the person each role
  belongs to; each event's type, trigger, participants, arguments, time and place.

``DocBin(store_user_data=True)`` keeps ``user_data``. An item whose ends are not token
boundaries, or an entity overlapping another, is left out of the spans and reported; the
offsets in ``user_data`` stay exact.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annotate.model import Annotation
from store.formats.left_out import LeftOut
from store.formats.token_spans import entity_spans, token_spans, tokenized
from store.values import Article

USER_DATA_KEY = "annotui"
"""Key of annotui's data in ``Doc.user_data``."""


class Writer:
    """Collects the articles' Docs and writes the ``DocBin`` when closed."""

    lossless = False

    def __init__(self, path: Path) -> None:
        from spacy.tokens import DocBin

        self._path = path
        self._docs = DocBin(store_user_data=True)
        self.left_out: list[LeftOut] = []
        """Spans left out: not on token boundaries, or an entity overlapping another."""

    def add(self, article: Article, annotation: Annotation) -> None:
        """Add one article's Doc."""
        doc = tokenized(annotation.text)
        left = self.left_out
        doc.ents = entity_spans(doc, annotation, article.id, left)
        by_layer = {
            "role": [s for s in annotation.live_spans("role")],
            "argument": [s for s in annotation.live_spans("argument")],
        }
        for key, spans in by_layer.items():
            doc.spans[key] = token_spans(doc, annotation, spans, article.id, left)
        triggers: list[Any] = []
        for event in annotation.events:
            triggers += token_spans(
                doc, annotation, [annotation.span(event.trigger)], article.id, left, event.type
            )
        doc.spans["event"] = triggers
        doc.user_data[USER_DATA_KEY] = user_data(article, annotation)
        self._docs.add(doc)

    def close(self) -> None:
        """Write the DocBin."""
        self._path.write_bytes(self._docs.to_bytes())


def user_data(article: Article, annotation: Annotation) -> dict[str, Any]:
    """What the spans cannot hold, as plain data with character offsets."""

    def at(span_id: str | None) -> list[int] | None:
        if span_id is None:
            return None
        span = annotation.span(span_id)
        return [span.start, span.end]

    return {
        "id": article.id,
        "title": article.title,
        "status": article.status,
        "people": [
            {"id": p.id, "name": p.name, "mentions": [at(m) for m in p.mentions]}
            for p in annotation.people
        ],
        "roles": [{"span": at(r.span), "person": r.person} for r in annotation.roles],
        "events": [
            {
                "id": e.id,
                "type": e.type,
                "trigger": at(e.trigger),
                "participants": [{"person": p.person, "part": p.part} for p in e.participants],
                "arguments": [{"span": at(a.span), "part": a.part} for a in e.arguments],
                "time": at(e.time),
                "place": at(e.place),
            }
            for e in annotation.events
        ],
    }
