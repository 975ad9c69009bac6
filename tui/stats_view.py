"""The corpus statistics as charts: sections of labelled bars (no Textual).

:func:`sections` turns :class:`~store.corpus_stats.CorpusStats` into titled lists of bars;
the ``annotui stats`` command prints them (:func:`text_lines`) and the statistics screen draws
each section as a chart widget.
"""

from __future__ import annotations

from dataclasses import dataclass

from store.corpus_stats import CorpusStats
from tui.safe_text import counted, one_line

BLOCKS = " ▏▎▍▌▋▊▉█"
"""Eighths of a cell: bars are drawn to an eighth of a character."""
BAR_CELLS = 48
"""The longest bar, in cells: longer ones are no easier to compare."""
STATUS_WORDS = {"new": "new", "in_progress": "in progress", "reviewed": "reviewed"}


@dataclass(frozen=True)
class Bar:
    """One bar: its name, its length's value, and the figure written after it."""

    name: str
    value: float
    figure: str


@dataclass(frozen=True)
class Section:
    """A chart: a title and its bars; ``scale`` is the value of a full bar."""

    title: str
    bars: list[Bar]
    scale: float | None = None


def bar_text(value: float, most: float, width: int) -> str:
    """A bar of ``width`` cells at most, as long as ``value`` is to ``most``."""
    if most <= 0 or value <= 0:
        return ""
    eighths = max(1, round(8 * width * min(value, most) / most))
    full, part = divmod(eighths, 8)
    return "█" * full + (BLOCKS[part] if part else "")


def _percent(part: int, whole: int) -> str:
    return f"{part:,} ({100 * part / whole:.0f}%)" if whole else f"{part:,}"


def sections(stats: CorpusStats) -> list[Section]:
    """The charts of the statistics screen and of ``annotui stats``, in order."""
    total = stats.articles
    spans = sum(stats.by_state.values())
    charts = [
        Section(
            f"Articles: {stats.reviewed:,} of {total:,} reviewed",
            [Bar(STATUS_WORDS[s], n, _percent(n, total)) for s, n in stats.by_status.items()],
        ),
        Section(
            f"Spans by state: {stats.open_suggestions:,} suggestions left",
            [Bar(s, n, _percent(n, spans)) for s, n in stats.by_state.items()],
        ),
        Section(
            "Spans by origin",
            [Bar(o, n, _percent(n, spans)) for o, n in stats.by_origin.items()],
        ),
        Section("Live spans by label", [Bar(k, n, f"{n:,}") for k, n in stats.by_label.items()]),
        Section(
            "The model's suggestions accepted, by label (of those decided on)",
            [
                Bar(
                    label,
                    a.rate or 0.0,
                    ("–" if a.rate is None else f"{100 * a.rate:.0f}%")
                    + f"  {a.accepted:,} ✓ {a.rejected:,} ✗ {a.open:,} open",
                )
                for label, a in stats.acceptance.items()
            ],
            scale=1.0,
        ),
        Section(
            "People in the most articles",
            [
                Bar(
                    one_line(p.name),
                    p.articles,
                    f"{counted(p.articles, 'article')} · {counted(p.mentions, 'mention')}",
                )
                for p in stats.top_people
            ],
        ),
        Section(
            "Annotators: decisions",
            [
                Bar(
                    one_line(a.name),
                    a.decisions,
                    f"{a.decisions:,} · {a.articles:,} art. · {a.reviewed:,} reviewed",
                )
                for a in stats.annotators
            ],
        ),
        Section("Events by type", [Bar(t, n, f"{n:,}") for t, n in stats.events_by_type.items()]),
    ]
    return charts


def chart_rows(section: Section, width: int) -> list[tuple[str, str, str]]:
    """Each bar of a chart ``width`` cells wide: its name, bar and figure, padded to line up."""
    if not section.bars:
        return []
    name_width = min(24, max(len(b.name) for b in section.bars))
    figure_width = max(len(b.figure) for b in section.bars)
    room = max(4, min(BAR_CELLS, width - name_width - figure_width - 6))
    most = section.scale or max(b.value for b in section.bars)
    rows: list[tuple[str, str, str]] = []
    for b in section.bars:
        name = b.name if len(b.name) <= name_width else b.name[: name_width - 1] + "…"
        rows.append(
            (f"  {name:<{name_width}} ", f"{bar_text(b.value, most, room):<{room}}", f" {b.figure}")
        )
    return rows


def text_lines(stats: CorpusStats, width: int = 80) -> list[str]:
    """The charts as plain lines of at most ``width`` characters (``annotui stats``)."""
    lines: list[str] = []
    for section in sections(stats):
        lines.append(section.title)
        rows = chart_rows(section, width)
        lines += ["".join(row).rstrip() for row in rows] or ["  (none)"]
        lines.append("")
    return lines
