"""Score predicted extraction-contract objects against gold ones (``annotui evaluate``).

Both sides are objects in the extraction contract of docs/contract.md (``text``,
``entities``, ``people``, ``events``). Offsets are compared, never token
indices, so the two sides must carry the same text (trailing whitespace aside).
Each row of a :class:`Report` counts true positives (tp), false positives
(fp: predicted, not in gold) and false negatives (fn: gold, not predicted):

``people``
    A predicted person matches a gold person when one of its mention spans
    overlaps one of the gold person's mention spans, or when their normalised
    names are equal (Unicode NFKC, case-folded, possessive ``’s`` dropped,
    punctuation and spacing collapsed). Matching is one-to-one and greedy:
    candidate pairs are taken by most exactly shared mentions, then most
    overlapping mentions, then equal names, then text order. tp = matched pairs,
    fp = unmatched predicted people, fn = unmatched gold people.
``roles``
    A role is (person, title span). A predicted role is a tp when its person is
    matched to the gold person holding a role with exactly the same span. Roles
    of unmatched people are all fp (predicted) or fn (gold).
``roles_lenient``
    As ``roles``, but overlapping title spans match (one-to-one, greatest
    overlap first): "Defense Minister" for "Russian Defense Minister" counts.
``events``
    A predicted event matches a gold event when one of its trigger spans overlaps
    one of the gold event's (an event's own trigger and its later ``mentions`` of
    the same happening) and the types are equal; one-to-one, greatest overlap
    first. So a predicted event on a re-mention ("the meeting" after "met") is
    the gold event when nothing else took it, and a false event when something
    did. Types of older annotui (``Meeting``...) count as the ACE types they map
    to (``annotate/default_labels.toml``).
``events_untyped``
    As ``events`` without the type test: trigger detection alone.
``participants``
    (event, person, part) triples. Within each matched event pair, a predicted
    participant is a tp when its person is matched to the gold participant's
    person and the parts (``agent``, ``patient``, ...) are equal. Participants
    of unmatched events are all fp or fn.
``arguments``
    Non-person arguments, time and place of matched events, each as (span,
    part) with part ``time`` and ``place`` for those two; a tp needs the same
    part and overlapping spans (one-to-one). Those of unmatched events are fp/fn.
``event_arguments``
    Everything taking part in the events matched untyped (so a wrong type does not
    hide a right argument): participants, non-person arguments, time and place
    together, each as (role, person) or (role, span) with overlapping spans.
``arguments:<role>``
    ``event_arguments`` for one role (``victim``, ``agent``, ``time``, ...): one row
    per role found in gold or predicted, after the fixed rows.
``modality``
    Events marked ``negated``, ``hypothetical`` or ``future`` among the events
    matched untyped: a tp is a pair marked the same on both sides.
``mentions``
    Mention detection: the set of all person-mention spans, exact offsets.
``mentions_linked``
    Mention clustering: a gold mention is a tp when the same exact span is a
    mention of the predicted person matched to its gold person.
``entities``
    Named entities as (start, end, label), exact.

precision = tp / (tp + fp), recall = tp / (tp + fn), f1 their harmonic mean.
A row with nothing in gold and nothing predicted scores 1.0; an empty
denominator otherwise gives 0.0. :func:`score_corpus` micro-averages: it adds
the counts of every article, then computes the ratios.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from annotate.contract import from_contract

__all__ = [
    "ROWS",
    "Counts",
    "EvaluationError",
    "Report",
    "format_articles",
    "load_gold",
    "match_gold",
    "score",
    "score_corpus",
    "score_each",
]

ROWS: tuple[str, ...] = (
    "people",
    "roles",
    "roles_lenient",
    "events",
    "events_untyped",
    "participants",
    "arguments",
    "event_arguments",
    "modality",
    "mentions",
    "mentions_linked",
    "entities",
)
"""Row names of every :class:`Report`, in display order (see the module docstring); the
``arguments:<role>`` rows follow them."""
ROLE_ROW = "arguments:"
"""Prefix of the per-role rows."""

Offsets = tuple[int, int]


class EvaluationError(ValueError):
    """A gold or predicted input cannot be read, paired or compared."""


# -- counts and reports ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives and false negatives of one row."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when the row is empty on both sides."""
        return _ratio(self.tp, self.tp + self.fp, self.fn)

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when the row is empty on both sides."""
        return _ratio(self.tp, self.tp + self.fn, self.fp)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, int | float]:
        """Return counts and ratios as a JSON-able dict."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


