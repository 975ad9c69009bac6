"""Labels an import brings that the label configuration lacks: added to the store's own
configuration file, so the app lists them in its legend and picker (and a team sharing the
store shares them), each with a description to edit and the ``other`` colour until given one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from annotate.labels import LabelConfig, is_label_name
from annotate.model import Annotation, layer_of


def unknown_labels(annotations: Iterable[Annotation | None], config: LabelConfig) -> list[str]:
    """The entity-layer labels of ``annotations`` that ``config`` does not have, sorted."""
    found = {
        span.label
        for annotation in annotations
        if annotation is not None
        for span in annotation.spans
        if layer_of(span.label) == "entity" and config.label(span.label) is None
    }
    return sorted(found)


def configurable(labels: Iterable[str]) -> tuple[list[str], list[str]]:
    """The labels a configuration file can name (UPPER_CASE), and the others (kept on their
    spans, drawn in the ``other`` colour)."""
    names = list(labels)
    return [n for n in names if is_label_name(n)], [n for n in names if not is_label_name(n)]


def add_labels(config_file: Path, labels: Iterable[str]) -> None:
    """Append a ``[labels."NAME"]`` table with a description for each label to the store's
    configuration file (made when missing); what is there already is kept as it is."""
    tables = "".join(
        f"\n[labels.{json.dumps(label)}]\ndescription = {json.dumps(label.lower())}\n"
        for label in labels
    )
    if not tables:
        return
    with config_file.open("a", encoding="utf-8") as file:
        if file.tell() == 0:
            file.write(
                "# annotui: the store's label configuration (see annotate/default_labels.toml)\n"
            )
        file.write("\n# added by annotui import: labels the configuration lacked" + tables)
