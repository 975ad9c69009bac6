"""What the app says and reads as it starts: the store's state, the label configuration, and
the one line a fatal store error ends it with.

Notices name what the user must know before editing (a read-only store, seed articles that
could not be added, what the store repaired). The label configuration is read after the
list's first frame, so a configuration file never delays it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App

    from annotate.labels import LabelConfig
    from store import Store, StoreError


def show_startup_notices(app: App[Any], store: Store, seed_errors: Iterable[str]) -> None:
    """Say that the store is read-only, which seed articles could not be added, and what the
    store repaired as it opened."""
    if store.readonly:
        app.notify(
            "The store is read-only: nothing you change will be saved.",
            title="Read-only",
            severity="warning",
            markup=False,
        )
    for error in seed_errors:
        app.notify(error, title="Seed articles", severity="error", markup=False)
    show_store_notices(app, store)


def show_store_notices(app: App[Any], store: Store) -> None:
    """Show what the store repaired (a damaged index shard rebuilt, an unfinished import
    listed) as warnings, each once."""
    while store.notices:
        notice = store.notices.pop(0)
        app.notify(notice, title="Store repaired", severity="warning", markup=False)


class LabelSetup:
    """The label configuration in force: the one given, else the files' once read (the
    defaults until then), and the label colours installed from it."""

    def __init__(self, given: LabelConfig | None) -> None:
        self._config = given
        self._read = given is not None
        self._styled = False

    @property
    def config(self) -> LabelConfig:
        """Labels, colours, keys and event types in force."""
        if self._config is None:
            from annotate.labels import default_config

            self._config = default_config()
        return self._config

    def load(self, app: App[Any], store: Store) -> None:
        """Read the user's and the store's files (unless a configuration was given) and
        colour the labels with it; does it once."""
        if not self._read:
            self._read = True
            self._config = read_label_config(app, store)
        if not self._styled:
            self._styled = True
            from tui.label_styles import install_label_css

            install_label_css(app, self.config)


def read_label_config(app: App[Any], store: Store) -> LabelConfig:
    """The user's and the store's label configuration; when a file cannot be used, an error
    notice names it and the defaults are returned."""
    from annotate.labels import ConfigError, default_config, load_config, user_config_path
    from tui.reserved_keys import reserved_keys

    try:
        return load_config(user_config_path(), store.config_path, reserved=reserved_keys)
    except ConfigError as error:
        app.notify(
            f"{error}\nUsing the default labels.",
            title="Label configuration",
            severity="error",
            timeout=15,
            markup=False,
        )
        return default_config()


def error_line(error: StoreError | OSError) -> str:
    """One line for the user: a store error's message, or the file and what the system said."""
    if isinstance(error, OSError) and error.filename and error.strerror:
        return f"{error.filename}: {error.strerror}"
    return str(error).splitlines()[0] if str(error) else type(error).__name__
