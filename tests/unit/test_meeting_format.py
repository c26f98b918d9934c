"""A group's own format: parts of any kind in any order, named parts, turns per part, prompts and topics."""

from __future__ import annotations

import pytest

from circle.domain.errors import InvalidInput
from circle.domain.group import GroupProfile
from circle.domain.meeting_format import (
    DEFAULT_CHECK_IN_PROMPT,
    MAX_PARTS,
    MAX_TOPICS,
    MeetingFormat,
    Phase,
    PhaseKind,
    RoundOrderMode,
)
from circle.domain.session import Open, PlannedPart
from circle.domain.templates import template

K = PhaseKind
CUSTOM = MeetingFormat(
    phases=(
        Phase(K.GROUNDING, 5),
        Phase(K.READING, 5),
        Phase(K.CHECK_IN, 15, turn_minutes=1.0),
        Phase(K.SHARING, 30),
        Phase(K.BREAK, 10),
        Phase(K.SHARING, 20, title="Sharing after the break", turn_minutes=3),
        Phase(K.OWN, 5, title="Gratitude"),
        Phase(K.CLOSING, 10),
    ),
    round_order=RoundOrderMode.RANDOM,
    check_in_prompt="Rose, thorn, bud.",
    closing_prompt="One word.",
    topics=("Boundaries", "Hope"),
)


def test_a_format_with_every_kind_of_part_keeps_its_order_names_and_turns_through_the_vault_form():
    assert MeetingFormat.from_dict(CUSTOM.to_dict()) == CUSTOM
    assert CUSTOM.describe().startswith("Grounding 5 · Reading 5 · Check-in 15 · Sharing 30 · Break 10")
    assert "Sharing after the break 20 · Gratitude 5" in CUSTOM.describe()


def test_each_round_part_takes_its_own_turn_length_or_the_default_of_its_kind():
    turns = [CUSTOM.turn_minutes(phase) for phase in CUSTOM.phases]
    assert turns == [None, None, 1.0, 5.0, None, 3.0, None, 1.5]


def test_the_opening_snapshots_each_part_with_its_name_and_turn_in_seconds():
    group = template("support-90")
    plan = Open.for_group(
        type("G", (), {"id": "g-1", "profile": GroupProfile(CUSTOM, group.profile.agreements), "rules": group.rules}),
        "f-1",
    )
    assert plan.phases[5] == PlannedPart(K.SHARING, 20, "Sharing after the break", 180.0)
    assert plan.phases[6] == PlannedPart(K.OWN, 5, "Gratitude", None)
    assert plan.round_order is RoundOrderMode.RANDOM


@pytest.mark.parametrize(
    "make, problem",
    [
        (lambda: Phase(K.OWN, 5), "needs a name"),
        (lambda: Phase(K.BREAK, 10, turn_minutes=2), "Only check-in, sharing and closing have turns"),
        (lambda: Phase(K.SHARING, 0), "1 to 240 minutes"),
        (lambda: Phase(K.SHARING, 10, title="x" * 41), "at most 40"),
        (lambda: Phase(K.SHARING, 10, turn_minutes=float("nan")), "number of minutes"),
        (lambda: MeetingFormat(phases=(Phase(K.OPENING, 1),) * (MAX_PARTS + 1)), "at most 24 parts"),
        (lambda: MeetingFormat(phases=(Phase(K.OPENING, 1),), topics=("Hope", "hope")), "listed twice"),
        (lambda: MeetingFormat(phases=(Phase(K.OPENING, 1),), topics=tuple(map(str, range(MAX_TOPICS + 1)))),
         "at most 100 topics"),
        (lambda: MeetingFormat(phases=(Phase(K.OPENING, 1),), check_in_prompt="x" * 301), "at most 300"),
    ],
)
def test_a_format_that_cannot_be_run_is_refused_in_one_line(make, problem):
    with pytest.raises(InvalidInput, match=problem):
        make()


def test_a_part_name_or_topic_with_terminal_escapes_is_kept_as_plain_text():
    phase = Phase(K.OWN, 5, title="\x1b[31mGratitude\x1b]0;x\x07")
    fmt = MeetingFormat(phases=(phase,), topics=("\x1b[2JHope\nand more", "  "))
    assert "\x1b" not in phase.title and "Gratitude" in phase.title
    assert len(fmt.topics) == 1 and "\x1b" not in fmt.topics[0] and "\n" not in fmt.topics[0]


def test_a_profile_kept_before_parts_had_names_reads_with_the_default_prompts_and_no_topics():
    kept = template("support-90").profile.to_dict()
    for key in ("round_order", "check_in_prompt", "closing_prompt", "topics"):
        del kept["format"][key]
    fmt = GroupProfile.from_dict(kept).format
    assert fmt.check_in_prompt == DEFAULT_CHECK_IN_PROMPT
    assert fmt.round_order is RoundOrderMode.ROSTER and fmt.topics == ()
    assert [phase.title for phase in fmt.phases] == [""] * len(fmt.phases)


@pytest.mark.parametrize(
    "change",
    [
        lambda f: f["phases"][0].update(kind="dancing"),
        lambda f: f["phases"][0].update(minutes="10"),
        lambda f: f.update(round_order="alphabetical"),
        lambda f: f.update(topics="Hope"),
        lambda f: f.update(topics=[3]),
        lambda f: f.update(check_in_prompt=None),
    ],
)
def test_a_damaged_format_in_the_vault_is_refused_in_one_line(change):
    kept = template("support-90").profile.to_dict()
    change(kept["format"])
    with pytest.raises(InvalidInput):
        GroupProfile.from_dict(kept)


def test_a_million_parts_or_topics_in_a_crafted_profile_are_refused_before_any_is_read():
    kept = template("support-90").profile.to_dict()
    for key, many in (("phases", [{"kind": "opening", "minutes": 1}] * 10**6), ("topics", [""] * 10**6)):
        crafted = {**kept, "format": {**kept["format"], key: many}}
        with pytest.raises(InvalidInput, match="at most"):
            GroupProfile.from_dict(crafted)


def test_line_and_paragraph_separators_in_a_prompt_become_plain_line_breaks():
    fmt = MeetingFormat(phases=(Phase(K.OPENING, 1),), check_in_prompt="Rose\u2028thorn\u2029bud")
    assert fmt.check_in_prompt == "Rose\nthorn\nbud"
