"""Layer boundaries: the model and the store never pull in spaCy or Textual, and nothing
but a cluster run pulls in Dask (an optional extra)."""

from __future__ import annotations

import subprocess
import sys

import pytest


def loaded_after(statement: str) -> set[str]:
    """Top-level modules of interest present in a fresh interpreter after ``statement``."""
    code = (
        f"{statement}\n"
        "import sys\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'spacy', 'textual', 'tinydb', 'thinc', 'tui', 'store', 'dask', 'distributed'})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


@pytest.mark.parametrize(
    ("statement", "forbidden"),
    [
        (
            "import annotate.model, annotate.contract",
            {"spacy", "textual", "tinydb", "store", "tui"},
        ),
        ("import annotate.evaluate", {"spacy", "textual", "tinydb", "store", "tui"}),
        ("import annotate.pipeline", {"spacy", "thinc", "textual", "tinydb", "store", "tui"}),
        ("import store", {"spacy", "thinc", "textual", "tui", "dask", "distributed"}),
        ("import tui.cli", {"spacy", "thinc", "textual", "dask", "distributed"}),
        ("import tui.app", {"spacy", "thinc", "dask", "distributed"}),
        (  # the editing logic below the widgets
            "import tui.editor, tui.item_editing, tui.article_header, tui.span_index, "
            "tui.text_layout, tui.caret, tui.batch_annotate",
            {"spacy", "thinc", "textual", "dask", "distributed"},
        ),
    ],
)
def test_import_does_not_load(statement: str, forbidden: set[str]) -> None:
    assert loaded_after(statement) & forbidden == set()
