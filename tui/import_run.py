"""Importing articles from inside the app: ask for a path, then read and add in a thread.

The worker reads and checks the files first (a bad file is reported, naming it, and nothing
is added), then adds the articles with :func:`store.importing.add_articles` on its own
store, :data:`STEP` at a time: the same steps as ``annotui import``. The header says
``importing 250/5000…``, the list grows as they land, and ``ctrl+x`` stops between two
steps: what was added is whole, and importing the same path again adds the rest. New
articles without an annotation go to the model afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from time import perf_counter

from store import Store
from store.importing import Added
from tui.background_run import BackgroundRun
from tui.messages import ArticlesAdded
from tui.safe_text import printable

IMPORT_GROUP = "import"
"""Worker group of the import."""
STEP = 10
"""Articles added per step: ``ctrl+x`` stops between two steps."""
LIST_EVERY = 0.5
"""Seconds between two refreshes of the list while adding."""


class ImportRun(BackgroundRun):
    """The app's import."""

    group = IMPORT_GROUP
    title = "Import"
    _listed = 0.0

    def ask(self) -> None:
        """Ask for a file or folder, then import from it."""
        from tui.screens.path_dialog import PathDialog

        if self.store.readonly:
            self.app.notify("The store is read-only.", title=self.title, severity="warning")
        elif not self.busy():
            self.app.push_screen(PathDialog(), self.start)

    def start(self, path: str | None) -> None:
        """Import from ``path`` in a thread worker."""
        if path and not self.running:
            self._listed = perf_counter()
            self.start_worker(lambda progress, stop: _import(self.store, path, progress, stop))

    def shown(self, done: int, total: int) -> None:
        """Show the new rows every :data:`LIST_EVERY` seconds, not only at the next poll."""
        if perf_counter() - self._listed >= LIST_EVERY:
            self._listed = perf_counter()
            self.app.post_message(ArticlesAdded((), done=False))

    def finished(self, result: Added) -> None:
        """Say what was added, show it, and hand the new articles to the model."""
        app, new = self.app, result.new
        more = f", {len(result.known)} already there" if result.known else ""
        if result.stopped:
            message = (
                f"Stopped: imported {len(new)} of {result.to_add}{more}. Import again for the rest."
            )
        else:
            message = f"Imported {len(new)} article{'' if len(new) == 1 else 's'}{more}."
        app.notify(message, title=self.title, markup=False)
        for notice in result.notices:
            app.notify(printable(notice), title=self.title, severity="warning", markup=False)
        app.post_message(ArticlesAdded(tuple(new), done=True))


def _import(
    app_store: Store, path: str, progress: Callable[[int, int], None], stop: Callable[[], bool]
) -> Added:
    """Runs in the worker's thread: read ``path``, then add its articles in steps."""
    from store.importing import add_articles, check_inputs

    inputs = check_inputs([path], strict=True)
    with Store(app_store.path) as store:
        return add_articles(store, inputs, progress=progress, stop=stop, step=STEP)
