"""A group's own meeting: its parts in order, how rounds go, the words that open them, and the topics it rotates."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from circle.domain.errors import InvalidInput
from circle.domain.text import sanitise, sanitise_line
from circle.domain.titled import TitledEnum
from circle.language import N_, _

# Words in a language: the facilitator's `_`, or a group's `Words.gettext` for what the room sees.
Translate = Callable[[str], str]


def _keep(message: str) -> str:
    return message


class PhaseKind(TitledEnum):
    # Titles in English, marked for the catalog: `Phase.name_in` gives them in a language.
    OPENING = "opening", N_("Opening")
    GROUNDING = "grounding", N_("Grounding")
    READING = "reading", N_("Reading")
    CHECK_IN = "check_in", N_("Check-in")
    SHARING = "sharing", N_("Sharing")
    BREAK = "break", N_("Break")
    CLOSING = "closing", N_("Closing")
    OWN = "own", N_("Own part")  # a part of the group's own, under the name it gives it


# The parts where people take turns; each has a time box for one turn.
ROUND_KINDS = frozenset({PhaseKind.CHECK_IN, PhaseKind.SHARING, PhaseKind.CLOSING})


class RoundOrderMode(StrEnum):
    """How a round's speaking order is set when check-in or closing starts."""

    ROSTER = "roster"  # as the people here are listed
    RANDOM = "random"  # shuffled by the caller, so that deciding stays deterministic
    VOLUNTEERS = "volunteers"  # nobody is lined up: whoever is ready speaks next


MAX_PARTS = 24
MAX_TITLE = 40
MAX_PROMPT = 300
MAX_TOPICS = 100
MAX_TOPIC = 200
MIN_TURN_MINUTES, MAX_TURN_MINUTES = 0.5, 30

DEFAULT_CHECK_IN_PROMPT = "Check-in round: your name, if you like, and how you are arriving today."
DEFAULT_CLOSING_PROMPT = "Closing round: one word, or one thing you take with you."


