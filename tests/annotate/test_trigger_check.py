"""The scoring of ``tests/checks/trained_triggers.py`` (the trained trigger finder it compares
with the rules), without the corpus: mentions matched one to one by overlap, with or without
their type, counted as ``annotui evaluate`` counts."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from tests.script_modules import load_script

CHECK = Path(__file__).resolve().parents[1] / "checks" / "trained_triggers.py"


def _check() -> ModuleType:
    return load_script(CHECK)


def test_mentions_are_matched_once_by_overlap_and_type() -> None:
    check = _check()
    gold = [[(0, 5, "Attack"), (10, 15, "Die")], [(0, 4, "Meet")]]
    found = [[(1, 5, "Attack"), (2, 4, "Attack"), (10, 15, "Injure")], []]
    # typed: one of three found is right (the second "Attack" overlaps a gold one taken
    # already), one of three gold found
    assert check.score(gold, found, typed=True) == "0.33 / 0.33 / 0.33"
    # untyped: the "Injure" meets the "Die"
    assert check.score(gold, found, typed=False) == "0.67 / 0.67 / 0.67"
