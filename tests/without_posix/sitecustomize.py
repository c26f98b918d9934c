"""Python runs this at start-up when its folder is on PYTHONPATH: from then on, in this process and in every circle
it starts, the modules only POSIX systems have cannot be imported, as on Windows.

Every `import` statement is checked, a module already loaded included, by who imports it. Let through: the
standard library, which picks its branch by `os.name` (still "posix" here; `nt` and `msvcrt` on Windows), and
the few libraries named below, whose Windows branch is their own and imports none of these. (importlib's
import_module goes round this hook; tests/unit/test_no_posix_only_imports.py looks for such calls in circle.)
"""

from __future__ import annotations

import builtins
import sys

from posix_only import POSIX_ONLY  # beside this file, on PYTHONPATH with it

# importer -> what it may import. Each picks its own Windows branch, where it imports none of these.
LIBRARY_POSIX_BRANCHES = {
    "filelock._native._unix": {"fcntl"},  # on Windows filelock locks through msvcrt and LockFileEx instead
    # Textual's App() imports its terminal driver even when run headless under Pilot: the Linux one here,
    # textual.drivers.windows_driver (ctypes, msvcrt) on Windows.
    "textual.drivers.linux_driver": {"termios", "tty"},
}

_real_import = builtins.__import__


def _allowed(importer: str, module: str) -> bool:
    return importer.partition(".")[0] in sys.stdlib_module_names or module in LIBRARY_POSIX_BRANCHES.get(importer, ())


def _checked_import(name, globals=None, locals=None, fromlist=(), level=0):  # __import__'s own signature
    top = name.partition(".")[0]
    importer = (globals or {}).get("__name__", "")
    if level == 0 and top in POSIX_ONLY and not _allowed(importer, top):
        raise ModuleNotFoundError(f"No module named {top!r} (POSIX-only, blocked for {importer})", name=top)
    return _real_import(name, globals, locals, fromlist, level)


builtins.__import__ = _checked_import
