"""brat standoff: a folder with ``NAME.txt`` and ``NAME.ann`` per article and the
``annotation.conf`` that declares the types.

Written (one article each, named by its id):

- ``T`` text-bound annotations: every entity, role title (``ROLE``), time (``TIME_EXPR``),
  place (``PLACE``) and argument phrase (``PHRASE``), and each event trigger, typed with the
  event type;
- ``E`` events: ``E1<TAB>Meeting:T3 agent-Arg:T1 patient-Arg:T5 Time-Arg:T7 Place-Arg:T8``:
  each participant is the mention it was drawn from, else the person's mention nearest the
  trigger; arguments keep their part;
- ``R`` relations: ``Role_of Arg1:<title> Arg2:<mention>`` for each role link, and
  ``Same_event Arg1:E1 Arg2:E7`` from an event to each later mention of the same happening
  (written as an ``E`` of the same type with its own trigger and no arguments);
- ``*`` equivalences: ``Alias`` of the mentions of each person with more than one;
- ``#`` notes: ``AnnotatorNotes`` on each person's first mention: ``person P1: Kim Jong Un``;
- ``A`` attributes: ``Suggested`` on each span nobody has decided on (a suggestion), and
  ``Modality E1 hypothetical`` on each event that is not asserted.

Read: ``T``, ``E``, ``R Role_of``, ``R Same_event``, ``A Modality`` and ``* Alias`` become
spans, events (with their later mentions and modality), role links and people
(a ``PERSON``-like mention outside any ``Alias`` is a person of its own, named by its text);
what annotui cannot hold (an event argument that is another event, attributes, other
relations, normalisations, notes not our own) is named with its file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from annotate.model import (
    ASSERTED,
    EVENT_LABEL,
    MODALITIES,
    Annotation,
    Argument,
    Event,
    Participant,
    Person,
    Provenance,
    Role,
    Span,
)
from annotate.queries import nearest_mention, participant_mention
from store.errors import StoreError
from store.formats.left_out import LeftOut
from store.values import Article

ROLE_OF = "Role_of"
SAME_EVENT = "Same_event"
"""The relation from an event to a later mention of the same happening."""
MODALITY = "Modality"
"""The attribute of an event that is not asserted."""
SUGGESTED = "Suggested"
"""The attribute of a span nobody has decided on yet (written with --include-suggestions)."""
ALIAS = "Alias"
PERSON_TYPES = frozenset({"PERSON", "Person", "person"})
_TIME, _PLACE = "Time-Arg", "Place-Arg"
_NOTE = re.compile(r"^person (\S+): (.*)$")


class Writer:
    """Writes a brat folder: ``.txt`` and ``.ann`` per article, and ``annotation.conf``."""

    lossless = False
    folder = True

    def __init__(self, path: Path) -> None:
        self._folder = path
        path.mkdir(exist_ok=True)
        self.left_out: list[LeftOut] = []
        self._entities: set[str] = set()
        self._events: dict[str, set[str]] = {}

    def add(self, article: Article, annotation: Annotation | None) -> None:
        """Write one article's two files."""
        if annotation is None:
            return
        (self._folder / f"{article.id}.txt").write_text(annotation.text, encoding="utf-8")
        lines = ann_lines(annotation, self._entities, self._events)
        (self._folder / f"{article.id}.ann").write_text(
            "".join(line + "\n" for line in lines), encoding="utf-8"
        )

    def close(self) -> None:
        """Write ``annotation.conf``."""
        events = [
            f"{kind}\t" + ", ".join(f"{part}*:<ENTITY>" for part in sorted(parts))
            if parts
            else kind
            for kind, parts in sorted(self._events.items())
        ]
        conf = [
            "# written by annotui export --format brat",
            "[entities]",
            *sorted(self._entities),
            "[relations]",
            f"{ROLE_OF}\tArg1:ROLE, Arg2:<ENTITY>",
            f"{ALIAS}\tArg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric-transitive",
            f"{SAME_EVENT}\tArg1:<EVENT>, Arg2:<EVENT>",
            "[events]",
            *events,
            "[attributes]",
            f"{SUGGESTED}\tArg:<ENTITY>",
            f"{MODALITY}\tArg:<EVENT>, Value:{'|'.join(m for m in MODALITIES if m != ASSERTED)}",
        ]
        (self._folder / "annotation.conf").write_text("\n".join(conf) + "\n", encoding="utf-8")