def _ratio(tp: int, denominator: int, other_errors: int) -> float:
    if denominator:
        return tp / denominator
    return 0.0 if other_errors else 1.0


@dataclass(frozen=True, slots=True)
class Report:
    """Scores of one article or, added up, of a corpus."""

    rows: Mapping[str, Counts]
    """Counts per row name, in :data:`ROWS` order."""
    articles: int = 1
    """Number of article pairs scored."""

    def __getitem__(self, name: str) -> Counts:
        return self.rows[name]

    def __add__(self, other: Report) -> Report:
        names = _row_order({*self.rows, *other.rows})
        rows = {n: self.rows.get(n, Counts()) + other.rows.get(n, Counts()) for n in names}
        return Report(rows, self.articles + other.articles)

    def role_rows(self) -> dict[str, Counts]:
        """The ``arguments:<role>`` rows, by role."""
        return {n[len(ROLE_ROW) :]: c for n, c in self.rows.items() if n.startswith(ROLE_ROW)}

    def format_table(self) -> str:
        """Return an aligned plain-text table, one line per row."""
        header = ("", "tp", "fp", "fn", "precision", "recall", "f1")
        lines = [header]
        for name, c in self.rows.items():
            ratios = (f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}")
            lines.append((name, str(c.tp), str(c.fp), str(c.fn), *ratios))
        widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
        out = [
            "  ".join(
                cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i])
                for i, cell in enumerate(line)
            ).rstrip()
            for line in lines
        ]
        noun = "article" if self.articles == 1 else "articles"
        out.append(f"{self.articles} {noun}, micro-averaged")
        return "\n".join(out)

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"articles": n, "rows": {name: {tp, fp, fn, precision, recall, f1}}}``."""
        return {
            "articles": self.articles,
            "rows": {name: c.to_dict() for name, c in self.rows.items()},
        }


# -- reading one contract object ----------------------------------------------


@dataclass(frozen=True, slots=True)
class _Person:
    id: str
    name: str
    mentions: frozenset[Offsets]
    roles: frozenset[Offsets]


def _row_order(names: Iterable[str]) -> list[str]:
    """:data:`ROWS` first, in their order, then the role rows by name."""
    fixed = [name for name in ROWS if name in names]
    return fixed + sorted(name for name in names if name not in ROWS)


@dataclass(frozen=True, slots=True)
class _Event:
    span: Offsets
    type: str
    participants: frozenset[tuple[str, str]]
    arguments: frozenset[tuple[Offsets, str]]
    triggers: tuple[Offsets, ...] = ()
    """Every mention's trigger: :attr:`span` first, then the later mentions."""
    modality: str = "asserted"


@dataclass(frozen=True, slots=True)
class _Article:
    text: str
    people: tuple[_Person, ...]
    events: tuple[_Event, ...]
    entities: frozenset[tuple[int, int, str]]


def _offsets(data: Any, where: str) -> Offsets:
    if not isinstance(data, Mapping):
        raise EvaluationError(f"{where} is not an object")
    start, end = data.get("start"), data.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool):
        raise EvaluationError(f"{where} has no integer start and end")
    return start, end


def _items(data: Mapping[str, Any], key: str, where: str) -> list[Any]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise EvaluationError(f"{where}.{key} is not a list")
    return value


