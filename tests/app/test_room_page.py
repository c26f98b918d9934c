"""The room page's server, spoken to over real HTTP on 127.0.0.1 beside a real meeting."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import os
import re
import shlex
import signal
import socket
import sys
import time
import urllib.request
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from circle.domain.clock import FakeClock
from circle.domain.session import NextPhase
from circle.domain.session.room import CLOSED_LINE, NO_MEETING_LINE, STALE_AFTER
from circle.domain.session.timing import last_minute_seconds
from circle.web.server import new_token, room_site
from circle.workspace import RoomBoard, Workspace
from tests.app.conftest import PASSPHRASE, in_a_sharing_turn
from tests.app.room_page import serving_room_page

# Fixed, so that every test worker collects the same test ids; the server's own are drawn by new_token.
TOKEN = "Bq3xT0k3n-for-these-tests-only_9Zr"
ANOTHER = "Zr9_another-token-of-the-same-size"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def client(workspace_with_group: Workspace, clock: FakeClock) -> AsyncIterator[TestClient]:
    workspace_with_group.clock = clock
    board = RoomBoard(workspace_with_group.locations.room_file)
    async with TestClient(TestServer(room_site(board, TOKEN, clock))) as opened:
        yield opened


async def _room(client: TestClient) -> dict:  # type: ignore[type-arg]
    answer = await client.get(f"/{TOKEN}/room.json")
    assert answer.status == 200
    return await answer.json()


def _sharing(workspace: Workspace) -> str:
    """Start a meeting and a first turn in the sharing round; the speaker's full name."""
    _, speaker = in_a_sharing_turn(workspace)
    return speaker.name


def test_each_server_draws_a_new_token_too_long_to_guess() -> None:
    tokens = {new_token() for _ in range(100)}
    assert len(tokens) == 100
    assert all(len(token) >= 32 and re.fullmatch(r"[A-Za-z0-9_-]+", token) for token in tokens)


async def test_the_page_is_served_at_the_token_address_with_a_strict_policy(client: TestClient) -> None:
    answer = await client.get(f"/{TOKEN}/")
    page = await answer.text()
    assert answer.status == 200
    assert "<title>circle · room display</title>" in page
    policy = answer.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy
    for tag in ("style", "script"):
        body = re.search(rf"<{tag}>(.*?)</{tag}>", page, re.DOTALL).group(1)  # type: ignore[union-attr]
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"{tag}-src 'sha256-{digest}'" in policy  # its own inline code, and nothing from elsewhere
    assert "http" not in page  # no third-party asset: the page works offline
    assert answer.headers["Referrer-Policy"] == "no-referrer"
    assert "Server" not in answer.headers


@pytest.mark.parametrize(
    "path",
    ["/", f"/{TOKEN}", f"/{ANOTHER}/", f"/{ANOTHER}/room.json", f"/{TOKEN[:-1]}/room.json",
     f"/{TOKEN}/../room.json", f"/{TOKEN}/other", "/room.json", f"/room.json?token={TOKEN}"],
)
async def test_any_other_address_gets_404_and_nothing_else(client: TestClient, path: str) -> None:
    answer = await client.get(path, allow_redirects=False)
    assert answer.status == 404
    assert await answer.read() == b""
    assert "Server" not in answer.headers


async def test_only_get_is_answered(client: TestClient) -> None:
    answer = await client.post(f"/{TOKEN}/room.json")
    assert answer.status == 404
    assert await answer.read() == b""


async def test_without_a_board_the_page_is_told_no_meeting_is_running(client: TestClient) -> None:
    room = await _room(client)
    assert room["running"] is False
    assert room["caption"] == NO_MEETING_LINE


async def test_a_corrupt_board_is_said_plainly_and_mends_at_the_meetings_next_step(
    client: TestClient, workspace_with_group: Workspace
) -> None:
    workspace_with_group.locations.room_file.write_text("{ half a file")
    room = await _room(client)
    assert room["running"] is False
    assert "damaged" in room["caption"]
    _sharing(workspace_with_group)
    assert (await _room(client))["running"] is True


