"""Clock digits big enough to read from across a room, scaled to the window they are in.

Built from whole blocks on a 3×5 grid. Terminal cells are about twice as tall as they are
wide, so each column is drawn at least twice as wide as each row is tall.
"""

from __future__ import annotations

from textual.content import Content

from circle.ui.widgets.ticking import TickingText

_GLYPHS = {
    "0": ("███", "█ █", "█ █", "█ █", "███"),
    "1": ("██ ", " █ ", " █ ", " █ ", "███"),
    "2": ("███", "  █", "███", "█  ", "███"),
    "3": ("███", "  █", "███", "  █", "███"),
    "4": ("█ █", "█ █", "███", "  █", "  █"),
    "5": ("███", "█  ", "███", "  █", "███"),
    "6": ("███", "█  ", "███", "█ █", "███"),
    "7": ("███", "  █", "  █", "  █", "  █"),
    "8": ("███", "█ █", "███", "█ █", "███"),
    "9": ("███", "█ █", "███", "  █", "███"),
    ":": (" ", "█", " ", "█", " "),
    "-": ("   ", "   ", "███", "   ", "   "),
    "+": ("   ", " █ ", "███", " █ ", "   "),
}
GLYPH_ROWS = 5
# (column width, row height) from largest to smallest; the largest that fits is used.
SCALES = ((4, 2), (2, 1))
# Rows the rest of the display needs around the clock.
ROWS_AROUND = 12


def big_text(clock_text: str, *, wide: int, tall: int) -> str:
    """`clock_text` ("4:05") drawn in blocks; characters without a glyph are left out."""
    glyphs = [_GLYPHS[character] for character in clock_text if character in _GLYPHS]
    gap = " " * wide
    lines = []
    for row in range(GLYPH_ROWS):
        line = gap.join("".join(cell * wide for cell in glyph[row]) for glyph in glyphs)
        lines.extend([line] * tall)
    return "\n".join(lines)


def fitting_scale(clock_text: str, width: int, height: int) -> tuple[int, int]:
    for wide, tall in SCALES:
        drawn = big_text(clock_text, wide=wide, tall=tall).split("\n")[0]
        if len(drawn) <= width and GLYPH_ROWS * tall + ROWS_AROUND <= height:
            return wide, tall
    return SCALES[-1]


class BigClock(TickingText):
    """Shows a clock text such as "12:30" in large blocks, its rows drawn as ticking text is (ticking.py): they
    change every second for as long as the room display runs."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self._clock_text = ""

    def show(self, clock_text: str) -> None:
        if clock_text != self._clock_text:
            self._clock_text = clock_text
            self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        width, height = self.app.size
        wide, tall = fitting_scale(self._clock_text, width - 2, height)
        self.update(Content(big_text(self._clock_text, wide=wide, tall=tall)))
