"""Who is here and where each person is in the meeting, filtered as the facilitator types."""

from __future__ import annotations

from typing import Self

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import DataTable

from circle.domain.group import Member
from circle.domain.session import PASSED, TURN_PHASES, SessionState
from circle.language import _
from circle.ui.text import cell
from circle.ui.widgets.plain_table import PlainTable

# The name column's width; a longer name ends in an ellipsis, so it is plain that it was cut.
NAME_WIDTH = 18
# "stepped out", "in queue: 12": the widest a status reads, so that the table fits beside the guidance at 80 columns.
STATUS_WIDTH = 12
_ABSENT = "dim"
# Rows kept as drawn: each person in a few states, each in either stripe, for a roster of a few hundred.
ROWS_DRAWN_KEPT = 2048


class Statuses:
    """Each person's few words, with what every row asks of the state (who is next, the queue's places)
    worked out once for the whole list rather than once a row."""

    def __init__(self, state: SessionState) -> None:
        self.state = state
        self.next_up = state.next_up
        self.places = {member: place for place, member in enumerate(state.queue, start=1)}

    def of(self, member_id: str) -> str:
        """Passing is participation, so it reads as done, never as missing."""
        state = self.state
        if member_id == state.speaker:
            return _("▶ speaking")
        if member_id in state.left_early:
            return _("left early")
        if member_id not in state.present:
            return ""
        if member_id in state.stepped_out:
            return _("stepped out")
        if member_id == self.next_up:
            return _("next")
        if member_id in self.places:
            return _("in queue: {place}").format(place=self.places[member_id])
        outcome = state.done_in_phase.get(member_id)
        if outcome is not None:
            return _("passed ✓") if outcome == PASSED else _("shared ✓")
        return ""


def status_width() -> int:
    """STATUS_WIDTH, or the widest status in the facilitator's language where it runs longer."""
    widest = (_("▶ speaking"), _("left early"), _("stepped out"), _("next"), _("in queue: {place}").format(place=12),
              _("passed ✓"), _("shared ✓"))
    return max(STATUS_WIDTH, *(len(words) for words in widest))


def _here(member_id: str, state: SessionState) -> str:
    """Here on time, here late, or gone. "late" lives here, not among the statuses, so that it stays in
    sight while the person is next, in the queue or done: the status column has no room for both."""
    if member_id in state.present:
        return _("late") if member_id in state.late else "✓"
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


# What one row shows: its Here mark, the name as drawn, and the status.
Row = tuple[str, str, str]