def _article(obj: Mapping[str, Any], side: str) -> _Article:
    """Read the parts of a contract object the scores need, naming what is malformed."""
    if not isinstance(obj, Mapping):
        raise EvaluationError(f"{side} input is not a JSON object")
    label = f"{side} {obj.get('source') or 'article'}"
    text = obj.get("text")
    if not isinstance(text, str):
        raise EvaluationError(f"{label} has no 'text' string")
    entities = set()
    for i, entity in enumerate(_items(obj, "entities", label)):
        start, end = _offsets(entity, f"{label} entities[{i}]")
        entities.add((start, end, str(entity.get("label", ""))))
    people = []
    for i, data in enumerate(_items(obj, "people", label)):
        where = f"{label} people[{i}]"
        if not isinstance(data, Mapping):
            raise EvaluationError(f"{where} is not an object")
        mentions = _items(data, "mentions", where)
        roles = _items(data, "roles", where)
        people.append(
            _Person(
                id=str(data.get("id") or f"P{i + 1}"),
                name=str(data.get("name") or ""),
                mentions=frozenset(
                    _offsets(m, f"{where}.mentions[{j}]") for j, m in enumerate(mentions)
                ),
                roles=frozenset(_offsets(r, f"{where}.roles[{j}]") for j, r in enumerate(roles)),
            )
        )
    events = []
    for i, data in enumerate(_items(obj, "events", label)):
        where = f"{label} events[{i}]"
        span = _offsets(data, where)
        participants = set()
        for j, p in enumerate(_items(data, "participants", where)):
            if not isinstance(p, Mapping) or "person" not in p:
                raise EvaluationError(f"{where}.participants[{j}] has no person")
            participants.add((str(p["person"]), str(p.get("role") or p.get("part") or "")))
        arguments = set()
        for j, a in enumerate(_items(data, "arguments", where)):
            part = str(a.get("role") or a.get("part") or "") if isinstance(a, Mapping) else ""
            arguments.add((_offsets(a, f"{where}.arguments[{j}]"), part))
        for key in ("time", "place"):
            if data.get(key) is not None:
                arguments.add((_offsets(data[key], f"{where}.{key}"), key))
        mentions = [
            _offsets(m, f"{where}.mentions[{j}]")
            for j, m in enumerate(_items(data, "mentions", where))
        ]
        events.append(
            _Event(
                span,
                _canonical_type(str(data.get("type") or "")),
                frozenset(participants),
                frozenset(arguments),
                (span, *mentions),
                str(data.get("modality") or "asserted"),
            )
        )
    return _Article(text, tuple(people), tuple(events), frozenset(entities))


# -- matching helpers -----------------------------------------------------------


