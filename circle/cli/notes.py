"""`circle notes list`: a group's follow-ups, as its rules keep them."""

from __future__ import annotations

import click

from circle.cli.support import group_named, one_line_errors, safe
from circle.language import _


@click.group(help=_("Follow-ups and the other brief notes a group's rules allow."))
def notes() -> None:
    pass


@notes.command("list", help=_(
    "Print the group's follow-ups due, one per line: date, kind, person, what, status (tab-separated)."
))
@click.argument("group_name", metavar="GROUP")
@click.option("--all", "everything", is_flag=True, help=_("Also follow-ups already done, and debriefs."))
@one_line_errors
def notes_list(group_name: str, everything: bool) -> None:
    with group_named(group_name) as (workspace, found):
        names = {member.id: member.shown for member in workspace.members(found.id)}
        for note in workspace.notes(found.id):
            if not (everything or note.is_open):
                continue
            what = _(note.action.title) if note.action else note.text  # the action's title is circle's, the text theirs
            status = _("open") if note.is_open else _("done") if note.resolved_at else "-"
            written = note.created_at.astimezone().date().isoformat()
            fields = [written, str(note.kind), names.get(note.member_id or "", ""), what, status]
            click.echo("\t".join(safe(field).replace("\t", " ") for field in fields))
