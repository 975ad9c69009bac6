"""What the status line under the article says about the span under the cursor (no Textual).

For the span the entity keys act on (:func:`annotate.queries.span_at_cursor`): its label, its
state (a suggestion, accepted, made by a person, imported, rejected), who decided and when, and
for a model suggestion the component and rule that made it (:attr:`Provenance.rule`). With a
selection and no span, it says how to label the selection.
"""

from __future__ import annotations

from annotate.labels import LabelConfig
from annotate.model import ASSERTED, IMPORT_PREFIX, Annotation, Provenance, Span
from tui.safe_text import one_line

SEPARATOR = " · "


def when(provenance: Provenance) -> str:
    """The time of the decision, to the minute (``2026-12-05 08:00``), or ``""``."""
    time = provenance.time or ""
    return time[:16].replace("T", " ") if len(time) >= 16 else time


def state_words(provenance: Provenance, model: str | None = None) -> str:
    """Say what state an item is in and who put it there (``model``: the pipeline's name)."""
    by = provenance.annotator
    at = when(provenance)
    who = "".join((f" by {by}" if by else "", f", {at}" if at else ""))
    if provenance.source.startswith(IMPORT_PREFIX):
        origin = provenance.source[len(IMPORT_PREFIX) :]
        kind = "suggestion" if provenance.state == "suggested" else provenance.state
        return f"{kind}, imported from {origin}"
    if provenance.state == "suggested":
        name = by or model
        return f"suggestion of {name}" if name else "suggestion of the model"
    if provenance.state == "rejected":
        return f"rejected{who}"
    if provenance.rule is not None or provenance.source == "model":
        return f"accepted{who}"
    return f"made{who}"


def why(provenance: Provenance) -> str:
    """The component and rule that suggested the item, or ``""`` for a person's own."""
    return f"why: {provenance.rule}" if provenance.rule else ""


def belongs_to(annotation: Annotation, span: Span) -> str:
    """What the span is part of: a person's mention, a role's title, an event's trigger."""
    person = annotation.person_of_span(span.id)
    if person is not None:
        return f"mention of {person.name}"
    for role in annotation.roles:
        if role.span == span.id:
            holder = next((p for p in annotation.people if p.id == role.person), None)
            return f"title of {holder.name}" if holder is not None else "a title"
    for event in annotation.events:
        marked = "" if event.modality == ASSERTED else f", {event.modality}"
        if event.trigger == span.id:
            return f"{event.type} event{marked}"
        if span.id in event.mentions:
            first = annotation.get_span(event.trigger)
            named = f" “{one_line(first.text_in(annotation.text))}”" if first is not None else ""
            return f"told again: the {event.type} event{named}{marked}"
    return ""


def span_status(annotation: Annotation, span: Span, config: LabelConfig) -> list[str]:
    """Return the parts of the status line for ``span``: label and description, state, reason
    (for a suggestion), and what it belongs to; empty parts left out."""
    description = config.description(span.label)
    label = span.label if description in ("", span.label) else f"{span.label} {description}"
    parts = [label, state_words(span.provenance, annotation.model), why(span.provenance)]
    parts.append(belongs_to(annotation, span))
    return [part for part in parts if part]


def selection_status(text: str, selection: tuple[int, int]) -> str:
    """Say what is selected and how to label it."""
    start, end = selection
    words = len(text[start:end].split())
    return f"{words} word{'s' if words != 1 else ''} selected: a label key or enter labels them"


NO_SPAN = "No span at the cursor: select text (shift+arrows, v, or drag) to label it"
