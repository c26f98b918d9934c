"""A synthetic demo vault: groups with years of realistic weekly meetings, and nobody real in them.

Each group has a stable core, occasional members, newcomers (some return, most don't)
and the odd cancelled week. The same seed always builds the same history.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from circle.domain.clock import Clock
from circle.domain.group import CrisisResource, Schedule
from circle.domain.meeting_format import MeetingFormat, Phase, PhaseKind, RoundOrderMode
from circle.domain.ids import new_id
from circle.domain.records import AttendanceRecord, MeetingRecord, MeetingStatus, Presence
from circle.domain.roster import RosterEntry
from circle.domain.templates import TEMPLATES
from circle.domain.topics import next_topic
from circle.vault.keyring import KdfParams
from circle.workspace import Workspace

DEMO_PASSPHRASE = "demo"

_FIRST_NAMES = (
    "Alex Amara Ben Bea Cal Cleo Dara Dev Eli Esme Finn Freya Gus Hana Ines Ivo Jo Juno Kai Kit Lee Lina "
    "Mae Milo Nia Noor Omar Ola Pia Priya Quinn Rae Rosa Sam Sana Tam Theo Uma Val Vik Wren Yara Zed Zoe"
).split()
_GROUP_NAMES = (
    "Tuesday Evening Support", "Thursday Crisis Circle", "Monday Morning Check-in", "Riverside Peer Group",
    "Young Adults Circle", "Carers' Evening", "Hearing Voices Group", "Sunday Wellbeing Circle",
    "Northside Support", "Lunchtime Check-in", "Mood Support Group", "Parents' Peer Circle",
    "Recovery Circle", "Anxiety Peer Support", "Westgate Group", "Friday Night Circle",
    "Grief and Loss Circle", "Night Owls Support", "Harbour Peer Group", "Saturday Circle",
)


@dataclass
class _Person:
    id: str
    name: str
    joined_on: date
    attend_rate: float
    leaves_on: date
    newcomer_pending: bool = True


@dataclass
class _History:
    meetings: list[MeetingRecord] = field(default_factory=list)
    attendance: list[AttendanceRecord] = field(default_factory=list)
    people: list[_Person] = field(default_factory=list)


def demo_home(base: Path, groups: int, years: int) -> Path:
    """The default demo lives in `demo`; larger ones get a folder of their own."""
    return base / ("demo" if (groups, years) == (3, 2) else f"demo-{groups}g-{years}y")


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekday_in(name: str, *, default: int) -> int:
    """'Thursday Crisis Circle' meets on Thursdays."""
    first = name.split()[0].lower()
    return _WEEKDAYS.index(first) if first in _WEEKDAYS else default


def _name(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST_NAMES)} {rng.choice('ABCDEFGHJKLMNPRSTW')}"


def _guests_and_pulse(rng: random.Random, present: int, progress: float) -> tuple[int, tuple[int, ...] | None]:
    """Now and then a visitor or two; at most meetings a show of hands, a little more hopeful as time goes on."""
    guests = rng.choices((0, 1, 2), weights=(85, 12, 3))[0]
    if rng.random() < 0.25:
        return guests, None
    hands = [0] * 5
    for _ in range(max(0, present + guests - rng.randint(0, 2))):  # not everyone raises a hand
        hands[min(4, max(0, round(rng.gauss(1.4 + 1.2 * progress, 0.9))))] += 1
    return guests, tuple(hands) if sum(hands) else None


def _simulate(rng: random.Random, group_id: str, start: date, end: date, planned: int) -> _History:
    history = _History()
    # Guests and the pulse from a stream of their own, so that adding them changed no one's attendance.
    extras = random.Random(sum(rng.getstate()[1][:8]))

    def join(on: date, rate: float, stays_days: int) -> _Person:
        person = _Person(new_id(), _name(rng), on, rate, on + timedelta(days=stays_days))
        history.people.append(person)
        return person

    for _ in range(rng.randint(5, 8)):
        join(start, rng.uniform(0.75, 0.95), rng.randint(500, 4000)).newcomer_pending = False
    for _ in range(rng.randint(3, 6)):
        join(start, rng.uniform(0.25, 0.5), rng.randint(200, 2000)).newcomer_pending = False

    day = start
    while day < end:
        meeting_id = new_id()
        if rng.random() < 0.03:
            history.meetings.append(MeetingRecord(meeting_id, group_id, day, MeetingStatus.CANCELLED, planned))
            day += timedelta(days=7)
            continue
        for _ in range(rng.choices((0, 1, 2), weights=(55, 35, 10))[0]):
            # About two in five newcomers come back for a while; the rest come once.
            returns = rng.random() < 0.4
            join(day, rng.uniform(0.4, 0.85) if returns else 0.0, rng.randint(60, 900) if returns else 1)
        roster = [p for p in history.people if p.joined_on <= day < p.leaves_on]
        present = 0
        newcomers = 0
        for person in roster:
            first_time = person.newcomer_pending
            attends = first_time or rng.random() < person.attend_rate
            if attends:
                present += 1
                newcomers += first_time
                person.newcomer_pending = False
            history.attendance.append(
                AttendanceRecord(
                    meeting_id,
                    person.id,
                    Presence.PRESENT if attends else Presence.ABSENT,
                    newcomer=first_time,
                    late=attends and rng.random() < 0.08,
                    left_early=attends and rng.random() < 0.04,
                )
            )
        shared = sum(rng.random() < 0.75 for _ in range(present))
        started = datetime.combine(day, time(19, 0), tzinfo=UTC)
        actual = planned + rng.randint(-8, 12)
        guests, pulse = _guests_and_pulse(extras, present, (day - start) / (end - start))
        history.meetings.append(
            MeetingRecord(
                meeting_id, group_id, day, MeetingStatus.CLOSED, planned,
                started_at=started, ended_at=started + timedelta(minutes=actual), actual_minutes=actual,
                headcount=present + guests, newcomers=newcomers, shared_turns=shared, passed_turns=present - shared,
                pulse=pulse, guests=guests,
            )
        )
        day += timedelta(days=7)
    return history


# One demo group runs a format of its own, with a reading of the week rotated from its list.
_OWN_FORMAT_GROUP = 2
_READINGS = (
    "Progress, not perfection",
    "Asking for help is a strength",
    "One day at a time",
    "Rest is not a reward",
    "Boundaries are a kindness",
    "Small steps still count",
)


def _own_format(fmt: MeetingFormat) -> MeetingFormat:
    """Opening, a reading, check-in, a part of the group's own, closing: what `make demo` shows of formats."""
    phases = (
        Phase(PhaseKind.OPENING, 5),
        Phase(PhaseKind.READING, 5, "Reading of the week"),
        Phase(PhaseKind.CHECK_IN, 12, turn_minutes=1.5),
        Phase(PhaseKind.OWN, 5, "One small step"),
        Phase(PhaseKind.CLOSING, 5),
    )
    return replace(
        fmt,
        phases=phases,
        round_order=RoundOrderMode.RANDOM,
        check_in_prompt="Check-in round: what the reading brought up for you, or how your week has been.",
        closing_prompt="Closing round: one small step you will take before we meet again.",
        topics=_READINGS,
    )


