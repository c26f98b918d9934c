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
from textual.geometry import Size
from textual.strip import Strip
from textual.widgets import Static

from circle.ui.widgets.line import Line


def in_runs(text: str, style: Style) -> Strip:
    """`text` in `style`, a segment for each run of one character ("00" is one), anything unprintable left out:
    a segment's text goes to the terminal as it is."""
    return Strip([Segment("".join(run), style) for character, run in groupby(text) if character.isprintable()])


class TickingText(Static):
    """Static text whose rows are drawn in runs (above) and never wrapped: its size is its rows'."""

    def _rows(self) -> list[str]:
        return str(self.content).split("\n")

    def _row(self, y: int) -> Strip:
        rows = self._rows()
        return in_runs(rows[y] if 0 <= y < len(rows) else "", self.rich_style)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return max(self._row(y).cell_length for y in range(len(self._rows())))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._rows())

    def render_line(self, y: int) -> Strip:
        return self._row(y).adjust_cell_length(self.size.width, self.rich_style)


class TickingLine(Line, TickingText):
    """A Line whose text changes every second."""
