"""circle's refusals and the words its rules and records give, in the facilitator's language.

Each case below makes the real code refuse something (a real vault, real files, real TOML and CSV) and gives back
the one line a facilitator reads. Said in Spanish it is Spanish and still one line; said in the bracketed language
no English word is left outside the brackets but the data the case names (a file's name or path, a key of the
file's own, a name).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from circle import language
from circle.config import load_settings
from circle.domain.errors import CircleError
from circle.domain.format_file import format_from_toml
from circle.domain.group import Member, group_name
from circle.domain.meeting_changes import cancellation, one_to_discard, typed_day
from circle.domain.names_apart import find_member, told_apart
from circle.domain.notes import NoteDraft, NoteKind, check_note
from circle.domain.records import CancelReason, MeetingRecord, MeetingStatus
from circle.domain.roster import parse_roster_csv
from circle.domain.rules import ConfidentialityRules, NamesPolicy, NotesPolicy
from circle.files import read_file_to_import
from circle.workspace import Workspace
from circle.workspace.handoff import HandoffImported, read_handoff_file
from circle.workspace.lead_export import lead_bundle_path
from circle.workspace.retention import PurgeReport
from tests.language_probe import bracketed, untranslated

# Words that only a Spanish sentence has; an English one has none of them.
_SPANISH = re.compile(r"\b(no|se|de|la|el|los|las|una?|es|ya|hay|esta|este|nada|solo|puede|notas?|personas?)\b|[áéíóúñ¿]")


@dataclass(frozen=True)
class Place:
    """Where a case runs: a vault unlocked with a group of two people, and a folder of its own."""

    workspace: Workspace
    folder: Path
    group_id: str


@dataclass(frozen=True)
class Case:
    words: Callable[[Place], str]
    data: tuple[str, ...] = ()  # words of the case's own data, allowed outside the brackets


def refusal(action: Callable[[Place], object]) -> Callable[[Place], str]:
    def said(place: Place) -> str:
        with pytest.raises(CircleError) as refused:
            action(place)
        return str(refused.value)

    return said


def _two_jos() -> list[Member]:
    return told_apart([Member("a1", "Jo F.", date(2025, 3, 1)), Member("b2", "Jo F.", date(2025, 4, 1))])


def _closed_meetings(day: date, count: int) -> list[MeetingRecord]:
    return [MeetingRecord(f"m{n}", "g", day, MeetingStatus.CLOSED, 90) for n in range(count)]


def _format_file(text: str) -> Callable[[Place], object]:
    def read(place: Place) -> object:
        return format_from_toml(text, place.workspace.group(place.group_id).profile, file_name="ours.toml")

    return read


def _broken_config(place: Place) -> str:
    path = place.folder / "config.toml"
    path.write_text("theme = [", encoding="utf-8")
    return load_settings(path)[1] or ""


def _nothing_in(place: Place) -> Path:
    return place.folder / "nowhere"


CASES = {
    # circle/domain/rules.py
    "a brief note too long for the rules": Case(refusal(lambda _: ConfidentialityRules(brief_note_cap=999))),
    "a name in a headcount group": Case(
        refusal(lambda _: ConfidentialityRules(names=NamesPolicy.HEADCOUNT).name_to_keep("Robin"))
    ),
    "the rules described": Case(
        lambda _: " ".join(ConfidentialityRules(notes=NotesPolicy.BRIEF, pulse_question="Calm?").describe()),
        data=("Calm",),
    ),
    # circle/domain/group.py
    "a group with no name": Case(refusal(lambda _: group_name("  "))),
    # circle/domain/meeting_changes.py
    "a date typed wrong": Case(refusal(lambda _: typed_day("next tuesday"))),
    "a date cancelled years ahead": Case(
        refusal(lambda _: cancellation("m", "g", date(2099, 1, 1), CancelReason.HOLIDAY, [], today=date(2026, 3, 2)))
    ),
    "a date with two meetings to discard": Case(
        refusal(lambda _: one_to_discard(date(2026, 3, 2), _closed_meetings(date(2026, 3, 2), 2)))
    ),
    "a cancelled meeting's reason": Case(lambda _: CancelReason.UNWELL.words),
    # circle/domain/names_apart.py
    "two people of one name": Case(
        refusal(lambda _: find_member(_two_jos(), "Jo F.", ConfidentialityRules())), data=("Mar", "Jo", "F")
    ),
    # circle/domain/notes.py
    "a note too long": Case(
        refusal(lambda _: check_note(
            ConfidentialityRules(notes=NotesPolicy.BRIEF, brief_note_cap=10), NoteDraft(NoteKind.DEBRIEF, text="x" * 11)
        ))
    ),
    "a note in a group that keeps none": Case(
        refusal(lambda _: check_note(ConfidentialityRules(notes=NotesPolicy.NONE), NoteDraft(NoteKind.DEBRIEF)))
    ),
    # circle/domain/roster.py
    "a roster of bad rows": Case(refusal(lambda _: parse_roster_csv("name,joined\n,\n,\n,\nAl,soon\nBo,1.2\n"))),
    "a roster with no name column": Case(refusal(lambda _: parse_roster_csv("who\nAl\n"))),
    # circle/domain/retention.py (through the workspace's plan)
    "what a tightened rule removes": Case(
        lambda place: " ".join(
            place.workspace.plan_rules(place.group_id, ConfidentialityRules(names=NamesPolicy.HEADCOUNT)).lines
        )
    ),
    # circle/domain/format_file.py
    "a format file of another version": Case(refusal(_format_file("version = 7\n")), data=("ours", "toml", "version")),
    "a format file that is not TOML": Case(
        refusal(_format_file("version = 1\n[[part\n")), data=("ours", "toml", "version")
    ),
    "a format file with a word for a number": Case(
        refusal(_format_file('version = 1\n[[part]]\nkind = "sharing"\nminutes = "ten"\n')),
        data=("ours", "toml", "minutes"),
    ),
    "a format file with a key circle does not know": Case(
        refusal(_format_file('version = 1\ncolour = "red"\n')), data=("ours", "toml")
    ),
    # circle/files.py
    "a file that is not there": Case(
        refusal(lambda place: read_file_to_import(_nothing_in(place), 10, kind="format file")),
        data=("nowhere",),
    ),
    "a folder named as a handoff file": Case(refusal(lambda place: read_handoff_file(place.folder))),
    # circle/config.py
    "a config file that is not TOML": Case(_broken_config, data=("config", "toml", "TOMLDecodeError")),
    # circle/workspace/handoff.py
    "what an import did": Case(
        lambda _: " ".join(HandoffImported("g", "Tuesday", False, True, 2, 1, 1, 1, 1, 1, 1, 1, 1, False).lines("Tuesday")),
        data=("Tuesday",),
    ),
    # circle/workspace/roster.py, keyring.py, facilitators.py, meeting_records.py, lead_export.py, retention.py
    "a group deleted by the wrong name": Case(
        refusal(lambda place: place.workspace.delete_group(place.group_id, "Wednesday"))
    ),
    "a group no one has": Case(refusal(lambda place: place.workspace.find_group("Nobody's"))),
    "a co-facilitator with an overlong handle": Case(
        refusal(lambda place: place.workspace.begin_add_cofacilitator(place.group_id, "h" * 200))
    ),
    "a lead bundle into a folder that is not there": Case(
        refusal(lambda place: lead_bundle_path(_nothing_in(place) / "sub" / "x", datetime(2026, 3, 2, tzinfo=UTC))),
        data=("nowhere", "sub", "x", "circlelead"),
    ),
    "what a purge removed": Case(lambda _: f"{PurgeReport(notes=2).notes_removed} {PurgeReport(people=1).people_forgotten}"),
    "a locked vault": Case(refusal(lambda place: (place.workspace.lock(), place.workspace.find_group("Tuesday")))),
}


@pytest.fixture
def place(vault: Workspace, tmp_path: Path) -> Place:
    group = vault.create_group("Tuesday")
    vault.add_member(group.id, "Robin")
    return Place(vault, tmp_path, group.id)


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_each_refusal_is_said_in_spanish_on_one_line(case: Case, place: Place, in_spanish: None) -> None:
    said = case.words(place)
    assert said and "\n" not in said
    assert _SPANISH.search(said), said


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_no_english_word_of_a_refusal_escapes_the_catalog(case: Case, place: Place) -> None:
    with bracketed():
        said = case.words(place)
    assert said and "\n" not in said
    assert untranslated(said, allowed=(*case.data, str(place.folder))) == [], said


def test_namesakes_are_told_apart_by_a_month_in_the_facilitators_language_and_found_by_it(in_spanish: None) -> None:
    members = [*_two_jos(), *told_apart([Member("c3", "Al", None), Member("d4", "Al", None)])]
    shown = sorted(member.shown for member in told_apart(members))
    assert shown[2:] == ["Jo F. (abr 2025)", "Jo F. (mar 2025)"]
    assert all(tag.startswith("Al (sin fecha, ") for tag in shown[:2])
    assert find_member(told_apart(members), "jo f. (mar 2025)", ConfidentialityRules()).id == "a1"


def test_a_refusal_is_english_again_once_the_facilitator_speaks_english(place: Place, in_spanish: None) -> None:
    assert "nombre" in str(_refused(lambda: group_name("")))
    language.use(language.ENGLISH)
    assert str(_refused(lambda: group_name(""))) == "A group needs a name."


def _refused(action: Callable[[], object]) -> CircleError:
    with pytest.raises(CircleError) as refused:
        action()
    return refused.value
