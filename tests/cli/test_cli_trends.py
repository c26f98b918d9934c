"""`circle trends` as a subprocess, on a vault holding a history built by hand, so every count is known."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from circle.domain.records import AttendanceRecord, MeetingRecord, MeetingStatus, Presence
from circle.domain.roster import RosterEntry
from circle.domain.rules import NamesPolicy
from circle.domain.session import Arrive, NextPhase
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace
from tests.cli.test_cli import ok, one_line_error
from tests.conftest import PASSPHRASE, REPO_ROOT
from tests.damage import run_sql
from tests.older_vaults import make_older

TRENDS_DOC = (Path(__file__).resolve().parents[2] / "docs" / "TRENDS.md").read_text(encoding="utf-8")
FIRST_MONDAY = date(2025, 1, 6)
# Who came to Tuesday's nine weekly meetings: P came, N came for the first time, A absent, - not on the roster.
TUESDAY = {
    "Zephyrine": "PPPPPPPPP",  # a regular
    "Quillon": "PPPPAAAAA",  # a regular whose third miss in a row is on 17 February
    "Maribel": "-NAPAPAPA",  # a newcomer back two weeks later
    "Thaddeus": "--NAAAAAA",  # a newcomer never seen again: missing three is not dropping off
    "Ottoline": "-------NP",  # February's newcomer, back a week later
}
CRISIS = {"Wilhelmina Xu": "PPPAAA", "Yolanda Zee": "PPPPPP"}  # initials only: W. X. stops coming
MEMBER_NAMES = ("Zephyrine", "Quillon", "Maribel", "Thaddeus", "Ottoline", "Wilhelmina", "Yolanda", "W. X.", "Y. Z.")
ROBINS = "river stone lantern meadow"  # a co-facilitator of Crisis alone
HOSTILE = '=HYPERLINK("http://x")\x1b[31m|*bold*\u202e<img src=x>'


def _meet(workspace: Workspace, group_id: str, marks: dict[str, str], first: date) -> None:
    members = {member.id: line for member, line in zip(
        workspace.add_members(group_id, [RosterEntry(name, FIRST_MONDAY) for name in marks]), marks.values(), strict=True)}
    meetings, rows = [], []
    for index in range(len(next(iter(marks.values())))):
        meeting_id = f"{group_id}-{index}"
        came = {mid: line[index] for mid, line in members.items() if line[index] != "-"}
        for member_id, mark in came.items():
            presence = Presence.ABSENT if mark == "A" else Presence.PRESENT
            rows.append(AttendanceRecord(meeting_id, member_id, presence, newcomer=mark == "N"))
        meetings.append(MeetingRecord(
            meeting_id, group_id, first + timedelta(weeks=index), MeetingStatus.CLOSED, 90,
            headcount=sum(mark in "PN" for mark in came.values()),
            newcomers=sum(mark == "N" for mark in came.values()),
        ))
    workspace.record_meetings(group_id, meetings, rows)


@pytest.fixture(scope="module")
def home(_template_vault: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Tuesday (first names), Crisis (initials, with Robin too), Heads (headcount only) and a hostile name."""
    built = tmp_path_factory.mktemp("trends") / "home"
    shutil.copytree(_template_vault, built)
    with Workspace.open(built) as workspace:
        workspace.unlock(PASSPHRASE)
        tuesday = workspace.create_group("Tuesday")
        _meet(workspace, tuesday.id, TUESDAY, FIRST_MONDAY)
        workspace.record_meetings(tuesday.id, [MeetingRecord(
            "tuesday-cancelled", tuesday.id, date(2025, 3, 10), MeetingStatus.CANCELLED, 90)], [])
        crisis = workspace.create_group("Crisis", "crisis-60")
        _meet(workspace, crisis.id, CRISIS, date(2025, 1, 8))
        workspace.add_cofacilitator(crisis.id, "Robin", ROBINS, kdf=FLOOR_KDF)
        heads = workspace.create_group("Heads")
        workspace.change_rules(heads.id, replace(heads.rules, names=NamesPolicy.HEADCOUNT))
        workspace.record_meetings(heads.id, [MeetingRecord(
            f"heads-{week}", heads.id, date(2025, 1, 9) + timedelta(weeks=week), MeetingStatus.CLOSED, 60,
            headcount=5 + week, newcomers=1) for week in range(3)], [])
        hostile = workspace.create_group(HOSTILE)
        workspace.record_meetings(hostile.id, [MeetingRecord(
            "hostile-0", hostile.id, date(2025, 2, 4), MeetingStatus.CLOSED, 90, headcount=4)], [])
    return built


