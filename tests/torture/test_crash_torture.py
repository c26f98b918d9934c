"""Kill a meeting at random points, many times over: each time the vault reopens whole, with every
committed event, on exactly the state the scripted meeting had reached."""

from __future__ import annotations

import random
import time
from pathlib import Path

from torture_checks import Ledger, TortureFailed, check_survivor
from torture_process import TortureChild

from circle.domain.errors import CircleError

# A kill comes after this many new reports at most: a meeting logs about 60 events, so most die several times.
MOST_REPORTS_BEFORE_A_KILL = 25
# Often the kill comes right after the child is ready: while it opens a meeting, or resumes one.
KILL_AT_START = 0.1
# Sometimes wait a little after the report, so the kill lands deeper inside what comes next.
MOST_EXTRA_DELAY_SECONDS = 0.012


def test_a_meeting_killed_at_random_points_always_reopens_as_it_was(
    meeting_vault: Path, passphrase: str, tmp_path: Path, torture_kills: int, torture_seed: int
) -> None:
    print(f"\ncrash torture: seed {torture_seed} (CIRCLE_TORTURE_SEED={torture_seed} repeats this run)")
    rng = random.Random(torture_seed)
    ledger = Ledger()
    survived = 0
    started = time.monotonic()
    for kill in range(1, torture_kills + 1):
        child = TortureChild(meeting_vault, torture_seed, passphrase, tmp_path / "child-stderr.txt")
        try:
            news = 1 if rng.random() < KILL_AT_START else rng.randint(2, MOST_REPORTS_BEFORE_A_KILL)
            while news:
                news -= ledger.take(child.report())  # a resumed log is reported again; only news counts
            if rng.random() < 0.5:
                time.sleep(rng.uniform(0, MOST_EXTRA_DELAY_SECONDS))  # where the kill lands, not a wait for it
        finally:
            child.kill()
        try:
            for line in child.unread_reports():
                ledger.take(line)
            check_survivor(meeting_vault, tmp_path, ledger, seed=torture_seed, passphrase=passphrase)
        except (TortureFailed, CircleError) as failure:
            raise TortureFailed(f"after kill {kill} of {torture_kills} (seed {torture_seed}): {failure}") from None
        survived += 1
    meetings = len(ledger.confirmed_closed)
    print(
        f"crash torture: {torture_kills} kills, {survived} survived, {meetings} meetings closed "
        f"({time.monotonic() - started:.1f} s, seed {torture_seed})"
    )
    assert survived == torture_kills
