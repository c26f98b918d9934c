"""A format written as TOML reads back as the same format and schedule into any group, which keeps its own
agreements and crisis resources; a refusal names the file and the line."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, reject
from hypothesis import strategies as st

from circle.domain.errors import InvalidInput
from circle.domain.format_file import (
    FormatFileRefused,
    format_from_toml,
    format_to_toml,
)
from circle.domain.group import MeetingFormat, Phase, PhaseKind, RoundOrderMode
from circle.domain.meeting_format import MAX_PARTS, ROUND_KINDS
from circle.domain.schedule import WEEKS_OF_MONTH, Repeat, Schedule
from circle.domain.templates import template

OTHER = template("crisis-60").profile


@st.composite
def schedules(draw: st.DrawFn) -> Schedule:
    weekday = draw(st.none() | st.integers(0, 6))
    repeat = draw(st.sampled_from(Repeat))
    anchor = draw(st.dates(date(2000, 1, 1), date(2100, 1, 1)))
    if weekday is not None:
        anchor += timedelta(days=(weekday - anchor.weekday()) % 7)
    start = f"{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}"
    return Schedule(weekday, start, repeat, draw(st.sampled_from(WEEKS_OF_MONTH)),
                    anchor if repeat is Repeat.EVERY_OTHER_WEEK else None)


TURNS = st.integers(1, 60).map(lambda halves: halves / 2)
# Any text at all, quotes, backslashes, controls and escapes included: the model keeps what it keeps of it.
WORDS = st.text(st.characters(exclude_categories=["Cs"]), max_size=60)


@st.composite
def parts(draw: st.DrawFn) -> Phase:
    kind = draw(st.sampled_from(PhaseKind))
    turn = draw(st.none() | TURNS) if kind in ROUND_KINDS else None
    try:
        return Phase(kind, draw(st.integers(1, 240)), draw(WORDS), turn)
    except InvalidInput:
        reject()


@st.composite
def formats(draw: st.DrawFn) -> MeetingFormat:
    try:
        return MeetingFormat(
            tuple(draw(st.lists(parts(), min_size=1, max_size=MAX_PARTS))), draw(TURNS), draw(TURNS),
            draw(st.sampled_from(RoundOrderMode)), draw(WORDS), draw(WORDS), tuple(draw(st.lists(WORDS, max_size=8))),
        )
    except InvalidInput:
        reject()


@given(formats(), schedules())
def test_a_format_read_back_from_its_file_is_the_same_and_the_group_keeps_its_own_agreements(meeting, schedule):
    shared = replace(template("support-90").profile, format=meeting, schedule=schedule)
    taken = format_from_toml(format_to_toml(shared), OTHER, file_name="format.toml")
    assert (taken.format, taken.schedule) == (shared.format, shared.schedule)
    assert (taken.agreements, taken.crisis_resources) == (OTHER.agreements, OTHER.crisis_resources)


def test_a_refusal_names_the_file_and_the_line_of_the_key_refused():
    text = format_to_toml(OTHER).replace('start = "19:00"', 'start = "7pm"')
    line = text.splitlines().index('start = "7pm"') + 1
    with pytest.raises(FormatFileRefused) as refused:
        format_from_toml(text, OTHER, file_name="shared.toml")
    assert str(refused.value) == f"shared.toml line {line}: the start time should look like 19:00; nothing was imported."


def test_an_every_other_week_schedule_without_its_date_is_refused_at_its_table():
    text = format_to_toml(replace(OTHER, schedule=Schedule(weekday=1))).replace('repeat = "weekly"', 'repeat = "every_other_week"')
    with pytest.raises(FormatFileRefused, match="needs one date the group meets"):
        format_from_toml(text, OTHER, file_name="f.toml")


def test_a_file_without_parts_is_refused():
    with pytest.raises(FormatFileRefused, match="f.toml: a format needs its parts"):
        format_from_toml("version = 1\n", OTHER, file_name="f.toml")


def test_a_format_imported_then_exported_again_is_the_same_file():
    text = format_to_toml(OTHER)
    assert format_to_toml(format_from_toml(text, template("support-90").profile, file_name="f")) == text


def test_a_part_without_its_minutes_is_refused_at_its_header_saying_what_is_missing():
    text = format_to_toml(OTHER).replace("minutes = 10\n", "", 1)
    lines = format_to_toml(OTHER).splitlines()
    cut = lines.index("minutes = 10")
    header = max(number for number, line in enumerate(lines[:cut], 1) if line == "[[part]]")
    with pytest.raises(FormatFileRefused) as refused:
        format_from_toml(text, OTHER, file_name="f.toml")
    assert str(refused.value) == f"f.toml line {header}: minutes is missing; nothing was imported."


def test_a_file_saved_with_a_byte_order_mark_reads_as_without_one():
    text = format_to_toml(OTHER)
    assert format_from_toml("\ufeff" + text, template("support-90").profile, file_name="f").format == OTHER.format


@pytest.mark.parametrize(
    "text, why",
    [
        ("version = 1\n" + "a." * 30_000 + "b = 1\n", "line 2: a line longer than 4096 characters"),
        ("version = 1\n" + "a." * 20 + "b = 1\n", "line 2: a key of more parts than any circle writes"),
        ("version = 1\nx = " + "[" * 2000 + "]" * 2000 + "\n", "a value nested too deep to read"),
        ("version = 1\nx = " + "9" * 4400 + "\n", "line 2: a line longer than 4096 characters"),
        ("version = " + "9" * 300 + "\n", "a version that circle cannot read"),
    ],
    ids=["a long dotted key", "a key of many parts", "arrays nested deep", "a huge number", "a huge version"],
)
def test_a_file_made_to_wear_out_the_reader_is_refused_at_once_in_one_short_line(text, why):
    with pytest.raises(FormatFileRefused, match=why) as refused:
        format_from_toml(text, OTHER, file_name="f.toml")
    assert len(str(refused.value)) < 200
