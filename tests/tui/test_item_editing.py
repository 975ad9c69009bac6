"""Item edits below Textual: each flow of tui.item_editing answered as the pickers would, the
edit run through the editor controller into a real Store, and the store read back.

The keys and pickers themselves are pressed in tests/tui/test_edit_items.py, once per group.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from annotate.model import Annotation, Argument, Participant
from store import Store
from tests.offsets import occurrence
from tests.tui.edit_helpers import fired_event, stored
from tui.edit_session import EditSession
from tui.editor import Editor
from tui.item_editing import (
    NEW_PERSON,
    Answered,
    Step,
    add_participant_flow,
    answer_flow,
    delete_flow,
    event_type_flow,
    link_role_flow,
    merge_person_flow,
    move_mention_flow,
    new_event_flow,
    relink_role_flow,
    rename_person_flow,
    set_where,
    told_again,
)


class Article:
    """The seed article in a store, edited through the editor controller."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.store = Store(path)
        self.id = self.store.summaries()[0].id
        self.editor = Editor(EditSession(self.store, self.id, "tester"), self.annotation)

    @property
    def annotation(self) -> Annotation:
        annotation = self.store.annotation(self.id)
        assert annotation is not None
        return annotation

    def follow(self, step: Step, *answers: str) -> Answered:
        """Answer the flow and run the edit it comes to; return what was asked and done."""
        seen = answer_flow(step, answers)
        if seen.edit is not None:
            outcome = self.editor.run(seen.edit.op, *seen.edit.args)
            assert outcome.done, outcome.notices
        return seen

    def after(self) -> Annotation:
        """What a fresh Store reads: what a new app shows."""
        return stored(self.path, self.id)


@pytest.fixture
def seed(store_path: Path) -> Article:
    return Article(store_path)


def at(article: Article, words: str, nth: int = 0) -> tuple[int, int]:
    return occurrence(article.annotation.text, words, nth, whole_words=True)


def selects(seen: Answered, annotation: Annotation) -> tuple[str, str] | None:
    assert seen.edit is not None and seen.edit.select is not None
    return seen.edit.select(annotation)


# -- People ------------------------------------------------------------------------------


def test_move_mention_to_another_person(seed: Article) -> None:
    start, _ = at(seed, "Kim", 2)  # "welcomed Kim at the entrance"
    mention = next(s for s in seed.annotation.spans if s.start == start and s.label == "PERSON")
    assert seed.annotation.person_of_span(mention.id).id == "P1"
    seen = seed.follow(move_mention_flow(seed.annotation, start + 1), "P2")
    [asked] = seen.asked
    assert asked.kind == "person" and asked.exclude == ("P1",) and asked.allow_new
    after = seed.after()
    assert mention.id in after.person("P2").mentions
    assert mention.id not in after.person("P1").mentions
    assert selects(seen, after) == ("person", "P2")


def test_move_mention_to_a_new_person(seed: Article) -> None:
    start, _ = at(seed, "Kim", 2)
    seen = seed.follow(move_mention_flow(seed.annotation, start), NEW_PERSON)
    after = seed.after()
    mention = next(s for s in after.spans if s.start == start and s.label == "PERSON")
    owner = after.person_of_span(mention.id)
    assert owner is not None and owner.id not in ("P1", "P2")
    assert owner.mentions == (mention.id,) and owner.name == "Kim"
    assert mention.id not in after.person("P1").mentions
    assert selects(seen, after) == ("person", owner.id)


def test_move_mention_off_a_mention_says_so(seed: Article) -> None:
    start, _ = at(seed, "alignment")
    seen = seed.follow(move_mention_flow(seed.annotation, start))
    assert seen.refusal == "Put the cursor on a PERSON mention first."


def test_merge_asks_for_anyone_but_the_person(seed: Article) -> None:
    seen = seed.follow(merge_person_flow(seed.annotation, "P3"), "P4")
    assert seen.asked[0].exclude == ("P3",)
    assert "P3" not in {p.id for p in seed.after().people}
    assert selects(seen, seed.after()) == ("person", "P4")


def test_rename_person(seed: Article) -> None:
    seen = seed.follow(rename_person_flow(seed.annotation, "P1"), "Kim Jong-un")
    assert seen.asked[0].kind == "name" and seen.asked[0].current == "Kim Jong Un"
    assert seed.after().person("P1").name == "Kim Jong-un"


def test_a_question_left_unanswered_changes_nothing(seed: Article) -> None:
    before = seed.after()
    seen = seed.follow(rename_person_flow(seed.annotation, "P2"))
    assert seen.edit is None and len(seen.asked) == 1
    assert seed.after() == before


