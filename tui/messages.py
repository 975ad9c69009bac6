"""App-wide messages: dataclass-style, posted by workers and screens, handled by the app."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from annotate.model import Annotation


@dataclass
class OpenArticle(Message):
    """A screen asks the app to open an article."""

    article_id: str
    """Id of the article in the store."""


@dataclass
class AnnotationReady(Message):
    """The annotation worker produced an annotation; the app stores it on the main thread."""

    article_id: str
    """Id of the annotated article."""
    annotation: Annotation
    """The model's annotation of the article text."""


@dataclass
class AnnotationFailed(Message):
    """The model raised on one article; the app records why and the run goes on."""

    article_id: str
    """Id of the article."""
    reason: str
    """What went wrong, for the user."""


@dataclass
class RunProgress(Message):
    """A background run (import, export) started or got on: ``(done, total)``, None before
    it counts. Posted from the run's thread; a newer one replaces one not yet handled."""

    group: str
    """Worker group of the run."""
    progress: tuple[int, int] | None
    """(done, total) so far."""

    def can_replace(self, message: Message) -> bool:
        """Coalesce: only the latest progress of a run is drawn."""
        return isinstance(message, RunProgress) and message.group == self.group


@dataclass
class ArticlesAdded(Message):
    """An import added articles to the store: the app shows them (and, once the import is
    done, hands those without an annotation to the model)."""

    article_ids: tuple[str, ...]
    """Ids of the new articles (all of them once ``done``)."""
    done: bool
    """True when the import has ended."""
