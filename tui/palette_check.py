"""Do the labels' colours stay apart? The smallest CIEDE2000 distance after a terminal's
reduction of its colours.

A label is drawn as a translucent tint of its colour over the article text's background
(:func:`tui.label_styles.label_style`). This module blends every label's colour at its tint over
that background in Textual's default dark and light themes (``textual-dark``, ``textual-light``:
the ``$surface`` the text sits on, and the same with the 4 % ``$foreground`` tint it gets when it
has the focus), reduces the result as Rich does when it writes to a terminal of 256 or 16 colours
(:meth:`rich.color.Color.downgrade`, so it is what the app sends) and measures, with
:func:`~tui.colour_distance.rgb_distance` (CIEDE2000), how far apart any two labels that can be seen
together stay:

- every pair of entity labels, and each entity label and the plain background (an entity has no
  text style of its own: its tint is all that tells it apart);
- the argument labels, ``TIME_EXPR``, ``PLACE`` and ``PHRASE`` (all italic);
- ``ROLE`` (underlined) and ``TRIGGER`` (bold) are alone in their layers: their style tells them
  from entities and from each other, so no colour pair is asked of them.

It also checks that the text stays readable on every tint: the WCAG contrast of the theme's text
colour, reduced the same way, over the reduced tint (:data:`MIN_CONTRAST`).

Labels that share a colour on purpose are one family and are not asked to differ: the numbers
(``CARDINAL``, ``ORDINAL``, ``QUANTITY``, ``PERCENT``), ``DATE`` and ``TIME``, and the named
things (``PRODUCT``, ``EVENT``, ``WORK_OF_ART``, ``LAW``, ``LANGUAGE``); the status line names a
span's own label. That leaves ten colours for the entities.

Thresholds (:data:`MIN_DISTANCE`): in truecolor and 256 colours every two of the ten stay at
least ΔE00 10 apart, and apart from the background, in both themes, focused or not: a
difference seen at a glance (about 1 is the smallest seen side by side; the old palette had ORG
and MONEY 3 apart in truecolor and 0 in 256 colours, where both became colour 23). In 16
colours there are not ten tints to give: only a few of the sixteen carry the theme's light text,
and every pale tint over the light theme becomes white or silver. There the promise is smaller
and said as such: on the dark theme the most frequent labels of news text (:data:`CORE_LABELS`)
stay 10 apart from each other and from the background, and the article view writes each
span's label after it (:mod:`tui.label_tags`), as it does without colour.

``python -m tui.palette_check`` prints the smallest pairs per colour system and background.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from rich.color import EIGHT_BIT_PALETTE, STANDARD_PALETTE, ColorSystem, ColorTriplet, ColorType
from rich.color import Color as RichColor
from textual.color import Color
from textual.theme import BUILTIN_THEMES

from annotate.labels import LabelConfig, LabelSpec, default_config
from tui.colour_distance import RGB, contrast_ratio, rgb_distance

System = Literal["truecolor", "256", "16"]
"""A terminal's colour system, as Rich names its reduction."""

SYSTEMS: Final[tuple[System, ...]] = ("truecolor", "256", "16")
"""Every colour system checked, richest first."""

_RICH_SYSTEMS: Final[dict[System, ColorSystem]] = {
    "truecolor": ColorSystem.TRUECOLOR,
    "256": ColorSystem.EIGHT_BIT,
    "16": ColorSystem.STANDARD,
}

THEMES: Final[dict[str, str]] = {"dark": "textual-dark", "light": "textual-light"}
"""The themes checked: Textual's default dark and light themes."""

FOCUS_TINT: Final = 0.04
"""The ``$foreground`` tint of the article text when it has the focus (``article_view.tcss``)."""

MIN_DISTANCE: Final[dict[System, float]] = {"truecolor": 10.0, "256": 10.0, "16": 10.0}
"""The smallest CIEDE2000 distance allowed between two label colours seen together, per system
(in 16 colours: between the :data:`CORE_LABELS` and the background, on the dark theme)."""

MIN_CONTRAST: Final = 4.5
"""The smallest WCAG contrast of the text over a tint (WCAG AA for body text), in truecolor and
256 colours."""

CORE_LABELS: Final[tuple[str, ...]] = ("PERSON", "NORP", "ORG", "GPE", "DATE")
"""The labels kept apart in 16 colours: the most frequent entity labels of news text."""

BACKGROUND: Final = "background"
"""Name of the plain background in a pair (an entity tint must stand out of it)."""


@dataclass(frozen=True, slots=True)
class Backdrop:
    """What the article text sits on in one theme: its background and its text colour."""

    name: str
    """``dark``, ``dark, focused``, ``light``..."""
    background: RGB
    """The background the tints are blended over."""
    text: RGB
    """The colour of the text drawn on the tints."""


@dataclass(frozen=True, slots=True)
class Pair:
    """Two labels (or a label and :data:`BACKGROUND`) and how far apart they are drawn."""

    first: str
    second: str
    distance: float
    """CIEDE2000 distance of the two reduced colours."""
    colours: tuple[str, str]
    """The two colours as the terminal gets them (``#1e5c56``, ``color(23)``)."""


@dataclass(frozen=True, slots=True)
class Row:
    """The check of one colour system over one backdrop."""

    system: System
    backdrop: str
    closest: tuple[Pair, ...]
    """Every pair checked, closest first."""
    lowest_contrast: tuple[str, float]
    """The label whose text is least readable, and its contrast."""

    @property
    def smallest(self) -> Pair:
        """The closest pair."""
        return self.closest[0]


