"""The pacer on the room board: during a break, and during a grounding pause the facilitator begins."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from circle.domain.clock import FakeClock
from circle.domain.group import Group, PhaseKind
from circle.domain.session import Arrive, Close, LiveSession, NextPhase, Open, Pause
from circle.domain.session.pacer import BREATH, pacer
from circle.domain.session.room import GROUNDING_LINE, RoomView, read_room, room_view
from circle.domain.templates import template
from circle.store.room_board import PublishedRoom, RoomBoard, RoomBoardUnreadable
from circle.web.reading import room_answer
from tests.meeting_builders import sequential_ids

START = datetime(2026, 3, 4, 18, 30, tzinfo=UTC)


def _session() -> tuple[LiveSession, FakeClock]:
    clock = FakeClock(START)
    chosen = template("support-90")
    group = Group(id="group-1", name="Tuesday", profile=chosen.profile, rules=chosen.rules)
    live = LiveSession(clock, sequential_ids("event-"))
    live.do(Open.for_group(group, "facilitator-1"))
    live.do(Arrive("ada"))
    live.do(NextPhase(confirmed=True))
    return live, clock


def _grounding(live: LiveSession, since: datetime) -> RoomView:
    return room_view(live.state, "s1", names_allowed=False, grounding_since=since)


def test_a_grounding_pause_shows_the_pacer_step_worked_out_from_when_it_began() -> None:
    live, clock = _session()
    view = _grounding(live, clock.now())
    for seconds in (0, 3, 4, 5, 6, 11, 12, 100):
        reading = read_room(view, clock.now() + timedelta(seconds=seconds))
        assert reading.pacer == pacer(seconds)
        assert reading.caption == GROUNDING_LINE
    assert read_room(view, clock.now() + timedelta(seconds=4)).pacer == BREATH[1][0]


def test_a_grounding_pause_before_the_first_part_shows_the_pacer_to_the_room_gathering() -> None:
    clock = FakeClock(START)
    chosen = template("support-90")
    live = LiveSession(clock, sequential_ids("event-"))
    live.do(Open.for_group(Group(id="g", name="Tuesday", profile=chosen.profile, rules=chosen.rules), "f-1"))
    reading = read_room(_grounding(live, clock.now()), clock.now() + timedelta(seconds=7))
    assert (reading.headline, reading.caption, reading.pacer) == ("Gathering", GROUNDING_LINE, pacer(7))


def test_without_a_grounding_pause_only_a_running_break_shows_the_pacer() -> None:
    live, clock = _session()
    assert read_room(room_view(live.state, "s1", names_allowed=False), clock.now()).pacer == ""
    while live.state.phase is not PhaseKind.BREAK:
        live.do(NextPhase(confirmed=True))
    clock.advance(5)
    assert read_room(room_view(live.state, "s1", names_allowed=False), clock.now()).pacer == pacer(5)
    live.do(Pause())
    assert read_room(room_view(live.state, "s1", names_allowed=False), clock.now()).pacer == ""


def test_a_grounding_pause_shows_even_while_the_timers_are_paused_but_never_after_the_close() -> None:
    live, clock = _session()
    live.do(Pause())
    assert read_room(_grounding(live, clock.now()), clock.now()).pacer == pacer(0)
    live.do(Close())
    closed = _grounding(live, clock.now())
    assert closed.grounding_since is None
    assert read_room(replace(closed, grounding_since=clock.now()), clock.now()).pacer == ""


def test_the_grounding_moment_travels_on_the_board_and_an_older_board_without_it_still_reads(tmp_path: Path) -> None:
    live, clock = _session()
    board = RoomBoard(tmp_path / "room.json")
    board.publish(PublishedRoom(_grounding(live, clock.now())))
    assert board.grounding_since("s1") == clock.now()
    assert board.grounding_since("another meeting") is None
    body = json.loads(board.path.read_text())
    del body["view"]["grounding_since"]
    board.path.write_text(json.dumps(body))
    assert board.read() is not None
    assert board.grounding_since("s1") is None


@pytest.mark.parametrize(
    "crafted",
    [3, True, "", "2026-03-04T18:30:00", "x" * 65, "not a moment", ["2026-03-04T18:30:00+00:00"], {"at": 1}],
    ids=["number", "flag", "empty", "no-timezone", "too-long", "words", "list", "object"],
)
def test_a_crafted_grounding_moment_makes_the_board_unreadable_and_is_never_believed(tmp_path: Path, crafted) -> None:  # type: ignore[no-untyped-def]
    live, clock = _session()
    board = RoomBoard(tmp_path / "room.json")
    board.publish(PublishedRoom(_grounding(live, clock.now())))
    body = json.loads(board.path.read_text())
    body["view"]["grounding_since"] = crafted
    board.path.write_text(json.dumps(body))
    with pytest.raises(RoomBoardUnreadable):
        board.read()
    assert board.grounding_since("s1") is None


def test_the_room_page_is_sent_the_pacers_seconds_only_when_the_room_has_a_pacer(tmp_path: Path) -> None:
    live, clock = _session()
    board = RoomBoard(tmp_path / "room.json")
    board.publish(PublishedRoom(room_view(live.state, "s1", names_allowed=False)))
    assert room_answer(board, clock.now())["breathing"] is None
    board.publish(PublishedRoom(_grounding(live, clock.now())))
    answer = room_answer(board, clock.now() + timedelta(seconds=7))
    assert answer["breathing"] == {"remaining": 0.0, "elapsed": 7.0, "counting": True}
    assert answer["caption"] == GROUNDING_LINE
