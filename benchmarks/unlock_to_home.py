"""Unlock to home on a 20-group, 5-year vault, with the key derivation taken out.

The vault is built with the cheapest key derivation circle accepts, and that derivation's
own time (measured alone, in the same run) is subtracted from each unlock. Baseline: the same
app pushing a bare screen with a 20-row table, measured the same way in the same run.
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
from circle.demo import DEMO_PASSPHRASE, build_demo
from circle.ui.app import CircleApp
from circle.ui.screens.home import HomeScreen
from circle.vault import keyring
from circle.workspace import Workspace

ROUNDS = 15
GROUPS = 20


class TwentyRows(Screen[None]):
    def compose(self):  # type: ignore[no-untyped-def]
        yield DataTable(id="groups")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("a", "b", "c", "d", "e")
        for row in range(GROUPS):
            table.add_row(*(str(row),) * 5)


async def _until_table_painted(pilot: Pilot[None], screen_type: type) -> None:
    """Wait for the table to be filled, then for every queued message (painting included)."""
    while not (isinstance(pilot.app.screen, screen_type) and pilot.app.screen.query("#groups")):
        await asyncio.sleep(0)
    while pilot.app.screen.query_one("#groups", DataTable).row_count < GROUPS:
        await asyncio.sleep(0)
    await pilot._wait_for_screen()  # noqa: SLF001 - the same wait on both sides, without idle sleeps


async def _rounds(workspace: Workspace) -> tuple[list[float], list[float]]:
    app = CircleApp(workspace)
    home_times, bare_times = [], []
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(ROUNDS):
            app.action_lock()
            await pilot.pause()
            started = time.perf_counter()
            workspace.unlock(DEMO_PASSPHRASE)
            app.show_home()
            await _until_table_painted(pilot, HomeScreen)
            home_times.append(time.perf_counter() - started)

            started = time.perf_counter()
            app.push_screen(TwentyRows())
            await _until_table_painted(pilot, TwentyRows)
            bare_times.append(time.perf_counter() - started)
            app.pop_screen()
            await pilot.pause()
    return home_times, bare_times


def _kdf_seconds(workspace: Workspace) -> float:
    record = workspace._keys.facilitators()[0]  # noqa: SLF001 - the stored salt and parameters
    runs = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        keyring.derive_kek(DEMO_PASSPHRASE, record.kdf_salt, record.kdf)
        runs.append(time.perf_counter() - started)
    return median(runs)


def measure() -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "vault"
        build_demo(home, groups=GROUPS, years=5, kdf=keyring.FLOOR_KDF)
        with Workspace.open(home) as workspace:
            kdf = _kdf_seconds(workspace)
            home_times, bare_times = asyncio.run(_rounds(workspace))
        default_kdf = _default_kdf_seconds()
    return [
        Figure("unlock to home, 20 groups x 5 years, KDF out", (median(home_times) - kdf) * 1000,
               median(bare_times) * 1000, "ms", "<= 150 ms"),
        Figure("key derivation, circle's default parameters", default_kdf * 1000, 300, "ms", "0.3-0.5 s"),
    ]


def _default_kdf_seconds() -> float:
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        keyring.derive_kek(DEMO_PASSPHRASE, keyring.new_salt(), keyring.KdfParams())
        runs.append(time.perf_counter() - started)
    return median(runs)
