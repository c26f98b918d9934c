"""`circle group …`: add a group from a template, list your groups, show or share one's format, delete one."""

from __future__ import annotations

import click

from circle.cli.group_format import group_format, group_show
from circle.cli.questions import confirmed
from circle.cli.support import (
    group_named,
    one_line_errors,
    safe,
    unlocked_workspace,
)
from circle.domain.templates import DEFAULT_TEMPLATE, TEMPLATES, templates_in
from circle.language import LANGUAGES, _, current


@click.group(help=_("Create, list, show and delete groups; share a group's format."))
def group() -> None:
    pass


group.add_command(group_show)
group.add_command(group_format)


@group.command("add", help=_("Add a group from a template."))
@click.argument("name")
@click.option(
    "--template", "template_key", default=DEFAULT_TEMPLATE, show_default=True,
    type=click.Choice(list(TEMPLATES)), help=_("The meeting format and agreements to start from."),
)
@click.option(
    "--language", type=click.Choice(list(LANGUAGES)),
    help=_("The language the group meets in: its templates, room display and pacer (by default yours)."),
)
@one_line_errors
def group_add(name: str, template_key: str, language: str | None) -> None:
    with unlocked_workspace() as workspace:
        created = workspace.create_group(name, template_key, language)
        title = templates_in(current())[template_key].title
        click.echo(_("Added {name} ({template}).").format(name=safe(created.name), template=title))


@group.command("list", help=_("List groups with their last and next meeting."))
@one_line_errors
def group_list() -> None:
    with unlocked_workspace() as workspace:
        overviews = workspace.groups()
        if not overviews:
            click.echo(_("No groups yet. Add one with: circle group add NAME"))
        for overview in overviews:
            last = overview.last_held_on.isoformat() if overview.last_held_on else _("never")
            upcoming = overview.next_meeting_on.isoformat() if overview.next_meeting_on else _("not set")
            click.echo(
                _("{name}\tmembers {members}\tlast {last}\tnext {next}").format(
                    name=safe(overview.name), members=overview.members, last=last, next=upcoming
                )
            )


@group.command("delete", help=_("Delete a whole group for real: its roster, meetings, notes and key slots."))
@click.argument("group_name", metavar="GROUP")
@click.option("--yes", is_flag=True, help=_("Do not ask for confirmation."))
@one_line_errors
def group_delete(group_name: str, yes: bool) -> None:
    with group_named(group_name) as (workspace, found):
        confirmed(
            yes, _("Delete {name} with everything kept about it, for good?").format(name=safe(found.name)),
            _("Add --yes to delete a group from a script."),
        )
        workspace.delete_group(found.id)
        click.echo(_("Deleted {name}.").format(name=safe(found.name)))
