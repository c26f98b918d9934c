"""The room board file, read four times a second by the room display: any file is a board or RoomBoardUnreadable.

What is read is shown at once, so a board that reads must also draw: the display's reading of it works
at any moment, and its sealed name opens or is refused as SealBroken. The browser's page is answered
from any file too, and never with the name.
"""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from circle.domain.clock import FakeClock
from circle.domain.group import PhaseKind
from circle.domain.session.room import read_room, room_view
from circle.domain.session import Arrive, LiveSession, NextPhase, Open, Pause, StartTurn
from circle.store.room_board import PublishedRoom, RoomBoard, RoomBoardUnreadable
from circle.store.sealing import GroupSealer
from circle.vault.errors import SealBroken
from circle.web.reading import room_answer
from tests.fuzz.checks import fuzz, raises_only
from tests.fuzz.meetings import START
from tests.fuzz.strategies import byte_edits, edited, json_edits, json_values, mutated

SEALER = GroupSealer("g-1", bytes(range(32)), key_version=1)


def _a_board() -> dict:
    """What a meeting in a paused sharing turn publishes, with the speaker's first name sealed."""
    clock = FakeClock(START)
    live = LiveSession(clock)
    live.do(Open("g-1", ((PhaseKind.OPENING, 5), (PhaseKind.SHARING, 40)), 90, 300, "f-1"))
    live.do(Arrive("m-a"))
    live.do(NextPhase(confirmed=True))
    live.do(NextPhase(confirmed=True))
    live.do(StartTurn("m-a"))
    clock.advance(70)
    live.do(Pause())
    # With a grounding pause under way, so the edits reach its moment too.
    view = room_view(live.state, "s-1", names_allowed=True, grounding_since=clock.now() - timedelta(seconds=30))
    sealed = SEALER.seal_text("room", "speaker", "s-1", "Ada")
    return {"format": "circle-room/1", "view": view.to_dict(), "speaker": base64.b64encode(sealed).decode()}


BOARD = _a_board()


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory) -> RoomBoard:
    return RoomBoard(tmp_path_factory.mktemp("room") / "room.json")


def _read_and_draw(board: RoomBoard, content: bytes) -> None:
    board.path.write_bytes(content)
    _answer_the_web_page(board)
    published = raises_only(RoomBoardUnreadable, board.read)
    board.grounding_since("s-1")  # a meeting picked up again asks the board this, whatever it holds
    if published is None:
        return
    for hours in (0, 1, 13, 24 * 400):
        read_room(published.view, START + timedelta(hours=hours), speaker_name="Ada")
    if published.sealed_speaker is not None:
        name = raises_only(SealBroken, lambda: SEALER.open_text("room", "speaker", "s-1", published.sealed_speaker))
        assert name in (None, "Ada")


def _answer_the_web_page(board: RoomBoard) -> None:
    """The browser's page is answered whatever the file holds, in strict JSON and without the sealed name."""
    for hours in (0, 13):
        sent = json.dumps(room_answer(board, START + timedelta(hours=hours)), allow_nan=False)
        assert "Ada" not in sent


@fuzz(300)
@given(content=st.binary(max_size=300))
def test_random_bytes_are_refused_as_an_unreadable_board(board: RoomBoard, content: bytes) -> None:
    _read_and_draw(board, content)


@fuzz(300)
@given(edits=byte_edits)
def test_a_board_damaged_byte_by_byte_is_refused_or_shown(board: RoomBoard, edits) -> None:
    _read_and_draw(board, mutated(json.dumps(BOARD).encode(), edits))


@fuzz(120)
@given(edits=json_edits)
def test_a_board_with_any_value_changed_is_refused_or_shown(board: RoomBoard, edits) -> None:
    _read_and_draw(board, json.dumps(edited(BOARD, edits)).encode())


@fuzz(100)
@given(value=json_values)
def test_any_json_value_as_a_board_is_refused_or_shown(board: RoomBoard, value) -> None:
    _read_and_draw(board, json.dumps(value).encode())


def test_the_board_the_damage_starts_from_reads_back_whole(board: RoomBoard) -> None:
    board.path.write_text(json.dumps(BOARD))
    published = board.read()
    assert isinstance(published, PublishedRoom)
    assert SEALER.open_text("room", "speaker", "s-1", published.sealed_speaker) == "Ada"
