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
