"""Everything a facilitator types, given any Unicode at all: kept clean, or refused in one line.

Each function that takes typed text either accepts it, and what it keeps holds no control character
(single-line fields not even a newline), no bidi control, is in composed form and stays the same when
cleaned again and when sealed and opened; or it refuses with InvalidInput, in one plain line.
"""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import given
from hypothesis import strategies as st

from circle.domain.errors import InvalidInput
from circle.domain.group import Agreements, CrisisResource, group_name
from circle.domain.notes import NoteDraft, NoteKind, NoteRefused, check_note
from circle.domain.passphrase import check_new_passphrase, strength
from circle.domain.rules import ConfidentialityRules, NamesPolicy, NotesPolicy
from circle.domain.text import first_name, initials, sanitise, sanitise_line
from circle.store.sealing import GroupSealer
from circle.ui.text import cell, one_line, plain
from circle.vault.keyring import FLOOR_KDF, derive_kek
from circle.workspace import HANDLE_MAX, checked_handle
from tests.fuzz.checks import fuzz, is_clean, is_clean_line, raises_only
from tests.fuzz.strategies import any_character, hostile_name, hostile_text

SEALER = GroupSealer("g-1", bytes(range(32)), key_version=1)
BRIEF = ConfidentialityRules(notes=NotesPolicy.BRIEF, brief_note_cap=280)


def _kept_as_one_line(kept: str | None, cleaned_again: Callable[[str], str]) -> None:
    if kept is None:
        return
    assert is_clean_line(kept)
    assert cleaned_again(kept) == kept
    assert SEALER.open_text("members", "name", "m-1", SEALER.seal_text("members", "name", "m-1", kept)) == kept


@fuzz(300)
@given(typed=hostile_name)
def test_a_group_name_is_one_clean_line_of_1_to_120_characters_or_refused(typed: str) -> None:
    kept = raises_only(InvalidInput, lambda: group_name(typed))
    _kept_as_one_line(kept, group_name)
    assert kept is None or 1 <= len(kept) <= 120


@fuzz(300)
@given(typed=hostile_name, names=st.sampled_from([NamesPolicy.FIRST_NAME, NamesPolicy.INITIALS]))
def test_a_member_name_is_kept_as_the_rules_say_as_one_clean_line_or_refused(typed: str, names: NamesPolicy) -> None:
    rules = ConfidentialityRules(names=names)
    kept = raises_only(InvalidInput, lambda: rules.name_to_keep(typed))
    _kept_as_one_line(kept, rules.name_to_keep)
    # Nothing typed gets a name into a group that keeps none.
    headcount = ConfidentialityRules(names=NamesPolicy.HEADCOUNT)
    assert raises_only(InvalidInput, lambda: headcount.name_to_keep(typed)) is None


@fuzz(200)
@given(typed=hostile_name)
def test_a_handle_is_one_clean_line_of_at_most_forty_characters_or_refused(typed: str) -> None:
    kept = raises_only(InvalidInput, lambda: checked_handle(typed))
    _kept_as_one_line(kept, checked_handle)
    assert kept is None or 1 <= len(kept) <= HANDLE_MAX


@fuzz(100)
@given(text=hostile_text, limits=hostile_text, reporter=hostile_text)
def test_agreements_keep_their_lines_and_lose_every_control_character(text: str, limits: str, reporter: str) -> None:
    agreements = Agreements(text, limits, reporter)
    for kept in (agreements.text, agreements.confidentiality_limits, agreements.mandated_reporter):
        assert is_clean(kept) and kept == kept.strip()
    assert Agreements(agreements.text, agreements.confidentiality_limits, agreements.mandated_reporter) == agreements


@fuzz(100)
@given(name=hostile_name, contact=hostile_name, when=hostile_text)
def test_a_crisis_card_line_is_three_clean_lines_or_refused(name: str, contact: str, when: str) -> None:
    resource = raises_only(InvalidInput, lambda: CrisisResource(name, contact, when))
    if resource is not None:
        for kept in (resource.name, resource.contact, resource.when):
            _kept_as_one_line(kept, sanitise_line)
        assert resource.name and resource.contact


@fuzz(200)
@given(question=hostile_text)
def test_a_pulse_question_is_one_clean_line_of_at_most_120_characters_or_refused(question: str) -> None:
    rules = raises_only(InvalidInput, lambda: ConfidentialityRules(pulse_question=question))
    if rules is not None:
        _kept_as_one_line(rules.pulse_question, sanitise_line)
        assert len(rules.pulse_question) <= 120
        assert ConfidentialityRules.from_dict(rules.to_dict()) == rules


@fuzz(200)
@given(text=hostile_text, kind=st.sampled_from([NoteKind.DEBRIEF, NoteKind.FOLLOW_UP]), absent=hostile_name)
def test_a_note_is_one_clean_line_within_its_cap_or_refused_with_the_reason(
    text: str, kind: NoteKind, absent: str
) -> None:
    draft = NoteDraft(kind, member_id="m-1" if kind is NoteKind.FOLLOW_UP else None, text=text)
    kept = raises_only(NoteRefused, lambda: check_note(BRIEF, draft, present=["m-1"], names_absent=[absent]))
    if kept is not None:
        _kept_as_one_line(kept.text, sanitise_line)
        assert len(kept.text) <= BRIEF.brief_note_cap


@fuzz(200)
@given(passphrase=st.text(any_character), repeated=st.text(any_character))
def test_any_passphrase_gets_a_hint_and_is_accepted_or_refused_in_one_line(passphrase: str, repeated: str) -> None:
    hint = strength(passphrase)
    assert 0 <= hint.score <= 3 and is_clean_line(hint.hint)
    raises_only(InvalidInput, lambda: check_new_passphrase(passphrase, passphrase))
    if passphrase != repeated:
        assert raises_only(InvalidInput, lambda: check_new_passphrase(passphrase, repeated)) is None


@fuzz(15)
@given(passphrase=st.text(st.characters(), min_size=1, max_size=30))
def test_any_passphrase_even_one_that_is_not_text_derives_a_key_or_is_refused(passphrase: str) -> None:
    # Lone surrogates too: Python's way of holding bytes that are not UTF-8, as in an environment variable.
    key = raises_only(InvalidInput, lambda: derive_kek(passphrase, bytes(16), FLOOR_KDF))
    assert key is None or len(key) == 32


@fuzz(150)
@given(text=hostile_text)
def test_what_is_shown_of_any_text_is_the_clean_text_and_never_markup(text: str) -> None:
    for shown, expected in ((plain(text), sanitise(text)), (one_line(text), sanitise_line(text))):
        assert shown.plain == expected and not shown.spans
    shown = cell(text)  # cut to its cells: the cut may leave a space before the ellipsis
    assert is_clean(shown.plain) and "\n" not in shown.plain and not shown.spans
    assert is_clean_line(initials(text)) and is_clean_line(first_name(text))
