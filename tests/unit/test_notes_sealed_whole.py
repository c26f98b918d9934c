"""Group format 3 for notes: a note's kind, dates and resolution are sealed in its body, never in a clear column."""

from __future__ import annotations

import string
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from circle.domain.clock import FakeClock
from circle.domain.notes import NoteDraft, NoteKind, SafetyAction
from circle.domain.roster import RosterEntry
from circle.domain.rules import BRIEF_NOTE_CAP_MAX, NotesPolicy
from circle.domain.session import Arrive
from circle.store.format_versions import CURRENT_GROUP_FORMAT
from circle.store.sealing import GroupSealer
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace
from tests.conftest import PASSPHRASE, unlocked_workspace
from tests.older_vaults import make_older
from tests.stored_rows import stored_rows

ROBINS = "river stone lantern meadow"
START = datetime(2026, 3, 2, 19, 42, 7, 123456, tzinfo=UTC)  # microseconds: the longest a time is written
KIND_WORDS = ("safety", "follow_up", "debrief", "emergency", "crisis_line", "one_to_one")
CLEAR_COLUMNS = "SELECT kind, created_at, expires_on, resolved_at FROM notes"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


def brief_notes_group(vault: Workspace, name: str = "Tuesday Circle", *, cap: int = 200) -> tuple[str, str]:
    """A group that keeps brief notes, with Ada and Li. Returns (group id, Ada's id)."""
    group = vault.create_group(name, "support-90")
    vault.change_rules(group.id, replace(group.rules, notes=NotesPolicy.BRIEF, brief_note_cap=cap))
    vault.add_members(group.id, [RosterEntry("Ada", None), RosterEntry("Li", None)])
    ada = next(member.id for member in vault.members(group.id) if member.name == "Ada")
    return group.id, ada


def notes_of_every_kind(vault: Workspace, clock: FakeClock) -> str:
    """Every safety action, follow-ups with and without a person, debriefs during and after a meeting,
    some resolved, in a closed meeting and in one still open."""
    group_id = notes_of_a_closed_meeting(vault, clock)
    notes_of_a_live_meeting(vault, clock, group_id)
    return group_id


def notes_of_a_closed_meeting(vault: Workspace, clock: FakeClock) -> str:
    group_id, ada = brief_notes_group(vault)
    closed = vault.meeting(group_id)
    closed.do(Arrive(ada))
    for action in SafetyAction:
        closed.note(NoteDraft(NoteKind.SAFETY, action=action))
    call = closed.note(NoteDraft(NoteKind.FOLLOW_UP, member_id=ada, text="Offer a call"))
    closed.note(NoteDraft(NoteKind.FOLLOW_UP, text="Book a larger room"))
    closed.note(NoteDraft(NoteKind.DEBRIEF, text="A heavy evening"))
    closed.close()
    clock.advance(timedelta(days=2, microseconds=654321).total_seconds())
    vault.add_debrief(group_id, closed.session_id, "Ada led the check-in")
    vault.resolve_note(group_id, call.id)
    vault.resolve_note(group_id, next(note.id for note in vault.notes(group_id) if note.kind is NoteKind.SAFETY))
    return group_id


def notes_of_a_live_meeting(vault: Workspace, clock: FakeClock, group_id: str) -> None:
    clock.advance(timedelta(days=5).total_seconds())
    ada = next(member.id for member in vault.members(group_id) if member.name == "Ada")
    live = vault.meeting(group_id)
    live.do(Arrive(ada))
    live.note(NoteDraft(NoteKind.FOLLOW_UP, member_id=ada))
    live.note(NoteDraft(NoteKind.SAFETY, action=SafetyAction.ONE_TO_ONE))


def vault_file_bytes(vault: Workspace) -> bytes:
    """The database and its write-ahead log, as anyone copying them would have them."""
    database = vault.locations.vault_file
    log = database.with_name(database.name + "-wal")
    return b"".join(path.read_bytes() for path in (database, log) if path.exists())


def kind_words_in(raw: bytes) -> list[str]:
    lowered = raw.lower()
    return [word for word in KIND_WORDS if word.encode() in lowered]


