"""What the command line writes for a person to read never carries a terminal escape sequence
from an article or a file name; ``--json`` output keeps the text exact."""

from __future__ import annotations

import io
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

from store import Store
from tui.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
# A window title, a clipboard write (OSC 52), a screen clear, a C1 CSI and a bidi override.
HOSTILE = "Kim\x1b]0;owned\x07 meets\x1b]52;c;aGk=\x07 Putin\x1b[2J\x9b31m\u202eevil\nsecond line"
TEXT = "Kim Jong Un met Vladimir Putin at the cosmodrome. They talked for hours."
UNSAFE = ("\x1b", "\x07", "\x9b", "\u202e")


class Terminal(io.StringIO):
    """Standard output as on a terminal."""

    def isatty(self) -> bool:
        return True


def _store(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "store"
    with Store(path) as store:
        aid = store.add_article(TEXT, title=HOSTILE, source=f"evil\x1b[2J{os.sep}name.txt")
    return path, aid


def _run(*argv: str) -> str:
    args = build_parser().parse_args(argv)
    out = Terminal()
    assert args.handler(args, out) == 0
    return out.getvalue()


def test_list_and_show_write_control_characters_as_placeholders(tmp_path: Path) -> None:
    path, aid = _store(tmp_path)
    listed = _run("list", "--store", str(path))
    shown = _run("show", aid, "--store", str(path))
    for output in (listed, shown):
        assert not any(char in output for char in UNSAFE), repr(output)
        assert "Kim␛]0;owned� meets␛]52;c;aGk=� Putin␛[2J" in output
    assert len(listed.splitlines()) == 1, "a title is one line: its newline is shown, not kept"
    assert shown.splitlines()[0].endswith("evil�second line")


def test_json_output_keeps_the_text_exact(tmp_path: Path) -> None:
    path, aid = _store(tmp_path)
    assert json.loads(_run("show", aid, "--json", "--store", str(path)))["title"] == HOSTILE
    assert json.loads(_run("list", "--json", "--store", str(path)))["title"] == HOSTILE


def test_list_on_a_real_terminal_writes_no_escape(tmp_path: Path) -> None:
    path, _ = _store(tmp_path)
    main, tty = pty.openpty()
    command = [sys.executable, "-m", "tui", "list", "--store", str(path)]
    with subprocess.Popen(command, stdout=tty, stderr=tty, cwd=ROOT) as child:
        os.close(tty)
        output = b""
        while chunk := _read(main):
            output += chunk
        assert child.wait(timeout=60) == 0, output
    os.close(main)
    assert b"Putin" in output and b"\x1b" not in output and b"\x07" not in output


def _read(fd: int) -> bytes:
    try:
        return os.read(fd, 65536)
    except OSError:  # EIO: the child closed the terminal
        return b""


def test_file_names_in_import_messages_are_shown_safely(tmp_path: Path) -> None:
    empty = tmp_path / "x\x1b]0;owned\x07.txt"
    empty.write_text("   \n")
    command = [sys.executable, "-m", "tui", "import", str(empty), "--store", str(tmp_path / "s")]
    done = subprocess.run(command, capture_output=True, timeout=60, cwd=ROOT, check=False)
    assert done.returncode == 1  # the file is skipped, named
    assert b"x\xe2\x90\x9b]0;owned" in done.stderr and b"\x1b" not in done.stderr


def _import(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "tui", "import", *args]
    return subprocess.run(
        command, capture_output=True, text=True, timeout=60, cwd=ROOT, check=False
    )


def test_import_skips_links_out_of_the_folder_unless_follow_links(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Anna Berg met Omar Diaz in Oslo.")
    (tmp_path / "secret").write_text("root:x:0:0:root:/root:/bin/bash")
    (folder / "passwd.txt").symlink_to(tmp_path / "secret")
    store = str(tmp_path / "store")
    skipped = _import(str(folder), "--store", store)
    assert skipped.returncode == 0, skipped.stderr
    assert f"{folder / 'passwd.txt'}: skipped: a link to {tmp_path / 'secret'}" in skipped.stderr
    assert "--follow-links" in skipped.stderr and "added 1 article(s)" in skipped.stderr
    followed = _import(str(folder), "--follow-links", "--store", store)
    assert followed.returncode == 0 and "added 1 article(s)" in followed.stderr
    assert "root:x" in followed.stdout and "skipped" not in followed.stderr


def test_import_skips_a_binary_file_or_with_strict_adds_nothing(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("A good article.")
    (tmp_path / "image.txt").write_bytes(b"\0" * 2000)
    store = tmp_path / "store"
    inputs = str(tmp_path / "good.txt"), str(tmp_path / "image.txt")
    done = _import(*inputs, "--store", str(store), "--strict")
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "image.txt: not text but binary data" in done.stderr
    assert not store.exists() or len(Store(store, readonly=True)) == 0
    done = _import(*inputs, "--store", str(store))
    assert done.returncode == 1
    assert "skipped " in done.stderr and "image.txt: not text but binary data" in done.stderr
    assert len(Store(store, readonly=True)) == 1