def _overlap(a: Offsets, b: Offsets) -> int:
    """Return how many characters two spans share (0 when they do not overlap)."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _greedy(candidates: Iterable[tuple[tuple[Any, ...], int, int]]) -> dict[int, int]:
    """Pick one-to-one pairs (gold index → predicted index) in order of their sort keys."""
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for _, g, p in sorted(candidates):
        if g not in pairs and p not in taken:
            pairs[g] = p
            taken.add(p)
    return pairs


def _match_spans(gold: Sequence[Offsets], predicted: Sequence[Offsets]) -> int:
    """Return the size of a greedy one-to-one matching of overlapping spans."""
    return len(
        _greedy(
            ((-_overlap(g, p), i, j), i, j)
            for i, g in enumerate(gold)
            for j, p in enumerate(predicted)
            if _overlap(g, p)
        )
    )


def _normal_name(name: str) -> str:
    name = unicodedata.normalize("NFKC", name).casefold().strip()
    name = re.sub(r"['’]s$", "", name)
    return " ".join(re.findall(r"\w+", name))


def _match_people(gold: Sequence[_Person], predicted: Sequence[_Person]) -> dict[int, int]:
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            exact = len(g.mentions & p.mentions)
            overlapping = sum(1 for m in g.mentions if any(_overlap(m, n) for n in p.mentions))
            same_name = bool(g.name) and _normal_name(g.name) == _normal_name(p.name)
            if overlapping or same_name:
                candidates.append(((-exact, -overlapping, -same_name, i, j), i, j))
    return _greedy(candidates)


def _canonical_type(name: str) -> str:
    """An event type as scored: an older annotui type as the ACE type it maps to."""
    from annotate.labels import default_config

    return default_config().canonical_type(name)


def _event_overlap(gold: _Event, predicted: _Event) -> tuple[int, int]:
    """How well two events' triggers meet: (overlap with the gold's own trigger, the largest
    overlap of any of their mentions); (0, 0) when no two triggers overlap."""
    own = max((_overlap(gold.span, t) for t in predicted.triggers), default=0)
    best = max((_overlap(a, b) for a in gold.triggers for b in predicted.triggers), default=0)
    return own, best


def _match_events(
    gold: Sequence[_Event], predicted: Sequence[_Event], typed: bool
) -> dict[int, int]:
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            if typed and g.type != p.type:
                continue
            own, best = _event_overlap(g, p)
            if best:
                candidates.append(((-bool(own), -best, i, j), i, j))
    return _greedy(candidates)


def _pair_counts(
    pairs: Mapping[int, int],
    gold_sizes: Sequence[int],
    predicted_sizes: Sequence[int],
    agree: Callable[[int, int], int],
) -> Counts:
    """Count items inside paired containers: ``agree(g, p)`` gives the tp of one pair."""
    tp = sum(agree(g, p) for g, p in pairs.items())
    return Counts(tp, sum(predicted_sizes) - tp, sum(gold_sizes) - tp)


def _same_text(gold: str, predicted: str, source: str) -> None:
    if gold == predicted or gold.rstrip() == predicted.rstrip():
        return
    at = next(
        (i for i, (a, b) in enumerate(zip(gold, predicted, strict=False)) if a != b),
        min(len(gold), len(predicted)),
    )
    raise EvaluationError(
        f"gold and predicted texts of {source} differ from offset {at}: offsets cannot be compared"
    )


# -- scoring -------------------------------------------------------------------


def score(gold: Mapping[str, Any], predicted: Mapping[str, Any]) -> Report:
    """Score one predicted contract object against its gold object."""
    g, p = _article(gold, "gold"), _article(predicted, "predicted")
    _same_text(g.text, p.text, str(gold.get("source") or "the article"))

    people = _match_people(g.people, p.people)
    gold_of = {p.people[j].id: g.people[i].id for i, j in people.items()}

    def linked(person_id: str) -> str:
        """Predicted person id → matched gold id, or a key that matches nothing."""
        return gold_of.get(person_id, "\0" + person_id)

    rows: dict[str, Counts] = {}
    rows["people"] = Counts(len(people), len(p.people) - len(people), len(g.people) - len(people))
    gold_roles = [len(x.roles) for x in g.people]
    pred_roles = [len(x.roles) for x in p.people]
    rows["roles"] = _pair_counts(
        people, gold_roles, pred_roles, lambda i, j: len(g.people[i].roles & p.people[j].roles)
    )
    rows["roles_lenient"] = _pair_counts(
        people,
        gold_roles,
        pred_roles,
        lambda i, j: _match_spans(sorted(g.people[i].roles), sorted(p.people[j].roles)),
    )

    events = _match_events(g.events, p.events, typed=True)
    rows["events"] = Counts(len(events), len(p.events) - len(events), len(g.events) - len(events))
    untyped = _match_events(g.events, p.events, typed=False)
    rows["events_untyped"] = Counts(
        len(untyped), len(p.events) - len(untyped), len(g.events) - len(untyped)
    )

    def participants(i: int, j: int) -> int:
        mapped = {(linked(person), part) for person, part in p.events[j].participants}
        return len(g.events[i].participants & mapped)

    rows["participants"] = _pair_counts(
        events,
        [len(e.participants) for e in g.events],
        [len(e.participants) for e in p.events],
        participants,
    )

    def arguments(i: int, j: int) -> int:
        gold_args, pred_args = g.events[i].arguments, p.events[j].arguments
        return sum(
            _match_spans(
                sorted(s for s, part in gold_args if part == kind),
                sorted(s for s, part in pred_args if part == kind),
            )
            for kind in {part for _, part in gold_args}
        )

    rows["arguments"] = _pair_counts(
        events,
        [len(e.arguments) for e in g.events],
        [len(e.arguments) for e in p.events],
        arguments,
    )

    rows.update(_argument_rows(g.events, p.events, untyped, linked))
    rows["modality"] = _modality_counts(g.events, p.events, untyped)

    gold_mentions = {m for person in g.people for m in person.mentions}
    pred_mentions = {m for person in p.people for m in person.mentions}
    rows["mentions"] = _set_counts(gold_mentions, pred_mentions)
    gold_links = {(person.id, m) for person in g.people for m in person.mentions}
    pred_links = [(linked(person.id), m) for person in p.people for m in person.mentions]
    tp = len(gold_links & set(pred_links))
    rows["mentions_linked"] = Counts(tp, len(pred_links) - tp, len(gold_links) - tp)
    rows["entities"] = _set_counts(g.entities, p.entities)
    return Report({name: rows[name] for name in _row_order(rows)}, 1)


def _argument_rows(
    gold: Sequence[_Event],
    predicted: Sequence[_Event],
    pairs: Mapping[int, int],
    linked: Callable[[str], str],
) -> dict[str, Counts]:
    """``event_arguments`` and one ``arguments:<role>`` row per role, over ``pairs``."""
    by_role: dict[str, Counts] = {}

    def add(role: str, counts: Counts) -> None:
        by_role[role] = by_role.get(role, Counts()) + counts

    paired_predicted = set(pairs.values())
    for i, event in enumerate(gold):
        j = pairs.get(i)
        other = predicted[j] if j is not None else None
        for role in _roles_of(event) | (_roles_of(other) if other else set()):
            gold_people = {person for person, part in event.participants if part == role}
            gold_spans = sorted(span for span, part in event.arguments if part == role)
            if other is None:
                add(role, Counts(0, 0, len(gold_people) + len(gold_spans)))
                continue
            mapped = {linked(person) for person, part in other.participants if part == role}
            spans = sorted(span for span, part in other.arguments if part == role)
            tp = len(gold_people & mapped) + _match_spans(gold_spans, spans)
            add(
                role,
                Counts(tp, len(mapped) + len(spans) - tp, len(gold_people) + len(gold_spans) - tp),
            )
    for j, event in enumerate(predicted):
        if j not in paired_predicted:
            for role in _roles_of(event):
                found = sum(
                    1 for _, part in (*event.participants, *event.arguments) if part == role
                )
                add(role, Counts(0, found, 0))
    rows = {"event_arguments": sum(by_role.values(), Counts())}
    rows.update({ROLE_ROW + role: counts for role, counts in by_role.items()})
    return rows


def _roles_of(event: _Event) -> set[str]:
    return {part for _, part in event.participants} | {part for _, part in event.arguments}


def _modality_counts(
    gold: Sequence[_Event], predicted: Sequence[_Event], pairs: Mapping[int, int]
) -> Counts:
    """Marked (not asserted) events: a tp is a matched pair marked the same."""
    tp = sum(
        1
        for i, j in pairs.items()
        if gold[i].modality != "asserted" and gold[i].modality == predicted[j].modality
    )
    gold_marked = sum(1 for e in gold if e.modality != "asserted")
    predicted_marked = sum(1 for e in predicted if e.modality != "asserted")
    return Counts(tp, predicted_marked - tp, gold_marked - tp)


def _set_counts(gold: set[Any] | frozenset[Any], predicted: set[Any] | frozenset[Any]) -> Counts:
    tp = len(gold & predicted)
    return Counts(tp, len(predicted) - tp, len(gold) - tp)


ARTICLE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("people", "people", "f1"),
    ("roles", "roles", "f1"),
    ("events", "events", "f1"),
    ("untyped", "events_untyped", "f1"),
    ("args P", "event_arguments", "precision"),
    ("args R", "event_arguments", "recall"),
)
"""The per-article table's columns: heading, row, ratio."""


