"""A meeting's log entry in the manifest is hashed on one step at a time, and is always what hashing the whole log
afresh would give: a keypress late in a long meeting costs no more than one early in it."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from circle.domain.clock import FakeClock
from circle.domain.group import Member
from circle.domain.roster import RosterEntry
from circle.domain.session import Arrive, Leave
from circle.paths import locations
from circle.store.integrity import (
    BY_STEP,
    LOG_BY_ID,
    LOG_ORDER,
    PARTS_BY_NAME,
    LogDigests,
    _digest,
    digest,
)
from circle.store.errors import VaultChangedOutside
from circle.workspace import Meeting, Workspace
from tests.conftest import PASSPHRASE, unlocked_workspace
from tests.older_vaults import _held_keys
from tests.unit.test_changed_outside import swap_steps

SESSION = "s1"


@pytest.fixture
def log() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE TABLE session_events (id TEXT PRIMARY KEY, session_id TEXT, seq INTEGER, data BLOB,"
        " UNIQUE (session_id, seq))"
    )
    return conn


def _append(conn: sqlite3.Connection, count: int) -> None:
    """Steps with random ids, as circle writes them, one after another in step order."""
    for _ in range(count):
        conn.execute(
            "INSERT INTO session_events (id, session_id, seq, data) VALUES (lower(hex(randomblob(16))), ?1,"
            " (SELECT coalesce(max(seq), 0) + 1 FROM session_events WHERE session_id = ?1), randomblob(40))",
            [SESSION],
        )


def _whole(conn: sqlite3.Connection) -> list[object]:
    source = "FROM session_events WHERE session_id = ?1 ORDER BY seq"
    return _digest(conn.execute(PARTS_BY_NAME["log"].select_from(source), [SESSION]).fetchall(), "log")


def test_steps_appended_are_hashed_on_to_the_entry_hashing_the_whole_log_gives(log: sqlite3.Connection) -> None:
    digests = LogDigests()
    _append(log, 100)
    entry = digests.entry(log, SESSION, None, appended_only=True)
    for _ in range(20):
        _append(log, 1)
        entry = digests.entry(log, SESSION, entry, appended_only=True)
        assert entry == _whole(log)


def test_a_step_appended_reads_only_the_steps_after_the_last_one_hashed(log: sqlite3.Connection) -> None:
    digests = LogDigests()
    _append(log, 100)
    entry = digests.entry(log, SESSION, None, appended_only=True)
    _append(log, 1)
    read: list[str] = []
    log.set_trace_callback(read.append)
    digests.entry(log, SESSION, entry, appended_only=True)
    assert any("seq > 100" in statement for statement in read)
    assert not any(statement.endswith("ORDER BY seq") and "seq >" not in statement for statement in read)


def test_a_log_changed_in_place_is_read_whole_again(log: sqlite3.Connection) -> None:
    digests = LogDigests()
    _append(log, 10)
    entry = digests.entry(log, SESSION, None, appended_only=True)
    log.execute("UPDATE session_events SET data = randomblob(40) WHERE seq = 3")
    _append(log, 1)
    assert digests.entry(log, SESSION, entry, appended_only=False) == _whole(log)


def test_an_entry_the_manifest_does_not_hold_is_not_carried_on(log: sqlite3.Connection) -> None:
    digests = LogDigests()
    _append(log, 10)
    digests.entry(log, SESSION, None, appended_only=True)
    log.execute("DELETE FROM session_events WHERE seq = 10")  # as if behind circle's back: the count no longer adds up
    _append(log, 1)
    assert digests.entry(log, SESSION, [10, "not what was hashed"], appended_only=True) == _whole(log)


def test_a_step_put_in_before_the_last_one_hashed_is_not_missed(log: sqlite3.Connection) -> None:
    digests = LogDigests()
    _append(log, 10)
    entry = digests.entry(log, SESSION, None, appended_only=True)
    log.execute("INSERT INTO session_events (id, session_id, seq, data) VALUES ('a', ?, 0, randomblob(40))", [SESSION])
    assert digests.entry(log, SESSION, entry, appended_only=True) == _whole(log)


def _ada_comes_and_goes(vault: Workspace, times: int) -> tuple[Meeting, Member]:
    """A new group's open meeting, in which Ada arrives and leaves `times` times: two steps of its log each."""
    group = vault.create_group("Tuesday", "support-90")
    ada, = vault.add_members(group.id, [RosterEntry("Ada", None)])
    meeting = vault.meeting(group.id)
    for _ in range(times):
        meeting.do(Arrive(ada.id))
        meeting.do(Leave(ada.id))
    return meeting, ada


