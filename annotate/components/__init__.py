"""The annotui spaCy components; importing this package registers their factories.

Imports spaCy: only :mod:`annotate.pipeline` imports it, lazily.
"""

from annotate.components import entity_repair, events, line_breaks, people, roles

COMPONENTS: tuple[str, ...] = (entity_repair.NAME, people.NAME, roles.NAME, events.NAME)
"""Factory names in the order :func:`annotate.pipeline.build_nlp` adds them."""

LINE_BREAKS = line_breaks.NAME
"""Runs with the statistical part, before the parser: a line break ends a sentence."""

__all__ = ["COMPONENTS", "LINE_BREAKS"]
