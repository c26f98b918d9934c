"""Unlock to home on a 20-group, 5-year vault, with the key derivation taken out.

Baseline: the same app showing a bare screen with a 20-row table, in the same run.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

from textual.screen import Screen
from textual.widgets import DataTable

from benchmarks.common import Figure, median
from circle.demo import DEMO_PASSPHRASE, build_demo
from circle.ui.app import CircleApp
from circle.ui.screens.home import HomeScreen
from circle.vault import keyring
from circle.workspace import Workspace

ROUNDS = 9


class TwentyRows(Screen[None]):
    def compose(self):  # type: ignore[no-untyped-def]
        yield DataTable()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("a", "b", "c", "d", "e")
        for row in range(20):
            table.add_row(*(str(row),) * 5)


async def _rounds(workspace: Workspace, kdf_seconds: float) -> tuple[list[float], list[float]]:
    app = CircleApp(workspace)
    home_times, bare_times = [], []
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(ROUNDS):
            app.action_lock()
            await pilot.pause()
            started = time.perf_counter()
            workspace.unlock(DEMO_PASSPHRASE)
            app.show_home()
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            home_times.append(time.perf_counter() - started - kdf_seconds)

            started = time.perf_counter()
            app.push_screen(TwentyRows())
            await pilot.pause()
            bare_times.append(time.perf_counter() - started)
            app.pop_screen()
            await pilot.pause()
    return home_times, bare_times


def measure() -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "vault"
        build_demo(home, groups=20, years=5)
        with Workspace.open(home) as workspace:
            record = workspace._repo.facilitators()[0]  # noqa: SLF001 - measuring the KDF alone
            kdf_runs = []
            for _ in range(3):
                started = time.perf_counter()
                keyring.derive_kek(DEMO_PASSPHRASE, record.kdf_salt, record.kdf)
                kdf_runs.append(time.perf_counter() - started)
            home_times, bare_times = asyncio.run(_rounds(workspace, median(kdf_runs)))
    return [
        Figure("unlock to home, 20 groups x 5 years, KDF out", median(home_times) * 1000,
               median(bare_times) * 1000, "ms", "<= 150 ms"),
        Figure("key derivation (Argon2id, default)", median(kdf_runs) * 1000, 300, "ms", "0.3-0.5 s"),
    ]
