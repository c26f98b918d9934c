"""Lead bundles: counts only, sealed to one lead, read strictly, merged so nothing is counted twice."""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
from dataclasses import astuple, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from circle.domain.errors import CircleError
from circle.domain.trends.lead_bundle import (
    MAX_KEPT_GROUPS,
    GroupStatement,
    KeptGroup,
    LeadBundleUnsigned,
    LeadPayloadUnreadable,
    PERIOD_KEYS,
    bundle_from_json,
    bundle_to_json,
    statement_from_json,
    statement_to_json,
)
from circle.domain.trends.lead_merge import RetiredKey, SetAsideWhy, TooManyGroups, merge_groups, trusted
from circle.domain.trends.lead_report import NoMeetingsInRange, RangeBackwards, UnknownLeadGroup, groups_named, lead_report
from circle.domain.notes import NoteDraft, NoteKind
from circle.domain.trends.periods import Period
from circle.domain.records import AttendanceRecord, MeetingRecord, MeetingStatus, Presence
from circle.domain.roster import RosterEntry
from circle.domain.rules import NotesPolicy
from circle.domain.session import Arrive, StartPhase
from circle.domain.trends.compute import PeriodTrend
from circle.lead.folder import LeadFolder, LeadStore
from circle.vault.errors import (
    LeadBundleDamaged,
    LeadBundleForAnotherLead,
    LeadBundleRefused,
    LeadBundleTooNew,
    LeadKeyMistyped,
    NotALeadBundle,
)
from circle.vault.keyring import FLOOR_KDF
from circle.vault.group_signing import signed_by
from circle.vault.lead_bundle import MAGIC, open_lead_bundle, seal_lead_bundle
from circle.vault.lead_key import fingerprint, key_text, parse_key_text
from circle.vault.recipients import new_private_key, public_key
from circle.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.damage import flip, redigest
from tests.lead_bundles import (  # noqa: F401 - lead_folder is a fixture
    LEAD_PASSPHRASE,
    lead_folder,
    our_public,
    FORGER_SEED,
    MONDAY,
    bundle_file,
    kept_groups,
    sealed_bundle,
    signed_statements,
    synthetic_bundle,
    synthetic_group,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
FORMAT_13 = (REPO_ROOT / "docs" / "FORMAT.md").read_text(encoding="utf-8").split("## 13.", 1)[-1]
# Documented in docs/FORMAT.md section 13.4, written out here so that a change to either is noticed.
BUNDLE_KEYS = {"circle_lead", "groups"}
SIGNED_KEYS = {"statement", "signer", "signature"}
STATEMENT_KEYS = {"circle_lead_group", "made_at", "for_lead", "group"}
GROUP_KEYS = {"id", "name", "threshold", "months"}
ROW_KEYS = {
    "first_day", "last_day", "label", "held", "cancelled", "mean_attendance", "median_attendance", "newcomers",
    "returned", "eligible", "stayed", "active", "dropped_off", "return_rate", "retention",
    "guests", "pulse", "pulse_answered", "pulse_mean",
}
HIDEABLE = ("newcomers", "returned", "eligible", "stayed", "active", "dropped_off", "guests")


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


def exported_statements(workspace: Workspace, lead: Lead, group_ids: list[str] | None = None) -> list[dict]:
    return [json.loads(each["statement"]) for each in json.loads(exported_payload(workspace, lead, group_ids))["groups"]]


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
    assert set(value) == BUNDLE_KEYS and value["circle_lead"] == 2
    assert all(set(each) == SIGNED_KEYS for each in value["groups"])
    statements = exported_statements(busy_vault, lead)
    assert {each["group"]["name"] for each in statements} == {"Tuesday Evening", "Thursday Circle"}
    for statement in statements:
        assert set(statement) == STATEMENT_KEYS and statement["circle_lead_group"] == 2
        assert statement["for_lead"] == fingerprint(parse_key_text(lead.text)).hex()
        assert set(statement["group"]) == GROUP_KEYS and statement["group"]["months"], "a group with meetings has months"
        for row in statement["group"]["months"]:
            assert set(row) == ROW_KEYS and re.fullmatch(r"\d{4}-\d{2}", row["label"])
    for key in BUNDLE_KEYS | SIGNED_KEYS | STATEMENT_KEYS | GROUP_KEYS | ROW_KEYS:
        assert f"`{key}`" in FORMAT_13, f"{key} is not documented in docs/FORMAT.md section 13"


def test_each_group_is_signed_by_its_own_key_and_the_signature_covers_its_statement(busy_vault: Workspace, lead: Lead):
    value = json.loads(exported_payload(busy_vault, lead))
    signers = set()
    for each in value["groups"]:
        signer, signature = base64.b64decode(each["signer"]), base64.b64decode(each["signature"])
        statement = each["statement"].encode()
        assert signed_by(signer, signature, statement)
        assert not signed_by(signer, signature, statement.replace(b'"threshold":', b'"threshold": '))
        signers.add(signer)
    assert len(signers) == 2
    tuesday = busy_vault.find_group("Tuesday Evening")
    again = json.loads(exported_payload(busy_vault, lead, [tuesday.id]))
    assert base64.b64decode(again["groups"][0]["signer"]) in signers, "a group signs with the same key every time"


def test_the_period_rows_carry_every_field_of_a_period_trend():
    fields = set(PeriodTrend(MONDAY, MONDAY, "x", 0, 0, None, None, 0, None, None, None, None, None).to_dict())
    assert fields == set(PERIOD_KEYS) == ROW_KEYS


def test_small_counts_are_hidden_by_each_groups_own_threshold(busy_vault: Workspace, lead: Lead):
    groups = [statement["group"] for statement in exported_statements(busy_vault, lead)]
    by_name = {group["name"]: group for group in groups}
    assert (by_name["Tuesday Evening"]["threshold"], by_name["Thursday Circle"]["threshold"]) == (3, 5)
    for group in groups:
        threshold = group["threshold"]
        shown: list[object] = []
        for row in group["months"]:
            shown += [row[key] for key in HIDEABLE]
            if isinstance(row["mean_attendance"], (int, float)):
                assert row["mean_attendance"] == 0 or row["mean_attendance"] >= threshold
        assert f"<{threshold}" in shown + [row["mean_attendance"] for row in group["months"]]
        assert all(value in (None, 0, f"<{threshold}") or (type(value) is int and value >= threshold)
                   for value in shown), group["name"]


def test_an_export_can_name_its_groups_and_refuses_a_mistyped_key(busy_vault: Workspace, lead: Lead):
    thursday = busy_vault.find_group("thursday circle")
    statements = exported_statements(busy_vault, lead, [thursday.id])
    assert [each["group"]["id"] for each in statements] == [thursday.id]
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


MADE = datetime(2026, 3, 2, 19, 0, tzinfo=UTC)


LEAD_FOR = "0f" * 16


def statement(**change: object) -> bytes:
    return statement_to_json(GroupStatement(MADE, LEAD_FOR, synthetic_group(**change)))  # type: ignore[arg-type]


def test_a_statement_reads_back_exactly_as_it_was_written():
    assert statement_from_json(statement()) == GroupStatement(MADE, LEAD_FOR, synthetic_group())


def test_a_bundle_reads_back_as_the_statements_signers_and_signatures_it_carries(lead: Lead):
    signed = signed_statements(synthetic_bundle(MADE), public_key(lead.private))
    assert bundle_from_json(bundle_to_json(signed)) == tuple(signed)


def mutated(change, top: bool = False) -> bytes:  # type: ignore[no-untyped-def]
    value = json.loads(statement())
    change(value if top else value["group"])
    return json.dumps(value).encode()


def month(group: dict) -> dict:
    return group["months"][0]


MALFORMED_STATEMENTS = {
    "an extra top-level key": mutated(lambda v: v.update(members=[]), top=True),
    "no made_at": mutated(lambda v: v.pop("made_at"), top=True),
    "a newer statement number": mutated(lambda v: v.update(circle_lead_group=3), top=True),
    "made_at without a zone": mutated(lambda v: v.update(made_at="2026-03-02T19:00:00"), top=True),
    "a lead that is not a fingerprint": mutated(lambda v: v.update(for_lead="lead"), top=True),
    "a group with notes": mutated(lambda v: v.update(notes=[])),
    "a group id with a slash": mutated(lambda v: v.update(id="../g1")),
    "a name with a terminal escape": mutated(lambda v: v.update(name="Tue\x1b[31m")),
    "an empty name": mutated(lambda v: v.update(name="")),
    "threshold 0": mutated(lambda v: v.update(threshold=0)),
    "threshold true": mutated(lambda v: v.update(threshold=True)),
    "weeks as well as months": mutated(lambda v: v.update(weeks=[])),
    "a row with a member id": mutated(lambda v: month(v).update(member_id="m1")),
    "a row without its label": mutated(lambda v: month(v).pop("label")),
    "a negative count": mutated(lambda v: month(v).update(held=-1)),
    "a count as a float": mutated(lambda v: month(v).update(held=1.5)),
    "a count as true": mutated(lambda v: month(v).update(cancelled=True)),
    "a count past any group": mutated(lambda v: month(v).update(held=10**7)),
    "a mean past any group": mutated(lambda v: month(v).update(mean_attendance=1e9)),
    "made in the year 1": mutated(lambda v: v.update(made_at="0001-01-01T00:00:00+00:00"), top=True),
    "a hidden count with another threshold": mutated(lambda v: month(v).update(newcomers="<4")),
    "newcomers unknown": mutated(lambda v: month(v).update(newcomers=None)),
    "a rate above one": mutated(lambda v: month(v).update(retention=1.5)),
    "a label that is not the month's": mutated(lambda v: month(v).update(label="2026-02")),
    "a last day that is not the month's": mutated(lambda v: month(v).update(last_day="2026-01-30")),
    "a week's row among the months": mutated(lambda v: month(v).update(first_day="2026-01-05", last_day="2026-01-11",
                                                                        label="2026-W02")),
    "a date in another spelling": mutated(lambda v: month(v).update(first_day="20260101")),
    "months out of order": mutated(lambda v: v["months"].reverse()),
    "NaN for a mean": statement().replace(b'"mean_attendance":', b'"mean_attendance":NaN,"x":', 1),
    "a key given twice": statement().replace(b'{"circle_lead_group":2', b'{"circle_lead_group":2,"circle_lead_group":2', 1),
    "not UTF-8": b'{"circle_lead_group": 2, "made_at": "\xff"}',
    "not JSON": b"circle",
    "a list at the top": b"[]",
}


@pytest.mark.parametrize("data", MALFORMED_STATEMENTS.values(), ids=MALFORMED_STATEMENTS.keys())
def test_a_statement_of_anything_but_the_documented_shape_is_one_unreadable_error(data: bytes):
    with pytest.raises(LeadPayloadUnreadable) as refused:
        statement_from_json(data)
    assert str(refused.value) == "This bundle opened, but what it holds could not be read; ask for a new one."


def envelope(change) -> bytes:  # type: ignore[no-untyped-def]
    value = json.loads(bundle_to_json(signed_statements(synthetic_bundle(MADE), public_key(new_private_key()))))
    change(value)
    return json.dumps(value).encode()


MALFORMED_ENVELOPES = {
    "an extra top-level key": envelope(lambda v: v.update(made_at="2026-03-02T19:00:00+00:00")),
    "groups not a list": envelope(lambda v: v.update(groups={})),
    "101 groups": envelope(lambda v: v.update(groups=v["groups"] * 101)),
    "a signer of 31 bytes": envelope(lambda v: v["groups"][0].update(signer=base64.b64encode(bytes(31)).decode())),
    "a signature not in base64": envelope(lambda v: v["groups"][0].update(signature="not base64!")),
    "a statement as an object": envelope(lambda v: v["groups"][0].update(statement={})),
    "no signature": envelope(lambda v: v["groups"][0].pop("signature")),
}


@pytest.mark.parametrize("data", MALFORMED_ENVELOPES.values(), ids=MALFORMED_ENVELOPES.keys())
def test_an_envelope_of_anything_but_the_documented_shape_is_one_unreadable_error(data: bytes):
    with pytest.raises(LeadPayloadUnreadable):
        bundle_from_json(data)


def test_a_bundle_from_before_signing_is_refused_as_unsigned_in_one_line():
    with pytest.raises(LeadBundleUnsigned) as refused:
        bundle_from_json(b'{"circle_lead":1,"made_at":"2026-03-02T19:00:00+00:00","groups":[]}')
    assert "not signed" in str(refused.value) and "\n" not in str(refused.value)


# ---- merging ----------------------------------------------------------------------------------------------------------


def test_a_later_bundle_replaces_a_group_and_the_same_or_an_older_one_changes_nothing():
    older, newer = synthetic_bundle(MADE), synthetic_bundle(MADE + timedelta(days=7), headcounts=(9, 9, 9))
    first = merge_groups({}, older.received())
    assert astuple(first.counts) == (1, 0, 0)
    again = merge_groups(first.kept, older.received())
    assert again.kept == first.kept and astuple(again.counts) == (0, 0, 1)
    updated = merge_groups(first.kept, newer.received())
    assert updated.kept["g1"].made_at == newer.made_at and updated.counts.updated == 1
    stale = merge_groups(updated.kept, older.received())
    assert stale.kept == updated.kept and stale.counts.up_to_date == 1
    assert merge_groups({}, older.received() + newer.received()).kept == kept_groups(newer, older)


def test_a_group_is_pinned_to_its_first_signer_and_another_signers_statement_is_set_aside():
    kept = kept_groups(synthetic_bundle(MADE))
    forged = synthetic_bundle(MADE + timedelta(days=30), seed=FORGER_SEED, headcounts=(42, 42, 42))
    merged = merge_groups(kept, forged.received())
    assert merged.kept == kept and astuple(merged.counts) == (0, 0, 0)
    assert [(aside.group.group.id, aside.why) for aside in merged.set_aside] == [("g1", SetAsideWhy.ANOTHER_KEY)]
    assert merge_groups({}, forged.received()).kept["g1"].signer == forged.signer, "a new group is pinned to its signer"


def test_a_new_group_signed_by_two_keys_in_one_import_is_taken_from_neither_whatever_the_order():
    real, other = synthetic_bundle(MADE), synthetic_bundle(MADE + timedelta(days=1), seed=FORGER_SEED)
    for order in (real.received() + other.received(), other.received() + real.received()):
        merged = merge_groups({}, order)
        assert merged.kept == {} and {aside.why for aside in merged.set_aside} == {SetAsideWhy.TWO_KEYS}


def test_trusting_a_new_key_retires_the_old_one_and_never_rolls_the_counts_back():
    kept = kept_groups(synthetic_bundle(MADE + timedelta(days=10)))
    older_new_key = synthetic_bundle(MADE, seed=FORGER_SEED, headcounts=(1, 1)).received()[0]
    after = trusted(kept, older_new_key)["g1"]
    assert after.signer == older_new_key.signer and after.retired == (kept["g1"].signer,)
    assert after.made_at == MADE + timedelta(days=10) and after.group == kept["g1"].group
    again = merge_groups({"g1": after}, synthetic_bundle(MADE + timedelta(days=20)).received())
    assert [aside.why for aside in again.set_aside] == [SetAsideWhy.RETIRED_KEY] and again.kept == {"g1": after}
    with pytest.raises(RetiredKey):
        trusted({"g1": after}, synthetic_bundle(MADE + timedelta(days=20)).received()[0])


def test_trusting_a_group_never_takes_a_store_past_its_caps():
    group = synthetic_group()
    full = {f"g{index}": KeptGroup(MADE, replace(group, id=f"g{index}")) for index in range(MAX_KEPT_GROUPS)}
    with pytest.raises(TooManyGroups):
        trusted(full, synthetic_bundle(MADE, group_id="one-more").received()[0])


def test_a_group_kept_before_signing_is_pinned_by_its_next_statement_even_an_older_one():
    [unpinned] = kept_groups(synthetic_bundle(MADE)).values()
    kept = {"g1": replace(unpinned, signer=None)}
    older = synthetic_bundle(MADE - timedelta(days=1))
    merged = merge_groups(kept, older.received())
    assert merged.kept["g1"].signer == older.signer and merged.kept["g1"].made_at == MADE


# ---- the lead's store on disk ----------------------------------------------------------------------------------------


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
