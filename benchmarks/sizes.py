"""The two demo vaults the scale figures are measured on, and how a figure's growth between them is shown.

Four times the data (twice the groups, twice the years): a figure that grows no faster than the data shows a
growth of at most 4x from the small vault to the large one. A growth compares two figures, so where both vaults
can be open at once their rounds are taken in turns: measured minutes apart, each would follow the machine's
pace in its own minutes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable, Mapping

from benchmarks.common import Figure, median

Size = tuple[int, int]  # groups, years
SIZES: tuple[Size, Size] = ((20, 5), (40, 10))
DATA_GROWTH = 4


def size_label(groups: int, years: int) -> str:
    return f"{groups}x{years}"


def growth(name: str, small: Figure, large: Figure, data_growth: int = DATA_GROWTH) -> Figure:
    """The large vault's figure against the small one's: the ratio is how much it grew. `data_growth`: how much
    the data the figure reads grew (one group's history grows 2x: twice the years)."""
    return Figure(f"{name}: {size_label(*SIZES[1])} over {size_label(*SIZES[0])}", large.value, small.value,
                  small.unit, f"<= {data_growth}x, as the data")


def in_turns(works: Mapping[Hashable, Callable[[], object]], rounds: int) -> dict[Hashable, float]:
    """The median seconds of each work, one round of each in turn; each is done once first, untimed."""
    for work in works.values():
        work()
    times: dict[Hashable, list[float]] = {name: [] for name in works}
    for _ in range(rounds):
        for name, work in works.items():
            started = time.perf_counter()
            work()
            times[name].append(time.perf_counter() - started)
    return {name: median(runs) for name, runs in times.items()}