async def test_a_board_left_from_a_meeting_long_over_is_no_meeting(
    client: TestClient, workspace_with_group: Workspace, clock: FakeClock
) -> None:
    _sharing(workspace_with_group)
    clock.advance((STALE_AFTER + timedelta(hours=3)).total_seconds())
    room = await _room(client)
    assert room["running"] is False
    assert room["caption"] == NO_MEETING_LINE


async def test_a_turn_goes_out_as_seconds_the_page_can_count_down(
    client: TestClient, workspace_with_group: Workspace, clock: FakeClock
) -> None:
    _sharing(workspace_with_group)
    before = await _room(client)
    clock.advance(30)
    after = await _room(client)
    assert before["headline"].startswith("Sharing · part")
    assert before["caption"] == "Someone is sharing"
    assert before["big"]["counting"] is True
    assert after["big"]["remaining"] == pytest.approx(before["big"]["remaining"] - 30)
    assert after["meeting"]["remaining"] == pytest.approx(before["meeting"]["remaining"] - 30)
    assert before["part_title"] == "Sharing" and before["part"] is not None
    assert before["states"]["last_minute"] == "last minute"
    assert before["over_sign"] == "+"
    # Each timer says when its warning starts, so the page and the terminal agree on a short turn.
    budget = before["big"]["remaining"] + before["big"]["elapsed"]
    assert before["big"]["last_minute"] == pytest.approx(last_minute_seconds(budget))


async def test_the_end_of_the_meeting_thanks_the_room(client: TestClient, workspace_with_group: Workspace) -> None:
    workspace_with_group.unlock(PASSPHRASE)
    meeting = workspace_with_group.meeting(workspace_with_group.groups()[0].id)
    meeting.do(NextPhase(confirmed=True))
    meeting.close()
    room = await _room(client)
    assert room["running"] is True and room["closed"] is True
    assert room["caption"] == CLOSED_LINE
    assert room["big"] is None and room["meeting"] is None


async def test_no_name_is_sent_even_when_the_groups_rules_show_first_names(
    client: TestClient, workspace_with_group: Workspace
) -> None:
    workspace = workspace_with_group
    workspace.unlock(PASSPHRASE)
    group = workspace.group(workspace.groups()[0].id)
    workspace.change_rules(group.id, replace(group.rules, room_display_names=True))
    name = _sharing(workspace)
    assert json.loads(workspace.locations.room_file.read_text())["speaker"] is not None  # the board holds one
    answer = await client.get(f"/{TOKEN}/room.json")
    sent = await answer.text()
    assert json.loads(sent)["caption"] == "Someone is sharing"
    for word in [*name.split(), group.name, *group.name.split()]:
        assert word not in sent
    assert "speaker" not in sent


