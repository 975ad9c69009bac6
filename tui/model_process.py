"""The app's spaCy pipeline in a process of its own.

The annotui components are Python: annotating a long article holds the interpreter's lock for
seconds, and in a thread of the app that starves the event loop (opening another article
waited about 12 s behind a 50,000-word one). In a process of its own the model only costs the
app the wait on a result, which releases the lock: the app stays as quick while the model runs.
The process loads the pipeline once; annotations come back in the store's dict form.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from multiprocessing import get_context
from typing import Any

from annotate.model import Annotation

_LOADED: dict[str, Any] = {}
"""In the model's process: the annotator, or the error that kept it from loading."""


def _start(model_name: str) -> None:
    """Load the pipeline in the model's process (Ctrl-C is the app's, not the process's)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from annotate.pipeline import Annotator, PipelineError

    try:
        annotator = Annotator(model_name)
        annotator.nlp  # noqa: B018 - load now, before any article
        _LOADED["annotator"] = annotator
    except PipelineError as error:
        _LOADED["error"] = str(error)


def _ready() -> str | None:
    """In the model's process: why the pipeline could not be loaded, or None."""
    return _LOADED.get("error")


def _annotate(text: str) -> dict[str, Any]:
    """In the model's process: the annotation of ``text`` in its dict form, without the text."""
    return _LOADED["annotator"].annotate(text).to_dict(include_text=False)


@contextmanager
def _real_stderr() -> Iterator[None]:
    """Let the process start from inside a Textual app: multiprocessing hands its helper
    processes ``sys.stderr``'s file descriptor, and Textual's stand-in for it has none; the
    real one is put back while the process starts."""
    shown = sys.stderr
    try:
        shown.fileno()
    except (OSError, ValueError, AttributeError):
        if sys.__stderr__ is not None:
            sys.stderr = sys.__stderr__
    else:
        if shown.fileno() < 0 and sys.__stderr__ is not None:
            sys.stderr = sys.__stderr__
    try:
        yield
    finally:
        sys.stderr = shown


class ModelProcess:
    """Annotates texts with a spaCy pipeline loaded in one process of its own."""

    def __init__(self, model_name: str) -> None:
        from annotate.pipeline import PipelineError, check_installed

        check_installed(model_name)  # a model that is not there: said at once, no process
        context = get_context("forkserver" if os.name == "posix" else "spawn")
        with _real_stderr():  # multiprocessing's helpers start here and at the first job
            self._pool = ProcessPoolExecutor(
                max_workers=1, mp_context=context, initializer=_start, initargs=(model_name,)
            )
            started = self._pool.submit(_ready)
        try:
            error = started.result()
        except BrokenProcessPool as broken:
            self.close()
            raise PipelineError(f"the model's process ended: {broken}") from broken
        if error is not None:
            self.close()
            raise PipelineError(error)

    def annotate(self, text: str) -> Annotation:
        """Annotate ``text`` in the model's process (the calling thread waits, not the app).

        Raises ``BrokenProcessPool`` when the process died (killed, out of memory).
        """
        return Annotation.from_dict(self._pool.submit(_annotate, text).result(), text)

    def close(self) -> None:
        """End the process; an article it is annotating is dropped.

        Python 3.11's pool has no public way to end a busy worker, and the interpreter waits
        for it at exit: the worker processes are read from the pool's ``_processes`` (absent:
        nothing to end) and terminated.
        """
        processes = list((getattr(self._pool, "_processes", None) or {}).values())
        self._pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.terminate()
