"""Who is here and where each person is in the meeting, filtered as the facilitator types."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from circle.domain.group import Member
from circle.domain.session import PASSED, TURN_PHASES, SessionState
from circle.ui.text import cell

# The name column's width; a longer name ends in an ellipsis, so it is plain that it was cut.
NAME_WIDTH = 18
# "stepped out", "in queue: 12": the widest a status reads, so that the table fits beside the guidance at 80 columns.
STATUS_WIDTH = 12
_ABSENT = "dim"


def status_of(member_id: str, state: SessionState) -> str:
    """A few words for one person. Passing is participation, so it reads as done, never as missing."""
    if member_id == state.speaker:
        return "▶ speaking"
    if member_id in state.left_early:
        return "left early"
    if member_id not in state.present:
        return ""
    if member_id in state.stepped_out:
        return "stepped out"
    if member_id == state.next_up:
        return "next"
    if member_id in state.queue:
        return f"in queue: {state.queue.index(member_id) + 1}"
    outcome = state.done_in_phase.get(member_id)
    if outcome is not None:
        return "passed ✓" if outcome == PASSED else "shared ✓"
    return ""


def _here(member_id: str, state: SessionState) -> str:
    """Here on time, here late, or gone. "late" lives here, not among the statuses, so that it stays in
    sight while the person is next, in the queue or done: the status column has no room for both."""
    if member_id in state.present:
        return "late" if member_id in state.late else "✓"
    return "–" if member_id in state.left_early else ""


def listed_order(roster: list[Member], state: SessionState) -> list[Member]:
    """Before the meeting starts, the roster as it is: the facilitator walks down it marking who came, and a
    name that moved as it was marked would take the row away from under them. Once it starts, those who came
    first. During a round: the speaker, who is next and waiting in order, the rest here, those out of the
    room, then those done; below them those who left early, then the absent."""
    if not state.is_started:
        return list(roster)
    if state.phase not in TURN_PHASES:
        return sorted(roster, key=lambda member: member.id not in state.attended)
    waiting = {member: place for place, member in enumerate(state.still_to_speak)}

    def rank(member: Member) -> tuple[int, int]:
        who = member.id
        if who not in state.present:
            return (6 if who in state.left_early else 7, 0)
        if who == state.speaker:
            return (0, 0)
        if who in waiting:
            return (1, waiting[who])
        if who in state.stepped_out:
            return (3, 0)
        return (4, 0) if who in state.done_in_phase else (2, 0)

    return sorted(roster, key=rank)  # stable: roster order within each group


class PeopleTable(DataTable[Text]):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.filter_text = ""
        self._in_round = False  # whether the names on screen are drawn for a round (the absent dim)

    # Home and End go to the first and the last person: the table's own go sideways, hiding the Here column.
    def action_scroll_home(self) -> None:
        self.action_scroll_top()

    def action_scroll_end(self) -> None:
        self.action_scroll_bottom()

    def on_mount(self) -> None:
        self.add_column("Here", key="here", width=4)
        self.add_column("Name", key="name", width=NAME_WIDTH)
        self.add_column("", key="status", width=STATUS_WIDTH)

    def show(self, roster: list[Member], state: SessionState) -> None:
        """Redraw, keeping the cursor on the same person. People who are here come first.

        When the same people are listed in the same order (most keys in a meeting), only the
        cells that changed are updated, so the table does not have to be rebuilt.
        """
        wanted = self.filter_text.casefold()
        shown = [member for member in listed_order(roster, state) if not wanted or wanted in member.shown.casefold()]
        in_round = state.phase in TURN_PHASES
        if in_round == self._in_round and [member.id for member in shown] == [row.value for row in self.rows]:
            for member in shown:
                here, status = _here(member.id, state), status_of(member.id, state)
                if self.get_cell(member.id, "here").plain != here:
                    self.update_cell(member.id, "here", Text(here))
                    self.update_cell(member.id, "name", self._name_cell(member, state))
                if self.get_cell(member.id, "status").plain != status:
                    self.update_cell(member.id, "status", Text(status))
            return
        highlighted = self.highlighted_member
        self._in_round = in_round
        self.clear()
        for member in shown:
            self.add_row(
                Text(_here(member.id, state)),
                self._name_cell(member, state),
                Text(status_of(member.id, state)),
                key=member.id,
            )
        if highlighted is not None and highlighted in self.rows:
            self.move_cursor(row=self.get_row_index(highlighted))

    @staticmethod
    def _name_cell(member: Member, state: SessionState) -> Text:
        """The name, dim for someone not in the room during a round, so those here stand out."""
        name = cell(member.shown, width=NAME_WIDTH)
        if state.phase in TURN_PHASES and member.id not in state.present:
            name.stylize(_ABSENT)
        return name

    @property
    def highlighted_member(self) -> str | None:
        if self.row_count == 0:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return row_key.value
