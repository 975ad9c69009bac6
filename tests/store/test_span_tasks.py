"""Prodigy and doccano JSON lines: imported with their spans (never 0 annotations without a
word), exported for those tools, and read back. The files are our own, in their shapes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store import Store, StoreError
from store.exporting import FORMATS, export_articles
from store.importing import add_articles, check_inputs
from tests.store.store_helpers import add_reviewed_seed
from tui.cli import main

BERG = "Anna Berg met Omar Diaz in Oslo on Monday."
RAIN = "Heavy rain flooded Bergen on Sunday."
NOISE = "The market closed early."


def spans(text: str, *phrases: tuple[str, str]) -> list[dict[str, object]]:
    found = []
    for phrase, label in phrases:
        start = text.index(phrase)
        found.append({"start": start, "end": start + len(phrase), "label": label})
    return found


def prodigy_file(path: Path) -> Path:
    lines = [
        {
            "text": BERG,
            "spans": spans(BERG, ("Anna Berg", "PERSON"), ("Omar Diaz", "PERSON"), ("Oslo", "GPE")),
            "relations": [{"head": 0, "child": 3, "label": "MET"}],
            "answer": "accept",
            "meta": {"title": "Talks in Oslo"},
            "_input_hash": 1,
            "_task_hash": 2,
        },
        {"text": RAIN, "spans": spans(RAIN, ("Bergen", "PERSON")), "answer": "reject"},
        {"text": NOISE, "spans": [], "answer": "ignore"},
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def doccano_file(path: Path) -> Path:
    entities = [
        {"id": 7, "label": "PERSON", "start_offset": 0, "end_offset": 9},
        {
            "id": 8,
            "label": "GPE",
            "start_offset": BERG.index("Oslo"),
            "end_offset": BERG.index("Oslo") + 4,
        },
    ]
    lines = [
        {"id": 1, "text": BERG, "entities": entities, "relations": []},
        {"text": RAIN, "label": [[RAIN.index("Bergen"), RAIN.index("Bergen") + 6, "GPE"]]},
        {"text": NOISE, "labels": [[4, 10, "ORG"]]},
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def stored_spans(store: Store) -> dict[str, list[tuple[int, int, str, str, str]]]:
    found = {}
    for summary in store.summaries():
        annotation = store.annotation(summary.id)
        text = store.article(summary.id).text
        found[text] = [
            (s.start, s.end, s.label, s.provenance.source, s.provenance.state)
            for s in (annotation.spans if annotation else ())
        ]
    return found


def test_a_prodigy_file_imports_its_spans_and_names_what_it_cannot_hold(tmp_path: Path) -> None:
    path = prodigy_file(tmp_path / "ner.jsonl")
    inputs = check_inputs([str(path)])
    assert inputs.notices == [
        f"{path}:1: 1 relation(s) not imported: annotui links people, roles and events itself "
        "(the spans are kept)",
        f'{path}:3: skipped: answered "ignore" in Prodigy',
    ]
    store = Store(tmp_path / "store")
    added = add_articles(store, inputs)
    assert len(added.new) == 2
    found = stored_spans(store)
    assert found[BERG] == [
        (0, 9, "PERSON", "import:prodigy", "accepted"),
        (14, 23, "PERSON", "import:prodigy", "accepted"),
        (27, 31, "GPE", "import:prodigy", "accepted"),
    ]
    assert found[RAIN] == [(19, 25, "PERSON", "import:prodigy", "rejected")]
    titles = {s.title for s in store.summaries()}
    assert "Talks in Oslo" in titles


def test_a_doccano_file_of_either_shape_imports_its_entities(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    add_articles(store, check_inputs([str(doccano_file(tmp_path / "d.jsonl"))]))
    found = stored_spans(store)
    assert found[BERG] == [
        (0, 9, "PERSON", "import:doccano", "accepted"),
        (27, 31, "GPE", "import:doccano", "accepted"),
    ]
    assert found[RAIN] == [(19, 25, "GPE", "import:doccano", "accepted")]
    assert found[NOISE] == [(4, 10, "ORG", "import:doccano", "accepted")]


def test_as_suggestions_keeps_the_spans_to_review(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    path = doccano_file(tmp_path / "d.jsonl")
    add_articles(store, check_inputs([str(path)], as_suggestions=True))
    assert {state for spans in stored_spans(store).values() for *_, state in spans} == {"suggested"}


def test_a_bad_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(
        json.dumps({"text": BERG, "spans": [{"start": 0, "end": 99, "label": "PERSON"}]}) + "\n"
    )
    with pytest.raises(Exception, match=r"bad\.jsonl:1: span 0-99 is outside the text"):
        check_inputs([str(path)], strict=True)


@pytest.mark.parametrize("name", ["prodigy", "doccano"])
def test_an_export_reads_back_with_every_entity(name: str, tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    aid, annotation = add_reviewed_seed(store)
    out = tmp_path / f"{name}.jsonl"
    export_articles(store, [aid], out, FORMATS[name], suggestions=False)
    line = json.loads(out.read_text(encoding="utf-8"))
    relations = line["relations"]
    assert len(relations) == len(annotation.roles) + sum(
        len(e.participants) for e in annotation.events
    )
    again = Store(tmp_path / "again")
    add_articles(again, check_inputs([str(out)]))
    back = again.annotation(aid)
    assert back is not None
    wanted = sorted((s.start, s.end, s.label) for s in annotation.spans if s.layer != "argument")
    assert sorted((s.start, s.end, s.label) for s in back.spans) == wanted
    assert {s.provenance.source for s in back.spans} == {f"import:{name}"}


def test_the_command_says_what_a_file_could_not_hold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = prodigy_file(tmp_path / "ner.jsonl")
    assert main(["import", str(path), "--store", str(tmp_path / "store")]) == 0
    err = capsys.readouterr().err
    assert "ner.jsonl:1: 1 relation(s) not imported" in err
    assert 'ner.jsonl:3: skipped: answered "ignore"' in err
    assert "added 2 article(s)" in err


def label_studio_file(path: Path) -> Path:
    def result(text: str, phrase: str, label: str, rid: str) -> dict[str, object]:
        start = text.index(phrase)
        value = {"start": start, "end": start + len(phrase), "text": phrase, "labels": [label]}
        return {
            "id": rid,
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "value": value,
        }

    tasks = [
        {
            "id": 1,
            "data": {"text": BERG},
            "annotations": [
                {
                    "result": [
                        result(BERG, "Anna Berg", "PERSON", "a"),
                        result(BERG, "Oslo", "GPE", "b"),
                        {"type": "relation", "from_id": "a", "to_id": "b", "labels": ["IN"]},
                    ]
                }
            ],
            "predictions": [
                {"model_version": "v1", "result": [result(BERG, "Omar Diaz", "PERSON", "c")]}
            ],
        }
    ]
    path.write_text(json.dumps(tasks, indent=2), encoding="utf-8")
    return path


def test_label_studio_annotations_are_decisions_and_predictions_suggestions(
    tmp_path: Path,
) -> None:
    path = label_studio_file(tmp_path / "tasks.json")
    inputs = check_inputs([str(path)])
    assert inputs.notices == [
        f"{path}: task 1: a relation result not imported (annotui keeps labelled spans; it "
        "links people and events itself)"
    ]
    store = Store(tmp_path / "store")
    add_articles(store, inputs)
    assert stored_spans(store)[BERG] == [
        (0, 9, "PERSON", "import:labelstudio", "accepted"),
        (14, 23, "PERSON", "import:labelstudio", "suggested"),
        (27, 31, "GPE", "import:labelstudio", "accepted"),
    ]
    out = tmp_path / "out.json"
    aid = store.summaries()[0].id
    export_articles(store, [aid], out, FORMATS["labelstudio"])
    [task] = json.loads(out.read_text(encoding="utf-8"))
    [annotation] = task["annotations"]
    assert [r["value"]["text"] for r in annotation["result"]] == ["Anna Berg", "Oslo"]
    [prediction] = task["predictions"]
    assert [r["value"]["text"] for r in prediction["result"]] == ["Omar Diaz"]
    again = Store(tmp_path / "again")
    add_articles(again, check_inputs([str(out)]))
    assert {(s, e, label) for s, e, label, *_ in stored_spans(again)[BERG]} == {
        (s, e, label) for s, e, label, *_ in stored_spans(store)[BERG]
    }


def test_labels_the_configuration_lacks_are_added_to_the_store_configuration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotate.labels import load_config

    monkeypatch.setenv("ANNOTUI_CONFIG", str(tmp_path / "no-user-config.toml"))
    path = tmp_path / "gadgets.jsonl"
    line = {
        "text": BERG,
        "spans": spans(BERG, ("Anna Berg", "PERSON"), ("Oslo", "GADGET"), ("Monday", "Day-Name")),
    }
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    store_path = tmp_path / "store"
    assert main(["import", str(path), "--store", str(store_path), "--json"]) == 0
    captured = capsys.readouterr()
    summary = json.loads(captured.out)
    assert summary["labels_added"] == ["GADGET"] and len(summary["added"]) == 1
    config_file = store_path / "config.toml"
    assert f"label(s) GADGET added to {config_file}" in captured.err
    assert "label(s) Day-Name kept on their spans" in captured.err
    config = load_config(tmp_path / "no-user-config.toml", config_file)
    spec = config.label("GADGET")
    assert spec is not None and spec.description == "gadget"
    # importing again adds nothing new to the file
    before = config_file.read_text(encoding="utf-8")
    assert main(["import", str(path), "--store", str(store_path)]) == 0
    assert config_file.read_text(encoding="utf-8") == before


def test_format_forces_the_reading_and_strict_refuses_what_cannot_be_held(
    tmp_path: Path,
) -> None:
    path = tmp_path / "ner.txt"  # a Prodigy file under another suffix
    path.write_text(prodigy_file(tmp_path / "ner.jsonl").read_text(), encoding="utf-8")
    assert len(list(check_inputs([str(path)]).items())) == 1  # read as one text article
    items = list(check_inputs([str(path)], fmt="prodigy").items())
    assert [item["text"] for item in items] == [BERG, RAIN]
    with pytest.raises(StoreError, match=r"ner\.jsonl:1: 1 relation\(s\) not imported.*--strict"):
        check_inputs([str(tmp_path / "ner.jsonl")], strict=True)
    with pytest.raises(StoreError, match="unknown import format 'xml'"):
        check_inputs([str(path)], fmt="xml")


def test_prodigy_marks_a_task_with_undecided_suggestions_as_still_to_answer(
    tmp_path: Path,
) -> None:
    store = Store(tmp_path / "store")
    add_articles(
        store, check_inputs([str(doccano_file(tmp_path / "d.jsonl"))], as_suggestions=True)
    )
    out = tmp_path / "p.jsonl"
    export_articles(store, [s.id for s in store.summaries()], out, FORMATS["prodigy"])
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines and all("answer" not in line and line["spans"] for line in lines)
    decided = Store(tmp_path / "decided")
    add_articles(decided, check_inputs([str(doccano_file(tmp_path / "e.jsonl"))]))
    export_articles(
        decided, [s.id for s in decided.summaries()], out, FORMATS["prodigy"], force=True
    )
    assert {json.loads(line)["answer"] for line in out.read_text().splitlines()} == {"accept"}
