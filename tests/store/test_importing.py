"""Adding articles from files: checked first, then added in steps that can stop."""

from __future__ import annotations

import io
import json
import threading
from pathlib import Path

import pytest

from store import Store, StoreError
from store.formats.contract_lines import read_contract
from store.formats.plain_text import headline
from store.importing import add_articles, check_inputs, read_articles


def test_a_first_line_standing_alone_is_the_headline() -> None:
    assert headline("Kim meets Putin\n\nKim met Putin on Wednesday.") == "Kim meets Putin"
    assert headline("Kim met Putin on Wednesday.\nThey talked.") is None
    assert headline("Only a title\n\n") is None


def test_read_articles_names_the_bad_input(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Fine.")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    with pytest.raises(StoreError, match=r"latin1\.txt: not utf-8 text \(byte 3\)"):
        read_articles([str(tmp_path / "ok.txt"), str(tmp_path / "latin1.txt")], encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text('{"text": "a", "entities": [{"start": 0}]}\n')
    with pytest.raises(StoreError, match=r"lines\.jsonl:1: "):
        read_articles([str(tmp_path / "lines.jsonl")])
    (tmp_path / "empty").mkdir()
    with pytest.raises(StoreError, match=r"empty: no \*\.txt files"):
        read_articles([str(tmp_path / "empty")])
    assert read_articles(["-"], io.StringIO("From a pipe.")) == [
        {"text": "From a pipe.", "title": None, "source": "<stdin>"}
    ]


def _items(count: int) -> list[dict[str, object]]:
    return [
        {"text": f"Article number {n}.", "title": None, "source": f"{n}.txt"} for n in range(count)
    ]


def test_add_in_steps_reports_progress_and_skips_what_is_stored(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    items = _items(7)
    store.add_article(items[2]["text"])  # type: ignore[arg-type]
    seen: list[tuple[int, int]] = []
    added = add_articles(store, items + items[:1], progress=lambda *d: seen.append(d), step=3)
    assert len(added.new) == 6 and len(added.known) == 1 and not added.stopped
    assert seen == [(3, 6), (6, 6)]
    assert len(store) == 7


def test_stopping_leaves_whole_articles_and_the_rest_can_follow(tmp_path: Path) -> None:
    path = tmp_path / "store"
    items = _items(10)
    asked = iter([False, True])
    added = add_articles(Store(path), items, stop=lambda: next(asked), step=4)
    assert added.stopped and len(added.new) == 4
    reopened = Store(path)
    assert len(reopened) == 4
    assert all(reopened.article(aid).text for aid in added.new)
    rest = add_articles(reopened, items, step=4)
    assert len(rest.new) == 6 and len(rest.known) == 4 and len(Store(path)) == 10


def _folder(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for n in range(count):
        (folder / f"{n:03}.txt").write_text(f"Article number {n}. Nothing else happened.")
    return folder


def test_a_link_to_a_file_outside_the_folder_is_skipped_unless_followed(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 1)
    (folder / "sub").mkdir()
    (folder / "sub" / "inner.md").write_text("Inside the folder, linked.")
    (folder / "inside.txt").symlink_to(folder / "sub" / "inner.md")
    (tmp_path / "secret").write_text("root:x:0:0:root:/root:/bin/bash")
    (folder / "passwd.txt").symlink_to(tmp_path / "secret")
    inputs = check_inputs([str(folder)])
    assert [item["source"] for item in inputs.items()] == [
        str(folder / "000.txt"),
        str(folder / "inside.txt"),
    ]
    assert inputs.notices == [
        f"{folder / 'passwd.txt'}: skipped: a link to {tmp_path / 'secret'}, outside the folder"
    ]
    followed = check_inputs([str(folder)], follow_links=True)
    assert len(followed) == 3 and followed.notices == []
    assert "root:x" in [item["text"] for item in followed.items()][2]


def test_a_binary_file_that_decodes_as_utf8_is_refused(tmp_path: Path) -> None:
    zeros = tmp_path / "zeros.txt"
    zeros.write_bytes(b"\0" * 4000 + b"PK\x03\x04 a little text at the end")
    with pytest.raises(StoreError, match=r"zeros\.txt: not text but binary data: 4002 of"):
        check_inputs([str(zeros)], strict=True)
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("Kim met Putin.".encode("utf-16-le"))  # valid UTF-8: NUL every other byte
    with pytest.raises(StoreError, match=r"utf16\.txt: not text but binary"):
        check_inputs([str(utf16)], strict=True)
    lines = tmp_path / "lines.jsonl"
    lines.write_text(json.dumps({"text": "ok"}) + "\n" + json.dumps({"text": "\0" * 50}) + "\n")
    with pytest.raises(StoreError, match=r"lines\.jsonl:2: not text but binary"):
        check_inputs([str(lines)], strict=True)
    one_escape = tmp_path / "fine.txt"
    one_escape.write_text("A title with a stray \x1b escape, still an article of text.")
    assert len(check_inputs([str(one_escape)])) == 1


def test_crlf_line_ends_become_lf_and_the_metadata_says_so(tmp_path: Path) -> None:
    crlf = tmp_path / "windows.txt"
    crlf.write_bytes(b"Rain in Bergen\r\n\r\nHeavy rain.\r\nFloods on Sunday.\r\n")
    (tmp_path / "mixed.txt").write_bytes(b"One line.\r\nAnother.\n")
    (tmp_path / "unix.txt").write_bytes(b"Plain line.\n")
    store = Store(tmp_path / "store")
    names = [str(tmp_path / name) for name in ("windows.txt", "mixed.txt", "unix.txt")]
    added = add_articles(store, check_inputs(names))
    windows, mixed, unix = (store.article(aid) for aid in added.new)
    assert windows.text == "Rain in Bergen\n\nHeavy rain.\nFloods on Sunday.\n"
    assert windows.title == "Rain in Bergen"
    assert windows.metadata == {"line_endings": "crlf"}
    assert mixed.metadata == {"line_endings": "mixed"} and unix.metadata == {}
    (item,) = read_articles(["-"], io.StringIO("Old Mac\rtext\r"))
    assert item["text"] == "Old Mac\ntext\n" and item["metadata"] == {"line_endings": "cr"}


def test_two_imports_of_one_folder_at_once_count_each_article_once(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 60)
    Store(tmp_path / "store").close()
    both_checked = threading.Barrier(2)
    counts: list[int] = []

    def run() -> None:
        asked = iter([True])  # both have seen the store empty before either adds

        def stop() -> bool:
            if next(asked, False):
                both_checked.wait(timeout=30)
            return False

        with Store(tmp_path / "store") as store:
            counts.append(
                len(add_articles(store, check_inputs([str(folder)]), stop=stop, step=7).new)
            )

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sum(counts) == 60 and len(counts) == 2, counts
    assert len(Store(tmp_path / "store", readonly=True)) == 60


def test_json_lines_are_read_one_line_at_a_time(tmp_path: Path) -> None:
    lines = tmp_path / "batch.jsonl"
    good = [json.dumps({"text": f"Article {n}. Anna Berg met Omar Diaz."}) for n in range(3)]
    lines.write_text("\n".join([*good, '{"text": "cut off']) + "\n")
    reader = read_contract(lines)
    assert next(reader)["text"] == "Article 0. Anna Berg met Omar Diaz."  # line 4 not read yet
    with pytest.raises(StoreError, match=r"batch\.jsonl:4: invalid JSON"):
        list(reader)
    store = Store(tmp_path / "store")
    with pytest.raises(StoreError, match=r"batch\.jsonl:4: invalid JSON"):
        add_articles(store, check_inputs([str(lines)], strict=True))
    assert len(store) == 0, "every line is checked before any is added"


def test_a_file_changed_between_the_check_and_the_adding_is_refused(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 3)
    inputs = check_inputs([str(folder)])
    assert all(len(source.ids) == 1 for source in inputs.sources), "ids kept, not texts"
    (folder / "001.txt").write_text("Something else entirely.")
    store = Store(tmp_path / "store")
    with pytest.raises(StoreError, match=r"001\.txt: changed while being imported"):
        add_articles(store, inputs, step=1)
    assert len(store) == 1
