"""A paragraph that asks for a new layout only when its words no longer fit the lines it has.

The guidance beside the people list changes its words as turns start and end, and a word more or
less can wrap it onto one line more or less. A new layout reflows and repaints the whole screen, the
costliest part of a keypress, so it is asked for only when the text needs more lines than the
paragraph has, or when lines it no longer needs would hang below the bottom of what holds it (and so
bring a scroll bar that takes columns from the text); otherwise shorter text leaves blank lines under it
until the screen is next laid out anyway.
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
        needed = content.get_height(self.styles, width) if width > 0 else None
        # A scroll bar beside it now may no longer be needed once the blank lines go.
        scrolled = bool(getattr(self.parent, "show_vertical_scrollbar", False))
        steady = needed is not None and (needed == height or (needed < height and not scrolled))
        self.update(content, layout=not steady)
