"""`make bench`: run every benchmark and print one table of figures, baselines and ratios."""

from __future__ import annotations

from benchmarks import startup, unlock_to_home
from benchmarks.common import print_table


def main() -> None:
    figures = []
    for benchmark in (startup, unlock_to_home):
        figures.extend(benchmark.measure())
    print_table(figures)


if __name__ == "__main__":
    main()