def test_after_use_every_notes_clear_kind_and_date_is_null_and_no_kind_word_is_in_the_files(
    vault_home: Path, clock: FakeClock
):
    with unlocked_workspace(vault_home, clock) as vault:
        group_id = notes_of_every_kind(vault, clock)
        assert len(vault.notes(group_id)) == 9
        # Flags only: the words go, and the debriefs with them; the flags are sealed again without words.
        vault.change_rules(group_id, replace(vault.group(group_id).rules, notes=NotesPolicy.FLAGS))
        rows = stored_rows(vault, CLEAR_COLUMNS)
        assert len(rows) == len(vault.notes(group_id)) == 7
        assert set(rows) == {(None, None, None, None)}
        assert kind_words_in(vault_file_bytes(vault)) == []
    assert kind_words_in(vault_file_bytes(vault)) == []


def test_notes_come_back_oldest_first_with_their_kinds_dates_and_resolution(vault_home: Path, clock: FakeClock):
    with unlocked_workspace(vault_home, clock) as vault:
        group_id = notes_of_every_kind(vault, clock)
        notes = vault.notes(group_id)
        assert [note.created_at for note in notes] == sorted(note.created_at for note in notes)
        assert [note.kind for note in notes].count(NoteKind.SAFETY) == len(SafetyAction) + 1
        assert sum(note.resolved_at is not None for note in notes) == 2
        assert {note.expires_on for note in notes} == {
            (START + timedelta(days=days)).date() + timedelta(days=90) for days in (0, 2, 7)
        }
        # Open: the safety actions but the one done, the room booking, and the live meeting's two.
        assert vault.follow_ups_due() == len(vault.follow_ups()) == (len(SafetyAction) - 1) + 1 + 2


@pytest.mark.parametrize("last_migration", ["m003_cofacilitators", "m004_group_format"])
def test_a_notes_kind_dates_and_resolution_survive_the_upgrade_of_an_older_vault(
    vault_home: Path, clock: FakeClock, last_migration: str
):
    with unlocked_workspace(vault_home, clock) as vault:
        group_id = notes_of_a_closed_meeting(vault, clock)
        robin = vault.add_cofacilitator(group_id, "Robin", ROBINS, kdf=FLOOR_KDF)
        vault.add_cofacilitator(group_id, "Kit", "kit's own passphrase", kdf=FLOOR_KDF)
        vault.remove_facilitator(group_id, robin.id)  # a new key: every note sealed again under it
        notes_of_a_live_meeting(vault, clock, group_id)
        before = vault.notes(group_id)
        due = [(item.note, item.member_name) for item in vault.follow_ups()]
    make_older(vault_home, PASSPHRASE, last_migration=last_migration)
    with Workspace.open(vault_home) as older:
        clear = stored_rows(older, CLEAR_COLUMNS)
        assert sorted(kind for kind, *_ in clear) == sorted(str(note.kind) for note in before)
        assert sum(resolved is not None for *_, resolved in clear) == 2, "the older vault keeps them in the clear"
        assert kind_words_in(vault_file_bytes(older)), "the scan must see the clear kinds before the upgrade"
    with unlocked_workspace(vault_home, clock) as vault:
        assert vault.notes(group_id) == before
        assert [(item.note, item.member_name) for item in vault.follow_ups()] == due
        assert vault.follow_ups_due() == len(due)
        assert set(stored_rows(vault, CLEAR_COLUMNS)) == {(None, None, None, None)}
        assert stored_rows(vault, "SELECT format FROM groups") == [(CURRENT_GROUP_FORMAT,)]
        assert kind_words_in(vault_file_bytes(vault)) == []
    with Workspace.open(vault_home, clock=clock) as kits:
        kits.unlock("kit's own passphrase")
        assert kits.notes(group_id) == before


def test_expired_notes_are_purged_at_unlock_only_in_the_groups_held_until_a_facilitator_of_the_others_unlocks(
    vault_home: Path, clock: FakeClock
):
    with unlocked_workspace(vault_home, clock) as vault:
        mine, ada = brief_notes_group(vault)
        vault.meeting(mine).note(NoteDraft(NoteKind.DEBRIEF, text="A quiet start"))
        vault.add_cofacilitator(mine, "Robin", ROBINS, kdf=FLOOR_KDF)
        vault.lock()
        vault.unlock(ROBINS)
        robins, _ = brief_notes_group(vault, "Thursday Circle")
        vault.meeting(robins).note(NoteDraft(NoteKind.SAFETY, action=SafetyAction.EMERGENCY_SERVICES))
        clock.advance(timedelta(days=91).total_seconds())
        vault.lock()

        vault.unlock(PASSPHRASE)
        assert vault.last_purge.notes == 1
        kept = "SELECT group_id, count(*) FROM notes GROUP BY group_id"
        assert stored_rows(vault, kept) == [(robins, 1)], "an expiry sealed under a key not held waits for it"
        vault.lock()

        vault.unlock(ROBINS)
        assert vault.last_purge.notes == 1
        assert stored_rows(vault, kept) == []


