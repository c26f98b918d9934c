"""`circle notes list` and `circle purge`, run as the real command in a subprocess."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from circle.domain.clock import FakeClock
from circle.domain.notes import NoteDraft, NoteKind, SafetyAction
from circle.domain.roster import RosterEntry
from circle.domain.rules import NotesPolicy
from circle.domain.session import Arrive
from circle.workspace import Workspace
from tests.cli.test_cli import ok, one_line_error
from tests.conftest import PASSPHRASE


def notes_written_on(home: Path, moment: datetime) -> None:
    """A meeting of 'Tuesday' at `moment` with a follow-up for a member named like markup, a safety action and a debrief."""
    with Workspace.open(home, clock=FakeClock(moment)) as workspace:
        workspace.unlock(PASSPHRASE)
        group = workspace.create_group("Tuesday", "support-90")
        workspace.change_rules(group.id, replace(group.rules, notes=NotesPolicy.BRIEF))
        [member] = workspace.add_members(group.id, [RosterEntry("[@click=app.quit]", None)])
        meeting = workspace.meeting(group.id)
        meeting.do(Arrive(member.id))
        meeting.note(NoteDraft(NoteKind.FOLLOW_UP, member_id=member.id, text="Offer a call\u202e"))
        meeting.note(NoteDraft(NoteKind.SAFETY, action=SafetyAction.CRISIS_LINE))
        meeting.note(NoteDraft(NoteKind.DEBRIEF, text="Calm evening"))
        meeting.close()


def test_notes_list_prints_the_follow_ups_due_as_tab_separated_lines(run_circle, vault_home: Path):
    notes_written_on(vault_home, datetime.now(UTC))
    lines = ok(run_circle("notes", "list", "tuesday", home=vault_home)).splitlines()
    assert [line.split("\t")[1:] for line in lines] == [
        ["follow_up", "[@click=app.quit]", "Offer a call", "open"],
        ["safety", "", "Referred to a crisis line", "open"],
    ]


def test_notes_list_all_adds_the_debrief(run_circle, vault_home: Path):
    notes_written_on(vault_home, datetime.now(UTC))
    lines = ok(run_circle("notes", "list", "Tuesday", "--all", home=vault_home)).splitlines()
    assert lines[-1].split("\t")[1:] == ["debrief", "", "Calm evening", "-"]


def test_purge_removes_what_has_expired_and_says_how_much(run_circle, vault_home: Path):
    notes_written_on(vault_home, datetime(2024, 1, 9, 19, 0, tzinfo=UTC))
    # The command unlocks, and unlocking purges: the member, unseen since 2024, is forgotten with the notes.
    out = ok(run_circle("purge", home=vault_home))
    assert out == "Removed 3 expired notes and forgot 1 person.\n"
    assert ok(run_circle("purge", home=vault_home)) == "Nothing had expired; nothing was removed.\n"
    assert ok(run_circle("notes", "list", "Tuesday", "--all", home=vault_home)) == ""


def test_notes_list_with_a_wrong_passphrase_is_one_line(run_circle, vault_home: Path):
    assert "passphrase" in one_line_error(run_circle("notes", "list", "Tuesday", home=vault_home, passphrase="no"))
