"""`circle facilitator …` and `circle passphrase`: who may open a group, and your own passphrase."""

from __future__ import annotations

import sys

import click

from circle.cli.support import (
    group_named,
    one_line_errors,
    read_new_passphrase,
    read_passphrase,
    safe,
    unlocked_workspace,
)
from circle.domain.errors import CircleError
from circle.domain.passphrase import strength


@click.group()
def facilitator() -> None:
    """Add, list and remove the facilitators of a group."""


@facilitator.command("list")
@click.argument("group_name", metavar="GROUP")
@one_line_errors
def facilitator_list(group_name: str) -> None:
    """List who holds the group's key in this vault; '(you)' marks you."""
    with group_named(group_name) as (workspace, found):
        for entry in workspace.facilitators(found.id):
            click.echo(f"{safe(entry.handle)}{' (you)' if entry.is_you else ''}")


@facilitator.command("add")
@click.argument("group_name", metavar="GROUP")
@click.option("--handle", required=True, help="How the others will see the new co-facilitator.")
@one_line_errors
def facilitator_add(group_name: str, handle: str) -> None:
    """Add a co-facilitator to GROUP; they choose their own passphrase (CIRCLE_NEW_PASSPHRASE in scripts).

    Someone who already facilitates another of your groups is given GROUP as they are, passphrase and all.
    """
    with group_named(group_name) as (workspace, found):
        wanted = handle.strip().casefold()
        existing = [entry for entry in workspace.others_to_give(found.id) if entry.handle.casefold() == wanted]
        if existing:
            given = workspace.give_group(found.id, existing[0].id)
            click.echo(f"{safe(given.handle)} already unlocks circle here; they can now open {safe(found.name)} too.")
            return
        passphrase = read_new_passphrase("Co-facilitator, choose your passphrase")
        added = workspace.add_cofacilitator(found.id, handle, passphrase)
        click.echo(f"{safe(added.handle)} can now open {safe(found.name)} with their own passphrase. "
                   f"{strength(passphrase).hint}")


@facilitator.command("remove")
@click.argument("group_name", metavar="GROUP")
@click.argument("handle")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@one_line_errors
def facilitator_remove(group_name: str, handle: str, yes: bool) -> None:
    """Remove a facilitator from GROUP. The group's key is changed, so their passphrase opens nothing new."""
    with group_named(group_name) as (workspace, found):
        wanted = handle.strip().casefold()
        matches = [entry for entry in workspace.facilitators(found.id) if entry.handle.casefold() == wanted]
        if not matches:
            raise CircleError("Nobody of that handle facilitates this group (see 'circle facilitator list').")
        if not yes:
            if not sys.stdin.isatty():
                raise CircleError("Add --yes to remove a facilitator from a script.")
            click.confirm(f"Remove {safe(matches[0].handle)} from {safe(found.name)}?", abort=True)
        workspace.remove_facilitator(found.id, matches[0].id)
        click.echo(f"Removed. {safe(found.name)} has a new key; the removed passphrase opens nothing written from now on.")


@click.command()
@one_line_errors
def passphrase() -> None:
    """Change your passphrase (CIRCLE_PASSPHRASE is the current one, CIRCLE_NEW_PASSPHRASE the new, in scripts)."""
    current = read_passphrase("Current passphrase")
    with unlocked_workspace(current) as workspace:
        chosen = read_new_passphrase("New passphrase")
        workspace.change_passphrase(current, chosen)
        click.echo(f"Passphrase changed. {strength(chosen).hint}")
