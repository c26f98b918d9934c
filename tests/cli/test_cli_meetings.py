"""`circle meeting list | cancel | discard`, run as scripts run them, on a vault with a meeting held."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from circle.domain.clock import FakeClock
from circle.domain.roster import RosterEntry
from circle.domain.session import AddGuest, Arrive
from tests.cli.test_cli import ok, one_line_error
from tests.conftest import unlocked_workspace

HELD_ON = "2026-03-02"


@pytest.fixture
def home(vault_home: Path) -> Path:
    """Tuesday, with Ada and Bo, who both came to the meeting of 2 March 2026."""
    with unlocked_workspace(vault_home, FakeClock(datetime(2026, 3, 2, 19, 0, tzinfo=UTC))) as vault:
        group = vault.create_group("Tuesday", "support-90")
        members = vault.add_members(group.id, [RosterEntry("Ada", None), RosterEntry("Bo", None)])
        meeting = vault.meeting(group.id)
        for member in members:
            meeting.do(Arrive(member.id))
        meeting.close()
    return vault_home


def listed(run_circle, home: Path, *options: str) -> list[list[str]]:
    return [line.split("\t") for line in ok(run_circle("meeting", "list", "Tuesday", *options, home=home)).splitlines()]


def test_the_list_shows_each_meeting_with_its_date_status_headcount_and_guests(run_circle, home):
    assert listed(run_circle, home) == [[HELD_ON, "held", "2", "0", ""]]


def test_a_cancelled_date_is_listed_as_cancelled_with_its_reason(run_circle, home):
    said = ok(run_circle("meeting", "cancel", "Tuesday", "--date", "2026-03-09", "--reason", "holiday", home=home))
    assert "Mon 09 Mar 2026 is cancelled (holiday)" in said
    assert listed(run_circle, home) == [[HELD_ON, "held", "2", "0", ""], ["2026-03-09", "cancelled", "-", "-", "holiday"]]


def test_trends_count_a_cancelled_date_as_cancelled_and_not_as_a_meeting_held(run_circle, home):
    ok(run_circle("meeting", "cancel", "Tuesday", "--date", "2026-03-04", "--reason", "venue", home=home))
    header, row = ok(run_circle("trends", "--format", "csv", "--since", "2026-03-01", home=home)).splitlines()
    week = dict(zip(header.split(","), row.split(","), strict=True))
    assert (week["held"], week["cancelled"], week["mean_attendance"]) == ("1", "1", "2")


def test_a_cancellation_without_a_reason_gives_other(run_circle, home):
    ok(run_circle("meeting", "cancel", "Tuesday", "--date", "2026-02-23", home=home))
    assert listed(run_circle, home)[0] == ["2026-02-23", "cancelled", "-", "-", "other reason"]


def test_the_list_keeps_to_since_and_until(run_circle, home):
    ok(run_circle("meeting", "cancel", "Tuesday", "--date", "2026-03-09", home=home))
    ok(run_circle("meeting", "cancel", "Tuesday", "--date", "2026-03-16", home=home))
    assert [row[0] for row in listed(run_circle, home, "--since", "2026-03-03", "--until", "2026-03-10")] == [
        "2026-03-09"
    ]


def test_a_date_that_already_has_a_meeting_is_not_cancelled(run_circle, home):
    refused = run_circle("meeting", "cancel", "Tuesday", "--date", HELD_ON, home=home)
    assert "already has a meeting" in one_line_error(refused)
    assert listed(run_circle, home) == [[HELD_ON, "held", "2", "0", ""]]


def test_a_date_already_cancelled_is_not_cancelled_again(run_circle, home):
    ok(run_circle("meeting", "cancel", "Tuesday", "--date", "2026-03-09", home=home))
    refused = run_circle("meeting", "cancel", "Tuesday", "--date", "2026-03-09", "--reason", "venue", home=home)
    assert "already cancelled" in one_line_error(refused)


def test_a_discarded_meeting_is_gone_from_the_list_and_from_trends(run_circle, home):
    said = ok(run_circle("meeting", "discard", "Tuesday", "--date", HELD_ON, "--yes", home=home))
    assert "Discarded" in said
    assert listed(run_circle, home) == []
    trends = run_circle("trends", "--format", "csv", "--since", "2026-03-01", home=home)
    assert "no meetings in this range" in one_line_error(trends)


def test_a_date_with_no_meeting_has_nothing_to_discard(run_circle, home):
    refused = run_circle("meeting", "discard", "Tuesday", "--date", "2026-03-03", "--yes", home=home)
    assert "no meeting on that date" in one_line_error(refused)


def test_a_script_must_say_yes_to_discard(run_circle, home):
    refused = run_circle("meeting", "discard", "Tuesday", "--date", HELD_ON, home=home)
    assert "--yes" in one_line_error(refused)
    assert listed(run_circle, home) == [[HELD_ON, "held", "2", "0", ""]]


@pytest.mark.parametrize(
    "command",
    [
        ["list", "Nowhere"],
        ["cancel", "Nowhere", "--date", "2026-03-09"],
        ["discard", "Nowhere", "--date", HELD_ON, "--yes"],
    ],
)
def test_an_unknown_group_is_one_line(run_circle, home, command):
    assert "No group by that name" in one_line_error(run_circle("meeting", *command, home=home))


@pytest.mark.parametrize(
    "command",
    [
        ["list", "Tuesday", "--since", "2 March"],
        ["cancel", "Tuesday", "--date", "2026-02-30"],
        ["discard", "Tuesday", "--date", "20260302", "--yes"],
    ],
)
def test_a_bad_date_is_one_line_and_changes_nothing(run_circle, home, command):
    assert "YYYY-MM-DD" in one_line_error(run_circle("meeting", *command, home=home))
    assert listed(run_circle, home) == [[HELD_ON, "held", "2", "0", ""]]


def test_the_list_shows_the_guests_counted_beside_the_roster(run_circle, vault_home: Path):
    with unlocked_workspace(vault_home, FakeClock(datetime(2026, 3, 2, 19, 0, tzinfo=UTC))) as vault:
        group = vault.create_group("Tuesday", "support-90")
        [ada] = vault.add_members(group.id, [RosterEntry("Ada", None)])
        meeting = vault.meeting(group.id)
        meeting.do(Arrive(ada.id))
        meeting.do(AddGuest())
        meeting.do(AddGuest())
        meeting.close()
    assert listed(run_circle, vault_home) == [[HELD_ON, "held", "3", "2", ""]]
