"""Writing an article file quickly: the JSON of annotations from the text of their items.

Items (spans, people, roles, events) are immutable and an edit changes a few of them, so
:class:`ArticleTexts` keeps the JSON line of every item it wrote and joins them: writing
the annotation of a long article costs a join, not the encoding of thousands of dicts.
The result is byte for byte what ``json.dumps(annotation.to_dict(include_text=False),
ensure_ascii=False)`` gives (tests/store/test_journal.py checks it). Records the store keeps
unchanged from one write of the file to the next (the same objects) reuse their text too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from annotate.model import (
    ASSERTED,
    MODEL,
    SCHEMA_VERSION,
    Annotation,
    Argument,
    Event,
    Participant,
    Person,
    Provenance,
    Role,
    Span,
)
from store.atomic_storage import encode_json

_KINDS = ("spans", "people", "roles", "events")


@dataclass(frozen=True)
class Encoded:
    """A value already encoded as one line of JSON (an annotation a worker encoded,
    :mod:`store.prepared`): written as it is."""

    text: str


class ArticleTexts:
    """Encodes the one-line values of one article's files, reusing texts written before."""

    def __init__(self) -> None:
        self._items: dict[int, tuple[Any, str]] = {}
        self._last: dict[int, tuple[Any, str]] = {}
        self._this: dict[int, tuple[Any, str]] = {}

    def __call__(self, value: Any) -> str:
        """Return ``value`` as one line of JSON; an :class:`Annotation` as its dict form
        without its text."""
        if type(value) is Annotation:
            return self.annotation(value)
        if type(value) is Encoded:
            return value.text
        if not isinstance(value, dict):
            return encode_json(value)
        key = id(value)
        known = self._this.get(key) or self._last.get(key)
        text = known[1] if known is not None and known[0] is value else encode_json(value)
        self._this[key] = (value, text)
        return text

    def annotation(self, annotation: Annotation) -> str:
        """Return ``annotation.to_dict(include_text=False)`` as one line of JSON."""
        key = id(annotation)
        known = self._this.get(key) or self._last.get(key)
        if known is not None and known[0] is annotation:
            self._this[key] = known
            return known[1]
        items = self._items
        head = f'"schema_version": {SCHEMA_VERSION}, "model": {encode_json(annotation.model)}'
        parts = ["{" + head]
        for kind in _KINDS:
            kept = [items.get(id(item)) for item in getattr(annotation, kind)]
            if not any(
                seen is not None and seen[0] is item
                for seen, item in zip(kept, getattr(annotation, kind), strict=True)
            ):  # none written before (a new annotation): one call of the C encoder
                listed = encode_json([item.to_dict() for item in getattr(annotation, kind)])
                parts.append(f'"{kind}": {listed}')
                continue
            texts = []
            for item, seen in zip(getattr(annotation, kind), kept, strict=True):
                if seen is None or seen[0] is not item:
                    seen = (item, encode_json(item.to_dict()))
                    items[id(item)] = seen
                texts.append(seen[1])
            parts.append(f'"{kind}": [{", ".join(texts)}]')
        text = ", ".join(parts) + "}"
        self._this[key] = (annotation, text)
        return text

    def next_round(self, keep: tuple[Annotation | None, ...] = ()) -> None:
        """Keep only the texts of the round just finished; with ``keep``, also forget the
        texts of items no longer in those annotations (when there are many)."""
        self._last, self._this = self._this, {}
        if not keep:
            return
        live = {id(i) for a in keep if a is not None for kind in _KINDS for i in getattr(a, kind)}
        if len(self._items) > 2 * len(live) + 1024:
            self._items = {key: value for key, value in self._items.items() if key in live}


def decode_annotation(data: Mapping[str, Any], text: str) -> Annotation:
    """Return ``Annotation.from_dict(data, text=text)``, faster on a long annotation: equal
    provenances are built once. Anything unusual goes to ``from_dict`` itself, so the
    result and the errors (:class:`~annotate.model.ModelError`) are the same."""
    try:
        return _decode(data, text)
    except (KeyError, TypeError, ValueError, AttributeError):
        return Annotation.from_dict(data, text=text)


def _decode(data: Mapping[str, Any], text: str) -> Annotation:
    if data.get("schema_version", SCHEMA_VERSION) != SCHEMA_VERSION or "text" in data:
        raise ValueError("not the store's form")
    made: dict[tuple[Any, ...], Provenance] = {}

    def provenance(value: Any) -> Provenance:
        if not value:
            return MODEL
        key = (
            value.get("source"),
            value.get("annotator"),
            value.get("time"),
            value.get("state"),
            value.get("rule"),
        )
        found = made.get(key)
        if found is None:
            found = made[key] = Provenance.from_dict(value)
        return found

    spans = tuple(
        Span(
            str(s["id"]),
            int(s["start"]),
            int(s["end"]),
            str(s["label"]),
            provenance(s.get("provenance")),
        )
        for s in data.get("spans", ())
    )
    people = tuple(
        Person(
            str(p["id"]),
            str(p["name"]),
            tuple(str(m) for m in p.get("mentions", ())),
            provenance(p.get("provenance")),
        )
        for p in data.get("people", ())
    )
    roles = tuple(
        Role(str(r["id"]), str(r["span"]), str(r["person"]), provenance(r.get("provenance")))
        for r in data.get("roles", ())
    )
    events = tuple(
        Event(
            id=str(e["id"]),
            trigger=str(e["trigger"]),
            type=str(e["type"]),
            participants=tuple(Participant.from_dict(p) for p in e.get("participants", ())),
            arguments=tuple(Argument.from_dict(a) for a in e.get("arguments", ())),
            time=e.get("time"),
            place=e.get("place"),
            provenance=provenance(e.get("provenance")),
            modality=str(e.get("modality") or ASSERTED),
            mentions=tuple(str(m) for m in e.get("mentions", ())),
        )
        for e in data.get("events", ())
    )
    return Annotation(text, spans, people, roles, events, data.get("model"))
