"""The box that finds a name in the meeting's list of people: Escape undoes it one step at a time."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input

from circle.language import N_


class FindBox(Input):
    """Escape clears what was typed, and a second Escape goes back to the names; the meeting stays on screen.

    Every meeting key is a letter, which the box takes as typing, so the footer shows these keys meanwhile.
    """

    # The same key twice: which of the two works (and shows) depends on whether anything is typed.
    BINDINGS = [
        Binding("escape", "clear_typed", N_("Clear")),
        Binding("escape", "back_to_names", N_("Back")),
        Binding("enter", "submit", N_("Done")),
    ]

    def __init__(self, *, back_to: str, placeholder: str, id: str) -> None:
        super().__init__(placeholder=placeholder, id=id, compact=True)
        self._back_to = back_to  # the id of the list the box filters, where Escape and Enter go back to

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_typed":
            return bool(self.value)
        if action == "back_to_names":
            return not self.value
        return super().check_action(action, parameters)

    def watch_value(self) -> None:
        self.refresh_bindings()

    def action_clear_typed(self) -> None:
        self.value = ""

    def action_back_to_names(self) -> None:
        self.screen.query_one(f"#{self._back_to}").focus()
