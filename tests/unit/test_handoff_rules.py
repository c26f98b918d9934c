"""A crafted handoff is held to this vault's rules, as if what it holds had been entered here.

Each handoff here is a real export with one field changed by someone holding the code, sealed the real way.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from circle.domain.clock import FakeClock
from circle.domain.handoff import HandoffOutOfTime, HandoffUnreadable
from circle.domain.notes import NoteDraft, NoteKind
from circle.domain.rules import ConfidentialityRules, NotesPolicy
from circle.domain.session import Arrive
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace
from tests.conftest import unlocked_workspace
from tests.crafted_handoffs import Payload, crafted
from tests.damage import table_dump

ROBINS = "river stone lantern meadow"
START = datetime(2026, 11, 18, 19, 0, tzinfo=UTC)
RETENTION_DAYS = 90


@dataclass(frozen=True)
class Sent:
    """A handoff as sent: its bytes and code, and the ids a forger would edit."""

    data: bytes
    code: str
    group_id: str
    came: str  # at the closed meeting, and flagged for a follow-up there
    absent: str  # on the roster, absent from that meeting


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def sent(vault_home: Path, clock: FakeClock) -> Sent:
    """A group whose closed meeting has a follow-up for Grace (Alan was absent), and whose next meeting is open."""
    with unlocked_workspace(vault_home, clock) as sam:
        group = sam.create_group("Tuesday")
        sam.change_rules(group.id, ConfidentialityRules(notes=NotesPolicy.BRIEF, notes_retention_days=RETENTION_DAYS))
        for name in ("Ada", "Grace", "Alan"):
            sam.add_member(group.id, name)
        ada, alan, grace = sam.members(group.id)
        meeting = sam.meeting(group.id)
        meeting.do(Arrive(ada.id))
        meeting.do(Arrive(grace.id))
        meeting.note(NoteDraft(NoteKind.FOLLOW_UP, member_id=grace.id, text="Call on Friday"))
        clock.advance(minutes=90)
        meeting.close()
        clock.advance(minutes=5)
        sam.meeting(group.id).do(Arrive(ada.id))  # the next meeting, under way: its log travels
        out = sam.export_handoff(group.id, kdf=FLOOR_KDF)
    return Sent(out.data, out.code, group.id, came=grace.id, absent=alan.id)


@pytest.fixture
def robin(tmp_path: Path, clock: FakeClock) -> Iterator[Workspace]:
    """The co-facilitator's laptop, a little later."""
    clock.advance(minutes=10)
    with Workspace.open(tmp_path / "robins-laptop", clock=clock) as workspace:
        workspace.create_facilitator("Robin", ROBINS, kdf=FLOOR_KDF)
        yield workspace


def follow_up(payload: Payload) -> Payload:
    (note,) = payload["notes"]
    return note


def closed_meeting(payload: Payload) -> Payload:
    return next(meeting for meeting in payload["meetings"] if meeting["status"] == "closed")


def open_meeting(payload: Payload) -> Payload:
    return next(meeting for meeting in payload["meetings"] if meeting["status"] == "open")


def test_an_honest_note_comes_in_with_its_expiry_from_the_rules_here(sent: Sent, robin: Workspace):
    imported = robin.import_handoff(sent.data, sent.code)
    assert imported.notes_left_out == 0
    (note,) = robin.notes(sent.group_id)
    assert note.member_id == sent.came and note.expires_on == START.date() + timedelta(days=RETENTION_DAYS)


def test_a_note_claiming_to_expire_in_9999_expires_as_if_it_had_been_written_here(
    sent: Sent, robin: Workspace, clock: FakeClock
):
    forged = crafted(sent.data, sent.code, lambda payload: follow_up(payload).update(expires_on="9999-12-31"))
    robin.import_handoff(forged, sent.code)
    (note,) = robin.notes(sent.group_id)
    assert note.expires_on == START.date() + timedelta(days=RETENTION_DAYS)
    clock.advance(minutes=60 * 24 * RETENTION_DAYS)
    robin.lock()
    robin.unlock(ROBINS)  # the purge at unlock
    assert robin.notes(sent.group_id) == []


def test_a_notes_expiry_follows_this_groups_retention_not_the_senders(
    sent: Sent, robin: Workspace, vault_home: Path, clock: FakeClock
):
    robin.import_handoff(sent.data, sent.code)
    robin.change_rules(sent.group_id, replace(robin.group(sent.group_id).rules, notes_retention_days=7))
    with unlocked_workspace(vault_home, clock) as sam:
        sam.meeting(sent.group_id).note(NoteDraft(NoteKind.FOLLOW_UP, member_id=sam.members(sent.group_id)[0].id))
        back = sam.export_handoff(sent.group_id, kdf=FLOOR_KDF)
    robin.import_handoff(back.data, back.code)
    newest = max(robin.notes(sent.group_id), key=lambda note: note.created_at)
    assert newest.expires_on == clock.now().astimezone().date() + timedelta(days=7)


