"""The screen as drawn, line by line, and the part of it one widget covers: a dialog read apart from the dimmed
screen behind it; and a wait until it stops changing."""

from __future__ import annotations

import io

from rich.cells import cell_len
from rich.console import Console
from textual.app import App
from textual.pilot import Pilot
from textual.widget import Widget

# Pauses a busy machine may need for the screen to stop changing: far more than it ever takes.
MOST_PAUSES = 200


def drawn_lines(app: App[None]) -> list[str]:
    """Every row of the screen as plain text, the screens underneath a modal one included, as a screenshot has it."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text().splitlines()


async def until_still(pilot: Pilot[None]) -> None:
    """Until a pause leaves the screen drawn as it was. One repaint can set off another (rows bring a scrollbar,
    which narrows a table, which changes the line under it), and on a busy machine each takes a pause of its own."""
    last = None
    for _ in range(MOST_PAUSES):
        await pilot.pause()
        drawn = drawn_lines(pilot.app)
        if drawn == last:
            return
        last = drawn
    raise AssertionError("the screen never stopped changing")


async def resized(pilot: Pilot[None], width: int, height: int) -> None:
    """The window made `width` × `height`, and the screen drawn anew once the app has taken the new size: it waits a
    moment before it does, as a window being dragged sends size after size."""
    await pilot.resize_terminal(width, height)
    for _ in range(MOST_PAUSES):
        if pilot.app.screen.outer_size == (width, height):  # laid out at the new size
            return await until_still(pilot)
        await pilot.pause()
    raise AssertionError("the app never took the window's new size")


def _cells(line: str, start: int, end: int) -> str:
    """The characters of `line` drawn between terminal cells `start` and `end`."""
    kept, at = [], 0
    for character in line:
        if start <= at < end:
            kept.append(character)
        at += cell_len(character)
    return "".join(kept)


def drawn_in(app: App[None], *widgets: Widget) -> list[str]:
    """The rows inside each widget's border and padding, cut to its width: what a person reads there."""
    lines = drawn_lines(app)
    region_lines = []
    for widget in widgets:
        region = widget.content_region
        for y in range(region.y, min(region.bottom, len(lines))):
            region_lines.append(_cells(lines[y], region.x, region.right))
    return region_lines


def read(lines: list[str]) -> str:
    """Rows as one paragraph, spaces collapsed: a sentence wrapped over two rows reads whole."""
    return " ".join(" ".join(lines).split())
