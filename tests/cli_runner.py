"""Run ``annotui`` commands in the test's own process, as the console script would run them.

Starting a Python and loading spaCy for each command cost most of the command-line tests'
time; in-process, the pipeline is loaded once per test process (``annotate.pipeline`` caches
it by name). Two tests still run the real console script and ``python -m tui``.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from tui.cli import main

ROOT = Path(__file__).resolve().parents[1]
ANNOTUI = Path(sys.executable).with_name("annotui")


@dataclass(frozen=True)
class Ran:
    """What a command did: its exit status and what it wrote."""

    returncode: int
    stdout: str
    stderr: str


@contextlib.contextmanager
def _environment(env: Mapping[str, str] | None) -> Iterator[None]:
    """``os.environ`` replaced by ``env`` (when given) for the duration, in ``ROOT``."""
    saved, cwd = dict(os.environ), os.getcwd()
    if env is not None:
        os.environ.clear()
        os.environ.update(env)
    os.chdir(ROOT)
    try:
        yield
    finally:
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(saved)


def run_cli(*args: str, stdin: str | None = None, env: Mapping[str, str] | None = None) -> Ran:
    """Run ``annotui ARGS`` in this process (standard input from ``stdin``), from the
    repository's folder, with ``env`` as the whole environment when given."""
    out, err = io.StringIO(), io.StringIO()
    feed = io.TextIOWrapper(io.BytesIO((stdin or "").encode("utf-8")), encoding="utf-8")
    saved_stdin = sys.stdin
    sys.stdin = feed
    try:
        with _environment(env), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as done:
                code = done.code if isinstance(done.code, int) else 1
    finally:
        sys.stdin = saved_stdin
    return Ran(code, out.getvalue(), err.getvalue())


def run_script(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed ``annotui`` console script in a new process."""
    return subprocess.run(
        [str(ANNOTUI), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        check=False,
    )
