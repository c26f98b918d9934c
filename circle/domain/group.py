"""Groups, their meeting format, agreements, crisis resources and members."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from circle.domain.errors import InvalidInput
from circle.domain.rules import ConfidentialityRules
from circle.domain.schedule import Schedule
from circle.domain.text import sanitise, sanitise_line
from circle.domain.titled import TitledEnum


class PhaseKind(TitledEnum):
    OPENING = "opening", "Opening"
    CHECK_IN = "check_in", "Check-in"
    SHARING = "sharing", "Sharing"
    BREAK = "break", "Break"
    CLOSING = "closing", "Closing"


@dataclass(frozen=True)
class Phase:
    kind: PhaseKind
    minutes: int

    def __post_init__(self) -> None:
        if not 1 <= self.minutes <= 240:
            raise InvalidInput("A phase lasts 1 to 240 minutes.")


@dataclass(frozen=True)
class MeetingFormat:
    phases: tuple[Phase, ...]
    check_in_turn_minutes: float = 1.5
    sharing_turn_minutes: float = 5.0

    def __post_init__(self) -> None:
        if not self.phases:
            raise InvalidInput("A meeting needs at least one phase.")
        for turn in (self.check_in_turn_minutes, self.sharing_turn_minutes):
            if not 0.5 <= turn <= 30:
                raise InvalidInput("A turn lasts 0.5 to 30 minutes.")

    @property
    def planned_minutes(self) -> int:
        return sum(phase.minutes for phase in self.phases)

    def describe(self) -> str:
        """'Opening 10 · Check-in 15 · Sharing 45 · Closing 10 (80 min)'"""
        parts = " · ".join(f"{phase.kind.title} {phase.minutes}" for phase in self.phases)
        return f"{parts} ({self.planned_minutes} min)"


@dataclass(frozen=True)
class Agreements:
    """What is read aloud at the opening."""

    text: str
    confidentiality_limits: str
    mandated_reporter: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", sanitise(self.text).strip())
        object.__setattr__(self, "confidentiality_limits", sanitise(self.confidentiality_limits).strip())
        object.__setattr__(self, "mandated_reporter", sanitise(self.mandated_reporter).strip())


@dataclass(frozen=True)
class CrisisResource:
    name: str
    contact: str
    when: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", sanitise_line(self.name))
        object.__setattr__(self, "contact", sanitise_line(self.contact))
        object.__setattr__(self, "when", sanitise_line(self.when))
        if not self.name or not self.contact:
            raise InvalidInput("A crisis resource needs a name and a way to reach it.")


@dataclass(frozen=True)
class GroupProfile:
    """Everything about a group that facilitators edit, sealed together in the vault."""

    format: MeetingFormat
    agreements: Agreements
    crisis_resources: tuple[CrisisResource, ...] = ()
    schedule: Schedule = field(default_factory=Schedule)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": {
                "phases": [{"kind": str(p.kind), "minutes": p.minutes} for p in self.format.phases],
                "check_in_turn_minutes": self.format.check_in_turn_minutes,
                "sharing_turn_minutes": self.format.sharing_turn_minutes,
            },
            "agreements": {
                "text": self.agreements.text,
                "confidentiality_limits": self.agreements.confidentiality_limits,
                "mandated_reporter": self.agreements.mandated_reporter,
            },
            "crisis_resources": [
                {"name": r.name, "contact": r.contact, "when": r.when} for r in self.crisis_resources
            ],
            "schedule": self.schedule.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GroupProfile:
        try:
            fmt = data["format"]
            return cls(
                format=MeetingFormat(
                    phases=tuple(Phase(PhaseKind(p["kind"]), int(p["minutes"])) for p in fmt["phases"]),
                    check_in_turn_minutes=float(fmt["check_in_turn_minutes"]),
                    sharing_turn_minutes=float(fmt["sharing_turn_minutes"]),
                ),
                agreements=Agreements(**data["agreements"]),
                crisis_resources=tuple(CrisisResource(**r) for r in data.get("crisis_resources", [])),
                schedule=Schedule.from_dict(data.get("schedule", {})),
            )
        # OverflowError: a number JSON can hold and Python cannot turn into one, such as 1e999 minutes.
        except (KeyError, ValueError, TypeError, OverflowError) as error:
            raise InvalidInput("The group's settings could not be read.") from error


@dataclass(frozen=True)
class Group:
    id: str
    name: str
    profile: GroupProfile
    rules: ConfidentialityRules = field(default_factory=ConfidentialityRules)


@dataclass(frozen=True)
class Member:
    """`tag` tells this member apart from others of the same name (see domain/names_apart.py); `retired`: no
    longer coming, kept for their past attendance and not offered at new meetings."""

    id: str
    name: str
    joined_on: date | None = None
    retired: bool = False
    tag: str = ""

    @property
    def shown(self) -> str:
        """The name as every screen and list shows it: 'Jo F. (Mar 2025)' when another Jo F. is kept."""
        return f"{self.name} ({self.tag})" if self.tag else self.name


def group_name(typed: str) -> str:
    name = sanitise_line(typed)
    if not name:
        raise InvalidInput("A group needs a name.")
    if len(name) > 120:
        raise InvalidInput("A group name may be at most 120 characters.")
    return name
