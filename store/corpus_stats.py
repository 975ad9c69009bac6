"""Statistics of a corpus: what is reviewed, what the annotation holds, how good the model's
suggestions were and who did the work (``annotui stats`` and the app's statistics screen).

Counted over every article's stored annotation (read one at a time; an article that cannot be
read is counted as such and left out of the rest).

- Items: the live spans (not rejected) by label; every span by state (``suggested``,
  ``accepted``, ``rejected``) and by origin: ``model`` (the pipeline suggested it, decided on
  or not), ``human`` (a person made it), ``import:<format>``.
- Acceptance per label: of the model's suggestions a person decided on, the share accepted;
  suggestions nobody decided on yet are counted apart (``open``).
- People: the names that appear in the most articles (case and spacing aside).
- Annotators: per person, the spans they decided on or made, the articles they touched, and
  the reviewed articles whose latest decision is theirs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from annotate.model import IMPORT_PREFIX, Annotation, Provenance
from store.errors import StoreError
from store.store import Store

TOP_PEOPLE = 20
"""How many of the most frequent people are kept."""


def origin(provenance: Provenance) -> str:
    """Where a span came from: ``model`` (suggested by the pipeline, whatever became of it),
    ``human`` or ``import:<format>``."""
    if provenance.source == "model" or provenance.rule is not None:
        return "model"
    return provenance.source


@dataclass(frozen=True)
class Acceptance:
    """What people made of the model's suggestions of one label."""

    accepted: int = 0
    rejected: int = 0
    open: int = 0
    """Suggestions nobody decided on yet."""

    @property
    def rate(self) -> float | None:
        """Accepted of those decided on; None before any decision."""
        decided = self.accepted + self.rejected
        return None if not decided else self.accepted / decided


@dataclass(frozen=True)
class PersonCount:
    """One person's name and how often the corpus names them."""

    name: str
    articles: int
    mentions: int


@dataclass(frozen=True)
class AnnotatorWork:
    """What one person did."""

    name: str
    decisions: int
    """Spans they accepted, rejected or made."""
    articles: int
    """Articles with at least one of their decisions."""
    reviewed: int
    """Reviewed articles whose latest decision is theirs."""


@dataclass(frozen=True)
class CorpusStats:
    """The corpus's statistics (see the module's description)."""

    articles: int
    by_status: dict[str, int]
    annotated: int
    unreadable: int
    by_label: dict[str, int]
    by_state: dict[str, int]
    by_origin: dict[str, int]
    people: int
    roles: int
    events: int
    acceptance: dict[str, Acceptance]
    top_people: list[PersonCount]
    annotators: list[AnnotatorWork]
    events_by_type: dict[str, int] = field(default_factory=dict)

    @property
    def reviewed(self) -> int:
        """Articles reviewed."""
        return self.by_status.get("reviewed", 0)

    @property
    def open_suggestions(self) -> int:
        """Suggestions nobody decided on, over every label."""
        return sum(a.open for a in self.acceptance.values())

    def to_json(self) -> dict[str, Any]:
        """The JSON form ``annotui stats --json`` prints (documented in the README)."""
        data = asdict(self)
        data["acceptance"] = {
            label: {**asdict(a), "rate": None if a.rate is None else round(a.rate, 4)}
            for label, a in self.acceptance.items()
        }
        data["reviewed"] = self.reviewed
        data["open_suggestions"] = self.open_suggestions
        return data


