"""The keys a label may not use: those the article view binds while its text has the focus.

Computed from the real bindings (the text widget's, the article screen's, the app's and
Textual's own, and the command palette's key), so a key bound anywhere there can never be
taken by a label too. The panels' own keys (``m r d y e``) act only when a panel has the focus,
so label keys, which act when the text has it, may use them.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Iterable

from textual.binding import Binding
from textual.keys import _character_to_key

_CHARACTERS: dict[str, str] = {
    _character_to_key(c): c for c in string.printable if c.isprintable() and not c.isspace()
}
"""Textual's key name of each printable character (as ``Binding`` names it) -> the character."""


def config_key(key: str) -> str:
    """A Textual key name in the form the label configuration writes it: ``comma`` -> ``,``,
    ``question_mark`` -> ``?``; keys with a modifier and named keys stay as they are."""
    return _CHARACTERS.get(key, key)


def keys_of(bindings: Iterable[Binding]) -> dict[str, str]:
    """Each key of ``bindings`` (configuration form) and what it does, the first binding winning."""
    found: dict[str, str] = {}
    for binding in bindings:
        does = (binding.description or binding.action).lower().rstrip("…")
        found.setdefault(config_key(binding.key), does)
    return found


@functools.cache
def reserved_keys() -> dict[str, str]:
    """Every key active in the article view while the text has the focus, and what it does."""
    from tui.app import AnnotuiApp
    from tui.screens.article_view import ArticleScreen
    from tui.widgets.article_text import ArticleText

    bindings: list[Binding] = []
    for node in (ArticleText, ArticleScreen, AnnotuiApp):  # the focused widget's first
        for each in node._merge_bindings().key_to_bindings.values():
            bindings += each
    bindings.append(Binding(AnnotuiApp.COMMAND_PALETTE_BINDING, "command_palette", "palette"))
    return keys_of(bindings)
