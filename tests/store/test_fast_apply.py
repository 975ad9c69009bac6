"""The store's incremental patch application equals ``Patch.apply`` and ``problems()``.

Random edits (every public edit operation) on the gold annotation and on random texts, and
patches that do not fit (stale, dangling, duplicate, outside the text): the fast path gives
the same annotation, or raises :class:`EditConflict` exactly when the slow path does.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotate import edits
from annotate.edits import Change, EditConflict, EditError, Patch
from annotate.model import Annotation, Person, Role, Span
from annotate.tokens import token_spans
from store.annotation_json import ArticleTexts, decode_annotation
from store.atomic_storage import encode_json
from store.fast_apply import apply_checked, pools_of, slow_apply
from tests.annotate.edit_helpers import BY, gold
from tests.annotate.edit_ops import FAST, run_ops, texts


def same_result(patch: Patch, before: Annotation) -> Annotation | None:
    """Apply ``patch`` both ways; assert they agree; return the result (None: a conflict)."""
    try:
        slow = slow_apply(patch, before)
    except EditConflict as error:
        with pytest.raises(EditConflict) as caught:
            apply_checked(patch, before)
        assert str(caught.value) == str(error)
        return None
    fast, pools = apply_checked(patch, before, pools_of(before))
    assert fast == slow
    assert (fast.spans, fast.people, fast.roles, fast.events) == (
        slow.spans,
        slow.people,
        slow.roles,
        slow.events,
    ), "same order"
    assert fast._span_index == slow._span_index and fast.model == slow.model
    assert pools == pools_of(slow)
    return fast


def run(start: Annotation, data: st.DataObject, steps: int) -> None:
    texts = ArticleTexts()

    def step(annotation: Annotation, patch: Patch) -> Annotation:
        result = same_result(patch, annotation)
        assert result is not None, "an edit made on the annotation fits it"
        assert same_result(patch.inverse(), result) == annotation
        assert same_result(patch, result) is None, "applied twice: a conflict"
        assert texts.annotation(result) == encode_json(result.to_dict(include_text=False))
        assert decode_annotation(result.to_dict(include_text=False), result.text) == result
        texts.next_round((result,))
        return result

    run_ops(start, data, steps, check=step)


@FAST
@given(data=st.data(), as_model=st.booleans())
def test_random_edits_on_the_gold_annotation(data: st.DataObject, as_model: bool) -> None:
    run(gold(as_model), data, steps=10)


@FAST
@given(data=st.data(), text=texts)
def test_random_edits_on_random_texts(data: st.DataObject, text: str) -> None:
    annotation = Annotation(text)
    for start, end in data.draw(st.lists(st.sampled_from(token_spans(text)), max_size=4)):
        try:  # a few people to work with
            patch = edits.add_span(annotation, start, end, "PERSON", by=BY)
        except EditError:
            continue
        annotation = same_result(patch, annotation) or annotation
    run(annotation, data, steps=14)


def _broken_patches(a: Annotation) -> list[Patch]:
    span, other = a.spans[0], a.spans[1]
    person = a.people[0]
    role = a.roles[0] if a.roles else None
    event = a.events[0]
    size = len(a.text)
    patches = [
        Patch((Change("spans", span, replace(span, end=size + 1)),), "outside"),
        Patch((Change("spans", span, replace(span, start=span.end)),), "empty"),
        Patch(
            (
                Change(
                    "spans", other, replace(other, start=span.start, end=span.end, label=span.label)
                ),
            ),
            "duplicate",
        ),
        Patch((Change("spans", None, Span("T999", span.start, span.end, span.label)),), "dup"),
        Patch((Change("spans", span, None),), "dangling mention or trigger"),
        Patch((Change("people", person, None),), "dangling participant or role"),
        Patch((Change("people", person, replace(person, mentions=("T404",))),), "unknown"),
        Patch((Change("events", event, replace(event, time="T404")),), "unknown time"),
        Patch((Change("people", replace(person, name="Someone else"), person),), "stale"),
        Patch((Change("people", None, person),), "taken id"),
        Patch((Change("people", None, Person("P999", "New", (span.id,), BY)),), "fits"),
    ]
    if role is not None:
        patches.append(Patch((Change("roles", role, replace(role, person="P404")),), "role"))
        patches.append(Patch((Change("roles", None, Role("R999", span.id, person.id)),), "ok"))
    return patches


@pytest.mark.parametrize("as_model", [False, True])
def test_patches_that_do_not_fit(as_model: bool) -> None:
    annotation = gold(as_model)
    outcomes = [same_result(patch, annotation) is None for patch in _broken_patches(annotation)]
    assert outcomes.count(False) >= 2 and outcomes.count(True) >= 8


def test_the_fast_path_sorts_with_the_models_keys() -> None:
    """One set of sort keys: the fast path orders items with annotate.model's functions."""
    from annotate import model
    from store import fast_apply

    assert fast_apply.span_order is model.span_order
    assert fast_apply.person_order is model.person_order
    assert fast_apply.ref_order is model.ref_order
    assert sorted(["P10", "P2", "X", "P1"], key=model.id_order) == ["P1", "P2", "P10", "X"]
