"""What a kept trend history cannot be made to do, by a file changed outside circle, a value sealed by a holder of
the group's key that does not hold together, a full disk, or a facilitator about to be removed."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from circle.demo import DEMO_PASSPHRASE
from circle.paths import locations
from circle.store.trend_history import COLUMN, TABLE
from circle.store.trend_triggers import TRIGGERS
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace
from tests.kept_histories import (
    assert_counted_from_the_meetings,
    group_ids,
    kept,
    write_outside,
)

FIRST, BAD = 0, -1  # a meeting's position in "closed"; an index that would wrap round to the last one


def opened(workspace: Workspace, group_id: str) -> dict[str, Any]:
    sealer = workspace._sealers[group_id]
    return json.loads(sealer.open_text(TABLE, COLUMN, group_id, kept(workspace)[group_id]))


def reseal(workspace: Workspace, group_id: str, change: Callable[[dict[str, Any]], None]) -> None:
    """What a holder of the group's key could write: the group's own history, with the right digest, changed."""
    value = opened(workspace, group_id)
    change(value)
    sealed = workspace._sealers[group_id].seal_json(TABLE, COLUMN, group_id, value)
    write_outside(workspace, f"UPDATE {TABLE} SET {COLUMN} = ? WHERE group_id = ?", [sealed, group_id])


def group_with_names(workspace: Workspace) -> str:
    return next(group for group in group_ids(workspace) if workspace.members(group))


def set_in(path: tuple[Any, ...], to: Any) -> Callable[[dict[str, Any]], None]:
    def change(value: dict[str, Any]) -> None:
        *outer, last = path
        for key in outer:
            value = value[key]
        value[last] = to

    return change


def first_present(value: dict[str, Any]) -> int:
    return next(index for index, came in enumerate(value["present"]) if came)


MALFORMED: dict[str, Callable[[dict[str, Any]], None]] = {
    "a headcount that is text": set_in(("closed", FIRST, 5), "12"),
    "a negative count": set_in(("closed", FIRST, 6), -1),
    "a pulse of three answers": set_in(("closed", FIRST, 9), [1, 2, 3]),
    "a status that is not closed": set_in(("closed", FIRST, 2), "cancelled"),
    "meetings out of order": lambda value: value["closed"].reverse(),
    "a member who is not in the list": lambda value: value["present"][first_present(value)].append(10**6),
    "a member at a negative place": lambda value: value["present"][first_present(value)].append(BAD),
    "a member who is true": lambda value: value["present"][first_present(value)].append(True),
    "attendance for one meeting fewer": lambda value: value["present"].pop(),
    "names and no count of the absent": lambda value: value["absent"].__setitem__(first_present(value), None),
    "a drop-off at a meeting that is not there": lambda value: value["drop_offs"].append([0, 10**6]),
    "a first visit that came back twice": lambda value: value["first_visit"].append([0, 0, 2]),
    "a member list that is not names": set_in(("members",), {"a": 1}),
}


@pytest.mark.parametrize("change", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_sealed_history_that_does_not_hold_together_is_worked_out_again(
    workspace: Workspace, change: Callable[[dict[str, Any]], None]
) -> None:
    group_id = group_with_names(workspace)
    reseal(workspace, group_id, change)
    assert [group.sealer.group_id for group in workspace.sealed_trend_facts([group_id]).worked_out()] == [group_id]
    assert_counted_from_the_meetings(workspace)
    assert workspace.dropped_off_names(group_id) is not None


def test_a_full_disk_leaves_trends_counted_and_keeps_nothing(workspace: Workspace) -> None:
    write_outside(workspace, f"DELETE FROM {TABLE}", [])
    with closing(sqlite3.connect(workspace.locations.vault_file)) as conn:
        conn.execute("VACUUM")  # no free page left inside the file
    conn = workspace._repo.conn
    (pages,) = conn.execute("PRAGMA page_count").fetchone()
    conn.execute(f"PRAGMA max_page_count = {pages}")  # and it may not grow: a full disk
    assert_counted_from_the_meetings(workspace)
    assert workspace.dropped_off_names(group_with_names(workspace)) is not None
    assert kept(workspace) == {}


def test_a_read_only_view_counts_from_the_histories_kept(home: Path) -> None:
    reader = Workspace.open_to_read(locations(home))
    try:
        reader.unlock(DEMO_PASSPHRASE)
        assert reader.sealed_trend_facts(group_ids(reader)).worked_out() == []
        assert_counted_from_the_meetings(reader)
    finally:
        reader.close()


@pytest.mark.parametrize("with_meetings", [True, False], ids=["a group with meetings", "a group without"])
def test_a_row_of_junk_in_place_of_a_history_never_stops_a_facilitator_being_removed(
    workspace: Workspace, with_meetings: bool
) -> None:
    group_id = group_ids(workspace)[0] if with_meetings else workspace.create_group("Newly made").id
    robin = workspace.add_cofacilitator(group_id, "Robin", "a co-facilitator's own passphrase", kdf=FLOOR_KDF).id
    write_outside(workspace, f"INSERT OR REPLACE INTO {TABLE} (group_id, {COLUMN}) VALUES (?, ?)",
                  [group_id, b"\x02" + bytes(199)])  # no key opens it
    workspace.remove_facilitator(group_id, robin)
    assert group_id not in kept(workspace)
    assert_counted_from_the_meetings(workspace)


def test_triggers_taken_away_outside_circle_are_put_back_and_every_history_let_go(home: Path) -> None:
    with Workspace.open(home) as workspace:
        workspace.unlock(DEMO_PASSPHRASE)
        for name in TRIGGERS:
            write_outside(workspace, f"DROP TRIGGER {name}", [])
        write_outside(workspace, "UPDATE sessions SET held_on = held_on", [])  # nothing lets the histories go
        assert kept(workspace)
    with Workspace.open(home) as workspace:
        found = dict(workspace._repo.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
        assert {name: found.get(name) for name in TRIGGERS} == TRIGGERS
        assert kept(workspace) == {}
        workspace.unlock(DEMO_PASSPHRASE)
        assert_counted_from_the_meetings(workspace)
