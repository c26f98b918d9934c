"""Group format 3 for meetings, attendance and members: nothing about anyone in their clear columns, on a new
vault and on an older one brought up at its facilitator's unlock, with every count, date and name kept."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from circle.domain.clock import FakeClock
from circle.domain.notes import NoteDraft, NoteKind, SafetyAction
from circle.domain.records import AttendanceRecord, MeetingRecord, MeetingStatus, Presence
from circle.domain.roster import RosterEntry
from circle.domain.rules import NotesPolicy
from circle.domain.session import Arrive
from circle.domain.trends.periods import Period
from circle.store.db import open_database
from circle.store.handoff import GroupExchange
from circle.store.records_upgrade import EMPTIED_MEETING_COLUMNS
from circle.store.repository import Repository
from circle.store.format_versions import CURRENT_GROUP_FORMAT
from circle.vault.errors import SealBroken
from circle.vault.keyring import FLOOR_KDF
from circle.vault.lead_bundle import open_lead_bundle
from circle.vault.lead_key import key_text
from circle.vault.recipients import new_private_key, public_key
from circle.workspace import Workspace
from circle.workspace.keyring import Keyring
from tests.conftest import PASSPHRASE, RunCircle, unlocked_workspace
from tests.older_vaults import make_older
from tests.stored_rows import opened_meetings, opened_member_dates, unlocked_keyring

NOW = datetime(2026, 3, 2, 19, 0, tzinfo=UTC)
FIRST = date(2025, 9, 2)
JOINED = date(1931, 7, 4)  # a day no other value of the vault holds, to look for in the file's bytes
NAMES = ("Ada L.", "Bo K.", "Cy M.", "Dee N.", "Eli O.")
# Who came to the recorded meetings: P present, N a newcomer, L late, E left early, A absent, - not rostered.
MARKS = {
    "Ada L.": "PPLPP",
    "Bo K.": "PAPEA",
    "Cy M.": "-NPPL",
    "Dee N.": "AAAPP",
    "Eli O.": "---NP",
}


def _attendance(meeting_id: str, member_id: str, mark: str) -> AttendanceRecord:
    presence = Presence.ABSENT if mark == "A" else Presence.PRESENT
    return AttendanceRecord(meeting_id, member_id, presence, newcomer=mark == "N", late=mark == "L",
                            left_early=mark == "E")


def _history(workspace: Workspace) -> dict[str, str]:
    """Groups with everything format 3 covers; returns the group ids by name."""
    group = workspace.create_group("Tuesday Circle", "support-90")
    workspace.change_rules(group.id, replace(group.rules, notes=NotesPolicy.BRIEF, brief_note_cap=200))
    members = dict(zip(NAMES, workspace.add_members(group.id, [RosterEntry(name, JOINED) for name in NAMES]),
                       strict=True))
    meetings, rows = [], []
    for week in range(5):
        meeting_id = f"past-{week}"
        came = {members[name].id: line[week] for name, line in MARKS.items() if line[week] != "-"}
        rows += [_attendance(meeting_id, member_id, mark) for member_id, mark in came.items()]
        started = datetime.combine(FIRST + timedelta(weeks=week), datetime.min.time(), tzinfo=UTC)
        meetings.append(MeetingRecord(
            meeting_id, group.id, started.date(), MeetingStatus.CLOSED, 90, started_at=started,
            ended_at=started + timedelta(minutes=93), actual_minutes=93,
            headcount=sum(mark != "A" for mark in came.values()), newcomers=sum(mark == "N" for mark in came.values()),
            shared_turns=2, passed_turns=1, pulse=(0, 1, week, 2, 0) if week % 2 else None,
        ))
    meetings.append(MeetingRecord("past-cancelled", group.id, FIRST + timedelta(weeks=5), MeetingStatus.CANCELLED, 90))
    workspace.record_meetings(group.id, meetings, rows)

    meeting = workspace.meeting(group.id)  # a live meeting, closed with its attendance and notes
    meeting.do(Arrive(members["Ada L."].id))
    meeting.do(Arrive(members["Eli O."].id))
    meeting.note(NoteDraft(NoteKind.SAFETY, action=next(iter(SafetyAction))))
    meeting.note(NoteDraft(NoteKind.FOLLOW_UP, member_id=members["Ada L."].id, text="Offer a call"))
    meeting.close()
    workspace.add_debrief(group.id, meeting.session_id, "A calm evening")
    workspace.add_cofacilitator(group.id, "Robin", "robin's own passphrase", kdf=FLOOR_KDF)
    kim = workspace.add_cofacilitator(group.id, "Kim", "kim's own passphrase", kdf=FLOOR_KDF)
    workspace.remove_facilitator(group.id, kim.id)  # a new key: every sealed value is sealed again

    other = workspace.create_group("Thursday Circle", "support-90")
    workspace.add_members(other.id, [RosterEntry("Fay P.", None)])
    workspace.meeting(other.id).do(Arrive(workspace.members(other.id)[0].id))  # left open
    return {"Tuesday": group.id, "Thursday": other.id}


def _forget(vault_file: Path, member_id: str) -> None:
    """What the retention purge does to someone unseen too long: the name goes, the row and attendance stay.
    Written here by hand, so the facilitator then accepts the vault as it is, which vouches for it as circle's own."""
    with closing(sqlite3.connect(vault_file)) as conn, conn:
        conn.execute("UPDATE members SET name = NULL WHERE id = ?", [member_id])
    with Workspace.open(vault_file.parent.parent, clock=FakeClock(NOW)) as workspace:
        workspace.unlock(PASSPHRASE, accept_changes=True)


