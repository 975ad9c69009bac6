"""A long article for the benchmark, made from real text, and its annotation (no spaCy run).

The text is the seed article and two short reports written for the benchmark, repeated with
the people's names varied. Every repetition is marked up (``{surface|TAG}``) before it is
parsed into plain text and spans, so the offsets are exact; the annotation is built through
the extraction contract (:func:`annotate.contract.from_contract`), like an import would.

Tags: ``P:key`` a person mention, ``LABEL`` an entity (``GPE``, ``ORG`` …), ``ROLE:key`` a role
title held by a person, ``EV:Type:key,key`` an event trigger with its participants.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import cycle
from pathlib import Path
from typing import Any

from annotate.contract import from_contract
from annotate.model import Annotation

ROOT = Path(__file__).resolve().parents[2]
SEED_PATH = ROOT / "seeds" / "kim-putin-cosmodrome.txt"

SEED_PEOPLE: dict[str, tuple[str, ...]] = {
    "kim": ("Kim Jong Un", "Kim"),
    "putin": ("Vladimir Putin", "Putin"),
    "shoigu": ("Sergei Shoigu", "Shoigu"),
    "kozhemyako": ("Oleg Kozhemyako",),
    "kozlov": ("Alexander Kozlov",),
    "choe": ("Choe Sun Hui",),
    "jo": ("Jo Chun Ryong",),
    "pak": ("Pak Thae Song",),
    "kimms": ("Kim Myong Sik",),
    "rudenko": ("Andrei Rudenko",),
    "lim": ("Lim Soo-suk",),
}
"""The seed's people: full name first, then the short form the article uses."""

SEED_TAGS: dict[str, str] = {
    "North Korean leader": "ROLE:kim",
    "Russian President": "ROLE:putin",
    "Russian Defense Minister": "ROLE:shoigu",
    "Defense Minister": "ROLE:shoigu",
    "Regional Governor": "ROLE:kozhemyako",
    "Natural Resources Minister": "ROLE:kozlov",
    "Deputy Foreign Minister": "ROLE:rudenko",
    "Foreign Minister": "ROLE:choe",
    "Admiral": "ROLE:kimms",
    "chairman": "ROLE:pak",
    "North Korea": "GPE",
    "South Korea": "GPE",
    "United States": "GPE",
    "Russia": "GPE",
    "Ukraine": "GPE",
    "Japan": "GPE",
    "Moscow": "GPE",
    "Pyongyang": "GPE",
    "Khasan": "GPE",
    "Tokyo": "GPE",
    "North Korean": "NORP",
    "Russian": "NORP",
    "Soviet": "NORP",
    "Far East": "LOC",
    "Korean Central News Agency": "ORG",
    "Joint Chiefs of Staff": "ORG",
    "Coast Guard": "ORG",
    "Defense Ministry": "ORG",
    "Foreign Ministry": "ORG",
    "Security Council": "ORG",
    "Wagner": "ORG",
    "U.N.": "ORG",
    "July": "DATE",
    "18-month-long": "DATE",
    "four years": "DATE",
    "arrived": "EV:Movement:kim",
    "meeting": "EV:Meeting:kim,putin",
    "welcomed": "EV:Meeting:putin,kim",
    "shook hands": "EV:Meeting:putin,kim",
    "fired": "EV:Attack:kim",
    "talks": "EV:Meeting:kim,putin",
    "visit": "EV:Movement:kim",
    "accused": "EV:Statement:kim",
    "denied": "EV:Statement:kim",
    "toured": "EV:Movement:kim",
}
"""Entities, role titles and event triggers of the seed, found by whole-word match."""

