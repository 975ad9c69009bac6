"""Span edits: add, relabel, resize, split, merge, delete, accept and reject.

Decisions worth knowing:

- Adding a ``PERSON`` span (or relabelling one to ``PERSON``, or accepting a rejected
  one) makes it a mention: of ``person_id`` when given, else of a new person named
  after its text.
- Relabelling is only between entity labels. A ``PERSON`` mention relabelled to
  anything else leaves its person; a person left with no mention is deleted, with
  their roles and event participations.
- Splitting keeps the span's id and links on the first half; the second half gets a
  new id, the same label, and joins the same person when the span was a mention.
- Merging keeps the earlier span; the later one's links move to it (a person, roles,
  event triggers, times, places and arguments). When both mentioned different people
  the survivor keeps its own person.
- Deleting (or rejecting) a model suggestion keeps it as ``rejected`` so the model
  does not suggest it again; deleting a human span removes it. Its links go as
  described in :mod:`annotate.edits.draft`.
"""

from __future__ import annotations

from dataclasses import replace

from annotate.edits.core import EditError, Patch
from annotate.edits.draft import PERSON, Draft, quote
from annotate.model import Annotation, Argument, Provenance, Span, layer_of, span_order
from annotate.tokens import next_token_end, next_token_start, prev_token_end, prev_token_start

_SEPARATORS = frozenset(" \t\n\r\f\v\u00a0,.;:-–—/&'’\"“”()")


def _attach(draft: Draft, span: Span, person_id: str | None) -> None:
    """Make a PERSON span a mention of ``person_id``, or of a new person."""
    if person_id is None:
        draft.new_person(span)
    else:
        person = draft.person(person_id)
        draft.set_mentions(person, [*person.mentions, span.id])


def add_span(
    annotation: Annotation,
    start: int,
    end: int,
    label: str,
    *,
    by: Provenance,
    person_id: str | None = None,
) -> Patch:
    """Add a span; an identical rejected span is restored instead of duplicated.

    A ``PERSON`` span joins ``person_id``, or a new person when it is None.
    """
    label = label.strip()
    if not label:
        raise EditError("a span needs a label")
    draft = Draft(annotation, by)
    span, what = draft.ensure_span(start, end, label)
    if what == "reused":
        raise EditError(f"there is already a {label} span {quote(draft.covered(span))} there")
    if label == PERSON:
        _attach(draft, span, person_id)
    verb = "Restore" if what == "restored" else "Add"
    return draft.patch(f"{verb} {label} {quote(draft.covered(span))}")


def relabel_span(
    annotation: Annotation,
    span_id: str,
    label: str,
    *,
    by: Provenance,
    person_id: str | None = None,
) -> Patch:
    """Give an entity span another entity label.

    A ``PERSON`` mention relabelled leaves its person (deleted when it has no mention
    left); a span relabelled to ``PERSON`` joins ``person_id`` or a new person.
    """
    label = label.strip()
    draft = Draft(annotation, by)
    span = draft.live_span(span_id)
    if not label:
        raise EditError("a span needs a label")
    if label == span.label:
        raise EditError(f"{quote(draft.covered(span))} is already {label}")
    if span.layer != "entity" or layer_of(label) != "entity":
        raise EditError(f"only entities can be relabelled, not {span.label} to {label}")
    updated = draft.put_span(replace(span, label=label))
    if span.label == PERSON:
        person = draft.person_of(span.id)
        if person is not None:
            draft.set_mentions(person, [m for m in person.mentions if m != span.id])
    if label == PERSON:
        _attach(draft, updated, person_id)
    return draft.patch(f"Relabel {quote(draft.covered(span))} {span.label} → {label}")


