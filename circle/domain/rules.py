"""A group's confidentiality rules: its promise to its members, enforced here, below any screen."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from typing import Any

from circle.domain.errors import InvalidInput
from circle.domain.text import first_name, initials, sanitise_line

BRIEF_NOTE_CAP_MAX = 280
# The longest name accepted, once cleaned: longer than any real name, short enough for every screen.
# A pasted page is refused here rather than stored and drawn.
MEMBER_NAME_MAX = 80
# A pulse question is read aloud at the closing: one short line.
PULSE_QUESTION_MAX = 120


class NamesPolicy(StrEnum):
    FIRST_NAME = "first_name"
    INITIALS = "initials"
    HEADCOUNT = "headcount"


class NotesPolicy(StrEnum):
    NONE = "none"
    FLAGS = "flags"
    BRIEF = "brief"


@dataclass(frozen=True)
class ConfidentialityRules:
    names: NamesPolicy = NamesPolicy.FIRST_NAME
    notes: NotesPolicy = NotesPolicy.FLAGS
    brief_note_cap: int = 140
    notes_retention_days: int = 90
    identity_retention_days: int = 365
    room_display_names: bool = False
    small_count_threshold: int = 3
    # The optional anonymous pulse at closing, a show of hands from 1 to 5. Empty: no pulse is taken.
    pulse_question: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.pulse_question, str):
            raise InvalidInput("The pulse question must be text.")
        # Cleaned here, so whatever builds the rules (the editor, a stored file) keeps one clean line.
        object.__setattr__(self, "pulse_question", sanitise_line(self.pulse_question))
        if len(self.pulse_question) > PULSE_QUESTION_MAX:
            raise InvalidInput(f"The pulse question may be at most {PULSE_QUESTION_MAX} characters.")
        # Not 1.5 days, and not true (which Python counts as 1): stored rules hold whole numbers and a flag.
        numbers = (
            self.brief_note_cap, self.notes_retention_days, self.identity_retention_days, self.small_count_threshold
        )
        if any(type(number) is not int for number in numbers) or not isinstance(self.room_display_names, bool):
            raise TypeError("Rules hold whole numbers and a yes or no.")
        if not 1 <= self.brief_note_cap <= BRIEF_NOTE_CAP_MAX:
            raise InvalidInput(f"A brief note may be 1 to {BRIEF_NOTE_CAP_MAX} characters long.")
        if not 1 <= self.notes_retention_days <= 3650:
            raise InvalidInput("Notes may be kept for 1 to 3650 days.")
        if not 1 <= self.identity_retention_days <= 3650:
            raise InvalidInput("Identities may be kept for 1 to 3650 days.")
        if not 1 <= self.small_count_threshold <= 20:
            raise InvalidInput("The small-count threshold must be between 1 and 20.")

    @property
    def keeps_names(self) -> bool:
        return self.names is not NamesPolicy.HEADCOUNT

    @property
    def takes_pulse(self) -> bool:
        return bool(self.pulse_question)

    def name_to_keep(self, typed: str) -> str:
        """The part of a typed name that the rules allow circle to store."""
        name = sanitise_line(typed)
        if not name:
            raise InvalidInput("A name cannot be empty.")
        if self.names is NamesPolicy.HEADCOUNT:
            raise InvalidInput("This group counts heads only; it keeps no names.")
        if len(name) > MEMBER_NAME_MAX:
            raise InvalidInput(f"A name may be at most {MEMBER_NAME_MAX} characters.")
        if self.names is NamesPolicy.INITIALS:
            return initials(name)
        parts = name.split()
        if len(parts) == 1:
            return parts[0]
        # A last initial tells two people with the same first name apart.
        return f"{first_name(name)} {parts[-1][0]}."

    def describe(self) -> list[str]:
        """What each rule means for members, in plain words."""
        names = {
            NamesPolicy.FIRST_NAME: "Members are known by first name (and a last initial if needed).",
            NamesPolicy.INITIALS: "Members are known by their initials only.",
            NamesPolicy.HEADCOUNT: "No names are kept: attendance is a headcount.",
        }[self.names]
        notes = {
            NotesPolicy.NONE: "No notes are kept about anyone.",
            NotesPolicy.FLAGS: "Notes are flags only (follow up, safety action), never words.",
            NotesPolicy.BRIEF: f"Notes may hold one brief line of up to {self.brief_note_cap} characters.",
        }[self.notes]
        display = (
            "The room display may show first names."
            if self.room_display_names
            else "The room display shows no names."
        )
        lines = [
            names,
            notes,
            f"Notes are deleted after {self.notes_retention_days} days.",
            f"People who stop coming are forgotten after {self.identity_retention_days} days;"
            " only counts remain.",
            "Group leads see counts only, never names or notes.",
            f"Counts below {self.small_count_threshold} are shown to leads as '<{self.small_count_threshold}'.",
            display,
            "Members who are absent are never named in a note.",
        ]
        if self.takes_pulse:
            lines.append(
                f"At closing, an anonymous show of hands may be counted for “{self.pulse_question}” (1 to 5);"
                " only the counts are kept, never who raised a hand."
            )
        return lines

    def to_dict(self) -> dict[str, Any]:
        return {key: str(value) if isinstance(value, StrEnum) else value for key, value in asdict(self).items()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ConfidentialityRules:
        try:
            rules = cls()
            known = {key: data[key] for key in data if key in cls.__dataclass_fields__}
            if "names" in known:
                known["names"] = NamesPolicy(known["names"])
            if "notes" in known:
                known["notes"] = NotesPolicy(known["notes"])
            return replace(rules, **known)
        except (ValueError, TypeError) as error:
            raise InvalidInput("The group's rules could not be read.") from error
