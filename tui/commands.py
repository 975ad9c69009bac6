"""Command palette provider: every active key binding of the current screen, the theme toggle,
and "Open article: <title>" for each article.

Titles are article text: they are shown as :class:`~textual.content.Content`, never markup.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from itertools import chain
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from tui.host import host_of
from tui.safe_text import counted
from tui.screens.help import ordered_bindings
from tui.widgets.article_table import plain

THEME_COMMAND = "Toggle dark/light theme"
"""Palette text of the theme toggle."""
OPEN_PREFIX = "Open article: "
"""Palette text before an article title."""
_HIDDEN_ACTIONS = frozenset({"command_palette", "toggle_dark"})
_DISCOVER_ARTICLES = 20
_YIELD_EVERY = 500


@dataclass(frozen=True)
class PaletteCommand:
    """One palette entry."""

    text: str
    """Plain text shown and matched."""
    help: str
    """Second line (plain text)."""
    run: Callable[[], Any]
    """What choosing it does."""


def binding_commands(provider: Provider) -> Iterator[PaletteCommand]:
    """Yield a command per active binding of the calling screen, one per action, in help order."""
    app = provider.app
    seen: set[tuple[int, str]] = set()
    for active in ordered_bindings(provider.screen):
        binding = active.binding
        if not active.enabled:
            continue
        if binding.action in _HIDDEN_ACTIONS:
            continue
        key = (id(active.node), binding.action)
        if key in seen:
            continue
        seen.add(key)
        keys = app.get_key_display(binding)
        help_text = f"{binding.tooltip}  ({keys})" if binding.tooltip else f"Key: {keys}"
        yield PaletteCommand(
            binding.description, help_text, partial(app.run_action, binding.action, active.node)
        )


def theme_command(provider: Provider) -> PaletteCommand:
    """The dark/light theme toggle."""
    return PaletteCommand(
        THEME_COMMAND,
        "Switch between textual-dark and textual-light",
        partial(provider.app.run_action, "app.toggle_dark"),
    )


def article_commands(provider: Provider) -> Iterator[PaletteCommand]:
    """Yield "Open article: <title>" for every article the app knows."""
    host = host_of(provider.app)
    if host is None:
        return
    for summary in list(host.summaries.values()):
        title = plain(summary.title) or summary.id
        people = ", ".join(summary.people[:4])
        yield PaletteCommand(
            OPEN_PREFIX + title,
            f"{counted(summary.n_people, 'person', 'people')}, {counted(summary.n_events, 'event')}"
            + (f": {people}" if people else ""),
            partial(host.open_article, summary.id),
        )


def _help(command: PaletteCommand) -> str:
    # The palette runs help text through Content.from_markup, which passes Content through
    # untouched: a Content keeps names such as "[$x]" literal where escape() would not.
    return Content(command.help)  # type: ignore[return-value]


class AnnotuiCommands(Provider):
    """Every action of the current screen, the theme toggle and every article."""

    def _actions(self) -> list[PaletteCommand]:
        return [*binding_commands(self), theme_command(self)]

    async def discover(self) -> Hits:
        """Offer the actions and the first articles before anything is typed."""
        for command in self._actions():
            yield DiscoveryHit(Content(command.text), command.run, command.text, _help(command))
        for count, command in enumerate(article_commands(self)):
            if count >= _DISCOVER_ARTICLES:
                break
            yield DiscoveryHit(Content(command.text), command.run, command.text, _help(command))

    async def search(self, query: str) -> Hits:
        """Fuzzy-match the query against actions and article titles."""
        matcher = self.matcher(query)
        search = matcher.fuzzy_search
        style = matcher.match_style
        for count, command in enumerate(chain(self._actions(), article_commands(self))):
            if count and count % _YIELD_EVERY == 0:
                await asyncio.sleep(0)
            score, offsets = search.match(query, command.text)
            if score <= 0:
                continue
            display = Content(command.text)
            for offset in offsets:
                display = display.stylize(style, offset, offset + 1)
            yield Hit(score, display, command.run, command.text, _help(command))
