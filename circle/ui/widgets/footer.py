"""Textual's footer, without the memory it keeps of every key it ever showed.

The footer shows its keys again each time a screen's keys change, which in a meeting is every turn,
pause and part. Each key it shows is bound to the footer's `compact` setting, and Textual lets go
of such a binding only when that setting changes, which in circle it never does: so every key
ever shown (a widget with its styles and message queue) stayed in memory, about 2 MB an hour of
meeting. Before the keys are shown again, the bindings of those already taken away are dropped.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer as TextualFooter

# Where Textual keeps the watchers of an object's reactive attributes (textual/reactive.py `_watch`).
WATCHERS = "__watchers"


class Footer(TextualFooter):
    def compose(self) -> ComposeResult:
        # The keys shown before have been removed by now (a recompose removes the children first).
        bound = getattr(self, WATCHERS, {}).get("compact")
        if bound:
            bound[:] = [(node, callback) for node, callback in bound if node.is_attached]
        yield from super().compose()
