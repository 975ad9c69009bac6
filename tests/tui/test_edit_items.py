"""Editing people, roles and events from the article view, as a person does: keys and pickers.

One test per group of keys (text keys L and +, the People, Roles and Events panels, the event
editor) presses them for real; what every flow asks and does is tested below Textual in
tests/tui/test_item_editing.py. Each test edits the seed article (its gold annotation), then
checks what the store holds (read by a fresh Store); ``test_merge_people`` also opens a new
app on it and checks that it shows the same.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from annotate.model import Annotation, Argument, Participant
from store import Store
from tests.offsets import occurrence
from tests.tui.conftest import gold_seed_annotation
from tests.tui.edit_helpers import fired_event, go_to, new_app, open_article, stored, text_of
from tui.screens.article_view import ArticleScreen
from tui.screens.choice_picker import ChoicePicker, filter_choices
from tui.screens.event_editor import EventEditor, Row, event_rows, parts_not_allowed
from tui.screens.person_picker import NEW_PERSON, PersonPicker, person_choices
from tui.screens.rename_dialog import RenameDialog
from tui.widgets.article_text import ArticleText

SIZE = (120, 40)


@pytest.fixture
def article_id(store_path: Path) -> str:
    """Id of the seed article in the seed store."""
    return Store(store_path).summaries()[0].id


def offsets(text: str, words: str, nth: int = 0) -> tuple[int, int]:
    """Start and end of the ``nth`` whole-word occurrence of ``words``."""
    return occurrence(text, words, nth, whole_words=True)


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type ``text`` key by key."""
    await pilot.press(*("space" if c == " " else c for c in text))


async def highlight(
    pilot: Pilot[None], screen: ArticleScreen, tab_key: str, item_id: str
) -> OptionList:
    """Focus a side panel with its tab key and put its highlight on ``item_id`` directly (the
    arrow keys in the panels have their own tests; pressing down to an item was slow)."""
    await pilot.press(tab_key)
    panel = screen.focused
    assert isinstance(panel, OptionList)
    try:
        panel.highlighted = panel.get_option_index(item_id)
    except Exception as error:
        raise AssertionError(f"{item_id} is not in the panel") from error
    await pilot.pause()
    option = panel.highlighted_option
    assert option is not None and option.id == item_id
    return panel


async def pick(pilot: Pilot[None], kind: type, query: str, value: str | None = None) -> None:
    """Check a picker of ``kind`` is open, filter it by ``query``, and pick the first entry
    (which must be ``value`` when given)."""
    await pilot.pause()
    picker = pilot.app.screen
    assert isinstance(picker, kind)
    await type_text(pilot, query)
    if value is not None:
        assert picker.shown_values[0] == value
    await pilot.press("enter")
    await pilot.pause()


async def reopened_in_new_app(path: Path, article_id: str) -> Annotation:
    """Open the article in a new app on the store; return what it shows (== what is stored)."""
    app = new_app(path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_article(app, pilot, article_id)
        shown = screen.annotation
    assert shown is not None
    assert shown == stored(path, article_id)
    return shown


def reopened(path: Path, article_id: str) -> Annotation:
    """What the store holds for the article, read by a fresh Store: what a new app shows
    (``test_merge_people`` checks that once with a new app)."""
    return stored(path, article_id)


def names(annotation: Annotation) -> dict[str, str]:
    """Person id -> name."""
    return {p.id: p.name for p in annotation.people}


# -- People ------------------------------------------------------------------------------


async def test_merge_people(store_path: Path, article_id: str) -> None:
    app = new_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_article(app, pilot, article_id)
        oleg = screen.annotation.person("P3").mentions
        await highlight(pilot, screen, "1", "P3")
        await pilot.press("m")
        await pick(pilot, PersonPicker, "kozlov", "P4")
        assert screen.selection == ("person", "P4")
    after = await reopened_in_new_app(store_path, article_id)
    assert "P3" not in names(after)
    assert after.person("P4").name == "Alexander Kozlov"
    assert set(oleg) <= set(after.person("P4").mentions)
    assert {r.person for r in after.roles if after.span_text(r.span) == "Regional Governor"} == {
        "P4"
    }


async def test_rename_person(store_path: Path, article_id: str) -> None:
    app = new_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_article(app, pilot, article_id)
        await highlight(pilot, screen, "1", "P1")
        await pilot.press("r")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RenameDialog)
        await pilot.press(*["backspace"] * len("Jong Un"))
        await type_text(pilot, "Jong-un")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
    after = reopened(store_path, article_id)
    assert after.person("P1").name == "Kim Jong-un"


