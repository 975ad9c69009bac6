"""spaCy ``DocBin``: the articles as ``Doc`` objects for ``spacy train``, with nothing lost.

Each article is one ``Doc`` of its text, tokenized as ``spacy train`` tokenizes English (see
:mod:`store.formats.token_spans`), holding:

- ``Doc.ents``: the entity layer (PERSON, ORG, GPE, ...);
- ``Doc.spans["role"]``: role titles (label ``ROLE``);
- ``Doc.spans["event"]``: event triggers, labelled with the event's type;
- ``Doc.spans["argument"]``: times, places and argument phrases (``TIME_EXPR``, ``PLACE``,
  ``PHRASE``);
- ``Doc.user_data["annotui"]``: what spans cannot hold, with offsets into the text: the
  article's id, title and review status; the people (name, mentions); the person each role
  belongs to; each event's type, trigger, participants, arguments, time and place.

``DocBin(store_user_data=True)`` keeps ``user_data``. An item whose ends are not token
boundaries, or an entity overlapping another, is left out of the spans and reported; the
offsets in ``user_data`` stay exact.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from annotate.model import Annotation
from store.errors import StoreError
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
            mentions = [annotation.span(m) for m in event.triggers]
            triggers += token_spans(doc, annotation, mentions, article.id, left, event.type)
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
                "participants": [
                    {"person": p.person, "part": p.part, "mention": at(p.mention)}
                    for p in e.participants
                ],
                "arguments": [{"span": at(a.span), "part": a.part} for a in e.arguments],
                "time": at(e.time),
                "place": at(e.place),
                "modality": e.modality,
                "mentions": [at(m) for m in e.mentions],
            }
            for e in annotation.events
        ],
    }


SUFFIXES = (".spacy",)
"""Files read in this format."""


def read_docbin(path: Path, *, suggestions: bool = False) -> tuple[list[dict[str, Any]], list[str]]:
    """The articles of a ``DocBin``: ``Doc.ents``, the span groups ``role``, ``event`` and
    ``argument``, and (when annotui wrote it) the people, role links and events of
    ``Doc.user_data["annotui"]``. Other span groups and user data are named, not imported."""
    import spacy
    from spacy.tokens import DocBin

    from annotate.model import (
        ASSERTED,
        EVENT_LABEL,
        ROLE_LABEL,
        Argument,
        Event,
        Participant,
        Person,
        Provenance,
        Role,
        Span,
    )

    by = Provenance(source="import:spacy", state="suggested" if suggestions else "accepted")
    try:
        docs = list(DocBin().from_disk(path).get_docs(spacy.blank("en").vocab))
    except (OSError, ValueError, KeyError) as error:
        raise StoreError(f"{path}: not a spaCy DocBin ({error})") from error
    items: list[dict[str, Any]] = []
    notices: list[str] = []
    for number, doc in enumerate(docs, 1):
        where = f"{path}: doc {number}"
        at: dict[tuple[int, int, str], str] = {}
        span = partial(_span_id, at)
        for ent in doc.ents:
            span(ent.start_char, ent.end_char, ent.label_)
        for group, fixed in (("role", ROLE_LABEL), ("argument", None), ("event", EVENT_LABEL)):
            for s in doc.spans.get(group, []):
                span(s.start_char, s.end_char, fixed or s.label_)
        other = sorted(set(doc.spans) - {"role", "argument", "event"})
        if other:
            notices.append(f"{where}: span groups {', '.join(other)} not imported")
        data = doc.user_data.get(USER_DATA_KEY) if isinstance(doc.user_data, dict) else None
        people, roles, events = [], [], []
        if isinstance(data, dict):
            person_of: dict[str, str] = {}
            for person in data.get("people", []):
                mentions = [span(s, e, "PERSON") for s, e in person["mentions"]]
                people.append(Person(person["id"], person["name"], tuple(mentions), by))
                person_of[person["id"]] = person["id"]
            for n, role in enumerate(data.get("roles", []), 1):
                roles.append(Role(f"R{n}", span(*role["span"], ROLE_LABEL), role["person"], by))
            for event in data.get("events", []):
                trigger = span(*event["trigger"], EVENT_LABEL)
                time = event.get("time")
                place = event.get("place")
                events.append(
                    Event(
                        event["id"],
                        trigger,
                        event["type"],
                        tuple(
                            Participant(
                                p["person"],
                                p["part"],
                                span(*p["mention"], "PERSON") if p.get("mention") else None,
                            )
                            for p in event["participants"]
                        ),
                        tuple(
                            Argument(_label_at(at, a["span"]), a["part"])
                            for a in event["arguments"]
                        ),
                        None if time is None else _label_at(at, time),
                        None if place is None else _label_at(at, place),
                        by,
                        str(event.get("modality") or ASSERTED),
                        tuple(span(*m, EVENT_LABEL) for m in event.get("mentions", [])),
                    )
                )
        spans = tuple(Span(tid, s, e, label, by) for (s, e, label), tid in at.items())
        annotation = Annotation(doc.text, spans, tuple(people), tuple(roles), tuple(events))
        problems = annotation.problems()
        if problems:
            raise StoreError(f"{where}: {problems[0]}")
        title = data.get("title") if isinstance(data, dict) else None
        items.append(
            {
                "text": doc.text,
                "title": title,
                "source": where,
                "annotation": annotation if spans else None,
            }
        )
    return items, notices


def _span_id(at: dict[tuple[int, int, str], str], start: int, end: int, label: str) -> str:
    """The id of the span at ``start..end`` with ``label``, made when it is new."""
    key = (start, end, label)
    if key not in at:
        at[key] = f"T{len(at) + 1}"
    return at[key]


def _label_at(at: dict[tuple[int, int, str], str], offsets: list[int]) -> str:
    """The id of a span already made at ``offsets`` (of any label)."""
    start, end = offsets
    for (s, e, _), tid in at.items():
        if (s, e) == (start, end):
            return tid
    raise StoreError(f"no span at {start}-{end} for an event's argument")
