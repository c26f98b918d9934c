"""`circle members …`: import a group's members from a CSV, and list them."""

from __future__ import annotations

from pathlib import Path

import click

from circle.cli.support import group_named, one_line_errors, safe
from circle.domain.errors import CircleError
from circle.domain.roster import parse_roster_csv


@click.group()
def members() -> None:
    """Import and list a group's members."""


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
    """List a group's members, as its names rule keeps them."""
    with group_named(group_name) as (workspace, found):
        for member in workspace.members(found.id):
            joined = member.joined_on.isoformat() if member.joined_on else ""
            click.echo(f"{safe(member.name)}\t{joined}")
