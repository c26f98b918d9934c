"""The optional anonymous pulse at closing: a rule that is off by default, five counts in the log, one column kept."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from circle.domain.clock import FakeClock
from circle.domain.errors import InvalidInput, RuleViolation
from circle.domain.retention import MemberFacts, tightening
from circle.domain.rules import PULSE_QUESTION_MAX, ConfidentialityRules
from circle.domain.session import (
    EVENT_DATA_KEYS,
    Arrive,
    Close,
    Event,
    EventKind,
    LiveSession,
    RecordPulse,
    SessionLogError,
    SessionRuleError,
    StartPhase,
    summary,
)
from circle.store import db as schema
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace
from tests.meeting_builders import CLOSING, K, opened_meeting
from tests.older_vaults import make_older
from tests.stored_rows import opened_meetings

QUESTION = "How hopeful do you feel today?"
PASSPHRASE = "correct horse battery staple"


def meeting_at(phase: int | None, *, here: int = 4, headcount_only: bool = False) -> LiveSession:
    """A session with `here` people in the room, in the given part of the meeting (None: not started)."""
    if headcount_only:
        live = opened_meeting(headcount_only=True, headcount=here)
    else:
        live = opened_meeting([f"m-{number}" for number in range(here)])
    if phase is not None:
        live.do(StartPhase(phase))
    return live


# --------------------------------------------------------------------------- the rule


def test_the_pulse_is_off_by_default_and_rules_stored_before_it_existed_still_read():
    stored_before = {key: value for key, value in ConfidentialityRules().to_dict().items() if key != "pulse_question"}
    rules = ConfidentialityRules.from_dict(stored_before)
    assert rules.pulse_question == "" and not rules.takes_pulse
    assert not any("show of hands" in line for line in rules.describe())


def test_a_pulse_question_is_kept_as_one_clean_line_and_said_plainly_to_members():
    rules = ConfidentialityRules(pulse_question="  How hopeful\x1b[31m do you\n feel\u202e today?  ")
    assert rules.pulse_question == "How hopeful[31m do you feel today?"
    assert rules.takes_pulse
    assert ConfidentialityRules.from_dict(rules.to_dict()) == rules
    assert rules.describe()[-1] == (
        "At closing, an anonymous show of hands may be counted for “How hopeful[31m do you feel today?”"
        " (1 to 5); only the counts are kept, never who raised a hand."
    )


def test_a_pulse_question_longer_than_the_cap_is_refused_in_one_plain_line():
    ConfidentialityRules(pulse_question="x" * PULSE_QUESTION_MAX)
    with pytest.raises(InvalidInput, match=f"at most {PULSE_QUESTION_MAX} characters") as refused:
        ConfidentialityRules(pulse_question="x" * (PULSE_QUESTION_MAX + 1))
    assert "\n" not in str(refused.value)
    with pytest.raises(InvalidInput):
        ConfidentialityRules.from_dict({"pulse_question": 5})


def test_turning_the_pulse_on_or_off_removes_nothing_already_kept():
    on = ConfidentialityRules(pulse_question=QUESTION)
    members = [MemberFacts("m-1", date(2026, 1, 1))]
    for old, new in ((on, ConfidentialityRules()), (ConfidentialityRules(), on)):
        plan = tightening(old, new, [], members, date(2026, 1, 5))
        assert not plan.changes_anything and plan.lines == ()


# --------------------------------------------------------------------------- the engine


@pytest.mark.parametrize("phase", [None, 0, 1, 2, 3], ids=["before the start", *[str(k) for k in K][:4]])
def test_a_pulse_is_refused_outside_the_closing(phase: int | None):
    live = meeting_at(phase)
    with pytest.raises(SessionRuleError, match="during the closing"):
        live.do(RecordPulse((1, 1, 0, 0, 0)))
    assert live.state.pulse is None


def test_more_hands_than_people_here_is_refused_and_says_how_many_are_here():
    live = meeting_at(CLOSING, here=3)
    with pytest.raises(SessionRuleError, match="That is 4 hands, and 3 people are here."):
        live.do(RecordPulse((0, 1, 2, 1, 0)))
    live.do(RecordPulse((0, 1, 2, 0, 0)))
    assert live.state.pulse == (0, 1, 2, 0, 0)


@pytest.mark.parametrize(
    ("counts", "reason"),
    [
        ((0, 0, 0, 0, 0), "Nobody raised a hand"),
        ((1, -1, 1, 0, 0), "whole number from 0"),
        ((1, 1, 1, 1), "5 counts"),
        ((1, 1, 1, 0, 0, 0), "5 counts"),
        ((1, 1.5, 0, 0, 0), "whole number"),
        ((True, 0, 0, 0, 0), "whole number"),
    ],
    ids=["no hands", "a negative count", "four counts", "six counts", "a fraction", "a flag"],
)
def test_a_tally_that_is_not_five_whole_counts_with_a_hand_is_refused(counts: tuple, reason: str):
    live = meeting_at(CLOSING)
    with pytest.raises(SessionRuleError, match=reason):
        live.do(RecordPulse(counts))


def test_a_headcount_only_group_counts_hands_against_its_counted_heads():
    live = meeting_at(CLOSING, here=2, headcount_only=True)
    with pytest.raises(SessionRuleError, match="That is 3 hands, and 2 people are here."):
        live.do(RecordPulse((1, 1, 1, 0, 0)))
    live.do(RecordPulse((0, 0, 1, 1, 0)))
    assert live.state.pulse == (0, 0, 1, 1, 0)
    nobody = meeting_at(CLOSING, here=0, headcount_only=True)
    with pytest.raises(SessionRuleError, match="Nobody is counted as here"):
        nobody.do(RecordPulse((1, 0, 0, 0, 0)))


def test_recording_the_pulse_again_replaces_the_earlier_tally():
    live = meeting_at(CLOSING)
    live.do(RecordPulse((1, 1, 0, 0, 0)))
    live.do(RecordPulse((0, 0, 1, 2, 1)))
    assert live.state.pulse == (0, 0, 1, 2, 1)
    live.do(Close())
    assert live.summary().pulse == (0, 0, 1, 2, 1)


def test_the_pulse_survives_replay_from_the_stored_log():
    live = meeting_at(CLOSING)
    live.do(RecordPulse((0, 2, 1, 1, 0)))
    stored = json.loads(json.dumps([event.to_dict() for event in live.events]))
    replayed = LiveSession(FakeClock(), events=[Event.from_dict(raw) for raw in stored])
    assert replayed.state == live.state
    assert replayed.state.pulse == (0, 2, 1, 1, 0)


@pytest.mark.parametrize("counts", [[1, 1, 1, 1], [1, -1, 1, 1, 1], ["Ada", 0, 0, 0, 0]])
def test_a_stored_pulse_that_is_not_five_counts_cannot_be_replayed(counts: list):
    live = meeting_at(CLOSING)
    live.do(RecordPulse((1, 0, 0, 0, 0)))
    *before, recorded = [event.to_dict() for event in live.events]
    tampered = {**recorded, "data": {"counts": counts}}
    with pytest.raises(SessionLogError):
        LiveSession(FakeClock(), events=[Event.from_dict(raw) for raw in (*before, tampered)])


def test_the_pulse_event_holds_only_the_five_counts():
    live = meeting_at(CLOSING)
    [event] = live.do(RecordPulse((0, 2, 1, 1, 0)))
    assert event.kind is EventKind.PULSE_RECORDED
    assert set(event.data) == EVENT_DATA_KEYS[EventKind.PULSE_RECORDED] == {"counts"}
    assert event.to_dict()["data"] == {"counts": [0, 2, 1, 1, 0]}


def test_a_meeting_without_a_pulse_summarises_to_none():
    live = meeting_at(CLOSING)
    live.do(Close())
    assert summary(live.state, live.clock.now()).pulse is None


@settings(max_examples=200, deadline=None, database=None)
@given(
    counts=st.lists(st.integers(min_value=-1, max_value=6), min_size=5, max_size=5).map(tuple),
    here=st.integers(min_value=0, max_value=8),
    headcount_only=st.booleans(),
)
def test_any_tally_is_kept_exactly_when_it_fits_the_room(counts: tuple[int, ...], here: int, headcount_only: bool):
    live = meeting_at(CLOSING, here=here, headcount_only=headcount_only)
    fits = all(count >= 0 for count in counts) and 1 <= sum(counts) <= here
    try:
        live.do(RecordPulse(counts))
    except SessionRuleError:
        assert not fits
        assert live.state.pulse is None
    else:
        assert fits
        assert live.state.pulse == counts
        assert [event.data for event in live.events[-1:]] == [{"counts": counts}]


# --------------------------------------------------------------------------- the meeting and the vault


def with_pulse(workspace: Workspace, group_id: str, question: str = QUESTION) -> None:
    workspace.change_rules(group_id, replace(workspace.group(group_id).rules, pulse_question=question))


def walk_to_closing(workspace: Workspace, group_id: str):
    meeting = workspace.meeting(group_id)
    for member in workspace.members(group_id):
        meeting.do(Arrive(member.id))
    meeting.do(StartPhase(len(meeting.state.phases) - 1))
    assert meeting.state.phase is K.CLOSING
    return meeting


def test_a_group_whose_rules_take_no_pulse_refuses_one_below_the_screen(workspace: Workspace):
    group = workspace.create_group("No pulse here")
    workspace.add_member(group.id, "Ada")
    meeting = walk_to_closing(workspace, group.id)
    with pytest.raises(RuleViolation, match="take no pulse"):
        meeting.record_pulse((1, 0, 0, 0, 0))
    assert meeting.state.pulse is None


def stored_pulse(home: Path, session_id: str) -> list[int] | None:
    """The pulse in the meeting's sealed summary; its clear column is checked to hold nothing."""
    with sqlite3.connect(home / "data" / "circle.db") as conn:
        clear = conn.execute("SELECT pulse FROM sessions WHERE id = ?", [session_id]).fetchone()
        events = conn.execute("SELECT count(*) FROM session_events WHERE session_id = ?", [session_id]).fetchone()
    conn.close()
    assert events[0] == 0, "the detailed log is deleted at the close"
    assert clear == (None,), "the pulse is never in a clear column"
    return opened_meetings(home / "data" / "circle.db", PASSPHRASE)[session_id].summary["pulse"]


