"""Plain values the store hands out: article ids, articles, summaries and review status."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

Status = Literal["new", "in_progress", "reviewed"]
"""Review status of an article: untouched, being corrected, or done."""

STATUSES: tuple[str, ...] = get_args(Status)

_ID_PATTERN = re.compile(r"[0-9a-f]{16}")


def article_id(text: str) -> str:
    """Return the article id of a text: the first 16 hex digits of the SHA-256 of its UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def is_article_id(value: object) -> bool:
    """Return True when ``value`` has the shape of an article id (16 lowercase hex digits)."""
    return isinstance(value, str) and _ID_PATTERN.fullmatch(value) is not None


@dataclass(frozen=True)
class Article:
    """One stored article."""

    id: str
    """:func:`article_id` of the text."""
    title: str
    """Title given on import, or the first sentence of the text."""
    text: str
    """The article text every annotation offset points into."""
    source: str | None
    """Where the text came from (a file name, a URL), if known."""
    metadata: dict[str, Any] = field(hash=False)
    """Free JSON-able data given on import."""
    status: Status
    """Review status."""
    created: str
    """ISO 8601 time the article was added, UTC."""


@dataclass(frozen=True)
class ArticleSummary:
    """What the article list shows of one article, read from the index alone."""

    id: str
    """:func:`article_id` of the text."""
    title: str
    """Title of the article."""
    status: Status
    """Review status."""
    n_people: int
    """People with at least one mention that is not rejected."""
    n_events: int
    """Events in the annotation."""
    people: tuple[str, ...]
    """Names of those people, in order of first mention."""
    updated: str | None
    """ISO 8601 time of the last annotation or status change, UTC; None if never changed."""
    failed: str | None = None
    """Why the model's last run on the article failed; None unless it did (a successful
    run clears it)."""
    n_open: int = 0
    """Items still suggested: nobody has accepted or rejected them."""
    labels: tuple[str, ...] = ()
    """Labels of the live spans, sorted."""
    annotators: tuple[str, ...] = ()
    """The people who decided on a span, sorted."""


@dataclass(frozen=True)
class HistoryEntry:
    """One recorded edit of an article, as the history lists it (oldest first)."""

    seq: int
    """Number of the entry within its article: increasing, never reused."""
    description: str
    """What the edit did, in plain text ("Relabel “Kim” PERSON → ORG")."""
    annotator: str
    """Who made it: the ``--annotator`` or login name, or ``model`` for a model run."""
    time: str
    """ISO 8601 time it was made, UTC."""
    undone: bool
    """True when it has been undone (and may be redone)."""
