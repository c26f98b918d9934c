"""What a handoff carries, read from another laptop: anything else is HandoffUnreadable, and what is read imports.

The payload is JSON that opened under the code, so it came from someone holding the code; it may still be
from a newer or broken circle, or edited by hand. `snapshot_from_json` either refuses it as unreadable or
gives a snapshot that merges, round-trips, holds only clean text, and changes nothing when merged twice.
"""

from __future__ import annotations

import json
import tempfile
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from circle.domain.errors import CircleError
from circle.domain.handoff import HandoffOutOfTime, HandoffUnreadable, plan_merge, snapshot_from_json, snapshot_to_json
from circle.domain.session import replay
from circle.vault.handoff import seal_handoff
from circle.vault.keyring import FLOOR_KDF
from tests.fuzz.checks import fuzz, is_clean, is_clean_line, raises_only
from tests.fuzz.conftest import new_vault
from tests.fuzz.strategies import edited, json_edits, json_objects, json_values

CODE = "K7QM-2XDA-MPRT-WB4C"


@fuzz(150)
@given(raw=json_values | json_objects.map(lambda value: {**value, "circle_handoff": 1}))
def test_any_json_value_is_a_snapshot_or_refused_as_unreadable(raw: Any) -> None:
    raises_only(HandoffUnreadable, lambda: snapshot_from_json(raw))


@fuzz(150)
@given(edits=json_edits)
def test_a_payload_edited_anywhere_is_refused_as_unreadable_or_read_soundly(handoff_payload, edits) -> None:
    snapshot = raises_only(HandoffUnreadable, lambda: snapshot_from_json(edited(handoff_payload, edits)))
    if snapshot is None:
        return
    # What was read is written back the same way, and read again as the same snapshot.
    assert snapshot_from_json(json.loads(json.dumps(snapshot_to_json(snapshot)))) == snapshot
    # It imports as a new group (unless a time in it cannot be true), and importing it again changes nothing.
    now = datetime.now(UTC)
    plan = raises_only(HandoffOutOfTime, lambda: plan_merge(None, snapshot, now=now))
    if plan is None:
        return
    assert not plan_merge(snapshot, snapshot, now=now).changes_anything
    # Text from another laptop is as clean as text typed here.
    group = snapshot.group
    assert is_clean_line(group.name) and 1 <= len(group.name) <= 120
    assert all(is_clean_line(handle) for handle in snapshot.facilitators.values())
    assert all(member.name is None or is_clean_line(member.name) for member in plan.members)
    assert all(is_clean_line(note.text) for note in plan.notes)
    agreements = group.profile.agreements
    assert all(is_clean(text) for text in (agreements.text, agreements.confidentiality_limits))
    for resource in group.profile.crisis_resources:
        assert is_clean_line(resource.name) and is_clean_line(resource.contact) and is_clean_line(resource.when)
    assert is_clean_line(group.rules.pulse_question)
    # The meeting under way, if any, replays: a co-facilitator can pick it up where it was.
    for meeting in snapshot.meetings:
        replay(meeting.events)


@fuzz(10)
@given(edits=st.just([]) | json_edits)
def test_an_edited_payload_sealed_into_a_real_bundle_imports_or_is_refused_in_one_line(handoff_payload, edits) -> None:
    payload = json.dumps(edited(handoff_payload, edits), ensure_ascii=False).encode()
    bundle = seal_handoff(payload, CODE, kdf=FLOOR_KDF)
    with tempfile.TemporaryDirectory() as home, new_vault(Path(home)) as workspace:
        imported = raises_only(CircleError, lambda: workspace.import_handoff(bundle, CODE))
        if imported is None:
            return
        # The group is there and every part of it opens; a second import finds nothing new.
        group = workspace.group(imported.group_id)
        workspace.members(group.id)
        workspace.notes(group.id)
        workspace.follow_ups()
        if imported.meeting_open:
            workspace.meeting(group.id)
        assert not workspace.import_handoff(bundle, CODE).changed


@fuzz(60)
@given(pulse=st.lists(st.integers(min_value=0, max_value=50), max_size=9))
def test_a_meeting_pulse_is_read_only_as_the_five_counts_a_session_records(handoff_payload, pulse) -> None:
    payload = json.loads(json.dumps(handoff_payload))
    payload["meetings"][0]["pulse"] = pulse
    snapshot = raises_only(HandoffUnreadable, lambda: snapshot_from_json(payload))
    sound = len(pulse) == 5 and sum(pulse) >= 1
    assert (snapshot is not None) == sound


# Where a handoff holds a time, and which kind: a moment (with or without a zone) or a calendar day.
TIME_FIELDS = [
    ("notes", "created_at", "moment"),
    ("notes", "resolved_at", "moment"),
    ("notes", "expires_on", "day"),
    ("meetings", "held_on", "day"),
    ("meetings", "started_at", "moment"),
    ("meetings", "ended_at", "moment"),
    ("events", "at", "moment"),
]
_NEAR = datetime.now().replace(microsecond=0)  # times close to now, where the bounds are
_zones = st.none() | st.just(UTC) | st.timedeltas(min_value=-timedelta(hours=14), max_value=timedelta(hours=14)).map(
    timezone
)
_moments = st.one_of(
    st.datetimes(timezones=_zones),
    st.datetimes(min_value=_NEAR - timedelta(days=400), max_value=_NEAR + timedelta(days=2), timezones=_zones),
).map(datetime.isoformat)
_days = st.one_of(
    st.dates(), st.dates(min_value=_NEAR.date() - timedelta(days=400), max_value=_NEAR.date() + timedelta(days=3))
).map(date.isoformat)
time_edits = st.lists(
    st.tuples(st.sampled_from(TIME_FIELDS), st.integers(min_value=0, max_value=5), st.data()), min_size=1, max_size=3
)


def _with_times(payload: dict[str, Any], edits) -> dict[str, Any]:
    payload = json.loads(json.dumps(payload))
    for (place, key, kind), index, data in edits:
        events = [event for meeting in payload["meetings"] for event in meeting["events"]]
        found = events if place == "events" else payload[place]
        found[index % len(found)][key] = data.draw(_moments if kind == "moment" else _days)
    return payload


@fuzz(25)
@given(edits=time_edits)
def test_any_time_or_date_in_notes_and_meetings_imports_within_the_rules_or_is_refused_in_one_line(
    handoff_payload, edits
) -> None:
    bundle = seal_handoff(json.dumps(_with_times(handoff_payload, edits)).encode(), CODE, kdf=FLOOR_KDF)
    with tempfile.TemporaryDirectory() as home, new_vault(Path(home)) as workspace:
        imported = raises_only((HandoffUnreadable, HandoffOutOfTime), lambda: workspace.import_handoff(bundle, CODE))
        if imported is None:
            assert workspace.groups() == []
            return
        # What came in is within the rules here, and every screen that reads it still works.
        group_id = imported.group_id
        retention = timedelta(days=workspace.group(group_id).rules.notes_retention_days)
        for note in workspace.notes(group_id):
            assert note.expires_on <= note.created_at.astimezone().date() + retention
        workspace.follow_ups()
        workspace.trends([group_id])
        if imported.meeting_open:
            workspace.meeting(group_id)
