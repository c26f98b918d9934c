"""`circle members …`: import and list a group's members, and care for the roster: rename, merge, retire, erase.

A NAME is a member as `circle members list` shows them: one that fits two people is refused, never applied to
the first.
"""

from __future__ import annotations

from pathlib import Path

import click

from circle.cli.support import confirmed, group_named, one_line_errors, safe
from circle.domain.errors import CircleError
from circle.domain.roster import parse_roster_csv


@click.group()
def members() -> None:
    """Import, list and care for a group's members."""


@members.command("import")
@click.argument("group_name", metavar="GROUP")
@click.argument("csv_file", metavar="FILE.csv", type=click.Path(dir_okay=False, path_type=Path))
@one_line_errors
def members_import(group_name: str, csv_file: Path) -> None:
    """Add members from a CSV with a 'name' column and an optional 'joined' (YYYY-MM-DD)."""
    try:
        text = csv_file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CircleError(f"No file at {csv_file}.") from None
    except UnicodeDecodeError:
        raise CircleError(f"{csv_file} is not UTF-8 text.") from None
    entries = parse_roster_csv(text)
    with group_named(group_name) as (workspace, found):
        added = workspace.add_members(found.id, entries)
        click.echo(f"Imported {len(added)} member{'s' if len(added) != 1 else ''} into {safe(found.name)}.")


@members.command("list")
@click.argument("group_name", metavar="GROUP")
@one_line_errors
def members_list(group_name: str) -> None:
    """List a group's members as the app shows them (namesakes with the month they joined), tab-separated:
    name, joined, and 'retired' for someone no longer coming."""
    with group_named(group_name) as (workspace, found):
        for member in workspace.members(found.id):
            joined = member.joined_on.isoformat() if member.joined_on else ""
            click.echo(f"{safe(member.shown)}\t{joined}" + ("\tretired" if member.retired else ""))


@members.command("rename")
@click.argument("group_name", metavar="GROUP")
@click.argument("name")
@click.argument("new_name")
@one_line_errors
def members_rename(group_name: str, name: str, new_name: str) -> None:
    """Give a member a new name, kept as the group's names rule allows."""
    with group_named(group_name) as (workspace, found):
        member = workspace.find_member(found.id, name)
        renamed = workspace.rename_member(found.id, member.id, new_name)
        click.echo(f"Renamed to {safe(renamed.shown)}")  # no full stop: a name may end in one


@members.command("merge")
@click.argument("group_name", metavar="GROUP")
@click.argument("keep")
@click.argument("other")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@one_line_errors
def members_merge(group_name: str, keep: str, other: str, yes: bool) -> None:
    """Two entries for the same person become one: OTHER's attendance and notes become KEEP's, OTHER goes."""
    with group_named(group_name) as (workspace, found):
        kept, gone = workspace.find_member(found.id, keep), workspace.find_member(found.id, other)
        confirmed(yes, f"Merge {safe(gone.shown)} into {safe(kept.shown)}? {safe(gone.shown)}'s entry is deleted.",
                  "merge two members")
        merged = workspace.merge_members(found.id, kept.id, gone.id)
        click.echo(f"Merged into {safe(merged.shown)}; a meeting both were marked at counts once.")


@members.command("retire")
@click.argument("group_name", metavar="GROUP")
@click.argument("name")
@click.option("--undo", is_flag=True, help="They are coming again: offer them at meetings again.")
@one_line_errors
def members_retire(group_name: str, name: str, undo: bool) -> None:
    """No longer coming: kept for past attendance (as counts), not offered at new meetings."""
    with group_named(group_name) as (workspace, found):
        member = workspace.find_member(found.id, name)
        workspace.retire_member(found.id, member.id, retired=not undo)
        said = "is offered at meetings again" if undo else "is no longer offered at meetings; past attendance stays"
        click.echo(f"{safe(member.shown)} {said}.")


@members.command("erase")
@click.argument("group_name", metavar="GROUP")
@click.argument("name")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@one_line_errors
def members_erase(group_name: str, name: str, yes: bool) -> None:
    """Forget someone now, on their request: name, join date and notes about them deleted for real; the
    meetings they came to keep only anonymous counts."""
    with group_named(group_name) as (workspace, found):
        member = workspace.find_member(found.id, name)
        confirmed(yes, f"Erase {safe(member.shown)} and every note about them, for good?", "erase someone")
        notes = workspace.erase_member(found.id, member.id)
        click.echo(f"Erased, with {notes} note{'s' if notes != 1 else ''} about them; their attendance stays as counts.")

