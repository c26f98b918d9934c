"""Text that changes every second for hours, a timer's, drawn so that no second's text is remembered.

Rich measures the width of every piece of text drawn and keeps the last 4,096 it measured. A timer redrawn
each second as "57:03 left", then "57:02 left", would fill that with strings never drawn again: about half a
megabyte by a meeting's first half hour, kept until it ends. Drawn as runs of one character ("5", "7", ":",
"00"), the pieces are the same few dozen all meeting long.
"""

from __future__ import annotations

from itertools import groupby

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from circle.ui.widgets.line import Line


def in_runs(text: str, style: Style) -> Strip:
    """`text` in `style`, a segment for each run of one character ("00" is one), anything unprintable left out:
    a segment's text goes to the terminal as it is."""
    return Strip([Segment("".join(run), style) for character, run in groupby(text) if character.isprintable()])


class TickingLine(Line):
    """A Line whose text changes every second: drawn in runs (above), never wrapped."""

    def render_line(self, y: int) -> Strip:
        style = self.rich_style
        text = str(self.content) if y == 0 else ""
        return in_runs(text, style).adjust_cell_length(self.size.width, style)
