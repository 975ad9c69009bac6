"""The annotation queue: which articles the model runs on, and what becomes of its results.

Beside :mod:`tui.import_run` and :mod:`tui.export_run`: the app owns one
:class:`AnnotationRun`, which keeps the queue, the article being annotated and the progress
``(done, total)`` on the main thread. The thread's body is :class:`tui.workers.AnnotationWorker`;
it asks :meth:`AnnotationRun.next_job` for work and posts
:class:`~tui.messages.AnnotationReady` / :class:`~tui.messages.AnnotationFailed`, which the
app hands to :meth:`AnnotationRun.ready` / :meth:`AnnotationRun.failed`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

from store import ArticleSummary, StoreError
from tui.workers import AnnotationJob

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from annotate.model import Annotation
    from store import Store


class AnnotationScreen(Protocol):
    """What the run tells an open article screen."""

    def show_annotation(self, annotation: Annotation) -> None: ...
    def show_annotation_failed(self, reason: str) -> None: ...
    def show_annotation_stopped(self) -> None: ...


class RunHost(Protocol):
    """What the annotation run needs from the app."""

    store: Store
    model_name: str
    summaries: dict[str, ArticleSummary]
    unsaved: dict[str, Annotation]

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None: ...
    def annotate_articles(self) -> object: ...
    def show_progress(self) -> None: ...
    def set_busy(self, article_ids: frozenset[str]) -> None: ...
    def update_summary(self, summary: ArticleSummary) -> None: ...
    def refresh_summary(self, article_id: str, annotation: Annotation | None = None) -> None: ...
    def article_screens(self) -> dict[str, AnnotationScreen]: ...


class AnnotationRun:
    """The queue of articles for the model, and the run going through it."""

    def __init__(self, host: RunHost) -> None:
        self.host = host
        self.pending: list[str] = []
        """Ids waiting for the model, first first."""
        self.busy: str | None = None
        """Id of the article the model is on."""
        self.progress: tuple[int, int] | None = None
        """(done, total) of the run going on."""
        self.running = False
        self.model_error: str | None = None
        """Why the model cannot run (it cannot be loaded): no more runs this session."""
        self._accepting: set[str] = set()
        self._count = 0
        self._saved = 0

    @property
    def active(self) -> bool:
        """True while a run is going on or an article is being annotated."""
        return self.running or self.busy is not None

    def queue_missing(self, summaries: Iterable[ArticleSummary]) -> None:
        """Queue the articles whose summary does not prove an annotation (the run checks
        each); a read-only store is never annotated."""
        if self.host.store.readonly or self.model_error is not None:
            return
        self.pending += [
            s.id
            for s in summaries
            if maybe_unannotated(s) and s.id not in self.pending and s.id != self.busy
        ]
        self.start()

    def opened_without_annotation(self, article_id: str, screen: AnnotationScreen) -> None:
        """An article was opened that has no annotation: annotate it next, unless it is
        being annotated or the model failed on it (then it opens editable by hand)."""
        if article_id == self.busy:
            return
        summary = self.host.summaries.get(article_id)
        if summary is not None and summary.failed is not None:
            screen.show_annotation_failed(summary.failed)
            self.host.notify(
                f"{summary.failed}\nYou can annotate it by hand.",
                title="The model failed on this article",
                severity="warning",
                timeout=10,
                markup=False,
            )
        elif self.model_error is not None:  # said once already
            screen.show_annotation_failed(self.model_error)
        else:
            self.queue_first(article_id)

    def queue_first(self, article_id: str) -> None:
        """Annotate this article next."""
        if article_id in self.pending:
            self.pending.remove(article_id)
        self.pending.insert(0, article_id)
        self.start()

    def start(self) -> None:
        """Start the worker on the pending articles unless a run is already going."""
        if not self.pending or self.running:
            return
        if len(self.pending) > 1:
            self.host.notify(
                f"Annotating {len(self.pending)} articles with {self.host.model_name}…",
                title="Annotation",
                markup=False,
            )
        self.running = True
        self._count = 0
        self._saved = 0
        self.host.annotate_articles()
        self.host.show_progress()

    def next_job(self) -> AnnotationJob | None:
        """Take the next article that still needs an annotation (the worker asks, on the
        main thread). None ends the run; an article queued meanwhile is never lost."""
        store = self.host.store
        while self.pending:
            article_id = self.pending.pop(0)
            summary = self.host.summaries.get(article_id)
            if summary is not None and summary.failed is not None:
                continue  # the model failed on it before: not again on its own
            try:
                if store.annotation(article_id) is not None:
                    continue
                text = store.article(article_id).text
            except StoreError as error:
                self.host.notify(str(error), title="Annotation", severity="error", markup=False)
                continue
            self._count += 1
            self.busy = article_id
            self._accepting.add(article_id)
            self.progress = (self._count, self._count + len(self.pending))
            self.host.show_progress()
            self.host.set_busy(frozenset({article_id}))
            return AnnotationJob(article_id, text)
        self.running = False
        return None

    def _take(self, article_id: str) -> bool:
        """True (once) for a result of the run going on; a cancelled run's are dropped."""
        if article_id not in self._accepting:
            return False
        self._accepting.discard(article_id)
        if self.busy == article_id:
            self.busy = None
            self.host.set_busy(frozenset())
        return True

    def ready(self, article_id: str, annotation: Annotation) -> None:
        """Merge a new model annotation into the stored one (keeping every human decision
        made meanwhile: ``store.reannotate``), refresh its row and the open article."""
        if not self._take(article_id):
            return
        host = self.host
        if host.store.readonly:
            host.unsaved[article_id] = annotation
        else:
            try:
                annotation = host.store.reannotate(article_id, annotation)
                self._saved += 1
            except StoreError as error:
                host.notify(str(error), title="Not saved", severity="error", markup=False)
        host.refresh_summary(article_id, annotation)
        screen = host.article_screens().get(article_id)
        if screen is not None:
            screen.show_annotation(annotation)

    def failed(self, article_id: str, reason: str) -> None:
        """Record that the model failed on an article (the run goes on with the next): the
        row reads "failed", the reason is kept in the store, the article opens editable."""
        if not self._take(article_id):
            return
        host = self.host
        old = host.summaries.get(article_id)
        try:
            if host.store.readonly:
                new = None if old is None else replace(old, failed=reason)
            else:
                new = host.store.mark_annotation_failed(article_id, reason, model=host.model_name)
        except StoreError as error:
            host.notify(str(error), title="Not saved", severity="error", markup=False)
            new = None if old is None else replace(old, failed=reason)
        if new is not None and old is not None:
            host.summaries[article_id] = new
            host.update_summary(new)
        title = old.title if old is not None else article_id
        host.notify(
            f"{title}: {reason}\nMarked failed; you can annotate it by hand.",
            title="The model failed on an article",
            severity="error",
            timeout=15,
            markup=False,
        )
        screen = host.article_screens().get(article_id)
        if screen is not None:
            screen.show_annotation_failed(reason)

    def ended(self, error: BaseException | None) -> None:
        """The run's worker ended by itself; ``error`` when the model itself failed (it
        cannot be loaded): then no article is marked, none is queued again this session,
        and those open become editable by hand."""
        self._reset(forget=error is not None)
        if error is None:
            return  # its last result may still be on its way: it is taken
        self.pending.clear()
        self.model_error = str(error) or type(error).__name__
        self.host.notify(
            self.model_error, title="Annotation failed", severity="error", timeout=10, markup=False
        )
        for screen in self.host.article_screens().values():
            screen.show_annotation_failed(self.model_error)

    def cancel(self) -> bool:
        """Forget the queue and the article being annotated (the app cancels the worker);
        the open screens say so. False when there was nothing to stop."""
        if not self.active:
            return False
        left = len(self.pending) + (self.busy is not None)
        self.pending.clear()
        self._reset(forget=True)
        for screen in self.host.article_screens().values():
            screen.show_annotation_stopped()
        self.host.notify(stopped_message(self._saved, left), markup=False)
        return True

    def _reset(self, *, forget: bool) -> None:
        if forget:
            self._accepting.clear()
        self.running = False
        self.busy = None
        self.progress = None
        self.host.show_progress()
        self.host.set_busy(frozenset())


def stopped_message(saved: int, left: int) -> str:
    """What a stopped model run says: what it saved, and what it leaves unannotated."""
    done = f"{saved} article{'s' if saved != 1 else ''} annotated and saved"
    rest = f"{left} not annotated" if left else "none left"
    return f"Annotation stopped: {done}, {rest} (they are annotated when opened)."


def maybe_unannotated(summary: ArticleSummary) -> bool:
    """True unless the summary proves the article has an annotation (the worker checks) or
    the model failed on it (it is not run again on its own)."""
    if summary.failed is not None:
        return False
    return summary.updated is None or (summary.n_people == 0 and summary.n_events == 0)
