"""The default label colours stay apart in truecolor, 256 and 16 colours, dark and light, and
the text stays readable on them (thresholds and their reasons: tui/palette_check.py)."""

from __future__ import annotations

from dataclasses import replace

from annotate.labels import default_config
from tui.palette_check import MIN_CONTRAST, MIN_DISTANCE, check_all, table


def test_every_colour_system_and_theme_keeps_the_labels_apart() -> None:
    rows = check_all()
    assert {row.system for row in rows} == {"truecolor", "256", "16"}
    assert {row.backdrop for row in rows} >= {"dark", "light", "dark, focused", "light, focused"}
    for row in rows:
        smallest = row.smallest
        assert smallest.distance >= MIN_DISTANCE[row.system], (row.system, row.backdrop, smallest)
        if row.system != "16":
            label, contrast = row.lowest_contrast
            assert contrast >= MIN_CONTRAST, (row.system, row.backdrop, label, contrast)


def test_the_check_catches_two_labels_drawn_alike() -> None:
    config = default_config()
    org = config.label("ORG")
    assert org is not None
    near = replace(org, name="MONEY", colour="#00806c")  # ORG's colour, one step off
    labels = tuple(near if spec.name == "MONEY" else spec for spec in config.labels)
    rows = check_all(replace(config, labels=labels))
    worst = min(rows, key=lambda row: row.smallest.distance)
    assert worst.smallest.distance < 1
    assert {worst.smallest.first, worst.smallest.second} == {"ORG", "MONEY"}
    assert "| 256 | dark |" in table(rows)
