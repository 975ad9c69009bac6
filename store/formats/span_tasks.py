"""Prodigy and doccano JSON lines: a text with its labelled spans (and relations), per line.

**Prodigy** (``ner_manual`` / ``spans.manual`` output): ``{"text", "spans": [{"start", "end",
"label"}], "answer": "accept" | "reject" | "ignore", "meta": {...}}``; ``rel.manual`` adds
``"relations": [{"head_span", "child_span", "label"}]``. **doccano** (sequence labelling,
relation export): ``{"text", "entities": [{"id", "start_offset", "end_offset", "label"}],
"relations": [{"from_id", "to_id", "type"}]}``, or the sequence-labelling export ``{"text",
"label": [[start, end, label], ...]}`` (``"labels"`` in some versions).

Reading keeps every span, with the provenance ``import:prodigy`` / ``import:doccano``,
accepted (a decision) unless imported as suggestions; a Prodigy line answered ``reject``
keeps its spans as rejected. What annotui cannot express from such a file (relations, an
``ignore`` answer) is named in a notice with its line, never dropped silently. Writing puts
the entities as spans and the role links and event participants as relations (the head is
the role title or the event trigger, the child the participant's mention, else the person's
mention nearest it; a later mention of an event is the child of a ``SAME_EVENT`` relation from
its first trigger). An event's modality has no place there and is named as left out.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotate.model import ASSERTED, Annotation, Provenance, Span
from annotate.queries import nearest_mention, participant_mention
from store.errors import StoreError
from store.formats.json_lines import json_lines
from store.formats.left_out import LeftOut
from store.formats.plain_text import check_text
from store.values import Article

PRODIGY = "prodigy"
DOCCANO = "doccano"


@dataclass
class Read:
    """What reading a file gave: the import items, and what it could not express."""

    items: list[dict[str, Any]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def kind_of(obj: object) -> str | None:
    """``prodigy`` or ``doccano`` when a line's object is one of theirs, else None."""
    if not isinstance(obj, Mapping) or not isinstance(obj.get("text"), str):
        return None
    if isinstance(obj.get("spans"), list) or obj.get("answer") in ("accept", "reject", "ignore"):
        return PRODIGY
    entities = obj.get("entities")
    if (
        isinstance(entities, list)
        and all(isinstance(e, Mapping) and "start_offset" in e for e in entities)
        and ("relations" in obj or entities)
    ):
        return DOCCANO
    if isinstance(obj.get("label"), list) or isinstance(obj.get("labels"), list):
        return DOCCANO
    return None


def read(path: Path, kind: str, *, suggestions: bool = False) -> Read:
    """Read a Prodigy or doccano JSON lines file; errors name the file and line."""
    found = Read()
    state = "suggested" if suggestions else "accepted"
    for where, obj in json_lines(path):
        item = _item(obj, kind, where, state, found.notices)
        if item is not None:
            found.items.append(item)
    return found


def _item(obj: Any, kind: str, where: str, state: str, notices: list[str]) -> dict[str, Any] | None:
    if not isinstance(obj, Mapping) or not isinstance(obj.get("text"), str):
        raise StoreError(f'{where}: not a {kind} line (no "text")')
    text = obj["text"]
    check_text(text, where)
    if kind == PRODIGY and obj.get("answer") == "ignore":
        notices.append(f'{where}: skipped: answered "ignore" in Prodigy')
        return None
    if kind == PRODIGY and obj.get("answer") == "reject":
        state = "rejected"
    ranges = _prodigy_spans(obj, where) if kind == PRODIGY else _doccano_spans(obj, where)
    provenance = Provenance(source=f"import:{kind}", state=state)  # type: ignore[arg-type]
    spans = []
    for n, (start, end, label) in enumerate(ranges, 1):
        if not 0 <= start < end <= len(text):
            raise StoreError(f"{where}: span {start}-{end} is outside the text")
        spans.append(Span(f"T{n}", start, end, label, provenance))
    relations = obj.get("relations") or []
    if relations:
        notices.append(
            f"{where}: {len(relations)} relation(s) not imported: annotui links people, roles "
            "and events itself (the spans are kept)"
        )
    meta = obj.get("meta") if isinstance(obj.get("meta"), Mapping) else {}
    title = meta.get("title") if isinstance(meta.get("title"), str) else None
    annotation = Annotation(text=text, spans=tuple(spans)) if spans else None
    return {"text": text, "title": title, "source": where, "annotation": annotation}


