"""`circle facilitator …` and `circle passphrase`: who may open a group, and your own passphrase."""

from __future__ import annotations


import click

from circle.cli.questions import confirmed
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
from circle.language import _


@click.group(help=_("Add, list and remove the facilitators of a group."))
def facilitator() -> None:
    pass


@facilitator.command("list", help=_("List who holds the group's key in this vault; '(you)' marks you."))
@click.argument("group_name", metavar="GROUP")
@one_line_errors
def facilitator_list(group_name: str) -> None:
    with group_named(group_name) as (workspace, found):
        for entry in workspace.facilitators(found.id):
            click.echo(_("{handle} (you)").format(handle=safe(entry.handle)) if entry.is_you else safe(entry.handle))


@facilitator.command("add", help=_(
    "Add a co-facilitator to GROUP; they choose their own passphrase (CIRCLE_NEW_PASSPHRASE in scripts).\n\n"
    "Someone who already facilitates another of your groups is given GROUP as they are, passphrase and all."
))
@click.argument("group_name", metavar="GROUP")
@click.option("--handle", required=True, help=_("How the others will see the new co-facilitator."))
@one_line_errors
def facilitator_add(group_name: str, handle: str) -> None:
    with group_named(group_name) as (workspace, found):
        wanted = handle.strip().casefold()
        existing = [entry for entry in workspace.others_to_give(found.id) if entry.handle.casefold() == wanted]
        if existing:
            given = workspace.give_group(found.id, existing[0].id)
            click.echo(_("{handle} already unlocks circle here; they can now open {name} too.").format(
                handle=safe(given.handle), name=safe(found.name)
            ))
            return
        passphrase = read_new_passphrase(_("Co-facilitator, choose your passphrase"))
        added = workspace.add_cofacilitator(found.id, handle, passphrase)
        click.echo(_("{handle} can now open {name} with their own passphrase. {hint}").format(
            handle=safe(added.handle), name=safe(found.name), hint=strength(passphrase).hint
        ))


@facilitator.command("remove", help=_(
    "Remove a facilitator from GROUP. The group's key is changed, so their passphrase opens nothing new."
))
@click.argument("group_name", metavar="GROUP")
@click.argument("handle")
@click.option("--yes", is_flag=True, help=_("Do not ask for confirmation."))
@one_line_errors
def facilitator_remove(group_name: str, handle: str, yes: bool) -> None:
    with group_named(group_name) as (workspace, found):
        wanted = handle.strip().casefold()
        matches = [entry for entry in workspace.facilitators(found.id) if entry.handle.casefold() == wanted]
        if not matches:
            raise CircleError(_("Nobody of that handle facilitates this group (see 'circle facilitator list')."))
        confirmed(
            yes, _("Remove {handle} from {name}?").format(handle=safe(matches[0].handle), name=safe(found.name)),
            _("Add --yes to remove a facilitator from a script."),
        )
        workspace.remove_facilitator(found.id, matches[0].id)
        click.echo(_("Removed. {name} has a new key; the removed passphrase opens nothing written from now on.").format(
            name=safe(found.name)
        ))


@click.command(help=_(
    "Change your passphrase (CIRCLE_PASSPHRASE is the current one, CIRCLE_NEW_PASSPHRASE the new, in scripts)."
))
@one_line_errors
def passphrase() -> None:
    current = read_passphrase(_("Current passphrase"))
    with unlocked_workspace(current) as workspace:
        chosen = read_new_passphrase(_("New passphrase"))
        workspace.change_passphrase(current, chosen)
        click.echo(_("Passphrase changed. {hint}").format(hint=strength(chosen).hint))
