"""Unlock to home on a 20-group, 5-year vault and a 40-group, 10-year one, with the key derivation taken out.

Each vault is built as `circle demo` builds it, with circle's default key derivation, and unlocked as the app
does: the attempt begins (which starts reading the rows the check needs, on a thread), the key is derived, then
the unlock finishes and home is painted. "KDF out" is the time from the key being derived to home painted.
Baseline: the same app pushing a bare screen with a table of as many rows, measured the same way in the same run.
- Unlock to home: the median of repeated unlocks, as on any unlock after the day's first.
- The day's first unlock: the same, after the day's stamp of the people purge is taken away, so that it also
  looks for people unseen for too long (once a day).
- The whole unlock, key derivation included, against the key derivation alone at the vault's parameters: what
  reading the rows beside the derivation costs it (on a machine with a core to spare, nothing).
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable

from benchmarks.common import Figure, median
from benchmarks.sizes import SIZES, growth, size_label
from circle.demo import DEMO_PASSPHRASE, build_demo
from circle.ui.app import CircleApp
from circle.ui.screens.home import HomeScreen
from circle.vault import keyring
from circle.workspace import Workspace

ROUNDS = 11
FIRST_OF_DAY_ROUNDS = 3


class BareRows(Screen[None]):
    def __init__(self, rows: int) -> None:
        super().__init__()
        self.rows = rows

    def compose(self):  # type: ignore[no-untyped-def]
        yield DataTable(id="groups")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("a", "b", "c", "d", "e")
        for row in range(self.rows):
            table.add_row(*(str(row),) * 5)


async def _until_table_painted(pilot: Pilot[None], screen_type: type, rows: int) -> None:
    """Wait for the table to be filled, then for every queued message (painting included)."""
    while not (isinstance(pilot.app.screen, screen_type) and pilot.app.screen.query("#groups")):
        await asyncio.sleep(0)
    while pilot.app.screen.query_one("#groups", DataTable).row_count < rows:
        await asyncio.sleep(0)
    await pilot._wait_for_screen()  # noqa: SLF001 - the same wait on both sides, without idle sleeps


def _forget_todays_purge(workspace: Workspace) -> None:
    """Take away the stamps that say today's people purge is done (a benchmark's own temporary vault)."""
    with workspace._repo.writing():  # noqa: SLF001 - only the benchmark reaches into the vault's meta
        workspace._repo.conn.execute("DELETE FROM meta WHERE key LIKE 'people_purged_on:%'")  # noqa: SLF001


async def _rounds(workspace: Workspace, groups: int) -> dict[str, list[float]]:
    app = CircleApp(workspace)
    times: dict[str, list[float]] = {"home": [], "bare": [], "first": [], "whole": []}
    async with app.run_test(size=(120, 36)) as pilot:
        for index in range(ROUNDS + FIRST_OF_DAY_ROUNDS):
            app.action_lock()
            await pilot.pause()
            first_of_day = index >= ROUNDS
            if first_of_day:
                _forget_todays_purge(workspace)
            began = time.perf_counter()
            opened = workspace.begin_unlock().open_with(DEMO_PASSPHRASE)  # on the app's worker thread, in the app
            derived = time.perf_counter()
            workspace.finish_unlock(opened)
            app.show_home()
            await _until_table_painted(pilot, HomeScreen, groups)
            done = time.perf_counter()
            times["first" if first_of_day else "home"].append(done - derived)
            if first_of_day:
                continue
            times["whole"].append(done - began)
            started = time.perf_counter()
            app.push_screen(BareRows(groups))
            await _until_table_painted(pilot, BareRows, groups)
            times["bare"].append(time.perf_counter() - started)
            app.pop_screen()
            await pilot.pause()
    return times


def _kdf_seconds(workspace: Workspace) -> float:
    record = workspace._keys.facilitators()[0]  # noqa: SLF001 - the stored salt and parameters
    runs = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        keyring.derive_kek(DEMO_PASSPHRASE, record.kdf_salt, record.kdf)
        runs.append(time.perf_counter() - started)
    return median(runs)


def _at_size(groups: int, years: int) -> tuple[Figure, Figure, Figure]:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "vault"
        build_demo(home, groups=groups, years=years)  # circle's default key derivation, as a real vault has
        with Workspace.open(home) as workspace:
            kdf = _kdf_seconds(workspace)
            times = asyncio.run(_rounds(workspace, groups))
    bare = median(times["bare"]) * 1000
    size = size_label(groups, years)
    return (
        Figure(f"unlock to home, {size}, KDF out", median(times["home"]) * 1000, bare, "ms", "<= 50 ms at 40x10"),
        Figure(f"the day's first unlock to home, {size}, KDF out", median(times["first"]) * 1000, bare, "ms",
               "reported"),
        Figure(f"whole unlock to home, {size}, KDF in", median(times["whole"]) * 1000, kdf * 1000, "ms",
               "reported: against the KDF alone"),
    )


def measure() -> list[Figure]:
    small, large = (_at_size(groups, years) for groups, years in SIZES)
    return [
        *small,
        *large,
        growth("unlock to home", small[0], large[0]),
        growth("the day's first unlock", small[1], large[1]),
        growth("whole unlock to home", small[2], large[2]),
        Figure("key derivation, circle's default parameters", _default_kdf_seconds() * 1000, 300, "ms", "0.3-0.5 s"),
    ]


def _default_kdf_seconds() -> float:
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        keyring.derive_kek(DEMO_PASSPHRASE, keyring.new_salt(), keyring.KdfParams())
        runs.append(time.perf_counter() - started)
    return median(runs)


if __name__ == "__main__":
    from benchmarks.common import print_table

    print_table(measure())
