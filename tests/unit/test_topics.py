"""Topics: one for each meeting, taken in turn, none again until the list is used up; kept sealed with the meeting."""

from __future__ import annotations

from dataclasses import replace

import pytest

from circle.domain.errors import InvalidInput
from circle.domain.group import PhaseKind
from circle.domain.session import ChooseTopic, NextPhase, SessionRuleError
from circle.domain.topics import kept_topic, next_topic
from circle.store.room_board import RoomBoard
from circle.ui.widgets.group.editor import with_profile
from circle.workspace import Workspace

TOPICS = ("Boundaries", "Sleep", "Asking for help")


def test_each_meeting_takes_the_next_topic_not_yet_used_from_the_top_of_the_list():
    assert next_topic(TOPICS, []) == "Boundaries"
    assert next_topic(TOPICS, ["Boundaries"]) == "Sleep"
    assert next_topic(TOPICS, ["Boundaries", "", "Sleep"]) == "Asking for help"  # a meeting without one is passed over


def test_once_every_topic_was_used_the_rotation_starts_over_and_goes_round_again():
    held = ["Boundaries", "Sleep", "Asking for help"]
    assert next_topic(TOPICS, held) == "Boundaries"
    assert next_topic(TOPICS, [*held, "Boundaries"]) == "Sleep"
    assert next_topic(TOPICS, [*held, *held, "Boundaries", "Sleep"]) == "Asking for help"


def test_a_topic_the_facilitator_chose_counts_as_used():
    assert next_topic(TOPICS, ["Asking for help"]) == "Boundaries"
    assert next_topic(TOPICS, ["Asking for help", "Boundaries"]) == "Sleep"


def test_a_topic_removed_from_the_list_is_forgotten_and_a_new_one_is_taken_in_its_place():
    assert next_topic(("Sleep", "Rest"), ["Boundaries", "Sleep"]) == "Rest"
    assert next_topic(("sleep", "Rest"), ["Sleep"]) == "Rest"  # the same words in other capitals are the same topic


def test_a_group_without_topics_has_none():
    assert next_topic((), ["Sleep"]) == ""


@pytest.mark.parametrize("bad", [7, None, "two\nlines", "x" * 201, "\x1b[31mred"])
def test_a_kept_topic_is_one_clean_short_line_or_refused(bad: object):
    with pytest.raises(ValueError):
        kept_topic(bad)


def with_topics(workspace: Workspace, topics: tuple[str, ...] = TOPICS) -> str:
    group = workspace.create_group("Thursday Circle")
    fmt = replace(group.profile.format, topics=topics)
    workspace.save_group(with_profile(group, format=fmt))
    return group.id


def test_the_topic_is_kept_sealed_with_the_meeting_so_the_next_one_does_not_repeat_it(workspace: Workspace):
    group_id = with_topics(workspace)
    first = workspace.meeting(group_id)
    assert first.state.topic == "Boundaries"
    first.close()
    second = workspace.meeting(group_id)
    assert second.state.topic == "Sleep"
    second.choose_topic("Asking for help")  # the facilitator's choice counts as used
    assert second.state.topic == "Asking for help"
    second.close()
    assert workspace.meeting(group_id).state.topic == "Sleep"
    kept = sorted(meeting.topic for meeting in workspace.kept_meetings(group_id) if meeting.ended_at)
    assert kept == ["Asking for help", "Boundaries"]


def test_the_topic_is_chosen_only_before_the_meeting_or_in_its_opening(workspace: Workspace):
    meeting = workspace.meeting(with_topics(workspace))
    meeting.do(NextPhase())
    meeting.choose_topic("Sleep")  # in the opening
    while meeting.state.phase is PhaseKind.OPENING:
        meeting.do(NextPhase(confirmed=True))  # the agreements are not marked read here
    with pytest.raises(SessionRuleError, match="during its opening"):
        meeting.choose_topic("Boundaries")
    with pytest.raises(InvalidInput, match="not on the group's list"):
        meeting.choose_topic("Anything at all")
    with pytest.raises(SessionRuleError, match="one line"):
        meeting.do(ChooseTopic("two\nlines"))


def test_a_group_without_topics_says_so_in_one_line(workspace: Workspace):
    group = workspace.create_group("No topics")
    meeting = workspace.meeting(group.id)
    assert meeting.state.topic == ""
    with pytest.raises(InvalidInput, match="keeps no topics"):
        meeting.choose_topic("Sleep")


def test_the_topic_is_on_the_room_board_sealed_and_opens_only_with_the_key(workspace: Workspace, passphrase: str):
    workspace.meeting(with_topics(workspace, ("Rose, thorn and bud",)))
    raw = workspace.locations.room_file.read_bytes()
    assert b"thorn" not in raw
    published = RoomBoard(workspace.locations.room_file).read()
    assert published is not None and published.sealed_topic is not None
    with Workspace.open_to_read(workspace.locations) as beside:
        assert beside.topic_for_room(published) == ""  # locked: no key, no topic
        beside.unlock(passphrase)
        assert beside.topic_for_room(published) == "Rose, thorn and bud"
