"""Ready-made meeting templates a facilitator can start a new group from.

Each template is a complete starting point: a meeting format, the agreements read aloud at the opening, placeholder
crisis resources and confidentiality rules. Facilitators are expected to edit them, the crisis resources above all.
"""

from __future__ import annotations

from dataclasses import dataclass

from circle.domain.errors import InvalidInput
from circle.domain.group import (
    Agreements,
    CrisisResource,
    GroupProfile,
    MeetingFormat,
    Phase,
    PhaseKind,
    Schedule,
)
from circle.domain.rules import ConfidentialityRules, NamesPolicy, NotesPolicy
from circle.domain.text import sanitise_line


@dataclass(frozen=True)
class Template:
    key: str
    title: str
    description: str
    profile: GroupProfile
    rules: ConfidentialityRules


def _agreements(*lines: str) -> str:
    return "\n".join(f"• {line}" for line in lines)


_CONFIDENTIALITY_LIMITS = (
    "We keep what is shared here private, with a few limits. "
    "If someone is at serious risk of harming themselves or someone else, or if a child or vulnerable adult "
    "is being harmed, a facilitator may need to tell someone who can help. "
    "If that ever happens, we will try to talk with the person first."
)

# Placeholders on purpose: a real number depends on where the group meets, and a wrong one is worse than none.
_CRISIS_RESOURCES = (
    CrisisResource(
        name="Local crisis line",
        contact="Add your local number",
        when="Someone is thinking about suicide or is in crisis",
    ),
    CrisisResource(
        name="Emergency services",
        contact="Your local emergency number",
        when="Someone is in immediate danger",
    ),
)

_SUPPORT_90 = Template(
    key="support-90",
    title="Support group · 90 minutes",
    description=(
        "A 90-minute peer support meeting with a check-in round, time to share, a break and a closing round."
    ),
    profile=GroupProfile(
        format=MeetingFormat(
            phases=(
                Phase(PhaseKind.OPENING, 10),
                Phase(PhaseKind.CHECK_IN, 20),
                Phase(PhaseKind.SHARING, 40),
                Phase(PhaseKind.BREAK, 10),
                Phase(PhaseKind.CLOSING, 10),
            ),
            check_in_turn_minutes=1.5,
            sharing_turn_minutes=5.0,
        ),
        agreements=Agreements(
            text=_agreements(
                "What is said here stays here. Who we see here stays here too.",
                'Speak from your own experience. Say "I", not "you" or "we".',
                "One person speaks at a time. We listen without interrupting.",
                "You have the right to pass. Passing is a way of taking part.",
                "We don't give advice unless someone asks for it.",
                "Share the time, so everyone who wants to speak gets a turn.",
                "Please put your phone on silent.",
                "You can step out whenever you need to. No one will ask why.",
                "This is peer support. It is not therapy, and it is not a crisis service.",
            ),
            confidentiality_limits=_CONFIDENTIALITY_LIMITS,
            mandated_reporter="",
        ),
        crisis_resources=_CRISIS_RESOURCES,
        schedule=Schedule(weekday=None),
    ),
    rules=ConfidentialityRules(),
)

_CRISIS_60 = Template(
    key="crisis-60",
    title="Crisis support circle · 60 minutes",
    description=(
        "A gentler 60-minute circle for people going through a hard time, with grounding, short turns,"
        " no break and stricter privacy."
    ),
    profile=GroupProfile(
        format=MeetingFormat(
            phases=(
                # The opening is longer than usual to leave room for a grounding exercise.
                Phase(PhaseKind.OPENING, 10),
                Phase(PhaseKind.CHECK_IN, 10),
                Phase(PhaseKind.SHARING, 30),
                Phase(PhaseKind.CLOSING, 10),
            ),
            check_in_turn_minutes=1.0,
            sharing_turn_minutes=4.0,
        ),
        agreements=Agreements(
            text=_agreements(
                "What is said here stays here.",
                "Go at your own pace. Share as much or as little as you want.",
                "You have the right to pass. Passing is a way of taking part.",
                "Speak from your own experience, and listen without judging.",
                "One person speaks at a time.",
                "We offer support, not advice, unless someone asks for it.",
                "Please put your phone on silent.",
                "You can step out whenever you need to. A facilitator may check on you quietly.",
                "This is peer support, not therapy or an emergency service."
                " If you need urgent help, tell a facilitator.",
            ),
            confidentiality_limits=_CONFIDENTIALITY_LIMITS,
            mandated_reporter="",
        ),
        crisis_resources=_CRISIS_RESOURCES,
        schedule=Schedule(weekday=None),
    ),
    # People in crisis have the most to lose if a record leaks: keep less, and for less time.
    rules=ConfidentialityRules(
        names=NamesPolicy.INITIALS,
        notes=NotesPolicy.FLAGS,
        notes_retention_days=30,
    ),
)

_CHECK_IN_30 = Template(
    key="check-in-30",
    title="Check-in group · 30 minutes",
    description="A short 30-minute check-in where everyone gets a turn and no notes are kept.",
    profile=GroupProfile(
        format=MeetingFormat(
            phases=(
                Phase(PhaseKind.OPENING, 5),
                Phase(PhaseKind.CHECK_IN, 20),
                Phase(PhaseKind.CLOSING, 5),
            ),
            check_in_turn_minutes=2.0,
        ),
        agreements=Agreements(
            text=_agreements(
                "What is said here stays here.",
                "Speak from your own experience.",
                "One person speaks at a time.",
                "You have the right to pass. Passing is a way of taking part.",
                "Keep to your turn, so everyone can check in.",
                "No advice unless someone asks for it.",
                "Please put your phone on silent.",
                "You can step out whenever you need to.",
                "This is peer support, not therapy or a crisis service.",
            ),
            confidentiality_limits=_CONFIDENTIALITY_LIMITS,
            mandated_reporter="",
        ),
        crisis_resources=_CRISIS_RESOURCES,
        schedule=Schedule(weekday=None),
    ),
    rules=ConfidentialityRules(notes=NotesPolicy.NONE),
)

TEMPLATES: dict[str, Template] = {t.key: t for t in (_SUPPORT_90, _CRISIS_60, _CHECK_IN_30)}
DEFAULT_TEMPLATE = "support-90"


def template(key: str) -> Template:
    """The template called `key`."""
    try:
        return TEMPLATES[key]
    except KeyError:
        # The key is echoed back, so keep the message a single plain short line whatever was typed (or pasted).
        shown = sanitise_line(key)
        shown = shown if len(shown) <= 40 else shown[:39] + "…"
        raise InvalidInput(f"Unknown template '{shown}'. Choose one of: {', '.join(TEMPLATES)}.") from None
