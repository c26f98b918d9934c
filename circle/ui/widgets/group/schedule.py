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
    WEEKDAYS,
    WEEKS_OF_MONTH,
    Repeat,
    Schedule,
    week_of_month_title,
)
from circle.ui.widgets.group.editor import GroupEditor


class ScheduleEditor(GroupEditor):
    BINDINGS = [Binding("ctrl+s", "save", "Save schedule")]

    def __init__(self, group: Group, *, today: date, id: str | None = None) -> None:
        super().__init__(group, id=id)
        self.today = today

    def compose(self) -> ComposeResult:
        schedule = self.group.profile.schedule
        yield Label("When the group meets")
        with Horizontal(classes="field"):
            yield Label("How often", classes="field-label")
            yield Select(
                [(repeat.title, repeat) for repeat in Repeat], value=schedule.repeat, allow_blank=False,
                id="schedule-repeat", compact=True,
            )
        with Horizontal(classes="field"):
            yield Label("Day", classes="field-label")
            yield Select(
                [(day, index) for index, day in enumerate(WEEKDAYS)],
                value=schedule.weekday if schedule.weekday is not None else Select.BLANK,
                prompt="Not set", id="schedule-day", compact=True,
            )
        with Horizontal(classes="field", id="schedule-week-field"):
            yield Label("Which week of the month", classes="field-label")
            yield Select(
                [(week_of_month_title(week), week) for week in WEEKS_OF_MONTH], value=schedule.week,
                allow_blank=False, id="schedule-week", compact=True,
            )
        with Horizontal(classes="field", id="schedule-anchor-field"):
            yield Label("One date it meets", classes="field-label")
            anchor = schedule.anchor.isoformat() if schedule.anchor else ""
            yield Input(anchor, id="schedule-anchor", placeholder="YYYY-MM-DD", classes="date", compact=True)
        with Horizontal(classes="field"):
            yield Label("Starts at", classes="field-label")
            yield Input(schedule.start, id="schedule-start", placeholder="19:00", classes="number", compact=True)
        yield Static("", id="schedule-said", classes="hint")
        yield Button("Save schedule", id="schedule-save", variant="primary")

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
            words = schedule.describe()
            said = words[0].upper() + words[1:] + (f" · next {upcoming:%a %d %b %Y}" if upcoming else "")
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
            raise InvalidInput("Type the date as YYYY-MM-DD, for example 2026-03-10.") from None

    @on(Button.Pressed, "#schedule-save")
    def action_save(self) -> None:
        try:
            schedule = self._read()
        except CircleError as error:
            self.show_problem(error)
            return
        self.keep(schedule=schedule)
