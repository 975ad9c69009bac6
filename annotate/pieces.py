"""Where a long text is cut so that spaCy annotates it piece by piece (no spaCy here).

spaCy refuses a text longer than ``nlp.max_length`` (error E088) and its memory grows with the
text, so :mod:`annotate.pipeline` runs the statistical part of the pipeline on pieces of at most
:data:`PIECE_CHARS` characters, joins the pieces into one Doc with the offsets of the whole text,
and runs the annotui components (people, roles, events) on the joined Doc.

Pieces are whole lines (paragraphs: news text has one a line) packed together up to the
limit, so a short article is one piece and is annotated exactly as before. A line longer than
the limit is a piece of its own, cut later where the pipeline's own sentences and entities show
it is safe (:func:`annotate.pipeline.annotate_docs`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

PIECE_CHARS = 100_000
"""Characters of a piece: far under spaCy's ``max_length`` (1,000,000) and fast to annotate."""
BATCH_CHARS = 200_000
"""Characters handed to ``nlp.pipe`` at once: bounds the memory of one batch."""


def line_pieces(text: str, limit: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """Return ``(start, end)`` ranges that cover ``text`` in order, end to end.

    Each range is whole lines (a line ends after its ``\\n``) totalling at most ``limit``
    characters, or one line longer than ``limit`` on its own. An empty text is one empty
    range.
    """
    if limit < 1:
        raise ValueError(f"a piece must hold at least one character, not {limit}")
    pieces: list[tuple[int, int]] = []
    start = end = 0
    while end < len(text):
        newline = text.find("\n", end)
        line_end = len(text) if newline < 0 else newline + 1
        if line_end - start > limit and end > start:
            pieces.append((start, end))
            start = end
        end = line_end
    pieces.append((start, end))
    return pieces


def char_batches(pieces: Iterable[str], limit: int = BATCH_CHARS) -> Iterator[list[str]]:
    """Group consecutive pieces into lists of at most ``limit`` characters (a longer piece
    is a list of its own), in order."""
    batch: list[str] = []
    size = 0
    for piece in pieces:
        if batch and size + len(piece) > limit:
            yield batch
            batch, size = [], 0
        batch.append(piece)
        size += len(piece)
    if batch:
        yield batch