# -- Roles -------------------------------------------------------------------------------


async def test_link_selected_title_to_person(store_path: Path, article_id: str) -> None:
    """The title is selected with the keys (ctrl+shift+right twice), then L and the picker."""
    app = new_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_article(app, pilot, article_id)
        text = text_of(screen)
        start, end = offsets(screen.annotation.text, "Natural Resources Minister")
        await go_to(pilot, text, start)
        await pilot.press("ctrl+shift+right", "ctrl+shift+right", "ctrl+shift+right")
        assert screen.text_selection() == (start, end)
        await pilot.press("L")
        await pick(pilot, PersonPicker, "oleg", "P3")
        assert screen.text_selection() is None
        assert screen.selection is not None and screen.selection[0] == "role"
    after = reopened(store_path, article_id)
    holders = {
        r.person for r in after.roles if after.span_text(r.span) == "Natural Resources Minister"
    }
    assert holders == {"P3", "P4"}


async def test_relink_role(store_path: Path, article_id: str) -> None:
    app = new_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_article(app, pilot, article_id)
        await highlight(pilot, screen, "2", "R3")
        await pilot.press("r")
        await pick(pilot, PersonPicker, "kozlov", "P4")
    after = reopened(store_path, article_id)
    role = next(r for r in after.roles if r.id == "R3")
    assert role.person == "P4"
    assert after.span_text(role.span) == "Regional Governor"


# -- Events ------------------------------------------------------------------------------


async def test_set_event_type_from_panel(store_path: Path, article_id: str) -> None:
    app = new_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_article(app, pilot, article_id)
        await highlight(pilot, screen, "3", "E1")
        await pilot.press("y")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, ChoicePicker)
        # the ACE types, then the event's own older type (kept, offered last)
        config = screen.label_config
        assert picker.shown_values == [*config.current_type_names(), "Movement"]
        await type_text(pilot, "phone")
        await pilot.press("enter")
        await pilot.pause()
    assert reopened(store_path, article_id).event("E1").type == "Phone-write"


async def test_add_participant_from_mention_under_cursor(store_path: Path, article_id: str) -> None:
    """E1 ("arrived") selected, the cursor on "Putin": + asks only for the part."""
    app = new_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_article(app, pilot, article_id)
        await highlight(pilot, screen, "3", "E1")
        await pilot.press("enter", "escape")  # chosen, then escape: back to the text
        assert isinstance(screen.focused, ArticleText)
        start, _ = offsets(screen.annotation.text, "Putin", 1)
        await go_to(pilot, text_of(screen), start)
        await pilot.press("plus")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, ChoicePicker) and not isinstance(picker, PersonPicker)
        assert picker.shown_values == list(screen.label_config.parts_for("Movement"))
        await type_text(pilot, "patient")
        await pilot.press("enter")
        await pilot.pause()
    participants = reopened(store_path, article_id).event("E1").participants
    assert participants == (Participant("P1", "agent"), Participant("P2", "patient"))


async def test_a_selected_phrase_takes_part_with_plus(store_path: Path, article_id: str) -> None:
    """E1 ("arrived") selected, "a military honor guard" selected in the text: + asks only the
    part, and the phrase becomes an argument of its own label (a party, not a "where")."""
    app = new_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_article(app, pilot, article_id)
        await highlight(pilot, screen, "3", "E1")
        await pilot.press("enter", "escape")
        start, end = offsets(screen.annotation.text, "a military honor guard")
        await go_to(pilot, text_of(screen), start)
        await pilot.press(*["ctrl+shift+right"] * 4)
        assert screen.text_selection() == (start, end)
        await pilot.press("plus")
        await pilot.pause()
        assert isinstance(app.screen, ChoicePicker) and not isinstance(app.screen, PersonPicker)
        await type_text(pilot, "patient")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.text_selection() is None
    after = reopened(store_path, article_id)
    added = [a for a in after.event("E1").arguments if a.part == "patient"]
    assert [(after.span_text(a.span), after.span(a.span).label) for a in added] == [
        ("a military honor guard", "PHRASE")
    ]


