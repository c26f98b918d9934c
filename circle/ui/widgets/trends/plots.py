"""The four trend plots, drawn with plotext in the colours of the theme being worn.

Each plot keeps its data and draws it again at every render, so a new size or a new theme needs
nothing but a refresh. Two series never rely on colour alone: dots against a line, or bars side by
side (left and right), and a legend under each plot names them by the same shapes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import ClassVar

from textual.app import RenderResult
from textual.color import Color, rgb_to_lab
from textual.content import Content
from textual_plotext import PlotextPlot
from textual_plotext.plot import Plot

from circle.domain.trends.periods import Period
from circle.language import _, ngettext
from circle.ui.widgets.trends.periods import CAME_AGAIN, NEWCOMERS, PULSE, RETENTION, short_label
from circle.ui.themes.files import contrast_ratio
from circle.ui.widgets.trends.series import (
    ROLLING,
    Attendance,
    PooledPeriod,
    count_ticks,
    day_ticks,
    spaced,
)

# Plot colours must stand out from the plot's background at least as much as large text must (WCAG).
READABLE = 3.0
# The second colour is whichever of these differs most from the first. Never the error colour: a
# plot of attendance is not an alarm.
SECOND_COLOURS = ("accent", "secondary", "success", "warning", "foreground")
# Room for the y axis's labels, and for each label on the x axis.
Y_LABELS = 6
X_LABEL = 9
RGB = tuple[int, int, int]
# A line of braille dots: finer than blocks, so the dots of single meetings stand apart from it.
LINE = "braille"
# Half-block bars, half a period wide: a gap is left between bars even when a period gets three columns.
BAR_MARKER = "hd"
BAR_WIDTH = 0.5
# Two series of bars stand side by side, each half as wide: the left and the right bar of a period are
# told apart by where they stand, not only by their colour, and neither ever hides the other.
LEFT, RIGHT = -1, 1


def _difference(one: Color, other: Color) -> float:
    """How different two colours look (CIE76 distance in Lab)."""
    a, b = rgb_to_lab(one), rgb_to_lab(other)
    return float(((a.L - b.L) ** 2 + (a.a - b.a) ** 2 + (a.b - b.b) ** 2) ** 0.5)


def plot_colours(variables: Mapping[str, str]) -> tuple[Color, Color]:
    """Two colours readable on the plot's surface and easy to tell apart, from the theme's own."""
    surface = variables["surface"]

    def readable(name: str) -> bool:
        return contrast_ratio(Color.parse(variables[name]).hex, surface) >= READABLE

    first_name = "primary" if readable("primary") else "foreground"
    first = Color.parse(variables[first_name])
    others = [Color.parse(variables[name]) for name in SECOND_COLOURS if name != first_name and readable(name)]
    second = max(others, key=lambda colour: _difference(first, colour), default=Color.parse(variables["foreground"]))
    return first, second


def _key(symbol: str, colour: Color, words: str) -> Content:
    return Content.assemble((symbol, colour.hex), " ", words)


class TrendPlot(PlotextPlot):
    """One plot with a heading in its border and a legend under it."""

    def __init__(self, *, id: str, classes: str = "") -> None:
        super().__init__(id=id, classes=f"trend-plot {classes}")
        self.by = Period.MONTH

    def on_mount(self) -> None:
        # PlotextPlot's own on_mount runs too, and keeps the plot's background in step with the theme.
        self.app.theme_changed_signal.subscribe(self, lambda _: self.show_legend())

    @property
    def colours(self) -> tuple[Color, Color]:
        return plot_colours(self.app.theme_variables)

    def render(self) -> RenderResult:
        plot = self.plt
        plot.clear_figure()
        # Axes on the left and at the bottom only: the border frames the plot already.
        plot.xaxes(True, False)
        plot.yaxes(True, False)
        first, second = self.colours
        self.draw(plot, first.rgb, second.rgb)
        return super().render()

    def show_legend(self) -> None:
        self.border_subtitle = self.legend(*self.colours)

    def redraw(self, heading: str) -> None:
        """After new data: the heading, the legend that goes with it, and the plot itself."""
        self.border_title = heading
        self.show_legend()
        self.refresh()

    def draw(self, plot: Plot, first: RGB, second: RGB) -> None:
        raise NotImplementedError

    def legend(self, first: Color, second: Color) -> Content:
        raise NotImplementedError

    @property
    def x_room(self) -> int:
        """How many labels fit under the plot."""
        return max(2, (self.size.width - Y_LABELS) // X_LABEL)

    def period_axis(self, plot: Plot, starts: Sequence[date]) -> None:
        chosen = spaced(len(starts), self.x_room)
        plot.xticks(chosen, [short_label(starts[index], self.by) for index in chosen])
        plot.xlim(-0.5, max(0.5, len(starts) - 0.5))

    def count_axis(self, plot: Plot, top: float) -> None:
        ticks = count_ticks(top, self.size.height)
        plot.yticks(ticks, [str(tick) for tick in ticks])
        plot.ylim(0, ticks[-1])


class AttendancePlot(TrendPlot):
    """Dots for each meeting (or week), and a line for the rolling mean that shows the trend."""

    series = Attendance((), (), per_meeting=True)

    def show(self, series: Attendance) -> None:
        self.series = series
        self.redraw(_("Attendance per meeting") if series.per_meeting else _("Attendance per meeting, by week"))

    def legend(self, first: Color, second: Color) -> Content:
        each = _("each meeting") if self.series.per_meeting else _("each week")
        mean = (_("mean of {count}") if self.series.per_meeting else _("mean of {count} weeks")).format(count=ROLLING)
        return Content.assemble(_key("•", second, each), "  ", _key("━", first, mean))

    def draw(self, plot: Plot, first: RGB, second: RGB) -> None:
        series = self.series
        if not series.days:
            return
        xs = [day.toordinal() for day in series.days]
        plot.plot(xs, series.rolling, color=first, marker=LINE)
        plot.scatter(xs, list(series.counts), color=second, marker="•")
        ticks = day_ticks(series.days[0], series.days[-1], self.x_room)
        plot.xticks([day.toordinal() for day, _ in ticks], [label for _, label in ticks])
        plot.xlim(xs[0] - 1, xs[-1] + 1)
        self.count_axis(plot, max(series.counts))


class PeriodPlot(TrendPlot):
    """A plot of the chosen groups' periods pooled together, titled by what it shows per period."""

    SHOWS: ClassVar[Mapping[Period, str]] = {}  # the heading for each period, marked with N_
    periods: Sequence[PooledPeriod] = ()

    def show(self, periods: Sequence[PooledPeriod], by: Period) -> None:
        self.periods, self.by = periods, by
        self.redraw(_(self.SHOWS[by]))