_PRINTED: dict[tuple[Path, tuple[str, ...]], str] = {}


def trends(run_circle, home: Path, *args: str) -> str:
    """What `circle trends ARGS` prints; the vault is only read, so each command runs once per module."""
    if (home, args) not in _PRINTED:
        _PRINTED[home, args] = ok(run_circle("trends", *args, home=home))
    return _PRINTED[home, args]


def test_the_csv_parses_and_holds_exactly_the_counts_worked_out_by_hand(run_circle, home: Path):
    text = trends(run_circle, home, "--group", "tuesday", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == re.findall(r"^\| `(\w+)` \|$", TRENDS_DOC, re.MULTILINE)
    assert [row["period"] for row in rows] == ["2025-01", "2025-02", "2025-03"]
    worked_out = [
        # held cancelled mean median | new returned eligible rate | stayed active retention | dropped off
        # | guests | pulse mean, answered (no pulse taken)
        ["4", "0", "2.75", "3", "2", "1", "2", "0.5", "2", "4", "0.5", "0", "0", "", ""],
        ["4", "0", "1.75", "1.5", "1", "1", "1", "1", "2", "3", "0.6667", "1", "0", "", ""],
        ["1", "1", "2", "2", "0", "0", "0", "", "", "2", "", "0", "0", "", ""],  # April: no meeting, retention unknown
    ]
    assert [list(row.values())[4:] for row in rows] == worked_out
    assert rows[1]["group"] == "Tuesday" and (rows[1]["first_day"], rows[1]["last_day"]) == ("2025-02-01", "2025-02-28")
    assert "<" not in text and "%" not in text  # exact counts and plain fractions, for a spreadsheet


def test_the_csv_ends_every_record_with_crlf(home: Path):
    # Read as bytes from a file, as a shell's redirection writes it: text mode would turn CRLF into LF.
    out = home.parent / "tuesday.csv"
    environment = {key: value for key, value in os.environ.items() if not key.startswith("CIRCLE_")}
    environment.update(PYTHONPATH=str(REPO_ROOT), CIRCLE_HOME=str(home), CIRCLE_PASSPHRASE=PASSPHRASE)
    with out.open("wb") as sink:
        subprocess.run([sys.executable, "-m", "circle", "trends", "--group", "Tuesday", "--format", "csv"],
                       env=environment, stdin=subprocess.DEVNULL, stdout=sink, check=True, timeout=60)
    raw = out.read_bytes()
    assert raw.count(b"\r\n") == 4 and raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")


def test_the_json_has_exactly_the_members_the_documentation_shows(run_circle, home: Path):
    example = json.loads(TRENDS_DOC.split("```json", 1)[1].split("```", 1)[0])
    document = json.loads(trends(run_circle, home, "--format", "json", "--names"))
    assert set(document) == set(example) and document["format"] == 1
    assert [set(group) for group in document["groups"]] == [set(example["groups"][0])] * 4
    periods = [period for group in document["groups"] for period in group["periods"]]
    assert all(set(period) == set(example["groups"][0]["periods"][0]) for period in periods)
    without_names = json.loads(trends(run_circle, home, "--format", "json", "--by", "quarter", "--since", "2025-02-01"))
    assert (without_names["by"], without_names["since"], without_names["until"]) == ("quarter", "2025-02-01", None)
    assert all("stopped_coming" not in group for group in without_names["groups"])


def test_the_json_counts_match_the_csv_and_unknown_is_null(run_circle, home: Path):
    document = json.loads(trends(run_circle, home, "--group", "Tuesday", "--format", "json"))
    (group,) = document["groups"]
    assert group["name"] == "Tuesday" and re.fullmatch(r"[0-9a-f]{32}", group["id"])
    february, march = group["periods"][1:]
    assert (february["mean_attendance"], february["retention"], february["dropped_off"]) == (1.75, 2 / 3, 1)
    assert (march["return_rate"], march["stayed"], march["retention"], march["cancelled"]) == (None, None, None, 1)


def test_markdown_is_one_well_formed_table_with_a_row_per_group_and_period(run_circle, home: Path):
    lines = trends(run_circle, home, "--format", "markdown").splitlines()
    assert all(line.startswith("|") and line.endswith("|") for line in lines)
    cells = [len(re.split(r"(?<!\\)\|", line)) for line in lines]
    assert len(set(cells)) == 1
    assert re.fullmatch(r"\|---\|---(\|--:)+\|", lines[1])
    assert lines[0].startswith("| group | period | held |")
    assert len(lines) == 2 + 3 + 2 + 1 + 1  # the head, then Tuesday, Crisis, Heads and the hostile group


def test_the_table_shows_each_group_under_its_name_with_unknowns_as_a_dash(run_circle, home: Path):
    blocks = trends(run_circle, home, "--group", "Heads", "--group", "TUESDAY").split("\n\n")
    assert [block.splitlines()[0] for block in blocks] == ["Heads", "Tuesday"]
    heads = blocks[0].splitlines()
    assert heads[1].split()[:3] == ["period", "held", "cancelled"] and heads[2].startswith("-------")
    assert heads[3].split() == ["2025-01", "3", "0", "6.0", "6.0", "3"] + ["–"] * 10  # guests in the heads; no pulse
    assert blocks[1].splitlines()[3].split() == ["2025-01", "4", "0", "2.8", "3.0", "2", "1", "2", "50%", "2", "4",
                                                 "50%", "0", "0", "–", "–"]


def test_group_chooses_the_groups_and_by_chooses_the_periods(run_circle, home: Path):
    weeks = list(csv.DictReader(io.StringIO(trends(run_circle, home, "--group", "Crisis", "--by", "week",
                                                   "--until", "2025-01-31", "--format", "csv"))))
    assert {row["group"] for row in weeks} == {"Crisis"}
    assert [row["period"] for row in weeks] == ["2025-W02", "2025-W03", "2025-W04", "2025-W05"]
    assert weeks[0]["first_day"] == "2025-01-06" and weeks[-1]["held"] == "1"


@pytest.mark.parametrize(("args", "message"), [
    (("--group", "Nobody"), "circle: No group by that name in this vault (see 'circle group list').\n"),
    (("--since", "2026-13-01"), "circle: --since takes a date as YYYY-MM-DD, like 2026-03-01; '2026-13-01' is not one.\n"),
    (("--since", "2025-03-01", "--until", "2025-02-01"), "circle: --since 2025-03-01 is after --until 2025-02-01.\n"),
    (("--since", "2031-01-01"), "circle: no meetings in this range.\n"),
])
def test_each_mistake_is_one_line_on_stderr_and_exit_status_one(run_circle, home: Path, args, message):
    result = run_circle("trends", *args, home=home)
    assert one_line_error(result) == message and result.returncode == 1 and result.stdout == ""


def test_no_name_is_printed_without_names_and_only_kept_names_with_it(run_circle, home: Path):
    for form in ("table", "csv", "json", "markdown"):
        shared = trends(run_circle, home, "--format", form)
        assert not [name for name in MEMBER_NAMES if name in shared], form
    table = trends(run_circle, home, "--names").split("\n\n")
    stopped = {block.splitlines()[0]: block.splitlines()[-1] for block in table}
    assert stopped["Tuesday"] == "Stopped coming: Quillon"  # not Thaddeus, who was never a regular
    assert stopped["Crisis"] == "Stopped coming: W. X."  # as the group's rules keep names: initials
    assert stopped["Heads"] == "Stopped coming: – (this group keeps no names)"
    document = json.loads(trends(run_circle, home, "--format", "json", "--names"))
    by_name = {group["name"]: group["stopped_coming"] for group in document["groups"]}
    assert (by_name["Tuesday"], by_name["Crisis"], by_name["Heads"]) == (["Quillon"], ["W. X."], None)
    refused = run_circle("trends", "--names", "--format", "csv", home=home)
    assert "never written to a CSV" in one_line_error(refused) and "Quillon" not in refused.stdout


def test_a_hostile_group_name_is_inert_in_every_format(run_circle, home: Path):
    outputs = {form: trends(run_circle, home, "--format", form) for form in ("table", "csv", "json", "markdown")}
    for form, text in outputs.items():
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]", text.replace("\r\n", "\n")), form
    (hostile,) = [row for row in csv.DictReader(io.StringIO(outputs["csv"])) if "HYPERLINK" in row["group"]]
    assert hostile["group"].startswith("'=HYPERLINK")  # a spreadsheet shows it as text and runs nothing
    (named,) = [group["name"] for group in json.loads(outputs["json"])["groups"] if "HYPERLINK" in group["name"]]
    assert named == '=HYPERLINK("http://x")[31m|*bold*<img src=x>'
    (row,) = [line for line in outputs["markdown"].splitlines() if "HYPERLINK" in line]
    assert "\\*bold\\*" in row and "\\<img" in row and "|*" not in row


