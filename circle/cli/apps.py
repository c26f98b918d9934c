"""`circle display` and `circle demo`: the commands that open a full-screen app."""

from __future__ import annotations

import os
from pathlib import Path

import click
import platformdirs

from circle.cli.support import one_line_errors, read_passphrase
from circle.domain.errors import CircleError
from circle.language import _
from circle.paths import locations
from circle.ui.launch import open_app


@click.command(help=_("Open the room display: the part of the meeting and a big timer, for a screen the group can see."))
@click.option(
    "--names", is_flag=True,
    help=_("Show the speaker's first name where the group's rules allow it (asks for your passphrase)."),
)
@click.option("--web", is_flag=True, help=_("Serve the display as a web page on this laptop, for a TV or a video call."))
@click.option(
    "--port", type=click.IntRange(0, 65535), default=0,
    help=_("With --web: the port to listen on (by default a free one)."),
)
@click.option("--no-open", is_flag=True, help=_("With --web: print the page's address without opening a browser."))
@one_line_errors
def display(names: bool, web: bool, port: int, no_open: bool) -> None:
    if web:
        _serve_room_page(names, port, no_open)
        return
    if port or no_open:
        raise CircleError(_("--port and --no-open go with --web."))
    from circle.ui.launch import open_room_display

    open_room_display(locations(), passphrase=read_passphrase if names else None)


def _serve_room_page(names: bool, port: int, no_open: bool) -> None:
    if names:
        # The page may be shared in a call or left on a screen anyone can photograph.
        raise CircleError(_("The page in a browser never shows names; leave out --names."))
    from circle.web.serve import serve_room
    from circle.workspace import RoomBoard

    serve_room(RoomBoard(locations().room_file), port=port, open_browser=not no_open, say=click.echo)


@click.command(help=_("Build (once) and open a demo vault with synthetic groups. Its passphrase is 'demo'."))
@click.option("--no-open", is_flag=True, help=_("Build the demo vault and print its folder instead of opening it."))
@click.option("--groups", default=3, show_default=True, type=click.IntRange(1, 200), help=_("How many groups."))
@click.option("--years", default=2, show_default=True, type=click.IntRange(1, 20), help=_("How many years of meetings."))
@one_line_errors
def demo(no_open: bool, groups: int, years: int) -> None:
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
