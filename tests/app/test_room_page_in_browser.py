"""The room page in a real headless Chromium, following a meeting driven by the engine on a real vault.

Screenshots at a phone's size and a projector's are kept in the test's tmp folder as artefacts.
"""

from __future__ import annotations

import re
import struct
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from circle.domain.clock import FakeClock
from circle.domain.group import PhaseKind
from circle.domain.session import Arrive, NextPhase, StartTurn
from circle.domain.session.pacer import BREATH
from circle.domain.session.room import CLOSED_LINE, GROUNDING_LINE, NO_MEETING_LINE
from circle.workspace import Workspace
from tests.app.conftest import PASSPHRASE
from tests.app.headless_chromium import Page, find_chromium, headless_page
from tests.app.room_page import serving_room_page

PHONE, PROJECTOR = (390, 844), (1920, 1080)
CLOCK = re.compile(r"^\d+:\d\d$")


def _png_size(path: Path) -> tuple[int, int]:
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return width, height


async def _photograph(page: Page, folder: Path, moment: str) -> None:
    for name, (width, height) in (("phone", PHONE), ("projector", PROJECTOR)):
        shot = await page.screenshot(folder / f"{moment}-{name}.png", width, height)
        assert _png_size(shot) == (width, height)


async def _within_a_second(page: Page, element_id: str, wanted: str) -> str:
    started = time.monotonic()
    shown = await page.until(element_id, wanted)
    assert time.monotonic() - started < 1.0, f"the page took {time.monotonic() - started:.2f}s to follow"
    return shown


async def test_the_page_follows_a_live_meeting_in_a_real_browser_and_never_shows_a_name(
    workspace_with_group: Workspace, tmp_path: Path
) -> None:
    find_chromium()
    workspace = workspace_with_group
    workspace.unlock(PASSPHRASE)
    group = workspace.group(workspace.groups()[0].id)
    # The strictest test of "never a name": a group whose rules put first names on the terminal display.
    workspace.change_rules(group.id, replace(group.rules, room_display_names=True))
    members = workspace.members(group.id)
    shots = tmp_path / "screenshots"
    with serving_room_page(tmp_path) as address:
        async with headless_page(tmp_path / "chromium-profile") as page:
            await page.go(address)
            await page.until("caption", NO_MEETING_LINE)

            meeting = workspace.meeting(group.id)
            meeting.do(Arrive(members[0].id))
            while meeting.state.phase is not PhaseKind.SHARING:
                meeting.do(NextPhase(confirmed=True))
            meeting.do(StartTurn(members[0].id))
            await _within_a_second(page, "caption", "Someone is sharing")
            assert (await page.text("headline")).startswith("Sharing · part 3 of")
            assert CLOCK.match(await page.text("time"))
            assert await page.text("state-words") == "on time"
            assert "Meeting: " in await page.text("footnote")
            await _photograph(page, shots, "sharing")
            everything = await page.text("room")
            for member in members:
                assert not any(part in everything for part in member.name.split())
            assert await page.text("breath") == ""  # no pacer during a turn

            meeting.ground(True)  # a grounding pause over the turn: the pacer, until it ends
            await _within_a_second(page, "caption", GROUNDING_LINE)
            assert await page.text("breath") in {words for words, _ in BREATH}
            await _photograph(page, shots, "grounding")
            meeting.ground(False)
            await _within_a_second(page, "caption", "Someone is sharing")
            assert await page.text("breath") == ""

            meeting.do(NextPhase(confirmed=True))
            await _within_a_second(page, "headline", "Break")
            steps = {words for words, _ in BREATH}
            breath = await page.text("breath")
            assert breath in steps
            await _photograph(page, shots, "break")
            # The pacer moves on with the page's own clock: the next step within one step's length.
            longest = max(seconds for _, seconds in BREATH)
            assert await page.until_changed("breath", breath, within=longest + 1) in steps

            meeting.do(NextPhase(confirmed=True))
            meeting.close()
            await _within_a_second(page, "caption", CLOSED_LINE)
            assert await page.text("time") == ""
            await _photograph(page, shots, "closed")


async def test_the_page_keeps_time_on_its_own_and_says_when_circle_is_out_of_touch(
    workspace_with_group: Workspace, tmp_path: Path
) -> None:
    find_chromium()
    workspace = workspace_with_group
    workspace.unlock(PASSPHRASE)
    meeting = workspace.meeting(workspace.groups()[0].id)
    meeting.do(NextPhase(confirmed=True))
    async with headless_page(tmp_path / "chromium-profile") as page:
        with serving_room_page(tmp_path) as address:
            await page.go(address)
            await page.until("headline", "Opening")
        # The server is gone: the page still counts down, and says plainly that it hears nothing.
        await page.until("notice", "Not hearing from circle")
        before = await page.text("time")
        assert CLOCK.match(before)
        assert CLOCK.match(await page.until_changed("time", before, within=3))


async def test_a_damaged_board_is_said_plainly_on_the_page(workspace_with_group: Workspace, tmp_path: Path) -> None:
    find_chromium()
    workspace_with_group.locations.room_file.write_text("{ half a file")
    with serving_room_page(tmp_path) as address:
        async with headless_page(tmp_path / "chromium-profile") as page:
            await page.go(address)
            assert "damaged" in await page.until("caption", "damaged")
            assert await page.text("time") == ""


async def test_a_turn_run_over_reads_as_over_in_the_big_digits_on_the_page(
    workspace_with_group: Workspace, tmp_path: Path
) -> None:
    find_chromium()
    workspace = workspace_with_group
    # The turn began ten minutes ago by the page's clock: well past its time box.
    workspace.clock = FakeClock(datetime.now(UTC) - timedelta(minutes=10))
    workspace.unlock(PASSPHRASE)
    group_id = workspace.groups()[0].id
    speaker = workspace.members(group_id)[0]
    meeting = workspace.meeting(group_id)
    meeting.do(Arrive(speaker.id))
    while meeting.state.phase is not PhaseKind.SHARING:
        meeting.do(NextPhase(confirmed=True))
    meeting.do(StartTurn(speaker.id))
    with serving_room_page(tmp_path) as address:
        async with headless_page(tmp_path / "chromium-profile") as page:
            await page.go(address)
            await page.until("caption", "Someone is sharing")
            assert re.match(r"^\+\d+:\d\d$", await page.text("time"))
            assert await page.text("state-words") == "over"
            await _photograph(page, tmp_path / "screenshots", "over")
