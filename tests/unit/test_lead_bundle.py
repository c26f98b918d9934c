"""Lead bundles: counts only, sealed to one lead, read strictly, merged so nothing is counted twice."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from circle.domain.errors import CircleError
from circle.domain.trends.lead_bundle import (
    LeadBundle,
    LeadPayloadUnreadable,
    PERIOD_KEYS,
    bundle_from_json,
    bundle_to_json,
    group_for_lead,
    merge_bundles,
)
from circle.domain.trends.lead_report import NoMeetingsInRange, RangeBackwards, UnknownLeadGroup, groups_named, lead_report
from circle.domain.notes import NoteDraft, NoteKind
from circle.domain.trends.periods import Period
from circle.domain.records import AttendanceRecord, MeetingRecord, MeetingStatus, Presence
from circle.domain.roster import RosterEntry
from circle.domain.rules import NotesPolicy
from circle.domain.session import Arrive, StartPhase
from circle.domain.trends.compute import MeetingFacts, PeriodTrend, compute_trends
from circle.lead.folder import LeadFolder, LeadStore
from circle.paths import locations
from circle.vault.errors import (
    LeadBundleDamaged,
    LeadBundleForAnotherLead,
    LeadBundleRefused,
    LeadBundleTooNew,
    LeadKeyMistyped,
    NotALeadBundle,
)
from circle.vault.keyring import FLOOR_KDF
from circle.vault.lead_bundle import MAGIC, open_lead_bundle, seal_lead_bundle
from circle.vault.lead_key import fingerprint, key_text, parse_key_text
from circle.vault.recipients import new_private_key, public_key
from circle.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.damage import flip, redigest

REPO_ROOT = Path(__file__).resolve().parents[2]
FORMAT_13 = (REPO_ROOT / "docs" / "FORMAT.md").read_text(encoding="utf-8").split("## 13.", 1)[-1]
LEAD_PASSPHRASE = "a lamp in every window"
MONDAY = date(2026, 1, 5)
# Documented in docs/FORMAT.md section 13.4, written out here so that a change to either is noticed.
BUNDLE_KEYS = {"circle_lead", "made_at", "groups"}
GROUP_KEYS = {"id", "name", "threshold", "periods"}
PERIODS = {"week", "month", "quarter"}
ROW_KEYS = {
    "first_day", "last_day", "label", "held", "cancelled", "mean_attendance", "median_attendance", "newcomers",
    "returned", "eligible", "stayed", "active", "dropped_off", "return_rate", "retention",
}
HIDEABLE = ("newcomers", "returned", "eligible", "stayed", "active", "dropped_off")


class Lead:
    def __init__(self) -> None:
        self.private = new_private_key()
        self.text = key_text(public_key(self.private))


@pytest.fixture(scope="module")
def lead() -> Lead:
    return Lead()


# ---- a vault with people, notes, a debrief and a pulse -----------------------------------------------------------

NAMES = ["Zephyrine Quillfeather", "Orlando Vexmoor", "Ysolde Brackenridge", "Tamsin Okonkwo-Hale"]
NOTE_WORDS = "Xqvnotecanary ring her Thursday"
DEBRIEF_WORDS = "Dqvdebriefcanary heavy evening"
PULSE_QUESTION = "Pqvpulsecanary how hopeful today?"
CO_HANDLE = "Hqvhandlecanary"
CO_PASSPHRASE = "juniper kettle orchard violet"


def weekly_history(workspace: Workspace, group_id: str, present: list[int], *, first: date = MONDAY) -> None:
    """One closed meeting a week; week i has the first present[i] members there and the rest absent."""
    members = sorted(workspace.members(group_id), key=lambda member: member.id)
    seen: set[str] = set()
    meetings, rows = [], []
    for index, count in enumerate(present):
        meeting_id = f"{group_id[:8]}-history-{index}"
        here = members[:count]
        new = [member for member in here if member.id not in seen]
        seen.update(member.id for member in here)
        meetings.append(MeetingRecord(
            id=meeting_id, group_id=group_id, held_on=first + timedelta(weeks=index), status=MeetingStatus.CLOSED,
            planned_minutes=90, actual_minutes=90, headcount=count, newcomers=len(new), shared_turns=count,
        ))
        rows += [
            AttendanceRecord(meeting_id, member.id, Presence.PRESENT if member in here else Presence.ABSENT,
                             newcomer=member in new)
            for member in members
        ]
    workspace.record_meetings(group_id, meetings, rows)


@pytest.fixture
def busy_vault(workspace: Workspace) -> Workspace:
    """Two groups: one with notes, a debrief, a pulse and a co-facilitator; one whose threshold is 5."""
    tuesday = workspace.create_group("Tuesday Evening", "support-90")
    rules = replace(tuesday.rules, notes=NotesPolicy.BRIEF, brief_note_cap=200, pulse_question=PULSE_QUESTION)
    workspace.change_rules(tuesday.id, rules)
    workspace.add_members(tuesday.id, [RosterEntry(name, None) for name in NAMES])
    weekly_history(workspace, tuesday.id, [2, 4, 4, 3, 1, 4, 4, 2])
    workspace.add_cofacilitator(tuesday.id, CO_HANDLE, CO_PASSPHRASE, kdf=FLOOR_KDF)
    meeting = workspace.meeting(tuesday.id)
    members = workspace.members(tuesday.id)
    for member in members[:3]:
        meeting.do(Arrive(member.id))
    meeting.note(NoteDraft(NoteKind.FOLLOW_UP, member_id=members[0].id, text=NOTE_WORDS))
    meeting.do(StartPhase(len(meeting.state.phases) - 1))
    meeting.record_pulse((0, 1, 1, 1, 0))
    meeting.close()
    workspace.add_debrief(tuesday.id, meeting.session_id, DEBRIEF_WORDS)

    thursday = workspace.create_group("Thursday Circle", "support-90")
    workspace.change_rules(thursday.id, replace(thursday.rules, small_count_threshold=5))
    workspace.add_members(thursday.id, [RosterEntry(f"Person {letter}", None) for letter in "ABCDEFG"])
    weekly_history(workspace, thursday.id, [2, 3, 7, 6, 4, 7, 5, 1, 6])
    return workspace


def exported_payload(workspace: Workspace, lead: Lead, group_ids: list[str] | None = None) -> bytes:
    return open_lead_bundle(workspace.export_for_lead(lead.text, group_ids), lead.private)


def test_a_bundle_holds_no_member_id_name_note_handle_or_passphrase_anywhere(busy_vault: Workspace, lead: Lead):
    payload = exported_payload(busy_vault, lead)
    groups = {group.id: group for group in busy_vault.groups()}
    member_ids = [member.id for group_id in groups for member in busy_vault.members(group_id)]
    facilitator_ids = sorted({entry.id for group_id in groups for entry in busy_vault.facilitators(group_id)})
    words = [*NAMES, *(name.split()[0] for name in NAMES), NOTE_WORDS, DEBRIEF_WORDS, PULSE_QUESTION, CO_HANDLE,
             busy_vault.facilitator_handle, PASSPHRASE, CO_PASSPHRASE, "Xqvnotecanary", "Dqvdebriefcanary",
             "Pqvpulsecanary", "Hqvhandlecanary"]
    for needle in [*member_ids, *facilitator_ids, *words]:
        for form in {needle, needle.lower(), needle.upper()}:
            assert form.encode() not in payload, "something about a person left the vault"
    assert len(member_ids) == 11 and len(facilitator_ids) == 2


def test_a_bundles_json_has_exactly_the_documented_keys(busy_vault: Workspace, lead: Lead):
    value = json.loads(exported_payload(busy_vault, lead))
    assert set(value) == BUNDLE_KEYS and value["circle_lead"] == 1
    assert {group["name"] for group in value["groups"]} == {"Tuesday Evening", "Thursday Circle"}
    for group in value["groups"]:
        assert set(group) == GROUP_KEYS and set(group["periods"]) == PERIODS
        for rows in group["periods"].values():
            assert rows, "a group with meetings has periods of each kind"
            for row in rows:
                assert set(row) == ROW_KEYS
    for key in BUNDLE_KEYS | GROUP_KEYS | PERIODS | ROW_KEYS:
        assert f"`{key}`" in FORMAT_13, f"{key} is not documented in docs/FORMAT.md section 13"


def test_the_period_rows_carry_every_field_of_a_period_trend():
    fields = set(PeriodTrend(MONDAY, MONDAY, "x", 0, 0, None, None, 0, None, None, None, None, None).to_dict())
    assert fields == set(PERIOD_KEYS) == ROW_KEYS


def test_small_counts_are_hidden_by_each_groups_own_threshold(busy_vault: Workspace, lead: Lead):
    value = json.loads(exported_payload(busy_vault, lead))
    by_name = {group["name"]: group for group in value["groups"]}
    assert (by_name["Tuesday Evening"]["threshold"], by_name["Thursday Circle"]["threshold"]) == (3, 5)
    for group in value["groups"]:
        threshold = group["threshold"]
        shown: list[object] = []
        for rows in group["periods"].values():
            for row in rows:
                shown += [row[key] for key in HIDEABLE]
                if isinstance(row["mean_attendance"], (int, float)):
                    assert row["mean_attendance"] == 0 or row["mean_attendance"] >= threshold
        assert f"<{threshold}" in shown
        assert all(value in (None, 0, f"<{threshold}") or (type(value) is int and value >= threshold)
                   for value in shown), group["name"]
    thursday_weeks = by_name["Thursday Circle"]["periods"]["week"]
    assert [row["newcomers"] for row in thursday_weeks[:3]] == ["<5", "<5", "<5"]  # 2, 1 and 4 newcomers


def test_an_export_can_name_its_groups_and_refuses_a_mistyped_key(busy_vault: Workspace, lead: Lead):
    thursday = busy_vault.find_group("thursday circle")
    value = json.loads(exported_payload(busy_vault, lead, [thursday.id]))
    assert [group["id"] for group in value["groups"]] == [thursday.id]
    with pytest.raises(LeadKeyMistyped):
        busy_vault.export_for_lead(lead.text[:-2] + ("aa" if lead.text[-2:] != "aa" else "bb"))


# ---- the container ---------------------------------------------------------------------------------------------

PAYLOAD = b'{"circle_lead": "opaque to the container"}'


def test_a_bundle_opens_with_its_leads_key_and_no_other(lead: Lead):
    bundle = seal_lead_bundle(PAYLOAD, public_key(lead.private))
    assert open_lead_bundle(bundle, lead.private) == PAYLOAD
    assert PAYLOAD not in bundle
    with pytest.raises(LeadBundleForAnotherLead) as refused:
        open_lead_bundle(bundle, new_private_key())
    assert str(refused.value) == "This bundle is for another lead's key."


def test_every_byte_flipped_gives_one_documented_error(lead: Lead):
    bundle = seal_lead_bundle(PAYLOAD, public_key(lead.private))
    version_at = len(MAGIC)
    for index in range(len(bundle)):
        for mask in (0x01, 0x80):
            if index < version_at:
                expected: type[LeadBundleRefused] = NotALeadBundle
            elif index == version_at:
                expected = LeadBundleTooNew if mask == 0x80 else LeadBundleDamaged
            else:
                expected = LeadBundleDamaged
            with pytest.raises(LeadBundleRefused) as refused:
                open_lead_bundle(flip(bundle, index, mask), lead.private)
            assert type(refused.value) is expected, (index, mask)


def test_every_truncation_is_refused_as_not_a_bundle_or_damaged(lead: Lead):
    bundle = seal_lead_bundle(PAYLOAD, public_key(lead.private))
    for length in range(len(bundle)):
        expected = NotALeadBundle if length < len(MAGIC) else LeadBundleDamaged
        with pytest.raises(expected):
            open_lead_bundle(bundle[:length], lead.private)


def test_a_forged_recipient_or_payload_with_a_recomputed_digest_still_fails(lead: Lead):
    bundle = seal_lead_bundle(PAYLOAD, public_key(lead.private))
    other = new_private_key()
    readdressed = redigest(bundle[:19] + fingerprint(public_key(other)) + bundle[35:])
    with pytest.raises(LeadBundleDamaged):
        open_lead_bundle(readdressed, other)  # the header is associated data: the seal no longer opens
    with pytest.raises(LeadBundleDamaged):
        open_lead_bundle(redigest(flip(bundle, len(bundle) - 40)), lead.private)
    with pytest.raises(LeadBundleTooNew):
        open_lead_bundle(redigest(bundle[:18] + b"\x02" + bundle[19:]), lead.private)


# ---- the payload, read strictly ------------------------------------------------------------------------------------


def facts(group: str, headcounts: list[int], newcomers: list[int], first: date = MONDAY) -> list[MeetingFacts]:
    return [
        MeetingFacts(f"{group}-{index}", group, first + timedelta(weeks=index), MeetingStatus.CLOSED, 90, 90,
                     count, new, count, 0, None)
        for index, (count, new) in enumerate(zip(headcounts, newcomers, strict=True))
    ]


def synthetic_bundle(made_at: datetime, *, name: str = "Tuesday Evening", group_id: str = "g1",
                     headcounts: tuple[int, ...] = (6, 2, 7, 5, 8, 1, 9, 6), threshold: int = 3) -> LeadBundle:
    """A headcount-only group (no attendance rows), by each kind of period."""
    meetings = facts(group_id, list(headcounts), [1, 0, 2, 0, 4, 0, 1, 3][: len(headcounts)])
    trends = {by: compute_trends(meetings, [], by=by, today=date(2027, 1, 1)).groups.get(group_id) for by in Period}
    return LeadBundle(made_at=made_at, groups=(group_for_lead(group_id, name, threshold, trends),))


MADE = datetime(2026, 3, 2, 19, 0, tzinfo=UTC)


def test_a_payload_reads_back_exactly_as_it_was_written():
    bundle = synthetic_bundle(MADE)
    assert bundle_from_json(bundle_to_json(bundle)) == bundle


def mutated(change) -> bytes:  # type: ignore[no-untyped-def]
    value = json.loads(bundle_to_json(synthetic_bundle(MADE)))
    change(value)
    return json.dumps(value).encode()


def month(value: dict) -> dict:
    return value["groups"][0]["periods"]["month"][0]


MALFORMED = {
    "an extra top-level key": mutated(lambda v: v.update(members=[])),
    "no made_at": mutated(lambda v: v.pop("made_at")),
    "a newer payload number": mutated(lambda v: v.update(circle_lead=2)),
    "made_at without a zone": mutated(lambda v: v.update(made_at="2026-03-02T19:00:00")),
    "groups not a list": mutated(lambda v: v.update(groups={})),
    "the same group twice": mutated(lambda v: v["groups"].append(v["groups"][0])),
    "a group with notes": mutated(lambda v: v["groups"][0].update(notes=[])),
    "a group id with a slash": mutated(lambda v: v["groups"][0].update(id="../g1")),
    "a name with a terminal escape": mutated(lambda v: v["groups"][0].update(name="Tue\x1b[31m")),
    "an empty name": mutated(lambda v: v["groups"][0].update(name="")),
    "threshold 0": mutated(lambda v: v["groups"][0].update(threshold=0)),
    "threshold true": mutated(lambda v: v["groups"][0].update(threshold=True)),
    "no quarters": mutated(lambda v: v["groups"][0]["periods"].pop("quarter")),
    "a row with a member id": mutated(lambda v: month(v).update(member_id="m1")),
    "a row without its label": mutated(lambda v: month(v).pop("label")),
    "a negative count": mutated(lambda v: month(v).update(held=-1)),
    "a count as a float": mutated(lambda v: month(v).update(held=1.5)),
    "a count as true": mutated(lambda v: month(v).update(cancelled=True)),
    "a hidden count with another threshold": mutated(lambda v: month(v).update(newcomers="<4")),
    "newcomers unknown": mutated(lambda v: month(v).update(newcomers=None)),
    "a rate above one": mutated(lambda v: month(v).update(retention=1.5)),
    "a label that is not the period's": mutated(lambda v: month(v).update(label="2026-02")),
    "a last day that is not the period's": mutated(lambda v: month(v).update(last_day="2026-01-30")),
    "a date in another spelling": mutated(lambda v: month(v).update(first_day="20260101")),
    "periods out of order": mutated(lambda v: v["groups"][0]["periods"]["month"].reverse()),
    "NaN for a mean": bundle_to_json(synthetic_bundle(MADE)).replace(b'"mean_attendance":', b'"mean_attendance":NaN,"x":', 1),
    "a key given twice": bundle_to_json(synthetic_bundle(MADE)).replace(b'{"circle_lead":1', b'{"circle_lead":1,"circle_lead":1', 1),
    "not UTF-8": b'{"circle_lead": 1, "made_at": "\xff"}',
    "not JSON": b"circle",
    "a list at the top": b"[]",
}


@pytest.mark.parametrize("data", MALFORMED.values(), ids=MALFORMED.keys())
def test_anything_but_the_documented_shape_is_one_unreadable_error(data: bytes):
    with pytest.raises(LeadPayloadUnreadable) as refused:
        bundle_from_json(data)
    assert str(refused.value) == "This bundle opened, but what it holds could not be read; ask for a new one."


# ---- merging ----------------------------------------------------------------------------------------------------------


def test_a_later_bundle_replaces_a_group_and_the_same_or_an_older_one_changes_nothing():
    older, newer = synthetic_bundle(MADE), synthetic_bundle(MADE + timedelta(days=7), headcounts=(9, 9, 9))
    kept, counts = merge_bundles({}, [older])
    assert (counts.added, counts.updated, counts.up_to_date) == (1, 0, 0)
    again, counts = merge_bundles(kept, [older])
    assert again == kept and (counts.added, counts.updated, counts.up_to_date) == (0, 0, 1)
    updated, counts = merge_bundles(kept, [newer])
    assert updated["g1"].made_at == newer.made_at and counts.updated == 1
    stale, counts = merge_bundles(updated, [older])
    assert stale == updated and counts.up_to_date == 1
    assert merge_bundles({}, [older, newer])[0] == merge_bundles({}, [newer, older])[0]


# ---- the lead's store on disk ----------------------------------------------------------------------------------------


@pytest.fixture
def lead_folder(tmp_path: Path) -> LeadFolder:
    folder = LeadFolder(locations(tmp_path / "lead-home"))
    folder.create_key(LEAD_PASSPHRASE, kdf=FLOOR_KDF)
    return folder


def bundle_file(folder: Path, name: str, bundle: LeadBundle, to_public: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(seal_lead_bundle(bundle_to_json(bundle), to_public))
    return path


def our_public(folder: LeadFolder) -> bytes:
    return parse_key_text(folder.public_key_text())


def test_importing_a_folder_twice_counts_nothing_twice_and_leaves_the_store_as_it_was(
    lead_folder: LeadFolder, tmp_path: Path
):
    shared = tmp_path / "shared"
    ours = our_public(lead_folder)
    bundle_file(shared, "a.circlelead", synthetic_bundle(MADE), ours)
    bundle_file(shared, "b.circlelead", synthetic_bundle(MADE, name="Thursday", group_id="g2"), ours)
    bundle_file(shared, "c.circlelead", synthetic_bundle(MADE, group_id="g3"), public_key(new_private_key()))
    (shared / "notes.txt").write_text("not a bundle, and not named *.circlelead")
    store = lead_folder.unlock(LEAD_PASSPHRASE)
    first = store.import_paths([shared])
    assert first.summary() == (
        "Read 2 bundles: 2 groups added, 0 updated, 0 already up to date. Skipped 1 bundle for another lead's key."
    )
    assert first.problems == ()
    stored = lead_folder.where.lead_store_file
    assert oct(stored.stat().st_mode & 0o777) == "0o600"
    before = stored.read_bytes()
    second = store.import_paths([shared])
    assert second.summary().startswith("Read 2 bundles: 0 groups added, 0 updated, 2 already up to date.")
    assert stored.read_bytes() == before
    assert sorted(entry.group.name for entry in store.kept().values()) == ["Thursday", "Tuesday Evening"]


def test_a_damaged_file_or_one_named_for_another_lead_is_one_line_each_and_the_rest_comes_in(
    lead_folder: LeadFolder, tmp_path: Path
):
    ours = our_public(lead_folder)
    good = bundle_file(tmp_path / "in", "good.circlelead", synthetic_bundle(MADE), ours)
    damaged = bundle_file(tmp_path / "in", "damaged.circlelead", synthetic_bundle(MADE, group_id="g2"), ours)
    damaged.write_bytes(damaged.read_bytes()[:-1])
    theirs = bundle_file(tmp_path / "other", "theirs.circlelead", synthetic_bundle(MADE), public_key(new_private_key()))
    result = lead_folder.unlock(LEAD_PASSPHRASE).import_paths([good, damaged, theirs, tmp_path / "missing.circlelead"])
    assert result.problems == (
        f"{damaged}: This bundle is damaged or was changed; ask for a new one.",
        f"{theirs}: This bundle is for another lead's key.",
        f"{tmp_path / 'missing.circlelead'}: No file or folder there.",
    )
    assert result.summary() == "Read 1 bundle: 1 group added, 0 updated, 0 already up to date."


def test_a_newer_bundle_replaces_the_group_kept_and_an_older_one_after_it_changes_nothing(
    lead_folder: LeadFolder, tmp_path: Path
):
    ours = our_public(lead_folder)
    store = lead_folder.unlock(LEAD_PASSPHRASE)
    old = bundle_file(tmp_path, "old.circlelead", synthetic_bundle(MADE), ours)
    new = bundle_file(tmp_path, "new.circlelead", synthetic_bundle(MADE + timedelta(days=1), name="Renamed"), ours)
    store.import_paths([old])
    assert store.import_paths([new]).summary().startswith("Read 1 bundle: 0 groups added, 1 updated")
    assert store.import_paths([old]).counts.up_to_date == 1
    assert [entry.group.name for entry in store.kept().values()] == ["Renamed"]


CRASHING_IMPORT = """
import resource, signal, sys
from pathlib import Path
from circle.lead.folder import LeadFolder
from circle.paths import locations
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG, as on a full disk
store = LeadFolder(locations(sys.argv[1])).unlock(sys.argv[2])
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[3]), resource.RLIM_INFINITY))
try:
    store.import_paths([Path(sys.argv[4])])
