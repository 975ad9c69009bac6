"""CoNLL-2003: the entities as IOB tags, a token a line, for NER training in any toolkit.

Each article starts with ``-DOCSTART- -X- O O`` (the document line ``spacy convert`` looks for;
other readers look for ``-DOCSTART-`` alone) and a blank line; each token is a line of
four columns separated by spaces (the token, then ``-X-`` for the part of speech and the
chunk, which annotui does not annotate, then the tag: ``B-PERSON``, ``I-PERSON`` or ``O``,
IOB2); a blank line ends each sentence. ``spacy convert -c ner`` reads it. Whitespace tokens
(line breaks) are left out, since the format cannot hold them. Only the entity layer fits:
roles, events and people are not written (the spaCy and brat formats keep them). An entity
whose ends are not token boundaries, or that overlaps another, is left out and reported.
"""

from __future__ import annotations

from pathlib import Path

from annotate.model import Annotation
from store.formats.left_out import LeftOut
from store.formats.token_spans import entity_spans, tokenized
from store.values import Article

DOCSTART = "-DOCSTART- -X- O O"


class Writer:
    """Writes one CoNLL-2003 file; :attr:`left_out` lists what it could not hold."""

    lossless = False

    def __init__(self, path: Path) -> None:
        self._file = path.open("w", encoding="utf-8", newline="\n")
        self.left_out: list[LeftOut] = []
        """Entities left out: not on token boundaries, or overlapping another."""

    def add(self, article: Article, annotation: Annotation) -> None:
        """Write one article's tokens and tags."""
        doc = tokenized(annotation.text)
        doc.ents = entity_spans(doc, annotation, article.id, self.left_out)
        lines = [DOCSTART, ""]
        for sentence in doc.sents:
            tokens = [t for t in sentence if not t.is_space]
            if not tokens:
                continue
            for token in tokens:
                tag = f"{token.ent_iob_}-{token.ent_type_}" if token.ent_type_ else "O"
                lines.append(f"{token.text} -X- -X- {tag}")
            lines.append("")
        self._file.write("\n".join(lines) + "\n")

    def close(self) -> None:
        """Close the file."""
        self._file.close()
