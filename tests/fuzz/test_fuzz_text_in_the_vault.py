"""Hostile text through a real vault: what is typed is sealed, stored, opened and read back clean, or refused.

One vault serves every example of a test (real Argon2id at the floor, real SQLite), so that a few
dozen examples stay quick; each example makes its own group.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from circle.domain.errors import CircleError, InvalidInput
from circle.domain.group import Agreements, CrisisResource
from circle.domain.notes import NoteRefused
from circle.domain.rules import ConfidentialityRules
from circle.vault.errors import WrongPassphrase
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace
from tests.fuzz.checks import fuzz, is_clean, is_clean_line, raises_only
from tests.fuzz.conftest import a_group_with_a_history
from tests.fuzz.strategies import any_character, hostile_name, hostile_text


@fuzz(40)
@given(name=hostile_name, members=st.lists(hostile_name, max_size=3))
def test_a_group_and_its_members_named_anything_read_back_as_kept(fuzz_vault: Workspace, name: str, members) -> None:
    group = raises_only(InvalidInput, lambda: fuzz_vault.create_group(name))
    if group is None:
        return
    assert fuzz_vault.group(group.id).name == group.name and is_clean_line(group.name)
    assert any(overview.name == group.name for overview in fuzz_vault.groups())
    kept = [raises_only(InvalidInput, lambda typed=typed: fuzz_vault.add_member(group.id, typed)) for typed in members]
    names = sorted(member.name for member in kept if member is not None)
    assert sorted(member.name for member in fuzz_vault.members(group.id)) == names
    assert all(is_clean_line(name) for name in names)


@fuzz(30)
@given(text=hostile_text, limits=hostile_text, line=hostile_name, contact=hostile_name, question=hostile_text)
def test_agreements_crisis_card_and_pulse_question_read_back_as_kept(
    fuzz_vault: Workspace, text: str, limits: str, line: str, contact: str, question: str
) -> None:
    group = fuzz_vault.create_group("Edited")
    profile = fuzz_vault.group(group.id).profile
    resources = [raises_only(InvalidInput, lambda: CrisisResource(line, contact, line))]
    edited = replace(
        profile, agreements=Agreements(text, limits, text), crisis_resources=tuple(r for r in resources if r)
    )
    fuzz_vault.save_group(replace(group, profile=edited))
    assert fuzz_vault.group(group.id).profile == edited
    assert is_clean(edited.agreements.text) and is_clean(edited.agreements.confidentiality_limits)
    rules = raises_only(InvalidInput, lambda: ConfidentialityRules(pulse_question=question))
    if rules is not None:
        fuzz_vault.change_rules(group.id, rules)
        assert fuzz_vault.group(group.id).rules.pulse_question == rules.pulse_question
        assert is_clean_line(rules.pulse_question)


@pytest.fixture(scope="module")
def group_with_brief_notes(fuzz_vault: Workspace) -> str:
    return a_group_with_a_history(fuzz_vault)  # its rules keep a brief line


@fuzz(30)
@given(text=hostile_text)
def test_a_debrief_says_anything_and_reads_back_as_one_clean_line_or_is_refused(
    fuzz_vault: Workspace, group_with_brief_notes: str, text: str
) -> None:
    group_id = group_with_brief_notes
    session_id = next(note.session_id for note in fuzz_vault.notes(group_id))
    note = raises_only(NoteRefused, lambda: fuzz_vault.add_debrief(group_id, session_id, text))
    if note is not None:
        assert is_clean_line(note.text) and note in fuzz_vault.notes(group_id)


@fuzz(10)
@given(handle=hostile_name, passphrase=st.text(any_character, min_size=8, max_size=40), other=st.text(any_character))
def test_a_facilitator_with_any_handle_and_passphrase_unlocks_with_that_passphrase_only(
    handle: str, passphrase: str, other: str
) -> None:
    with tempfile.TemporaryDirectory() as home, Workspace.open(Path(home)) as workspace:
        raises_only(CircleError, lambda: workspace.create_facilitator(handle, passphrase, kdf=FLOOR_KDF))
        if not workspace.is_unlocked:
            return  # refused, in one line
        shown = workspace.facilitator_handle
        assert is_clean_line(shown)
        workspace.lock()
        if other != passphrase:
            assert raises_only(WrongPassphrase, lambda: workspace.unlock(other)) is None
        workspace.unlock(passphrase)  # exactly as typed: no normalisation, no trimming
        assert workspace.facilitator_handle == shown
