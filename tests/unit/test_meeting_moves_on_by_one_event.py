"""A meeting moves on one event at a time: each command applies its own events to the state, which always
equals a replay of the whole log as stored; the log is handed out without being copied on every reading."""

from __future__ import annotations

from circle.domain.session import (
    Arrive,
    EndTurn,
    Enqueue,
    LiveSession,
    NextPhase,
    Pause,
    PhaseKind,
    Resume,
    StartTurn,
    replay,
)
from circle.workspace import Workspace


def test_after_every_command_the_state_is_the_replay_of_the_log_on_disk(vault: Workspace) -> None:
    group = vault.create_group("Replayed")
    members = [vault.add_member(group.id, name) for name in ("Ada", "Bo", "Cy", "Di")]
    meeting = vault.meeting(group.id)
    for member in members:
        meeting.do(Arrive(member.id))
    while meeting.state.phase is not PhaseKind.SHARING:
        meeting.do(NextPhase(confirmed=True))
    for member in members:
        for command in (Enqueue(member.id), StartTurn(), Pause(), Resume(), EndTurn()):
            meeting.do(command)
            assert meeting.state == replay(meeting.events)
    reopened = vault.meeting(group.id)  # the same meeting, read back from the vault
    assert reopened.events == meeting.events and reopened.state == meeting.state


def test_the_log_is_handed_out_as_one_copy_until_it_grows(vault: Workspace) -> None:
    group = vault.create_group("Read often")
    member = vault.add_member(group.id, "Ada")
    live: LiveSession = vault.meeting(group.id)._live
    first = live.events
    assert live.events is first  # read four times a second by the screen: not copied each time
    live.do(Arrive(member.id))
    assert live.events is not first and live.events[: len(first)] == first and len(live.events) == len(first) + 1
