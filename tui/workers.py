"""The body of the annotation worker: loads the spaCy pipeline lazily in a thread and annotates articles.

The worker never touches widgets or the store's writes: it asks the app for each text on
the main thread (``call_from_thread``) and posts :class:`~tui.messages.AnnotationStarted`
and :class:`~tui.messages.AnnotationReady`; the app saves and redraws.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Protocol

from textual.worker import get_current_worker

from tui.messages import AnnotationReady, AnnotationStarted

if TYPE_CHECKING:
    from textual.app import App

    from annotate.model import Annotation

ANNOTATE_GROUP = "annotate"
"""Worker group of annotation runs; a new run cancels the previous one."""


class _Annotator(Protocol):
    def annotate(self, text: str) -> Annotation: ...


class AnnotationHost(Protocol):
    """What the worker needs from the app."""

    def text_to_annotate(self, article_id: str) -> str | None:
        """Return the text of an article that still needs annotating, else None."""
        ...


class AnnotationWorker:
    """Owns the lazily loaded pipeline; :meth:`run` is the body of one annotation run."""

    def __init__(self, model_name: str) -> None:
        self.model_name = model_name
        """Name of the spaCy pipeline to load."""
        self._annotator: _Annotator | None = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        """True once the pipeline has been loaded."""
        return self._annotator is not None

    def _load(self) -> _Annotator:
        """Load the pipeline (imports spaCy); call with the lock held."""
        if self._annotator is None:
            from annotate.pipeline import Annotator

            self._annotator = Annotator(self.model_name)
        return self._annotator

    def run(self, app: App[object], article_ids: list[str]) -> None:
        """The body of a run (in the worker thread); stops between articles when cancelled."""
        host: AnnotationHost = app  # type: ignore[assignment]
        worker = get_current_worker()
        total = len(article_ids)
        for position, article_id in enumerate(article_ids, start=1):
            if worker.is_cancelled:
                return
            text = app.call_from_thread(host.text_to_annotate, article_id)
            if text is None:
                continue
            app.post_message(AnnotationStarted(article_id, position, total))
            with self._lock:
                annotation = self._load().annotate(text)
            app.post_message(AnnotationReady(article_id, annotation))