def resize_span(
    annotation: Annotation, span_id: str, start: int, end: int, *, by: Provenance
) -> Patch:
    """Give a span a new range; its id and links stay."""
    draft = Draft(annotation, by)
    span = draft.live_span(span_id)
    draft.check_range(start, end)
    if (start, end) == (span.start, span.end):
        raise EditError("the span already has that range")
    updated = draft.put_span(replace(span, start=start, end=end))
    person = draft.person_of(span.id)
    if person is not None:
        draft.resort_mentions(person)
    return draft.patch(
        f"Resize {span.label} {quote(draft.covered(span))} → {quote(draft.covered(updated))}"
    )


def grow_start(annotation: Annotation, span_id: str, *, by: Provenance) -> Patch:
    """Move a span's start one token to the left."""
    span = _span(annotation, span_id)
    start = prev_token_start(annotation.text, span.start)
    if start >= span.start:
        raise EditError("the span already starts at the beginning of the text")
    return resize_span(annotation, span_id, start, span.end, by=by)


def shrink_start(annotation: Annotation, span_id: str, *, by: Provenance) -> Patch:
    """Move a span's start one token to the right."""
    span = _span(annotation, span_id)
    start = next_token_start(annotation.text, span.start)
    if start >= span.end:
        raise EditError("the span is a single token")
    return resize_span(annotation, span_id, start, span.end, by=by)


def grow_end(annotation: Annotation, span_id: str, *, by: Provenance) -> Patch:
    """Move a span's end one token to the right."""
    span = _span(annotation, span_id)
    end = next_token_end(annotation.text, span.end)
    if end <= span.end:
        raise EditError("the span already ends at the end of the text")
    return resize_span(annotation, span_id, span.start, end, by=by)


def shrink_end(annotation: Annotation, span_id: str, *, by: Provenance) -> Patch:
    """Move a span's end one token to the left."""
    span = _span(annotation, span_id)
    end = prev_token_end(annotation.text, span.end)
    if end <= span.start:
        raise EditError("the span is a single token")
    return resize_span(annotation, span_id, span.start, end, by=by)


def _span(annotation: Annotation, span_id: str) -> Span:
    span = annotation.get_span(span_id)
    if span is None:
        raise EditError(f"there is no span {span_id}")
    return span


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_span(annotation: Annotation, span_id: str, at: int, *, by: Provenance) -> Patch:
    """Split a span in two at offset ``at``; whitespace at the cut is left out of both.

    The first half keeps the id and links; the second is a new span with the same label
    (and the same person, for a mention).
    """
    draft = Draft(annotation, by)
    span = draft.live_span(span_id)
    if not span.start < at < span.end:
        raise EditError("the split point must be inside the span")
    first = _trim(draft.text, span.start, at)
    second = _trim(draft.text, at, span.end)
    if first[0] >= first[1] or second[0] >= second[1]:
        raise EditError("both halves of a split need some text")
    draft.put_span(replace(span, start=first[0], end=first[1]))
    half = draft.put_span(Span(draft.new_id("T"), second[0], second[1], span.label))
    person = draft.person_of(span.id)
    if person is not None:
        draft.set_mentions(person, [*person.mentions, half.id])
    return draft.patch(f"Split {span.label} {quote(draft.covered(span))}")


def merge_spans(annotation: Annotation, first_id: str, second_id: str, *, by: Provenance) -> Patch:
    """Merge two spans of one layer that are adjacent or apart only by spaces or punctuation.

    The earlier span survives with its label, stretched over both; the other's links
    move to it.
    """
    draft = Draft(annotation, by)
    one, two = draft.live_span(first_id), draft.live_span(second_id)
    if one.id == two.id:
        raise EditError("a span cannot be merged with itself")
    if one.layer != two.layer:
        raise EditError(f"cannot merge a {one.label} span with a {two.label} span")
    keep, gone = sorted((one, two), key=span_order)
    if gone.start < keep.end:
        raise EditError("the spans overlap")
    if any(ch not in _SEPARATORS for ch in draft.text[keep.end : gone.start]):
        raise EditError("only spans next to each other can be merged")
    described = f"Merge {quote(draft.covered(keep))} and {quote(draft.covered(gone))}"
    draft.remove("spans", gone.id)
    merged = draft.put_span(replace(keep, end=gone.end))
    _move_links(draft, gone.id, merged.id)
    return draft.patch(described)