def _prodigy_spans(obj: Mapping[str, Any], where: str) -> list[tuple[int, int, str]]:
    found = []
    for span in obj.get("spans") or []:
        try:
            found.append((int(span["start"]), int(span["end"]), str(span["label"])))
        except (KeyError, TypeError, ValueError) as error:
            raise StoreError(f"{where}: a span needs start, end and label ({error})") from error
    return found


def _doccano_spans(obj: Mapping[str, Any], where: str) -> list[tuple[int, int, str]]:
    found = []
    try:
        for entity in obj.get("entities") or []:
            found.append(
                (int(entity["start_offset"]), int(entity["end_offset"]), str(entity["label"]))
            )
        for start, end, label in obj.get("label") or obj.get("labels") or []:
            found.append((int(start), int(end), str(label)))
    except (KeyError, TypeError, ValueError) as error:
        raise StoreError(f"{where}: an entity needs start, end and label ({error})") from error
    return found


SAME_EVENT = "SAME_EVENT"
"""The relation from an event's trigger to a later mention of the same happening."""


class _Writer:
    """Writes one JSON line per article: the entities, and roles and participants as
    relations."""

    lossless = False
    kind = ""

    def __init__(self, path: Path) -> None:
        self._file = path.open("w", encoding="utf-8", newline="\n")
        self.left_out: list[LeftOut] = []

    def add(self, article: Article, annotation: Annotation | None) -> None:
        """Write one article's line; an event's modality has no place in it (named)."""
        if annotation is not None:
            self._file.write(json.dumps(self.line(article, annotation), ensure_ascii=False) + "\n")
            for event in annotation.events:
                if event.modality != ASSERTED:
                    trigger = annotation.span_text(event.trigger)
                    what = f"{event.type} “{trigger}”: {event.modality}"
                    self.left_out.append(LeftOut(article.id, "event modality", what))

    def line(self, article: Article, annotation: Annotation) -> dict[str, Any]:
        raise NotImplementedError

    def close(self) -> None:
        """Close the file."""
        self._file.close()


def relations(annotation: Annotation) -> list[tuple[Span, Span, str]]:
    """(head, child, label): each role title to its person's mention nearest it, each event
    trigger to the mention each participant was drawn from, else the person's mention nearest
    it (labelled with the part)."""
    found: list[tuple[Span, Span, str]] = []

    for role in annotation.roles:
        title = annotation.span(role.span)
        mention = nearest_mention(annotation, role.person, title)
        if mention is not None:
            found.append((title, mention, "ROLE_OF"))
    for event in annotation.events:
        trigger = annotation.span(event.trigger)
        for participant in event.participants:
            mention = participant_mention(annotation, participant, trigger)
            if mention is not None:
                found.append((trigger, mention, participant.part))
        for later in event.mentions:
            found.append((trigger, annotation.span(later), SAME_EVENT))
    return found


def _undecided(span: Span) -> bool:
    """A suggestion nobody has decided on (a model's, or one imported as a suggestion)."""
    return span.provenance.state == "suggested" and span.provenance.source != "human"


def _entities(annotation: Annotation) -> list[Span]:
    return [s for s in annotation.live_spans() if s.layer in ("entity", "role", "event")]


class ProdigyWriter(_Writer):
    """Prodigy's JSON lines (``spans`` and ``relations``; ``answer`` ``accept``)."""

    def line(self, article: Article, annotation: Annotation) -> dict[str, Any]:
        spans = [{"start": s.start, "end": s.end, "label": s.label} for s in _entities(annotation)]
        rels = [
            {
                "head_span": {"start": h.start, "end": h.end, "label": h.label},
                "child_span": {"start": c.start, "end": c.end, "label": c.label},
                "label": label,
            }
            for h, c, label in relations(annotation)
        ]
        meta = {"id": article.id, "title": article.title}
        line = {"text": annotation.text, "spans": spans, "relations": rels, "meta": meta}
        if not any(_undecided(s) for s in _entities(annotation)):
            line["answer"] = "accept"  # with undecided suggestions: a task still to answer
        return line


