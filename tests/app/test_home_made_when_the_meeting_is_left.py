"""Unlocking into a meeting left open shows the meeting at once and makes home only when the facilitator leaves it:
what they see is what they saw when home was made at unlock beneath the meeting."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from circle.domain.clock import FakeClock
from circle.domain.notes import NoteDraft, NoteKind
from circle.domain.roster import RosterEntry
from circle.domain.rules import NotesPolicy
from circle.domain.session import Arrive
from circle.ui.app import CircleApp
from circle.ui.screens.home import OPEN_MARK, HomeScreen
from circle.ui.screens.meeting import MeetingScreen
from circle.ui.screens.meeting_summary import MeetingSummaryScreen
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace
from tests.app.conftest import (
    PASSPHRASE,
    press_keys,
    said,
    shown_text,
    unlock_on_screen,
)

PURGED = "As the groups' rules say, 1 expired note and 0 people unseen for too long were removed."


def vault_with_a_note_to_purge_and_a_meeting_open(home: Path, clock: FakeClock) -> Workspace:
    """Two groups: Monday's follow-up note is past its keeping when circle is next unlocked; Tuesday's meeting
    is open. Locked."""
    workspace = Workspace.open(home, kdf=FLOOR_KDF, clock=clock)
    workspace.create_facilitator("Sam", PASSPHRASE)
    monday = workspace.create_group("Monday Circle", "support-90")
    workspace.change_rules(monday.id, replace(monday.rules, notes=NotesPolicy.BRIEF, brief_note_cap=200))
    [ada] = workspace.add_members(monday.id, [RosterEntry("Ada Lovelace", None)])
    meeting = workspace.meeting(monday.id)
    meeting.do(Arrive(ada.id))
    meeting.note(NoteDraft(NoteKind.FOLLOW_UP, member_id=ada.id))
    meeting.close()
    clock.advance(timedelta(days=91).total_seconds())
    tuesday = workspace.create_group("Tuesday Evening Support")
    [grace] = workspace.add_members(tuesday.id, [RosterEntry("Grace Hopper", None)])
    workspace.meeting(tuesday.id).do(Arrive(grace.id))
    workspace.lock()
    return workspace


async def test_leaving_a_meeting_unlocked_into_shows_home_with_every_group_and_the_purge_said_once(
    tmp_path: Path,
) -> None:
    with vault_with_a_note_to_purge_and_a_meeting_open(tmp_path, FakeClock()) as workspace:
        app = CircleApp(workspace)
        async with app.run_test(size=(100, 30)) as pilot:
            await unlock_on_screen(pilot)
            assert isinstance(app.screen, MeetingScreen)
            assert said(app) == [PURGED]  # said at unlock, over the meeting, as home said it before

            await press_keys(pilot, "escape")
            assert isinstance(app.screen, HomeScreen)
            shown = shown_text(app)
            assert "Monday Circle" in shown and "Tuesday Evening Support" in shown
            assert OPEN_MARK in shown
            assert said(app) == [PURGED]  # and not again when home is made


async def test_closing_a_meeting_unlocked_into_goes_from_its_summary_to_home(tmp_path: Path) -> None:
    with vault_with_a_note_to_purge_and_a_meeting_open(tmp_path, FakeClock()) as workspace:
        app = CircleApp(workspace)
        async with app.run_test(size=(100, 30)) as pilot:
            await unlock_on_screen(pilot)
            await press_keys(pilot, "c", "y")
            assert isinstance(app.screen, MeetingSummaryScreen)

            await press_keys(pilot, "enter")
            assert isinstance(app.screen, HomeScreen)
            shown = shown_text(app)
            assert "Tuesday Evening Support" in shown and OPEN_MARK not in shown
            assert said(app) == [PURGED]
        assert workspace.meetings_in_progress() == []
