"""The pulse over time on the trends screen: a plot of the mean answer per month, and its column in the table."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from circle.domain.clock import FakeClock
from circle.domain.records import AttendanceRecord, MeetingRecord, MeetingStatus, Presence
from circle.ui.app import CircleApp
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace
from tests.snapshots.conftest import FIXED_MOMENT
from tests.snapshots.test_trends_screens import until_drawn

PASSPHRASE = "a pulse plot passphrase"
FIRST = date(2025, 9, 2)
# Hands for answers 1 to 5, one meeting a week for six months: the mood rises, with a dip before winter's end.
PULSES = [
    (2, 3, 2, 1, 0), (1, 3, 3, 1, 0), (2, 2, 3, 1, 0), (1, 2, 3, 2, 0),
    (1, 2, 3, 2, 1), (0, 2, 4, 2, 1), (0, 2, 3, 3, 1), (0, 1, 4, 3, 1),
    (0, 1, 3, 4, 1), (0, 1, 3, 3, 2), (0, 0, 4, 4, 2), (0, 1, 3, 4, 2),
    (1, 2, 3, 2, 1), (1, 2, 4, 2, 0), (0, 2, 4, 3, 0), None,
    (0, 1, 3, 4, 2), (0, 1, 2, 5, 2), (0, 0, 3, 4, 3), (0, 1, 2, 4, 3),
    (0, 0, 2, 5, 3), (0, 0, 3, 4, 4), (0, 0, 2, 5, 4), (0, 0, 2, 4, 5),
]


@pytest.fixture
def pulse_app(tmp_path: Path) -> Iterator[CircleApp]:
    """A group of ten that took the pulse at most meetings, with a guest now and then."""
    workspace = Workspace.open(tmp_path, clock=FakeClock(FIXED_MOMENT), kdf=FLOOR_KDF)
    try:
        workspace.create_facilitator("Sam", PASSPHRASE)
        group = workspace.create_group("Tuesday Evening Support")
        members = [workspace.add_member(group.id, f"Member {letter}.") for letter in "ABCDEFGHIJ"]
        meetings, attendance = [], []
        for index, pulse in enumerate(PULSES):
            meeting_id, guests = f"m-{index}", index % 3 == 0
            here = members[: 8 + index % 3]
            meetings.append(MeetingRecord(
                meeting_id, group.id, FIRST + timedelta(weeks=index), MeetingStatus.CLOSED, 90,
                headcount=len(here) + guests, guests=guests, pulse=pulse,
            ))
            attendance += [
                AttendanceRecord(meeting_id, member.id, Presence.PRESENT if member in here else Presence.ABSENT)
                for member in members
            ]
        workspace.record_meetings(group.id, meetings, attendance)
        workspace.unlock(PASSPHRASE)
        yield CircleApp(workspace)
    finally:
        workspace.close()


# Wide enough for the four plots side by side; at 80 columns the plots take turns, and g brings on the pulse.
VIEWS = {"four-plots-120x36": ((120, 36), []), "pulse-alone-80x24": ((80, 24), ["tab", "tab", "tab", "g", "g", "g"])}


@pytest.mark.parametrize("view", list(VIEWS))
def test_the_pulse_over_time_reads_at_a_glance(snap_compare, pulse_app, view) -> None:  # type: ignore[no-untyped-def]
    size, keys = VIEWS[view]

    async def walk_to_view(pilot) -> None:  # type: ignore[no-untyped-def]
        pilot.app.show_home()
        await pilot.pause()
        await pilot.press("t")
        await until_drawn(pilot)
        await pilot.press(*keys)
        await until_drawn(pilot)

    assert snap_compare(pulse_app, terminal_size=size, run_before=walk_to_view)
