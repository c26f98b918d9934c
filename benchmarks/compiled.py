"""circle's modules compiled to bytecode before a start-up is timed, as an installed circle has them.

Textual and the other libraries in the environment were compiled when they were installed; a checkout run with
PYTHONDONTWRITEBYTECODE (or from a read-only folder) compiles every circle module from source on every start,
which once made circle's start-up look 70 ms slower than it is.
"""

from __future__ import annotations

import compileall

from benchmarks.common import REPO


def compile_circle() -> None:
    compileall.compile_dir(REPO / "circle", quiet=1)