class PeopleTable(PlainTable[Text]):
    """The people as rows of a DataTable, repainted row by row.

    A DataTable repaints itself whole on any change to a cell (`update_cell` and `sort` refresh every line),
    and with a roster of a hundred that is most of a keypress. A key in a meeting changes one or two people,
    so this table changes those cells with the whole-table refresh held back, then repaints only the rows
    whose content or place changed: tests/app/test_people_rows_repainted_in_app.py pins that.
    """

    _holding_refresh = False  # a class default: the table's own __init__ already refreshes

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.filter_text = ""
        self._in_round = False  # whether the names on screen are drawn for a round (the absent dim)
        self._shown: dict[str, Row] = {}  # member id -> what their row shows now
        self._order: list[str] = []  # the member ids, top to bottom, as on screen
        self._name_cells: dict[str, Text] = {}  # member id -> their name cell, to sort the rows by
        self._row_strips: LRUCache[tuple[object, ...], Strip] = LRUCache(ROWS_DRAWN_KEPT)
        self._drawn_as: object = None

    # Home and End go to the first and the last person: the table's own go sideways, hiding the Here column.
    def action_scroll_home(self) -> None:
        self.action_scroll_top()

    def action_scroll_end(self) -> None:
        self.action_scroll_bottom()

    def on_mount(self) -> None:
        self.add_column(_("Here"), key="here", width=max(4, len(_("Here")), len(_("late"))))
        self.add_column(_("Name"), key="name", width=NAME_WIDTH)
        self.add_column("", key="status", width=status_width())

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        """A whole-table repaint asked for while cells change is held back: the changed rows repaint instead."""
        if self._holding_refresh and not regions and not layout and not recompose:
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def render_lines(self, crop: Region) -> list[Strip]:
        # Focus and hover, and the style the rows are drawn in (found by walking up the screen): once per
        # repaint, not once a line.
        self._drawn_as = self.get_pseudo_class_state(), self.rich_style
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        """A person's row as drawn before, if it was drawn before with the same words in the same stripe.

        When someone moves (the speaker to the top, someone done to below those still to speak), every row
        between shifts, yet most rows only show again what they showed a line higher or lower. The table
        would draw each of them cell by cell; here each looks up its strip and is stamped with its new place.
        """
        row = y - self.header_height + int(self.scroll_y)
        if y < self.header_height or not 0 <= row < len(self._order) or (row == self.hover_row and self.is_mouse_over):
            return super().render_line(y)  # the header, the space under the rows, the row under the mouse
        key = (
            self._shown[self._order[row]], row % 2, row == self.cursor_row,
            self.size.width, int(self.scroll_x), self._drawn_as,
        )
        strip = self._row_strips.get(key)
        if strip is None:
            strip = super().render_line(y)
            self._row_strips[key] = strip
        # Stamped over the place it was drawn at, so that a click on it reaches this row.
        return Strip(Segment.apply_style(strip, post_style=Style.from_meta({"row": row})), strip.cell_length)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._row_strips.clear()  # a new theme or focus style: every row is drawn again

    def show(self, roster: list[Member], state: SessionState) -> None:
        """Redraw, keeping the cursor on the same person. People who are here come first.

        When the same people are listed (most keys in a meeting), only the cells that changed are updated
        and, where someone moved, the rows are put in their new order: the table is not rebuilt.
        """
        wanted = self.filter_text.casefold()
        shown = [member for member in listed_order(roster, state) if not wanted or wanted in member.shown.casefold()]
        in_round = state.phase in TURN_PHASES
        statuses = Statuses(state)
        rows = {member.id: _row(member, statuses) for member in shown}
        order = [member.id for member in shown]
        if in_round == self._in_round and rows.keys() == self._shown.keys() and len(order) == self.row_count:
            self._update(shown, rows, order, state)
        else:
            self._rebuild(shown, rows, order, state)
            self._in_round = in_round

    def _update(self, shown: list[Member], rows: dict[str, Row], order: list[str], state: SessionState) -> None:
        highlighted = self.highlighted_member
        changed = {index for index, (was, now) in enumerate(zip(self._order, order, strict=True)) if was != now}
        self._holding_refresh = True
        try:
            for member in shown:
                was, now = self._shown[member.id], rows[member.id]
                if was == now:
                    continue
                if was[0] != now[0]:
                    self.update_cell(member.id, "here", Text(now[0]))
                if was[:2] != now[:2]:
                    name = self._name_cell(member, state)
                    self._name_cells[member.id] = name
                    self.update_cell(member.id, "name", name)
                if was[2] != now[2]:
                    self.update_cell(member.id, "status", Text(now[2]))
                changed.add(order.index(member.id))
            if self._order != order:
                # The rows' new places, read off their name cells: the table sorts by cell values only.
                place = {id(self._name_cells[who]): index for index, who in enumerate(order)}
                self.sort("name", key=lambda name: place[id(name)])
        finally:
            self._holding_refresh = False
        self._shown, self._order = rows, order
        self._repaint_rows(changed)
        if highlighted is not None and self.cursor_row != order.index(highlighted):
            # The same person stays highlighted, at their new place: nothing to announce, and the message would
            # travel up through every widget above the table before the key's repaint.
            with self.prevent(DataTable.RowHighlighted):
                self.move_cursor(row=order.index(highlighted))

    def _repaint_rows(self, rows: set[int]) -> None:
        """These rows repainted, neighbours as one region: someone who moves shifts every row between, and the
        table works out each row's place from the top, so a row at a time would cost a long list that much more.
        Every row is one line high."""
        window = self.size.region
        top = (self.header_height if self.show_header else 0) - int(self.scroll_y)  # where the first row is drawn
        for first, count in _runs(sorted(rows)):
            region = window.intersection(Region(0, top + first, window.width, count))
            if region:
                self.refresh(region)

    def _rebuild(self, shown: list[Member], rows: dict[str, Row], order: list[str], state: SessionState) -> None:
        highlighted = self.highlighted_member
        self.clear()
        self._name_cells = {}
        for member in shown:
            here, _, status = rows[member.id]
            name = self._name_cell(member, state)
            self._name_cells[member.id] = name
            self.add_row(Text(here), name, Text(status), key=member.id)
        self._shown, self._order = rows, order
        if highlighted is not None and highlighted in self.rows:
            self.move_cursor(row=self.get_row_index(highlighted))

    @staticmethod
    def _name_cell(member: Member, state: SessionState) -> Text:
        """The name, dim for someone not in the room during a round, so those here stand out."""
        name = cell(member.shown, width=NAME_WIDTH)
        if _dimmed(member.id, state):
            name.stylize(_ABSENT)
        return name

    @property
    def highlighted_member(self) -> str | None:
        if self.row_count == 0:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return row_key.value


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    """Sorted indices as (first, how many) runs of neighbours: [1, 2, 3, 7] is [(1, 3), (7, 1)]."""
    runs: list[tuple[int, int]] = []
    for index in indices:
        if runs and runs[-1][0] + runs[-1][1] == index:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((index, 1))
    return runs


def _dimmed(member_id: str, state: SessionState) -> bool:
    return state.phase in TURN_PHASES and member_id not in state.present


def _row(member: Member, statuses: Statuses) -> Row:
    """What a row shows, to compare with what it showed: the name's dimming is part of it."""
    state = statuses.state
    name = ("dim:" if _dimmed(member.id, state) else "") + member.shown
    return (_here(member.id, state), name, statuses.of(member.id))
