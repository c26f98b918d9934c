"""`circle meeting …`: a group's meetings listed, a date cancelled, a meeting opened by mistake discarded."""

from __future__ import annotations

import sys

import click

from circle.cli.support import group_named, one_line_errors, parse_day, safe
from circle.domain.errors import CircleError, InvalidInput
from circle.domain.meeting_changes import one_to_discard
from circle.domain.records import CancelReason, MeetingRecord, MeetingStatus

# How a status reads on the command line: a meeting closed is one held.
_STATUS_WORDS = {MeetingStatus.CLOSED: "held", MeetingStatus.CANCELLED: "cancelled", MeetingStatus.OPEN: "open"}


def meeting_line(meeting: MeetingRecord) -> str:
    """date, status, headcount and guests ('-' when nobody was counted: cancelled, or still open), reason
    (tab-separated). The headcount includes the guests."""
    held = meeting.status is MeetingStatus.CLOSED
    counts = [str(meeting.headcount), str(meeting.guests)] if held else ["-", "-"]
    reason = meeting.cancel_reason.words if meeting.cancel_reason else ""
    return "\t".join([meeting.held_on.isoformat(), _STATUS_WORDS[meeting.status], *counts, reason])


@click.group()
def meeting() -> None:
    """A group's meetings: list them, cancel a date, discard one opened by mistake."""


@meeting.command("list")
@click.argument("group_name", metavar="GROUP")
@click.option("--since", help="From this day on (YYYY-MM-DD).")
@click.option("--until", help="Up to this day (YYYY-MM-DD).")
@one_line_errors
def meeting_list(group_name: str, since: str | None, until: str | None) -> None:
    """Print the group's meetings, one per line: date, status, headcount, guests, reason if cancelled (tab-separated)."""
    first, last = parse_day(since, "--since"), parse_day(until, "--until")
    if first and last and first > last:
        raise InvalidInput("--since is after --until; nothing can be in between.")
    with group_named(group_name) as (workspace, found):
        for kept in workspace.kept_meetings(found.id, first, last):
            click.echo(meeting_line(kept))


@meeting.command("cancel")
@click.argument("group_name", metavar="GROUP")
@click.option("--date", "day", required=True, help="The day the group does not (or did not) meet, YYYY-MM-DD.")
@click.option("--reason", type=click.Choice([str(reason) for reason in CancelReason]), default="other",
              show_default=True, help="Why: kept sealed with the cancelled meeting.")
@one_line_errors
def meeting_cancel(group_name: str, day: str, reason: str) -> None:
    """Cancel a date, ahead of time or after: trends count it as cancelled, never as a meeting held."""
    on = parse_day(day, "--date")
    assert on is not None  # --date is required
    with group_named(group_name) as (workspace, found):
        why = CancelReason(reason)
        workspace.cancel_meeting(found.id, on, why)
        click.echo(f"{safe(found.name)}: {on:%a %d %b %Y} is cancelled ({why.words}).")


@meeting.command("discard")
@click.argument("group_name", metavar="GROUP")
@click.option("--date", "day", required=True, help="The day of the meeting opened by mistake, YYYY-MM-DD.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@one_line_errors
def meeting_discard(group_name: str, day: str, yes: bool) -> None:
    """Discard a meeting opened by mistake: its counts and attendance are deleted for real, and trends forget it."""
    on = parse_day(day, "--date")
    assert on is not None  # --date is required
    with group_named(group_name) as (workspace, found):
        chosen = one_to_discard(on, workspace.kept_meetings(found.id, on, on))
        if not yes:
            if not sys.stdin.isatty():
                raise CircleError("Add --yes to discard a meeting from a script.")
            what = _STATUS_WORDS[chosen.status]
            click.confirm(f"Discard the {what} meeting of {on:%a %d %b %Y} from {safe(found.name)}?", abort=True)
        workspace.discard_meeting(found.id, chosen.id)
        click.echo(f"Discarded: {safe(found.name)}'s meeting of {on:%a %d %b %Y} and its counts are gone.")