def _everything(home: Path, group_ids: list[str]) -> dict[str, object]:
    """Each group's whole record as a handoff takes it, and every trend report, read with PASSPHRASE."""
    vault_file = home / "data" / "circle.db"
    conn = open_database(vault_file, read_only=True)
    try:
        repository = Repository(conn, vault_file)
        keyring = Keyring(repository, can_write=False)
        keyring.unlock(PASSPHRASE)
        # Less the group's signing key: a vault taken back to an older release holds none.
        snapshots = {gid: replace(GroupExchange(repository).snapshot(keyring.sealers[gid]), signing=None)
                     for gid in group_ids}
    finally:
        conn.close()
    with unlocked_workspace(home, FakeClock(NOW)) as workspace:
        reports = {by: workspace.trends(group_ids, by=by) for by in Period}
        facts = workspace.trend_facts(group_ids)
    return {"snapshots": snapshots, "reports": reports, "facts": (sorted(facts[0], key=str), sorted(facts[1]))}


def _raw(vault_file: Path, sql: str) -> list[tuple]:
    with closing(sqlite3.connect(vault_file)) as conn:
        return conn.execute(sql).fetchall()


def _assert_nothing_about_anyone_in_the_clear(vault_file: Path) -> None:
    emptied = ", ".join(EMPTIED_MEETING_COLUMNS)
    assert set(_raw(vault_file, f"SELECT {emptied} FROM sessions")) == {tuple(EMPTIED_MEETING_COLUMNS.values())}
    assert _raw(vault_file, "SELECT count(*) FROM attendance") == [(0,)]
    assert set(_raw(vault_file, "SELECT created_at, joined_on FROM members")) == {("", None)}
    assert _raw(vault_file, "SELECT count(*) FROM sessions WHERE summary IS NULL") == [(0,)]
    assert _raw(vault_file, "SELECT count(*) FROM members WHERE details IS NULL") == [(0,)]
    assert set(_raw(vault_file, "SELECT format FROM groups")) == {(CURRENT_GROUP_FORMAT,)}


def test_an_older_vault_keeps_every_count_date_and_name_and_its_clear_columns_hold_nothing_after_the_unlock(
    vault_home: Path,
):
    vault_file = vault_home / "data" / "circle.db"
    with unlocked_workspace(vault_home, FakeClock(NOW)) as workspace:
        groups = _history(workspace)
        dee = next(member.id for member in workspace.members(groups["Tuesday"]) if member.name == "Dee N.")
    _forget(vault_file, dee)
    before = _everything(vault_home, list(groups.values()))
    make_older(vault_home, PASSPHRASE, last_migration="m003_cofacilitators")
    # 3 + 4 + 4 + 5 + 5 recorded, and the five on the roster of the meeting closed live
    assert _raw(vault_file, "SELECT count(*) FROM attendance") == [(26,)]
    joined = {(JOINED.isoformat(),), (NOW.date().isoformat(),)}  # Fay joined on the day she was added
    assert set(_raw(vault_file, "SELECT joined_on FROM members")) == joined

    with unlocked_workspace(vault_home, FakeClock(NOW)):
        pass  # the first unlock brings every group up to the current format
    _assert_nothing_about_anyone_in_the_clear(vault_file)
    after = _everything(vault_home, list(groups.values()))
    assert after == before
    snapshot = after["snapshots"][groups["Tuesday"]]
    assert sorted(member.name or "forgotten" for member in snapshot.members) == sorted([*NAMES[:3], *NAMES[4:],
                                                                                       "forgotten"])
    assert {member.joined_on for member in snapshot.members} == {JOINED}
    assert [meeting.record.pulse for meeting in snapshot.meetings[:5]] == [None, (0, 1, 1, 2, 0), None,
                                                                           (0, 1, 3, 2, 0), None]


def test_a_forgotten_member_still_counts_in_the_attendance_of_older_meetings(vault_home: Path):
    vault_file = vault_home / "data" / "circle.db"
    with unlocked_workspace(vault_home, FakeClock(NOW)) as workspace:
        groups = _history(workspace)
        dee = next(member.id for member in workspace.members(groups["Tuesday"]) if member.name == "Dee N.")
        counted = workspace.trends([groups["Tuesday"]], by=Period.QUARTER)
    _forget(vault_file, dee)
    with unlocked_workspace(vault_home, FakeClock(NOW)) as workspace:
        assert dee not in {member.id for member in workspace.members(groups["Tuesday"])}
        assert workspace.trends([groups["Tuesday"]], by=Period.QUARTER) == counted
    entries = [entry for meeting in opened_meetings(vault_file, PASSPHRASE).values() for entry in meeting.attendance or []]
    assert sum(entry[0] == dee for entry in entries) == 6  # five recorded meetings and the one closed live