async def test_editor_adds_an_entity_of_the_sentence(store_path: Path, article_id: str) -> None:
    """The editor's + lists the people and the entities of the event's sentence."""
    event_id, korea = fired_event(stored(store_path, article_id))
    app = new_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_article(app, pilot, article_id)
        editor = await open_editor(pilot, screen, event_id)
        await pilot.press("plus")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, ChoicePicker)
        values = picker.shown_values
        assert korea in values and values.index(korea) > max(
            values.index(p.id) for p in screen.annotation.people if p.id in values
        ), "people first, then the entities"
        shown = {str(c.prompt) for c in picker.choices}
        assert "“North Korea”  GPE" in shown
        assert not any("Ukraine" in prompt for prompt in shown), "not of this sentence"
        await pick(pilot, ChoicePicker, "north korea", korea)
        await pick(pilot, ChoicePicker, "instrument", "instrument")
        assert Row("entity", korea, "instrument") in editor.rows
    arguments = reopened(store_path, article_id).event(event_id).arguments
    assert Argument(korea, "instrument") in arguments


async def test_delete_event_from_panel(store_path: Path, article_id: str) -> None:
    app = new_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_article(app, pilot, article_id)
        trigger = screen.annotation.event("E11").trigger
        await highlight(pilot, screen, "3", "E11")
        await pilot.press("d")
        await pilot.pause()
        assert any("u undoes" in n.message for n in app._notifications)
    after = reopened(store_path, article_id)
    assert "E11" not in {e.id for e in after.events}
    assert after.get_span(trigger) is None or after.get_span(trigger).rejected


# -- The event editor --------------------------------------------------------------------


async def open_editor(pilot: Pilot[None], screen: ArticleScreen, event_id: str) -> EventEditor:
    """Open the event editor on an event from the Events panel."""
    await highlight(pilot, screen, "3", event_id)
    await pilot.press("e")
    await pilot.pause()
    editor = pilot.app.screen
    assert isinstance(editor, EventEditor)
    return editor


async def test_editor_adds_changes_and_removes_participants(
    store_path: Path, article_id: str
) -> None:
    """E4 "welcomed": add Shoigu as agent, make Kim a participant, remove Putin."""
    app = new_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_article(app, pilot, article_id)
        editor = await open_editor(pilot, screen, "E4")
        assert editor.rows == [Row("person", "P2", "agent"), Row("person", "P1", "patient")]
        await pilot.press("plus")
        await pick(pilot, ChoicePicker, "shoigu", "P5")
        await pick(pilot, ChoicePicker, "agent", "agent")
        assert app.screen is editor
        assert editor.rows[-1] == Row("person", "P5", "agent")
        await pilot.press("down")  # Kim (patient)
        await pilot.press("p")
        await pick(pilot, ChoicePicker, "particip", "participant")
        assert Row("person", "P1", "participant") in editor.rows
        await pilot.press("home")  # Putin (agent)
        assert editor.rows[0] == Row("person", "P2", "agent")
        await pilot.press("d")
        await pilot.pause()
        assert Row("person", "P2", "agent") not in editor.rows
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
    participants = set(reopened(store_path, article_id).event("E4").participants)
    assert participants == {Participant("P5", "agent"), Participant("P1", "participant")}


async def test_editor_changes_type_and_clears_time_and_place(
    store_path: Path, article_id: str
) -> None:
    """E42 "visit" has a time (July) and a place (North Korea)."""
    app = new_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_article(app, pilot, article_id)
        await open_editor(pilot, screen, "E42")
        await pilot.press("y")
        await pick(pilot, ChoicePicker, "meet", "Meet")
        await pilot.press("T")
        await pilot.pause()
        await pilot.press("W")
        await pilot.pause()
        assert isinstance(app.screen, EventEditor)
    event = reopened(store_path, article_id).event("E42")
    assert (event.type, event.time, event.place) == ("Meet", None, None)


async def test_editor_deletes_event_after_confirmation(store_path: Path, article_id: str) -> None:
    app = new_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_article(app, pilot, article_id)
        editor = await open_editor(pilot, screen, "E4")
        await pilot.press("D")
        await pilot.pause()
        assert app.screen is editor  # asked, not deleted
        assert "E4" in {e.id for e in stored(store_path, article_id).events}
        await pilot.press("D")
        await pilot.pause()
        assert app.screen is screen
    assert "E4" not in {e.id for e in reopened(store_path, article_id).events}


