"""`circle trends`: how your groups are doing, by week, month or quarter, from counts and dates alone.

Without --names the report holds no one's name, so it can be shared. --names adds who stopped coming,
for the group's own facilitators to reach out to; a CSV never carries it, being the form most often
passed on. The JSON document is specified in docs/TRENDS.md.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import click

from circle.cli.support import one_line_errors, parse_day, safe, unlocked_workspace
from circle.domain.errors import CircleError, InvalidInput
from circle.domain.text import sanitise
from circle.domain.trends.periods import Period
from circle.domain.trends.series import period_columns
from circle.language import N_, _
from circle.reports.columns import COUNTS, DAYS, GROUP, PERIOD
from circle.reports.render import Format, csv_of_columns, markdown_text, render
from circle.workspace.trends import load_counting

if TYPE_CHECKING:
    from circle.domain.trends.compute import PeriodTrend, TrendReport
    from circle.workspace import Workspace

JSON_FORMAT_VERSION = 1
NAMES_HEADING = N_("Stopped coming, for you alone (not to be shared):")

CSV_COLUMNS = (GROUP, PERIOD, *DAYS, *COUNTS)
# On screen and in Markdown the label names the period, which keeps the table narrow enough to read.
MARKDOWN_COLUMNS = (GROUP, PERIOD, *COUNTS)
TABLE_COLUMNS = (PERIOD, *COUNTS)  # one table per group, under its name
_COUNT_KEYS = tuple(column.key for column in COUNTS)
_counts_of = attrgetter(*_COUNT_KEYS)  # all of a period's counts in one call: a report of years has thousands


@dataclass(frozen=True)
class _Group:
    id: str
    name: str  # sanitised
    periods: tuple[PeriodTrend, ...]
    stopped_coming: list[str] | None  # only with --names; None when the group's rules keep no names

    @property
    def rows(self) -> list[dict[str, Any]]:
        return [_period_row(each) for each in self.periods]


def _period_row(period: PeriodTrend) -> dict[str, Any]:
    row = dict(zip(_COUNT_KEYS, _counts_of(period), strict=True))
    row["period"] = period.label
    row["first_day"], row["last_day"] = period.first_day.isoformat(), period.last_day.isoformat()
    row["pulse"] = None if period.pulse is None else list(period.pulse)  # JSON only: the hands for answers 1 to 5
    return row


def _chosen_ids(workspace: Workspace, names: Sequence[str]) -> list[str] | None:
    """The groups named (UnknownGroup for a name you do not hold), or None for all of yours."""
    return [workspace.find_group(name).id for name in names] if names else None


def _groups(
    workspace: Workspace, report: TrendReport, names: bool, since: date | None, until: date | None
) -> list[_Group]:
    found = []
    for group_id, trends in report.groups.items():
        stopped: list[str] | None = None
        if names and workspace.group(group_id).rules.keeps_names:
            stopped = [sanitise(name) for name in workspace.dropped_off_names(group_id, since=since, until=until)]
        name = sanitise(workspace.group_name(group_id))
        found.append(_Group(group_id, name, trends.periods, stopped))
    return sorted(found, key=lambda each: (each.name.casefold(), each.id))


def _document(report: TrendReport, groups: list[_Group], names: bool) -> dict[str, Any]:
    entries = []
    for group in groups:
        entry: dict[str, Any] = {"id": group.id, "name": group.name, "periods": group.rows}
        if names:
            entry["stopped_coming"] = group.stopped_coming
        entries.append(entry)
    return {"format": JSON_FORMAT_VERSION, **report.header(), "groups": entries}


def _stopped(group: _Group, shown: Callable[[str], str]) -> str:
    if group.stopped_coming is None:
        return _("– (this group keeps no names)")
    return ", ".join(map(shown, group.stopped_coming)) or _("nobody")


def _table(groups: list[_Group], names: bool) -> str:
    blocks = []
    for group in groups:
        lines = [safe(group.name), render(group.rows, TABLE_COLUMNS, Format.TABLE)]
        if names:
            lines.append(_("Stopped coming: {names}").format(names=_stopped(group, safe)))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _markdown(groups: list[_Group], names: bool) -> str:
    rows = [{"group": group.name, **period} for group in groups for period in group.rows]
    text = render(rows, MARKDOWN_COLUMNS, Format.MARKDOWN)
    if names:
        listed = [f"- {markdown_text(group.name)}: {_stopped(group, markdown_text)}" for group in groups]
        text += "\n\n" + "\n".join([_(NAMES_HEADING), "", *listed])
    return text


def _csv(groups: list[_Group]) -> str:
    """Straight from the periods, a column at a time: a report of years has thousands of rows."""
    found = period_columns([period for group in groups for period in group.periods])
    named = [group.name for group in groups for _ in group.periods]
    days = (found["first_day"], found["last_day"])  # a day's field is made once per column, as every value's is
    return csv_of_columns(CSV_COLUMNS, [named, found["label"], *days, *(found[key] for key in _COUNT_KEYS)])


def _output(report: TrendReport, groups: list[_Group], form: Format, names: bool) -> str:
    if form is Format.JSON:
        return render([], CSV_COLUMNS, form, document=_document(report, groups, names))
    if form is Format.CSV:
        return _csv(groups)
    if form is Format.MARKDOWN:
        return _markdown(groups, names)
    return _table(groups, names)


@click.command(help=_(
    "Attendance trends of your groups: meetings, attendance, newcomers coming back, retention, drop-off.\n\n"
    "Counts only, so the report can be shared; see docs/TRENDS.md for what each measure means."
))
@click.option("--group", "group_names", multiple=True, metavar="NAME",
              help=_("A group to report on (repeat for more); all of yours by default."))
@click.option("--since", metavar="DATE", help=_("The first day to report on (YYYY-MM-DD)."))
@click.option("--until", metavar="DATE", help=_("The last day to report on (YYYY-MM-DD)."))
@click.option("--by", "by", type=click.Choice([each.value for each in Period]), default=Period.MONTH.value,
              show_default=True, help=_("One row per week, month or quarter."))
@click.option("--format", "form", type=click.Choice([each.value for each in Format]), default=Format.TABLE.value,
              show_default=True, help=_("How the report is written."))
@click.option("--names", is_flag=True,
              help=_("Also list who stopped coming, where the group's rules keep names: for you alone, not to share."))
@one_line_errors
def trends(group_names: tuple[str, ...], since: str | None, until: str | None, by: str, form: str,
           names: bool) -> None:
    first, last = parse_day(since, "--since"), parse_day(until, "--until")
    if first and last and first > last:
        raise InvalidInput(_("--since {since} is after --until {until}.").format(since=since, until=until))
    chosen = Format(form)
    if names and chosen is Format.CSV:
        raise InvalidInput(_("--names is never written to a CSV, which is made to be passed on; "
                             "use --format table, markdown or json."))
    period = Period(by)
    with unlocked_workspace(read_only=True, meanwhile=load_counting) as workspace:
        chosen_ids = _chosen_ids(workspace, group_names)
        report = workspace.trends(chosen_ids, by=period, since=first, until=last, meetings=False)
        if report.is_empty:
            raise CircleError(_("no meetings in this range."))
        groups = _groups(workspace, report, names, first, last)
    text = _output(report, groups, chosen, names)
    # Every CSV record ends in CRLF, the last one too (RFC 4180).
    click.echo(text + "\r\n" if chosen is Format.CSV else text, nl=chosen is not Format.CSV)
