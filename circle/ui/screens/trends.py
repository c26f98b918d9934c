"""Attendance trends: is the group growing, do newcomers come back, who has stopped coming.

Trends are computed once per change of choice, not per key: a burst of keys (groups toggled one
after another, the period cycled twice) settles for a moment first, and a half-typed date waits
for its tenth character or Enter. The facts are read on the event loop, a group at a time, because the vault's
connection belongs to it; counting them (about half a second for twenty groups over five years)
runs on a thread, so keys and the clock keep moving, and a count the choice has moved on from is dropped.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.worker import Worker
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label, SelectionList, Static

from circle.domain.clock import today
from circle.domain.errors import CircleError
from circle.domain.trends.periods import Period
from circle.domain.trends.compute import TrendReport, trends_of
from circle.language import N_, _
from circle.ui.screens.base import FAILED, CircleScreen
from circle.ui.keys import Key
from circle.ui.widgets.footer import Footer
from circle.ui.widgets.line import Line
from circle.ui.widgets.trends.dates import DateField, DayInput
from circle.ui.widgets.trends.groups import GroupChoice
from circle.ui.widgets.trends.periods import period_name
from circle.ui.widgets.trends.plots import AttendancePlot, NewcomersPlot, PulsePlot, RetentionPlot, TrendPlot
from circle.ui.widgets.trends.series import attendance, pooled_periods
from circle.ui.widgets.trends.table import TrendTable
from circle.ui.widgets.whole_words import WholeWords
from circle.ui.widgets.trends.words import counted_drop_offs, named_drop_offs, nothing_held, summary

if TYPE_CHECKING:
    from circle.workspace.trends import SealedFacts, SealedHistory

PERIODS = (Period.WEEK, Period.MONTH, Period.QUARTER)
# Long enough to gather a burst of keys into one computation, short enough to feel immediate.
SETTLE_SECONDS = 0.3
# The default range: this month and the eleven before it.
DEFAULT_MONTHS = 12


def months_back(day: date, months: int) -> date:
    """The first day of the month `months - 1` months before `day`'s."""
    index = day.year * 12 + day.month - 1 - (months - 1)
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class TrendChoice:
    group_ids: tuple[str, ...]
    since: date | None
    until: date | None
    by: Period


class TrendsCounted(Message):
    """The trends of one choice, counted on a thread; shown only if that is still the choice."""

    def __init__(
        self, choice: TrendChoice, report: TrendReport | None, problem: str = "", to_keep: Sequence[SealedHistory] = ()
    ) -> None:
        super().__init__()
        self.choice = choice
        self.report = report
        self.problem = problem  # one line, when what was read could not be opened
        self.to_keep = to_keep  # histories worked out from the meetings, sealed, to keep for next time