except Exception as error:
    print(type(error).__name__, error)
"""


def test_a_store_that_cannot_be_written_whole_leaves_the_previous_one_intact(lead_folder: LeadFolder, tmp_path: Path):
    ours = our_public(lead_folder)
    store = lead_folder.unlock(LEAD_PASSPHRASE)
    store.import_paths([bundle_file(tmp_path, "first.circlelead", synthetic_bundle(MADE), ours)])
    stored = lead_folder.where.lead_store_file
    before = stored.read_bytes()
    many = tmp_path / "many"
    for index in range(5):
        bundle_file(many, f"{index}.circlelead", synthetic_bundle(MADE, group_id=f"more{index}"), ours)
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", CRASHING_IMPORT, str(tmp_path / "lead-home"), LEAD_PASSPHRASE, str(len(before) + 100),
         str(many)],
        env=env, capture_output=True, text=True, timeout=60, check=True,
    )
    assert done.stdout.startswith("CircleError The imported bundles could not be saved"), done.stdout + done.stderr
    assert done.stdout.rstrip().endswith("your store is as it was.")
    assert stored.read_bytes() == before
    assert sorted(path.name for path in stored.parent.iterdir()) == ["groups.sealed", "lead.key", "lead.lock"]
    assert list(store.kept()) == ["g1"]


def test_a_lead_store_opens_only_with_its_own_lead_key(lead_folder: LeadFolder, tmp_path: Path):
    ours = our_public(lead_folder)
    lead_folder.unlock(LEAD_PASSPHRASE).import_paths([bundle_file(tmp_path, "a.circlelead", synthetic_bundle(MADE), ours)])
    with pytest.raises(CircleError, match="store of imported bundles is damaged"):
        LeadStore(lead_folder, new_private_key()).kept()


# ---- the report -------------------------------------------------------------------------------------------------------


def kept_groups(*bundles: LeadBundle):  # type: ignore[no-untyped-def]
    return merge_bundles({}, bundles)[0]


def test_a_summary_adds_up_hidden_counts_as_the_range_they_must_lie_in():
    # Newcomers by month: 3 in January, 8 in February; with a threshold of 6, January's are hidden.
    report = lead_report(kept_groups(synthetic_bundle(MADE, threshold=6)))
    [group] = report.groups
    assert [row["newcomers"] for row in group.periods] == ["<6", 8]
    assert group.summary["newcomers"] == "9-13"
    assert group.summary["held"] == 8 and group.summary["cancelled"] == 0
    # January's mean (5) is hidden too: 24 people at February's four meetings, and fewer than 24 at January's.
    assert [row["mean_attendance"] for row in group.periods] == ["<6", 6]
    assert group.summary["mean_attendance"] == "3.0-6.0"
    small = lead_report(kept_groups(synthetic_bundle(MADE, threshold=6)), since=MONDAY, until=MONDAY)
    assert small.groups[0].summary["newcomers"] == "<6"
    by_month = lead_report(kept_groups(synthetic_bundle(MADE)), by=Period.MONTH)
    assert [row["newcomers"] for row in by_month.groups[0].periods] == [3, 8]
    assert by_month.groups[0].summary["newcomers"] == 11


def test_a_range_keeps_the_periods_it_overlaps_whole():
    kept = kept_groups(synthetic_bundle(MADE))
    report = lead_report(kept, by=Period.MONTH, since=date(2026, 1, 31), until=date(2026, 2, 1))
    assert [row["label"] for row in report.groups[0].periods] == ["2026-01", "2026-02"]
    with pytest.raises(NoMeetingsInRange):
        lead_report(kept, by=Period.MONTH, since=date(2027, 1, 1))
    with pytest.raises(RangeBackwards):
        lead_report(kept, since=date(2026, 2, 1), until=date(2026, 1, 1))


def test_groups_are_chosen_by_name_and_two_groups_of_one_name_stay_apart():
    kept = kept_groups(synthetic_bundle(MADE, group_id="aaaaaa11"), synthetic_bundle(MADE, group_id="bbbbbb22"),
                       synthetic_bundle(MADE, group_id="cccccc33", name="Thursday"))
    assert groups_named(kept, ["tuesday EVENING"]) == ["aaaaaa11", "bbbbbb22"]
    with pytest.raises(UnknownLeadGroup):
        groups_named(kept, ["Wednesday"])
    labels = [group.label for group in lead_report(kept).groups]
    assert labels == ["Thursday", "Tuesday Evening (aaaaaa)", "Tuesday Evening (bbbbbb)"]
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["made_on"]) for row in lead_report(kept).summary_rows())
