"""Would a trained argument finder beat the rules? Train a role classifier on the arguments of
the gold and compare it with the rules on the events both find in articles it never saw.

Run ``.venv/bin/python tests/checks/trained_arguments.py --lee PATH/lee.cor``
(``lee_background.cor`` beside it), or give ``--wheel PATH`` or nothing (then the ``gensim``
wheel is downloaded). Every noun phrase and entity in the sentence of a gold trigger or later
mention of the ``--train`` folders (default: the development set and held-out sets 1 to 15) is
an example: its role in that event, or none. An averaged perceptron learns the role from the
event type, the trigger's lemma, the dependency path from the trigger to the phrase, the
preposition before it, its entity label, its head word and its side of the trigger. On
``--test`` (default: held-out sets 16 and 17, which neither the rules nor the classifier were
written on) the pipeline finds the events; for each one that matches a gold event (same type,
overlapping trigger or mention), the rules' arguments, the classifier's and both together (the
classifier's where no rule's overlaps) are scored against the gold event's, one-to-one by role
and overlapping span (a person by any of their mentions). ``--margins`` gives a row for each
margin by which a role must beat "none" for the classifier to give it (default 0 and 4).
Nothing of the corpus is kept.

Prints precision, recall and F1 of the three, the gold arguments of events not found at all,
and the time the classifier takes against spaCy's own ``nlp.pipe``; then the rules and both
together as ``annotui evaluate`` scores them, over every event found (false ones too). Exits
0; 2 when the check itself fails.
"""

from __future__ import annotations

import argparse
import copy
import random
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Final

from spacy.tokens import Doc, Span, Token

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "fixtures" / "gold"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(GOLD))
sys.path.insert(0, str(ROOT / "tests" / "checks"))

from lee_corpus_check import add_corpus_options, lee_cor, ratios  # noqa: E402
from lee_gold import gold_of_sets  # noqa: E402

from annotate.contract import to_contract  # noqa: E402
from annotate.evaluate import Counts, match_gold, score_corpus  # noqa: E402
from annotate.pipeline import Annotator, default_model  # noqa: E402

TRAIN: Final = ("lee", "lee-heldout", *(f"lee-heldout-{n}" for n in range(2, 16)))
TEST: Final = ("lee-heldout-16", "lee-heldout-17")
NONE: Final = "-"
"""The label of a phrase that plays no part in the event."""
MAX_PATH: Final = 5
"""Longest dependency path (in arcs) written out as a feature; longer ones are "far"."""
Arg = tuple[str, list[tuple[int, int]]]
"""An argument: its role and the spans that stand for it (a person: each mention)."""


def _path(trigger: Token, head: Token) -> str:
    """The dependency path from the trigger to a phrase's head: arcs up, then down."""
    up = [trigger, *trigger.ancestors]
    down = [head, *head.ancestors]
    common = next((t for t in up if t in down), None)
    if common is None:
        return "none"
    rise = up[: up.index(common)]
    fall = down[: down.index(common)]
    if len(rise) + len(fall) > MAX_PATH:
        return "far"
    return "^".join(t.dep_ for t in rise) + "|" + "v".join(t.dep_ for t in reversed(fall))


def candidates(sentence: Span, trigger: Span) -> list[Span]:
    """The noun phrases and entities of a sentence that do not hold the trigger, one per head."""
    doc = sentence.doc
    found: dict[int, Span] = {}
    spans = [*doc.noun_chunks, *doc.ents]
    for span in spans:
        inside = sentence.start <= span.start and span.end <= sentence.end
        holds = span.start < trigger.end and trigger.start < span.end
        if inside and not holds:
            found.setdefault(span.root.i, span)
    return list(found.values())


