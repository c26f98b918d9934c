"""Ready-made meeting templates a facilitator can start a new group from, in the group's language.

Each template is a complete starting point: a meeting format, the agreements read aloud at the opening, placeholder
crisis resources and confidentiality rules. Facilitators are expected to edit them, the crisis resources above all.
The words are written in English here and in each language's catalog, where they are written anew, not word for word.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from circle.domain.errors import InvalidInput
from circle.domain.group import (
    Agreements,
    EMERGENCY_NUMBER_PLACEHOLDER,
    LOCAL_NUMBER_PLACEHOLDER,
    CrisisResource,
    GroupProfile,
    MeetingFormat,
    Phase,
    PhaseKind,
    Schedule,
)
from circle.domain.rules import ConfidentialityRules, NamesPolicy, NotesPolicy
from circle.domain.text import sanitise_line
from circle.language import ENGLISH, words_for

Translate = Callable[[str], str]


@dataclass(frozen=True)
class Template:
    key: str
    title: str
    description: str
    profile: GroupProfile
    rules: ConfidentialityRules


def _agreements(*lines: str) -> str:
    return "\n".join(f"• {line}" for line in lines)


def _confidentiality_limits(_: Translate) -> str:
    return _(
        "We keep what is shared here private, with a few limits. "
        "If someone is at serious risk of harming themselves or someone else, or if a child or vulnerable adult "
        "is being harmed, a facilitator may need to tell someone who can help. "
        "If that ever happens, we will try to talk with the person first."
    )


def _crisis_resources(_: Translate) -> tuple[CrisisResource, ...]:
    # Placeholders on purpose: a real number depends on where the group meets, and a wrong one is worse than none.
    return (
        CrisisResource(
            name=_("Local crisis line"),
            contact=_(LOCAL_NUMBER_PLACEHOLDER),
            when=_("Someone is thinking about suicide or is in crisis"),
        ),
        CrisisResource(
            name=_("Emergency services"),
            contact=_(EMERGENCY_NUMBER_PLACEHOLDER),
            when=_("Someone is in immediate danger"),
        ),
    )


OPENING, GROUNDING, CHECK_IN, SHARING, BREAK, CLOSING = (
    PhaseKind.OPENING, PhaseKind.GROUNDING, PhaseKind.CHECK_IN, PhaseKind.SHARING, PhaseKind.BREAK, PhaseKind.CLOSING
)


def _phases(*parts: tuple[PhaseKind, int]) -> tuple[Phase, ...]:
    """The phases in order, each with its minutes."""
    return tuple(Phase(kind, minutes) for kind, minutes in parts)


def _template(
    _: Translate,
    key: str,
    title: str,
    description: str,
    *,
    phases: tuple[Phase, ...],
    agreements: tuple[str, ...],
    rules: ConfidentialityRules,
    check_in_turn_minutes: float,
    sharing_turn_minutes: float | None = None,
    check_in_prompt: str,
    closing_prompt: str,
) -> Template:
    """A template with the shared confidentiality limits, placeholder crisis resources and no weekday yet."""
    turns: dict[str, float] = {"check_in_turn_minutes": check_in_turn_minutes}
    if sharing_turn_minutes is not None:
        turns["sharing_turn_minutes"] = sharing_turn_minutes
    return Template(
        key=key,
        title=title,
        description=description,
        profile=GroupProfile(
            format=MeetingFormat(
                phases=phases, check_in_prompt=check_in_prompt, closing_prompt=closing_prompt, **turns
            ),
            agreements=Agreements(
                text=_agreements(*agreements),
                confidentiality_limits=_confidentiality_limits(_),
                mandated_reporter="",
            ),
            crisis_resources=_crisis_resources(_),
            schedule=Schedule(weekday=None),
        ),
        rules=rules,
    )


def _support_90(_: Translate) -> Template:
    return _template(
        _,
        "support-90",
        _("Support group · 90 minutes"),
        _("A 90-minute peer support meeting with a check-in round, time to share, a break and a closing round."),
        phases=_phases((OPENING, 10), (CHECK_IN, 20), (SHARING, 40), (BREAK, 10), (CLOSING, 10)),
        check_in_turn_minutes=1.5,
        sharing_turn_minutes=5.0,
        check_in_prompt=_("Check-in round: your name, if you like, and how your week has been."),
        closing_prompt=_("Closing round: one word for how you are leaving, or one thing you take with you."),
        agreements=(
            _("What is said here stays here. Who we see here stays here too."),
            _('Speak from your own experience. Say "I", not "you" or "we".'),
            _("One person speaks at a time. We listen without interrupting."),
            _("You have the right to pass. Passing is a way of taking part."),
            _("We don't give advice unless someone asks for it."),
            _("Share the time, so everyone who wants to speak gets a turn."),
            _("Please put your phone on silent."),
            _("You can step out whenever you need to. No one will ask why."),
            _("This is peer support. It is not therapy, and it is not a crisis service."),
        ),
        rules=ConfidentialityRules(),
    )


def _crisis_60(_: Translate) -> Template:
    return _template(
        _,
        "crisis-60",
        _("Crisis support circle · 60 minutes"),
        _(
            "A gentler 60-minute circle for people going through a hard time, with grounding, short turns,"
            " no break and stricter privacy."
        ),
        # A grounding part of its own after the opening: people arrive here carrying a lot.
        phases=_phases((OPENING, 5), (GROUNDING, 5), (CHECK_IN, 10), (SHARING, 30), (CLOSING, 10)),
        check_in_turn_minutes=1.0,
        sharing_turn_minutes=4.0,
        check_in_prompt=_("Check-in round: how you are arriving right now, in a few words. Passing is fine."),
        closing_prompt=_("Closing round: one thing that helps you get through tonight, or just a word."),
        agreements=(
            _("What is said here stays here."),
            _("Go at your own pace. Share as much or as little as you want."),
            _("You have the right to pass. Passing is a way of taking part."),
            _("Speak from your own experience, and listen without judging."),
            _("One person speaks at a time."),
            _("We offer support, not advice, unless someone asks for it."),
            _("Please put your phone on silent."),
            _("You can step out whenever you need to. A facilitator may check on you quietly."),
            _(
                "This is peer support, not therapy or an emergency service."
                " If you need urgent help, tell a facilitator."
            ),
        ),
        # People in crisis have the most to lose if a record leaks: keep less, and for less time.
        rules=ConfidentialityRules(
            names=NamesPolicy.INITIALS,
            notes=NotesPolicy.FLAGS,
            notes_retention_days=30,
        ),
    )


def _check_in_30(_: Translate) -> Template:
    return _template(
        _,
        "check-in-30",
        _("Check-in group · 30 minutes"),
        _("A short 30-minute check-in where everyone gets a turn and no notes are kept."),
        phases=_phases((OPENING, 5), (CHECK_IN, 20), (CLOSING, 5)),
        check_in_turn_minutes=2.0,
        check_in_prompt=_("Check-in round: one high and one low since we last met."),
        closing_prompt=_("Closing round: one word for the week ahead."),
        agreements=(
            _("What is said here stays here."),
            _("Speak from your own experience."),
            _("One person speaks at a time."),
            _("You have the right to pass. Passing is a way of taking part."),
            _("Keep to your turn, so everyone can check in."),
            _("No advice unless someone asks for it."),
            _("Please put your phone on silent."),
            _("You can step out whenever you need to."),
            _("This is peer support, not therapy or a crisis service."),
        ),
        rules=ConfidentialityRules(notes=NotesPolicy.NONE),
    )


def templates_in(language: str) -> dict[str, Template]:
    """Every template, its words in `language` (a group's), by key; the keys are the same in every language."""
    return _templates(words_for(language).code)  # a language circle does not know is English, and cached once


@lru_cache(maxsize=None)
def _templates(code: str) -> dict[str, Template]:
    translate = words_for(code).gettext
    return {t.key: t for t in (maker(translate) for maker in (_support_90, _crisis_60, _check_in_30))}


TEMPLATES: dict[str, Template] = templates_in(ENGLISH)
DEFAULT_TEMPLATE = "support-90"


def template(key: str, language: str = ENGLISH) -> Template:
    """The template called `key`, in `language`."""
    try:
        return templates_in(language)[key]
    except KeyError:
        # The key is echoed back, so keep the message a single plain short line whatever was typed (or pasted).
        shown = sanitise_line(key)
        shown = shown if len(shown) <= 40 else shown[:39] + "…"
        raise InvalidInput(f"Unknown template '{shown}'. Choose one of: {', '.join(TEMPLATES)}.") from None
