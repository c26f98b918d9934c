"""`circle handoff export` and `circle handoff import`: a group and its meeting, to another laptop and back."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from circle.cli.support import group_named, one_line_errors, safe, unlocked_workspace
from circle.domain.errors import CircleError
from circle.language import _
from circle.workspace import handoff_file_name, read_handoff_file

CODE_VARIABLE = "CIRCLE_HANDOFF_CODE"


@click.group(help=_("Hand a group (and its meeting in progress) to a co-facilitator's laptop, and merge it back."))
def handoff() -> None:
    pass


@handoff.command("export", help=_("Write GROUP, sealed under a one-time code, for 'circle handoff import' on another laptop."))
@click.argument("group_name", metavar="GROUP")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), help=_("Where to write the bundle."))
@one_line_errors
def handoff_export(group_name: str, out: Path | None) -> None:
    with group_named(group_name) as (workspace, found):
        target = out or Path(handoff_file_name(workspace.clock.now()))
        code = workspace.write_handoff(found.id, target)
    click.echo(_("Handoff of {name} written to {file}.").format(name=safe(found.name), file=safe(str(target))))
    click.echo(_("Read this code aloud to your co-facilitator. It is shown only once, and is never stored:"))
    click.echo(f"\n    {code}\n")
    click.echo(_("On their laptop: circle handoff import FILE"))


@handoff.command("import", help=_("Add the group in FILE, or merge it into the one here; asks for the code (or CIRCLE_HANDOFF_CODE)."))
@click.argument("bundle_file", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path))
@one_line_errors
def handoff_import(bundle_file: Path) -> None:
    data = read_handoff_file(bundle_file)
    code = os.environ.get(CODE_VARIABLE)
    with unlocked_workspace() as workspace:
        if code is None:
            if not sys.stdin.isatty():
                raise CircleError(_("No terminal to ask for the code; set {variable} for scripts.").format(
                    variable=CODE_VARIABLE
                ))
            code = click.prompt(_("The code read out to you"))
        result = workspace.import_handoff(data, code)
    for line in result.lines(safe(result.group_name)):
        click.echo(line)
    if result.meeting_open:
        click.echo(_("Its meeting in progress is ready: open circle to carry on where it is."))
