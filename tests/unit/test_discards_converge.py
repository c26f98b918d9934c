"""Whatever two laptops do to a group's meetings (run them, take turns, close them, discard them, hand the group
over), once every meeting is closed, a round of handoffs leaves both with the same meetings, and another round
changes nothing."""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from circle.domain.clock import FakeClock
from circle.domain.errors import CircleError
from circle.domain.group import PhaseKind
from circle.domain.session import Arrive, StartPhase, StartTurn
from circle.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.two_laptops import ROBINS, START, hand, laptop

SIDES = (0, 1)
# Handoffs and meetings opened and closed come up more often than turns and discards: a discard weighs against
# the other laptop's copy only once a handoff has carried the meeting there.
steps = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(["run", "run", "turn", "close", "hand", "hand"]), st.sampled_from(SIDES), st.just(0)),
        st.tuples(st.just("discard"), st.sampled_from(SIDES), st.integers(min_value=0, max_value=5)),
    ),
    max_size=14,
)


def _do(step: tuple[str, int, int], laptops: tuple[Workspace, Workspace], group_id: str) -> None:
    what, side, which = step
    here, there = laptops[side], laptops[1 - side]
    in_progress = group_id in here.meetings_in_progress()
    try:
        if what == "run":
            meeting = here.meeting(group_id)
            if not meeting.state.attended:
                meeting.do(Arrive(here.members(group_id)[0].id))
        elif what == "turn" and in_progress:
            meeting = here.meeting(group_id)
            sharing = next(i for i, part in enumerate(meeting.state.phases) if part.kind is PhaseKind.SHARING)
            meeting.do(StartPhase(sharing))
            meeting.do(StartTurn(here.members(group_id)[0].id))
        elif what == "close" and in_progress:
            here.meeting(group_id).close()
        elif what == "discard" and (kept := here.kept_meetings(group_id)):
            here.discard_meeting(group_id, kept[which % len(kept)].id)
        elif what == "hand":
            hand(here, group_id, there)
    except CircleError:
        pass  # refused as a facilitator would be (a second meeting open on each side, a turn already taken)


def _kept(workspace: Workspace, group_id: str) -> list[tuple[str, str]]:
    return sorted((meeting.id, str(meeting.status)) for meeting in workspace.kept_meetings(group_id))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=steps)
def test_two_laptops_agree_on_a_groups_meetings_after_a_round_of_handoffs_whatever_they_did(steps):
    clock = FakeClock(START)
    with TemporaryDirectory() as folder, laptop(Path(folder) / "sams", clock, "Sam", PASSPHRASE) as sam, \
            laptop(Path(folder) / "robins", clock, "Robin", ROBINS) as robin:
        group = sam.create_group("Tuesday")
        sam.add_member(group.id, "Ada")
        hand(sam, group.id, robin)
        for step in steps:
            clock.advance(minutes=7)
            _do(step, (sam, robin), group.id)
        for step in [("hand", 0, 0), ("hand", 1, 0)]:  # as they are: a discard meets the other copy still open
            clock.advance(minutes=7)
            _do(step, (sam, robin), group.id)
        clock.advance(minutes=7)
        for side in (sam, robin):  # then each meeting closed, so that no two open ones stand in the way
            if group.id in side.meetings_in_progress():
                side.meeting(group.id).close()
        for source, target in ((sam, robin), (robin, sam), (sam, robin)):
            hand(source, group.id, target)
        assert _kept(sam, group.id) == _kept(robin, group.id)
        assert not hand(sam, group.id, robin).changed and not hand(robin, group.id, sam).changed
