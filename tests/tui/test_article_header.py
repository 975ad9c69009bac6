"""The article screen's header, below Textual: what it says in each state."""

from __future__ import annotations

from tui.article_header import HeaderState, header_text


def test_the_sub_title_says_status_counts_and_text_mode() -> None:
    state = HeaderState(status="in_progress", counts="3 people · 2 events")
    assert state.sub_title() == "in progress · 3 people · 2 events"
    marked = HeaderState(status="new", counts="annotating…", marking=True, char_precise=True)
    assert marked.sub_title() == "new · annotating… · mark · char-precise"


def test_a_model_failure_is_said_while_the_article_is_new() -> None:
    failed = HeaderState(status="new", counts="0 people · 0 events", model_failed=True)
    assert failed.sub_title() == "new · model failed · 0 people · 0 events"
    edited = HeaderState(status="in_progress", counts="1 people · 0 events", model_failed=True)
    assert "model failed" not in edited.sub_title()


def test_the_title_is_shortened_to_leave_the_sub_title_room_and_made_printable() -> None:
    state = HeaderState(status="reviewed", counts="2 people · 1 events")
    title = "Kim Jong Un arrives at the cosmodrome for talks with Vladimir Putin"
    shown, sub_title = header_text(state, title, 140)
    assert shown == title and sub_title == "reviewed · 2 people · 1 events"
    shown, _ = header_text(state, title, 80)
    assert shown.endswith("…") and len(shown) == 80 - len(sub_title) - 24
    assert header_text(state, "\x1b]0;owned\x07 Title", 120)[0].startswith("␛")
    assert header_text(state, "", 120)[0] == "(untitled)"
    assert len(header_text(state, title, 10)[0]) == 12  # never shorter than 12 columns
