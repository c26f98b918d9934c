"""`circle themes …`: list the themes, and check a theme file of your own."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from circle.cli.support import one_line_errors, safe
from circle.domain.errors import CircleError
from circle.language import _
from circle.paths import locations


@click.group(help=_("List the themes and check a theme file of your own."))
def themes() -> None:
    pass


@themes.command("list", help=_("List the themes, bundled and yours; * marks the chosen one."))
@one_line_errors
def themes_list() -> None:
    from circle.config import load_settings
    from circle.ui.themes.files import load_catalog

    where = locations()
    settings, config_problem = load_settings(where.config_file)
    if config_problem:
        click.echo(config_problem, err=True)
    catalog = load_catalog(where.themes)
    for name in sorted(catalog.themes):
        origin = _("(yours)") if name in catalog.yours else _("(bundled)")
        click.echo(f"{name} {origin}{' *' if name == settings.theme else ''}")
    for _file, reason in catalog.failed:
        click.echo(safe(reason), err=True)
    if not catalog.themes:
        raise CircleError(_("no theme could be loaded."))


@themes.command("check", help=_("Check a theme file and print every problem in it, one per line."))
@click.argument("theme_file", metavar="FILE", type=click.Path(path_type=Path))
@one_line_errors
def themes_check(theme_file: Path) -> None:
    from circle.ui.themes.files import check_theme_file

    problems = check_theme_file(theme_file)
    if not problems:
        click.echo(_("{file}: ok").format(file=safe(str(theme_file))))
        return
    for problem in problems:
        click.echo(safe(problem), err=True)
    sys.exit(1)
