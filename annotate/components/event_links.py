"""What events in one sentence give each other: nouns joined by "and"/"or" share their parts,
verbs joined by "and" their time and place, the dead and wounded of an attack take its
attacker, place and time, and a harm that is someone's crime takes the accused as who did it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from spacy.tokens import Token

from annotate.components.parse_words import children_of, lemma_of, prep_objects
from annotate.components.records import EntityArg, EventRecord, PersonArg

HARMS = frozenset({"Die", "Injure"})
"""Types that are the harm an attack does."""
_RESULT_VERBS = frozenset({"leave", "kill", "injure", "wound", "hurt", "cause"})
"""Verbs whose subject causes the harm they govern ("the raid left eight dead")."""


def share_across_or(records: list[EventRecord]) -> None:
    """Event nouns joined by "and"/"or" share who did them and where ("the death or injury of
    1000 people", "killings and kidnappings by the militia"): what one lacks, the other gives."""
    for record, first in _joined(records, "NOUN"):
        record.take_parts(first)
        first.take_parts(record)


def share_setting_across_and(records: list[EventRecord]) -> None:
    """Verbs joined by "and" share when and where ("four people were killed and eight others
    injured when a fire broke out at a hotel"): what one lacks, the other gives. Not who: the
    dead and the injured are different people. A Transport keeps its own (where it goes)."""
    for record, first in _joined(records, "VERB"):
        if "Transport" in (record.type, first.type):
            continue
        for one, other in ((record, first), (first, record)):
            one.time = one.time or other.time
            one.place = one.place or other.place


def _joined(records: list[EventRecord], pos: str) -> Iterator[tuple[EventRecord, EventRecord]]:
    """Each event whose trigger (a ``pos`` word) is joined by "and"/"or" to an earlier event's,
    with that event."""
    by_root = {record.trigger.root.i: record for record in records}
    for record in records:
        root = record.trigger.root
        if root.pos_ == pos and root.dep_ == "conj" and root.head.i in by_root:
            yield record, by_root[root.head.i]


def harmed_in_attacks(records: list[EventRecord]) -> None:
    """The dead and wounded of an attack were harmed by its attacker, where and when it
    happened ("a raid left eight civilians dead", "rebels attacked the town, leaving 12
    dead", "the bombing killed five"): what the harm lacks, the attack gives."""
    by_root = {record.trigger.root.i: record for record in records}
    for record in records:
        if record.type not in HARMS:
            continue
        attack = _attack_causing(record.trigger.root, by_root)
        if attack is None:
            continue
        if not _has(record, "agent"):
            for person in attack.participants:
                if person.part == "attacker":
                    record.participants.append(PersonArg(person.person, "agent", person.mention))
            for argument in attack.arguments:
                if argument.part == "attacker":
                    record.arguments.append(EntityArg(argument.span, "agent"))
        record.place = record.place or attack.place
        record.time = record.time or attack.time


def _attack_causing(root: Token, by_root: Mapping[int, EventRecord]) -> EventRecord | None:
    """The Attack whose result the harm at ``root`` is: the subject of the verb that leaves
    or kills ("the raid left/killed ..."), the attack verb that verb hangs from, or the
    attack it happened in ("killed in an air strike")."""
    verb = root
    for _ in range(3):  # "dead" -> "left"; "wounded" -> "nine" -> "dead" -> "left"
        if verb.dep_ not in ("amod", "conj", "oprd", "acomp") or verb.head.pos_ == "NOUN":
            break
        verb = verb.head
    if verb.pos_ != "VERB" or (verb.i != root.i and lemma_of(verb) not in _RESULT_VERBS):
        return None
    causes = children_of(verb, "nsubj")
    if verb.dep_ in ("advcl", "conj"):
        causes.append(verb.head)
    causes += [o for _, o in prep_objects(verb, {"in", "during"})]  # "wounded in a raid"
    for cause in causes:
        found = by_root.get(cause.i)
        if found is not None and found.type == "Attack":
            return found
    return None


_ACCUSED = frozenset({"defendant", "person"})
"""Roles of who a Justice event is about (``person`` of an arrest)."""
_DOER = {"Die": "agent", "Injure": "agent", "Attack": "attacker"}
"""The role of who did a harm that is someone's crime."""


def crimes_of_the_accused(records: list[EventRecord], justice: frozenset[str]) -> None:
    """A harm that is the crime of a Justice event ("jailed for the murder of his wife",
    "charged over the attack") was done, as far as the text tells, by the accused: what the
    harm lacks, the accused gives."""
    by_root = {record.trigger.root.i: record for record in records}
    for record in records:
        if record.type not in justice:
            continue
        people = [p for p in record.participants if p.part in _ACCUSED]
        parties = [a.span for a in record.arguments if a.part in _ACCUSED]
        for crime in (a.span for a in record.arguments if a.part == "crime"):
            for token in crime:
                harm = by_root.get(token.i)
                doer = _DOER.get(harm.type) if harm is not None else None
                if harm is None or doer is None or _has(harm, doer):
                    continue
                for person in people:
                    harm.participants.append(PersonArg(person.person, doer))
                for party in parties:
                    harm.arguments.append(EntityArg(party, doer))


def _has(record: EventRecord, role: str) -> bool:
    return any(p.part == role for p in (*record.participants, *record.arguments))
