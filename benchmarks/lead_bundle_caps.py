"""What the largest lead bundle costs a lead to take in, and what refusing one past the caps costs.

- The largest bundle allowed: as many groups of a century of months as fit in the 16 MiB cap, each signed.
  Peak memory while a real lead store reads, checks and keeps it, against the file's size; time against
  reading the same file's bytes alone.
- Refused: a file one byte over the cap, and a bundle of 101 groups (one past the cap). Peak memory against
  the cap, and time against the same baseline.

Peak memory is Python's allocations (tracemalloc), which is where a hostile file could make circle spend.
"""

from __future__ import annotations

import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from benchmarks.common import Figure, median
from circle.domain.trends.lead_bundle import (
    MAX_GROUPS,
    MAX_MONTHS,
    GroupStatement,
    LeadGroup,
    SignedStatement,
    bundle_to_json,
    statement_to_json,
)
from circle.domain.trends.periods import Period, next_period_start, period_label, period_last_day
from circle.lead.folder import LeadFolder
from circle.lead.received import MAX_BUNDLE_BYTES
from circle.paths import locations
from circle.vault.group_signing import sign, signer_public_key
from circle.vault.keyring import FLOOR_KDF
from circle.vault.lead_bundle import seal_lead_bundle
from circle.vault.lead_key import fingerprint, parse_key_text

ROUNDS = 3
PASSPHRASE = "a lamp in every window"
MADE = datetime(2026, 3, 2, 19, 0, tzinfo=UTC)
SEED = bytes(range(32))


def _century() -> tuple[dict, ...]:
    rows, first = [], date(1926, 1, 1)
    for _ in range(MAX_MONTHS):
        rows.append({
            "first_day": first.isoformat(), "last_day": period_last_day(first, Period.MONTH).isoformat(),
            "label": period_label(first, Period.MONTH), "held": 4, "cancelled": 0, "mean_attendance": 11.25,
            "median_attendance": 11.5, "newcomers": "<3", "returned": 3, "eligible": 4, "stayed": 9, "active": 14,
            "dropped_off": 0, "return_rate": 0.75, "retention": 0.6428571428571429, "guests": 0,
            "pulse": [0, 4, 3, 5, 6], "pulse_answered": 18, "pulse_mean": 67 / 18,
        })
        first = next_period_start(first, Period.MONTH)
    return tuple(rows)


def _bundle(lead_public: bytes, groups: int, century: tuple[dict, ...]) -> bytes:
    base = LeadGroup("g", "Tuesday Evening", 3, {Period.MONTH: century})
    signed = []
    for index in range(groups):
        group = replace(base, id=f"g{index}", name=f"Group {index}")  # names apart, or the import points them out
        statement = statement_to_json(GroupStatement(MADE, fingerprint(lead_public).hex(), group))
        signed.append(SignedStatement(statement, signer_public_key(SEED), sign(SEED, statement)))
    return seal_lead_bundle(bundle_to_json(signed), lead_public)


def _largest(lead_public: bytes, century: tuple[dict, ...]) -> bytes:
    one = len(_bundle(lead_public, 1, century))
    return _bundle(lead_public, min(MAX_GROUPS, MAX_BUNDLE_BYTES // one), century)


def _seconds(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _peak(action: Callable[[], object]) -> int:
    """The most bytes Python had allocated at once during one run (timed apart: tracing slows it down)."""
    tracemalloc.start()
    action()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def measure() -> list[Figure]:
    century = _century()
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        folder = LeadFolder(locations(root / "lead"))
        folder.create_key(PASSPHRASE, kdf=FLOOR_KDF)
        lead_public = parse_key_text(folder.public_key_text())
        largest, over, too_many = root / "largest.circlelead", root / "over.circlelead", root / "many.circlelead"
        largest.write_bytes(_largest(lead_public, century))
        with over.open("wb") as out:
            out.truncate(MAX_BUNDLE_BYTES + 1)
        small = LeadGroup("g", "Tuesday Evening", 3, {Period.MONTH: century[:12]})
        too_many.write_bytes(_bundle(lead_public, MAX_GROUPS + 1, small.months))
        store = folder.unlock(PASSPHRASE)

        def fresh_import(path: Path) -> Callable[[], object]:
            def run() -> object:
                folder.where.lead_store_file.unlink(missing_ok=True)
                return store.import_paths([path])
            return run

        assert not fresh_import(largest)().problems and len(fresh_import(over)().problems) == 1
        assert len(fresh_import(too_many)().problems) == 1
        reading = median([_seconds(largest.read_bytes) for _ in range(ROUNDS)]) * 1000
        times = {path.name: median([_seconds(fresh_import(path)) for _ in range(ROUNDS)]) * 1000
                 for path in (largest, over, too_many)}
        peaks = {path.name: _peak(fresh_import(path)) / 2**20 for path in (largest, over)}
        size = largest.stat().st_size / 2**20
    cap = MAX_BUNDLE_BYTES / 2**20
    return [
        Figure(f"lead import, largest bundle ({size:.1f} MiB), time", times[largest.name], reading, "ms"),
        Figure("lead import, largest bundle, peak memory", peaks[largest.name], size, "MB"),
        Figure("lead import, file 1 byte over 16 MiB, time", times[over.name], reading, "ms"),
        Figure("lead import, file over the cap, peak memory", peaks[over.name], cap, "MB"),
        Figure(f"lead import, {MAX_GROUPS + 1} groups, time", times[too_many.name], reading, "ms"),
    ]


if __name__ == "__main__":
    from benchmarks.common import print_table

    print_table(measure())
