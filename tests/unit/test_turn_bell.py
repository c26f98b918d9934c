"""The turn bell: one ring as a turn reaches its time, never a second for the same turn."""

from __future__ import annotations

from circle.domain.session import EndTurn, ExtendTurn, NextPhase, StartTurn
from circle.domain.session.turn_bell import TurnBell, turn_under_way
from tests.meeting_builders import CHECK_IN, opened_meeting


def _rings(bell: TurnBell, *looks: tuple[int | None, float]) -> int:
    return sum(bell.due(turn, remaining) for turn, remaining in looks)


def test_a_turn_rings_once_as_it_crosses_its_time_however_often_it_is_looked_at() -> None:
    assert _rings(TurnBell(), (7, 30), (7, 1), (7, 0), (7, -1), (7, -60), (7, -61)) == 1


def test_a_minute_more_after_the_bell_does_not_ring_the_same_turn_again() -> None:
    assert _rings(TurnBell(), (7, 1), (7, -1), (7, 59), (7, -1)) == 1


def test_each_new_turn_rings_for_itself() -> None:
    assert _rings(TurnBell(), (7, 1), (7, -1), (None, 0), (9, 5), (9, -5)) == 2


def test_a_turn_first_seen_already_over_its_time_stays_quiet() -> None:
    """A meeting picked up after a crash: the turn may have rung before it."""
    assert _rings(TurnBell(), (7, -10), (7, -11)) == 0


def test_a_turn_is_known_by_the_seq_of_the_event_that_started_it() -> None:
    live = opened_meeting(["ada"])
    while live.state.phase_index != CHECK_IN:
        live.do(NextPhase(confirmed=True))
    assert turn_under_way(live.state, live.events) is None
    live.do(StartTurn("ada"))
    started = live.events[-1].seq
    live.do(ExtendTurn(60))
    assert turn_under_way(live.state, live.events) == started
    live.do(EndTurn())
    assert turn_under_way(live.state, live.events) is None
