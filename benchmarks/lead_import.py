"""A group lead importing twenty bundles, one per group of a 20-group, 5-year vault, into a fresh store.

Vault: the demo of `circle demo --groups 20 --years 5` (built with the cheapest key derivation, as in
unlock_to_home). Each group is exported as a bundle of its own into one folder.
- Import: unlock the lead key (Argon2id at its default parameters), open and read every bundle, merge, and
  write the store once. Baseline: unlocking the lead key alone, the part no import can avoid. The import's
  own work (everything after the unlock) is shown against the same baseline.
- Report: unlock, read the store, and print every group by quarter (added up from its months) as a table.
  Same baseline.
- Export: the twenty bundles, each group signed. Baseline: the same groups' trends computed once, by month.
  Also on the 40-group, 10-year demo vault (forty bundles), and how much the export grew from one to the other,
  with both vaults open and their rounds taken in turns.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from functools import partial
from pathlib import Path

from benchmarks.common import Figure, median
from benchmarks.sizes import SIZES, growth, in_turns, size_label
from circle.demo import DEMO_PASSPHRASE, build_demo
from circle.domain.trends.lead_report import lead_report
from circle.domain.trends.periods import Period
from circle.lead.folder import LeadFolder
from circle.paths import locations
from circle.reports.lead_report import render_lead_report
from circle.reports.render import Format
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace

ROUNDS = 5
GROUPS = 20
LEAD_PASSPHRASE = "a lamp in every window"


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _export_all(workspace: Workspace, key: str, folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    for index, group in enumerate(workspace.groups()):
        (folder / f"{index:02d}.circlelead").write_bytes(workspace.export_for_lead(key, [group.id]))


def _report(folder: LeadFolder) -> str:
    kept = folder.unlock(LEAD_PASSPHRASE).kept()
    return render_lead_report(lead_report(kept, by=Period.QUARTER), Format.TABLE)


def _exports_in_turns() -> list[Figure]:
    """Every group's bundle exported from each vault, and the same groups' trends computed once by month, a round
    of each in turn: the growth from one vault to the other is the figure."""
    with tempfile.TemporaryDirectory() as temporary, ExitStack() as vaults:
        root = Path(temporary)
        key = LeadFolder(locations(root / "lead")).create_key(LEAD_PASSPHRASE)
        works: dict[tuple[int, str], Callable[[], object]] = {}
        for groups, years in SIZES:
            home = root / size_label(groups, years)
            build_demo(home, groups=groups, years=years, kdf=FLOOR_KDF)
            workspace = vaults.enter_context(Workspace.open(home))
            workspace.unlock(DEMO_PASSPHRASE)
            works[groups, "export"] = partial(_export_all, workspace, key, root / f"shared-{groups}")
            works[groups, "trends"] = partial(workspace.trends, by=Period.MONTH)
        times = in_turns(works, ROUNDS)
    small, large = (
        Figure(f"lead export, {groups} bundles, {size_label(groups, years)}", times[groups, "export"] * 1000,
               times[groups, "trends"] * 1000, "ms", "reported")
        for groups, years in SIZES
    )
    return [small, large, growth("lead export", small, large)]


def measure() -> list[Figure]:
    return [*_twenty_groups(), *_exports_in_turns()]


def _twenty_groups() -> list[Figure]:
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        build_demo(root / "vault", groups=GROUPS, years=5, kdf=FLOOR_KDF)
        leads = [LeadFolder(locations(root / f"lead-{index}")) for index in range(2 * ROUNDS)]
        key = leads[0].create_key(LEAD_PASSPHRASE)  # the lead key's default parameters, as `circle lead init`
        for lead in leads[1:]:
            lead.where.lead_dir.mkdir(parents=True, mode=0o700)
            lead.where.lead_key_file.write_bytes(leads[0].where.lead_key_file.read_bytes())
        shared = root / "shared"
        with Workspace.open(root / "vault") as workspace:
            workspace.unlock(DEMO_PASSPHRASE)
            _export_all(workspace, key, shared)
        unlocks = [_timed(lambda: leads[0].unlock(LEAD_PASSPHRASE)) for _ in range(ROUNDS)]
        imports = [_timed(lambda lead=lead: lead.unlock(LEAD_PASSPHRASE).import_paths([shared]))
                   for lead in leads[:ROUNDS]]
        stores = [lead.unlock(LEAD_PASSPHRASE) for lead in leads[ROUNDS:]]
        work = [_timed(lambda store=store: store.import_paths([shared])) for store in stores]
        assert len(leads[0].unlock(LEAD_PASSPHRASE).kept()) == GROUPS
        reports = [_timed(lambda: _report(leads[0])) for _ in range(ROUNDS)]
        size = sum(path.stat().st_size for path in shared.iterdir()) / 1024
    return [
        Figure(f"lead import, {GROUPS} bundles x 5 years ({size:.0f} KiB)", median(imports) * 1000,
               median(unlocks) * 1000, "ms"),
        Figure("lead import, its work after the unlock", median(work) * 1000, median(unlocks) * 1000, "ms"),
        Figure(f"lead report, {GROUPS} groups by quarter", median(reports) * 1000, median(unlocks) * 1000, "ms"),
    ]


if __name__ == "__main__":
    from benchmarks.common import print_table

    print_table(measure())
