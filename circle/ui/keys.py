"""Keys from one source: a screen's bindings carry their plain words, and `?` and the README read them there.

A `Key` is a Textual binding with the sentence a facilitator reads in the help. A screen lists its help,
in the order a facilitator would ask for it, as the actions of its own bindings, plus the few keys that
the focused widget or the app handles for it (the arrows in a list, Tab, Ctrl+L, Ctrl+Q), which are no
binding of the screen's and so are given as (key, words) pairs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from textual.binding import Binding

from circle.language import _

KeyHelp = tuple[str, str]
# An action of one of the screen's own `Key`s, or a key some widget or the app handles for the screen.
HelpEntry = str | KeyHelp

# How a facilitator reads a key Textual names in words.
_KEY_NAMES = {
    "exclamation_mark": "!",
    "question_mark": "?",
    "slash": "/",
    "plus": "+",
    "equals_sign": "=",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
}


@dataclass(frozen=True)
class Key(Binding):
    """A binding that also says, in plain words, what it does: for `?` and the README.

    Textual copies a binding into a plain one when it binds it, so these fields matter only where the
    screen's declared BINDINGS are read for help; the footer and the palette see an ordinary binding.
    """

    help: str = ""
    # How `?` names the key, when one row covers more than this binding's own key ("a  x", "Enter or t").
    help_key: str = ""


def key_name(key: str) -> str:
    """"ctrl+l" → "Ctrl+L", "N" → "Shift+N", "exclamation_mark" → "!", "escape" → "Escape"."""
    *modifiers, last = key.split("+")
    if len(last) == 1 and last.isupper():
        modifiers = [*modifiers, "shift"]
    elif len(last) == 1 and modifiers:
        last = last.upper()
    else:
        last = _KEY_NAMES.get(last, last if len(last) == 1 else last.capitalize())
    return "+".join([*(modifier.capitalize() for modifier in modifiers), last])


def binding_key_name(binding: Binding) -> str:
    """The binding's first key, as a facilitator reads it, unless it names its keys itself."""
    if isinstance(binding, Key) and binding.help_key:
        return binding.help_key
    return key_name(binding.key.split(",")[0])


def footer_key(binding: Binding) -> str | None:
    """The key as Textual's `App.get_key_display` shows it, for a letter or a key named in `_KEY_NAMES`; else None.

    Textual finds the character of every key by looking up its Unicode name ("a", "PLUS SIGN"), which pages in
    Unicode's name tables; these keys are shown the same from the table above.
    """
    if binding.key_display:
        return binding.key_display
    modifiers, key = binding.parse_key()
    if len(key) == 1 and key.isascii():
        shown = key
    elif key in _KEY_NAMES:
        shown = _KEY_NAMES[key]
    else:
        return None
    if "ctrl" in modifiers:
        modifiers.remove("ctrl")
        shown = f"^{shown}"
    return "+".join([*modifiers, shown])


def key_tokens(named: str) -> set[str]:
    """The keys a help row's key cell names: "a  x" → {a, x}, "Enter or t" → {Enter, t}, "F1 … F6" → F1 to F6."""
    tokens = set(named.replace(" or ", " ").split())
    ranged = re.fullmatch(r"F(\d+) … F(\d+)", named)
    if ranged:
        tokens |= {f"F{number}" for number in range(int(ranged[1]), int(ranged[2]) + 1)}
    return tokens


def key_said(named: str) -> str:
    """A help row's key cell as `?` shows it: key names stay as they are on the keyboard; only the "or" joining
    them is the facilitator's ("Space or Enter" → "Space o Enter")."""
    first, *others = named.split(" or ")
    for other in others:
        first = _("{key} or {other_key}").format(key=first, other_key=other)
    return first


def said(rows: Iterable[KeyHelp]) -> tuple[KeyHelp, ...]:
    """Help rows in the facilitator's language; the rows themselves stay English for the README."""
    return tuple((key_said(key), _(words)) for key, words in rows)


def declared_bindings(screen_type: type) -> Iterator[Binding]:
    """The bindings a screen class and its circle parents declare, its own first, as written (not as Textual binds them)."""
    for cls in screen_type.__mro__:
        if not cls.__module__.startswith("circle."):
            continue  # Textual's own (Tab, copying) are Textual's to document
        for binding in vars(cls).get("BINDINGS", ()):
            yield binding if isinstance(binding, Binding) else Binding(*binding)


def help_rows(screen_type: type, entries: Iterable[HelpEntry]) -> tuple[KeyHelp, ...]:
    """The `?` rows of a screen: each entry names a `Key` of its own by action, or is a (key, words) pair."""
    by_action = {
        binding.action: binding for binding in declared_bindings(screen_type) if isinstance(binding, Key) and binding.help
    }
    rows = []
    for entry in entries:
        if isinstance(entry, str):
            binding = by_action[entry]  # KeyError: the help names an action with no Key words on this screen
            rows.append((binding_key_name(binding), binding.help))
        else:
            rows.append(entry)
    return tuple(rows)


def described(binding: Binding) -> str:
    """A binding's words when it carries no help of its own: its tooltip, or its footer label."""
    if isinstance(binding, Key) and binding.help:
        return binding.help
    return binding.tooltip or binding.description
