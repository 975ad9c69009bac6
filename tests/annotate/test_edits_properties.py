"""Property tests: random sequences of edits on the seed gold annotation and on random texts.

After every successful edit: the inverse restores the annotation exactly, the patch
survives its JSON form, ``diff`` finds the same changes, and the annotation has no
problems (spans inside the text, no two identical spans, no dangling ids).
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotate import edits
from annotate.edits import EditError
from annotate.merge import decided, merge_suggestions
from annotate.model import Annotation
from annotate.tokens import token_spans
from tests.annotate.edit_helpers import BY, gold
from tests.annotate.edit_ops import (
    FAST,
    OPS,
    check_step,
    run_ops,
    texts,
)


@FAST
@given(data=st.data(), as_model=st.booleans())
def test_random_edits_on_the_gold_annotation(data: st.DataObject, as_model: bool) -> None:
    edited = run_ops(gold(as_model), data, steps=10)
    # running the model again keeps every human decision and stays consistent
    merged = merge_suggestions(edited, gold(True))
    assert merged.problems() == []
    for kind in ("spans", "people", "roles", "events"):
        now = {item.id: item for item in getattr(merged, kind)}
        for item in getattr(edited, kind):
            if decided(item.provenance):
                assert now[item.id] == item


@FAST
@given(data=st.data(), text=texts)
def test_random_edits_on_random_texts(data: st.DataObject, text: str) -> None:
    annotation = Annotation(text)
    for start, end in data.draw(st.lists(st.sampled_from(token_spans(text)), max_size=4)):
        try:  # a few people to work with
            patch = edits.add_span(annotation, start, end, "PERSON", by=BY)
        except EditError:
            continue
        annotation = check_step(annotation, patch)
    run_ops(annotation, data, steps=14)


def test_ops_cover_the_public_api() -> None:
    public_ops = {
        name
        for name in edits.__all__
        if name[0].islower() and name not in ("diff", "add_mention")  # add_mention = move_mention
    }
    assert public_ops == set(OPS)