def test_trends_are_read_while_circle_holds_the_vault_open(run_circle, home: Path):
    before = trends(run_circle, home, "--format", "csv")
    with Workspace.open(home):
        assert "already open" in one_line_error(run_circle("group", "list", home=home))
        assert ok(run_circle("trends", "--format", "csv", home=home)) == before


def test_a_co_facilitator_sees_only_the_groups_they_hold(run_circle, home: Path):
    printed = ok(run_circle("trends", "--format", "csv", home=home, passphrase=ROBINS))
    assert {row["group"] for row in csv.DictReader(io.StringIO(printed))} == {"Crisis"}
    assert "No group by that name" in one_line_error(run_circle("trends", "--group", "Tuesday", home=home,
                                                                passphrase=ROBINS))


def test_a_vault_an_older_circle_wrote_is_refused_in_one_line_until_circle_updates_it(run_circle, vault_home: Path):
    make_older(vault_home, PASSPHRASE, last_migration="m002_pulse")

    refused = run_circle("trends", home=vault_home)
    assert "written by an older circle; open circle once to update it" in one_line_error(refused)

    run_circle("group", "list", home=vault_home)  # a writer brings the vault up to date
    assert "no meetings in this range" in one_line_error(run_circle("trends", home=vault_home))


def test_names_leave_out_someone_marked_here_late_at_the_meeting_still_going_on(run_circle, home: Path, tmp_path: Path):
    tonight = tmp_path / "home"
    shutil.copytree(home, tonight)
    with Workspace.open(tonight) as workspace:
        workspace.unlock(PASSPHRASE)
        tuesday = next(group.id for group in workspace.groups() if group.name == "Tuesday")
        ids = {member.name: member.id for member in workspace.members(tuesday)}
        meeting = workspace.meeting(tuesday)
        meeting.do(Arrive(ids["Zephyrine"]))
        meeting.do(NextPhase(confirmed=True))
        meeting.do(Arrive(ids["Quillon"]))  # late, but here
    table = ok(run_circle("trends", "--names", "--group", "tuesday", home=tonight))
    assert table.splitlines()[-1] == "Stopped coming: nobody"


