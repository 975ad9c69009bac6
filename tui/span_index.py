"""The spans the text widget draws, kept sorted for look-ups by offset (no Textual, no Rich).

:meth:`SpanIndex.set_spans` takes the annotation's spans after every edit. The store hands back
the very same objects for the spans an edit did not touch, so spans are told apart by id and
identity first (all in C), then by equality; only the few that changed are re-indexed, and the
caller is told which character ranges to redraw.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import compress
from operator import attrgetter, is_not
from typing import Final, TypeVar

from annotate.model import Span

_ORDER: Final = attrgetter("start", "end", "label", "id")
"""Order of drawn spans: the annotation's own (start, end, label, id), so spans of one range
always paint in the same order however they arrived (a C-level getter, not a lambda)."""
_ID: Final = attrgetter("id")
_K = TypeVar("_K")
FULL_REBUILD_SHARE: Final = 4
"""Index the spans afresh when more than 1 in this many changed (else update in place)."""


@dataclass(frozen=True, slots=True)
class Drawn:
    """A span as drawn: its range, painting rank, label, id, and whether it is a suggestion
    nobody has decided on yet (drawn dim)."""

    start: int
    end: int
    rank: int
    label: str
    id: str
    suggested: bool = False


@dataclass(frozen=True, slots=True)
class SpanChange:
    """What a :meth:`SpanIndex.set_spans` call changed."""

    rebuilt: bool
    """True when everything was indexed afresh (redraw everything)."""
    ranges: list[tuple[int, int]] = field(default_factory=list)
    """Character ranges of the drawn spans that came, went or moved (before and after)."""
    touched: frozenset[str] = frozenset()
    """Ids of the drawn spans that came, went or changed."""


def _bump(counts: dict[_K, int], key: _K, step: int) -> bool:
    """Add ``step`` to ``counts[key]``, dropping the key at 0; True if the key came or went."""
    held = counts.get(key, 0)
    left = held + step
    if left:
        counts[key] = left
    else:
        del counts[key]
    return not held or not left


class SpanIndex:
    """The drawable spans of one text, sorted by (start, end, label, id), with look-ups.

    Rejected spans and spans outside the text are kept (for the identity diff) but not drawn.
    """

    def __init__(self, length: int, rank: Callable[[str], int], entity_rank: int) -> None:
        """Index spans of a text of ``length`` characters; ``rank`` gives a label's painting
        order, and spans of rank ``entity_rank`` are the entities (``[`` / ``]`` stops)."""
        self._length = length
        self._rank = rank
        self._entity_rank = entity_rank
        self._given: dict[str, Span] = {}
        self._drawn: list[Drawn] = []
        self._starts: list[int] = []
        self._by_id: dict[str, Drawn] = {}
        self._entity_starts: list[int] = []
        self._entity_start_count: dict[int, int] = {}
        self._rejected: dict[str, Span] = {}
        self._length_count: dict[int, int] = {}
        self._label_count: dict[str, int] = {}
        self._max_length = 0

    # -- reading -------------------------------------------------------------------

    def __contains__(self, span_id: object) -> bool:
        return span_id in self._by_id

    def __len__(self) -> int:
        return len(self._drawn)

    def get(self, span_id: str) -> Drawn | None:
        """Return the drawn span with this id, if it is drawn."""
        return self._by_id.get(span_id)

    @property
    def drawn(self) -> Sequence[Drawn]:
        """Every drawn span, in (start, end, label, id) order."""
        return self._drawn

    @property
    def labels(self) -> frozenset[str]:
        """The labels of the drawn spans."""
        return frozenset(self._label_count)

    @property
    def entity_starts(self) -> Sequence[int]:
        """The distinct starts of drawn entities, sorted."""
        return self._entity_starts

    def overlapping(self, start: int, end: int) -> list[Drawn]:
        """Return the drawn spans overlapping ``start..end``, in order."""
        starts = self._starts
        first = bisect_left(starts, start - self._max_length)
        last = bisect_left(starts, end)
        return [d for d in self._drawn[first:last] if d.end > start]

    def rejected_overlapping(self, start: int, end: int) -> list[Span]:
        """Return the rejected spans overlapping ``start..end`` (not drawn unless asked for;
        a person rejects few, so they are scanned)."""
        return [s for s in self._rejected.values() if s.start < end and s.end > start]

    def ids_at(self, offset: int) -> tuple[str, ...]:
        """Return the ids of the drawn spans covering ``offset``, outermost first."""
        return tuple(d.id for d in self.overlapping(offset, offset + 1))

    def entity_start_after(self, offset: int) -> int | None:
        """Return the first entity start after ``offset``, if any."""
        starts = self._entity_starts
        index = bisect_right(starts, offset)
        return starts[index] if index < len(starts) else None

    def entity_start_before(self, offset: int) -> int | None:
        """Return the last entity start before ``offset``, if any."""
        index = bisect_left(self._entity_starts, offset) - 1
        return self._entity_starts[index] if index >= 0 else None

    # -- writing -------------------------------------------------------------------

    def set_spans(self, spans: Iterable[Span]) -> SpanChange:
        """Hold these spans now; return what changed (only the changed ones are re-indexed)."""
        spans = spans if isinstance(spans, (tuple, list)) else list(spans)
        given = self._given
        get = given.get
        if not given:
            return self._index_all(spans)
        # the store hands back the same objects for the items an edit did not touch
        changed: list[Span] = []
        for span in compress(spans, map(is_not, spans, map(get, map(_ID, spans)))):  # all in C
            if get(span.id) == span:
                given[span.id] = span  # equal: keep it, so the next call compares identities
            else:
                changed.append(span)
        if len(changed) * FULL_REBUILD_SHARE > len(spans):
            return self._index_all(spans)
        new_ids = sum(1 for span in changed if span.id not in given)
        gone: list[str] = []
        if len(spans) - new_ids != len(given):
            gone = list(given.keys() - set(map(_ID, spans)))
        if not changed and not gone:
            return SpanChange(rebuilt=False)
        return self._update(changed, gone)

    def _drawable_rejected(self, span: Span) -> bool:
        return span.rejected and 0 <= span.start < span.end <= self._length

    def _make(self, span: Span) -> Drawn | None:
        if span.rejected or not 0 <= span.start < span.end <= self._length:
            return None
        return Drawn(
            span.start,
            span.end,
            self._rank(span.label),
            span.label,
            span.id,
            span.provenance.state == "suggested",
        )

    def _index_all(self, spans: Sequence[Span]) -> SpanChange:
        length, rank = self._length, self._rank
        drawn = sorted(
            (
                Drawn(
                    s.start, s.end, rank(s.label), s.label, s.id, s.provenance.state == "suggested"
                )
                for s in spans
                if not s.rejected and 0 <= s.start < s.end <= length
            ),
            key=_ORDER,
        )
        self._given = {span.id: span for span in spans}
        self._rejected = {span.id: span for span in spans if self._drawable_rejected(span)}
        self._drawn = drawn
        self._starts = [d.start for d in drawn]
        self._by_id = {d.id: d for d in drawn}
        self._entity_start_count = {}
        self._length_count = {}
        self._label_count = {}
        for d in drawn:
            self._count(d, 1, keep_starts=False)
        self._entity_starts = sorted(self._entity_start_count)
        self._max_length = max(self._length_count, default=0)
        return SpanChange(rebuilt=True)

    def _update(self, changed: Sequence[Span], gone: Sequence[str]) -> SpanChange:
        given = self._given
        ranges: list[tuple[int, int]] = []
        touched: set[str] = set()
        for span_id in (*gone, *(span.id for span in changed)):
            old = self._by_id.get(span_id)
            if old is not None:
                self._remove(old)
                ranges.append((old.start, old.end))
                touched.add(span_id)
        rejected = self._rejected
        for span_id in gone:
            del given[span_id]
            was = rejected.pop(span_id, None)
            if was is not None:
                ranges.append((was.start, was.end))
        for span in changed:
            given[span.id] = span
            was = rejected.pop(span.id, None)
            if was is not None:
                ranges.append((was.start, was.end))
            if self._drawable_rejected(span):
                rejected[span.id] = span
                ranges.append((span.start, span.end))
            drawn = self._make(span)
            if drawn is not None:
                self._insert(drawn)
                ranges.append((drawn.start, drawn.end))
                touched.add(span.id)
        self._max_length = max(self._length_count, default=0)
        return SpanChange(rebuilt=False, ranges=ranges, touched=frozenset(touched))

    def _count(self, drawn: Drawn, step: int, *, keep_starts: bool = True) -> None:
        """Add (``step`` 1) or take away (-1) a drawn span from the counts kept for look-ups;
        with ``keep_starts`` the sorted entity starts follow."""
        _bump(self._length_count, drawn.end - drawn.start, step)
        _bump(self._label_count, drawn.label, step)
        if drawn.rank == self._entity_rank:
            start = drawn.start
            if _bump(self._entity_start_count, start, step) and keep_starts:
                starts = self._entity_starts
                if step > 0:
                    starts.insert(bisect_left(starts, start), start)
                else:
                    del starts[bisect_left(starts, start)]

    def _remove(self, drawn: Drawn) -> None:
        index = bisect_left(self._drawn, _ORDER(drawn), key=_ORDER)
        while self._drawn[index].id != drawn.id:
            index += 1
        del self._drawn[index]
        del self._starts[index]
        del self._by_id[drawn.id]
        self._count(drawn, -1)

    def _insert(self, drawn: Drawn) -> None:
        index = bisect_left(self._drawn, _ORDER(drawn), key=_ORDER)
        self._drawn.insert(index, drawn)
        self._starts.insert(index, drawn.start)
        self._by_id[drawn.id] = drawn
        self._count(drawn, 1)