def _this_laptops_other_address() -> str:
    """An address of this machine other than loopback, as another device on the network would reach it."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing interface
        except OSError:
            pytest.skip("this machine has no network interface but loopback")
        address = probe.getsockname()[0]
    if address.startswith("127."):
        pytest.skip("this machine has no network interface but loopback")
    return address


async def test_a_request_from_another_address_gets_404_even_if_the_server_were_listening_there(
    workspace_with_group: Workspace, clock: FakeClock
) -> None:
    address = _this_laptops_other_address()
    board = RoomBoard(workspace_with_group.locations.room_file)
    async with TestClient(TestServer(room_site(board, TOKEN, clock), host="0.0.0.0")) as wide_open:
        port = wide_open.server.port
        from_elsewhere = await wide_open.session.get(f"http://{address}:{port}/{TOKEN}/room.json")
        assert from_elsewhere.status == 404
        assert await from_elsewhere.read() == b""
        from_here = await wide_open.session.get(f"http://127.0.0.1:{port}/{TOKEN}/room.json")
        assert from_here.status == 200  # the same request from loopback


def test_the_command_listens_on_127_0_0_1_only(workspace_with_group: Workspace) -> None:
    address = _this_laptops_other_address()
    with serving_room_page(workspace_with_group.locations.data.parent) as page:
        port = int(page.split(":")[2].split("/")[0])
        with urllib.request.urlopen(page + "room.json", timeout=10) as answer:
            assert json.load(answer)["caption"] == NO_MEETING_LINE
        with pytest.raises(ConnectionRefusedError), socket.create_connection((address, port), timeout=10):
            pass


def test_names_are_refused_on_the_web_in_one_line(run_circle, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_circle("display", "--web", "--names", "--no-open")
    assert result.returncode == 1
    assert result.stderr.strip() == "circle: The page in a browser never shows names; leave out --names."


def test_a_port_in_use_is_said_in_one_line(run_circle) -> None:  # type: ignore[no-untyped-def]
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = run_circle("display", "--web", "--no-open", "--port", str(taken.getsockname()[1]))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "in use" in result.stderr and "--port" in result.stderr
    assert "Traceback" not in result.stderr


def test_web_options_without_web_are_refused_in_one_line(run_circle) -> None:  # type: ignore[no-untyped-def]
    result = run_circle("display", "--no-open")
    assert result.returncode == 1
    assert result.stderr.strip() == "circle: --port and --no-open go with --web."


def test_the_page_is_opened_in_the_default_browser_unless_told_not_to(tmp_path: Path) -> None:
    opened = tmp_path / "opened"
    # Written aside and renamed into place, so the test never reads half of it.
    record = (
        f"import pathlib, sys; aside = pathlib.Path({str(opened)!r} + '.part'); "
        f"aside.write_text(sys.argv[1]); aside.replace({str(opened)!r})"
    )
    with serving_room_page(tmp_path, browser=f"{shlex.quote(sys.executable)} -c {shlex.quote(record)} %s") as page:
        deadline = time.monotonic() + 30
        while not opened.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert opened.read_text() == page


async def test_a_page_asked_for_under_another_hosts_name_gets_404_even_with_the_token(client: TestClient) -> None:
    # DNS rebinding: a web page elsewhere points its own name at 127.0.0.1; its requests carry that name.
    for host in ("evil.example", "evil.example:8080", "127.0.0.1.evil.example"):
        answer = await client.get(f"/{TOKEN}/room.json", headers={"Host": host})
        assert answer.status == 404 and await answer.read() == b""
    assert (await client.get(f"/{TOKEN}/room.json", headers={"Host": "localhost"})).status == 200


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX-only")
async def test_a_pipe_in_the_boards_place_is_said_plainly_and_never_hangs_the_page(
    client: TestClient, workspace_with_group: Workspace
) -> None:
    board = workspace_with_group.locations.room_file
    board.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(board)
    answer = await asyncio.wait_for(_room(client), timeout=10)
    assert answer == await asyncio.wait_for(_room(client), timeout=10)
    assert "Someone" not in json.dumps(answer) and answer.get("running") is not True


def test_a_request_the_server_cannot_parse_is_refused_without_a_traceback(workspace_with_group: Workspace) -> None:
    with serving_room_page(workspace_with_group.locations.data.parent) as address:
        port = int(address.split(":")[2].split("/")[0])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
            raw.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Long: " + b"a" * 100_000 + b"\r\n\r\n")
            assert raw.recv(100).split(b"\r\n")[0].endswith(b" 400 Bad Request")
    # serving_room_page checks on the way out that the server printed no traceback


def test_ctrl_c_stops_the_server_even_when_whoever_started_it_ignores_ctrl_c(tmp_path: Path) -> None:
    ignoring = signal.getsignal(signal.SIGINT)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # inherited by the server below, as from some launchers
    try:
        with serving_room_page(tmp_path) as page:
            assert page.startswith("http://127.0.0.1:")
    finally:
        signal.signal(signal.SIGINT, ignoring)