def features(kind: str, trigger: Span, phrase: Span) -> list[str]:
    """What the classifier sees of one phrase of one event."""
    head, root = phrase.root, trigger.root
    lemma = (root.lemma_ or root.text).lower()
    path = _path(root, head)
    prep = head.head.lower_ if head.dep_ == "pobj" else ""
    side = "before" if head.i < root.i else "after"
    person = head.ent_type_ == "PERSON" or head.pos_ == "PRON"
    label = phrase.label_ or head.ent_type_ or "-"
    return [
        "bias",
        f"t={kind}",
        f"p={path}",
        f"tp={kind}|{path}",
        f"lp={lemma}|{path}",
        f"pr={prep}",
        f"tpr={kind}|{prep}",
        f"lpr={lemma}|{prep}",
        f"e={label}",
        f"te={kind}|{label}",
        f"tpe={kind}|{path}|{label}",
        f"h={(head.lemma_ or head.text).lower()}",
        f"th={kind}|{(head.lemma_ or head.text).lower()}",
        f"s={kind}|{side}|{person}",
        f"d={kind}|{head.dep_}",
    ]


class Perceptron:
    """An averaged multi-class perceptron over string features."""

    def __init__(self) -> None:
        self.weights: dict[str, dict[str, float]] = defaultdict(dict)
        self._totals: dict[tuple[str, str], float] = defaultdict(float)
        self._stamps: dict[tuple[str, str], int] = defaultdict(int)
        self._seen = 0
        self.roles: dict[str, set[str]] = defaultdict(set)

    def predict(self, feats: Sequence[str], kind: str, margin: float = 0.0) -> str:
        """The best role among those events of ``kind`` had in training, when it beats none
        by more than ``margin``; else none."""
        scores: dict[str, float] = defaultdict(float)
        for feat in feats:
            for label, weight in self.weights.get(feat, {}).items():
                scores[label] += weight
        allowed = self.roles.get(kind, set()) | {NONE}
        best = max(sorted(allowed), key=lambda label: scores[label])
        return best if scores[best] - scores[NONE] > margin else NONE

    def update(self, truth: str, feats: Sequence[str], kind: str) -> None:
        self._seen += 1
        self.roles[kind].add(truth)
        guess = self.predict(feats, kind)
        if guess == truth:
            return
        for feat in feats:
            for label, change in ((truth, 1.0), (guess, -1.0)):
                key = (feat, label)
                weight = self.weights[feat].get(label, 0.0)
                self._totals[key] += (self._seen - self._stamps[key]) * weight
                self._stamps[key] = self._seen
                self.weights[feat][label] = weight + change

    def average(self) -> None:
        for feat, labels in self.weights.items():
            for label, weight in labels.items():
                key = (feat, label)
                total = self._totals[key] + (self._seen - self._stamps[key]) * weight
                labels[label] = total / max(self._seen, 1)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def gold_args(obj: dict[str, Any], event: dict[str, Any]) -> list[Arg]:
    """A gold event's arguments, time and place, and its people by every mention."""
    mentions = {p["id"]: [(m["start"], m["end"]) for m in p["mentions"]] for p in obj["people"]}
    found: list[Arg] = [(a["role"], [(a["start"], a["end"])]) for a in event["arguments"]]
    found += [(p["role"], mentions.get(p["person"], [])) for p in event["participants"]]
    for key in ("time", "place"):
        if event.get(key):
            found.append((key, [(event[key]["start"], event[key]["end"])]))
    return found


def rule_args(event: dict[str, Any]) -> list[Arg]:
    """The rules' arguments of a predicted event, as spans."""
    found: list[Arg] = [(a["role"], [(a["start"], a["end"])]) for a in event["arguments"]]
    for person in event["participants"]:
        mention = person.get("mention")
        if mention:
            found.append((person["role"], [(mention["start"], mention["end"])]))
    for key in ("time", "place"):
        if event.get(key):
            found.append((key, [(event[key]["start"], event[key]["end"])]))
    return found


def triggers(doc: Doc, event: dict[str, Any]) -> Iterator[Span]:
    """The token spans of an event's trigger and later mentions."""
    for part in (event, *event.get("mentions", ())):
        span = doc.char_span(part["start"], part["end"], alignment_mode="expand")
        if span is not None:
            yield span


