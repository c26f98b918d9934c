"""Groups, their meeting format, agreements, crisis resources and members.

The format itself lives in meeting_format.py; its names are re-exported here for the many that import them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from circle.domain.errors import InvalidInput
from circle.domain.meeting_format import MeetingFormat
# Re-exported: the format was part of this module, and many places import its names from here.
from circle.domain.meeting_format import Phase as Phase
from circle.domain.meeting_format import PhaseKind as PhaseKind
from circle.domain.meeting_format import RoundOrderMode as RoundOrderMode
from circle.domain.rules import ConfidentialityRules
from circle.domain.schedule import Schedule
from circle.domain.text import sanitise, sanitise_line
from circle.language import ENGLISH, LANGUAGES, N_, Words, _, words_for


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


# The templates' stand-ins for a real contact. A facilitator who keeps one has not set a number yet.
LOCAL_NUMBER_PLACEHOLDER = N_("Add your local number")
EMERGENCY_NUMBER_PLACEHOLDER = N_("Your local emergency number")


@cache
def _placeholder_contacts() -> frozenset[str]:
    """The stand-ins in each language a group may meet in. Worked out when first asked for (as a meeting opens,
    or the crisis resources show), not on import: it loads every language's catalog, which a facilitator who
    speaks one language to groups that meet in it would otherwise carry for as long as circle runs."""
    return frozenset(
        words_for(code).gettext(text).casefold()
        for code in LANGUAGES
        for text in (LOCAL_NUMBER_PLACEHOLDER, EMERGENCY_NUMBER_PLACEHOLDER)
    )


@dataclass(frozen=True)
class CrisisResource:
    name: str
    contact: str
    when: str = ""

    @property
    def is_placeholder(self) -> bool:
        """Still the template's words where a number should be, however it was spaced or capitalised."""
        return " ".join(self.contact.split()).rstrip(".").casefold() in _placeholder_contacts()

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", sanitise_line(self.name))
        object.__setattr__(self, "contact", sanitise_line(self.contact))
        object.__setattr__(self, "when", sanitise_line(self.when))
        if not self.name or not self.contact:
            raise InvalidInput(_("A crisis resource needs a name and a way to reach it."))


# A language's code as a newer circle may write one ("fr", "pt-BR"): kept as it is, so this circle does not change a
# group it cannot speak for; anything else a crafted profile holds reads as English.
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?")


def language_code(value: object) -> str:
    """`value` if it is shaped like a language's code, else English; never an error."""
    if isinstance(value, str) and _LANGUAGE_CODE.fullmatch(value):
        return value
    return ENGLISH


def has_placeholders(resources: tuple[CrisisResource, ...]) -> bool:
    return any(resource.is_placeholder for resource in resources)


@dataclass(frozen=True)
class GroupProfile:
    """Everything about a group that facilitators edit, sealed together in the vault."""

    format: MeetingFormat
    agreements: Agreements
    crisis_resources: tuple[CrisisResource, ...] = ()
    schedule: Schedule = field(default_factory=Schedule)
    # The language the group meets in: what the room display, the pacer and its templates speak. The facilitator's
    # own language may differ.
    language: str = ENGLISH

    def __post_init__(self) -> None:
        object.__setattr__(self, "language", language_code(self.language))

    @property
    def words(self) -> Words:
        """The group's words; a language this circle has no catalog for is spoken in English."""
        return words_for(self.language)

    def to_dict(self) -> dict[str, Any]:
        # Written only when not English, so that an English group's profile reads as before this release.
        language = {} if self.language == ENGLISH else {"language": self.language}
        return {
            **language,
            "format": self.format.to_dict(),
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
            return cls(
                format=MeetingFormat.from_dict(data["format"]),
                agreements=Agreements(**data["agreements"]),
                crisis_resources=tuple(CrisisResource(**r) for r in data.get("crisis_resources", [])),
                schedule=Schedule.from_dict(data.get("schedule", {})),
                language=language_code(data.get("language", ENGLISH)),  # absent from an older profile: English
            )
        # OverflowError: a number JSON can hold and Python cannot turn into one, such as 1e999 minutes.
        except (KeyError, ValueError, TypeError, OverflowError) as error:
            raise InvalidInput(_("The group's settings could not be read.")) from error


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
        raise InvalidInput(_("A group needs a name."))
    if len(name) > 120:
        raise InvalidInput(_("A group name may be at most 120 characters."))
    return name
