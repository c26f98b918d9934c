"""The day's people purge opens only the meetings inside the group's rule for forgetting people."""

from __future__ import annotations

from datetime import timedelta

import pytest

from circle.domain.clock import FakeClock
from circle.store import last_seen
from circle.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.unit.test_notes_and_purge import brief_notes_group, meeting_with


def _a_meeting_a_year_for_three_years(vault: Workspace, clock: FakeClock, group_id: str) -> None:
    for names in (("Ada", "Li"), ("Ada",), ("Ada",)):
        meeting_with(vault, group_id, *names).close()
        clock.advance(timedelta(days=200).total_seconds())


def _unlock_the_next_day(vault: Workspace, clock: FakeClock) -> None:
    clock.advance(timedelta(days=1).total_seconds())
    vault.lock()
    vault.unlock(PASSPHRASE)


def test_someone_unseen_for_longer_than_the_rule_is_forgotten_and_someone_seen_inside_it_stays(
    vault: Workspace, clock: FakeClock
):
    group_id = brief_notes_group(vault, ["Ada", "Li"])
    _a_meeting_a_year_for_three_years(vault, clock, group_id)
    _unlock_the_next_day(vault, clock)
    # Li came only to the first meeting, 601 days ago; Ada to the last, 201 days ago (the rule: 365).
    assert [member.name for member in vault.members(group_id)] == ["Ada"]


def test_the_days_people_purge_opens_no_meeting_older_than_the_rule(
    vault: Workspace, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
):
    group_id = brief_notes_group(vault, ["Ada", "Li"])
    _a_meeting_a_year_for_three_years(vault, clock, group_id)
    opened: list[str] = []
    real_open = last_seen.open_attendance

    def counting(sealer, meeting_id, sealed):  # type: ignore[no-untyped-def]
        opened.append(meeting_id)
        return real_open(sealer, meeting_id, sealed)

    monkeypatch.setattr(last_seen, "open_attendance", counting)
    _unlock_the_next_day(vault, clock)
    # Three meetings held 601, 401 and 201 days ago: only the last is inside the year the rule looks back.
    assert len(opened) == 1
    assert vault.last_purge.people == 1
