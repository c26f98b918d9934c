"""Edit when the group meets: how often, which day, which week of the month or one date for every other week,
and the start time. What is chosen is said back in words with the next date, before it is saved."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Input, Label, Select, Static

from circle.domain.errors import CircleError, InvalidInput
from circle.domain.group import Group
from circle.domain.schedule import (
    WEEKS_OF_MONTH,
    Repeat,
    Schedule,
    week_of_month_title,
    weekday_name,
)
from circle.language import N_, _, current
from circle.language.days import day_in
from circle.ui.widgets.group.editor import GroupEditor


def _capitalised(words: str) -> str:
    return words[:1].upper() + words[1:]


class ScheduleEditor(GroupEditor):
    BINDINGS = [Binding("ctrl+s", "save", N_("Save schedule"))]

    def __init__(self, group: Group, *, today: date, id: str | None = None) -> None:
        super().__init__(group, id=id)
        self.today = today

    def compose(self) -> ComposeResult:
        schedule = self.group.profile.schedule
        yield Label(_("When the group meets"))
        with Horizontal(classes="field"):
            yield Label(_("How often"), classes="field-label")
            yield Select(
                [(_(repeat.title), repeat) for repeat in Repeat], value=schedule.repeat, allow_blank=False,
                id="schedule-repeat", compact=True,
            )
        with Horizontal(classes="field"):
            yield Label(_("Day"), classes="field-label")
            yield Select(
                [(_capitalised(weekday_name(day, current())), day) for day in range(7)],
                value=schedule.weekday if schedule.weekday is not None else Select.BLANK,
                prompt=_("Not set"), id="schedule-day", compact=True,
            )
        with Horizontal(classes="field", id="schedule-week-field"):
            yield Label(_("Which week of the month"), classes="field-label")
            yield Select(
                [(_(week_of_month_title(week)), week) for week in WEEKS_OF_MONTH], value=schedule.week,
                allow_blank=False, id="schedule-week", compact=True,
            )
        with Horizontal(classes="field", id="schedule-anchor-field"):
            yield Label(_("One date it meets"), classes="field-label")
            anchor = schedule.anchor.isoformat() if schedule.anchor else ""
            yield Input(anchor, id="schedule-anchor", placeholder=_("YYYY-MM-DD"), classes="date", compact=True)
        with Horizontal(classes="field"):
            yield Label(_("Starts at"), classes="field-label")
            yield Input(schedule.start, id="schedule-start", placeholder="19:00", classes="number", compact=True)
        yield Static("", id="schedule-said", classes="hint")
        yield Button(_("Save schedule"), id="schedule-save", variant="primary")

    def on_mount(self) -> None:
        self._show_fields()

    def focus_first(self) -> None:
        self.query_one("#schedule-repeat", Select).focus()

    @on(Select.Changed)
    @on(Input.Changed)
    def _show_fields(self) -> None:
        """Only the fields the chosen kind needs, and the schedule in words with its next date."""
        repeat = self.query_one("#schedule-repeat", Select).value
        self.query_one("#schedule-week-field").display = repeat is Repeat.MONTHLY
        self.query_one("#schedule-anchor-field").display = repeat is Repeat.EVERY_OTHER_WEEK
        try:
            schedule = self._read()
        except CircleError as problem:
            said = str(problem)
        else:
            upcoming = schedule.next_after(self.today)
            said = _capitalised(schedule.describe(_, current()))
            if upcoming:
                said = _("{schedule} · next {day}").format(
                    schedule=said, day=day_in(current(), upcoming, "EEE dd MMM yyyy")
                )
        self.query_one("#schedule-said", Static).update(said)

    def _read(self) -> Schedule:
        repeat = self.query_one("#schedule-repeat", Select).value
        day = self.query_one("#schedule-day", Select).value
        week = self.query_one("#schedule-week", Select).value
        return Schedule(
            weekday=day if type(day) is int else None,  # not Select.BLANK, which is False
            start=self.query_one("#schedule-start", Input).value.strip(),
            repeat=repeat if isinstance(repeat, Repeat) else Repeat.WEEKLY,
            week=week if type(week) is int else 1,
            anchor=self._anchor() if repeat is Repeat.EVERY_OTHER_WEEK else None,
        )

    def _anchor(self) -> date | None:
        typed = self.query_one("#schedule-anchor", Input).value.strip()
        if not typed:
            return None
        try:
            return date.fromisoformat(typed)
        except ValueError:
            raise InvalidInput(_("Type the date as YYYY-MM-DD, for example 2026-03-10.")) from None

    @on(Button.Pressed, "#schedule-save")
    def action_save(self) -> None:
        try:
            schedule = self._read()
        except CircleError as error:
            self.show_problem(error)
            return
        self.keep(schedule=schedule)
