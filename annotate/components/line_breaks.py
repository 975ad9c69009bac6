"""``annotui_line_breaks``: a line break ends a sentence (runs before the parser).

News text has one paragraph a line and a headline on a line of its own. The statistical
parser, left alone, runs a headline ("Talks in Moscow") into the first sentence, so a role or an
event reaches across the break. This component marks the first word after every line break as
a sentence start; the parser keeps marks set before it runs. Spans that still cross a line
break are cut there by the entity repair, the roles and the events
(:func:`annotate.components.lexicon.after_line_break`).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

NAME = "annotui_line_breaks"


@Language.component(NAME, assigns=["token.is_sent_start"])
def mark_line_breaks(doc: Doc) -> Doc:
    """Start a sentence at the first word after each line break."""
    after_break = False
    for token in doc:
        if token.is_space:
            after_break = after_break or "\n" in token.text
            continue
        if after_break and token.i > 0:
            token.is_sent_start = True
        after_break = "\n" in token.whitespace_
    return doc