def ascii_text(length: int) -> str:
    """Ordinary ASCII of exactly `length` characters, ending in a letter."""
    alphabet = string.ascii_letters + string.digits + " .,;:!?'()-"
    text = "".join(alphabet[index % len(alphabet)] for index in range(length - 1))
    return text + "z" if length else ""


def test_every_note_within_the_groups_cap_seals_to_one_length_with_its_kind_and_dates_inside(
    vault_home: Path, clock: FakeClock
):
    with unlocked_workspace(vault_home, clock) as vault:
        group_id, ada = brief_notes_group(vault, cap=BRIEF_NOTE_CAP_MAX)
        meeting = vault.meeting(group_id)
        meeting.do(Arrive(ada))
        for action in SafetyAction:
            meeting.note(NoteDraft(NoteKind.SAFETY, action=action))
        for length in (0, 1, 2, 140, BRIEF_NOTE_CAP_MAX - 1, BRIEF_NOTE_CAP_MAX):
            meeting.note(NoteDraft(NoteKind.FOLLOW_UP, member_id=ada, text=ascii_text(length)))
            meeting.note(NoteDraft(NoteKind.FOLLOW_UP, text=ascii_text(length)))
            if length:
                meeting.note(NoteDraft(NoteKind.DEBRIEF, text=ascii_text(length)))
        clock.advance(timedelta(days=1, microseconds=987654).total_seconds())
        for note in vault.notes(group_id):
            if note.is_open:
                vault.resolve_note(group_id, note.id)  # a resolution time is the longest a body gets
        meeting.note(NoteDraft(NoteKind.FOLLOW_UP, member_id=ada, text=ascii_text(BRIEF_NOTE_CAP_MAX)))

        assert max(len(note.text) for note in vault.notes(group_id)) == BRIEF_NOTE_CAP_MAX
        lengths = {length for (length,) in stored_rows(vault, "SELECT length(body) FROM notes")}
        assert lengths == {1 + 12 + 512 + 16}


def test_the_home_count_opens_the_notes_once_and_again_only_after_a_change(
    vault_home: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
):
    with unlocked_workspace(vault_home, clock) as vault:
        group_id = notes_of_every_kind(vault, clock)
        opened: list[str] = []
        real_open = GroupSealer.open_json

        def counting_open(sealer: GroupSealer, table: str, *rest: object) -> object:
            opened.append(table)
            return real_open(sealer, table, *rest)  # type: ignore[arg-type]

        monkeypatch.setattr(GroupSealer, "open_json", counting_open)
        due = vault.follow_ups_due()
        assert opened.count("notes") == 9
        for _ in range(3):
            assert vault.follow_ups_due() == due
        assert opened.count("notes") == 9, "asking again while nothing changed opens nothing"
        vault.resolve_note(group_id, vault.follow_ups()[0].note.id)
        assert vault.follow_ups_due() == due - 1


def test_a_note_resolved_on_the_other_laptop_comes_back_resolved_and_sealed(
    vault_home: Path, clock: FakeClock, tmp_path: Path
):
    with unlocked_workspace(vault_home, clock) as lead, Workspace.open(tmp_path / "robin", clock=clock) as co:
        co.create_facilitator("Robin", ROBINS, kdf=FLOOR_KDF)
        group_id = notes_of_every_kind(lead, clock)
        out = lead.export_handoff(group_id, kdf=FLOOR_KDF)
        co.import_handoff(out.data, out.code)
        assert co.notes(group_id) == lead.notes(group_id)
        done = co.follow_ups()[0].note
        clock.advance(60)
        co.resolve_note(group_id, done.id)
        back = co.export_handoff(group_id, kdf=FLOOR_KDF)
        lead.import_handoff(back.data, back.code)
        assert lead.notes(group_id) == co.notes(group_id)
        assert next(note for note in lead.notes(group_id) if note.id == done.id).resolved_at == clock.now()
        for vault in (lead, co):
            assert set(stored_rows(vault, CLEAR_COLUMNS)) == {(None, None, None, None)}
