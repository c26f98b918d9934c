"""The room board: the live meeting publishes it on every step; it names nobody unless the rules allow."""

from __future__ import annotations

import json
import stat
from dataclasses import replace

import pytest

from circle.domain.group import PhaseKind
from circle.domain.session import NextPhase
from circle.store.room_board import MAX_BOARD_BYTES, RoomBoard, RoomBoardUnreadable
from circle.workspace import Workspace
from tests.meeting_builders import to_a_sharing_turn_of

CANARY_NAME = "Zebulon Quixote"


def _meeting_with_speaker(workspace: Workspace, *, names_on_display: bool):  # type: ignore[no-untyped-def]
    group = workspace.create_group("Thursday Circle")
    if names_on_display:
        workspace.change_rules(group.id, replace(group.rules, room_display_names=True))
        group = workspace.group(group.id)
    member = workspace.add_member(group.id, CANARY_NAME)
    meeting = workspace.meeting(group.id)
    to_a_sharing_turn_of(meeting, member.id)
    return meeting


def _board(workspace: Workspace) -> RoomBoard:
    return RoomBoard(workspace.locations.room_file)


def test_every_step_of_a_meeting_is_on_the_board_as_soon_as_it_is_committed(workspace: Workspace) -> None:
    meeting = _meeting_with_speaker(workspace, names_on_display=False)
    published = _board(workspace).read()
    assert published is not None
    assert published.view.phase is PhaseKind.SHARING
    assert published.view.speaker_timer == meeting.state.speaker_timer
    meeting.do(NextPhase(confirmed=True))
    after = _board(workspace).read()
    assert after is not None and after.view.phase is meeting.state.phase


def test_by_default_the_board_holds_no_name_at_all(workspace: Workspace) -> None:
    _meeting_with_speaker(workspace, names_on_display=False)
    raw = workspace.locations.room_file.read_bytes()
    published = _board(workspace).read()
    assert published is not None and published.sealed_speaker is None
    for part in CANARY_NAME.split():
        assert part.encode() not in raw
        assert part.encode("utf-16-le") not in raw


def test_when_the_rules_allow_it_the_first_name_travels_sealed_and_opens_only_with_the_key(
    workspace: Workspace, passphrase: str
) -> None:
    _meeting_with_speaker(workspace, names_on_display=True)
    raw = workspace.locations.room_file.read_bytes()
    assert b"Zebulon" not in raw
    published = _board(workspace).read()
    assert published is not None and published.sealed_speaker is not None
    # A second, read-only view beside the running meeting (as `circle display --names` opens).
    with Workspace.open_to_read(workspace.locations) as beside:
        assert beside.speaker_for_room(published) == ""  # still locked: no key, no name
        beside.unlock(passphrase)
        assert beside.speaker_for_room(published) == "Zebulon"  # the first name only


def test_the_board_is_private_and_replaced_whole(workspace: Workspace) -> None:
    _meeting_with_speaker(workspace, names_on_display=False)
    room_file = workspace.locations.room_file
    assert stat.S_IMODE(room_file.stat().st_mode) == 0o600
    assert not room_file.with_name(room_file.name + ".new").exists()


def test_closing_the_meeting_tells_the_room_it_is_over(workspace: Workspace) -> None:
    meeting = _meeting_with_speaker(workspace, names_on_display=False)
    meeting.close()
    published = _board(workspace).read()
    assert published is not None and published.view.closed
    assert published.view.speaker_timer is None


def test_a_board_that_cannot_be_written_does_not_stop_the_meeting(workspace: Workspace) -> None:
    workspace.locations.room_file.mkdir()  # the rename onto it fails
    meeting = _meeting_with_speaker(workspace, names_on_display=False)
    assert meeting.state.in_turn
    assert workspace.meeting(meeting.group.id).state == meeting.state  # the log has it all


def test_no_board_yet_reads_as_no_meeting(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert RoomBoard(tmp_path / "room.json").read() is None


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not json",
        b"\xff\xfe\x00",
        b'{"format": "circle-room/2", "view": {}, "speaker": null}',
        b'{"format": "circle-room/1", "view": {}, "speaker": null}',
        b'{"format": "circle-room/1", "view": null, "speaker": "%%%"}',
        b"[" * 5000 + b"]" * 5000,
        b" " * (MAX_BOARD_BYTES + 1),
    ],
    ids=["empty", "text", "bad-utf8", "newer", "empty-view", "bad-base64", "deep", "huge"],
)
def test_a_damaged_board_reads_as_one_calm_line(tmp_path, content: bytes) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "room.json"
    path.write_bytes(content)
    with pytest.raises(RoomBoardUnreadable) as caught:
        RoomBoard(path).read()
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("topic", ["%%%", 5, ["AAAA"]])
def test_a_board_whose_sealed_topic_is_not_base64_text_reads_as_damaged(workspace: Workspace, topic: object) -> None:
    _meeting_with_speaker(workspace, names_on_display=False)
    path = workspace.locations.room_file
    body = json.loads(path.read_bytes())
    body["topic"] = topic
    path.write_text(json.dumps(body))
    with pytest.raises(RoomBoardUnreadable):
        _board(workspace).read()
