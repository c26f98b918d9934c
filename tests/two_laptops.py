"""Two laptops with the same group: the facilitator's vault and a co-facilitator's, on one fake clock.

Fixtures for handoff tests; a test module takes them with `from tests.two_laptops import clock, co, lead`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from circle.domain.clock import FakeClock
from circle.domain.group import Group, Member
from circle.domain.notes import NoteDraft, NoteKind
from circle.domain.session import Arrive
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import HandoffImported, Workspace
from tests.conftest import PASSPHRASE

ROBINS = "river stone lantern meadow"
START = datetime(2026, 11, 18, 19, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def lead(vault_home: Path, clock: FakeClock) -> Iterator[Workspace]:
    with Workspace.open(vault_home, clock=clock) as workspace:
        workspace.unlock(PASSPHRASE)
        yield workspace


def laptop(home: Path, clock: FakeClock, handle: str, passphrase: str) -> Workspace:
    """A laptop of its own: its own vault, passphrase and facilitator id."""
    workspace = Workspace.open(home, clock=clock)
    workspace.create_facilitator(handle, passphrase, kdf=FLOOR_KDF)
    return workspace


@pytest.fixture
def co(tmp_path: Path, clock: FakeClock) -> Iterator[Workspace]:
    """The co-facilitator's own laptop."""
    with laptop(tmp_path / "robins-laptop", clock, "Robin", ROBINS) as workspace:
        yield workspace


def hand(source: Workspace, group_id: str, target: Workspace) -> HandoffImported:
    """The group exported from one laptop and imported on the other."""
    out = source.export_handoff(group_id, kdf=FLOOR_KDF)
    return target.import_handoff(out.data, out.code)


def a_follow_up_about_ada(lead: Workspace) -> tuple[Group, Member, str]:
    """A group whose meeting Ada came to, closed, with a follow-up about her: (group, Ada, the meeting's id)."""
    group = lead.create_group("Tuesday")
    ada = lead.add_member(group.id, "Ada")
    meeting = lead.meeting(group.id)
    meeting.do(Arrive(ada.id))
    meeting.note(NoteDraft(NoteKind.FOLLOW_UP, member_id=ada.id))
    meeting.close()
    return group, ada, meeting.session_id


def a_follow_up_about_ada_on_both_laptops(lead: Workspace, co: Workspace) -> tuple[Group, Member, str]:
    """The same, handed to the co-facilitator."""
    group, ada, meeting_id = a_follow_up_about_ada(lead)
    hand(lead, group.id, co)
    assert [member.name for member in co.members(group.id)] == ["Ada"] and len(co.notes(group.id)) == 1
    return group, ada, meeting_id