def format_articles(reports: Sequence[tuple[str, Report]]) -> str:
    """Return a table of each article's main scores (:data:`ARTICLE_COLUMNS`), one line each,
    with its events counted gold/predicted."""
    header = ("article", *(h for h, _, _ in ARTICLE_COLUMNS), "events g/p")
    lines = [header]
    for name, report in reports:
        ratios = [f"{getattr(report[row], ratio):.2f}" for _, row, ratio in ARTICLE_COLUMNS]
        events = report["events_untyped"]
        counted = f"{events.tp + events.fn}/{events.tp + events.fp}"
        lines.append((name, *ratios, counted))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join(
            cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i])
            for i, cell in enumerate(line)
        ).rstrip()
        for line in lines
    )


def score_each(
    pairs: Iterable[tuple[Mapping[str, Any], Mapping[str, Any]]],
) -> list[tuple[str, Report]]:
    """Score each (gold, predicted) pair; name each by its gold's ``source`` (else its number)."""
    return [
        (str(gold.get("source") or f"article {i + 1}"), score(gold, predicted))
        for i, (gold, predicted) in enumerate(pairs)
    ]


def score_corpus(pairs: Iterable[tuple[Mapping[str, Any], Mapping[str, Any]]]) -> Report:
    """Score (gold, predicted) pairs and add their counts up (micro-average)."""
    total: Report | None = None
    for gold, predicted in pairs:
        report = score(gold, predicted)
        total = report if total is None else total + report
    if total is None:
        raise EvaluationError("no articles to score")
    return total


# -- gold files and pairing ----------------------------------------------------


def load_gold(path: Path, kind: str = "gold") -> list[dict[str, Any]]:
    """Read contract objects from JSONL, a JSON list or one JSON object, and validate them.

    ``kind`` names the file in messages ("gold", or "articles" for an import).
    """
    path = Path(path)
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise EvaluationError(f"cannot read {kind} file {path}: {error}") from error
    if not content.strip():
        raise EvaluationError(f"{path}: the {kind} file is empty")
    located: list[tuple[str, Any]] = []
    try:
        whole = json.loads(content)
    except json.JSONDecodeError as error:
        if error.msg != "Extra data":
            raise EvaluationError(f"{path}:{error.lineno}: invalid JSON: {error.msg}") from error
        for number, line in enumerate(content.splitlines(), 1):
            if not line.strip():
                continue
            try:
                located.append((f"{path}:{number}", json.loads(line)))
            except json.JSONDecodeError as line_error:
                raise EvaluationError(
                    f"{path}:{number}: invalid JSON: {line_error.msg}"
                ) from line_error
    else:
        if isinstance(whole, list):
            located = [(f"{path}: item {i + 1}", item) for i, item in enumerate(whole)]
            if not located:
                raise EvaluationError(f"{path}: the {kind} list is empty")
        else:
            one_line = "\n" not in content.strip()
            located = [(f"{path}:1" if one_line else str(path), whole)]
    return [check_object(obj, where, kind) for where, obj in located]


