"""Labels that repaint only when their text changes.

The meeting screen redraws its timers four times a second and after every key. A label that
is told the same text again does nothing, and a one-line label never asks for a new layout,
so a keypress costs one small repaint instead of a whole screen.

Text given as a plain string is shown as it is, never read as markup: much of what these labels show is a
group's own words (a part's name, a topic), and "[@click=app.quit]" in one must stay those characters.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class Line(Static):
    """One line of text with a fixed height."""

    DEFAULT_CSS = "Line { height: 1; }"

    def show(self, text: Content | str) -> None:
        content = Content(text) if isinstance(text, str) else text
        if content != self.content:
            self.update(content, layout=False)


class Paragraph(Static):
    """Text of any height; a new layout only when the text really changed."""

    def show(self, text: Content | str) -> None:
        content = Content(text) if isinstance(text, str) else text
        if content != self.content:
            self.update(content)
