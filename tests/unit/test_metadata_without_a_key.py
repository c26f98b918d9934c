"""What a copy of the vault says to someone without a key: no person's history, no crisis action, no length finer
than a bucket. The raw files are read as an attacker would, with nothing but sqlite3 and open()."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from circle.domain.clock import FakeClock
from circle.domain.group import PhaseKind
from circle.domain.notes import NoteDraft, NoteKind, SafetyAction
from circle.domain.roster import RosterEntry
from circle.domain.rules import NotesPolicy
from circle.domain.session import Arrive, Leave, NextPhase, StartPhase
from circle.store.keys import GROUP_SEALED_COLUMNS
from circle.store.sealing import bucket_floor
from circle.vault.keyring import FLOOR_KDF
from tests.conftest import unlocked_workspace

# Values that would tell what happened to someone; none may be readable without a key. (Words such as
# `present` are left out: they name columns and checks in the schema, which says nothing about anyone.)
TELLING_WORDS = (
    "safety", "stepped_out", "emergency", "crisis_line", "one_to_one", "follow_up", "debrief", "turn_started",
    "turn_passed", "member_arrived", "member_left", "pulse_recorded",
)
SEAL_OVERHEAD = 1 + 12 + 16  # version byte, nonce, tag


@pytest.fixture(scope="module")
def lived_in_vault(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A group after two meetings: people present, absent, late, new and leaving early, every kind of note and
    safety action, a pulse, and a meeting still open with its live log."""
    from tests.conftest import HANDLE, PASSPHRASE
    from circle.workspace import Workspace

    home = tmp_path_factory.mktemp("metadata") / "home"
    with Workspace.open(home, kdf=FLOOR_KDF) as workspace:
        workspace.create_facilitator(HANDLE, PASSPHRASE)
    clock = FakeClock(datetime(2026, 3, 2, 19, 0, tzinfo=UTC))
    with unlocked_workspace(home, clock) as vault:
        group = vault.create_group("Tuesday Evening", "support-90")
        rules = replace(group.rules, notes=NotesPolicy.BRIEF, brief_note_cap=200, pulse_question="How hopeful?")
        vault.change_rules(group.id, rules)
        members = vault.add_members(
            group.id, [RosterEntry(name, None) for name in ("Ada L.", "Bo", "Cy R.", "Dee", "Eli")]
        )
        ada, bo, cy, dee, _eli = (member.id for member in members)
        meeting = vault.meeting(group.id)
        meeting.do(Arrive(ada))
        meeting.do(Arrive(bo))
        meeting.do(StartPhase(0, confirmed=True))
        meeting.do(Arrive(cy))  # late
        meeting.add_newcomer(vault.add_member(group.id, "Fen"))
        meeting.do(Leave(bo))  # left early
        meeting.step_out(ada)
        for action in SafetyAction:
            meeting.note(NoteDraft(NoteKind.SAFETY, action=action))
        meeting.note(NoteDraft(NoteKind.FOLLOW_UP, member_id=cy, text="Offer a call next week"))
        while meeting.state.phase is not PhaseKind.CLOSING:
            meeting.do(NextPhase(confirmed=True))
        meeting.record_pulse((0, 1, 1, 1, 0))
        meeting.close()
        vault.add_debrief(group.id, meeting.session_id, "A warm evening")
        live = vault.meeting(group.id)
        live.do(Arrive(dee))
        live.do(StartPhase(0, confirmed=True))
        member_ids = [member.id for member in vault.members(group.id)]
    return home, member_ids


def vault_files(home: Path) -> list[Path]:
    data = home / "data"
    return [path for path in (data / "circle.db", data / "circle.db-wal") if path.exists()]


def clear_values(home: Path) -> list[tuple[str, str, object]]:
    """(table, column, value) of every value that is not sealed: what anyone with the file reads."""
    sealed = {(column.table, column.column) for column in GROUP_SEALED_COLUMNS}
    sealed |= {("facilitators", "wrapped_key"), ("facilitators", "handle"),
               ("key_slots", "wrapped_key")}
    found = []
    with closing(sqlite3.connect(home / "data" / "circle.db")) as conn:
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
            for row in conn.execute(f"SELECT * FROM {table}"):
                found += [(table, column, value) for column, value in zip(columns, row, strict=True)
                          if (table, column) not in sealed]
    return found


def test_no_member_id_appears_in_a_clear_column_outside_its_own_row(lived_in_vault):
    home, member_ids = lived_in_vault
    for table, column, value in clear_values(home):
        if (table, column) == ("members", "id"):
            continue
        for member_id in member_ids:
            assert member_id not in str(value), f"{table}.{column}"


def test_no_word_telling_what_happened_is_readable_anywhere_in_the_files(lived_in_vault):
    home, _ = lived_in_vault
    for path in vault_files(home):
        data = path.read_bytes()
        for word in TELLING_WORDS:
            assert word.encode() not in data, f"{word} in {path.name}"


def test_no_clear_column_holds_a_count_or_time_of_the_meetings(lived_in_vault):
    home, _ = lived_in_vault
    with closing(sqlite3.connect(home / "data" / "circle.db")) as conn:
        rows = conn.execute(
            "SELECT started_at, ended_at, actual_minutes, headcount, newcomers, shared_turns, passed_turns, pulse,"
            " planned_minutes FROM sessions"
        ).fetchall()
        attendance = conn.execute("SELECT count(*) FROM attendance").fetchone()[0]
        dates = conn.execute("SELECT joined_on, created_at FROM members").fetchall()
    assert rows and all(value in (None, 0) for row in rows for value in row)
    assert attendance == 0
    assert all(joined is None and created in ("", None) for joined, created in dates)


def test_every_sealed_value_is_as_long_as_its_bucket_and_no_longer(lived_in_vault):
    home, _ = lived_in_vault
    seen = 0
    with closing(sqlite3.connect(home / "data" / "circle.db")) as conn:
        for column in GROUP_SEALED_COLUMNS:
            floor = bucket_floor(column.table, column.column)
            buckets = {floor << shift for shift in range(12)}
            for (value,) in conn.execute(f"SELECT {column.column} FROM {column.table} WHERE {column.column} IS NOT NULL"):
                assert len(value) - SEAL_OVERHEAD in buckets, f"{column.table}.{column.column}"
                seen += 1
    assert seen >= 20  # names, notes, steps of the log, the group's own fields


def test_every_safety_action_and_every_follow_up_is_the_same_length(lived_in_vault):
    home, _ = lived_in_vault
    with closing(sqlite3.connect(home / "data" / "circle.db")) as conn:
        lengths = {row[0] for row in conn.execute("SELECT length(body) FROM notes")}
    assert len(lengths) == 1
