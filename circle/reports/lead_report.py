"""A lead's report as text: a summary of each group over the range, then every period of every group."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from circle.domain.trends.lead_report import LeadReport
from circle.domain.trends.periods import Period
from circle.language import N_, _
from circle.reports.render import Column, Format, Kind, render
from circle.reports.columns import (
    COUNTS,
    DAYS,
    DROPPED_OFF,
    GROUP,
    GUESTS,
    HEADLINES,
    HELD,
    MEAN,
    NEWCOMERS,
    PERIOD,
    PULSE,
    RETENTION,
    RETURN_RATE,
)

SUMMARY_COLUMNS = (
    GROUP,
    *HELD,
    MEAN,
    NEWCOMERS,
    RETURN_RATE,
    RETENTION,
    DROPPED_OFF,
    GUESTS,
    *PULSE,
    Column("made_on", N_("bundle made"), Kind.TEXT),
)
PERIOD_COLUMNS = (GROUP, PERIOD, *HEADLINES)
# A spreadsheet gets every count behind the rates too, and each group's id to tell same-named groups apart.
CSV_COLUMNS = (GROUP, Column("group_id", N_("group id"), Kind.TEXT), PERIOD, *DAYS, *COUNTS)
# A whole heading per period, so that a language can say each its own way.
BY = {Period.WEEK: N_("By week"), Period.MONTH: N_("By month"), Period.QUARTER: N_("By quarter")}


# A quarter's total with hidden months is a range, "10-11": a spreadsheet would read that as a date.
_RANGE = re.compile(r"(\d+(?:\.\d+)?%?)-(\d+(?:\.\d+)?%?)")
_MEASURES = frozenset(column.key for column in COUNTS)


def _spreadsheet_text(row: Mapping[str, Any]) -> dict[str, Any]:
    """The row with each range among its measures written "10 to 11", which a spreadsheet keeps as text."""
    return {
        key: _RANGE.sub(r"\1 to \2", value) if key in _MEASURES and isinstance(value, str) else value
        for key, value in row.items()
    }


def _range(report: LeadReport) -> str:
    if report.since and report.until:
        return _("{since} to {until}").format(since=report.since.isoformat(), until=report.until.isoformat())
    if report.since:
        return _("from {since}").format(since=report.since.isoformat())
    if report.until:
        return _("up to {until}").format(until=report.until.isoformat())
    return _("every meeting")


def render_lead_report(report: LeadReport, form: Format) -> str:
    """JSON is the report's documented shape; CSV one row per group per period; table and Markdown both."""
    if form is Format.JSON:
        return render([], [], form, document=report.to_dict())
    if form is Format.CSV:
        return render([_spreadsheet_text(row) for row in report.period_rows()], CSV_COLUMNS, form)
    summary = render(report.summary_rows(), SUMMARY_COLUMNS, form)
    periods = render(report.period_rows(), PERIOD_COLUMNS, form)
    titles = (_("Summary, {range}").format(range=_range(report)), _(BY[Period(report.by)]))
    if form is Format.MARKDOWN:
        return f"## {titles[0]}\n\n{summary}\n\n## {titles[1]}\n\n{periods}"
    return f"{titles[0]}\n\n{summary}\n\n{titles[1]}\n\n{periods}"
