"""The annotui spaCy components; importing this package registers their factories.

Imports spaCy: only :mod:`annotate.pipeline` imports it, lazily.
"""

from annotate.components import entity_repair, events, people, roles

COMPONENTS: tuple[str, ...] = (entity_repair.NAME, people.NAME, roles.NAME, events.NAME)
"""Factory names in the order :func:`annotate.pipeline.build_nlp` adds them."""

__all__ = ["COMPONENTS"]
