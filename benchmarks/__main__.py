"""`python -m benchmarks [NAME ...]`: run the named benchmarks, or all of them, and print one table.

Each row is a figure, its baseline measured in the same run, the ratio and the goal. The exit status is 0
whatever the figures: they are read, never asserted. It is 1 only when a benchmark could not run at all.
"""

from __future__ import annotations

import importlib
import sys

from benchmarks.common import Figure, print_table

# The order of a whole run: the quick figures first.
NAMES = (
    "startup",
    "unlock_to_home",
    "meeting_keys",
    "event_append",
    "purge",
    "handoff",
    "lead_import",
    "meeting_memory",
    "trends",
    "trends_stall",
    "lead_bundle_caps",
)
USAGE = "usage: python -m benchmarks [--list] [NAME ...]"


def main(argv: list[str]) -> int:
    if argv in (["-h"], ["--help"]):
        print(USAGE, "", __doc__.strip(), "", "Benchmarks: " + ", ".join(NAMES), sep="\n")
        return 0
    if argv == ["--list"]:
        print("\n".join(NAMES))
        return 0
    unknown = [name for name in argv if name not in NAMES]
    if unknown:
        print(f"No benchmark named {unknown[0]!r}; `python -m benchmarks --list` names them.", file=sys.stderr)
        return 2
    figures: list[Figure] = []
    failed = False
    for name in argv or NAMES:
        print(f"running {name}...", file=sys.stderr, flush=True)
        try:
            figures.extend(importlib.import_module(f"benchmarks.{name}").measure())
        except Exception as error:  # noqa: BLE001 - one benchmark that cannot run should not hide the others
            print(f"{name} could not run: {type(error).__name__}: {error}", file=sys.stderr)
            failed = True
    print_table(figures)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
