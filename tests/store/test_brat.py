"""brat standoff: our own files in the shapes of brat's tutorial (text-bound annotations,
events with an event as argument, relations, equivalences, attributes, notes,
normalisations), read with what cannot be held named; an export read back."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotate.model import Annotation
from store import Store, StoreError
from store.exporting import FORMATS, export_articles
from store.importing import add_articles, check_inputs
from tests.store.store_helpers import (
    SEED,
    add_reviewed_seed,
    add_seed_with_told_event,
    human_seed_annotation,
)
from tui.cli import main

TEXT = (
    "Reuters reported that Helio Bank would buy Norsk Data. Its chief Lena Voss said the "
    "deal was done. Voss met Omar Diaz in Oslo."
)


def at(phrase: str, nth: int = 0) -> str:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(phrase, start + 1)
    return f"{start} {start + len(phrase)}\t{phrase}"


def brat_folder(folder: Path) -> Path:
    folder.mkdir()
    (folder / "001-news.txt").write_text(TEXT, encoding="utf-8")
    lines = [
        f"T1\tOrganization {at('Reuters')}",
        f"T2\tOrganization {at('Helio Bank')}",
        f"T3\tOrganization {at('Norsk Data')}",
        f"T4\tTransfer-ownership {at('buy')}",
        "E1\tTransfer-ownership:T4 Buyer-Arg:T2 Artifact-Arg:T3",
        f"T5\tReport {at('reported')}",
        "E2\tReport:T5 Reporter-Arg:T1 Event-Arg:E1",
        f"T6\tPerson {at('Lena Voss')}",
        f"T7\tPerson {at('Voss', 1)}",
        "*\tAlias T6 T7",
        f"T8\tPerson {at('Omar Diaz')}",
        f"T9\tGPE {at('Oslo')}",
        f"T10\tMeet {at('met')}",
        "E3\tMeet:T10 Entity-Arg:T7 Entity-Arg2:T8 Place-Arg:T9",
        f"T11\tROLE {at('chief')}",
        "R1\tRole_of Arg1:T11 Arg2:T6\t",
        "R2\tEmployment Arg1:T6 Arg2:T2\t",
        "A1\tConfidence E2 High",
        "#1\tAnnotatorNotes T3\tIs this the company or its shares?",
        "N1\tReference T9 Wikipedia:1234\tOslo",
    ]
    (folder / "001-news.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "annotation.conf").write_text("[entities]\nOrganization\nPerson\nGPE\n")
    return folder


def test_a_brat_folder_imports_what_annotui_holds_and_names_the_rest(tmp_path: Path) -> None:
    folder = brat_folder(tmp_path / "news")
    inputs = check_inputs([str(folder)])
    ann = folder / "001-news.ann"
    assert sorted(inputs.notices) == [
        f"{ann}:17: relation Employment not imported",
        f"{ann}:18: attribute not imported",
        f"{ann}:19: note not imported",
        f"{ann}:20: normalization not imported",
        f"{ann}:7: argument Event-Arg:E1 of E2 is not a span (an event?): not imported",
    ]
    store = Store(tmp_path / "store")
    add_articles(store, inputs)
    [summary] = store.summaries()
    annotation = store.annotation(summary.id)
    assert annotation is not None
    labels = {annotation.span_text(s.id): s.label for s in annotation.spans}
    assert labels["Helio Bank"] == "Organization" and labels["buy"] == "TRIGGER"
    people = {p.name: [annotation.span_text(m) for m in p.mentions] for p in annotation.people}
    assert people == {"Lena Voss": ["Lena Voss", "Voss"], "Omar Diaz": ["Omar Diaz"]}
    [role] = annotation.roles
    assert annotation.span_text(role.span) == "chief"
    assert annotation.person(role.person).name == "Lena Voss"
    events = {e.type: e for e in annotation.events}
    assert [
        (annotation.span_text(a.span), a.part) for a in events["Transfer-ownership"].arguments
    ] == [
        ("Helio Bank", "Buyer"),
        ("Norsk Data", "Artifact"),
    ]
    meet = events["Meet"]
    assert [(annotation.person(p.person).name, p.part) for p in meet.participants] == [
        ("Lena Voss", "Entity"),
        ("Omar Diaz", "Entity"),
    ]
    assert meet.place is not None and annotation.span_text(meet.place) == "Oslo"
    assert {s.provenance.source for s in annotation.spans} == {"import:brat"}


def test_an_export_reads_back_with_its_people_roles_and_events(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    aid, annotation = add_reviewed_seed(store)
    out = tmp_path / "brat"
    done = export_articles(store, [aid], out, FORMATS["brat"], suggestions=False)
    assert done.written == 1
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{aid}.ann", f"{aid}.txt", "annotation.conf"]
    )
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    again = Store(tmp_path / "again")
    inputs = check_inputs([str(out)])
    assert inputs.notices == []
    add_articles(again, inputs)
    back = again.annotation(aid)
    assert back is not None
    assert sorted((s.start, s.end, s.label) for s in back.spans) == sorted(
        (s.start, s.end, s.label) for s in annotation.spans
    )
    assert {p.name for p in back.people} == {p.name for p in annotation.people}
    assert [(back.span_text(r.span), back.person(r.person).name) for r in back.roles] == [
        (annotation.span_text(r.span), annotation.person(r.person).name) for r in annotation.roles
    ]
    assert sorted(
        (e.type, len(e.participants), e.place is not None) for e in back.events
    ) == sorted((e.type, len(e.participants), e.place is not None) for e in annotation.events)


def test_an_existing_folder_is_never_replaced_and_a_bad_span_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store_path = tmp_path / "store"
    with Store(store_path) as store:
        aid = store.add_article(TEXT)
        store.set_status(aid, "reviewed")
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "mine.txt").write_text("keep me")
    with pytest.raises(SystemExit):
        main(["export", str(taken), "--format", "brat", "--store", str(store_path)])
    assert "writes a new folder" in capsys.readouterr().err
    assert (taken / "mine.txt").read_text() == "keep me"
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "a.txt").write_text("Short text.")
    (folder / "a.ann").write_text("T1\tPerson 0 99\tShort\n")
    with pytest.raises(StoreError, match=r"a\.ann:1: span 0-99 is outside the text"):
        check_inputs([str(folder)], strict=True)


def test_a_stopped_brat_export_leaves_nothing_behind(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    text = SEED.read_text(encoding="utf-8")
    aid = store.add_article(text)
    store.save_annotation(aid, human_seed_annotation(text))
    other = store.add_article(TEXT)
    store.save_annotation(other, Annotation(text=TEXT))
    asked = iter([False, True])
    done = export_articles(
        store, [aid, other], tmp_path / "out", FORMATS["brat"], stop=lambda: next(asked)
    )
    assert done.stopped
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def test_suggestions_are_marked_with_an_attribute_and_read_back_as_suggestions(
    tmp_path: Path,
) -> None:
    from dataclasses import replace

    from annotate.model import MODEL

    store = Store(tmp_path / "store")
    text = SEED.read_text(encoding="utf-8")
    aid = store.add_article(text)
    decided = human_seed_annotation(text)
    first = decided.spans[0]
    spans = tuple(replace(s, provenance=MODEL) if s is first else s for s in decided.spans)
    store.save_annotation(aid, replace(decided, spans=spans))
    out = tmp_path / "brat"
    export_articles(store, [aid], out, FORMATS["brat"], suggestions=True)
    ann = (out / f"{aid}.ann").read_text(encoding="utf-8")
    assert ann.count("\tSuggested T") == 1
    assert "Suggested\tArg:<ENTITY>" in (out / "annotation.conf").read_text(encoding="utf-8")
    inputs = check_inputs([str(out)])
    assert inputs.notices == []
    again = Store(tmp_path / "again")
    add_articles(again, inputs)
    back = again.annotation(aid)
    assert back is not None
    states = {(s.start, s.end): s.provenance.state for s in back.spans}
    assert states.pop((first.start, first.end)) == "suggested"
    assert set(states.values()) == {"accepted"}


def test_modality_and_later_mentions_go_out_and_come_back(tmp_path: Path) -> None:
    """An event's modality is a ``Modality`` attribute, each later mention an event of its own
    linked by ``Same_event``; both read back onto the one event."""
    store = Store(tmp_path / "store")
    aid, annotation, first = add_seed_with_told_event(store, "future")
    out = tmp_path / "brat"
    export_articles(store, [aid], out, FORMATS["brat"], suggestions=False)
    ann = (out / f"{aid}.ann").read_text(encoding="utf-8")
    assert "\tModality E1 future" in ann and "\tSame_event Arg1:E1 Arg2:E" in ann
    conf = (out / "annotation.conf").read_text(encoding="utf-8")
    assert "Same_event\tArg1:<EVENT>, Arg2:<EVENT>" in conf
    assert "Modality\tArg:<EVENT>, Value:negated|hypothetical|future" in conf
    again = Store(tmp_path / "again")
    inputs = check_inputs([str(out)])
    assert inputs.notices == []
    add_articles(again, inputs)
    back = again.annotation(aid)
    assert back is not None and len(back.events) == len(annotation.events)
    where = annotation.span(first.trigger)
    event = next(e for e in back.events if back.span(e.trigger).start == where.start)
    assert event.modality == "future"
    assert [back.span_text(m) for m in event.mentions] == ["talks"]
