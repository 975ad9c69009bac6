"""Spans on tokens, for the formats that need tokens (spaCy ``DocBin``, CoNLL).

The text is split by a blank English pipeline (spaCy's English tokenizer rules and a rule-based
sentencizer; no model is loaded), the same tokenizer ``spacy train`` builds for ``lang = "en"``.
A span whose ends do not fall on token boundaries cannot be held by these formats; it is left
out and reported, never moved to the nearest tokens, which would change the training data.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

from annotate.model import Annotation
from annotate.model import Span as AnnotuiSpan
from store.formats.left_out import LeftOut

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

NOT_ON_TOKENS = "span not on token boundaries"
OVERLAPS = "overlaps another entity"


@cache
def tokenizer() -> Language:
    """A blank English pipeline with a sentencizer (built once)."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def tokenized(text: str) -> Doc:
    """``text`` split into tokens and sentences."""
    return tokenizer()(text)


def token_spans(
    doc: Doc,
    annotation: Annotation,
    spans: Iterable[AnnotuiSpan],
    article_id: str,
    left_out: list[LeftOut],
    label: str | None = None,
) -> list[Span]:
    """spaCy spans for ``spans`` (labelled with ``label`` or their own); each span whose ends
    are not token boundaries is added to ``left_out`` instead."""
    found: list[Span] = []
    for span in spans:
        made = doc.char_span(span.start, span.end, label=label or span.label)
        if made is None:
            left_out.append(LeftOut(article_id, NOT_ON_TOKENS, _quoted(annotation, span)))
        else:
            found.append(made)
    return found


def entity_spans(
    doc: Doc, annotation: Annotation, article_id: str, left_out: list[LeftOut]
) -> list[Span]:
    """The entity layer as ``Doc.ents`` can hold it: on tokens, none overlapping (the longer,
    then the earlier, is kept; the other is reported)."""
    from spacy.util import filter_spans

    candidates = token_spans(doc, annotation, annotation.live_spans("entity"), article_id, left_out)
    kept = filter_spans(candidates)
    kept_ids = {id(span) for span in kept}
    for span in candidates:
        if id(span) not in kept_ids:
            where = f"at {span.start_char}–{span.end_char}"
            left_out.append(LeftOut(article_id, OVERLAPS, f"{span.label_} “{span.text}” {where}"))
    return kept


def _quoted(annotation: Annotation, span: AnnotuiSpan) -> str:
    return f"{span.label} “{span.text_in(annotation.text)}” at {span.start}–{span.end}"
