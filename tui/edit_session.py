"""The article view's link to the store for edits: apply, undo, redo, review.

Every edit goes to the store first (:meth:`Store.apply_patch` writes it with its history entry
in one atomic write); the screen shows the annotation the store returns, so what is on screen
is what is on disk. No Textual here: this is the part of editing the tests can drive directly.
"""

from __future__ import annotations

from datetime import UTC, datetime

from annotate.edits import Patch
from annotate.model import Annotation, Provenance
from store import Store
from tui.annotator import annotator_name


def now_iso() -> str:
    """Return the current time as ISO 8601, UTC, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def default_annotator() -> str:
    """Return the annotator when the app was given none (:func:`tui.annotator.annotator_name`)."""
    return annotator_name()


def provenance(annotator: str | None) -> Provenance:
    """Return the provenance of a human edit made now by ``annotator``."""
    return Provenance(source="human", annotator=annotator, time=now_iso(), state="accepted")


class EditSession:
    """Edits of one article by one annotator, made through the store."""

    def __init__(self, store: Store, article_id: str, annotator: str | None) -> None:
        self.store = store
        """The store every edit is written to."""
        self.article_id = article_id
        """The article edited."""
        self.annotator = annotator or default_annotator()
        """Who makes the edits (recorded with each edit)."""

    def apply(self, patch: Patch) -> Annotation:
        """Write ``patch`` to the store and return the annotation it holds now.

        Raises ``EditConflict`` when the stored annotation changed under the patch, and
        ``StoreError`` when the store cannot take it.
        """
        return self.store.apply_patch(self.article_id, patch, annotator=self.annotator)

    def undo(self) -> tuple[Annotation, Patch] | None:
        """Undo the article's last edit in the store; None when there is nothing to undo."""
        return self.store.undo(self.article_id, annotator=self.annotator)

    def redo(self) -> tuple[Annotation, Patch] | None:
        """Redo the article's last undone edit; None when there is nothing to redo."""
        return self.store.redo(self.article_id, annotator=self.annotator)

    def reload(self) -> Annotation | None:
        """Return the annotation the store holds now."""
        return self.store.annotation(self.article_id)

    def mark_reviewed(self) -> str | None:
        """Set the article's status to reviewed; return the next article not reviewed, if any."""
        self.store.set_status(self.article_id, "reviewed")
        return self.store.next_unreviewed(self.article_id)