def test_the_file_after_ordinary_use_holds_no_meeting_count_attendance_or_member_date_in_the_clear(
    vault_home: Path,
):
    vault_file = vault_home / "data" / "circle.db"
    with unlocked_workspace(vault_home, FakeClock(NOW)) as workspace:
        _history(workspace)
        _assert_nothing_about_anyone_in_the_clear(vault_file)
    _assert_nothing_about_anyone_in_the_clear(vault_file)
    for path in vault_home.rglob("*"):
        if path.is_file():
            assert JOINED.isoformat().encode() not in path.read_bytes(), path.name
    meetings = opened_meetings(vault_file, PASSPHRASE)
    first = meetings["past-0"]
    assert first.summary == {
        "started_at": "2025-09-02T00:00:00+00:00", "ended_at": "2025-09-02T01:33:00+00:00", "planned_minutes": 90,
        "actual_minutes": 93, "headcount": 2, "newcomers": 0, "shared_turns": 2, "passed_turns": 1, "pulse": None,
    }  # no "guests": it is written only when there was one
    assert sorted(entry[1:] for entry in first.attendance) == [[0, 0, 0, 0], [1, 0, 0, 0], [1, 0, 0, 0]]
    kinds = {tuple(entry[1:]) for meeting in meetings.values() for entry in meeting.attendance or []}
    assert kinds == {(1, 0, 0, 0), (0, 0, 0, 0), (1, 1, 0, 0), (1, 0, 1, 0), (1, 0, 0, 1)}
    assert meetings["past-cancelled"].attendance == []
    open_now = [meeting for meeting in meetings.values() if meeting.clear["status"] == "open"]
    assert [(meeting.summary["planned_minutes"], meeting.attendance) for meeting in open_now] == [(90, None)]
    dates = opened_member_dates(vault_file, PASSPHRASE).values()
    assert {entry["joined_on"] for entry in dates} == {JOINED.isoformat(), NOW.date().isoformat()}
    assert {entry["created_at"][:10] for entry in dates} == {NOW.date().isoformat()}


def test_circle_trends_as_a_command_gives_the_same_figures_on_a_vault_brought_up_from_format_2(
    vault_home: Path, run_circle: RunCircle
):
    with unlocked_workspace(vault_home, FakeClock(NOW)) as workspace:
        _history(workspace)
    asked = ("trends", "--by", "week", "--format", "csv")
    today = run_circle(*asked, home=vault_home)
    assert today.returncode == 0, today.stderr
    make_older(vault_home, PASSPHRASE, last_migration="m004_group_format")
    refused = run_circle(*asked, home=vault_home)
    assert refused.returncode != 0 and "open circle once" in refused.stderr
    with unlocked_workspace(vault_home, FakeClock(NOW)):
        pass
    brought_up = run_circle(*asked, home=vault_home)
    assert brought_up.returncode == 0, brought_up.stderr
    assert brought_up.stdout == today.stdout
    assert len(today.stdout.splitlines()) > 5


def test_an_attendance_whose_arrays_differ_in_length_is_refused_as_damaged(vault_home: Path):
    with unlocked_workspace(vault_home, FakeClock(NOW)) as workspace:
        groups = _history(workspace)
        vault_file = workspace.locations.vault_file
        with unlocked_keyring(workspace, PASSPHRASE) as keys:
            sealer = keys.sealers[groups["Tuesday"]]  # to seal what no circle writes
        uneven = {"member_ids": ["a", "b"], "present": [1], "newcomer": [0, 0], "late": [0, 0], "left_early": [0, 0]}
        with closing(sqlite3.connect(vault_file)) as conn, conn:
            conn.execute("UPDATE sessions SET attendance = ? WHERE id = 'past-0'",
                         [sealer.seal_json("sessions", "attendance", "past-0", uneven)])
        with pytest.raises(SealBroken):
            workspace.trends([groups["Tuesday"]], by=Period.MONTH)


def _lead_figures(home: Path, private: bytes, lead_text: str) -> list[dict]:
    """What a lead bundle tells its lead: each group's statement of its counts."""
    with unlocked_workspace(home, FakeClock(NOW)) as workspace:
        payload = json.loads(open_lead_bundle(workspace.export_for_lead(lead_text), private))
    return [json.loads(each["statement"]) for each in payload["groups"]]


def test_a_lead_bundle_gives_the_same_figures_before_and_after_an_older_vault_is_brought_up(vault_home: Path):
    private = new_private_key()
    lead_text = key_text(public_key(private))
    with unlocked_workspace(vault_home, FakeClock(NOW)) as workspace:
        _history(workspace)
    before = _lead_figures(vault_home, private, lead_text)
    make_older(vault_home, PASSPHRASE, last_migration="m003_cofacilitators")
    after = _lead_figures(vault_home, private, lead_text)  # its unlock brings the vault up first
    assert after == before
    # Six meetings held; the one in March, the month still going on, is not sent yet.
    assert sum(month["held"] for statement in before for month in statement["group"]["months"]) == 5
