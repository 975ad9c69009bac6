"""Exporting from inside the app: ask for a file, write the annotated articles in a thread.

The export runs in a thread worker on its own read-only :class:`Store` (the app keeps editing
on its own), through :func:`store.exporting.export_articles`: the file is written beside its
name and renamed into place when complete. The header says ``exporting 120/300…``;
``ctrl+x`` stops, and then nothing is written. Articles that cannot be read are left out and
named in the notification.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from store import Store
from store.exporting import Exported
from tui.background_run import BackgroundRun

EXPORT_GROUP = "export"
"""Worker group of the export."""
HINT = (
    "Every annotated article as extraction-contract JSON lines (rejected annotations left "
    "out); annotui export has more choices."
)
"""What the export writes, said above the input."""
NAMED = 5
"""Unreadable articles named in the notification (the command line names them all)."""


class ExportRun(BackgroundRun):
    """The app's export."""

    group = EXPORT_GROUP
    title = "Export"

    def ask(self) -> None:
        """Ask for the file to write, then export to it."""
        from tui.screens.path_dialog import PathDialog

        if not self.busy():
            dialog = PathDialog(
                "Export the corpus to", HINT, "corpus.jsonl", "export", default="corpus.jsonl"
            )
            self.app.push_screen(dialog, self.start)

    def start(self, path: str | None) -> None:
        """Write the export to ``path`` in a thread worker."""
        if path and not self.running:
            self.start_worker(lambda progress, stop: _export(self.store, path, progress, stop))

    def finished(self, result: Exported) -> None:
        """Say what was written, and name the articles that could not be read."""
        if result.stopped:
            self.app.notify(
                f"Stopped: {result.path} was not written.", title=self.title, markup=False
            )
            return
        left = f" ({result.unannotated} not annotated yet)" if result.unannotated else ""
        message = f"Exported {result.written} articles to {result.path}{left}."
        if not result.unreadable:
            self.app.notify(message, title=self.title, markup=False)
            return
        count = len(result.unreadable)
        named = [f"{aid}: {reason}" for aid, reason in result.unreadable[:NAMED]]
        if count > NAMED:
            named.append(f"… and {count - NAMED} more (annotui export names them all)")
        self.app.notify(
            "\n".join([message, f"Left out {count} article(s) that cannot be read:", *named]),
            title=self.title,
            severity="warning",
            timeout=30,
            markup=False,
        )


def _export(
    app_store: Store, path: str, progress: Callable[[int, int], None], stop: Callable[[], bool]
) -> Exported:
    """Runs in the worker's thread."""
    from store.exporting import FORMATS, chosen_articles, export_articles

    with Store(app_store.path, readonly=True) as store:
        ids = chosen_articles(store)
        return export_articles(
            store, ids, Path(path), FORMATS["jsonl"], progress=progress, stop=stop
        )
