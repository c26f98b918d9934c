"""One group's meetings indexed once, by meeting and by member, for the trends engine to look up."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from circle.domain.records import MeetingStatus
from circle.domain.trends.facts import Attendance, MeetingFacts

# A newcomer has come back if they are at another meeting of the group within four weeks.
RETURN_WINDOW = timedelta(days=28)
# A regular came to at least three meetings in the twelve weeks before they started missing.
REGULAR_LOOKBACK = timedelta(weeks=12)
REGULAR_VISITS = 3
MISSES_IN_A_ROW = 3


@dataclass
class History:
    """One group's meetings, closed ones in date order, with attendance indexed by meeting and member.

    Members are counted by their place in `members`: numbers are quicker to gather into sets than ids, and make
    the history small to keep (store/trend_history.py).
    """

    closed: list[MeetingFacts]
    cancelled: list[MeetingFacts]
    members: list[str] = field(default_factory=list)  # everyone on a roster at one of the meetings
    present_at: list[list[int] | None] = field(default_factory=list)  # None: heads were counted, not names
    absent_at: list[int | None] = field(default_factory=list)
    # A newcomer's first meeting (an index into closed), and whether they came back within four weeks of it.
    first_visit: dict[int, tuple[int, bool]] = field(default_factory=dict)
    drop_offs: list[tuple[int, int]] = field(default_factory=list)  # a regular and the meeting of their third miss
    last_present: dict[int, int] = field(default_factory=dict)  # each member's latest meeting, an index into closed
    keeps_names: bool = False  # some meeting has attendance rows: the group is not headcount-only


def _was_regular(days: list[date], first_miss: date) -> bool:
    visits = bisect_left(days, first_miss) - bisect_left(days, first_miss - REGULAR_LOOKBACK)
    return visits >= REGULAR_VISITS


def came_back(days: list[date], first: date) -> bool:
    later = bisect_right(days, first)  # a later day, not another meeting on the same day
    return later < len(days) and days[later] <= first + RETURN_WINDOW


def _history(meetings: list[MeetingFacts], rows_by_meeting: Mapping[str, list[Attendance]]) -> History:
    history = History(
        closed=[meeting for meeting in meetings if meeting.status == MeetingStatus.CLOSED],
        cancelled=[meeting for meeting in meetings if meeting.status == MeetingStatus.CANCELLED],
    )
    # A run of misses: (index of the first miss, index of the latest, how many). Only explicit absences
    # at consecutive closed meetings count: someone taken off the roster has not dropped off.
    runs: dict[int, tuple[int, int, int]] = {}
    place: dict[str, int] = {}
    days_present: dict[int, list[date]] = defaultdict(list)  # sorted
    first_day: dict[int, int] = {}
    last_present = history.last_present
    for index, meeting in enumerate(history.closed):
        rows = rows_by_meeting.get(meeting.id)
        if not rows:
            history.present_at.append(None)
            history.absent_at.append(None)
            continue
        present: list[int] = []
        held_on = meeting.held_on
        for _, member_id, came, newcomer in rows:  # by position: the store hands over plain tuples
            member = place.get(member_id)
            if member is None:
                member = place[member_id] = len(place)
            if came:
                present.append(member)
                days_present[member].append(held_on)
                last_present[member] = index
                runs.pop(member, None)
                if newcomer and member not in first_day:
                    first_day[member] = index
                continue
            run = runs.get(member)
            run = (run[0], index, run[2] + 1) if run and run[1] == index - 1 else (index, index, 1)
            runs[member] = run
            if run[2] == MISSES_IN_A_ROW and _was_regular(days_present[member], history.closed[run[0]].held_on):
                history.drop_offs.append((member, index))
        history.present_at.append(present)
        history.absent_at.append(len(rows) - len(present))
    history.members = list(place)
    history.first_visit = {
        member: (index, came_back(days_present[member], history.closed[index].held_on))
        for member, index in first_day.items()
    }
    history.keeps_names = any(present is not None for present in history.present_at)
    return history


def histories(meetings: Iterable[MeetingFacts], attendance: Iterable[Attendance]) -> dict[str, History]:
    kept = {meeting.id: meeting for meeting in meetings if meeting.status != MeetingStatus.OPEN}
    rows_by_meeting: dict[str, list[Attendance]] = defaultdict(list)
    for row in attendance:
        rows_by_meeting[row[0]].append(row)  # by meeting id; rows of open or unknown meetings are never looked up
    by_group: dict[str, list[MeetingFacts]] = defaultdict(list)
    for meeting in kept.values():
        by_group[meeting.group_id].append(meeting)
    return {
        group_id: _history(sorted(by_group[group_id], key=lambda m: (m.held_on, m.id)), rows_by_meeting)
        for group_id in sorted(by_group)
    }


@dataclass(frozen=True)
class Range:
    since: date | None
    until: date | None

    def __contains__(self, day: date) -> bool:
        return (self.since is None or day >= self.since) and (self.until is None or day <= self.until)

    def positions(self, meetings: list[MeetingFacts]) -> range:
        """Where the meetings in range sit in a list of meetings sorted by day."""
        first = 0 if self.since is None else bisect_left(meetings, self.since, key=_day)
        end = len(meetings) if self.until is None else bisect_right(meetings, self.until, key=_day)
        return range(first, max(first, end))


def _day(meeting: MeetingFacts) -> date:
    return meeting.held_on