def test_a_note_already_past_the_retention_here_is_left_out_and_the_import_says_so(sent: Sent, robin: Workspace):
    written = (START - timedelta(days=RETENTION_DAYS + 1)).isoformat()
    forged = crafted(
        sent.data, sent.code, lambda payload: follow_up(payload).update(created_at=written, expires_on="9999-12-31")
    )
    imported = robin.import_handoff(forged, sent.code)
    assert robin.notes(sent.group_id) == [] and imported.notes_left_out == 1
    assert "1 note was left out" in " ".join(imported.lines("Tuesday"))


def flag_the_absent_member(sent: Sent):
    return lambda payload: follow_up(payload).update(member_id=sent.absent)


def flag_someone_not_in_the_meeting_at_all(sent: Sent):
    def edit(payload: Payload) -> None:
        meeting = closed_meeting(payload)
        meeting["attendance"] = [row for row in meeting["attendance"] if row["member_id"] != sent.absent]
        follow_up(payload).update(member_id=sent.absent)

    return edit


def name_the_absent_member(sent: Sent):
    return lambda payload: follow_up(payload).update(text="Call Alan on Friday")


def flag_someone_who_has_not_come_to_the_open_meeting(sent: Sent):
    return lambda payload: follow_up(payload).update(session_id=open_meeting(payload)["id"], member_id=sent.came)


def flag_someone_forgotten(sent: Sent):
    def edit(payload: Payload) -> None:
        next(member for member in payload["members"] if member["id"] == sent.came)["name"] = None

    return edit


@pytest.mark.parametrize(
    "forge",
    [
        flag_someone_forgotten,
        flag_the_absent_member,
        flag_someone_not_in_the_meeting_at_all,
        name_the_absent_member,
        flag_someone_who_has_not_come_to_the_open_meeting,
    ],
)
def test_a_note_about_someone_not_at_its_meeting_or_forgotten_is_left_out_and_never_listed(
    sent: Sent, robin: Workspace, forge
):
    imported = robin.import_handoff(crafted(sent.data, sent.code, forge(sent)), sent.code)
    assert imported.notes_left_out == 1
    assert robin.notes(sent.group_id) == [] and robin.follow_ups() == []
    assert imported.members == 3 and imported.meetings == 2 and imported.meeting_open, "the rest came in"


def set_field(where, key: str, value: str):
    """An edit setting `key` to `value` in each object `where` finds in the payload."""

    def edit(payload: Payload) -> None:
        for found in where(payload):
            found[key] = value

    return edit


def the_group(payload: Payload) -> list[Payload]:
    return [payload["group"]]


def every_member(payload: Payload) -> list[Payload]:
    return payload["members"]


def the_closed_meeting(payload: Payload) -> list[Payload]:
    return [closed_meeting(payload)]


def every_event_of_the_open_meeting(payload: Payload) -> list[Payload]:
    # All of them, so the log stays in order and only its time is wrong.
    return open_meeting(payload)["events"]


def the_follow_up(payload: Payload) -> list[Payload]:
    return [follow_up(payload)]


MOMENTS = [
    (the_group, "settings_changed_at"),
    (every_member, "created_at"),
    (the_closed_meeting, "started_at"),
    (the_closed_meeting, "ended_at"),
    (every_event_of_the_open_meeting, "at"),
    (the_follow_up, "created_at"),
    (the_follow_up, "resolved_at"),
]
MOMENT_IDS = [f"{where.__name__}.{key}" for where, key in MOMENTS]


@pytest.mark.parametrize(("where", "key"), MOMENTS, ids=MOMENT_IDS)
def test_a_time_without_a_timezone_anywhere_is_refused_in_one_line_and_the_vault_is_untouched(
    sent: Sent, robin: Workspace, tmp_path: Path, where, key: str
):
    robin.import_handoff(sent.data, sent.code)
    before = table_dump(tmp_path / "robins-laptop")
    naive = (START + timedelta(minutes=1)).replace(tzinfo=None).isoformat()
    with pytest.raises(HandoffUnreadable) as refused:
        robin.import_handoff(crafted(sent.data, sent.code, set_field(where, key, naive)), sent.code)
    assert "\n" not in str(refused.value)
    assert table_dump(tmp_path / "robins-laptop") == before


