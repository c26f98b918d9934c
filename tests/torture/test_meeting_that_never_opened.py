"""A meeting whose row was written without its opening (an older circle, killed between the two writes; the
crash torture found it) no longer stops the group from meeting. circle now writes both in one transaction."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from circle.workspace import Workspace
from tests.older_vaults import make_older


def test_a_meeting_row_left_without_its_opening_does_not_stop_the_group_meeting_again(
    meeting_vault: Path, passphrase: str
) -> None:
    with Workspace.open(meeting_vault) as workspace:
        workspace.unlock(passphrase)
        group_id = workspace.groups()[0].id
    make_older(meeting_vault, passphrase, last_migration="m006_key_directory")  # an older circle kept no manifests
    with sqlite3.connect(meeting_vault / "data" / "circle.db") as conn:
        conn.execute(
            "INSERT INTO sessions (id, group_id, held_on, status, planned_minutes)"
            " VALUES ('never-opened', ?, '2026-01-05', 'open', 90)",
            [group_id],
        )
    conn.close()
    with Workspace.open(meeting_vault) as workspace:
        workspace.unlock(passphrase)
        assert workspace.meetings_in_progress() == []
        meeting = workspace.meeting(group_id)
        assert meeting.state.is_open and meeting.session_id != "never-opened"
        assert workspace.meetings_in_progress() == [group_id]

