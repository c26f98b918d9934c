"""The command palette offers what the footer offers, by name: the current screen's keys, and the keys left
out of a crowded footer that still deserve a name (those given a tooltip)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual.app import App, SystemCommand
from textual.screen import Screen

# Textual's own commands that circle leaves out: its "Keys" panel lists widget internals (circle's screens
# have `?`); "Screenshot" would write the screen, names and all, to an unsealed file in Downloads; and
# "Maximize" (with "Minimize", its way back) blows one widget up over a screen laid out to be read whole.
LEFT_OUT = frozenset({"Keys", "Screenshot", "Maximize", "Minimize"})


def screen_commands(app: App[object], screen: Screen[object]) -> Iterable[SystemCommand]:
    """One command per key on offer right now (the same test as the footer's), named in words."""
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if not (active.enabled and (binding.show or binding.tooltip)) or binding.action in seen:
            continue
        seen.add(binding.action)
        yield SystemCommand(
            binding.tooltip or binding.description,
            f"Key: {app.get_key_display(binding)}",
            partial(app.run_action, binding.action, active.node),
        )


def textual_commands(offered: Iterable[SystemCommand]) -> Iterable[SystemCommand]:
    """Textual's generic commands that still mean something in circle (its theme, quitting)."""
    return (command for command in offered if command.title not in LEFT_OUT)