class DoccanoWriter(_Writer):
    """doccano's relation JSON lines (``entities`` with ids, ``relations`` between them)."""

    def line(self, article: Article, annotation: Annotation) -> dict[str, Any]:
        spans = _entities(annotation)
        ids = {s.id: n for n, s in enumerate(spans, 1)}
        entities = [
            {"id": ids[s.id], "label": s.label, "start_offset": s.start, "end_offset": s.end}
            for s in spans
        ]
        rels = [
            {"id": n, "from_id": ids[h.id], "to_id": ids[c.id], "type": label}
            for n, (h, c, label) in enumerate(relations(annotation), 1)
            if h.id in ids and c.id in ids
        ]
        return {"id": article.id, "text": annotation.text, "entities": entities, "relations": rels}


# -- Label Studio ------------------------------------------------------------------------

LABEL_STUDIO = "labelstudio"


def is_label_studio(document: object) -> bool:
    """True for a Label Studio tasks document: a list of tasks with ``data.text``."""
    return (
        isinstance(document, list)
        and bool(document)
        and all(isinstance(t, Mapping) and isinstance(t.get("data"), Mapping) for t in document)
    )


def read_label_studio(path: Path, *, suggestions: bool = False) -> Read:
    """Read a Label Studio tasks JSON file: ``annotations`` as decisions (as suggestions with
    ``suggestions``), ``predictions`` as suggestions; relations and other results named."""
    found = Read()
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise StoreError(f"{path}: cannot read ({error})") from error
    except json.JSONDecodeError as error:
        raise StoreError(f"{path}:{error.lineno}: invalid JSON: {error.msg}") from error
    if not is_label_studio(document):
        raise StoreError(f'{path}: not Label Studio tasks (a list of tasks with "data")')
    source = f"import:{LABEL_STUDIO}"
    for number, task in enumerate(document, 1):
        where = f"{path}: task {number}"
        text = task["data"].get("text")
        if not isinstance(text, str):
            raise StoreError(f"{where}: data.text must be a string")
        check_text(text, where)
        made: list[Span] = []
        for kind, state in (
            ("annotations", "suggested" if suggestions else "accepted"),
            ("predictions", "suggested"),
        ):
            for entry in task.get(kind) or []:
                for result in entry.get("result") or []:
                    value = result.get("value") or {}
                    if result.get("type") != "labels" or "start" not in value:
                        found.notices.append(
                            f"{where}: a {result.get('type', '?')} result not imported "
                            "(annotui keeps labelled spans; it links people and events itself)"
                        )
                        continue
                    start, end = int(value["start"]), int(value["end"])
                    if not 0 <= start < end <= len(text):
                        raise StoreError(f"{where}: span {start}-{end} is outside the text")
                    for label in value.get("labels") or []:
                        provenance = Provenance(source=source, state=state)  # type: ignore[arg-type]
                        made.append(Span(f"T{len(made) + 1}", start, end, str(label), provenance))
        annotation = Annotation(text=text, spans=tuple(_unique(made))) if made else None
        found.items.append({"text": text, "title": None, "source": where, "annotation": annotation})
    return found


def _unique(spans: list[Span]) -> list[Span]:
    """One span per (start, end, label): an annotation wins over a prediction of the same."""
    kept: dict[tuple[int, int, str], Span] = {}
    for span in spans:
        kept.setdefault((span.start, span.end, span.label), span)
    return list(kept.values())


class LabelStudioWriter(_Writer):
    """Label Studio tasks JSON: decisions as ``annotations``, undecided suggestions (with
    --include-suggestions) as ``predictions``; written as one document when closed."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self._tasks: list[dict[str, Any]] = []

    def add(self, article: Article, annotation: Annotation | None) -> None:
        if annotation is None:
            return
        decided, suggested = [], []
        for span in _entities(annotation):
            result = {
                "id": span.id,
                "from_name": "label",
                "to_name": "text",
                "type": "labels",
                "value": {
                    "start": span.start,
                    "end": span.end,
                    "text": span.text_in(annotation.text),
                    "labels": [span.label],
                },
            }
            (suggested if _undecided(span) else decided).append(result)
        task: dict[str, Any] = {
            "data": {"text": annotation.text, "id": article.id, "title": article.title},
            "annotations": [{"result": decided}] if decided else [],
        }
        if suggested:
            task["predictions"] = [
                {"model_version": annotation.model or "model", "result": suggested}
            ]
        self._tasks.append(task)

    def close(self) -> None:
        """Write the tasks and close the file."""
        json.dump(self._tasks, self._file, ensure_ascii=False, indent=1)
        self._file.write("\n")
        super().close()