def _with_readings(meetings: list[MeetingRecord]) -> list[MeetingRecord]:
    """The history's meetings held, each with the reading it took in turn, so the next one goes on from there."""
    taken: list[str] = []
    read = []
    for meeting in meetings:
        if meeting.status is MeetingStatus.CLOSED:
            meeting = replace(meeting, topic=next_topic(_READINGS, taken))
            taken.append(meeting.topic)
        read.append(meeting)
    return read


def _demo_contacts(resources: tuple[CrisisResource, ...]) -> tuple[CrisisResource, ...]:
    """Fictional numbers (555-01xx is kept for fiction) where the templates leave placeholders: a demo
    group's card is filled in, as a real group's should be, and no meeting of it warns about placeholders."""
    return tuple(
        replace(resource, contact=f"Demo only: 555-01{index:02d}") if resource.is_placeholder else resource
        for index, resource in enumerate(resources)
    )


def build_demo(
    home: Path,
    *,
    groups: int = 3,
    years: int = 2,
    kdf: KdfParams | None = None,
    seed: int = 7,
    clock: Clock | None = None,
) -> None:
    """Create the demo vault under `home`, once. An existing demo is left as it is."""
    with Workspace.open(home, clock=clock) as workspace:
        if not workspace.is_new:
            return
        workspace.create_facilitator("Demo facilitator", DEMO_PASSPHRASE, kdf=kdf)
        rng = random.Random(seed)
        today = workspace.clock.now().date()
        templates = list(TEMPLATES)
        for index in range(groups):
            name = _GROUP_NAMES[index % len(_GROUP_NAMES)]
            if index >= len(_GROUP_NAMES):
                name = f"{name} {index // len(_GROUP_NAMES) + 1}"
            group = workspace.create_group(name, templates[index % len(templates)])
            weekday = _weekday_in(name, default=index % 7)
            profile = replace(
                group.profile, schedule=Schedule(weekday), crisis_resources=_demo_contacts(group.profile.crisis_resources)
            )
            group = workspace.save_group(replace(group, profile=profile))
            first = today - timedelta(days=365 * years)
            first += timedelta(days=(weekday - first.weekday()) % 7)
            history = _simulate(rng, group.id, first, today, group.profile.format.planned_minutes)
            if index == _OWN_FORMAT_GROUP:
                group = workspace.save_group(
                    replace(group, profile=replace(group.profile, format=_own_format(group.profile.format)))
                )
                history.meetings = _with_readings(history.meetings)
            if group.rules.keeps_names:
                members = workspace.add_members(
                    group.id, [RosterEntry(p.name, p.joined_on) for p in history.people]
                )
                ids = {person.id: member.id for person, member in zip(history.people, members, strict=True)}
                history.attendance = [replace(row, member_id=ids[row.member_id]) for row in history.attendance]
            else:
                history.attendance = []
            workspace.record_meetings(group.id, history.meetings, history.attendance)
        workspace.trend_histories([group.id for group in workspace.groups()])  # as their meetings' closes leave them
        workspace.mark_as_demo()
