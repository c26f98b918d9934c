"""`circle display --web`: serve the room page until Ctrl+C, and open it in the default browser."""

from __future__ import annotations

import asyncio
import errno
import logging
import signal
import webbrowser
from collections.abc import Callable

from aiohttp import web

from circle.domain.clock import SystemClock
from circle.domain.errors import CircleError
from circle.language import _
from circle.web.server import HOST, new_token, room_site
from circle.workspace import RoomBoard


def serve_room(board: RoomBoard, *, port: int, open_browser: bool, say: Callable[[str], None]) -> None:
    """Serve until interrupted; `say` prints the address, which holds the token."""
    # A request the server cannot parse (a header longer than it takes, say) is answered 400 by aiohttp, which
    # would also print its traceback here: nothing a facilitator can act on, and not one line.
    logging.getLogger("aiohttp").addHandler(logging.NullHandler())
    logging.getLogger("aiohttp").propagate = False
    # Ctrl+C stops the server even when it was started by a program that ignores Ctrl+C itself: Python then
    # inherits "ignore" and, without this, would never say KeyboardInterrupt.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    asyncio.run(_serve(board, port, open_browser, say))


async def _serve(board: RoomBoard, port: int, open_browser: bool, say: Callable[[str], None]) -> None:
    token = new_token()
    runner = web.AppRunner(room_site(board, token, SystemClock()), access_log=None)
    await runner.setup()
    try:
        site = web.TCPSite(runner, HOST, port)
        try:
            await site.start()
        except OSError as error:
            # Taken by another program, or kept for the system (below 1024): either way, another port.
            if error.errno == errno.EADDRINUSE:
                said = _("Port {port} cannot be used (it is in use); choose another with --port, or leave it out.")
            elif error.strerror:  # the system's own words, shown as they are
                said = _("Port {port} cannot be used ({reason}); choose another with --port, or leave it out.")
            else:
                said = _("Port {port} cannot be used (it is refused); choose another with --port, or leave it out.")
            raise CircleError(said.format(port=port, reason=error.strerror)) from None
        address = f"http://{HOST}:{_port(runner)}/{token}/"
        say(_("The room display is at {address}").format(address=address))
        say(_("Anyone with this address on this laptop can see the timer; Ctrl+C stops it."))
        if open_browser and not webbrowser.open(address):
            say(_("No browser could be opened from here: open that address in one."))
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()


def _port(runner: web.AppRunner) -> int:
    """The port really listened on: the one asked for, or the free one the system chose for port 0."""
    return int(runner.addresses[0][1])