def backdrops(themes: dict[str, str] = THEMES) -> tuple[Backdrop, ...]:
    """Return what the article text sits on in each theme, unfocused and focused."""
    found: list[Backdrop] = []
    for name, theme_name in themes.items():
        colours = BUILTIN_THEMES[theme_name].to_color_system().generate()
        surface = Color.parse(colours["surface"])
        text = Color.parse(colours["foreground"])
        focused = surface.tint(text.with_alpha(FOCUS_TINT))
        found.append(Backdrop(name, surface.rgb, text.rgb))
        found.append(Backdrop(f"{name}, focused", focused.rgb, text.rgb))
    return tuple(found)


def blend(background: RGB, colour: str, tint: int) -> RGB:
    """Return a colour at ``tint`` percent over ``background``, as the app blends it."""
    return (Color(*background) + Color.parse(colour).with_alpha(tint / 100)).rgb


def reduced(rgb: RGB, system: System) -> tuple[RGB, str]:
    """Return a colour as a terminal of ``system`` shows it, and how the app names it.

    The reduction is Rich's own (what the app writes); the 256- and 16-colour results are read
    back from Rich's palettes (a real terminal's 16 colours are its theme's, which vary).
    """
    colour = RichColor.from_triplet(ColorTriplet(*rgb)).downgrade(_RICH_SYSTEMS[system])
    if colour.type == ColorType.EIGHT_BIT:
        assert colour.number is not None
        return tuple(EIGHT_BIT_PALETTE[colour.number]), f"color({colour.number})"  # type: ignore[return-value]
    if colour.type == ColorType.STANDARD:
        assert colour.number is not None
        return tuple(STANDARD_PALETTE[colour.number]), f"color({colour.number})"  # type: ignore[return-value]
    return rgb, "#{:02x}{:02x}{:02x}".format(*rgb)


def checked_pairs(config: LabelConfig, system: System) -> list[tuple[str, str]]:
    """Return the pairs that must stay apart in ``system`` (see the module's docstring): one
    label of each colour family."""
    families: dict[tuple[str, int], str] = {}
    for spec in config.entity_labels():
        families.setdefault((spec.colour.lower(), spec.tint), spec.name)
    entities = list(families.values())
    if system == "16":
        entities = [name for name in CORE_LABELS if config.label(name) is not None]
    pairs = list(itertools.combinations(entities, 2))
    pairs += [(name, BACKGROUND) for name in entities]
    if system != "16":
        pairs += itertools.combinations([s.name for s in config.of_layer("argument")], 2)
    return pairs


def check(config: LabelConfig, system: System, backdrop: Backdrop) -> Row:
    """Measure every pair of :func:`checked_pairs` and every label's contrast on one backdrop."""
    drawn: dict[str, tuple[RGB, str]] = {BACKGROUND: reduced(backdrop.background, system)}
    for spec in config.labels:
        drawn[spec.name] = reduced(blend(backdrop.background, spec.colour, spec.tint), system)
    pairs = [
        Pair(a, b, rgb_distance(drawn[a][0], drawn[b][0]), (drawn[a][1], drawn[b][1]))
        for a, b in checked_pairs(config, system)
    ]
    text, _ = reduced(backdrop.text, system)
    contrasts = [(spec.name, contrast_ratio(text, drawn[spec.name][0])) for spec in config.labels]
    return Row(
        system,
        backdrop.name,
        tuple(sorted(pairs, key=lambda pair: pair.distance)),
        min(contrasts, key=lambda item: item[1]),
    )


def check_all(config: LabelConfig | None = None) -> list[Row]:
    """Check every colour system over every backdrop (the defaults unless ``config`` is given);
    16 colours over the dark theme only (see the module's docstring)."""
    config = default_config() if config is None else config
    return [
        check(config, system, backdrop)
        for system in SYSTEMS
        for backdrop in backdrops()
        if system != "16" or not backdrop.name.startswith("light")
    ]


def table(rows: Iterable[Row], pairs: int = 3) -> str:
    """Return the smallest ``pairs`` pairs of each row as a Markdown table."""
    lines = [
        "| colours | background | smallest ΔE00 (pair) | next closest | lowest contrast |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        first, *others = row.closest[:pairs]
        label, contrast = row.lowest_contrast
        lines.append(
            f"| {row.system} | {row.backdrop} | **{first.distance:.1f}** {_pair(first)} | "
            + ", ".join(f"{pair.distance:.1f} {_pair(pair)}" for pair in others)
            + f" | {contrast:.1f} {label} |"
        )
    return "\n".join(lines)


def _pair(pair: Pair) -> str:
    return f"{pair.first}/{pair.second}"


def main(argv: Sequence[str] = ()) -> int:
    """Print the table of the smallest pairs for the default palette."""
    del argv
    print(table(check_all()))
    print()
    print(
        "thresholds: ΔE00 ≥ "
        + ", ".join(f"{value:g} ({system})" for system, value in MIN_DISTANCE.items())
        + f"; 16 colours: {', '.join(CORE_LABELS)} and the background, dark theme;"
        f" contrast ≥ {MIN_CONTRAST:g} in truecolor and 256"
    )
    return 0


def spec_colour(spec: LabelSpec) -> str:
    """Return a label's colour and tint as written in the configuration (``#3b82f6 38%``)."""
    return f"{spec.colour} {spec.tint}%"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
