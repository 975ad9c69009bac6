"""Each participant points at the mention it was drawn from, and keeps pointing at one of
its person's live mentions through every edit (or at none)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotate import edits
from annotate.contract import from_contract, to_contract
from annotate.model import Participant
from annotate.pipeline import Annotator
from tests.annotate.edit_helpers import BY, gold, with_mentions
from tests.annotate.edit_ops import FAST, run_ops


def test_the_pipeline_records_the_mention_a_participant_was_found_through(
    annotator: Annotator,
) -> None:
    text = "Russian President Vladimir Putin welcomed Kim Jong Un in Moscow."
    annotation = annotator.annotate(text)
    [event] = annotation.events
    assert [(annotation.span_text(p.mention), p.part) for p in event.participants if p.mention] == [
        ("Vladimir Putin", "entity"),
        ("Kim Jong Un", "entity"),
    ]


def test_a_mention_moved_to_someone_else_is_no_longer_the_participants() -> None:
    annotation = with_mentions(gold())
    event = next(e for e in annotation.events if e.participants)
    participant = event.participants[0]
    others = [p.id for p in annotation.people if p.id != participant.person]
    patch = edits.move_mention(annotation, participant.mention, others[0], by=BY)
    after = patch.apply(annotation)
    assert after.problems() == []
    moved = next(p for p in after.event(event.id).participants if p.key() == participant.key())
    assert moved.mention is None


def test_the_contract_carries_the_mention_as_offsets() -> None:
    annotation = with_mentions(gold())
    obj = to_contract(annotation, None)
    participant = obj["events"][0]["participants"][0]
    span = annotation.span(annotation.events[0].participants[0].mention)
    assert participant["mention"] == {"start": span.start, "end": span.end}
    back = from_contract(obj)
    assert [p.mention is not None for e in back.events for p in e.participants] == [
        p.mention is not None for e in annotation.events for p in e.participants
    ]


@FAST
@given(data=st.data())
def test_no_edit_leaves_a_participant_pointing_at_a_mention_not_theirs(data: st.DataObject) -> None:
    run_ops(with_mentions(gold(as_model=True)), data, steps=10)  # check_step checks problems()


def test_adding_the_same_person_and_part_again_is_refused() -> None:
    annotation = with_mentions(gold())
    event = next(e for e in annotation.events if e.participants)
    p = event.participants[0]
    with pytest.raises(edits.EditError):
        edits.add_participant(annotation, event.id, p.person, p.part, by=BY)
    removed = edits.remove_participant(annotation, event.id, p.person, p.part, by=BY).apply(
        annotation
    )
    assert all(
        q.key() != Participant(p.person, p.part).key() for q in removed.event(event.id).participants
    )
