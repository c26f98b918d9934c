"""`make bench`: run every benchmark and print one table of figures, baselines and ratios."""

from __future__ import annotations

from benchmarks import (
    event_append,
    handoff,
    lead_bundle_caps,
    lead_import,
    meeting_keys,
    meeting_memory,
    purge,
    startup,
    trends,
    trends_stall,
    unlock_to_home,
)
from benchmarks.common import print_table


def main() -> None:
    figures = []
    # The caps last: the largest bundle it reads grows this process's memory, which meeting_memory measures.
    for benchmark in (startup, unlock_to_home, meeting_keys, event_append, purge, handoff, lead_import, meeting_memory,
                      trends, trends_stall, lead_bundle_caps):
        figures.extend(benchmark.measure())
    print_table(figures)


if __name__ == "__main__":
    main()
