"""A group's schedule and parts in words, in Spanish and in English, and the group screen's questions through the
catalog: whole sentences with the names left as they were typed."""

from __future__ import annotations

from datetime import date

import pytest

from circle.domain.errors import InvalidInput
from circle.domain.group import Member
from circle.domain.meeting_format import MeetingFormat, Phase, PhaseKind
from circle.domain.schedule import LAST, Repeat, Schedule, weekday_name
from circle.language import _, words_for
from circle.ui.screens.group import removal_of
from circle.ui.screens.roster_questions import (
    delete_group_question,
    erase_confirmation,
    merge_confirmation,
    merge_question,
    rename_question,
)
from tests.language_probe import bracketed, untranslated
from tests.language_spans import without_bracketed_spans

TUESDAY = 1
SPANISH = words_for("es")


def in_spanish_words(schedule: Schedule) -> str:
    return schedule.describe(SPANISH.gettext, SPANISH.code)


def test_a_schedule_is_said_in_spanish_with_babels_day_names() -> None:
    assert in_spanish_words(Schedule(weekday=TUESDAY)) == "cada martes a las 19:00"
    every_other = Schedule(weekday=TUESDAY, repeat=Repeat.EVERY_OTHER_WEEK, anchor=date(2026, 1, 6))
    assert in_spanish_words(every_other) == "cada dos martes a las 19:00"
    assert in_spanish_words(Schedule(weekday=5, start="18:30", repeat=Repeat.MONTHLY, week=2)) == (
        "el segundo sábado de cada mes a las 18:30"
    )
    assert in_spanish_words(Schedule(weekday=6, repeat=Repeat.MONTHLY, week=LAST)) == (
        "el último domingo de cada mes a las 19:00"
    )
    assert in_spanish_words(Schedule()) == "sin definir"


def test_a_schedule_is_said_in_english_unless_a_language_is_given(in_spanish: None) -> None:
    assert Schedule(weekday=TUESDAY).describe() == "every Tuesday at 19:00"


def test_the_days_of_the_week_come_from_babel_in_each_language() -> None:
    assert [weekday_name(day) for day in range(7)][:2] == ["Monday", "Tuesday"]
    assert [weekday_name(day, "es") for day in range(7)] == [
        "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"
    ]


def test_a_date_on_another_day_is_refused_in_the_facilitators_language(in_spanish: None) -> None:
    with pytest.raises(InvalidInput) as refused:
        Schedule(weekday=TUESDAY, repeat=Repeat.EVERY_OTHER_WEEK, anchor=date(2026, 1, 7))
    assert str(refused.value) == "El 07 ene 2026 es miércoles; el grupo se reúne cada martes."


def test_a_parts_kind_is_named_in_the_language_asked_and_its_own_name_is_kept_as_written() -> None:
    meeting = MeetingFormat((
        Phase(PhaseKind.OPENING, 10), Phase(PhaseKind.CHECK_IN, 15), Phase(PhaseKind.SHARING, 40, "Gratitude"),
    ))
    assert meeting.describe(SPANISH.gettext) == "Apertura 10 · Ronda de llegada 15 · Gratitude 40 (65 min)"
    assert meeting.describe() == "Opening 10 · Check-in 15 · Gratitude 40 (65 min)"
    assert Phase(PhaseKind.CLOSING, 10).name_in(SPANISH.gettext) == "Cierre"
    assert Phase(PhaseKind.CLOSING, 10).shown_title == "Closing"


MEMBER = Member(id="m1", name="Ada [b]L[/b]")
OTHER = Member(id="m2", name="Ada L. (2)")


def test_the_group_screens_questions_go_through_the_catalog_and_keep_names_literal() -> None:
    with bracketed():
        questions = [
            rename_question(MEMBER), merge_question(MEMBER), merge_confirmation(MEMBER, OTHER),
            erase_confirmation(MEMBER, 0), erase_confirmation(MEMBER, 1), erase_confirmation(MEMBER, 3),
            delete_group_question("Tuesday Evening"), removal_of("Robin", "Tuesday Evening"),
        ]
    names = [MEMBER.shown, OTHER.shown, "Tuesday Evening", "Robin"]
    for question in questions:
        assert untranslated(without_bracketed_spans(question.plain), allowed=names) == [], question.plain
    assert "[b]L[/b]" in rename_question(MEMBER).plain  # shown as typed, never read as markup


def test_the_erase_question_counts_the_notes_in_spanish(in_spanish: None) -> None:
    assert "1 nota o seguimiento sobre esta persona se elimina" in erase_confirmation(MEMBER, 1).plain
    assert "3 notas y seguimientos sobre esta persona se eliminan" in erase_confirmation(MEMBER, 3).plain
    assert _("Roster") == "Lista"
