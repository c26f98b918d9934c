"""User text on screen: sanitised again on render and never parsed as markup."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from circle.domain.text import sanitise

# A table cell shows this much of a very long name; the whole name stays in the vault.
CELL_WIDTH = 40


def plain(text: str) -> Content:
    """A name or note as literal content: `[@click=app.quit]` stays a name."""
    return Content(sanitise(text))


def one_line(text: str) -> Content:
    return Content(" ".join(sanitise(text).split()))


def cell(text: str) -> Text:
    """A table cell: literal text (DataTable would parse a str as markup), shortened with an ellipsis."""
    line = " ".join(sanitise(text).split())
    if len(line) > CELL_WIDTH:
        line = line[: CELL_WIDTH - 1] + "…"
    return Text(line, no_wrap=True, end="")
