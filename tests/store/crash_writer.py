"""A writer for the crash test: edits a store and acknowledges each edit once it returns.

Run as ``python -m tests.store.crash_writer STORE ARTICLE_ID`` from the project root. It
loops until killed: adds a GPE span over the next word of the article (``span <start>``),
and every fifth round adds a new article (``article <id>``) and sets the status of the
edited article (``status <status>``), printing one acknowledgement line after each call.
"""

from __future__ import annotations

import sys

from annotate.edits import add_span
from annotate.model import Annotation, Provenance
from store import Store

STATUSES = ("in_progress", "reviewed", "new")
BY = Provenance(source="human", annotator="crash", state="accepted")


def word_starts(text: str) -> list[int]:
    """Return the start of every word of ``text`` (words are separated by single spaces)."""
    starts, at = [], 0
    for word in text.split(" "):
        starts.append(at)
        at += len(word) + 1
    return starts


def main(folder: str, article_id: str) -> None:
    """Edit until killed."""
    store = Store(folder)
    text = store.article(article_id).text
    starts = word_starts(text)
    current = store.annotation(article_id) or Annotation(text=text)
    done = len(current.spans)
    while done < len(starts):
        start = starts[done]
        end = text.index(" ", start)
        current = store.apply_patch(
            article_id, add_span(current, start, end, "GPE", by=BY), annotator="crash"
        )
        print(f"span {start}", flush=True)
        if done % 5 == 0:
            new = store.add_article(f"Crash test article number {done}, written while editing.")
            print(f"article {new}", flush=True)
            status = STATUSES[(done // 5) % 3]
            store.set_status(article_id, status)  # type: ignore[arg-type]
            print(f"status {status}", flush=True)
        done += 1


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
