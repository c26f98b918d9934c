"""The room page's web server: two addresses behind one token, on 127.0.0.1 only.

`/<token>/` is the page and `/<token>/room.json` what it polls. Anything else, and any request
from another address than this laptop's loopback, gets a bare 404: nothing says circle is here.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import secrets
from collections.abc import Awaitable, Callable
from functools import cache
from importlib import resources
from ipaddress import ip_address

from aiohttp import web

from circle.domain.clock import Clock
from circle.domain.errors import CircleError
from circle.language import ENGLISH, Words, words_for
from circle.web.reading import OUT_OF_TOUCH_LINE, PAGE_TITLE, WAITING_LINE, room_answer, spoken
from circle.workspace import RoomBoard

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
HOST = "127.0.0.1"
PAGE_NAME = "room.html"


def new_token() -> str:
    return secrets.token_urlsafe(24)


def room_site(board: RoomBoard, token: str, clock: Clock) -> web.Application:
    async def show_page(request: web.Request) -> web.Response:
        page = _page_in(_spoken_now(board).code)
        return web.Response(body=page, content_type="text/html", charset="utf-8", headers=_page_headers())

    async def show_room(request: web.Request) -> web.Response:
        return web.json_response(room_answer(board, clock.now()), headers=_common_headers())

    app = web.Application(middlewares=[_only_for(token)])
    app.router.add_get(f"/{token}/", show_page, allow_head=False)
    app.router.add_get(f"/{token}/room.json", show_room, allow_head=False)
    app.on_response_prepare.append(_say_nothing_of_the_server)
    return app


def _only_for(token: str) -> Callable[[web.Request, Handler], Awaitable[web.StreamResponse]]:
    expected = f"/{token}/".encode()

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        path = request.raw_path.split("?", 1)[0].encode()
        asked = path[: len(expected)]
        # Compared in constant time, so the token cannot be guessed a character at a time.
        if not (_from_this_laptop(request) and _asked_for_this_laptop(request)
                and secrets.compare_digest(asked, expected)):
            return web.Response(status=404)
        try:
            return await handler(request)
        except web.HTTPException:
            return web.Response(status=404)  # another path under the token, or another method

    return guard


def _from_this_laptop(request: web.Request) -> bool:
    try:
        return request.remote is not None and ip_address(request.remote).is_loopback
    except ValueError:
        return False


def _asked_for_this_laptop(request: web.Request) -> bool:
    """The address the browser asked for names this laptop: a web page elsewhere that made its own name point
    here (DNS rebinding) sends its own name, and is turned away even if it learnt the token."""
    host = request.headers.get("Host", "").rsplit(":", 1)[0].strip("[]").lower()
    return host in ("127.0.0.1", "localhost")


async def _say_nothing_of_the_server(request: web.Request, response: web.StreamResponse) -> None:
    response.headers.pop("Server", None)


@cache
def _page() -> bytes:
    return resources.files("circle.web").joinpath(PAGE_NAME).read_bytes()


def _spoken_now(board: RoomBoard) -> Words:
    """The language the page speaks first: the group's while a meeting is on the board."""
    try:
        return spoken(board.read())
    except CircleError:
        return spoken(None)


@cache
def _page_in(code: str) -> bytes:
    """The page with the words it shows before its first answer in `code`'s language; its style and script, which
    the policy's hashes cover, are the same in every language. One page per language circle knows."""
    if code == ENGLISH:
        return _page()
    words = words_for(code)
    text = _page().decode("utf-8").replace('<html lang="en">', f'<html lang="{html.escape(code)}">', 1)
    for line in (PAGE_TITLE, WAITING_LINE, OUT_OF_TOUCH_LINE):
        said = html.escape(words.gettext(line), quote=False)
        text = text.replace(f">{html.escape(line, quote=False)}<", f">{said}<", 1)
    return text.encode("utf-8")


@cache
def _page_headers() -> dict[str, str]:
    """A policy that lets the page run only its own style and script, and talk only to this server."""
    text = _page().decode("utf-8")
    policy = "; ".join((
        "default-src 'none'",
        f"style-src {_hash_of(text, 'style')}",
        f"script-src {_hash_of(text, 'script')}",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ))
    return {"Content-Security-Policy": policy, **_common_headers()}


def _common_headers() -> dict[str, str]:
    # The address holds the token: never send it on, never keep a copy.
    return {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff"}


def _hash_of(page: str, tag: str) -> str:
    body = re.search(rf"<{tag}>(.*?)</{tag}>", page, re.DOTALL)
    if body is None:
        raise LookupError(f"{PAGE_NAME} has no <{tag}>")
    digest = hashlib.sha256(body.group(1).encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"
