"""The editor of one article: what an edit, an undo or a review does, without any widget.

The article screen asks the :class:`Editor` to run an edit function, apply a patch, undo, redo
or mark the article reviewed; the editor writes through the store (:class:`EditSession`) and
returns an :class:`Outcome`: the annotation to show now and the notices to say. The screen only
shows it, so what an edit does is tested here, below Textual.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from annotate.edits import EditError, Patch
from annotate.model import Annotation, Provenance
from store import Status, StoreError
from tui.edit_session import EditSession, provenance

Severity = Literal["information", "warning", "error"]


@dataclass(frozen=True, slots=True)
class Notice:
    """One notification to show."""

    message: str
    title: str = ""
    severity: Severity = "information"
    timeout: float | None = None
    """Seconds shown; None: the app's default."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What an editor call did, for the screen to show."""

    done: bool
    """True when the store took the edit (or the undo, redo, review)."""
    annotation: Annotation | None = None
    """The annotation to show now (the store's), None when it did not change."""
    edited: bool = False
    """True when ``annotation`` comes from an edit, undo or redo (the article is being edited)."""
    notices: tuple[Notice, ...] = ()
    """What to say, in order."""
    following: str | None = None
    """After a review: the next article not reviewed, if any."""


def _failed(message: str, title: str = "", severity: Severity = "warning") -> Outcome:
    return Outcome(False, notices=(Notice(message, title, severity),))


class Editor:
    """Edits of one article: the annotation shown and the link to the store."""

    def __init__(
        self,
        session: EditSession | None = None,
        annotation: Annotation | None = None,
        annotator: str | None = None,
    ) -> None:
        self.session = session
        """The store link every edit is written through (None: the app has no store)."""
        self.annotation = annotation
        """The annotation shown, None while it is being made."""
        self.annotator = session.annotator if session is not None else annotator
        """Who is editing."""

    def edit_by(self) -> Provenance:
        """Return the provenance of an edit made now by the annotator."""
        return provenance(self.annotator)

    def run(self, op: Callable[..., Patch], *args: Any, **kwargs: Any) -> Outcome:
        """Make an edit: ``op(annotation, *args, by=edit_by(), **kwargs)``, then apply it."""
        annotation = self.annotation
        if annotation is None:
            return _failed("Wait for the annotation first.")
        try:
            patch = op(annotation, *args, by=self.edit_by(), **kwargs)
        except EditError as error:
            return _failed(str(error), "Cannot edit")
        return self.apply(patch)

    def apply(self, patch: Patch) -> Outcome:
        """Write a patch to the store; the outcome holds the annotation the store holds now.

        A conflict or a store error is one error notice, and the store's annotation is
        read back so the screen shows what is on disk.
        """
        session = self.session
        if session is None:
            return _failed("There is no store to save edits in.", severity="error")
        if patch.is_empty():
            return Outcome(False)
        try:
            annotation = session.apply(patch)
        except (EditError, StoreError) as error:
            return self._reload(Notice(str(error), "Not saved", "error"))
        self.annotation = annotation
        return Outcome(True, annotation, True, (Notice(patch.description, timeout=3),))

    def undo(self) -> Outcome:
        """Undo the article's last edit (the history is in the store)."""
        return self._step(undo=True)

    def redo(self) -> Outcome:
        """Redo the article's last undone edit."""
        return self._step(undo=False)

    def _step(self, *, undo: bool) -> Outcome:
        session = self.session
        if session is None:
            return Outcome(False)
        try:
            result = session.undo() if undo else session.redo()
        except (EditError, StoreError) as error:
            return self._reload(Notice(str(error), "Not saved", "error"))
        if result is None:
            return Outcome(False, notices=(Notice(f"Nothing to {'undo' if undo else 'redo'}."),))
        annotation, patch = result
        self.annotation = annotation
        said = patch.description if undo else f"Redo: {patch.description}"
        return Outcome(True, annotation, True, (Notice(said),))

    def review(self) -> Outcome:
        """Mark the article reviewed; the outcome names the next article not reviewed."""
        session = self.session
        if session is None:
            return Outcome(False)
        try:
            following = session.mark_reviewed()
        except StoreError as error:
            return _failed(str(error), "Not saved", "error")
        return Outcome(True, following=following)

    def set_status(self, status: Status) -> Outcome:
        """Give the article this review status (un-review it, or undo a review)."""
        session = self.session
        if session is None:
            return Outcome(False)
        try:
            session.store.set_status(session.article_id, status)
        except StoreError as error:
            return _failed(str(error), "Not saved", "error")
        return Outcome(True)

    def _reload(self, notice: Notice) -> Outcome:
        """Say ``notice`` and read back what the store holds (a failed read is said too)."""
        assert self.session is not None
        try:
            annotation = self.session.reload()
        except StoreError as error:
            return Outcome(False, notices=(notice, Notice(str(error), "Store", "error")))
        if annotation is not None:
            self.annotation = annotation
        return Outcome(False, annotation, notices=(notice,))
