"""Frame timing for the benches: when each frame of a Textual app is drawn, and memory."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any


class FrameClock:
    """Records when each frame is drawn, by wrapping ``App._display`` of one app class.

    In headless mode Textual computes the update but writes nothing; the hook renders the update
    to terminal output too, so a frame costs what it costs on a terminal.
    """

    def __init__(self) -> None:
        self.frames: list[tuple[float, str]] = []

    def install(self, app_class: type[Any]) -> None:
        """Wrap ``app_class._display``."""
        from textual._compositor import CompositorUpdate

        original = app_class._display
        clock = self

        def _display(app: Any, screen: Any, renderable: Any) -> None:
            original(app, screen, renderable)
            if renderable is None or app._batch_count:
                return
            if isinstance(renderable, CompositorUpdate):
                renderable.render_segments(app.console)
            clock.frames.append((time.perf_counter(), type(screen).__name__))

        app_class._display = _display

    def after(self, moment: float, screen: str | None = None) -> float | None:
        """Return the time of the first frame after ``moment`` (of ``screen``, if given)."""
        for when, name in self.frames:
            if when > moment and (screen is None or name == screen):
                return when
        return None

    async def wait_after(
        self, moment: float, screen: str | None = None, timeout: float = 10
    ) -> float:
        """Wait for a frame after ``moment`` and return its time."""
        deadline = time.perf_counter() + timeout
        while (found := self.after(moment, screen)) is None:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"no frame of {screen or 'any screen'} within {timeout:g} s")
            await asyncio.sleep(0.0005)
        return found


def rss_mib() -> tuple[float, float]:
    """Return the current and the peak resident set size of this process, in MiB."""
    fields: dict[str, float] = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) / 1024
    return fields.get("VmRSS", 0.0), fields.get("VmHWM", 0.0)
