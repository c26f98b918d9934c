"""`circle group …`: add a group from a template, list your groups, show or share one's format, delete one."""

from __future__ import annotations

import click

from circle.cli.group_format import group_format, group_show
from circle.cli.support import confirmed, group_named, one_line_errors, safe, unlocked_workspace
from circle.domain.templates import DEFAULT_TEMPLATE, TEMPLATES


@click.group()
def group() -> None:
    """Create, list, show and delete groups; share a group's format."""


group.add_command(group_show)
group.add_command(group_format)


@group.command("add")
@click.argument("name")
@click.option(
    "--template", "template_key", default=DEFAULT_TEMPLATE, show_default=True,
    type=click.Choice(list(TEMPLATES)), help="The meeting format and agreements to start from.",
)
@one_line_errors
def group_add(name: str, template_key: str) -> None:
    """Add a group from a template."""
    with unlocked_workspace() as workspace:
        created = workspace.create_group(name, template_key)
        click.echo(f"Added {safe(created.name)} ({TEMPLATES[template_key].title}).")


@group.command("list")
@one_line_errors
def group_list() -> None:
    """List groups with their last and next meeting."""
    with unlocked_workspace() as workspace:
        overviews = workspace.groups()
        if not overviews:
            click.echo("No groups yet. Add one with: circle group add NAME")
        for overview in overviews:
            last = overview.last_held_on.isoformat() if overview.last_held_on else "never"
            upcoming = overview.next_meeting_on.isoformat() if overview.next_meeting_on else "not set"
            click.echo(
                f"{safe(overview.name)}\tmembers {overview.members}\tlast {last}\tnext {upcoming}"
            )


@group.command("delete")
@click.argument("group_name", metavar="GROUP")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@one_line_errors
def group_delete(group_name: str, yes: bool) -> None:
    """Delete a whole group for real: its roster, meetings, notes and key slots."""
    with group_named(group_name) as (workspace, found):
        confirmed(yes, f"Delete {safe(found.name)} with everything kept about it, for good?", "delete a group")
        workspace.delete_group(found.id)
        click.echo(f"Deleted {safe(found.name)}.")
