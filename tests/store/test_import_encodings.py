"""Importing text that is not UTF-8, a corpus of one article per line, and a folder with a
bad file in it: the good files are added, the bad one is named, nothing is dropped silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from store import Store, StoreError
from store.formats.plain_text import ENCODING
from store.importing import add_articles, check_inputs
from tui.cli import main

POUND = "The council spent £4 million on the new bridge in Leeds, said Councillor Mary Hale."
CAFE = "Chef René Dubois opened a café in Montréal, where the mayor praised his crème brûlée."
QUOTES = "“We will rebuild,” said Governor Alan Price after the flood in Cairns on Monday."


def test_a_latin1_file_is_read_in_the_encoding_detected_and_says_so(tmp_path: Path) -> None:
    latin = tmp_path / "pound.txt"
    latin.write_bytes(f"{POUND}\n{CAFE}\n".encode("latin-1"))
    inputs = check_inputs([str(latin)])
    [notice] = inputs.notices
    assert notice.startswith(f"{latin}: not UTF-8; read as ") and "--encoding" in notice
    [item] = inputs.items()
    assert item["text"] == f"{POUND}\n{CAFE}\n"
    assert item["metadata"][ENCODING] == notice.split("read as ")[1].split(" ")[0]


def test_a_cp1252_file_with_curly_quotes_is_read_right(tmp_path: Path) -> None:
    quotes = tmp_path / "quotes.txt"
    quotes.write_bytes((QUOTES + " " + POUND).encode("cp1252"))
    [item] = check_inputs([str(quotes)]).items()
    assert item["text"] == QUOTES + " " + POUND


def test_an_encoding_given_is_used_and_a_wrong_one_is_named_with_the_byte(
    tmp_path: Path,
) -> None:
    latin = tmp_path / "cafe.txt"
    latin.write_bytes(CAFE.encode("latin-1"))
    inputs = check_inputs([str(latin)], encoding="latin-1")
    assert inputs.notices == []
    assert [item["text"] for item in inputs.items()] == [CAFE]
    with pytest.raises(StoreError, match=r"cafe\.txt: not utf-8 text \(byte 8\)"):
        check_inputs([str(latin)], encoding="utf-8", strict=True)


def test_utf8_text_has_no_encoding_in_its_metadata(tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text(CAFE, encoding="utf-8")
    [item] = check_inputs([str(plain)]).items()
    assert "metadata" not in item


def test_lines_makes_each_line_an_article_named_by_its_line(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.cor"
    corpus.write_bytes(f"{POUND}\n\n{CAFE}\r\n{QUOTES}\n{POUND}\n".encode("cp1252"))
    inputs = check_inputs([str(corpus)], lines=True)
    items = list(inputs.items())
    assert [item["text"] for item in items] == [POUND, CAFE, QUOTES, POUND]
    assert [item["source"] for item in items] == [f"{corpus}:{n}" for n in (1, 3, 4, 5)]
    store = Store(tmp_path / "store")
    added = add_articles(store, inputs)
    assert len(added.new) == 3  # the same line twice is one article
    titles = sorted(s.title for s in store.summaries())
    assert titles == sorted([POUND, CAFE, QUOTES])


def test_a_bad_file_is_skipped_with_its_reason_and_the_others_added(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(CAFE)
    (folder / "b.txt").write_bytes(b"\0" * 500)
    (folder / "c.txt").write_bytes(POUND.encode("latin-1"))
    (folder / "d.txt").write_text("   \n")
    inputs = check_inputs([str(folder)])
    assert inputs.skipped == 2
    skipped = [n for n in inputs.notices if n.startswith("skipped ")]
    assert [n.split(": ")[0] for n in skipped] == [
        f"skipped {folder / 'b.txt'}",
        f"skipped {folder / 'd.txt'}",
    ]
    assert "not text but binary data" in skipped[0] and "empty" in skipped[1]
    assert [item["text"] for item in inputs.items()] == [CAFE, POUND]
    with pytest.raises(StoreError, match=r"b\.txt: not text but binary data"):
        check_inputs([str(folder)], strict=True)


def test_the_command_line_reads_encodings_and_lines_and_exits_1_on_a_skipped_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "store"
    corpus = tmp_path / "corpus.cor"
    corpus.write_bytes(f"{POUND}\n{CAFE}\n".encode("latin-1"))
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\0" * 100)
    code = main(["import", str(corpus), str(bad), "--lines", "--store", str(store)])
    err = capsys.readouterr().err
    assert code == 1
    assert "not UTF-8; read as" in err and f"skipped {bad}:1: not text" in err
    assert "added 2 article(s)" in err and "1 file(s) skipped" in err
    with Store(store, readonly=True) as opened:
        assert sorted(opened.article(s.id).text for s in opened.summaries()) == [CAFE, POUND]

    with pytest.raises(SystemExit) as exit_info:
        main(["import", str(corpus), "--encoding", "no-such-codec", "--store", str(store)])
    assert exit_info.value.code == 2
    assert "unknown encoding 'no-such-codec'" in capsys.readouterr().err


def test_one_pound_sign_in_a_long_ascii_corpus_is_read_as_windows_1252(tmp_path: Path) -> None:
    # the shape of a news corpus of one article per line, ASCII but for one Latin-1 byte:
    # such bytes fit many encodings, and cp932 fits with no language evidence at all
    lines = [
        f"Officials in district {n} said on Tuesday that the council would review the budget "
        f"for roads, schools and parks after residents complained about delays. " * 8
        for n in range(40)
    ]
    lines[17] += "The mayor, still wearing his £3,000 suit, declined to comment."
    corpus = tmp_path / "news.cor"
    corpus.write_bytes("\n".join(lines).encode("latin-1"))
    inputs = check_inputs([str(corpus)], lines=True)
    assert inputs.notices == [
        f"{corpus}: not UTF-8; read as cp1252 (detected; --encoding to choose)"
    ]
    texts = [item["text"] for item in inputs.items()]
    assert len(texts) == 40 and "his £3,000 suit" in texts[17]