def ann_lines(annotation: Annotation, entities: set[str], events: dict[str, set[str]]) -> list[str]:
    """The ``.ann`` lines of one annotation (``entities`` and ``events`` collect the types
    for ``annotation.conf``)."""
    text = annotation.text
    tid: dict[str, str] = {}
    lines: list[str] = []
    for span in annotation.live_spans():
        if span.layer == "event":
            continue  # written with its event's type
        tid[span.id] = f"T{len(tid) + 1}"
        entities.add(span.label)
        lines.append(f"{tid[span.id]}\t{span.label} {span.start} {span.end}\t{_flat(span, text)}")
    for event in annotation.events:
        for span_id in event.triggers:
            trigger = annotation.span(span_id)
            tid[trigger.id] = f"T{len(tid) + 1}"
            lines.append(
                f"{tid[trigger.id]}\t{event.type} {trigger.start} {trigger.end}\t"
                + _flat(trigger, text)
            )
    told_again: list[tuple[int, str, str]] = []
    for number, event in enumerate(annotation.events, 1):
        told_again += [(number, event.type, m) for m in event.mentions]
        trigger = annotation.span(event.trigger)
        args = []
        for participant in event.participants:
            mention = participant_mention(annotation, participant, trigger)
            if mention is not None and mention.id in tid:
                args.append(f"{participant.part}-Arg:{tid[mention.id]}")
        args += [f"{a.part}-Arg:{tid[a.span]}" for a in event.arguments if a.span in tid]
        args += [
            f"{name}:{tid[s]}"
            for name, s in ((_TIME, event.time), (_PLACE, event.place))
            if s in tid
        ]
        events.setdefault(event.type, set()).update(a.split(":")[0] for a in args)
        lines.append(f"E{number}\t{event.type}:{tid[trigger.id]} " + " ".join(args))
    relation = 0
    for number, role in enumerate(annotation.roles, 1):
        title = annotation.span(role.span)
        mention = nearest_mention(annotation, role.person, title)
        if mention is not None and title.id in tid and mention.id in tid:
            relation = number
            lines.append(f"R{number}\t{ROLE_OF} Arg1:{tid[title.id]} Arg2:{tid[mention.id]}\t")
    relation = max(relation, len(annotation.roles))
    later = len(annotation.events)
    for main, kind, span_id in told_again:
        later += 1
        relation += 1
        events.setdefault(kind, set())
        lines.append(f"E{later}\t{kind}:{tid[span_id]}")
        lines.append(f"R{relation}\t{SAME_EVENT} Arg1:E{main} Arg2:E{later}\t")
    marked = 0
    for number, event in enumerate(annotation.events, 1):
        if event.modality != ASSERTED:
            marked += 1
            lines.append(f"A{marked}\t{MODALITY} E{number} {event.modality}")
    for span_id, tid_ in tid.items():
        provenance = annotation.span(span_id).provenance
        if provenance.state == "suggested" and provenance.source != "human":
            marked += 1
            lines.append(f"A{marked}\t{SUGGESTED} {tid_}")
    note = 0
    for person in annotation.people:
        mentions = [tid[m] for m in person.mentions if m in tid]
        if len(mentions) > 1:
            lines.append(f"*\t{ALIAS} " + " ".join(mentions))
        if mentions:
            note += 1
            lines.append(
                f"#{note}\tAnnotatorNotes {mentions[0]}\tperson {person.id}: {person.name}"
            )
    return [line.rstrip(" ") for line in lines]


def _flat(span: Span, text: str) -> str:
    return text[span.start : span.end].replace("\n", " ")


# -- reading ---------------------------------------------------------------------------------


@dataclass
class Parsed:
    """The annotation read from one ``.ann`` file, and what it could not hold."""

    annotation: Annotation
    notices: list[str] = field(default_factory=list)


def documents(folder: Path) -> Iterator[tuple[Path, Path]]:
    """The (``.txt``, ``.ann``) pairs of a brat folder, in name order."""
    for txt in sorted(folder.glob("*.txt")):
        ann = txt.with_suffix(".ann")
        if ann.is_file():
            yield txt, ann


def is_brat_folder(folder: Path) -> bool:
    """True for a folder holding at least one ``.txt`` with its ``.ann``."""
    return folder.is_dir() and next(documents(folder), None) is not None