class TrendsScreen(CircleScreen):
    CSS_PATH = Path(__file__).parent.parent / "styles" / "trends.tcss"
    KEYS_TITLE = N_("Keys on the trends")
    KEYS_HELP = (
        ("↑ ↓", N_("move through your groups (in the list) or the figures (in the table)")),
        ("Space", N_("choose the highlighted group, or leave it out")),
        "all_groups",
        ("Tab", N_("the next field: since, until, then the table")),
        ("Enter", N_("show the days typed (since, until); YYYY-MM-DD, empty for no limit")),
        ("← →", N_("in the table: the figures out of sight, when the window is narrower than the table")),
        "next_period",
        "next_plot",
        "back",
        ("Ctrl+L", N_("lock circle; unlocking comes back here")),
    )
    BINDINGS = [
        Key("p", "next_period", N_("Period"), help=N_("by week, month or quarter")),
        # Out of the footer, which then fits in 80 columns; `?` and the palette have it.
        Key("a", "all_groups", N_("All groups"), show=False, tooltip=N_("Choose all your groups, or none"),
            help=N_("choose all your groups, or none")),
        Key("g", "next_plot", N_("Next plot"), help=N_("the next plot, when the window is too narrow for all four")),
        Key("escape", "back", N_("Groups"), help=N_("back to your groups")),
    ]
    AUTO_FOCUS = "#trend-groups"
    # Below 110 columns the plots take turns; below 32 lines the choice and the table make room for them.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]

    def __init__(self, group_id: str | None = None) -> None:
        super().__init__()
        self.first_group = group_id
        self.by = Period.MONTH
        self.names = {overview.id: overview.name for overview in self.workspace.groups()}
        self.shown: TrendChoice | None = None
        self._on_screen = asyncio.Event()  # set once the count of what is shown has been drawn (or dropped)

    def compose(self) -> ComposeResult:
        on = today(self.workspace.clock)
        yield Static(_("Attendance trends"), id="trends-title")
        with Horizontal(id="trend-choice"):
            yield GroupChoice(self.names, self.first_group, id="trend-groups")
            with Vertical(id="trend-range"):
                with Horizontal(id="trend-dates"):
                    yield DateField(
                        _("Since"), months_back(on, DEFAULT_MONTHS), placeholder=_("the start"), id="trend-since"
                    )
                    yield DateField(_("Until"), None, placeholder=_("today"), id="trend-until")
                yield Line("", id="trend-date-problem")
                with Horizontal(id="trend-period-row"):
                    yield Label(_("Period"), classes="date-label")
                    yield Line("", id="trend-period")
        yield WholeWords(id="trend-summary")
        with Horizontal(id="trend-plots"):
            yield AttendancePlot(id="trend-attendance")
            yield NewcomersPlot(id="trend-newcomers", classes="-resting")
            yield RetentionPlot(id="trend-retention", classes="-resting")
            yield PulsePlot(id="trend-pulse", classes="-resting")
        yield Static("", id="trend-empty")
        yield WholeWords(id="trend-drop-offs")
        yield TrendTable(id="trend-table")
        yield Line("", id="trend-table-more")
        yield Footer()

    def on_mount(self) -> None:
        self._show_period()
        self._settle_then_show(0)
        table = self.query_one(TrendTable)
        # The table learns its width on idle after its rows arrive, and the window can change it any time. Its
        # scrollbars come and go with the layout: a vertical one narrows the table with its width unchanged.
        for reactive in ("scroll_x", "virtual_size", "show_horizontal_scrollbar", "show_vertical_scrollbar"):
            self.watch(table, reactive, self._show_more_figures_after_layout, init=False)
        self.watch(table, "virtual_size", self._make_room_for_rows, init=False)

    def _make_room_for_rows(self) -> None:
        """The table is as tall as its rows. Textual lays it out again when they are counted, but if a layout of
        its own was still pending then, it can reuse the height it worked out while the table was empty, and the
        rows stay out of sight; one more layout, after that one, works it out anew."""
        table = self.query_one(TrendTable)
        self.call_after_refresh(table.refresh, layout=True)

    def on_resize(self) -> None:
        self.refresh_bindings()  # "next plot" is only on offer while the plots take turns
        self.call_after_refresh(self._show_more_figures)

    def _show_more_figures_after_layout(self) -> None:
        """Told as a scrollbar comes or goes, when the table's room for its figures is not yet worked out again."""
        self.call_after_refresh(self._show_more_figures)

    def _show_more_figures(self) -> None:
        """A table cut by the window says so: the figures out of sight are a key away, not gone."""
        table = self.query_one(TrendTable)
        hint = table.more_figures() if table.display else ""
        self.query_one("#trend-table-more", Line).show(hint)
        self.query_one("#trend-table-more").display = bool(hint)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_plot":
            return self.has_class("-narrow")
        return super().check_action(action, parameters)

    # ---- choosing ----------------------------------------------------------------------------------------

    @on(SelectionList.SelectedChanged, "#trend-groups")
    def _groups_changed(self) -> None:
        self._settle_then_show()

    @on(Input.Changed, "DayInput")
    def _day_typed(self, event: Input.Changed) -> None:
        if isinstance(event.input, DayInput) and event.input.typed_whole:
            self._days_settled()
        else:
            self._show_date_problem("")  # still typing: no verdict yet

    @on(Input.Submitted, "DayInput")
    @on(Input.Blurred, "DayInput")
    def _days_settled(self) -> None:
        if self.choice() is not None:
            self._settle_then_show()

    def action_next_period(self) -> None:
        self.by = PERIODS[(PERIODS.index(self.by) + 1) % len(PERIODS)]
        self._show_period()
        self._settle_then_show()

    def action_all_groups(self) -> None:
        self.query_one(GroupChoice).choose_all_or_none()

    def action_next_plot(self) -> None:
        """In a narrow window the plots take turns, full width."""
        plots = list(self.query(TrendPlot))
        showing = next(index for index, plot in enumerate(plots) if not plot.has_class("-resting"))
        for index, plot in enumerate(plots):
            plot.set_class(index != (showing + 1) % len(plots), "-resting")

    def action_back(self) -> None:
        self.dismiss()

    def _show_period(self) -> None:
        one, other = (period_name(period) for period in PERIODS if period is not self.by)
        self.query_one("#trend-period", Line).show(
            Content.assemble((period_name(self.by), "bold"), "  ", _("(p: {one} or {other})").format(one=one, other=other))
        )

    def _show_date_problem(self, text: str) -> None:
        self.query_one("#trend-date-problem", Line).show(Content(text))

    def choice(self) -> TrendChoice | None:
        """What is chosen now; None while a day is not one, or the range runs backwards (the line says why)."""
        days = []
        for field in self.query(DateField):
            try:
                days.append(field.day)
            except ValueError as error:
                self._show_date_problem(_("{field}: {problem}").format(field=field.label, problem=error))
                return None
        since, until = days
        if since and until and since > until:
            self._show_date_problem(_("Until comes before since: nothing can be in between."))
            return None
        self._show_date_problem("")
        return TrendChoice(self.query_one(GroupChoice).chosen, since, until, self.by)

    @work(exclusive=True, group="trends")
    async def _settle_then_show(self, settle: float = SETTLE_SECONDS) -> None:
        """A newer change cancels this one while it settles; a count it started is then dropped when it arrives."""
        await asyncio.sleep(settle)
        counting = await self.show_trends()
        if counting is not None:  # waiting for this worker waits until the count is on screen too
            await counting.wait()
            await self._on_screen.wait()

    # ---- showing -----------------------------------------------------------------------------------------

    async def show_trends(self) -> Worker[None] | None:
        """Read the facts of the choice and start counting them, unless its trends are on show already."""
        choice = self.choice()
        if choice is None or choice == self.shown or not self.workspace.is_unlocked:
            return None
        self.shown = choice
        if not choice.group_ids:
            self._show_nothing(
                _("Choose a group: Space chooses the highlighted one, a chooses them all.")
                if self.names
                else _("No groups yet. Escape goes back to your groups, where n creates one.")
            )
            return None
        self.query_one("#trend-summary", WholeWords).show(Content(_("Counting…")))
        try:
            sealed = await self._read(choice)
        except asyncio.CancelledError:
            self.shown = None  # a newer choice took over before this one was read: it may be this one again
            raise
        if sealed is None:
            return None
        self._on_screen = asyncio.Event()
        return self._count(choice, sealed, today(self.workspace.clock))

    async def _read(self, choice: TrendChoice) -> SealedFacts | None:
        """The facts of the chosen groups, one group at a time with the loop free in between: years of forty
        groups read in one go would hold keys and the clock for a noticeable moment. None: it could not be read."""
        sealed = None
        for group_id in choice.group_ids:
            if not self.workspace.is_unlocked:
                self.shown = None  # locked meanwhile: unlocking counts again
                return None
            more = self.attempt(self.workspace.sealed_trend_facts, [group_id])
            if more is FAILED:
                return None
            sealed = more if sealed is None else sealed + more
            await asyncio.sleep(0)
        return sealed

    # Described: else Textual writes the repr of every argument (here, years of sealed rows) into the description.
    @work(thread=True, exclusive=True, group="trend-count", description="count trends")
    def _count(self, choice: TrendChoice, sealed: SealedFacts, on: date) -> None:
        """Pure work, off the event loop: opening what was read and counting it touches neither the vault
        nor a widget."""
        try:
            made = sealed.histories()
        except CircleError as error:
            self.post_message(TrendsCounted(choice, None, str(error)))
            return
        report = trends_of(made, by=choice.by, since=choice.since, until=choice.until, today=on)
        self.post_message(TrendsCounted(choice, report, to_keep=sealed.to_keep(made)))

    async def on_trends_counted(self, counted: TrendsCounted) -> None:
        if counted.to_keep and self.workspace.is_unlocked:
            self.workspace.keep_trend_histories(counted.to_keep)  # only quicker next time; never an error
        if counted.choice != self.shown:
            return  # the choice moved on while this was counted: its own count is on its way
        try:
            if not self.workspace.is_unlocked:
                return  # circle was locked meanwhile; unlocking counts again
            if counted.report is None:
                self.say(counted.problem, error=True)
                self._show_nothing("")
                return
            if not any(group.meetings for group in counted.report.groups.values()):
                self._show_nothing(nothing_held(counted.report))
                return
            await self._show_report(counted.choice, counted.report)
        finally:
            self._on_screen.set()

    def _show_nothing(self, text: str) -> None:
        self.query_one("#trend-summary", WholeWords).show("")
        self.query_one("#trend-empty", Static).update(text)
        self._set_shown(False)

    def _set_shown(self, shown: bool) -> None:
        for selector in ("#trend-plots", "#trend-drop-offs", "#trend-table"):
            self.query_one(selector).display = shown
        if not shown:
            self.query_one("#trend-table-more").display = False
        self.query_one("#trend-empty").display = not shown

    async def _show_report(self, choice: TrendChoice, report: TrendReport) -> None:
        periods = pooled_periods(report)
        self.query_one(AttendancePlot).show(attendance(report))
        self.query_one(NewcomersPlot).show(periods, choice.by)
        self.query_one(RetentionPlot).show(periods, choice.by)
        self.query_one(PulsePlot).show(periods, choice.by)
        self.query_one("#trend-summary", WholeWords).show(summary(report))
        self.query_one("#trend-drop-offs", WholeWords).show(self._drop_offs(choice, report))
        self._set_shown(True)
        await self.query_one(TrendTable).show(report, {group_id: self.names[group_id] for group_id in choice.group_ids})
        self.call_after_refresh(self._show_more_figures)

    def _drop_offs(self, choice: TrendChoice, report: TrendReport) -> Content | tuple[Content, ...]:
        """Names for the group's own facilitators to reach out to, when one group that keeps names is chosen."""
        if len(choice.group_ids) == 1:
            [group_id] = choice.group_ids
            if self.workspace.group(group_id).rules.keeps_names:
                return named_drop_offs(self.workspace.dropped_off_names(group_id, since=choice.since, until=choice.until))
        return counted_drop_offs(report)

    def vault_unlocked(self) -> bool:
        self.shown = None  # a change made while locked was not computed: show what is chosen now
        self._settle_then_show(0)
        return True
