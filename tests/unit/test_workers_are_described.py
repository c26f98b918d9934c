"""Every worker of circle's screens is described in words, so Textual never makes its description from the
repr of its arguments: a passphrase, a handoff code or years of a vault's sealed rows (seconds of work)."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "circle" / "ui"


def _work_decorators() -> list[tuple[str, ast.Call]]:
    found = []
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for decorator in node.decorator_list:
                    if isinstance(decorator, ast.Call) and getattr(decorator.func, "id", "") == "work":
                        found.append((f"{path.name}:{node.name}", decorator))
    return found


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((keyword.value for keyword in call.keywords if keyword.arg == name), None)


def test_every_thread_worker_in_the_ui_has_a_description_of_its_own():
    threads = [(where, call) for where, call in _work_decorators()
               if isinstance(_keyword(call, "thread"), ast.Constant) and _keyword(call, "thread").value is True]
    assert len(threads) >= 6  # the unlock, first run, passphrase, co-facilitator, handoff and trends workers
    assert [where for where, call in threads if _keyword(call, "description") is None] == []
