"""Every key binding of the article view names an action its class has (no Pilot needed)."""

from __future__ import annotations

import pytest
from textual.actions import parse
from textual.binding import Binding
from textual.dom import DOMNode

from annotate.labels import default_config
from tui.screens.article_view import ArticleScreen
from tui.widgets.article_text import ArticleText
from tui.widgets.events_panel import EventsPanel
from tui.widgets.people_panel import PeoplePanel
from tui.widgets.roles_panel import RolesPanel

OWNERS: tuple[type[DOMNode], ...] = (
    ArticleScreen,
    ArticleText,
    PeoplePanel,
    RolesPanel,
    EventsPanel,
)


def _actions(owner: type[DOMNode]) -> list[tuple[str, str]]:
    found = []
    for binding in owner.BINDINGS:
        assert isinstance(binding, Binding)
        found.append((binding.key, binding.action))
    return found


@pytest.mark.parametrize("owner", OWNERS, ids=lambda owner: owner.__name__)
def test_every_binding_names_an_action_of_its_class(owner: type[DOMNode]) -> None:
    for key, action in _actions(owner):
        namespace, name, _ = parse(action)
        if namespace == "app":
            continue
        assert callable(getattr(owner, f"action_{name}", None)), f"{key}: {action}"


def test_default_label_keys_are_free_in_the_article_view() -> None:
    """A label key must not shadow a key of the screen or the text (it would never label)."""
    taken = {
        binding.key
        for owner in (ArticleScreen, ArticleText)
        for binding in Binding.make_bindings(owner.BINDINGS)
    }
    keys = [spec.key for spec in default_config().labels if spec.key]
    assert keys and len(keys) == len(set(keys))
    assert not taken & set(keys)