TRADE = """\
{Trade Minister|ROLE:berg} {Anna Berg|P:berg} {met|EV:Meeting:berg,diaz} \
{Finance Minister|ROLE:diaz} {Omar Diaz|P:diaz} in {Oslo|GPE} on {Monday|DATE} to discuss \
the tariffs that {Norway|GPE} and {Spain|GPE} have traded over the last {two years|DATE}. \
{Berg|P:berg} {announced|EV:Statement:berg} new duties on steel after the meeting, and \
{Diaz|P:diaz} said the {European Commission|ORG} would study them before {March|DATE}.
Exporters in {Bergen|GPE} warned that the duties would cost jobs. The head of the \
{Norwegian Shipowners' Association|ORG}, {Lars Holm|P:holm}, {called|EV:Contact:holm,berg} \
{Berg|P:berg} on {Tuesday|DATE} and asked for an exemption for ship parts. \
{Holm|P:holm} told reporters that the talks had been frank. {Diaz|P:diaz} \
{travelled|EV:Movement:diaz} to {Brussels|GPE} the next day to brief his colleagues, and \
officials in {Madrid|GPE} said a reply would follow within {a month|DATE}.
"""
"""A short trade report written for the benchmark, already marked up."""

FLOOD = """\
Heavy rain flooded the {Drava|LOC} valley on {Sunday|DATE}, and the river rose by two \
metres overnight. {Mayor|ROLE:novak} {Petra Novak|P:novak} of {Maribor|GPE} \
{ordered|EV:Statement:novak} the evacuation of three villages, and the \
{Civil Protection Agency|ORG} sent boats from {Ljubljana|GPE}. {Novak|P:novak} \
{visited|EV:Movement:novak} the shelters with {Interior Minister|ROLE:kranjc} \
{Tomas Kranjc|P:kranjc}, who {promised|EV:Statement:kranjc} money for repairs. \
{Kranjc|P:kranjc} said the {army|ORG} would build dykes along the river before {winter|DATE}.
Farmers near {Ptuj|GPE} lost most of the harvest. {Slovenia|GPE} asked {Austria|GPE} for \
pumps, and engineers {arrived|EV:Movement:kranjc} from {Graz|GPE} on {Monday|DATE}. \
{Novak|P:novak} {thanked|EV:Contact:novak,kranjc} the volunteers in a speech on {Tuesday|DATE}.
"""
"""A short flood report written for the benchmark, already marked up."""


def _words(text: str) -> tuple[str, ...]:
    """Return the words of ``text``."""
    return tuple(text.split())


FIRST_NAMES = _words(
    "Anna Boris Chen Dara Elif Farid Greta Hugo Ines Jonas Kaori Lena Marek Nadia Oskar Priya "
    "Quentin Rosa Sami Tove Umar Vera Wim Xenia Yusuf Zofia"
)
SURNAMES = _words(
    "Abbott Brandt Castillo Dimitrov Eriksen Fournier Galli Horvat Ivanova Jensen Kowalski "
    "Lindqvist Moreau Nakamura Okafor Petrov Quinn Rossi Sato Tanaka Urban Vogel Weber Yilmaz"
)

_MARK = re.compile(r"\{([^{}|]+)\|([^{}]+)\}")


@dataclass
class LongArticle:
    """The text and its extraction-contract object."""

    text: str
    contract: dict[str, Any]
    entities: int = 0
    people: int = 0
    events: int = 0
    annotation: Annotation | None = field(default=None, repr=False)


def mark_seed(text: str) -> str:
    """Return the seed text with its people, entities, roles and triggers marked up."""
    phrases: dict[str, str] = dict(SEED_TAGS)
    for key, forms in SEED_PEOPLE.items():
        for form in forms:
            phrases[form] = f"P:{key}"
    alternation = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")
    return pattern.sub(lambda m: f"{{{m.group()}|{phrases[m.group()]}}}", text)


def _people_forms(marked: str) -> dict[str, tuple[str, ...]]:
    """Return every person key of a marked text with its surface forms, longest first."""
    forms: dict[str, set[str]] = {}
    for match in _MARK.finditer(marked):
        surface, tag = match.groups()
        if tag.startswith("P:"):
            forms.setdefault(tag[2:], set()).add(surface)
    return {key: tuple(sorted(found, key=len, reverse=True)) for key, found in forms.items()}


def _renamer(marked: str, names: cycle[tuple[str, str]]) -> dict[str, dict[str, str]]:
    """Give every person of a marked text a new name: full forms map to the full new name,
    one-word forms to the new surname."""
    renames: dict[str, dict[str, str]] = {}
    for key, forms in _people_forms(marked).items():
        first, last = next(names)
        renames[key] = {form: (last if " " not in form else f"{first} {last}") for form in forms}
    return renames


