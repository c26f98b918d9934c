"""Before a command deletes something it asks, at a real terminal, in the facilitator's language.

The real `circle` runs in a subprocess whose input and output are a pseudo-terminal, so it asks as it would
ask a person: the question, then the answer typed, then what the command did.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_cli import ok
from tests.conftest import PASSPHRASE

pty = pytest.importorskip("pty")  # a POSIX terminal; Windows has none to lend a subprocess

REPO_ROOT = Path(__file__).resolve().parents[2]
GROUP = "Martes"
QUESTION_END = "]: "


def _read(fd: int, seen: str, *, questions: int) -> str:
    """What the terminal shows until it has asked `questions` questions in all, or the command has ended."""
    while seen.count(QUESTION_END) < questions:
        ready, _, _ = select.select([fd], [], [], 60)
        if not ready:
            raise AssertionError(f"no question {questions} on the terminal; it showed {seen!r}")
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the command ended, and its end of the terminal with it
            break
        if not chunk:
            break
        seen += chunk.decode("utf-8")
    return seen


def asked(home: Path, *answers: str, language: str = "es") -> tuple[int, str]:
    """`circle group delete Martes` at a terminal, each answer typed once its question is shown: its exit status
    and everything the terminal showed."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("CIRCLE_")}
    env.update(
        CIRCLE_HOME=str(home), CIRCLE_PASSPHRASE=PASSPHRASE, LANGUAGE=language, PYTHONIOENCODING="utf-8",
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])),
    )
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "circle", "group", "delete", GROUP],
        stdin=terminal, stdout=terminal, stderr=terminal, env=env, cwd=home.parent,
    )
    os.close(terminal)
    shown = ""
    try:
        for number, answer in enumerate(answers, start=1):
            shown = _read(controller, shown, questions=number)
            os.write(controller, f"{answer}\r".encode())
        status = process.wait(timeout=60)
        shown = _read(controller, shown, questions=len(answers) + 1)  # the rest, up to the end
    finally:
        os.close(controller)
        if process.poll() is None:
            process.kill()
    return status, shown


@pytest.fixture
def a_group_to_delete(run_circle, vault_home: Path) -> Path:
    ok(run_circle("group", "add", GROUP, home=vault_home))
    return vault_home


def still_there(run_circle, home: Path) -> bool:
    return GROUP in ok(run_circle("group", "list", home=home))


def test_in_spanish_the_question_offers_s_and_n_and_s_deletes_the_group(run_circle, a_group_to_delete):
    status, shown = asked(a_group_to_delete, "s")
    assert "¿" in shown and "[s/N]: " in shown
    assert status == 0
    assert not still_there(run_circle, a_group_to_delete)


def test_in_spanish_si_typed_without_its_accent_is_yes(run_circle, a_group_to_delete):
    status, _ = asked(a_group_to_delete, "Si")
    assert status == 0
    assert not still_there(run_circle, a_group_to_delete)


def test_enter_alone_keeps_the_group_and_says_the_command_was_cancelled_in_spanish(run_circle, a_group_to_delete):
    status, shown = asked(a_group_to_delete, "")
    assert status != 0
    assert "Cancelado." in shown
    assert still_there(run_circle, a_group_to_delete)


def test_an_answer_that_is_neither_is_asked_again_and_no_keeps_the_group(run_circle, a_group_to_delete):
    status, shown = asked(a_group_to_delete, "quizá", "no")
    assert shown.count("[s/N]: ") == 2
    assert "Error: entrada no válida" in shown
    assert status != 0
    assert still_there(run_circle, a_group_to_delete)


def test_in_english_the_question_offers_y_and_n_and_y_deletes_the_group(run_circle, a_group_to_delete):
    status, shown = asked(a_group_to_delete, "y", language="en")
    assert "[y/N]: " in shown
    assert status == 0
    assert not still_there(run_circle, a_group_to_delete)