class _Tally:
    def __init__(self) -> None:
        self.by_label: Counter[str] = Counter()
        self.by_state: Counter[str] = Counter()
        self.by_origin: Counter[str] = Counter()
        self.events_by_type: Counter[str] = Counter()
        self.acceptance: dict[str, Counter[str]] = defaultdict(Counter)
        self.people_articles: Counter[str] = Counter()
        self.people_mentions: Counter[str] = Counter()
        self.shown_name: dict[str, str] = {}
        self.decisions: Counter[str] = Counter()
        self.touched: Counter[str] = Counter()
        self.reviewed_by: Counter[str] = Counter()
        self.people = self.roles = self.events = 0

    def add(self, annotation: Annotation, status: str) -> None:
        mine: set[str] = set()
        latest: tuple[str, str] | None = None
        for span in annotation.spans:
            provenance = span.provenance
            state = provenance.state
            self.by_state[state] += 1
            self.by_origin[origin(provenance)] += 1
            if state != "rejected":
                self.by_label[span.label] += 1
            if origin(provenance) == "model":
                self.acceptance[span.label]["open" if state == "suggested" else state] += 1
            who = provenance.annotator
            if (
                provenance.source != "model"
                and who
                and not provenance.source.startswith(IMPORT_PREFIX)
            ):
                self.decisions[who] += 1
                mine.add(who)
                when = provenance.time or ""
                if latest is None or when >= latest[0]:
                    latest = (when, who)
        for name in mine:
            self.touched[name] += 1
        if status == "reviewed" and latest is not None:
            self.reviewed_by[latest[1]] += 1
        live = {s.id for s in annotation.spans if not s.rejected}
        for person in annotation.people:
            mentions = sum(1 for m in person.mentions if m in live)
            if not mentions:
                continue
            self.people += 1
            key = " ".join(person.name.split()).casefold()
            self.shown_name.setdefault(key, " ".join(person.name.split()))
            self.people_articles[key] += 1
            self.people_mentions[key] += mentions
        self.roles += len(annotation.roles)
        self.events += len(annotation.events)
        self.events_by_type.update(event.type for event in annotation.events)


def corpus_stats(store: Store, progress: Callable[[int, int], None] | None = None) -> CorpusStats:
    """Count the corpus of ``store`` (``progress(done, total)`` after each article)."""
    summaries = store.summaries()
    by_status = Counter(s.status for s in summaries)
    tally = _Tally()
    annotated = unreadable = 0
    for done, summary in enumerate(summaries, 1):
        try:
            annotation = store.annotation(summary.id)
        except StoreError:
            unreadable += 1
            annotation = None
        if annotation is not None:
            annotated += 1
            tally.add(annotation, summary.status)
        if progress is not None:
            progress(done, len(summaries))
    return _stats(len(summaries), by_status, annotated, unreadable, tally)


def stats_of(annotations: Iterable[tuple[str, Annotation | None]]) -> CorpusStats:
    """Count annotations given with their statuses (for tests and callers without a store)."""
    tally = _Tally()
    by_status: Counter[str] = Counter()
    articles = annotated = 0
    for status, annotation in annotations:
        articles += 1
        by_status[status] += 1
        if annotation is not None:
            annotated += 1
            tally.add(annotation, status)
    return _stats(articles, by_status, annotated, 0, tally)


def _stats(
    articles: int, by_status: Counter[str], annotated: int, unreadable: int, tally: _Tally
) -> CorpusStats:
    top = sorted(
        tally.people_articles,
        key=lambda k: (-tally.people_articles[k], -tally.people_mentions[k], k),
    )[:TOP_PEOPLE]
    names = set(tally.decisions) | set(tally.reviewed_by)
    return CorpusStats(
        articles=articles,
        by_status={s: by_status.get(s, 0) for s in ("new", "in_progress", "reviewed")},
        annotated=annotated,
        unreadable=unreadable,
        by_label=dict(tally.by_label.most_common()),
        by_state={s: tally.by_state.get(s, 0) for s in ("suggested", "accepted", "rejected")},
        by_origin=dict(tally.by_origin.most_common()),
        people=tally.people,
        roles=tally.roles,
        events=tally.events,
        acceptance={
            label: Acceptance(c["accepted"], c["rejected"], c["open"])
            for label, c in sorted(tally.acceptance.items())
        },
        top_people=[
            PersonCount(tally.shown_name[k], tally.people_articles[k], tally.people_mentions[k])
            for k in top
        ],
        annotators=[
            AnnotatorWork(n, tally.decisions[n], tally.touched[n], tally.reviewed_by[n])
            for n in sorted(names, key=lambda n: (-tally.decisions[n], n))
        ],
        events_by_type=dict(tally.events_by_type.most_common()),
    )
