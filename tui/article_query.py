"""What the article list shows: the filter box's query, the sort order and the corpus progress
(no Textual).

The filter box takes words, matched against the title and the people's names (any case), and
fields, each narrowing the list further:

- ``status:reviewed`` (``new``, ``progress`` or ``in_progress``, ``reviewed``; ``status:open``
  is every article not reviewed);
- ``label:ORG`` (an article with a live span of that label);
- ``by:ana`` (an article on which ana decided something);
- ``has:suggestions`` (an article with suggestions nobody decided on).

A field written twice means either (``status:new status:progress``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final, Literal

from store import ArticleSummary

SortKey = Literal["store", "title", "status", "people", "events", "updated"]
SORT_KEYS: Final[tuple[SortKey, ...]] = ("store", "title", "status", "people", "events", "updated")
"""The orders ``s`` cycles through: the store's order, then each column's."""
_STATUS_WORDS: Final = {
    "new": ("new",),
    "progress": ("in_progress",),
    "in_progress": ("in_progress",),
    "reviewed": ("reviewed",),
    "done": ("reviewed",),
    "open": ("new", "in_progress"),
}
_STATUS_ORDER: Final = {"new": 0, "in_progress": 1, "reviewed": 2}


class QueryError(ValueError):
    """A field of the filter the list cannot use (said under the box)."""


@dataclass(frozen=True)
class Query:
    """A parsed filter: words and fields."""

    words: tuple[str, ...] = ()
    statuses: frozenset[str] = frozenset()
    labels: frozenset[str] = frozenset()
    annotators: frozenset[str] = frozenset()
    with_suggestions: bool = False
    said: tuple[str, ...] = field(default=(), compare=False)
    """What the query asks, in words (for the empty-list message)."""

    @property
    def empty(self) -> bool:
        """True when the query keeps every article."""
        return not (
            self.words or self.statuses or self.labels or self.annotators or self.with_suggestions
        )


def parse_query(text: str) -> Query:
    """Parse the filter box's text; raise :class:`QueryError` for an unknown field or value."""
    words: list[str] = []
    statuses: set[str] = set()
    labels: set[str] = set()
    annotators: set[str] = set()
    with_suggestions = False
    for token in text.split():
        name, colon, value = token.partition(":")
        if not colon or not name.isalpha():
            words.append(token.casefold())
            continue
        name = name.lower()
        if not value:
            raise QueryError(f"“{name}:” needs a value")
        if name == "status":
            if value.lower() not in _STATUS_WORDS:
                raise QueryError(f"status is new, progress, reviewed or open, not “{value}”")
            statuses.update(_STATUS_WORDS[value.lower()])
        elif name == "label":
            labels.add(value.upper())
        elif name == "by":
            annotators.add(value.casefold())
        elif name == "has" and value.lower() in ("suggestions", "suggestion", "open"):
            with_suggestions = True
        else:
            raise QueryError(f"unknown filter “{token}”: use status:, label:, by: or has:")
    return Query(
        tuple(words),
        frozenset(statuses),
        frozenset(labels),
        frozenset(annotators),
        with_suggestions,
        said=tuple(text.split()),
    )


def matches(summary: ArticleSummary, query: Query, haystack: str) -> bool:
    """True when the article passes every part of the query (``haystack``: its title and
    people, case-folded)."""
    if query.statuses and summary.status not in query.statuses:
        return False
    if query.labels and not query.labels.intersection(summary.labels):
        return False
    if query.annotators and not query.annotators.intersection(
        name.casefold() for name in summary.annotators
    ):
        return False
    if query.with_suggestions and not summary.n_open:
        return False
    return all(word in haystack for word in query.words)


def sort_summaries(
    rows: Sequence[ArticleSummary], key: SortKey, *, reverse: bool = False
) -> list[ArticleSummary]:
    """Return the rows in the order of ``key`` (``store``: as given); ties keep store order.

    Titles sort A to Z, statuses new → reviewed, counts and times largest / latest first;
    ``reverse`` turns any of them round.
    """
    ordered = list(rows)
    if key == "title":
        ordered.sort(key=lambda s: s.title.casefold())
    elif key == "status":
        ordered.sort(key=lambda s: _STATUS_ORDER.get(s.status, 0))
    elif key == "people":
        ordered.sort(key=lambda s: -s.n_people)
    elif key == "events":
        ordered.sort(key=lambda s: -s.n_events)
    elif key == "updated":
        ordered.sort(key=lambda s: s.updated or "", reverse=True)
    if reverse:
        ordered.reverse()
    return ordered


def progress(summaries: Sequence[ArticleSummary]) -> str:
    """``12 of 50 reviewed · 340 suggestions left``: the corpus's progress."""
    reviewed = sum(1 for s in summaries if s.status == "reviewed")
    left = sum(s.n_open for s in summaries)
    words = "suggestion" if left == 1 else "suggestions"
    return f"{reviewed} of {len(summaries)} reviewed · {left} {words} left"
