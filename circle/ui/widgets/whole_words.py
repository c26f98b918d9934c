"""Text that wraps only between its pieces, so that a person's name is never broken across two lines.

Textual wraps at any space, and a no-break space counts as one to it: "Ben B." could end one line with
"Ben" and start the next with "B.". Here each piece (a word, or a whole name) stays on one line; only a
piece wider than the whole line is folded.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

SPACE = Content(" ")


def words(sentence: Content | str) -> tuple[Content, ...]:
    """A sentence whose every word is a piece."""
    content = Content(sentence) if isinstance(sentence, str) else sentence
    return tuple(word for word in content.split(" ") if word.cell_length)


def wrapped(pieces: Sequence[Content], width: int) -> list[Content]:
    """The pieces filled greedily into lines of at most `width` cells, one space apart."""
    lines: list[Content] = []
    line = Content("")
    for piece in pieces:
        if line.cell_length and line.cell_length + 1 + piece.cell_length <= width:
            line = line + SPACE + piece
            continue
        if line.cell_length:
            lines.append(line)
        line = piece
        while line.cell_length > width > 0:  # only a piece wider than the line itself is folded
            lines.append(line[:width])
            line = line[width:]
    return [*lines, line]


class WholeWords(Widget):
    """A paragraph of pieces; a new layout only when the pieces really changed."""

    DEFAULT_CSS = "WholeWords { height: auto; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.pieces: tuple[Content, ...] = ()

    def show(self, pieces: Sequence[Content] | Content | str) -> None:
        shown = words(pieces) if isinstance(pieces, Content | str) else tuple(pieces)
        if shown != self.pieces:
            self.pieces = shown
            self.refresh(layout=True)

    def render(self) -> Content:
        return Content("\n").join(wrapped(self.pieces, self.content_region.width))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(wrapped(self.pieces, width))
