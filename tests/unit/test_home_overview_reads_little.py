"""Home's list of groups opens of each group's settings only what it shows: its name and its schedule."""

from __future__ import annotations

from dataclasses import replace

import pytest

from circle.domain.group import GroupProfile, Schedule
from circle.domain.rules import ConfidentialityRules
from circle.workspace import Workspace


def test_the_overview_opens_each_groups_name_and_schedule_and_never_its_format_agreements_or_rules(
    vault: Workspace, monkeypatch: pytest.MonkeyPatch
):
    group = vault.create_group("Weekly")
    vault.save_group(replace(group, profile=replace(group.profile, schedule=Schedule(weekday=2))))

    def not_wanted(*_: object, **__: object) -> None:
        raise AssertionError("home read more of the group than it shows")

    monkeypatch.setattr(GroupProfile, "from_dict", not_wanted)
    monkeypatch.setattr(ConfidentialityRules, "from_dict", not_wanted)
    [overview] = vault.groups()
    assert (overview.name, overview.next_meeting_on.weekday()) == ("Weekly", 2)
