"""Hold Python's cyclic garbage collector over the frames that must come fast.

A full collection takes 10-90 ms once a few article screens have come and gone; the app
holds it from start-up to the list's first frame and from opening an article to the
article's first frame, so it runs after the frame instead of delaying it. What start-up
left alive (the modules, every article's summary) is frozen out of its sight: full
collections then walk only what came after.
"""

from __future__ import annotations

import gc

_held = False
_frozen = False


def hold_gc() -> None:
    """Hold the collector until :func:`release_gc` (no-op if it is off already)."""
    global _held
    if not _held and gc.isenabled():
        gc.disable()
        _held = True


def release_gc() -> None:
    """Let the collector run again if :func:`hold_gc` stopped it."""
    global _held
    if _held:
        _held = False
        gc.enable()


def freeze_startup() -> None:
    """Start-up is over: freeze what it left alive (if the collector was held), and let the
    collector run."""
    global _frozen
    if _held and not _frozen:
        gc.freeze()
        _frozen = True
    release_gc()


def unfreeze() -> None:
    """Give the collector back what :func:`freeze_startup` froze, and collect it (the
    process may go on after the app: tests, a host)."""
    global _frozen
    release_gc()
    if _frozen:
        _frozen = False
        gc.unfreeze()
        gc.collect()
