"""Leaving when the terminal is gone.

A terminal closed under a circle that is not its session's leader (run through `make`, say, or a
terminal multiplexer killed outright) sends circle no hang-up signal: its input only ends, and the
input thread would go on waking for ever, spinning a core. So the app looks now and then whether its
terminal has hung up, and ends as if the facilitator had quit: everything is already saved.
"""

from __future__ import annotations

import os
import sys

from textual.app import App

CHECK_SECONDS = 2


def terminal_hung_up(fd: int) -> bool:
    """Whether the terminal on `fd` has hung up. Every ioctl on a hung-up terminal fails (EIO on Linux);
    a system without terminal process groups (Windows) never says so."""
    if not hasattr(os, "tcgetpgrp"):
        return False
    try:
        os.tcgetpgrp(fd)
    except OSError:  # a terminal that answers no ioctl has hung up
        return True
    return False


def leave_when_the_terminal_hangs_up(app: App) -> None:
    """From mount: end `app` once its terminal has hung up. Not under a test's headless driver."""
    if app.is_headless:
        return
    try:
        fd = sys.__stdin__.fileno() if sys.__stdin__ is not None else -1
    except (OSError, ValueError):
        return
    if fd < 0 or not os.isatty(fd):
        return
    app.set_interval(CHECK_SECONDS, lambda: app.exit() if terminal_hung_up(fd) else None)
