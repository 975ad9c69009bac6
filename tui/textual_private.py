"""Every use of Textual's private API, in one place, each with what it is needed for.

Textual (pinned at 8.2.8) offers no public way to do these; a new Textual version is checked
here first. Figures are from ``tests/bench/app_bench.py`` (see the README's bench table);
anything public (``textual.types.CSSPathType``, ``textual.types.NoActiveAppError``,
``textual.widgets.Tabs``) is imported from where Textual documents it, not from here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen


def css_generation(app: App[Any]) -> int | None:
    """How many times the app's CSS was invalidated (``None`` if Textual does not say).

    Speed, *open the long article, first frame* (target < 150 ms): a spare article screen
    was styled when it was mounted, so its first showing can skip the restyle of every widget
    (``ScreenResume.refresh_styles``) when the CSS has not changed since; only
    ``App._css_update_count`` says whether it has. Measured (median of 4 fresh processes,
    2 loaded cores, Dec 2026): 153 ms with it, 197 ms without.
    """
    generation = getattr(app, "_css_update_count", None)
    return generation if isinstance(generation, int) else None


def start_hidden(app: App[Any], screen: Screen[Any]) -> None:
    """Start a screen's message pump (compose, mount, styles) without showing it, as
    ``push_screen`` does; it is shown later and removed like any other when popped.

    Speed, *open the long article, first frame* (target < 150 ms): composing, mounting and
    styling the article screen's widgets is built while the list is idle
    (``App._register``), not when the article is opened. Measured on a quiet machine (Dec 5
    2026, ``ANNOTUI_BENCH_TUNING=on|off tests/bench/app_bench.py --runs 3 --keys 10``, twice
    each, alternating): 98 and 99 ms with the start-up tuning (this spare screen and the
    collector hold of :mod:`tui.startup_tuning`), 142 and 164 ms without: it pays, and keeps
    the target.
    """
    app._register(app, screen)


@contextmanager
def quick_pilot_idle() -> Iterator[None]:
    """Let a test's Pilot see the app idle after 5 ms instead of 20 ms per look (for tests).

    Speed, *the whole suite under 120 s on 2 cores*: Textual's ``wait_for_idle`` (behind
    every ``Pilot.press`` and ``pause``) sleeps in steps of ``textual._wait.SLEEP_GRANULARITY``
    until a step passes with under ``SLEEP_IDLE`` of CPU time, so each key press cost about
    65 ms. Idle is still judged by the process's CPU time. Measured (``pytest -n 2 tests/tui``,
    one run after the other, Dec 2026): 60 s with it, 90 s without.
    """
    from textual import _wait

    granularity, idle = _wait.SLEEP_GRANULARITY, _wait.SLEEP_IDLE
    _wait.SLEEP_GRANULARITY, _wait.SLEEP_IDLE = 0.005, 0.001
    try:
        yield
    finally:
        _wait.SLEEP_GRANULARITY, _wait.SLEEP_IDLE = granularity, idle


def is_exiting(app: App[Any]) -> bool:
    """True once ``App.exit`` was called (``App._exit``): no spare screen is built then."""
    return bool(app._exit)


def bind_on_screen(screen: Screen[Any], binding: Binding) -> None:
    """Bind a key on one screen instance (``Screen._bindings``).

    Not for speed: the label keys come from the user's label configuration, read at run
    time, and Textual binds keys at run time only on the app (``App.bind``), which would
    make them act on every screen.
    """
    bindings = screen._bindings.key_to_bindings
    for made in Binding.make_bindings([binding]):
        bindings[made.key] = [made]


class ExceptionHook(App[Any]):
    """The app's hook for errors nothing handled (``App._handle_exception``).

    Not for speed: it is the one place every unhandled error passes (handlers, timers,
    workers, the first screen), so a store or file error can end the app with one line
    instead of a traceback whose locals show the bytes of the files read. Subclasses
    override :meth:`handle_unhandled`; returning False lets Textual handle the error.
    """

    def handle_unhandled(self, error: Exception) -> bool:
        """Handle an error nothing else handled; False leaves it to Textual."""
        return False

    def _handle_exception(self, error: Exception) -> None:
        if not self.handle_unhandled(error):
            super()._handle_exception(error)