def examples(
    doc: Doc, obj: dict[str, Any], event: dict[str, Any]
) -> Iterator[tuple[list[str], str, str]]:
    """The phrases of the sentences of a gold event's mentions, with their gold role (and the
    event's type)."""
    wanted = gold_args(obj, event)
    for trigger in triggers(doc, event):
        for phrase in candidates(trigger.sent, trigger):
            at = (phrase.start_char, phrase.end_char)
            role = next((r for r, spans in wanted if any(_overlaps(at, s) for s in spans)), NONE)
            yield features(event["type"], trigger, phrase), role, event["type"]


def trained_args(
    model: Perceptron, doc: Doc, event: dict[str, Any], margin: float = 0.0
) -> list[Arg]:
    """The classifier's arguments of a predicted event, in its mentions' sentences."""
    found: list[Arg] = []
    for trigger in triggers(doc, event):
        for phrase in candidates(trigger.sent, trigger):
            feats = features(event["type"], trigger, phrase)
            role = model.predict(feats, event["type"], margin)
            if role != NONE:
                found.append((role, [(phrase.start_char, phrase.end_char)]))
    return found


def match(gold: list[Arg], found: list[Arg]) -> int:
    """How many found arguments a one-to-one matching by role and overlap pairs with gold."""
    taken: set[int] = set()
    hits = 0
    for role, spans in gold:
        for j, (role2, spans2) in enumerate(found):
            same = role == role2 and any(_overlaps(a, b) for a in spans for b in spans2)
            if j not in taken and same:
                taken.add(j)
                hits += 1
                break
    return hits


def matched_events(
    gold: dict[str, Any], predicted: dict[str, Any]
) -> Iterator[tuple[dict[str, Any], dict[str, Any] | None]]:
    """Each gold event with the first predicted one of its type overlapping a mention."""
    for event in gold["events"]:
        spans = [(p["start"], p["end"]) for p in (event, *event.get("mentions", ()))]
        found = next(
            (
                p
                for p in predicted["events"]
                if p["type"] == event["type"]
                and any(
                    _overlaps((q["start"], q["end"]), s)
                    for q in (p, *p.get("mentions", ()))
                    for s in spans
                )
            ),
            None,
        )
        yield event, found


def _prf(tp: int, found: int, wanted: int) -> str:
    return ratios(Counts(tp, found - tp, wanted - tp))


def _union(rules: list[Arg], trained: list[Arg]) -> list[Arg]:
    return rules + [
        t
        for t in trained
        if not any(_overlaps(a, b) for _, spans in rules for a in spans for b in t[1])
    ]


def with_trained(
    predicted: dict[str, Any], doc: Doc, model: Perceptron, margin: float
) -> dict[str, Any]:
    """A copy of a predicted contract object whose events also have the classifier's
    arguments where no rule's overlaps: a person's mention as that person, a time or a place
    where the event has none, anything else as a phrase."""
    found = copy.deepcopy(predicted)
    text = found["text"]
    for event in found["events"]:
        have = [span for _, spans in rule_args(event) for span in spans]
        for role, (span, *_) in trained_args(model, doc, event, margin):
            if any(_overlaps(span, other) for other in have):
                continue
            have.append(span)
            start, end = span
            if role in ("time", "place"):
                event[role] = event.get(role) or {"start": start, "end": end}
                continue
            person = next(
                (
                    p
                    for p in found["people"]
                    if any(_overlaps(span, (m["start"], m["end"])) for m in p["mentions"])
                ),
                None,
            )
            if person is not None:
                mention = {"start": start, "end": end}
                event["participants"].append(
                    {"person": person["id"], "role": role, "mention": mention}
                )
            else:
                phrase = {"start": start, "end": end, "text": text[start:end], "label": "PHRASE"}
                event["arguments"].append({**phrase, "role": role})
    return found


