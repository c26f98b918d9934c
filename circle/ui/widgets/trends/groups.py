"""The facilitator's groups, each chosen for the trends or left out."""

from __future__ import annotations

from collections.abc import Mapping

from rich.segment import Segment
from textual.binding import Binding
from textual.strip import Strip
from textual.widgets import SelectionList
from textual.widgets.option_list import OptionDoesNotExist
from textual.widgets.selection_list import Selection

from circle.language import N_
from circle.ui.text import CELL_WIDTH, one_line


class GroupChoice(SelectionList[str]):
    """The facilitator's groups, each chosen or not; the key that chooses is on show in the footer."""

    BINDINGS = [Binding("space", "select", N_("Choose"))]

    def __init__(self, names: Mapping[str, str], chosen: str | None, *, id: str) -> None:
        """`names` by group id, in the order of the home screen; `chosen` starts chosen and highlighted."""
        super().__init__(
            *(Selection(one_line(name, width=CELL_WIDTH), key, key == chosen) for key, name in names.items()),
            id=id,
        )
        self.order = list(names)
        self.first = chosen

    def on_mount(self) -> None:
        if self.first in self.order:
            self.highlighted = self.order.index(self.first)

    @property
    def chosen(self) -> tuple[str, ...]:
        """The chosen groups' ids, in the list's order (not the order they were chosen in)."""
        selected = set(self.selected)
        return tuple(key for key in self.order if key in selected)

    def choose_all_or_none(self) -> None:
        if len(self.selected) == len(self.order):
            self.deselect_all()
        else:
            self.select_all()

    def render_line(self, y: int) -> Strip:
        """A group left out gets an empty box, not a dimmer X: the choice does not rest on colour alone."""
        line = super().render_line(y)
        try:
            option = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return line
        if option.value in self.selected:
            return line
        # The box's left side, its inside (the X), its right side, a space, then the group's name.
        segments = list(line)
        button = segments[1]
        segments[1] = Segment(" " * len(button.text), button.style, button.control)
        return Strip(segments, line.cell_length)
