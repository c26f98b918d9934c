"""`circle group …`: add a group from a template, and list your groups."""

from __future__ import annotations

import click

from circle.cli.support import one_line_errors, safe, unlocked_workspace
from circle.domain.templates import DEFAULT_TEMPLATE, TEMPLATES


@click.group()
def group() -> None:
    """Create and list groups."""


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