def scored(gold: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> str:
    """Argument precision, recall and F1 as ``annotui evaluate`` counts them: over every
    event found, false ones included."""
    return ratios(score_corpus(match_gold(gold, predicted))["event_arguments"])


def train(
    annotator: Annotator, objects: Iterable[dict[str, Any]], epochs: int
) -> tuple[Perceptron, int]:
    """The classifier trained on the gold events of ``objects``; and how many examples."""
    data: list[tuple[list[str], str, str]] = []
    objects = list(objects)
    for obj, doc in zip(objects, annotator.nlp.pipe(o["text"] for o in objects), strict=True):
        for event in obj["events"]:
            data.extend(examples(doc, obj, event))
    model = Perceptron()
    shuffle = random.Random(2026)
    for _ in range(epochs):
        shuffle.shuffle(data)
        for feats, role, kind in data:
            model.update(role, feats, kind)
    model.average()
    return model, len(data)


def main(argv: list[str] | None = None) -> int:
    """Train, find, score and time; print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_corpus_options(parser)
    parser.add_argument("--train", nargs="+", default=TRAIN, help="gold folders to train on")
    parser.add_argument("--test", nargs="+", default=TEST, help="gold folders to test on")
    parser.add_argument("--epochs", type=int, default=8, help="passes over the examples")
    parser.add_argument(
        "--margins",
        type=float,
        nargs="+",
        default=(0.0, 4.0),
        help="how far a role must beat none for the classifier to give it (a row each)",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="trained-arguments-") as tmp:
        try:
            lee = lee_cor(Path(tmp), args.lee, args.wheel)
            training = gold_of_sets(lee, args.train)
            testing = gold_of_sets(lee, args.test)
        except (OSError, KeyError, ValueError) as error:
            print(f"check failed: {error}", file=sys.stderr)
            return 2
    annotator = Annotator(default_model())
    started = time.perf_counter()
    model, count = train(annotator, training, args.epochs)
    trained_in = time.perf_counter() - started
    texts = [o["text"] for o in testing]
    started = time.perf_counter()
    docs = list(annotator.nlp.pipe(texts))
    raw_time = time.perf_counter() - started
    predicted = [
        to_contract(a, o["source"])
        for a, o in zip(annotator.annotate_many(texts), testing, strict=True)
    ]
    totals = defaultdict(int)
    classify_time = 0.0
    for obj, doc, found in zip(testing, docs, predicted, strict=True):
        for event, hit in matched_events(obj, found):
            wanted = gold_args(obj, event)
            if hit is None:
                totals["missed"] += len(wanted)
                continue
            totals["wanted"] += len(wanted)
            rules = rule_args(hit)
            totals["rules tp"] += match(wanted, rules)
            totals["rules found"] += len(rules)
            for margin in args.margins:
                started = time.perf_counter()
                trained = trained_args(model, doc, hit, margin)
                classify_time += time.perf_counter() - started
                for name, args_found in (
                    (f"trained, margin {margin:g}", trained),
                    (f"both, margin {margin:g}", _union(rules, trained)),
                ):
                    totals[f"{name} tp"] += match(wanted, args_found)
                    totals[f"{name} found"] += len(args_found)
    events = sum(len(o["events"]) for o in training)
    print(
        f"trained on {len(training)} articles ({events} events, {count} phrases) in "
        f"{trained_in:.0f} s; tested on {len(testing)} articles: {totals['wanted']} gold "
        f"arguments of the events found, {totals['missed']} more of events not found\n"
    )
    print("| finder | arguments of the events found: P / R / F1 | time / raw nlp.pipe |")
    print("|---|---|---|")
    names = ["rules"] + [
        f"{kind}, margin {margin:g}" for margin in args.margins for kind in ("trained", "both")
    ]
    for name in names:
        ratio = classify_time / len(args.margins) / raw_time
        cost = f"+{ratio:.2f}x" if name != "rules" else "(in the pipeline)"
        row = _prf(totals[f"{name} tp"], totals[f"{name} found"], totals["wanted"])
        print(f"| {name} | {row} | {cost} |")
    print("\n| finder | every event found, as `annotui evaluate` scores it: P / R / F1 |")
    print("|---|---|")
    print(f"| rules | {scored(testing, predicted)} |")
    for margin in args.margins:
        both = [
            with_trained(found, doc, model, margin)
            for found, doc in zip(predicted, docs, strict=True)
        ]
        print(f"| both, margin {margin:g} | {scored(testing, both)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