def read_ann(text: str, ann: Path, source: str = "import:brat", state: str = "accepted") -> Parsed:
    """Parse one ``.ann`` file over ``text``; errors name the file and line."""
    by = Provenance(source=source, state=state)  # type: ignore[arg-type]
    notices: list[str] = []
    spans: dict[str, Span] = {}
    raw_events: list[tuple[str, str, str, list[tuple[str, str]], str]] = []
    roles: list[tuple[str, str]] = []
    aliases: list[list[str]] = []
    names: dict[str, str] = {}
    suggested: list[tuple[str, str]] = []
    same_event: list[tuple[str, str, str]] = []
    modality: dict[str, str] = {}
    try:
        lines = ann.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise StoreError(f"{ann}: cannot read ({error})") from error
    for number, line in enumerate(lines, 1):
        where = f"{ann}:{number}"
        if not line.strip():
            continue
        key, _, rest = line.partition("\t")
        head, _, tail = rest.partition("\t")
        if key.startswith("T"):
            label, _, offsets = head.partition(" ")
            try:
                pieces = [tuple(int(n) for n in part.split()) for part in offsets.split(";")]
                start, end = pieces[0][0], pieces[-1][1]
            except (ValueError, IndexError) as error:
                raise StoreError(f"{where}: offsets must be START END, not {offsets!r}") from error
            if len(pieces) > 1:
                notices.append(f"{where}: a discontinuous span is read as one ({start}-{end})")
            if not 0 <= start < end <= len(text):
                raise StoreError(f"{where}: span {start}-{end} is outside the text")
            spans[key] = Span(key, start, end, label, by)
        elif key.startswith("E"):
            parts = head.split()
            kind, _, trigger = parts[0].partition(":")
            args = [tuple(a.split(":", 1)) for a in parts[1:]]
            raw_events.append((key, kind, trigger, args, where))  # type: ignore[arg-type]
        elif key.startswith("R"):
            parts = head.split()
            args = dict(a.split(":", 1) for a in parts[1:])
            if parts[0] == ROLE_OF and {"Arg1", "Arg2"} <= set(args):
                roles.append((args["Arg1"], args["Arg2"]))
            elif parts[0] == SAME_EVENT and {"Arg1", "Arg2"} <= set(args):
                same_event.append((args["Arg1"], args["Arg2"], where))
            else:
                notices.append(f"{where}: relation {parts[0]} not imported")
        elif key == "*":
            parts = head.split()
            if parts[0] == ALIAS:
                aliases.append(parts[1:])
            else:
                notices.append(f"{where}: equivalence {parts[0]} not imported")
        elif key.startswith("#"):
            match = _NOTE.match(tail)
            target = head.split()[-1] if head.split() else ""
            if match and target in spans:
                names[target] = match.group(2)
            else:
                notices.append(f"{where}: note not imported")
        elif key.startswith("A") and head.split()[:1] == [SUGGESTED]:
            suggested.append((head.split()[1] if len(head.split()) > 1 else "", where))
        elif key.startswith("A") and head.split()[:1] == [MODALITY]:
            words = head.split()
            if len(words) == 3 and words[2] in MODALITIES:
                modality[words[1]] = words[2]
            else:
                notices.append(f"{where}: {MODALITY} needs an event and one of {MODALITIES}")
        else:
            kind = {"A": "attribute", "M": "attribute", "N": "normalization"}.get(key[:1], "line")
            notices.append(f"{where}: {kind} not imported")
    for target, where in suggested:
        if target in spans:
            spans[target] = replace(spans[target], provenance=replace(by, state="suggested"))
        else:
            notices.append(f"{where}: {SUGGESTED} of {target!r}, which is no span: not imported")
    events, trigger_ids = _events(raw_events, spans, notices)
    mentions_of, told_again = _later_mentions(events, same_event, notices)
    for tid in trigger_ids:
        spans[tid] = replace(spans[tid], label=EVENT_LABEL)
    people, person_of = _people(spans, aliases, names, by, text)
    links = [
        Role(f"R{n}", title, person_of[mention], by)
        for n, (title, mention) in enumerate(roles, 1)
        if title in spans and mention in person_of
    ]
    if len(links) < len(roles):
        notices.append(f"{ann}: {len(roles) - len(links)} Role_of link(s) without a person mention")
    final_events = [
        Event(
            eid,
            trigger,
            kind,
            tuple(Participant(person_of[t], part, t) for part, t in args if t in person_of),
            tuple(
                Argument(t, part)
                for part, t in args
                if t in spans and t not in person_of and part not in (_TIME, _PLACE)
            ),
            next((t for part, t in args if part == _TIME and t in spans), None),
            next((t for part, t in args if part == _PLACE and t in spans), None),
            by,
            modality.get(eid, ASSERTED),
            tuple(mentions_of.get(eid, ())),
        )
        for eid, kind, trigger, args in events
        if eid not in told_again
    ]
    annotation = Annotation(
        text=text,
        spans=tuple(spans.values()),
        people=tuple(people),
        roles=tuple(links),
        events=tuple(final_events),
    )
    problems = annotation.problems()
    if problems:
        raise StoreError(f"{ann}: {problems[0]}")
    return Parsed(annotation, notices)


