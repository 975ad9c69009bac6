"""The body of the annotation worker: loads spaCy lazily in a thread and annotates articles.

The worker never touches widgets or writes to the store: it asks the app for the next job
on the main thread (``call_from_thread``), which also marks the article "annotating…", and
posts :class:`~tui.messages.AnnotationReady` per article, or
:class:`~tui.messages.AnnotationFailed` when the model raised on it (the run goes on with the
next); the app saves and redraws. A pipeline that cannot be loaded ends the run.
"""

from __future__ import annotations

import threading
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, NamedTuple, Protocol

from textual.worker import get_current_worker

from tui.messages import AnnotationFailed, AnnotationReady

if TYPE_CHECKING:
    from textual.app import App

    from annotate.model import Annotation
    from tui.model_process import ModelProcess

ANNOTATE_GROUP = "annotate"
"""Worker group of annotation runs."""


class AnnotationJob(NamedTuple):
    """One article to annotate."""

    article_id: str
    """Id of the article in the store."""
    text: str
    """Its text."""


class _Annotator(Protocol):
    def annotate(self, text: str) -> Annotation: ...


class AnnotationHost(Protocol):
    """What the worker needs from the app."""

    def next_to_annotate(self) -> AnnotationJob | None:
        """Take the next job, or None to end the run (called on the main thread)."""
        ...


class AnnotationWorker:
    """Owns the lazily loaded pipeline; :meth:`run` is the body of one annotation run."""

    def __init__(self, model_name: str) -> None:
        self.model_name = model_name
        """Name of the spaCy pipeline to load."""
        self._annotator: _Annotator | None = None
        self._process: ModelProcess | None = None
        self._lock = threading.Lock()
        self.hold: threading.Event | None = None
        """When set, the thread waits on it after annotating each article, before handing the
        annotation over (lets a test cancel a run at its last moment)."""
        self.held = threading.Event()
        """Set by the thread when it waits on :attr:`hold`."""

    @property
    def loaded(self) -> bool:
        """True once the pipeline has been loaded."""
        return self._annotator is not None

    def use(self, annotator: _Annotator) -> None:
        """Annotate with ``annotator`` (anything with ``annotate(text)``) instead of loading
        the named pipeline."""
        with self._lock:
            self._annotator = annotator

    def _load(self) -> _Annotator:
        """Load the pipeline (imports spaCy) once; call with the lock held.

        Raises ``PipelineError`` when it cannot be loaded: that ends the run.
        """
        if self._annotator is None:
            from tui.model_process import ModelProcess

            # loaded now, before any article: a failure here is the model's, not an article's
            self._process = ModelProcess(self.model_name)
            self._annotator = self._process
        return self._annotator

    def close(self) -> None:
        """End the model's process, if there is one (the app is quitting; the worker thread
        may be waiting on it: its wait ends with an error it drops, as the run is cancelled)."""
        process, self._process = self._process, None
        if process is not None:
            process.close()

    def run(self, app: App[object]) -> None:
        """Annotate jobs until the app has none left; stops between articles when cancelled.

        Runs in the worker thread. An annotation finished after the run was cancelled is
        dropped, never handed over (the app also drops one still on its way): a cancelled
        run writes nothing. An error annotating one article is handed over as
        :class:`AnnotationFailed` and the run goes on; a pipeline that cannot be loaded
        (``PipelineError``) propagates: the worker ends in the ERROR state and the app
        reports it once.
        """
        host: AnnotationHost = app  # type: ignore[assignment]
        worker = get_current_worker()
        while not worker.is_cancelled:
            job = app.call_from_thread(host.next_to_annotate)
            if job is None:
                return
            with self._lock:
                annotator = self._load()
                try:
                    annotation = annotator.annotate(job.text)
                except Exception as error:  # any failure on this article: the next still go
                    if isinstance(error, BrokenProcessPool):  # the model's process died
                        self._annotator = self._process = None  # the next job starts another
                    if not worker.is_cancelled:
                        app.post_message(AnnotationFailed(job.article_id, failure_reason(error)))
                    continue
            if self.hold is not None:
                self.held.set()
                self.hold.wait()
            if worker.is_cancelled:
                return
            app.post_message(AnnotationReady(job.article_id, annotation))


def failure_reason(error: BaseException) -> str:
    """One line saying what went wrong: the error's first line, else its type."""
    lines = str(error).strip().splitlines()
    return lines[0].strip() if lines else type(error).__name__
