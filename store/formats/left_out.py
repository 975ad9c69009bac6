"""What an export could not hold: each item left out is reported with its reason."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LeftOut:
    """One item a format could not hold: the article, why, and the item in a few words."""

    article_id: str
    reason: str
    what: str
