"""User text on screen: sanitised again on render and never parsed as markup."""

from __future__ import annotations

from rich.cells import cell_len, split_graphemes
from rich.text import Text
from textual.content import Content

from circle.domain.text import sanitise, sanitise_line

# A table cell shows this many terminal cells of a very long name; the whole name stays in the vault.
CELL_WIDTH = 40
ELLIPSIS = "…"


def plain(text: str) -> Content:
    """A name or note as literal content: `[@click=app.quit]` stays a name."""
    return Content(sanitise(text))


def one_line(text: str, *, width: int | None = None) -> Content:
    """Literal content on one line; cut to `width` terminal cells when given."""
    line = sanitise_line(text)
    return Content(line if width is None else shorten(line, width))


def cell(text: str, *, width: int = CELL_WIDTH) -> Text:
    """A table cell: literal text (DataTable would parse a str as markup), shortened with an ellipsis."""
    return Text(shorten(sanitise_line(text), width), no_wrap=True, end="")


def shorten(line: str, width: int) -> str:
    """`line` in at most `width` terminal cells, ending in an ellipsis if it had to be cut.

    Measured in cells, not characters, because a CJK character takes two. The cut falls between
    graphemes, so a wide character, an emoji with its skin tone or ZWJ sequence, or a letter with
    its accents is kept whole or left out whole.
    """
    if cell_len(line) <= width:
        return line
    kept = used = 0
    for _, end, size in split_graphemes(line)[0]:
        if used + size > width - len(ELLIPSIS):
            break
        kept, used = end, used + size
    return line[:kept] + ELLIPSIS
