"""A progress line for long commands: a bar, the count, the rate and the time left.

Drawn on standard error over itself (``\\r``) and only on a terminal: piped or redirected
output gets the summary alone.
"""

from __future__ import annotations

import time
from typing import TextIO

BAR_WIDTH = 20
REDRAW_EVERY = 0.1
"""Seconds between two drawings (the last step is always drawn)."""


def progress_text(
    what: str, done: int, total: int, seconds: float, workers: int | None = None
) -> str:
    """``annotating [#####---------------] 25/100 · 12.5/s · 0:06 left · 4 workers``."""
    filled = BAR_WIDTH * done // total if total else BAR_WIDTH
    bar = "#" * filled + "-" * (BAR_WIDTH - filled)
    text = f"{what} [{bar}] {done}/{total}"
    if seconds > 0 and done:
        rate = done / seconds
        left = round((total - done) / rate)
        text += f" · {rate:.1f}/s · {left // 60}:{left % 60:02d} left"
    if workers is not None:
        text += f" · {workers} worker{'' if workers == 1 else 's'}"
    return text


class ProgressLine:
    """Draws :func:`progress_text` on ``stream`` when it is a terminal."""

    def __init__(self, what: str, stream: TextIO) -> None:
        self.what = what
        self._stream = stream
        self._on = stream.isatty()
        self._started = time.perf_counter()
        self._drawn = 0.0
        self._width = 0

    def show(self, done: int, total: int, workers: int | None = None) -> None:
        """Redraw with ``done`` of ``total`` finished, by ``workers`` if given (at most every
        :data:`REDRAW_EVERY` s)."""
        now = time.perf_counter()
        if not self._on or (now - self._drawn < REDRAW_EVERY and done < total):
            return
        self._drawn = now
        text = progress_text(self.what, done, total, now - self._started, workers)
        self._stream.write("\r" + text.ljust(self._width))
        self._stream.flush()
        self._width = len(text)

    def end(self) -> None:
        """End the line (when one was drawn), so the summary starts on its own."""
        if self._on and self._width:
            self._stream.write("\n")
            self._stream.flush()