def _events(
    raw: list[tuple[str, str, str, list[tuple[str, str]], str]],
    spans: dict[str, Span],
    notices: list[str],
) -> tuple[list[tuple[str, str, str, list[tuple[str, str]]]], set[str]]:
    """The events whose trigger is a span, their arguments that are spans (an argument that
    is another event is named), and the trigger span ids."""
    events = []
    triggers: set[str] = set()
    for eid, kind, trigger, args, where in raw:
        if trigger not in spans:
            notices.append(f"{where}: event {eid} has no trigger span; not imported")
            continue
        kept = []
        for role, target in args:
            base = re.sub(r"\d+$", "", role)  # Org-Arg2: a second argument of the same part
            where_kind = base in (_TIME, _PLACE)
            part = base if where_kind or not base.endswith("-Arg") else base[: -len("-Arg")]
            if target in spans:
                kept.append((part, target))
            else:
                notices.append(
                    f"{where}: argument {role}:{target} of {eid} is not a span (an event?): "
                    "not imported"
                )
        events.append((eid, kind, trigger, kept))
        triggers.add(trigger)
    return events, triggers


def _later_mentions(
    events: list[tuple[str, str, str, list[tuple[str, str]]]],
    links: list[tuple[str, str, str]],
    notices: list[str],
) -> tuple[dict[str, list[str]], set[str]]:
    """Each event's later mentions (trigger span ids) from the ``Same_event`` links, and the
    ids of the events that are such mentions (folded into the first, not events of their
    own); a link between events that are not both there is named."""
    triggers = {eid: trigger for eid, _, trigger, _ in events}
    mentions: dict[str, list[str]] = {}
    folded: set[str] = set()
    for first, later, where in links:
        if first not in triggers or later not in triggers or later in folded:
            notices.append(f"{where}: {SAME_EVENT} {first} {later}: no such pair of events")
            continue
        mentions.setdefault(first, []).append(triggers[later])
        folded.add(later)
    return mentions, folded


def _people(
    spans: dict[str, Span],
    aliases: list[list[str]],
    names: dict[str, str],
    by: Provenance,
    text: str,
) -> tuple[list[Person], dict[str, str]]:
    """People from the PERSON spans: each ``Alias`` group is one person, every other PERSON
    span a person of its own; named by our note, else by the first mention's text."""
    person_spans = [s for s in spans.values() if s.label in PERSON_TYPES]
    groups: list[list[str]] = [[m for m in group if m in spans] for group in aliases]
    grouped = {m for group in groups for m in group}
    groups += [[s.id] for s in person_spans if s.id not in grouped]
    people, person_of = [], {}
    for n, group in enumerate(g for g in groups if g):
        pid = f"P{n + 1}"
        first = min(group, key=lambda m: spans[m].start)
        name = next((names[m] for m in group if m in names), None)
        if name is None:
            name = " ".join(text[spans[first].start : spans[first].end].split())
        people.append((pid, name, tuple(sorted(group, key=lambda m: spans[m].start))))
        for m in group:
            person_of[m] = pid
    return [Person(pid, name, mentions, by) for pid, name, mentions in people], person_of


def read_folder(
    folder: Path, *, suggestions: bool = False
) -> tuple[list[dict[str, object]], list[str]]:
    """The import items of a brat folder (each ``.txt`` with its ``.ann``) and the notices of
    what could not be held."""
    from store.formats.plain_text import check_text, read_text

    state = "suggested" if suggestions else "accepted"
    items: list[dict[str, object]] = []
    notices: list[str] = []
    for txt, ann in documents(folder):
        text, _ = read_text(txt)
        check_text(text, str(txt))
        parsed = read_ann(text, ann, state=state)
        notices += parsed.notices
        has_items = parsed.annotation.spans
        items.append(
            {
                "text": text,
                "title": None,
                "source": str(txt),
                "annotation": parsed.annotation if has_items else None,
            }
        )
    return items, notices