def _move_links(draft: Draft, old: str, new: str) -> None:
    """Point every link of span ``old`` (already removed) at span ``new``."""
    old_person = draft.person_of(old)
    if old_person is not None:
        new_person = draft.person_of(new)
        mentions = [m for m in old_person.mentions if m != old]
        if new_person is None and draft.span(new).label == PERSON:
            mentions.append(new)  # a span of another label is nobody's mention
        draft.set_mentions(old_person, mentions)
    person = draft.person_of(new)
    if person is not None:
        draft.resort_mentions(person)
    held = {(r.span, r.person) for r in draft.roles()}
    for role in draft.roles():
        if role.span == old:
            draft.remove("roles", role.id)
            if (new, role.person) not in held:
                held.add((new, role.person))
                draft.put("roles", replace(role, span=new, provenance=draft.by))
    for event in draft.events():
        if old not in (*event.triggers, event.time, event.place) and all(
            a.span != old for a in event.arguments
        ):
            continue
        arguments = tuple(
            dict.fromkeys(Argument(new, a.part) if a.span == old else a for a in event.arguments)
        )
        draft.put(
            "events",
            replace(
                event,
                trigger=new if event.trigger == old else event.trigger,
                time=new if event.time == old else event.time,
                place=new if event.place == old else event.place,
                mentions=tuple(new if m == old else m for m in event.mentions),
                arguments=arguments,
                provenance=draft.by,
            ),
        )


def delete_span(annotation: Annotation, span_id: str, *, by: Provenance) -> Patch:
    """Delete a span: a model suggestion is kept as rejected, a human span is removed.

    Its person mention, roles, triggered events, and event time, place and argument
    uses go with it.
    """
    draft = Draft(annotation, by)
    span = draft.live_span(span_id)
    draft.discard_span(span.id)
    return draft.patch(f"Delete {span.label} {quote(draft.covered(span))}")


def reject_span(annotation: Annotation, span_id: str, *, by: Provenance) -> Patch:
    """Mark a span rejected (whoever made it) and drop its links, as :func:`delete_span`."""
    draft = Draft(annotation, by)
    span = draft.live_span(span_id)
    draft.put("spans", replace(span, provenance=span.provenance.decided(by, "rejected")))
    draft.unlink_span(span.id)
    return draft.patch(f"Reject {span.label} {quote(draft.covered(span))}")


def accept_span(
    annotation: Annotation, span_id: str, *, by: Provenance, person_id: str | None = None
) -> Patch:
    """Accept a suggested span, or restore a rejected one (a ``PERSON`` span restored joins
    ``person_id`` or a new person)."""
    draft = Draft(annotation, by)
    span = draft.span(span_id)
    if span.provenance.state == "accepted":
        raise EditError(f"{quote(draft.covered(span))} is already accepted")
    draft.put("spans", replace(span, provenance=span.provenance.decided(by, "accepted")))
    if span.rejected and span.label == PERSON and draft.person_of(span.id) is None:
        _attach(draft, draft.span(span.id), person_id)
    verb = "Restore" if span.rejected else "Accept"
    return draft.patch(f"{verb} {span.label} {quote(draft.covered(span))}")


def accept_all(annotation: Annotation, *, by: Provenance) -> Patch:
    """Accept every item (span, person, role, event) still ``suggested``."""
    draft = Draft(annotation, by)
    count = 0
    for kind in ("spans", "people", "roles", "events"):
        for item in list(draft.items[kind].values()):
            if item.provenance.state == "suggested":
                draft.put(kind, replace(item, provenance=item.provenance.decided(by, "accepted")))
                count += 1
    if not count:
        raise EditError("there is no suggestion left to accept")
    return draft.patch(f"Accept all {count} suggestions")
