"""`circle display` and `circle demo`: the commands that open a full-screen app."""

from __future__ import annotations

import os
from pathlib import Path

import click
import platformdirs

from circle.cli.support import one_line_errors, read_passphrase
from circle.paths import locations
from circle.ui.launch import open_app


@click.command()
@click.option(
    "--names", is_flag=True,
    help="Show the speaker's first name where the group's rules allow it (asks for your passphrase).",
)
@one_line_errors
def display(names: bool) -> None:
    """Open the room display: the part of the meeting and a big timer, for a screen the group can see."""
    from circle.ui.launch import open_room_display

    open_room_display(locations(), passphrase=read_passphrase if names else None)


@click.command()
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
