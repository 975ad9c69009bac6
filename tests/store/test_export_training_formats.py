"""Exports for training in other tools, read back by the tools themselves: spaCy's own
``DocBin`` loader, ``spacy debug data`` and ``spacy train``; ``spacy convert`` for CoNLL."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from annotate.model import Annotation, Span
from store import Store, StoreError
from store.exporting import FORMATS, export_articles
from store.formats.spacy_docbin import USER_DATA_KEY
from store.formats.token_spans import NOT_ON_TOKENS, OVERLAPS
from tests.store.store_helpers import (
    SEED,
    add_seed_with_told_event,
    human,
    human_seed_annotation,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def seeded(tmp_path: Path) -> tuple[Store, str, Annotation]:
    """A store holding the seed article with a human annotation."""
    store = Store(tmp_path / "store")
    text = SEED.read_text(encoding="utf-8")
    aid = store.add_article(text)
    annotation = human_seed_annotation(text)
    store.save_annotation(aid, annotation)
    return store, aid, annotation


def _docs(path: Path) -> list:
    import spacy
    from spacy.tokens import DocBin

    return list(DocBin().from_disk(path).get_docs(spacy.blank("en").vocab))


def test_the_docbin_holds_entities_roles_events_and_the_rest_in_user_data(
    seeded: tuple[Store, str, Annotation], tmp_path: Path
) -> None:
    store, aid, annotation = seeded
    out = tmp_path / "train.spacy"
    done = export_articles(store, [aid], out, FORMATS["spacy"])
    assert done.written == 1 and done.left_out == ()
    [doc] = _docs(out)
    assert doc.text == annotation.text
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [
        (s.start, s.end, s.label) for s in annotation.entities()
    ]
    assert [(s.text, s.label_) for s in doc.spans["role"]] == [
        ("North Korean leader", "ROLE"),
        ("Russian President", "ROLE"),
    ]
    assert sorted((s.text, s.label_) for s in doc.spans["event"]) == [
        ("arrived", "Movement"),
        ("welcomed", "Meeting"),
    ]
    assert [s.text for s in doc.spans["argument"]] == ["a cosmodrome"]
    data = doc.user_data[USER_DATA_KEY]
    assert data["id"] == aid and data["status"] == "new"
    kim = next(p for p in data["people"] if p["name"] == "Kim Jong Un")
    assert [doc.text[s:e] for s, e in kim["mentions"]] == ["Kim Jong Un", "Kim"]
    [role] = [r for r in data["roles"] if r["person"] == kim["id"]]
    assert doc.text[slice(*role["span"])] == "North Korean leader"
    welcomed = next(e for e in data["events"] if e["type"] == "Meeting")
    assert doc.text[slice(*welcomed["trigger"])] == "welcomed"
    assert [p["part"] for p in welcomed["participants"]] == ["agent", "patient"]


def _with_bad_spans(store: Store, aid: str, annotation: Annotation) -> None:
    """Add an entity cut inside a word and one overlapping Kim Jong Un."""
    start = annotation.text.index("Kim Jong Un")
    extra = (
        Span("X1", start, start + 6, "ORG", human()),  # "Kim Jo": inside a token
        Span("X2", start + 4, start + 19, "ORG", human()),  # "Jong Un arrived": overlaps
    )
    store.save_annotation(aid, replace(annotation, spans=annotation.spans + extra))


def test_what_a_format_cannot_hold_is_reported_not_moved(
    seeded: tuple[Store, str, Annotation], tmp_path: Path
) -> None:
    store, aid, annotation = seeded
    _with_bad_spans(store, aid, annotation)
    for name in ("spacy", "conll"):
        done = export_articles(store, [aid], tmp_path / f"out.{name}", FORMATS[name])
        reasons = sorted((item.reason, item.what.split(" at ")[0]) for item in done.left_out)
        assert reasons == sorted(
            [(NOT_ON_TOKENS, "ORG “Kim Jo”"), (OVERLAPS, "ORG “Jong Un arrived”")]
        )
        assert {item.article_id for item in done.left_out} == {aid}


def test_conll_reads_back_through_spacys_own_converter(
    seeded: tuple[Store, str, Annotation], tmp_path: Path
) -> None:
    from spacy.training.converters import conll_ner_to_docs

    store, aid, annotation = seeded
    second = store.add_article("Anna Berg met Omar Diaz in Oslo.\nThey spoke for an hour.")
    store.save_annotation(
        second,
        Annotation(
            text=store.article(second).text,
            spans=(Span("T1", 0, 9, "PERSON", human()), Span("T2", 14, 23, "PERSON", human())),
        ),
    )
    out = tmp_path / "train.conll"
    export_articles(store, [aid, second], out, FORMATS["conll"])
    text = out.read_text(encoding="utf-8")
    assert text.startswith("-DOCSTART- -X- O O\n\n")
    assert "Kim -X- -X- B-PERSON\nJong -X- -X- I-PERSON\nUn -X- -X- I-PERSON\n" in text
    docs = list(conll_ner_to_docs(text, n_sents=0, no_print=True))
    assert len(docs) == 2
    assert [(e.text, e.label_) for e in docs[1].ents] == [
        ("Anna Berg", "PERSON"),
        ("Omar Diaz", "PERSON"),
    ]
    assert [(e.text, e.label_) for e in docs[0].ents] == [
        (annotation.span_text(s.id), s.label) for s in annotation.entities()
    ]


FIRST = ("Anna", "Omar", "Lena", "Paulo", "Mary", "John", "Rita", "Tomas", "Ines", "Karl")
LAST = ("Berg", "Diaz", "Voss", "Mendes", "Hale", "Okafor", "Lund", "Novak")
CITIES = ("Oslo", "Lagos", "Lisbon", "Munich", "Leeds", "Cairns")


def small_corpus(store: Store, count: int) -> list[str]:
    """``count`` short articles of our own, each with two people and a city annotated."""
    ids = []
    for n in range(count):
        one = f"{FIRST[n % 10]} {LAST[n % 8]}"
        two = f"{FIRST[(n + 3) % 10]} {LAST[(n + 5) % 8]}"
        city = CITIES[n % 6]
        text = f"{one} met {two} in {city} on day {n}. They spoke about the budget."
        aid = store.add_article(text)
        at = [(text.index(one), one, "PERSON"), (text.index(two), two, "PERSON")]
        at.append((text.index(city), city, "GPE"))
        spans = tuple(
            Span(f"T{i}", start, start + len(words), label, human())
            for i, (start, words, label) in enumerate(at)
        )
        store.save_annotation(aid, Annotation(text=text, spans=spans))
        ids.append(aid)
    return ids


def test_spacy_debug_data_and_spacy_train_take_the_export(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    ids = small_corpus(store, 120)
    train, dev = tmp_path / "train.spacy", tmp_path / "dev.spacy"
    export_articles(store, ids[:100], train, FORMATS["spacy"])
    export_articles(store, ids[100:], dev, FORMATS["spacy"])
    config = tmp_path / "config.cfg"

    def spacy(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "spacy", *args],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=tmp_path,
            check=False,
        )

    made = spacy("init", "config", str(config), "--lang", "en", "--pipeline", "ner")
    assert made.returncode == 0, made.stderr
    paths = ("--paths.train", str(train), "--paths.dev", str(dev))
    checked = spacy("debug", "data", str(config), *paths)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    report = re.sub(r"\x1b\[[0-9;]*m", "", checked.stdout)
    assert "100 training docs" in report and "20 evaluation docs" in report
    assert "2 label(s)" in report and "Good amount of examples for all labels" in report
    trained = spacy(
        "train",
        str(config),
        *paths,
        "--training.max_steps",
        "3",
        "--training.eval_frequency",
        "2",
        "--output",
        str(tmp_path / "model"),
    )
    assert trained.returncode == 0, trained.stdout + trained.stderr
    assert (tmp_path / "model" / "model-last" / "ner").is_dir()


def test_the_command_names_what_the_format_left_out(
    seeded: tuple[Store, str, Annotation], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli import main

    store, aid, annotation = seeded
    _with_bad_spans(store, aid, annotation)
    store.close()
    out = tmp_path / "train.conll"
    command = ["export", str(out), "--format", "conll", "--store", str(store.path)]
    # by default a training format takes the reviewed articles only: this one is new
    assert main(command) == 0
    err = capsys.readouterr().err
    assert "exported 0 article(s) as conll (decisions only)" in err
    assert f"left out 1 article(s), status new, not reviewed: {aid}" in err
    assert main([*command, "--all", "--force"]) == 0
    err = capsys.readouterr().err
    assert f"left out 1 item(s), {NOT_ON_TOKENS}: {aid}: ORG “Kim Jo” at " in err
    assert f"left out 1 item(s), {OVERLAPS}: {aid}: ORG “Jong Un arrived”" in err
    assert "exported 1 article(s) as conll" in err


def test_training_exports_hold_decisions_only_unless_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Untouched model output is never written as if it were gold, nor an article with no
    decision as if it held nothing; --include-suggestions adds the suggestions."""
    from tui.cli import main

    store = Store(tmp_path / "store")
    ids = small_corpus(store, 3)
    untouched = store.add_article("Anna Berg met Omar Diaz in Oslo on day 9.")
    store.save_annotation(
        untouched,
        Annotation(text=store.article(untouched).text, spans=(Span("T1", 0, 9, "PERSON"),)),
    )
    store.set_status(ids[0], "reviewed")
    store.close()
    out = tmp_path / "train.spacy"
    base = ["export", str(out), "--format", "spacy", "--store", str(store.path), "--json"]
    assert main([*base, "--all"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["written"] == 3 and summary["suggestions"] is False
    assert summary["articles_left_out"] == {"nothing decided by a person yet": [untouched]}
    assert main([*base, "--all", "--include-suggestions", "--force"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["written"] == 4 and summary["articles_left_out"] == {}
    assert main([*base, "--force"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["written"] == 1
    assert sorted(summary["articles_left_out"]["status new, not reviewed"]) == sorted(
        [*ids[1:], untouched]
    )


def test_split_writes_a_train_and_a_dev_part_drawn_with_the_seed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli import main, split_ids

    store = Store(tmp_path / "store")
    ids = small_corpus(store, 10)
    for aid in ids:
        store.set_status(aid, "reviewed")
    store.close()
    out = tmp_path / "corpus.spacy"
    command = ["export", str(out), "--format", "spacy", "--store", str(store.path)]
    assert main([*command, "--split", "0.8", "--seed", "1", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["train"]["written"], summary["dev"]["written"]) == (8, 2)
    train = [d.user_data[USER_DATA_KEY]["id"] for d in _docs(tmp_path / "corpus.train.spacy")]
    dev = [d.user_data[USER_DATA_KEY]["id"] for d in _docs(tmp_path / "corpus.dev.spacy")]
    assert sorted(train + dev) == sorted(ids) and not set(train) & set(dev)
    assert (train, dev) == split_ids(ids, 0.8, 1)  # the same seed, the same split
    assert split_ids(ids, 0.8, 2) != (train, dev)
    with pytest.raises(SystemExit):
        main([*command, "--split", "1.5", "--force"])
    assert "--split takes a share between 0 and 1" in capsys.readouterr().err


def test_conll_reads_back_with_its_entities_on_the_joined_tokens(
    seeded: tuple[Store, str, Annotation], tmp_path: Path
) -> None:
    from store.importing import add_articles, check_inputs

    store, aid, annotation = seeded
    out = tmp_path / "train.conll"
    export_articles(store, [aid], out, FORMATS["conll"])
    inputs = check_inputs([str(out)])
    assert inputs.notices == [
        f"{out}: the text of its 1 article(s) is its tokens joined by spaces (CoNLL keeps no "
        "spacing)"
    ]
    again = Store(tmp_path / "again")
    add_articles(again, inputs)
    [summary] = again.summaries()
    back = again.annotation(summary.id)
    assert back is not None
    assert [(back.span_text(s.id), s.label) for s in back.spans] == [
        (" ".join(annotation.span_text(s.id).split()).replace("’s", " ’s"), s.label)
        for s in annotation.entities()
    ]
    assert {s.provenance.source for s in back.spans} == {"import:conll"}


def test_an_iob1_file_of_two_documents_is_two_articles(tmp_path: Path) -> None:
    from store.importing import check_inputs

    path = tmp_path / "old.conll"
    path.write_text(
        "-DOCSTART- -X- -X- O\n\nAnna NNP B-NP I-PER\nBerg NNP I-NP I-PER\nspoke VBD B-VP O\n"
        ". . O O\n\n-DOCSTART- -X- -X- O\n\nOslo NNP B-NP I-LOC\nI-LOC? NN O B-MISC\n",
        encoding="utf-8",
    )
    items = list(check_inputs([str(path)]).items())
    assert [i["text"] for i in items] == ["Anna Berg spoke .", "Oslo I-LOC?"]
    first, second = (i["annotation"] for i in items)
    assert [(first.span_text(s.id), s.label) for s in first.spans] == [("Anna Berg", "PER")]
    assert [(second.span_text(s.id), s.label) for s in second.spans] == [
        ("Oslo", "LOC"),
        ("I-LOC?", "MISC"),
    ]
    bad = tmp_path / "bad.conll"
    bad.write_text("Anna X-PER\n", encoding="utf-8")
    with pytest.raises(StoreError, match=r"bad\.conll:1: tag 'X-PER' is not O, B-LABEL or I-LABEL"):
        check_inputs([str(bad)], strict=True)


def test_a_docbin_reads_back_with_people_roles_and_events(
    seeded: tuple[Store, str, Annotation], tmp_path: Path
) -> None:
    from store.importing import add_articles, check_inputs

    store, aid, annotation = seeded
    out = tmp_path / "train.spacy"
    export_articles(store, [aid], out, FORMATS["spacy"])
    again = Store(tmp_path / "again")
    inputs = check_inputs([str(out)])
    assert inputs.notices == []
    add_articles(again, inputs)
    back = again.annotation(aid)
    assert back is not None and again.summary(aid).title == store.summary(aid).title
    assert sorted((s.start, s.end, s.label) for s in back.spans) == sorted(
        (s.start, s.end, s.label) for s in annotation.spans
    )
    assert [(p.name, [back.span_text(m) for m in p.mentions]) for p in back.people] == [
        (p.name, [annotation.span_text(m) for m in p.mentions]) for p in annotation.people
    ]
    assert [(back.span_text(r.span), r.person) for r in back.roles] == [
        (annotation.span_text(r.span), r.person) for r in annotation.roles
    ]
    assert [
        (e.type, e.participants, back.span_text(e.place) if e.place else None) for e in back.events
    ] == [
        (e.type, e.participants, annotation.span_text(e.place) if e.place else None)
        for e in annotation.events
    ]
    assert {s.provenance.source for s in back.spans} == {"import:spacy"}


def test_a_docbin_keeps_modality_and_later_mentions(tmp_path: Path) -> None:
    """The later mentions are trigger spans of the ``event`` group too, and ``user_data``
    holds which event they tell again and its modality; both read back."""
    from store.importing import add_articles, check_inputs

    store = Store(tmp_path / "store")
    aid, _, first = add_seed_with_told_event(store, "hypothetical")
    out = tmp_path / "train.spacy"
    export_articles(store, [aid], out, FORMATS["spacy"])
    again = Store(tmp_path / "again")
    add_articles(again, check_inputs([str(out)]))
    back = again.annotation(aid)
    assert back is not None
    event = next(e for e in back.events if e.id == first.id)
    assert event.modality == "hypothetical"
    assert [back.span_text(m) for m in event.mentions] == ["talks"]