async def test_every_item_edit_is_one_undo_step(store_path: Path, article_id: str) -> None:
    """Rename, then undo with u: the store holds the original name again."""
    before = stored(store_path, article_id)
    app = new_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_article(app, pilot, article_id)
        await highlight(pilot, screen, "1", "P2")
        await pilot.press("r", "backspace", "backspace", "enter")
        await pilot.pause()
        assert screen.annotation.person("P2").name == "Vladimir Put"
        await pilot.press("u")
        await pilot.pause()
    assert reopened(store_path, article_id) == before


# -- The pickers' filter -----------------------------------------------------------------


def test_filter_keeps_new_person_and_puts_prefix_matches_first() -> None:
    annotation = gold_seed_annotation()
    choices = person_choices(annotation, allow_new=True)
    assert [c.value for c in filter_choices(choices, "zzz")] == [NEW_PERSON]
    found = [c.value for c in filter_choices(choices, "kim")]
    assert found[0] == "P1" and "P9" in found and found[-1] == NEW_PERSON
    by_title = [c.value for c in filter_choices(choices, "defense minister")]
    assert by_title[:-1] == ["P5"]
    assert [c.value for c in filter_choices(choices, "")] == [
        *(p.id for p in annotation.people),
        NEW_PERSON,
    ]


def test_person_choices_leave_out_people_without_live_mentions() -> None:
    annotation = gold_seed_annotation()
    rejected = {
        s.id: replace(s, provenance=replace(s.provenance, state="rejected"))
        for s in annotation.spans
        if s.id in annotation.person("P11").mentions
    }
    changed = annotation.with_changes(spans=[rejected.get(s.id, s) for s in annotation.spans])
    values = [c.value for c in person_choices(changed, exclude=("P1",))]
    assert "P11" not in values and "P1" not in values and "P2" in values


async def test_editor_marks_parts_the_new_type_does_not_allow(
    store_path: Path, article_id: str
) -> None:
    """E2 "meeting" has two participants; a Transport has no part "participant"."""
    app = new_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_article(app, pilot, article_id)
        editor = await open_editor(pilot, screen, "E2")
        status = editor.query_one("#editor-status", Static)
        assert not status.display
        await pilot.press("y")
        await pick(pilot, ChoicePicker, "transp", "Transport")
        await pilot.pause()
        assert status.display
        said = str(status.render())
        assert "Transport has no part participant" in said and "artifact, agent" in said
        prompts = [str(option.prompt) for option in editor.query_one(OptionList).options]
        assert all(prompt.startswith("⚠ participant") for prompt in prompts)
        event = screen.annotation.event("E2")
        assert parts_not_allowed(screen.label_config, event) == event_rows(event)


async def test_editor_sets_the_modality(store_path: Path, article_id: str) -> None:
    """o asks whether the event happened; the type line says it and the panel row too."""
    app = new_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_article(app, pilot, article_id)
        editor = await open_editor(pilot, screen, "E2")
        await pilot.press("o")
        await pick(pilot, ChoicePicker, "hypo", "hypothetical")
        await pilot.pause()
        assert "hypothetical" in str(editor.query_one("#type", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        row = str(screen.query_one("#events").get_option_at_index(1).prompt)
        assert ", hypothetical" in row
    assert reopened(store_path, article_id).event("E2").modality == "hypothetical"


async def test_j_makes_the_span_under_the_cursor_a_later_mention(
    store_path: Path, article_id: str
) -> None:
    """E2 ("meeting") highlighted, the cursor on the second "meeting" (E3's trigger): J folds
    E3 into E2, whose row then tells it again."""
    app = new_app(store_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_article(app, pilot, article_id)
        await highlight(pilot, screen, "3", "E2")
        await pilot.press("enter")  # the highlight stays on E2; the text takes the keys
        second = screen.annotation.span(screen.annotation.event("E3").trigger)
        await go_to(pilot, text_of(screen), second.start + 1)
        await pilot.press("J")
        await pilot.pause()
        panel = screen.query_one("#events", OptionList)
        row = str(panel.get_option_at_index(panel.get_option_index("E2")).prompt)
        assert "also: meeting" in row
    after = reopened(store_path, article_id)
    assert "E3" not in {e.id for e in after.events}
    assert [after.span_text(m) for m in after.event("E2").mentions] == ["meeting"]
