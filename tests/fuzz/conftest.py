"""Real vaults for the fuzz tests, built once per module: hypothesis runs many examples against each."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from circle.domain.notes import NoteDraft, NoteKind
from circle.domain.rules import ConfidentialityRules, NotesPolicy
from circle.domain.session import Arrive, EndTurn, NextPhase, StartTurn
from circle.vault.handoff import open_handoff
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace

PASSPHRASE = "correct horse battery staple"


def new_vault(home: Path) -> Workspace:
    """An open vault with one facilitator, unlocked as them. Close it when done."""
    workspace = Workspace.open(home, kdf=FLOOR_KDF)
    workspace.create_facilitator("Sam", PASSPHRASE)
    return workspace


@pytest.fixture
def empty_vault(tmp_path: Path) -> Iterator[Workspace]:
    """A vault with nobody in it yet: circle's first run."""
    with Workspace.open(tmp_path, kdf=FLOOR_KDF) as workspace:
        yield workspace


@pytest.fixture(scope="module")
def fuzz_vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    with new_vault(tmp_path_factory.mktemp("fuzz-vault")) as workspace:
        yield workspace


def a_group_with_a_history(workspace: Workspace) -> str:
    """A group with members, a closed meeting with notes, and a meeting under way. Returns its id."""
    group = workspace.create_group("Tuesday Evening")
    workspace.change_rules(group.id, ConfidentialityRules(notes=NotesPolicy.BRIEF))
    for name in ("Ada Lovelace", "Grace Hopper", "Alan Turing"):
        workspace.add_member(group.id, name)
    ada, alan, grace = workspace.members(group.id)
    for closes in (True, False):
        meeting = workspace.meeting(group.id)
        for member in (ada, grace):
            meeting.do(Arrive(member.id))
        meeting.do(NextPhase(confirmed=True))
        meeting.do(NextPhase(confirmed=True))
        meeting.do(StartTurn(ada.id))
        meeting.do(EndTurn())
        meeting.do(StartTurn(grace.id))
        if closes:
            meeting.note(NoteDraft(NoteKind.FOLLOW_UP, member_id=grace.id, text="Call on Friday"))
            meeting.close()
            workspace.add_debrief(group.id, meeting.session_id, "A calm evening")
    return group.id


@pytest.fixture(scope="module")
def handoff_payload(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A real handoff payload, as JSON, exported from a real vault and opened with its code."""
    with new_vault(tmp_path_factory.mktemp("sender")) as workspace:
        handoff = workspace.export_handoff(a_group_with_a_history(workspace), kdf=FLOOR_KDF)
    return json.loads(open_handoff(handoff.data, handoff.code))