def test_delete_person_keeps_the_mention_spans(seed: Article) -> None:
    mention = seed.annotation.person("P11").mentions[0]
    seen = seed.follow(delete_flow("person", "P11"))
    assert seen.edit is not None and seen.edit.deletes
    after = seed.after()
    assert "P11" not in {p.id for p in after.people}
    assert not after.roles_of("P11")
    assert all(p.person != "P11" for e in after.events for p in e.participants)
    assert after.span(mention).label == "PERSON"


# -- Roles -------------------------------------------------------------------------------


def test_link_selected_title_to_person(seed: Article) -> None:
    start, end = at(seed, "Natural Resources Minister")
    seen = seed.follow(link_role_flow(seed.annotation, (start, end)), "P3")
    assert seen.asked[0].title == "Link “Natural Resources Minister” as the role of"
    assert seen.edit is not None and seen.edit.clears_text_selection
    after = seed.after()
    holders = {
        r.person for r in after.roles if after.span_text(r.span) == "Natural Resources Minister"
    }
    assert holders == {"P3", "P4"}
    kind, role_id = selects(seen, after) or ("", "")
    assert kind == "role" and next(r for r in after.roles if r.id == role_id).person == "P3"


def test_link_without_selection_says_so(seed: Article) -> None:
    before = seed.after()
    seen = seed.follow(link_role_flow(seed.annotation, None))
    assert seen.refusal == "Select the title in the text, or put the cursor on it."
    assert seed.after() == before


def test_relink_role(seed: Article) -> None:
    seen = seed.follow(relink_role_flow(seed.annotation, "R3"), "P4")
    assert seen.asked[0].exclude == ("P3",)
    role = next(r for r in seed.after().roles if r.id == "R3")
    assert role.person == "P4" and seed.after().span_text(role.span) == "Regional Governor"


def test_delete_role(seed: Article) -> None:
    span = next(r.span for r in seed.annotation.roles if r.id == "R10")
    seed.follow(delete_flow("role", "R10"))
    after = seed.after()
    assert "R10" not in {r.id for r in after.roles}
    assert after.get_span(span) is None or after.get_span(span).rejected
    assert not after.roles_of("P9")


# -- Events ------------------------------------------------------------------------------


def test_create_event_from_selection(seed: Article) -> None:
    start, end = at(seed, "seek")
    seen = seed.follow(new_event_flow(seed.annotation, (start, end)), "Transfer")
    assert seen.asked[0].kind == "event_type"
    after = seed.after()
    kind, created = selects(seen, after) or ("", "")
    assert kind == "event"
    event = after.event(created)
    trigger = after.span(event.trigger)
    assert (trigger.start, trigger.end, trigger.label) == (start, end, "TRIGGER")
    assert event.type == "Transfer" and event.provenance.source == "human"


def test_new_event_without_selection_says_so(seed: Article) -> None:
    assert seed.follow(new_event_flow(seed.annotation, None)).refusal == (
        "Select the trigger in the text, or put the cursor on it."
    )


def test_set_event_type(seed: Article) -> None:
    was = seed.annotation.event("E1").type
    seen = seed.follow(event_type_flow(seed.annotation, "E1"), "Contact")
    assert seen.asked[0].kind == "event_type" and seen.asked[0].current == was != "Contact"
    assert seed.after().event("E1").type == "Contact"


def test_add_participant_from_the_mention_under_the_cursor_asks_only_the_part(
    seed: Article,
) -> None:
    start, _ = at(seed, "Putin", 1)
    event = seed.annotation.event("E1")
    seen = seed.follow(add_participant_flow(seed.annotation, event, start), "patient")
    [asked] = seen.asked
    assert asked.kind == "part" and asked.event_type == "Movement"
    assert seed.after().event("E1").participants == (
        Participant("P1", "agent"),
        Participant("P2", "patient"),
    )


def test_the_entity_under_the_cursor_takes_part_as_an_argument(seed: Article) -> None:
    event_id, korea = fired_event(seed.annotation)
    event = seed.annotation.event(event_id)
    cursor = seed.annotation.span(korea).start
    seen = seed.follow(add_participant_flow(seed.annotation, event, cursor), "instrument")
    assert seen.asked[0].title == "Part of North Korea in Attack"
    assert Argument(korea, "instrument") in seed.after().event(event_id).arguments


def test_a_selected_phrase_takes_part_as_an_argument_of_its_own(seed: Article) -> None:
    """With a text selection, + adds it (a ``PHRASE`` span) in the part asked: no person or
    entity is looked for."""
    start, end = at(seed, "a brass band")
    event = seed.annotation.event("E1")
    seen = seed.follow(add_participant_flow(seed.annotation, event, start, (start, end)), "agent")
    assert [a.kind for a in seen.asked] == ["part"]
    assert seen.asked[0].title == f"Part of a brass band in {event.type}"
    after = seed.after()
    (added,) = [a for a in after.event("E1").arguments if a.part == "agent"]
    assert (after.span_text(added.span), after.span(added.span).label) == ("a brass band", "PHRASE")


