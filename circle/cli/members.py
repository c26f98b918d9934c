"""`circle members …`: import and list a group's members, and care for the roster: rename, merge, retire, erase.

A NAME is a member as `circle members list` shows them: one that fits two people is refused, never applied to
the first.
"""

from __future__ import annotations

from pathlib import Path

import click

from circle.cli.questions import confirmed
from circle.cli.support import group_named, one_line_errors, safe
from circle.domain.errors import CircleError
from circle.domain.roster import parse_roster_csv
from circle.language import _, ngettext


@click.group(help=_("Import, list and care for a group's members."))
def members() -> None:
    pass


@members.command("import", help=_("Add members from a CSV with a 'name' column and an optional 'joined' (YYYY-MM-DD)."))
@click.argument("group_name", metavar="GROUP")
@click.argument("csv_file", metavar="FILE.csv", type=click.Path(dir_okay=False, path_type=Path))
@one_line_errors
def members_import(group_name: str, csv_file: Path) -> None:
    try:
        text = csv_file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CircleError(_("No file at {file}.").format(file=csv_file)) from None
    except UnicodeDecodeError:
        raise CircleError(_("{file} is not UTF-8 text.").format(file=csv_file)) from None
    entries = parse_roster_csv(text)
    with group_named(group_name) as (workspace, found):
        added = workspace.add_members(found.id, entries)
        click.echo(ngettext(
            "Imported {count} member into {name}.", "Imported {count} members into {name}.", len(added)
        ).format(count=len(added), name=safe(found.name)))


@members.command("list", help=_(
    "List a group's members as the app shows them (namesakes with the month they joined), tab-separated: "
    "name, joined, and 'retired' for someone no longer coming."
))
@click.argument("group_name", metavar="GROUP")
@one_line_errors
def members_list(group_name: str) -> None:
    with group_named(group_name) as (workspace, found):
        for member in workspace.members(found.id):
            joined = member.joined_on.isoformat() if member.joined_on else ""
            click.echo(f"{safe(member.shown)}\t{joined}" + ("\t" + _("retired") if member.retired else ""))


@members.command("rename", help=_("Give a member a new name, kept as the group's names rule allows."))
@click.argument("group_name", metavar="GROUP")
@click.argument("name")
@click.argument("new_name")
@one_line_errors
def members_rename(group_name: str, name: str, new_name: str) -> None:
    with group_named(group_name) as (workspace, found):
        member = workspace.find_member(found.id, name)
        renamed = workspace.rename_member(found.id, member.id, new_name)
        click.echo(_("Renamed to {name}").format(name=safe(renamed.shown)))  # no full stop: a name may end in one


@members.command("merge", help=_(
    "Two entries for the same person become one: OTHER's attendance and notes become KEEP's, OTHER goes."
))
@click.argument("group_name", metavar="GROUP")
@click.argument("keep")
@click.argument("other")
@click.option("--yes", is_flag=True, help=_("Do not ask for confirmation."))
@one_line_errors
def members_merge(group_name: str, keep: str, other: str, yes: bool) -> None:
    with group_named(group_name) as (workspace, found):
        kept, gone = workspace.find_member(found.id, keep), workspace.find_member(found.id, other)
        confirmed(
            yes, _("Merge {other} into {kept}? {other}'s entry is deleted.").format(
                other=safe(gone.shown), kept=safe(kept.shown)
            ),
            _("Add --yes to merge two members from a script."),
        )
        merged = workspace.merge_members(found.id, kept.id, gone.id)
        click.echo(_("Merged into {name}; a meeting both were marked at counts once.").format(name=safe(merged.shown)))


@members.command("retire", help=_("No longer coming: kept for past attendance (as counts), not offered at new meetings."))
@click.argument("group_name", metavar="GROUP")
@click.argument("name")
@click.option("--undo", is_flag=True, help=_("They are coming again: offer them at meetings again."))
@one_line_errors
def members_retire(group_name: str, name: str, undo: bool) -> None:
    with group_named(group_name) as (workspace, found):
        member = workspace.find_member(found.id, name)
        workspace.retire_member(found.id, member.id, retired=not undo)
        said = (
            _("{name} is offered at meetings again.") if undo
            else _("{name} is no longer offered at meetings; past attendance stays.")
        )
        click.echo(said.format(name=safe(member.shown)))


@members.command("erase", help=_(
    "Forget someone now, on their request: name, join date and notes about them deleted for real; the "
    "meetings they came to keep only anonymous counts."
))
@click.argument("group_name", metavar="GROUP")
@click.argument("name")
@click.option("--yes", is_flag=True, help=_("Do not ask for confirmation."))
@one_line_errors
def members_erase(group_name: str, name: str, yes: bool) -> None:
    with group_named(group_name) as (workspace, found):
        member = workspace.find_member(found.id, name)
        confirmed(
            yes, _("Erase {name} and every note about them, for good?").format(name=safe(member.shown)),
            _("Add --yes to erase someone from a script."),
        )
        notes = workspace.erase_member(found.id, member.id)
        click.echo(ngettext(
            "Erased, with {count} note about them; their attendance stays as counts.",
            "Erased, with {count} notes about them; their attendance stays as counts.", notes,
        ).format(count=notes))