def test_a_vault_from_before_the_pulse_is_migrated_on_open_and_its_open_meeting_carries_on(tmp_path: Path):
    home = tmp_path / "home"
    with Workspace.open(home) as workspace:
        workspace.create_facilitator("Sam", PASSPHRASE, kdf=FLOOR_KDF)
        group = workspace.create_group("Older vault")
        workspace.add_member(group.id, "Ada Lovelace")
        workspace.add_member(group.id, "Grace Hopper")
        session_id = walk_to_closing(workspace, group.id).session_id
    make_older(home, PASSPHRASE, last_migration="m001_foundation")
    with sqlite3.connect(home / "data" / "circle.db") as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(sessions)")}
    conn.close()
    assert "pulse" not in columns

    with Workspace.open(home) as workspace:
        workspace.unlock(PASSPHRASE)
        with sqlite3.connect(home / "data" / "circle.db") as conn:
            applied = schema.applied_migrations(conn)
        conn.close()
        assert applied == {name for name, _ in schema.MIGRATIONS}
        with_pulse(workspace, group.id)
        meeting = workspace.meeting(group.id)
        assert meeting.session_id == session_id and meeting.state.phase is K.CLOSING
        meeting.record_pulse((0, 1, 1, 0, 0))
        result = meeting.close()
    assert result.counts.pulse == (0, 1, 1, 0, 0)
    assert stored_pulse(home, session_id) == [0, 1, 1, 0, 0]


def test_a_closed_meetings_pulse_is_kept_as_plain_counts_and_nothing_else_about_it(vault_home: Path):
    canary = "Qzpulsecanary hopeful today?"
    with Workspace.open(vault_home) as workspace:
        workspace.unlock(PASSPHRASE)
        group = workspace.create_group("Pulse kept")
        for name in ("Ada", "Bo", "Cy"):
            workspace.add_member(group.id, name)
        with_pulse(workspace, group.id, canary)
        meeting = walk_to_closing(workspace, group.id)
        meeting.record_pulse((1, 0, 0, 0, 0))
        meeting.record_pulse((0, 0, 1, 2, 0))  # counted again: only the last tally stays
        meeting.close()
        without = walk_to_closing(workspace, workspace.create_group("No pulse").id)
        without.close()

    assert stored_pulse(vault_home, meeting.session_id) == [0, 0, 1, 2, 0]
    assert stored_pulse(vault_home, without.session_id) is None
    # The question is the group's own words: sealed with its rules, never beside the counts.
    for path in (vault_home / "data").iterdir():
        assert b"Qzpulsecanary" not in path.read_bytes(), path.name