def build(words: int = 50_000, entities: int = 5_000) -> LongArticle:
    """Build a text of about ``words`` words with ``entities`` entity spans (fewer if the text
    has fewer), plus the people, roles and events of every repetition."""
    templates = [mark_seed(SEED_PATH.read_text(encoding="utf-8")), TRADE, FLOOD]
    names = cycle([(f, s) for s in SURNAMES for f in FIRST_NAMES])
    parts: list[str] = []
    offset = 0
    counted = 0
    marks: list[tuple[int, int, str, str]] = []  # start, end, tag, person id prefix
    rep = 0
    while counted < words:
        template = templates[rep % len(templates)]
        renames = _renamer(template, names)
        prefix = f"r{rep}."
        chunk: list[str] = []
        position = 0
        cursor = offset
        for match in _MARK.finditer(template):
            plain = template[position : match.start()]
            chunk.append(plain)
            cursor += len(plain)
            surface, tag = match.groups()
            if tag.startswith("P:"):
                surface = renames[tag[2:]][surface]
            chunk.append(surface)
            marks.append((cursor, cursor + len(surface), tag, prefix))
            cursor += len(surface)
            position = match.end()
        tail = template[position:]
        chunk.append(tail)
        body = "".join(chunk).rstrip("\n") + "\n"
        parts.append(body)
        offset += len(body)
        counted += len(body.split())
        rep += 1
    text = "".join(parts).rstrip("\n")
    return _contract(text, marks, entities)


def _contract(text: str, marks: list[tuple[int, int, str, str]], limit: int) -> LongArticle:
    """Turn the marks into a contract object, keeping ``limit`` entity spans spread evenly."""
    entity_marks = [m for m in marks if ":" not in m[2] or m[2].startswith("P:")]
    keep_every = max(1.0, len(entity_marks) / limit) if limit else float("inf")
    kept: set[int] = set()
    next_keep = 0.0
    for index in range(len(entity_marks)):
        if index >= next_keep and len(kept) < limit:
            kept.add(index)
            next_keep += keep_every
    kept_marks = {(m[0], m[1]) for i, m in enumerate(entity_marks) if i in kept}
    entities: list[dict[str, Any]] = []
    people: dict[str, dict[str, Any]] = {}
    events: list[dict[str, Any]] = []
    for start, end, tag, prefix in marks:
        where = {"start": start, "end": end}
        if tag.startswith("P:"):
            if (start, end) not in kept_marks:
                continue
            person = people.setdefault(
                prefix + tag[2:],
                {"id": f"P{len(people) + 1}", "name": "", "mentions": [], "roles": []},
            )
            surface = text[start:end]
            if len(surface) > len(person["name"]):
                person["name"] = surface
            person["mentions"].append(where)
            entities.append({**where, "label": "PERSON"})
        elif tag.startswith("ROLE:"):
            holder = people.get(prefix + tag[5:])
            if holder is not None:
                holder["roles"].append({"title": text[start:end], **where})
        elif tag.startswith("EV:"):
            _, kind, who = tag.split(":")
            ids = [people[prefix + key]["id"] for key in who.split(",") if prefix + key in people]
            if ids:
                events.append(
                    {
                        "id": f"E{len(events) + 1}",
                        "trigger": text[start:end],
                        **where,
                        "type": kind,
                        "participants": [
                            {"person": pid, "role": "agent" if n == 0 else "patient"}
                            for n, pid in enumerate(ids)
                        ],
                    }
                )
        elif (start, end) in kept_marks:
            entities.append({**where, "label": tag})
    contract = {"source": "bench/long-article", "text": text, "entities": entities}
    contract["people"] = [p for p in people.values() if p["mentions"]]
    contract["events"] = events
    article = LongArticle(text, contract, len(entities), len(contract["people"]), len(events))
    article.annotation = from_contract(contract)
    return article


if __name__ == "__main__":
    built = build()
    print(
        f"{len(built.text.split())} words, {built.entities} entities, {built.people} people, "
        f"{built.events} events, {len(built.annotation.spans) if built.annotation else 0} spans"
    )
