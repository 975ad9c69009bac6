"""annotui's own format: export, import into an empty store, export again: the same file.

Every export here is validated against the format's JSON Schema (shipped in the package).
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotate.edits import reject_span
from annotate.model import Annotation
from store import Store
from store.exporting import FORMATS, export_articles
from store.formats.annotui_lines import SCHEMA, last_annotator
from store.importing import add_articles, check_inputs
from tests.annotate.edit_helpers import gold, with_mentions
from tests.annotate.edit_ops import FAST, run_ops
from tests.store.store_helpers import add_reviewed_seed, human
from tui.cli import main

JSONL = FORMATS["jsonl"]
VALIDATOR = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def export(store: Store, out: Path) -> bytes:
    """Export every article; check each line against the schema; return the file's bytes."""
    ids = [s.id for s in store.summaries()]
    done = export_articles(store, ids, out, JSONL)
    assert done.written == len(ids) and done.unannotated == 0
    data = out.read_bytes()
    for line in data.decode("utf-8").splitlines():
        errors = sorted(VALIDATOR.iter_errors(json.loads(line)), key=str)
        assert not errors, errors[0]
    return data


def round_trip(store: Store, tmp_path: Path) -> tuple[bytes, bytes, Store]:
    """Export ``store``, import the file into an empty store, export that; return both files
    and the new store."""
    first = export(store, tmp_path / "first.jsonl")
    again = Store(tmp_path / "again")
    added = add_articles(again, check_inputs([str(tmp_path / "first.jsonl")], strict=True))
    assert len(added.new) == len(store)
    return first, export(again, tmp_path / "second.jsonl"), again


def corpus(store: Store, count: int) -> None:
    """``count`` articles of our own in every state: new and unannotated, suggested,
    edited by hand with rejections, reviewed."""
    model = gold(as_model=True)
    for n in range(count):
        text = model.text.replace("Moscow", f"Moscow {n}") if n else model.text
        aid = store.add_article(text, title=f"Article {n}", metadata={"n": n})
        if n % 4 == 0:
            continue  # not annotated yet
        annotation = _shifted(model, text)
        store.save_annotation(aid, annotation)
        if n % 4 >= 2:
            span = next(iter(annotation.live_spans("entity")))
            patch = reject_span(annotation, span.id, by=human(f"ann{n % 3}"))
            store.apply_patch(aid, patch, annotator=f"ann{n % 3}")
        if n % 4 == 3:
            store.set_status(aid, "reviewed")


def _shifted(annotation: Annotation, text: str) -> Annotation:
    """``annotation`` moved onto ``text``, which inserts characters after "Moscow"."""
    at = annotation.text.index("Moscow") + len("Moscow")
    shift = len(text) - len(annotation.text)
    data = annotation.to_dict(include_text=False)
    for span in data["spans"]:
        for end in ("start", "end"):
            if span[end] >= at:
                span[end] += shift
    return Annotation.from_dict(data, text=text)


def test_the_seed_round_trips_to_the_same_file(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    aid, _ = add_reviewed_seed(store)
    first, second, again = round_trip(store, tmp_path)
    assert first == second
    assert again.annotation(aid) == store.annotation(aid)
    assert again.summary(aid).status == "reviewed"
    line = json.loads(first)
    assert line["format"] == "annotui" and line["version"] == 1 and line["status"] == "reviewed"
    assert {s["provenance"]["source"] for s in line["annotation"]["spans"]} == {"human"}


def test_a_corpus_of_fifty_in_every_state_round_trips(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    corpus(store, 50)
    first, second, again = round_trip(store, tmp_path)
    assert first == second
    lines = [json.loads(line) for line in first.decode("utf-8").splitlines()]
    assert len(lines) == 50
    assert sum(line["annotation"] is None for line in lines) == 13  # n % 4 == 0
    assert {line["status"] for line in lines} == {"new", "in_progress", "reviewed"}
    rejected = [
        s
        for line in lines
        if line["annotation"]
        for s in line["annotation"]["spans"]
        if s["provenance"]["state"] == "rejected"
    ]
    assert rejected and all(s["provenance"]["source"] == "human" for s in rejected)
    for summary in store.summaries():
        assert again.summary(summary.id).status == summary.status
        assert again.annotation(summary.id) == store.annotation(summary.id)


@settings(FAST, max_examples=30)  # each example writes and reads three stores
@given(data=st.data(), as_model=st.booleans())
def test_any_edited_annotation_round_trips(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject, as_model: bool
) -> None:
    tmp_path = tmp_path_factory.mktemp("trip")
    edited = run_ops(gold(as_model), data, steps=6, check=lambda before, patch: patch.apply(before))
    store = Store(tmp_path / "store")
    aid = store.add_article(edited.text)
    store.save_annotation(aid, edited)
    first, second, again = round_trip(store, tmp_path)
    assert first == second
    assert again.annotation(aid) == edited


def test_the_article_annotator_is_the_latest_human_decision() -> None:
    assert last_annotator(None) is None
    assert last_annotator(gold(as_model=True)) is None


def test_standard_output_and_a_line_of_another_version_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store_path = tmp_path / "store"
    with Store(store_path) as store:
        corpus(store, 3)
    assert main(["export", "-", "--store", str(store_path)]) == 0
    out = capsys.readouterr().out
    assert [json.loads(line)["title"] for line in out.splitlines()] == [
        "Article 0",
        "Article 1",
        "Article 2",
    ]
    later = tmp_path / "later.jsonl"
    line = json.loads(out.splitlines()[0])
    later.write_text(json.dumps({**line, "version": 2}) + "\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["import", str(later), "--strict", "--store", str(tmp_path / "other")])
    assert exit_info.value.code == 2
    assert "later.jsonl:1: format version 2, this annotui reads version 1: upgrade annotui" in (
        capsys.readouterr().err
    )


def test_the_documentation_names_every_field_of_the_schema() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    doc = (Path(__file__).resolve().parents[2] / "docs" / "format.md").read_text(encoding="utf-8")
    fields = set(schema["properties"])
    for definition in schema["$defs"].values():
        fields |= set(definition.get("properties", {}))
        fields |= set(definition.get("items", {}).get("properties", {}))
    for kind in ("participants", "arguments"):
        fields |= set(schema["$defs"]["event"]["properties"][kind]["items"]["properties"])
    missing = sorted(f for f in fields if f"`{f}`" not in doc and f'"{f}"' not in doc)
    assert missing == []


def test_participant_mentions_round_trip(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    annotation = with_mentions(gold())
    aid = store.add_article(annotation.text)
    store.save_annotation(aid, annotation)
    first, second, again = round_trip(store, tmp_path)
    assert first == second and again.annotation(aid) == annotation
    assert all(p.mention for e in annotation.events for p in e.participants)
