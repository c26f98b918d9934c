"""The trends in numbers: one row per group per period, with "–" wherever a figure is not known."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping

from rich.text import Text
from textual.widgets import DataTable

from circle.domain.trends.compute import PeriodTrend, TrendReport
from circle.domain.trends.periods import Period
from circle.language import N_, _
from circle.ui.text import cell
from circle.ui.widgets.trends.periods import period_label

UNKNOWN = "–"
# "New" rather than "Newcomers": with one group chosen, the figures then fit in 80 columns.
FIGURES = (
    N_("Period"), N_("Held"), N_("Cancelled"), N_("Mean"), N_("New"), N_("Return rate"), N_("Retention"),
    N_("Dropped off"), N_("Guests"), N_("Pulse"),
)
GROUP = N_("Group")
# Rows added between two looks at the keyboard.
BATCH = 1000
# A group's name is cut to this many cells, so that the figures fit beside it.
NAME_WIDTH = 24


def count(value: int | None) -> str:
    return UNKNOWN if value is None else str(value)


def mean(value: float | None) -> str:
    return UNKNOWN if value is None else f"{value:.1f}"


def percent(rate: float | None) -> str:
    return UNKNOWN if rate is None else f"{rate:.0%}"


def pulse(period: PeriodTrend) -> str:
    """The mean answer and how many hands it is of: "3.6 (12)"."""
    mean = period.pulse_mean
    return UNKNOWN if mean is None else f"{mean:.1f} ({period.pulse_answered})"


def period_cells(period: PeriodTrend, by: Period | None = None) -> tuple[str, ...]:
    """The figures of one period, as the table shows them after the group's name; with `by`, the period's
    name in the facilitator's language."""
    return (
        period.label if by is None else period_label(period.first_day, by),
        str(period.held),
        str(period.cancelled),
        mean(period.mean_attendance),
        str(period.newcomers),
        percent(period.return_rate),
        percent(period.retention),
        count(period.dropped_off),
        count(period.guests),
        pulse(period),
    )


class TrendTable(DataTable[Text | str]):
    """A column for the group only when there are several: one group's name is on show in the list above.

    In a narrow window the figures scroll sideways under the group and the period, which stay put.
    """

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True

    async def show(self, report: TrendReport, names: Mapping[str, str]) -> None:
        """Groups in the order of `names`; a group's name is shown literally, never as markup.

        Thousands of rows (twenty groups, five years, by week) take a while: the keys are heard
        between batches, and a newer choice can cancel the rest.
        """
        self.clear(columns=True)
        several = len(names) > 1
        self.fixed_columns = 2 if several else 1
        for label in (GROUP, *FIGURES) if several else FIGURES:
            # Figures are right-aligned, so that their digits line up. Keyed by the English: the key is never shown.
            self.add_column(Text(_(label), justify="left" if label in (GROUP, "Period") else "right"), key=label)
        for group_id, name in names.items():
            trends = report.groups.get(group_id)
            for period in trends.periods if trends else ():
                label, *figures = period_cells(period, report.by)
                shown = (label, *(Text(figure, justify="right") for figure in figures))
                self.add_row(
                    *((cell(name, width=NAME_WIDTH), *shown) if several else shown), key=f"{group_id}:{period.label}"
                )
                if self.row_count % BATCH == 0:
                    await asyncio.sleep(0)

    def more_figures(self) -> str:
        """Says where the figures out of sight are, when the table is wider than its window."""
        if self.max_scroll_x <= 0:
            return ""
        if self.scroll_x < self.max_scroll_x:
            return _("More figures to the right: → in the table (Tab reaches it).")
        return _("More figures to the left: ← in the table.")
