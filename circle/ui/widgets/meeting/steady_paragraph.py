"""A paragraph that asks for a new layout only when its words no longer fit the lines it has.

The guidance beside the people list changes its words as turns start and end, and a word more or
less can wrap it onto one line more or less. A new layout reflows and repaints the whole screen, the
costliest part of a keypress, so it is asked for only when the text needs more lines than the
paragraph has; shorter text leaves blank lines under it until the screen is next laid out anyway.
"""

from __future__ import annotations

from textual.content import Content

from circle.ui.widgets.line import Paragraph


class SteadyParagraph(Paragraph):
    def show(self, text: Content | str) -> None:
        content = Content(text) if isinstance(text, str) else text
        if content == self.content:
            return
        width, height = self.content_size
        fits = width > 0 and content.get_height(self.styles, width) <= height
        self.update(content, layout=not fits)
