"""A handoff of a group with five years of history, and the removal of a co-facilitator from it.

Vault: one demo group, five years of weekly meetings, with a meeting in progress.
- Export and import, each as a whole (sealing, the code's Argon2id, writing or merging).
  Baseline: one Argon2id derivation at the handoff's parameters, the part no handoff can avoid.
- Removing a co-facilitator: every sealed field of the group is opened, sealed again under a new
  key and written in one transaction. Baseline: opening every sealed field of the group once,
  in the same vault and the same run.
- At scale: exporting one group of the 20-group, 5-year demo vault and of the 40-group, 10-year one (its
  history twice as long). Same baseline; the growth between them should be no more than the history's, 2x.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks.common import Figure, median
from benchmarks.sizes import SIZES, growth, size_label
from circle.demo import DEMO_PASSPHRASE, build_demo
from circle.store.keys import GROUP_SEALED_COLUMNS
from circle.store.sealing import GroupSealer
from circle.vault import keyring
from circle.vault.handoff import HANDOFF_KDF
from circle.vault.keyring import FLOOR_KDF
from circle.workspace import Workspace

ROUNDS = 5


def _timed(action: object) -> float:
    started = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - started


def _open_everything(workspace: Workspace, sealer: GroupSealer) -> None:
    for column in GROUP_SEALED_COLUMNS:
        rows = workspace._repo.rows(  # noqa: SLF001 - the same rows a removal seals again
            f"SELECT {column.row_id}, {column.column} FROM {column.table} WHERE {column.of_group}", [sealer.group_id]
        )
        for row_id, sealed in rows:
            sealer.open_text(column.table, column.column, row_id, sealed)


def _export_at_size(groups: int, years: int, kdf_alone: float) -> Figure:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "demo"
        build_demo(home, groups=groups, years=years, kdf=FLOOR_KDF)
        with Workspace.open(home) as workspace:
            workspace.unlock(DEMO_PASSPHRASE)
            group_id = workspace.groups()[0].id
            exports = [_timed(lambda: workspace.export_handoff(group_id)) for _ in range(ROUNDS)]
    return Figure(f"handoff export, one group of {size_label(groups, years)}", median(exports) * 1000,
                  kdf_alone * 1000, "ms", "reported")


def measure() -> list[Figure]:
    kdf_alone = median([_timed(lambda: keyring.derive_kek("ABCDEFGHIJKLMNOP", bytes(16), HANDOFF_KDF))
                        for _ in range(ROUNDS)])
    small, large = (_export_at_size(groups, years, kdf_alone) for groups, years in SIZES)
    return [*_one_group(kdf_alone), small, large, growth("handoff export", small, large, data_growth=2)]


def _one_group(kdf_alone: float) -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "demo"
        build_demo(home, groups=1, years=5, kdf=FLOOR_KDF)
        with Workspace.open(home) as lead:
            lead.unlock(DEMO_PASSPHRASE)
            group_id = lead.groups()[0].id
            lead.meeting(group_id)
            bundles = []
            exports = [_timed(lambda: bundles.append(lead.export_handoff(group_id))) for _ in range(ROUNDS)]
            imports = []
            for index in range(ROUNDS):
                with Workspace.open(Path(folder) / f"other-{index}") as other:
                    other.create_facilitator("Robin", "river stone lantern meadow", kdf=FLOOR_KDF)
                    imports.append(_timed(lambda: other.import_handoff(bundles[index].data, bundles[index].code)))
            lead.meeting(group_id).close()
            removals, openings = [], []
            for index in range(ROUNDS):
                added = lead.add_cofacilitator(group_id, f"Co {index}", f"a passphrase number {index}", kdf=FLOOR_KDF)
                sealer = lead._sealers[group_id]  # noqa: SLF001 - the baseline opens what the removal re-seals
                openings.append(_timed(lambda: _open_everything(lead, sealer)))
                removals.append(_timed(lambda: lead.remove_facilitator(group_id, added.id)))
        size = len(bundles[0].data) / 1024
    return [
        Figure(f"handoff export, 5 years ({size:.0f} KiB)", median(exports) * 1000, kdf_alone * 1000, "ms"),
        Figure("handoff import into a new vault", median(imports) * 1000, kdf_alone * 1000, "ms"),
        Figure("remove a co-facilitator (re-seal 5 years)", median(removals) * 1000, median(openings) * 1000, "ms"),
    ]


if __name__ == "__main__":
    from benchmarks.common import print_table

    print_table(measure())
