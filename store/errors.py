"""The one error the store raises: a single user-facing line."""

from __future__ import annotations


class StoreError(Exception):
    """The store cannot do what was asked.

    The message is one line for the user: it names the file or folder, says what is
    wrong with it and what to do about it.
    """


class UnreadableFile(StoreError):
    """A file of the store whose content cannot be read: empty, cut short, not UTF-8, not
    JSON, or refused by a check. ``problem`` says what is wrong with it."""

    def __init__(self, path: object, problem: str) -> None:
        super().__init__(f"cannot read {path}: {problem}; {LEFT_ALONE}")
        self.path = path
        self.problem = problem


LEFT_ALONE = "annotui has left it unchanged; repair it, restore it from a backup or move it away"
"""The end of a message naming a file annotui will not write over."""