def test_a_long_meeting_written_step_by_step_unlocks_as_vouched_for(vault_home: Path) -> None:
    with unlocked_workspace(vault_home, FakeClock()) as vault:
        _ada_comes_and_goes(vault, 60)
    with Workspace.open(vault_home) as vault:
        vault.unlock(PASSPHRASE)  # refused with VaultChangedOutside if any entry differed from the log


def _as_the_release_before_sealed_it(home: Path) -> None:
    """Each manifest as the circle before wrote it: logs hashed in the order of their steps' ids, and no order named."""
    vault_file = locations(home).vault_file
    keys = _held_keys(vault_file, PASSPHRASE)
    with closing(sqlite3.connect(vault_file)) as conn, conn:
        for group_id, sealer in keys.sealers.items():
            (sealed,) = conn.execute("SELECT manifest FROM groups WHERE id = ?", [group_id]).fetchone()
            manifest = sealer.open_json("groups", "manifest", group_id, sealed)
            manifest.pop(LOG_ORDER)
            manifest["log"] = digest(conn, LOG_BY_ID, group_id)
            conn.execute(
                "UPDATE groups SET manifest = ? WHERE id = ?",
                [sealer.seal_json("groups", "manifest", group_id, manifest), group_id],
            )


def _a_meeting_with_steps(home: Path) -> str:
    with unlocked_workspace(home, FakeClock()) as vault:
        group = vault.create_group("Tuesday", "support-90")
        ada, bo = vault.add_members(group.id, [RosterEntry("Ada", None), RosterEntry("Bo", None)])
        meeting = vault.meeting(group.id)
        for member in (ada, bo, ada, bo):
            meeting.do(Arrive(member.id))
            meeting.do(Leave(member.id))
    return group.id


def test_a_vault_whose_logs_were_hashed_by_step_id_unlocks_and_moves_to_step_order_at_its_next_step(
    vault_home: Path,
) -> None:
    group_id = _a_meeting_with_steps(vault_home)
    _as_the_release_before_sealed_it(vault_home)
    with Workspace.open(vault_home) as vault:
        vault.unlock(PASSPHRASE)  # the older manifest is checked the way it was written
        meeting = vault.meeting(group_id)
        meeting.do(Arrive(vault.members(group_id)[0].id))
    keys = _held_keys(locations(vault_home).vault_file, PASSPHRASE)
    with closing(sqlite3.connect(locations(vault_home).vault_file)) as conn:
        (sealed,) = conn.execute("SELECT manifest FROM groups WHERE id = ?", [group_id]).fetchone()
    assert keys.sealers[group_id].open_json("groups", "manifest", group_id, sealed)[LOG_ORDER] == BY_STEP
    with Workspace.open(vault_home) as vault:
        vault.unlock(PASSPHRASE)


def test_steps_swapped_in_a_vault_whose_logs_were_hashed_by_step_id_are_still_reported(vault_home: Path) -> None:
    _a_meeting_with_steps(vault_home)
    _as_the_release_before_sealed_it(vault_home)
    swap_steps(vault_home, 2, 3)
    with Workspace.open(vault_home) as vault, pytest.raises(VaultChangedOutside):
        vault.unlock(PASSPHRASE)


def test_a_step_swapped_behind_circles_back_mid_meeting_is_not_folded_into_the_next_manifest(vault_home: Path) -> None:
    with unlocked_workspace(vault_home, FakeClock()) as vault:
        meeting, ada = _ada_comes_and_goes(vault, 3)
        swap_steps(vault_home, 1, 2)  # another connection, while the meeting is open
        meeting.do(Arrive(ada.id))  # appended: hashed on from the digest circle last wrote, not from the rows
    with Workspace.open(vault_home) as vault, pytest.raises(VaultChangedOutside):
        vault.unlock(PASSPHRASE)
