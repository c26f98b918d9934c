"""The command palette offers what the footer offers, by name: the current screen's keys, and the keys left
out of a crowded footer that still deserve a name (those given a tooltip).

Each command is named in the facilitator's language, and can still be found by its English name: a facilitator
who learnt circle in English, or reads its README, types what they know. The English name is a command of its
own that appears only when searched for, so the list shown before typing holds each command once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial

from textual.app import App, SystemCommand
from textual.screen import Screen

from circle.language import _, current

# Textual's own commands that circle leaves out: its "Keys" panel lists widget internals (circle's screens
# have `?`); "Screenshot" would write the screen, names and all, to an unsealed file in Downloads; and
# "Maximize" (with "Minimize", its way back) blows one widget up over a screen laid out to be read whole.
LEFT_OUT = frozenset({"Keys", "Screenshot", "Maximize", "Minimize"})


def in_both_languages(english: str, help_text: str, callback: Callable[[], object]) -> Iterator[SystemCommand]:
    """The command under its name in the facilitator's language, and under its English name when that differs."""
    name = _(english)
    yield SystemCommand(name, help_text, callback)
    if current() != "en" and name != english:
        yield SystemCommand(english, _("{name} · {help}").format(name=name, help=help_text), callback, discover=False)


def screen_commands(app: App[object], screen: Screen[object]) -> Iterable[SystemCommand]:
    """One command per key on offer right now (the same test as the footer's), named in words."""
    seen: set[str] = set()
    # The bindings as declared, in English: a screen that speaks the facilitator's language shows them translated.
    for active in Screen.active_bindings.fget(screen).values():  # type: ignore[attr-defined]
        binding = active.binding
        if not (active.enabled and (binding.show or binding.tooltip)) or binding.action in seen:
            continue
        seen.add(binding.action)
        yield from in_both_languages(
            binding.tooltip or binding.description,
            _("Key: {key}").format(key=app.get_key_display(binding)),
            partial(app.run_action, binding.action, active.node),
        )


def textual_commands(offered: Iterable[SystemCommand]) -> Iterable[SystemCommand]:
    """Textual's generic commands that still mean something in circle (its theme, quitting)."""
    for command in offered:
        if command.title not in LEFT_OUT:
            yield from in_both_languages(command.title, _(command.help), command.callback)
