"""`circle meeting …`: a group's meetings listed, a date cancelled, a meeting opened by mistake discarded."""

from __future__ import annotations


import click

from circle.cli.questions import confirmed
from circle.cli.support import group_named, one_line_errors, parse_day, safe
from circle.domain.errors import InvalidInput
from circle.domain.meeting_changes import one_to_discard
from circle.domain.records import CancelReason, MeetingRecord, MeetingStatus
from circle.language import N_, _, current
from circle.language.days import day_in

# How a status reads on the command line: a meeting closed is one held.
_STATUS_WORDS = {MeetingStatus.CLOSED: N_("held"), MeetingStatus.CANCELLED: N_("cancelled"), MeetingStatus.OPEN: N_("open")}
_DAY = "EEE dd MMM yyyy"  # "Tue 03 Mar 2026", "mar 03 mar 2026"


def meeting_line(meeting: MeetingRecord) -> str:
    """date, status, headcount and guests ('-' when nobody was counted: cancelled, or still open), reason
    (tab-separated). The headcount includes the guests."""
    held = meeting.status is MeetingStatus.CLOSED
    counts = [str(meeting.headcount), str(meeting.guests)] if held else ["-", "-"]
    reason = meeting.cancel_reason.words if meeting.cancel_reason else ""
    return "\t".join([meeting.held_on.isoformat(), _(_STATUS_WORDS[meeting.status]), *counts, reason])


@click.group(help=_("A group's meetings: list them, cancel a date, discard one opened by mistake."))
def meeting() -> None:
    pass


@meeting.command("list", help=_(
    "Print the group's meetings, one per line: date, status, headcount, guests, reason if cancelled (tab-separated)."
))
@click.argument("group_name", metavar="GROUP")
@click.option("--since", help=_("From this day on (YYYY-MM-DD)."))
@click.option("--until", help=_("Up to this day (YYYY-MM-DD)."))
@one_line_errors
def meeting_list(group_name: str, since: str | None, until: str | None) -> None:
    first, last = parse_day(since, "--since"), parse_day(until, "--until")
    if first and last and first > last:
        raise InvalidInput(_("--since is after --until; nothing can be in between."))
    with group_named(group_name) as (workspace, found):
        for kept in workspace.kept_meetings(found.id, first, last):
            click.echo(meeting_line(kept))


@meeting.command("cancel", help=_(
    "Cancel a date, ahead of time or after: trends count it as cancelled, never as a meeting held."
))
@click.argument("group_name", metavar="GROUP")
@click.option("--date", "day", required=True, help=_("The day the group does not (or did not) meet, YYYY-MM-DD."))
@click.option("--reason", type=click.Choice([str(reason) for reason in CancelReason]), default="other",
              show_default=True, help=_("Why: kept sealed with the cancelled meeting."))
@one_line_errors
def meeting_cancel(group_name: str, day: str, reason: str) -> None:
    on = parse_day(day, "--date")
    assert on is not None  # --date is required
    with group_named(group_name) as (workspace, found):
        why = CancelReason(reason)
        workspace.cancel_meeting(found.id, on, why)
        click.echo(_("{name}: {day} is cancelled ({reason}).").format(
            name=safe(found.name), day=day_in(current(), on, _DAY), reason=why.words
        ))


@meeting.command("discard", help=_(
    "Discard a meeting opened by mistake: its counts and attendance are deleted for real, and trends forget it."
))
@click.argument("group_name", metavar="GROUP")
@click.option("--date", "day", required=True, help=_("The day of the meeting opened by mistake, YYYY-MM-DD."))
@click.option("--yes", is_flag=True, help=_("Do not ask for confirmation."))
@one_line_errors
def meeting_discard(group_name: str, day: str, yes: bool) -> None:
    on = parse_day(day, "--date")
    assert on is not None  # --date is required
    with group_named(group_name) as (workspace, found):
        chosen = one_to_discard(on, workspace.kept_meetings(found.id, on, on))
        said = {"name": safe(found.name), "day": day_in(current(), on, _DAY)}
        confirmed(
            yes, _(_DISCARD_QUESTION[chosen.status]).format(**said), _("Add --yes to discard a meeting from a script.")
        )
        workspace.discard_meeting(found.id, chosen.id)
        click.echo(_("Discarded: {name}'s meeting of {day} and its counts are gone.").format(**said))


# One whole question per status, so that a language agrees the status with "meeting" its own way.
_DISCARD_QUESTION = {
    MeetingStatus.CLOSED: N_("Discard the held meeting of {day} from {name}?"),
    MeetingStatus.CANCELLED: N_("Discard the cancelled meeting of {day} from {name}?"),
    MeetingStatus.OPEN: N_("Discard the open meeting of {day} from {name}?"),
}
