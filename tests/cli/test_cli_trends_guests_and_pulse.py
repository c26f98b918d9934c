"""`circle trends` shows guests and the pulse per period, from the meetings' counts alone."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from circle.domain.records import AttendanceRecord, MeetingRecord, MeetingStatus, Presence
from circle.domain.rules import NamesPolicy
from tests.cli.test_cli import ok
from tests.conftest import unlocked_workspace

# Two January meetings: 1 + 2 guests, and pulses whose hands add up to [0, 1, 2, 3, 1] (7 hands, mean 25/7).
JANUARY = (
    MeetingRecord("m-1", "", date(2025, 1, 7), MeetingStatus.CLOSED, 90, headcount=5, guests=1, pulse=(0, 0, 1, 2, 1)),
    MeetingRecord("m-2", "", date(2025, 1, 14), MeetingStatus.CLOSED, 90, headcount=4, guests=2, pulse=(0, 1, 1, 1, 0)),
    MeetingRecord("m-3", "", date(2025, 2, 4), MeetingStatus.CLOSED, 90, headcount=3),
)


@pytest.fixture
def home(vault_home: Path) -> Path:
    with unlocked_workspace(vault_home) as workspace:
        group = workspace.create_group("Tuesday")
        member = workspace.add_member(group.id, "Ada Lovelace")
        attendance = [AttendanceRecord(each.id, member.id, Presence.PRESENT) for each in JANUARY]
        workspace.record_meetings(group.id, [replace(each, group_id=group.id) for each in JANUARY], attendance)
        heads = workspace.create_group("Heads")
        workspace.change_rules(heads.id, replace(heads.rules, names=NamesPolicy.HEADCOUNT))
        workspace.record_meetings(heads.id, [MeetingRecord(
            "h-1", heads.id, date(2025, 1, 9), MeetingStatus.CLOSED, 60, headcount=6)], [])
    return vault_home


def test_the_csv_has_guests_and_the_pulse_as_a_mean_of_so_many_hands_per_period(run_circle, home: Path):
    rows = list(csv.DictReader(io.StringIO(ok(run_circle("trends", "--group", "Tuesday", "--format", "csv", home=home)))))
    assert [(row["period"], row["guests"], row["pulse_mean"], row["pulse_answered"]) for row in rows] == [
        ("2025-01", "3", "3.5714", "7"),
        ("2025-02", "0", "", ""),  # no pulse taken: unknown, never 0
    ]


def test_the_json_keeps_the_pulses_hands_for_each_answer(run_circle, home: Path):
    document = json.loads(ok(run_circle("trends", "--group", "Tuesday", "--format", "json", home=home)))
    january, february = document["groups"][0]["periods"]
    assert january["pulse"] == [0, 1, 2, 3, 1] and january["pulse_answered"] == 7
    assert february["pulse"] is None and february["pulse_mean"] is None


def test_a_group_that_counts_heads_has_its_guests_in_them_so_its_guests_are_unknown(run_circle, home: Path):
    rows = list(csv.DictReader(io.StringIO(ok(run_circle("trends", "--group", "Heads", "--format", "csv", home=home)))))
    assert [(row["mean_attendance"], row["guests"]) for row in rows] == [("6", "")]


def test_the_table_titles_the_new_columns_plainly(run_circle, home: Path):
    table = ok(run_circle("trends", "--group", "Tuesday", home=home))
    header = table.splitlines()[1]
    assert header.split()[-3:] == ["guests", "pulse", "answered"]
    assert "3.6" in table.splitlines()[3]
