"""Every command of the command line is in the README (in the style of sqlite-utils' documentation tests)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from circle.cli.root import cli

README = Path(__file__).resolve().parents[2] / "README.md"


def commands(group: click.Group, prefix: str = "circle") -> Iterator[str]:
    """Every command line a user can type, subcommands of subcommands included."""
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        assert command is not None
        line = f"{prefix} {name}"
        if isinstance(command, click.Group):
            yield from commands(command, line)
        else:
            yield line


@pytest.mark.parametrize("command", list(commands(cli)))
def test_every_command_is_documented_in_the_readme(command: str) -> None:
    assert command in README.read_text(encoding="utf-8")