def test_a_roster_changed_outside_circle_leaves_the_counts_as_kept_and_stops_the_names(
    run_circle, home: Path, tmp_path: Path
):
    changed = tmp_path / "home"
    shutil.copytree(home, changed)
    run_sql(changed, "DELETE FROM members WHERE rowid = 1")
    assert ok(run_circle("trends", "--format", "csv", home=changed)) == trends(run_circle, home, "--format", "csv")
    refused = one_line_error(run_circle("trends", "--names", home=changed))
    assert "changed outside circle (in a group: the roster)" in refused and "Tuesday" not in refused


LOADED_PROBE = """
import atexit, json, sys
out = sys.argv.pop()
atexit.register(lambda: open(out, "w", encoding="utf-8").write(json.dumps(sorted(sys.modules))))
sys.argv = ["circle", "trends", "--format", "csv"]
from circle.__main__ import main
main()
"""


def test_circle_trends_loads_neither_textual_nor_the_app(home: Path, tmp_path: Path):
    """A command line report starts as quickly as its key derivation allows: the screens are not loaded."""
    loaded = tmp_path / "loaded.json"
    environment = {key: value for key, value in os.environ.items() if not key.startswith("CIRCLE_")}
    environment.update(PYTHONPATH=str(REPO_ROOT), CIRCLE_HOME=str(home), CIRCLE_PASSPHRASE=PASSPHRASE)
    done = subprocess.run([sys.executable, "-c", LOADED_PROBE, str(loaded)], env=environment, cwd=tmp_path,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("group,period,")
    modules = set(json.loads(loaded.read_text(encoding="utf-8")))
    assert {name for name in modules if name.split(".")[0] in ("textual", "rich")} == set()
    assert {name for name in modules if name.startswith("circle.ui")} == set()
