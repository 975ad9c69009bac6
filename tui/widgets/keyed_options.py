"""An option list whose rows are rebuilt only when what they show changed.

Each row is an id and a key: a hashable value holding everything its prompt shows. Showing
the same rows again costs one comparison; a changed list reuses the prompts of unchanged keys,
so an edit of one person among hundreds builds one prompt, not hundreds.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

from textual.visual import Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class KeyedOptionList(OptionList):
    """An :class:`OptionList` filled with :meth:`show_rows`."""

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, markup=False)
        self._row_keys: tuple[tuple[str, Hashable], ...] | None = None
        self._prompts: dict[Hashable, Visual] = {}
        self.row_checks = 0
        """How many times rows were handed to :meth:`show_rows` (built and compared)."""

    def show_rows(
        self, rows: Sequence[tuple[str, Hashable]], prompt: Callable[[Hashable], Visual]
    ) -> bool:
        """Show one option per ``(id, key)``, its prompt ``prompt(key)``; keep the highlight.

        Returns False (and does nothing) when the rows are those already shown.
        """
        self.row_checks += 1
        keys = tuple(rows)
        if keys == self._row_keys:
            return False
        self._row_keys = keys
        known = self._prompts
        prompts: dict[Hashable, Visual] = {}
        for _, key in keys:
            found = known.get(key)
            prompts[key] = prompt(key) if found is None else found
        self._prompts = prompts
        current = self.highlighted_option.id if self.highlighted_option else None
        options = [Option(prompts[key], id=row_id) for row_id, key in keys]
        with self.prevent(OptionList.OptionHighlighted):
            self.set_options(options)
            if current is not None and any(row_id == current for row_id, _ in keys):
                self.highlighted = self.get_option_index(current)
        return True
