"""Python's cycle collector, paused while trends make and read a great many small containers."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The engine, and the reading of kept counts, make a great many small containers and no cycles: the cycle
    collector would only walk them again and again (a sixth of the engine's time on a large vault). Paused for the
    call, then as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