def check_object(obj: Any, where: str, kind: str = "gold") -> dict[str, Any]:
    """Return ``obj`` if it is a valid contract object; else raise, naming ``where`` it was
    read (a file and line) and what is wrong. ``kind`` as in :func:`load_gold`."""
    if not isinstance(obj, dict):
        raise EvaluationError(f"{where}: expected a JSON object, found {type(obj).__name__}")
    try:
        from_contract(obj)
        _article(obj, kind)
        _check_texts(obj)
    except (ValueError, AttributeError, KeyError, TypeError) as error:
        raise EvaluationError(f"{where}: {error}") from error
    return obj


def _check_texts(obj: Mapping[str, Any]) -> None:
    """Raise when a quoted text (entity, title, trigger, time, place) disagrees with offsets."""
    text = obj["text"]
    quoted: list[tuple[str, Any, str]] = []
    quoted += [(f"entities[{i}]", e, "text") for i, e in enumerate(obj.get("entities") or ())]
    for i, person in enumerate(obj.get("people") or ()):
        roles = person.get("roles") or ()
        quoted += [(f"people[{i}].roles[{j}]", r, "title") for j, r in enumerate(roles)]
    for i, event in enumerate(obj.get("events") or ()):
        quoted.append((f"events[{i}]", event, "trigger"))
        args = event.get("arguments") or ()
        quoted += [(f"events[{i}].arguments[{j}]", a, "text") for j, a in enumerate(args)]
        quoted += [(f"events[{i}].{k}", event.get(k), "text") for k in ("time", "place")]
    for where, data, key in quoted:
        if not isinstance(data, Mapping) or data.get(key) is None:
            continue
        found = text[data["start"] : data["end"]]
        if data[key] != found:
            raise EvaluationError(
                f"{where} says {data[key]!r} but the text at {data['start']}..{data['end']}"
                f" is {found!r}"
            )


def _stem(obj: Mapping[str, Any]) -> str | None:
    source = obj.get("source")
    if not isinstance(source, str) or source in ("", "-"):
        return None
    return PurePath(source).stem or None


def _name(obj: Mapping[str, Any], index: int) -> str:
    source = obj.get("source")
    return f"{source!r}" if isinstance(source, str) and source else f"input #{index + 1}"


def match_gold(
    gold_objs: list[dict[str, Any]], predicted_objs: list[dict[str, Any]]
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Pair each predicted object with its gold object: by identical text, else by file stem.

    Trailing whitespace is ignored when comparing texts. Gold articles with no
    prediction are left out; a prediction with no gold, or with several, is an error.
    """
    by_text: dict[str, list[int]] = {}
    by_stem: dict[str, list[int]] = {}
    for i, gold in enumerate(gold_objs):
        text = gold.get("text")
        if isinstance(text, str):
            by_text.setdefault(text.rstrip(), []).append(i)
        stem = _stem(gold)
        if stem is not None:
            by_stem.setdefault(stem, []).append(i)
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    used: dict[int, int] = {}
    for k, predicted in enumerate(predicted_objs):
        name = _name(predicted, k)
        text = predicted.get("text")
        found = by_text.get(text.rstrip(), []) if isinstance(text, str) else []
        how = "text"
        if not found:
            stem = _stem(predicted)
            found = by_stem.get(stem, []) if stem is not None else []
            how = f"file name stem {stem!r}"
        if not found:
            raise EvaluationError(
                f"no gold article matches {name}: neither its text nor its file name is in the gold"
            )
        if len(found) > 1:
            raise EvaluationError(f"{name} matches {len(found)} gold articles by {how}")
        if found[0] in used:
            other = _name(predicted_objs[used[found[0]]], used[found[0]])
            raise EvaluationError(f"{name} and {other} match the same gold article")
        used[found[0]] = k
        pairs.append((gold_objs[found[0]], predicted))
    return pairs
