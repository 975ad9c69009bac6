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
from store.errors import StoreError
from store.formats.left_out import LeftOut
from store.formats.token_spans import entity_spans, tokenized
from store.values import Article

DOCSTART = "-DOCSTART- -X- O O"
SUFFIXES = (".conll",)
"""Files read in this format."""


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


def read_conll(
    path: Path, *, suggestions: bool = False
) -> tuple[list[dict[str, object]], list[str]]:
    """The articles of a CoNLL-2003 file, one per ``-DOCSTART-`` document (a file without
    one is one article): the text is the tokens joined by spaces, a blank line between
    sentences a line break (the file does not keep the original spacing), and the entities
    come from the last column's IOB tags (IOB1 or IOB2). Errors name the file and line."""
    from annotate.model import Provenance, Span

    by = Provenance(source="import:conll", state="suggested" if suggestions else "accepted")
    notices: list[str] = []
    documents: list[list[list[tuple[str, str, int]]]] = [[[]]]
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise StoreError(f"{path}: cannot read ({error})") from error
    for number, line in enumerate(lines, 1):
        columns = line.split()
        if not columns:
            if documents[-1][-1]:
                documents[-1].append([])
            continue
        if columns[0] == "-DOCSTART-":
            documents.append([[]])
            continue
        if len(columns) < 2:
            raise StoreError(f"{path}:{number}: a token line needs the token and its tag")
        documents[-1][-1].append((columns[0], columns[-1], number))
    items: list[dict[str, object]] = []
    for sentences in documents:
        sentences = [s for s in sentences if s]
        if not sentences:
            continue
        text_parts: list[str] = []
        spans: list[Span] = []
        offset = 0
        open_span: tuple[int, str] | None = None
        end = 0
        for s_index, sentence in enumerate(sentences):
            if s_index:
                text_parts.append("\n")
                offset += 1
            for t_index, (token, tag, number) in enumerate(sentence):
                if t_index:
                    text_parts.append(" ")
                    offset += 1
                start = offset
                text_parts.append(token)
                offset += len(token)
                kind, _, label = tag.partition("-")
                if tag != "O" and (kind not in ("B", "I") or not label):
                    raise StoreError(f"{path}:{number}: tag {tag!r} is not O, B-LABEL or I-LABEL")
                continuing = kind == "I" and open_span is not None and open_span[1] == label
                if open_span is not None and (
                    tag == "O" or not continuing or (s_index and t_index == 0)
                ):
                    spans.append(Span(f"T{len(spans) + 1}", open_span[0], end, open_span[1], by))
                    open_span = None
                if tag != "O" and open_span is None:
                    open_span = (start, label)
                end = offset
            if open_span is not None:
                spans.append(Span(f"T{len(spans) + 1}", open_span[0], end, open_span[1], by))
                open_span = None
        text = "".join(text_parts)
        annotation = Annotation(text=text, spans=tuple(spans)) if spans else None
        items.append({"text": text, "title": None, "source": str(path), "annotation": annotation})
    if items:
        notices.append(
            f"{path}: the text of its {len(items)} article(s) is its tokens joined by spaces "
            "(CoNLL keeps no spacing)"
        )
    return items, notices