def _turn_minutes(value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidInput(_("A turn is a number of minutes."))
    if not MIN_TURN_MINUTES <= value <= MAX_TURN_MINUTES:
        raise InvalidInput(_("A turn lasts 0.5 to 30 minutes."))
    return float(value)


def _short_line(text: str, most: int, too_long: str) -> str:
    """`too_long`: the whole sentence, marked with N_, saying what may be at most {most} characters."""
    line = sanitise_line(text)
    if len(line) > most:
        raise InvalidInput(_(too_long).format(most=most))
    return line


@dataclass(frozen=True)
class Phase:
    """One part of the meeting: what kind, how many minutes, and optionally its own name and turn length.

    `title` names a part of the group's own (required for OWN) or tells two parts of a kind apart
    ("Sharing after the break"). `turn_minutes` is the time box of one turn in a round part; None takes the
    format's default for its kind.
    """

    kind: PhaseKind
    minutes: int
    title: str = ""
    turn_minutes: float | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", PhaseKind(self.kind))
        if isinstance(self.minutes, bool) or not isinstance(self.minutes, int) or not 1 <= self.minutes <= 240:
            raise InvalidInput(_("A part lasts 1 to 240 minutes."))
        too_long = N_("A part's name may be at most {most} characters.")
        object.__setattr__(self, "title", _short_line(self.title, MAX_TITLE, too_long))
        if self.kind is PhaseKind.OWN and not self.title:
            raise InvalidInput(_("A part of the group's own needs a name."))
        if self.turn_minutes is not None:
            if self.kind not in ROUND_KINDS:
                raise InvalidInput(
                    _("Only check-in, sharing and closing have turns, not {part}.").format(
                        part=_(self.kind.title).lower()
                    )
                )
            object.__setattr__(self, "turn_minutes", _turn_minutes(self.turn_minutes))

    @property
    def shown_title(self) -> str:
        """The name people see, in English: its own, else its kind's."""
        return self.name_in()

    def name_in(self, translate: Translate = _keep) -> str:
        """The name people see: its own as the group wrote it, else its kind's in `translate`'s language."""
        return self.title or translate(self.kind.title)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": str(self.kind), "minutes": self.minutes}
        if self.title:
            data["title"] = self.title
        if self.turn_minutes is not None:
            data["turn_minutes"] = self.turn_minutes
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Phase:
        return cls(PhaseKind(data["kind"]), data["minutes"], data.get("title", ""), data.get("turn_minutes"))


@dataclass(frozen=True)
class MeetingFormat:
    """The parts in order, the default turn lengths, how rounds are ordered, the prompts and the topics."""

    phases: tuple[Phase, ...]
    check_in_turn_minutes: float = 1.5  # check-in and closing turns, unless a part says otherwise
    sharing_turn_minutes: float = 5.0
    round_order: RoundOrderMode = RoundOrderMode.ROSTER
    check_in_prompt: str = DEFAULT_CHECK_IN_PROMPT
    closing_prompt: str = DEFAULT_CLOSING_PROMPT
    topics: tuple[str, ...] = ()  # readings or topics; one is chosen for each meeting

    def __post_init__(self) -> None:
        if not self.phases:
            raise InvalidInput(_("A meeting needs at least one part."))
        if len(self.phases) > MAX_PARTS:
            raise InvalidInput(_("A meeting has at most {most} parts.").format(most=MAX_PARTS))
        object.__setattr__(self, "phases", tuple(self.phases))
        object.__setattr__(self, "check_in_turn_minutes", _turn_minutes(self.check_in_turn_minutes))
        object.__setattr__(self, "sharing_turn_minutes", _turn_minutes(self.sharing_turn_minutes))
        object.__setattr__(self, "round_order", RoundOrderMode(self.round_order))
        for name, not_text, too_long in (
            ("check_in_prompt", N_("The check-in prompt is text."),
             N_("The check-in prompt may be at most {most} characters.")),
            ("closing_prompt", N_("The closing prompt is text."),
             N_("The closing prompt may be at most {most} characters.")),
        ):
            if not isinstance(getattr(self, name), str):
                raise InvalidInput(_(not_text))
            prompt = sanitise(getattr(self, name)).strip()
            if len(prompt) > MAX_PROMPT:
                raise InvalidInput(_(too_long).format(most=MAX_PROMPT))
            object.__setattr__(self, name, prompt)
        too_long = N_("A topic may be at most {most} characters.")
        topics = tuple(_short_line(topic, MAX_TOPIC, too_long) for topic in self.topics)
        topics = tuple(topic for topic in topics if topic)
        if len(topics) > MAX_TOPICS:
            raise InvalidInput(_("A group keeps at most {most} topics.").format(most=MAX_TOPICS))
        if len({topic.casefold() for topic in topics}) != len(topics):
            raise InvalidInput(_("A topic is listed twice."))
        object.__setattr__(self, "topics", topics)

    def turn_minutes(self, phase: Phase) -> float | None:
        """The time box of one turn in `phase`: its own, else the format's default for its kind (None: no turns)."""
        if phase.kind not in ROUND_KINDS:
            return None
        if phase.turn_minutes is not None:
            return phase.turn_minutes
        return self.sharing_turn_minutes if phase.kind is PhaseKind.SHARING else self.check_in_turn_minutes

    @property
    def planned_minutes(self) -> int:
        return sum(phase.minutes for phase in self.phases)

    def describe(self, translate: Translate = _keep) -> str:
        """'Opening 10 · Check-in 15 · Sharing 45 · Closing 10 (80 min)', in English unless given a `translate`."""
        parts = " · ".join(f"{phase.name_in(translate)} {phase.minutes}" for phase in self.phases)
        return translate(N_("{parts} ({minutes} min)")).format(parts=parts, minutes=self.planned_minutes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "phases": [phase.to_dict() for phase in self.phases],
            "check_in_turn_minutes": self.check_in_turn_minutes,
            "sharing_turn_minutes": self.sharing_turn_minutes,
            "round_order": str(self.round_order),
            "check_in_prompt": self.check_in_prompt,
            "closing_prompt": self.closing_prompt,
            "topics": list(self.topics),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MeetingFormat:
        """A format as kept; keys a release before prompts and topics did not write take their defaults."""
        phases = data["phases"]
        # Counted before any is read: a crafted list of a million parts or topics is refused at once.
        if not isinstance(phases, list) or len(phases) > MAX_PARTS:
            raise InvalidInput(_("A meeting has at most {most} parts.").format(most=MAX_PARTS))
        topics = _topics(data.get("topics", []))
        return cls(
            phases=tuple(Phase.from_dict(phase) for phase in phases),
            check_in_turn_minutes=data["check_in_turn_minutes"],
            sharing_turn_minutes=data["sharing_turn_minutes"],
            round_order=RoundOrderMode(data.get("round_order", RoundOrderMode.ROSTER)),
            check_in_prompt=data.get("check_in_prompt", DEFAULT_CHECK_IN_PROMPT),
            closing_prompt=data.get("closing_prompt", DEFAULT_CLOSING_PROMPT),
            topics=topics,
        )


def _topics(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise InvalidInput(_("The topics are a list of lines of text."))
    if len(value) > MAX_TOPICS:
        raise InvalidInput(_("A group keeps at most {most} topics.").format(most=MAX_TOPICS))
    if not all(isinstance(topic, str) for topic in value):
        raise InvalidInput(_("The topics are a list of lines of text."))
    return tuple(value)