def test_add_participant_picks_a_person_when_the_cursor_is_elsewhere(seed: Article) -> None:
    cursor, _ = at(seed, "alignment")
    event = seed.annotation.event("E10")
    seen = seed.follow(add_participant_flow(seed.annotation, event, cursor), "P1", "agent")
    assert [a.kind for a in seen.asked] == ["person", "part"]
    assert seed.after().event("E10").participants == (Participant("P1", "agent"),)


@pytest.mark.parametrize(
    "flow",
    [
        lambda a: add_participant_flow(a, None, 0),
        lambda a: set_where(None, (0, 4), "time"),
    ],
)
def test_event_keys_without_a_selected_event_say_so(seed: Article, flow: object) -> None:
    seen = seed.follow(flow(seed.annotation))  # type: ignore[operator]
    assert seen.refusal == "Select an event first (Events panel, key 3)."


def test_set_time_and_place_from_selections(seed: Article) -> None:
    """E11 ("testing") gets the TIME entity "Earlier in the day" as its time (reused) and
    "the sea" as its place (a new PLACE span)."""
    time_span = next(s for s in seed.annotation.spans if s.label == "TIME")
    event = seed.annotation.event("E11")
    seen = seed.follow(set_where(event, (time_span.start, time_span.end), "time"))
    assert seen.edit is not None and seen.edit.clears_text_selection
    start, end = at(seed, "the sea")
    seed.follow(set_where(seed.annotation.event("E11"), (start, end), "place"))
    after = seed.after()
    assert after.event("E11").time == time_span.id
    place = after.span(after.event("E11").place)
    assert (place.start, place.end, place.label) == (start, end, "PLACE")


def test_set_where_without_a_selection_says_so(seed: Article) -> None:
    seen = seed.follow(set_where(seed.annotation.event("E11"), None, "place"))
    assert seen.refusal == "Select the place in the text, or put the cursor on it."


def test_delete_event(seed: Article) -> None:
    trigger = seed.annotation.event("E11").trigger
    seen = seed.follow(delete_flow("event", "E11"))
    assert seen.edit is not None and seen.edit.deletes
    after = seed.after()
    assert "E11" not in {e.id for e in after.events}
    assert after.get_span(trigger) is None or after.get_span(trigger).rejected


def test_gone_items_are_refused(seed: Article) -> None:
    for flow in (
        merge_person_flow(seed.annotation, "P99"),
        rename_person_flow(seed.annotation, "P99"),
        relink_role_flow(seed.annotation, "R99"),
        event_type_flow(seed.annotation, "E99"),
    ):
        assert seed.follow(flow).refusal is not None


def test_l_e_t_w_take_the_span_under_the_cursor_without_a_selection(seed: Article) -> None:
    from tui.item_editing import target_range

    annotation = seed.annotation
    start, end = at(seed, "Defense Minister")
    role = next(s for s in annotation.spans if (s.start, s.end) == (start, end))
    assert target_range(annotation, None, start + 3) == (role.start, role.end)
    assert target_range(annotation, (1, 4), start + 3) == (1, 4)  # a selection wins
    gap = annotation.text.index(" for a meeting")
    assert target_range(annotation, None, gap + 2) is None
    when = at(seed, "July")
    seen = seed.follow(
        set_where(annotation.event("E11"), target_range(annotation, None, when[0]), "time")
    )
    assert seen.edit is not None
    after = seed.after()
    time = after.span(after.event("E11").time)
    assert (time.start, time.end) == when


def test_told_again_folds_the_event_on_the_selection_into_the_selected_one(seed: Article) -> None:
    """E2 and E3 are two "meeting"s of one summit: J on E3's trigger makes it E2's later
    mention, with E3's people; J on a plain word makes a new trigger span a mention."""
    before = seed.annotation
    second = before.span(before.event("E3").trigger)
    seen = seed.follow(told_again(before.event("E2"), (second.start, second.end)))
    assert seen.edit is not None and seen.edit.clears_text_selection
    after = seed.after()
    assert "E3" not in {e.id for e in after.events}
    assert after.event("E2").mentions == (second.id,)
    assert selects(seen, after) == ("event", "E2")
    start, end = at(seed, "alignment")
    seed.follow(told_again(after.event("E2"), (start, end)))
    told = seed.after().event("E2")
    spans = [seed.after().span(m) for m in told.mentions]
    assert [(s.start, s.label) for s in spans] == [(second.start, "TRIGGER"), (start, "TRIGGER")]


def test_told_again_needs_an_event_and_a_selection(seed: Article) -> None:
    assert seed.follow(told_again(None, (0, 4))).refusal.startswith("Select the event told")
    event = seed.annotation.event("E2")
    assert seed.follow(told_again(event, None)).refusal.startswith("Select the words")