@pytest.mark.parametrize("when", ["9999-12-31T00:00:00+00:00", "1999-12-31T23:59:59+00:00", "later"])
@pytest.mark.parametrize(("where", "key"), MOMENTS, ids=MOMENT_IDS)
def test_a_time_before_2000_or_later_than_now_anywhere_is_refused_and_nothing_is_imported(
    sent: Sent, robin: Workspace, clock: FakeClock, where, key: str, when: str
):
    if when == "later":
        when = (clock.now() + timedelta(hours=1)).isoformat()
    with pytest.raises(HandoffOutOfTime) as refused:
        robin.import_handoff(crafted(sent.data, sent.code, set_field(where, key, when)), sent.code)
    assert "\n" not in str(refused.value)
    assert robin.groups() == []


@pytest.mark.parametrize("held_on", ["9999-12-31", "later", "1999-12-31"])
def test_a_meeting_dated_in_the_future_or_before_2000_is_refused_and_the_vault_is_untouched(
    sent: Sent, robin: Workspace, clock: FakeClock, tmp_path: Path, held_on: str
):
    if held_on == "later":
        held_on = (clock.now() + timedelta(days=3)).date().isoformat()
    robin.import_handoff(sent.data, sent.code)
    before = table_dump(tmp_path / "robins-laptop")
    forged = crafted(sent.data, sent.code, set_field(the_closed_meeting, "held_on", held_on))
    with pytest.raises(HandoffOutOfTime):
        robin.import_handoff(forged, sent.code)
    assert table_dump(tmp_path / "robins-laptop") == before


def test_a_sending_laptops_clock_a_few_minutes_ahead_is_not_refused(sent: Sent, robin: Workspace, clock: FakeClock):
    ahead = (clock.now() + timedelta(minutes=5)).isoformat()
    imported = robin.import_handoff(crafted(sent.data, sent.code, set_field(every_member, "created_at", ahead)),
                                    sent.code)
    assert imported.new_group


def test_a_time_without_its_offset_that_an_older_circle_took_in_is_read_back_as_utc():
    from circle.store.meeting_rows import moment
    from circle.store.note_body import note_from

    body = {"kind": "follow_up", "created_at": "2026-03-02T19:00:00", "expires_on": "2026-04-01",
            "resolved_at": "2026-03-03T08:00:00"}
    note = note_from("n1", "g1", None, body)
    assert note.created_at == datetime(2026, 3, 2, 19, 0, tzinfo=UTC)
    assert note.resolved_at is not None and note.resolved_at > note.created_at  # compares without a TypeError
    assert moment("2026-03-02T19:00:00") == datetime(2026, 3, 2, 19, 0, tzinfo=UTC)
    assert moment("2026-03-02T19:00:00+01:00") == datetime(2026, 3, 2, 18, 0, tzinfo=UTC)


def payload_of_version(version: object):
    return lambda payload: payload.update(circle_handoff=version)


def test_a_handoff_from_the_release_before_group_formats_still_comes_in_whole(sent: Sent, robin: Workspace):
    older = crafted(sent.data, sent.code, payload_of_version(1))
    robin.import_handoff(older, sent.code)
    assert len(robin.kept_meetings(sent.group_id)) == 2  # the closed meeting, and the open one
    assert robin.meetings_in_progress() == [sent.group_id]


@pytest.mark.parametrize("version", [4, "2", True, None])
def test_a_handoff_of_a_payload_version_this_circle_does_not_know_is_refused_untouched(
    sent: Sent, robin: Workspace, version: object
):
    forged = crafted(sent.data, sent.code, payload_of_version(version))
    with pytest.raises(HandoffUnreadable):
        robin.import_handoff(forged, sent.code)
    assert robin.groups() == []


@pytest.mark.parametrize("topic", ["x" * 201, "two\nlines", "\x1b]0;title\x07", 7])
def test_a_meetings_topic_that_is_not_one_short_clean_line_is_refused_and_the_vault_is_untouched(
    sent: Sent, robin: Workspace, tmp_path: Path, topic: object
):
    robin.import_handoff(sent.data, sent.code)
    before = table_dump(tmp_path / "robins-laptop")
    with pytest.raises(HandoffUnreadable) as refused:
        robin.import_handoff(crafted(sent.data, sent.code, set_field(the_closed_meeting, "topic", topic)), sent.code)
    assert "\n" not in str(refused.value)
    assert table_dump(tmp_path / "robins-laptop") == before
