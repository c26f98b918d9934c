"""No module under circle/ imports a POSIX-only module unless the import is guarded, so circle runs on Windows.

Guarded means inside an `if` (a check of the platform) or a `try` that catches ImportError. Read from the source,
so a module that is never imported by a test is checked all the same.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.without_posix.posix_only import POSIX_ONLY

CIRCLE = Path(__file__).resolve().parents[2] / "circle"
CATCHES_IMPORT_ERROR = {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}
IMPORTERS = {"import_module", "__import__"}


def _catches_import_error(node: ast.Try) -> bool:
    for handler in node.handlers:
        caught = handler.type
        names = caught.elts if isinstance(caught, ast.Tuple) else [caught]
        if caught is None or any(isinstance(name, ast.Name) and name.id in CATCHES_IMPORT_ERROR for name in names):
            return True
    return False


def _imported(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        return [node.module]
    if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
        called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
        if called in IMPORTERS and isinstance(node.args[0].value, str):
            return [node.args[0].value]
    return []


def unguarded_posix_imports(source: str) -> list[tuple[int, str]]:
    """(line, module) for each POSIX-only module imported outside any `if` or ImportError-catching `try`."""
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST, guarded: bool) -> None:
        for name in _imported(node):
            if name.partition(".")[0] in POSIX_ONLY and not guarded:
                found.append((node.lineno, name))
        if isinstance(node, ast.If):  # either branch runs on one kind of platform only
            for part in [node.test, *node.body, *node.orelse]:
                visit(part, True)
            return
        if isinstance(node, ast.Try) and _catches_import_error(node):
            for part in node.body:
                visit(part, True)
            for part in [*node.handlers, *node.orelse, *node.finalbody]:
                visit(part, guarded)
            return
        for child in ast.iter_child_nodes(node):
            visit(child, guarded)

    visit(ast.parse(source), False)
    return found


def test_no_module_under_circle_imports_a_posix_only_module_unguarded() -> None:
    modules = sorted(CIRCLE.rglob("*.py"))
    assert len(modules) > 50  # the whole package is read, not an empty folder
    found = {
        f"{module.relative_to(CIRCLE.parent)}:{line}": name
        for module in modules
        for line, name in unguarded_posix_imports(module.read_text(encoding="utf-8"))
    }
    assert found == {}


def test_the_scan_finds_each_way_of_importing_and_lets_guarded_imports_be() -> None:
    source = """
import os, fcntl
from termios import tcgetattr
import pty.whatever

def later():
    import pwd
    importlib.import_module("grp")

if sys.platform != "win32":
    import resource
else:
    import tty
try:
    import syslog
except ImportError:
    syslog = None
try:
    import posix
finally:
    pass
"""
    assert unguarded_posix_imports(source) == [
        (2, "fcntl"), (3, "termios"), (4, "pty.whatever"), (7, "pwd"), (8, "grp"), (19, "posix"),
    ]
