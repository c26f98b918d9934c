"""circle's subcommands, for scripts and for people who prefer a command line."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

import click
import platformdirs

from circle import __version__
from circle.cli.support import (
    PASSPHRASE_VARIABLE,
    fail,
    one_line_errors,
    read_passphrase,
    safe,
    unlocked_workspace,
)
from circle.domain.errors import CircleError
from circle.domain.passphrase import check_new_passphrase, strength
from circle.domain.roster import parse_roster_csv
from circle.domain.templates import DEFAULT_TEMPLATE, TEMPLATES
from circle.ui.launch import open_app
from circle.paths import locations


class LazyGroup(click.Group):
    """Subcommands kept in modules of their own load only when they run: `circle trends` skips the lead's code."""

    LAZY = {
        "facilitator": "circle.cli.facilitators.facilitator",
        "handoff": "circle.cli.handoff.handoff",
        "lead": "circle.cli.lead.lead",
        "passphrase": "circle.cli.facilitators.passphrase",
        "trends": "circle.cli.trends.trends",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.LAZY])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.LAZY:
            module, name = self.LAZY[cmd_name].rsplit(".", 1)
            return getattr(importlib.import_module(module), name)
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="circle")
@click.pass_context
def cli(context: click.Context) -> None:
    """A calm companion for facilitators of peer-support groups."""
    if context.invoked_subcommand is None:
        open_app(None)


@cli.command()
@one_line_errors
def locate() -> None:
    """Print where circle keeps its data, config and your own themes."""
    where = locations()
    click.echo(f"data:   {where.data}")
    click.echo(f"vault:  {where.vault_file}")
    click.echo(f"config: {where.config_file}")
    click.echo(f"themes: {where.themes}")


@cli.command()
@click.option("--handle", default="Facilitator", help="How co-facilitators will see you.")
@one_line_errors
def init(handle: str) -> None:
    """Create the vault and your passphrase."""
    from circle.workspace import Workspace

    with Workspace.open() as workspace:
        if not workspace.is_new:
            raise CircleError("This vault already has a facilitator; nothing was changed.")
        passphrase = read_passphrase("Choose a passphrase")
        scripted = PASSPHRASE_VARIABLE in os.environ
        repeated = passphrase if scripted else read_passphrase("Type it again")
        check_new_passphrase(passphrase, repeated)
        workspace.create_facilitator(handle, passphrase)
        click.echo(f"Vault created. {strength(passphrase).hint}")


@cli.group()
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


@cli.group()
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
    with unlocked_workspace() as workspace:
        found = workspace.find_group(group_name)
        added = workspace.add_members(found.id, entries)
        click.echo(f"Imported {len(added)} member{'s' if len(added) != 1 else ''} into {safe(found.name)}.")


@members.command("list")
@click.argument("group_name", metavar="GROUP")
@one_line_errors
def members_list(group_name: str) -> None:
    """List a group's members, as its names rule keeps them."""
    with unlocked_workspace() as workspace:
        found = workspace.find_group(group_name)
        for member in workspace.members(found.id):
            joined = member.joined_on.isoformat() if member.joined_on else ""
            click.echo(f"{safe(member.name)}\t{joined}")


@cli.group()
def notes() -> None:
    """Follow-ups and the other brief notes a group's rules allow."""


@notes.command("list")
@click.argument("group_name", metavar="GROUP")
@click.option("--all", "everything", is_flag=True, help="Also follow-ups already done, and debriefs.")
@one_line_errors
def notes_list(group_name: str, everything: bool) -> None:
    """Print the group's follow-ups due, one per line: date, kind, person, what, status (tab-separated)."""
    with unlocked_workspace() as workspace:
        found = workspace.find_group(group_name)
        names = {member.id: member.name for member in workspace.members(found.id)}
        for note in workspace.notes(found.id):
            if not (everything or note.is_open):
                continue
            what = note.action.title if note.action else note.text
            status = "open" if note.is_open else "done" if note.resolved_at else "-"
            written = note.created_at.astimezone().date().isoformat()
            fields = [written, str(note.kind), names.get(note.member_id or "", ""), what, status]
            click.echo("\t".join(safe(field).replace("\t", " ") for field in fields))


@cli.command()
@one_line_errors
def purge() -> None:
    """Remove now what the groups' rules no longer allow to be kept (this also happens at every unlock)."""
    with unlocked_workspace() as workspace:
        report = workspace.last_purge
    if report.problem:
        raise CircleError(report.problem)
    if not report.removed_anything:
        click.echo("Nothing had expired; nothing was removed.")
        return
    click.echo(f"Removed {report.notes_removed} and forgot {report.people_forgotten}.")


@cli.group()
def themes() -> None:
    """List the themes and check a theme file of your own."""


@themes.command("list")
@one_line_errors
def themes_list() -> None:
    """List the themes, bundled and yours; * marks the chosen one."""
    from circle.config import load_settings
    from circle.ui.themes.files import load_catalog

    where = locations()
    settings, config_problem = load_settings(where.config_file)
    if config_problem:
        click.echo(config_problem, err=True)
    catalog = load_catalog(where.themes)
    for name in sorted(catalog.themes):
        origin = "(yours)" if name in catalog.yours else "(bundled)"
        click.echo(f"{name} {origin}{' *' if name == settings.theme else ''}")
    for _, reason in catalog.failed:
        click.echo(safe(reason), err=True)
    if not catalog.themes:
        raise CircleError("no theme could be loaded.")


@themes.command("check")
@click.argument("theme_file", metavar="FILE", type=click.Path(path_type=Path))
@one_line_errors
def themes_check(theme_file: Path) -> None:
    """Check a theme file and print every problem in it, one per line."""
    from circle.ui.themes.files import check_theme_file

    problems = check_theme_file(theme_file)
    if not problems:
        click.echo(f"{safe(str(theme_file))}: ok")
        return
    for problem in problems:
        click.echo(safe(problem), err=True)
    sys.exit(1)


@cli.command()
@click.option(
    "--names", is_flag=True,
    help="Show the speaker's first name where the group's rules allow it (asks for your passphrase).",
)
@one_line_errors
def display(names: bool) -> None:
    """Open the room display: the part of the meeting and a big timer, for a screen the group can see."""
    from circle.ui.launch import open_room_display

    open_room_display(locations(), passphrase=read_passphrase if names else None)


@cli.command()
@click.option("--no-open", is_flag=True, help="Build the demo vault and print its folder instead of opening it.")
@click.option("--groups", default=3, show_default=True, type=click.IntRange(1, 200))
@click.option("--years", default=2, show_default=True, type=click.IntRange(1, 20))
@one_line_errors
def demo(no_open: bool, groups: int, years: int) -> None:
    """Build (once) and open a demo vault with synthetic groups. Its passphrase is 'demo'."""
    from circle.demo import build_demo, demo_home

    home = demo_home(_demo_base(), groups, years)
    build_demo(home, groups=groups, years=years)
    if no_open:
        click.echo(str(home))
    else:
        open_app(home)


def _demo_base() -> Path:
    """Demo vaults sit apart from the real one: beside CIRCLE_HOME's data, or in the user cache."""
    if os.environ.get("CIRCLE_HOME"):
        return locations().data.parent
    return Path(platformdirs.user_cache_dir("circle", appauthor=False))


def run() -> None:
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        fail("interrupted.")
