"""circle's subcommands, for scripts and for people who prefer a command line.

The few commands about the vault itself are here; each group of commands has a module of its own,
loaded only when one of its commands runs."""

from __future__ import annotations

import importlib

import click

from circle import __version__
from circle.cli.click_words import speak_through_click
from circle.cli.support import (
    PASSPHRASE_VARIABLE,
    fail,
    one_line_errors,
    read_new_passphrase,
    read_passphrase,
    unlocked_workspace,
)
from circle.domain.errors import CircleError
from circle.domain.passphrase import strength
from circle.language import _, current
from circle.paths import locations

# Before the decorators below: click words some of its help ("Show the version and exit.") as they run.
speak_through_click(current())


class LazyGroup(click.Group):
    """Subcommands kept in modules of their own load only when they run: `circle trends` skips the lead's code."""

    LAZY = {
        "demo": "circle.cli.apps.demo",
        "display": "circle.cli.apps.display",
        "facilitator": "circle.cli.facilitators.facilitator",
        "group": "circle.cli.groups.group",
        "handoff": "circle.cli.handoff.handoff",
        "lead": "circle.cli.lead.lead",
        "meeting": "circle.cli.meetings.meeting",
        "members": "circle.cli.members.members",
        "notes": "circle.cli.notes.notes",
        "passphrase": "circle.cli.facilitators.passphrase",
        "themes": "circle.cli.themes.themes",
        "trends": "circle.cli.trends.trends",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.LAZY])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.LAZY:
            module, name = self.LAZY[cmd_name].rsplit(".", 1)
            return getattr(importlib.import_module(module), name)
        return super().get_command(ctx, cmd_name)


# Help is given as help=_(...), not as docstrings: the language is chosen before this module is imported.
@click.group(
    cls=LazyGroup, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]},
    help=_("A calm companion for facilitators of peer-support groups."),
)
@click.version_option(__version__, prog_name="circle")
@click.pass_context
def cli(context: click.Context) -> None:
    if context.invoked_subcommand is None:
        from circle.ui.launch import (
            open_app,  # only here: a subcommand loads nothing of the app
        )

        open_app(None)


@cli.command(help=_("Print where circle keeps its data, config and your own themes."))
@one_line_errors
def locate() -> None:
    where = locations()
    click.echo(_("data:   {path}").format(path=where.data))
    click.echo(_("vault:  {path}").format(path=where.vault_file))
    click.echo(_("config: {path}").format(path=where.config_file))
    click.echo(_("themes: {path}").format(path=where.themes))


@cli.command(help=_("Create the vault and your passphrase."))
@click.option("--handle", default="Facilitator", help=_("How co-facilitators will see you."))
@one_line_errors
def init(handle: str) -> None:
    from circle.workspace import Workspace

    with Workspace.open() as workspace:
        if not workspace.is_new:
            raise CircleError(_("This vault already has a facilitator; nothing was changed."))
        passphrase = read_new_passphrase(_("Choose a passphrase"), variable=PASSPHRASE_VARIABLE, what="passphrase")
        workspace.create_facilitator(handle, passphrase)
        click.echo(_("Vault created. {hint}").format(hint=strength(passphrase).hint))


@cli.command(help=_("Remove now what the groups' rules no longer allow to be kept (this also happens at every unlock)."))
@one_line_errors
def purge() -> None:
    with unlocked_workspace() as workspace:
        report = workspace.last_purge
    if report.problem:
        raise CircleError(report.problem)
    if not report.removed_anything:
        click.echo(_("Nothing had expired; nothing was removed."))
        return
    click.echo(_("Removed {notes} and forgot {people}.").format(
        notes=report.notes_removed, people=report.people_forgotten
    ))


@cli.command(
    "accept-changes", help=_("Go on with the vault as it is, after circle reported that it was changed outside circle.")
)
@one_line_errors
def accept_changes() -> None:
    from circle.workspace import Workspace

    with Workspace.open() as workspace:
        if workspace.is_new:
            raise CircleError(_("This vault has no facilitator yet; there is nothing to accept."))
        workspace.unlock(read_passphrase(), accept_changes=True)
    click.echo(_("The vault is accepted as it is now; circle will notice any change made outside it from here on."))


def run() -> None:
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        fail(_("interrupted."))
