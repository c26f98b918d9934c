"""circle names its keys in the footer and the palette as Textual does, without Textual's Unicode name lookups.

Textual finds a key's character by looking up its Unicode name, which pages in Unicode's name tables; circle shows
letters and the keys it names itself (`!`, `+`, `[`) from its own table. Every key any circle screen, widget or
app binds (their Textual parents' keys too), bound as Textual binds it, is compared with Textual's own display.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import KEY_DISPLAY_ALIASES

import circle.ui
from circle.ui.app import CircleApp
from circle.ui.keys import declared_bindings, footer_key
from circle.ui.screens.meeting import MeetingScreen


def bound_keys() -> Iterator[Binding]:
    """Every binding of every circle class that has keys, and of its parents, as Textual binds them."""
    for module in pkgutil.walk_packages(circle.ui.__path__, "circle.ui."):
        for _, value in inspect.getmembers(importlib.import_module(module.name), inspect.isclass):
            if issubclass(value, DOMNode) and value.__module__ == module.name:
                for cls in value.__mro__:
                    yield from Binding.make_bindings(vars(cls).get("BINDINGS", ()))


def test_every_key_circle_names_itself_looks_as_textual_shows_it() -> None:
    textual = App()
    named = [binding for binding in bound_keys() if footer_key(binding) is not None]
    assert len(named) > 50  # the walk found the screens' keys
    assert [footer_key(binding) for binding in named] == [textual.get_key_display(binding) for binding in named]


def test_the_meetings_keys_are_named_without_a_unicode_lookup() -> None:
    """Every key a meeting binds is circle's to name, or one Textual names without a lookup (Escape as "esc")."""
    declared = [*declared_bindings(MeetingScreen), *declared_bindings(CircleApp)]
    left = {binding.parse_key()[1] for binding in Binding.make_bindings(declared) if footer_key(binding) is None}
    assert left <= set(KEY_DISPLAY_ALIASES)