class NewcomersPlot(PeriodPlot):
    """Newcomers per period as bars, and in front of them the part who came back within four weeks."""

    SHOWS = NEWCOMERS

    def legend(self, first: Color, second: Color) -> Content:
        if all(period.returned is None for period in self.periods):
            return Content.assemble(_key("█", first, _("new")), "  ", _("(who came back is not known)"))
        # Short, to fit under a quarter of a wide window.
        # The keys' shapes say which bar is which: the left one is new, the right one came back.
        return Content.assemble(_key("▌", first, _("new")), "  ", _key("▐", second, _("back in 4 wks")))

    def draw(self, plot: Plot, first: RGB, second: RGB) -> None:
        periods = self.periods
        if not periods:
            return
        _bars(plot, list(enumerate(period.newcomers for period in periods)), first, side=LEFT)
        # Only the bars that are there: plotext paints a bar of 0 as a blank over the bar beside it.
        returned = [(index, period.returned) for index, period in enumerate(periods) if period.returned]
        _bars(plot, returned, second, side=RIGHT)
        self.period_axis(plot, [period.first_day for period in periods])
        self.count_axis(plot, max(period.newcomers for period in periods))


class RetentionPlot(PeriodPlot):
    """The share of people who came again the next period. Unknown periods leave a gap in the line."""

    SHOWS = RETENTION

    def legend(self, first: Color, second: Color) -> Content:
        if all(period.retention is None for period in self.periods):
            return Content(_("not known for this choice"))
        return _key("━", first, _(CAME_AGAIN[self.by]))

    def draw(self, plot: Plot, first: RGB, second: RGB) -> None:
        periods = self.periods
        for run in _known_runs([period.retention for period in periods]):
            xs = [index for index, _ in run]
            ys = [100 * rate for _, rate in run]
            plot.plot(xs, ys, color=first, marker=LINE)
            plot.scatter(xs, ys, color=first, marker="•")
        self.period_axis(plot, [period.first_day for period in periods])
        ticks = [0, 50, 100] if self.size.height < 9 else [0, 25, 50, 75, 100]
        plot.yticks(ticks, [f"{tick}%" for tick in ticks])
        plot.ylim(0, 100)


class PulsePlot(PeriodPlot):
    """The pulse's mean answer per period, on its own scale of 1 to 5; periods without a pulse leave a gap."""

    SHOWS = PULSE

    def legend(self, first: Color, second: Color) -> Content:
        hands = sum(sum(period.pulse) for period in self.periods if period.pulse)
        if not hands:
            return Content(_("no pulse taken"))
        # Short, to fit under a quarter of a wide window; the axis says the scale is 1 to 5.
        return _key("━", first, ngettext("mean of {count} hand", "mean of {count} hands", hands).format(count=hands))

    def draw(self, plot: Plot, first: RGB, second: RGB) -> None:
        periods = self.periods
        for run in _known_runs([period.pulse_mean for period in periods]):
            xs = [index for index, _ in run]
            ys = [mean for _, mean in run]
            plot.plot(xs, ys, color=first, marker=LINE)
            plot.scatter(xs, ys, color=first, marker="•")
        self.period_axis(plot, [period.first_day for period in periods])
        ticks = [1, 3, 5] if self.size.height < 9 else [1, 2, 3, 4, 5]
        plot.yticks(ticks, [str(tick) for tick in ticks])
        plot.ylim(1, 5)


def _bars(plot: Plot, bars: Sequence[tuple[int, int]], colour: RGB, *, side: int = 0) -> None:
    """Bars at period positions, all of the same width however many periods are left out between them; a
    `side` of LEFT or RIGHT draws them half as wide, on that side of the period's place."""
    if not bars:
        return
    positions = [position for position, _ in bars]
    # plotext widens bars by the mean distance between them; undone here so that every series lines up.
    spread = (positions[-1] - positions[0]) / (len(positions) - 1) if len(positions) > 1 else 1
    width = BAR_WIDTH / 2 if side else BAR_WIDTH
    shifted = [position + side * width / 2 for position in positions]
    plot.bar(shifted, [height for _, height in bars], color=colour, marker=BAR_MARKER, width=width / spread)


def _known_runs(values: Sequence[float | None]) -> list[list[tuple[int, float]]]:
    """Runs of known values with their positions: a line is drawn through each run, never across a gap."""
    runs: list[list[tuple[int, float]]] = []
    previous = None
    for index, value in enumerate(values):
        if value is None:
            continue
        if previous is None or index != previous + 1:
            runs.append([])
        runs[-1].append((index, value))
        previous = index
    return runs
