"""Finding words in the article: ctrl+f, matches as you type, enter / up for the next and
previous, escape back to the text with the match selected for a label key."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tests.tui.conftest import TRADE_TEXT
from tests.tui.edit_helpers import edit_app, open_article, stored, text_of
from tui.text_search import find


def test_find_wraps_round_and_counts_the_matches() -> None:
    text = "Berg met Diaz. Later berg left; BERG returned."
    first = find(text, "berg", 0)
    assert first is not None and (first.start, first.number, first.total) == (0, 1, 3)
    second = find(text, "Berg", 1)
    assert second is not None and (second.start, second.number) == (text.index("berg"), 2)
    assert find(text, "berg", len(text)).start == 0  # past the last: the first again
    back = find(text, "berg", 0, step=-1)
    assert back is not None and back.start == text.index("BERG")
    assert find(text, "nobody", 0) is None
    assert find(text, "  ", 0) is None


async def test_ctrl_f_finds_and_escape_leaves_the_match_to_label(tmp_path: Path) -> None:
    path, ids, app = edit_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_article(app, pilot, ids["trade"])
        text = text_of(screen)
        await pilot.press("ctrl+f", *"tariffs")
        box = screen.query_one("#search", Input)
        assert box.display and box.has_focus
        start = TRADE_TEXT.index("tariffs")
        assert text.selection() == (start, start + len("tariffs"))
        assert box.border_subtitle == "1 of 1"
        await pilot.press("backspace", *"zz")
        assert box.border_subtitle == "no match" and box.has_class("-invalid")
        box.value = "berg"
        await pilot.pause()
        first = TRADE_TEXT.index("Berg")
        assert text.selection() == (first, first + 4)
        await pilot.press("enter")
        second = TRADE_TEXT.index("Berg announced")
        assert text.selection() == (second, second + 4)
        await pilot.press("up")
        assert text.selection() == (first, first + 4)
        await pilot.press("escape")
        assert not box.display and app.focused is text
        await pilot.press("ctrl+f")  # back in the box, its words kept
        assert box.value == "berg"
        box.value = "tariffs"
        await pilot.pause()
        await pilot.press("escape", "o")  # label what was found
        await pilot.pause()
    labelled = stored(path, ids["trade"])
    assert any(s.label == "ORG" and s.text_in(TRADE_TEXT) == "tariffs" for s in labelled.spans)
