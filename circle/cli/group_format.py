"""`circle group show` and `circle group format export|import`: a group's format, said in words or shared as TOML."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import click

from circle.cli.support import group_named, one_line_errors, safe
from circle.domain.errors import CircleError
from circle.domain.format_file import (
    MAX_FORMAT_FILE_BYTES,
    format_from_toml,
    format_to_toml,
)
from circle.domain.group import Group
from circle.files import read_file_to_import, write_private_file
from circle.workspace import GroupOverview


def show_lines(group: Group, overview: GroupOverview | None) -> list[str]:
    """The group's format, prompts, topics and schedule, each piece of the group's own text made safe to print."""
    meeting = group.profile.format
    lines = [safe(group.name), f"Format ({meeting.planned_minutes} min):"]
    for number, phase in enumerate(meeting.phases, 1):
        turn = meeting.turn_minutes(phase)
        turns = f", turns of {turn:g} min" if turn is not None else ""
        lines.append(f"  {number}. {safe(phase.shown_title)} {phase.minutes} min{turns}")
    lines += [
        f"Round order: {meeting.round_order}",
        f"Check-in prompt: {safe(meeting.check_in_prompt)}",
        f"Closing prompt: {safe(meeting.closing_prompt)}",
        f"Topics ({len(meeting.topics)}):" if meeting.topics else "Topics: none",
        *(f"  - {safe(topic)}" for topic in meeting.topics),
        f"Schedule: {group.profile.schedule.describe()}",
        f"Next meeting: {_next(overview)}",
    ]
    return lines


def _next(overview: GroupOverview | None) -> str:
    if overview is None or overview.next_meeting_on is None:
        return "not set"
    when = f"{overview.next_starts_at:%a %d %b %Y at %H:%M}" if overview.next_starts_at else ""
    if overview.next_cancelled is not None:
        when += f" (the meeting of {overview.next_cancelled.held_on:%d %b} is cancelled)"
    return when


@click.command("show")
@click.argument("group_name", metavar="GROUP")
@one_line_errors
def group_show(group_name: str) -> None:
    """The group's format, round order, prompts, topics, schedule and next meeting."""
    with group_named(group_name) as (workspace, found):
        overview = next((each for each in workspace.groups() if each.id == found.id), None)
        click.echo("\n".join(show_lines(found, overview)))


@click.group("format")
def group_format() -> None:
    """Share a group's format (parts, prompts, topics, schedule) as a small TOML file."""


@group_format.command("export")
@click.argument("group_name", metavar="GROUP")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), help="Write to this new file.")
@one_line_errors
def format_export(group_name: str, out: Path | None) -> None:
    """Write the group's format as TOML, to standard output or a new file."""
    with group_named(group_name) as (_, found):
        text = format_to_toml(found.profile)
    if out is None:
        sys.stdout.write(text)
        return
    write_private_file(out, text.encode("utf-8"))
    click.echo(f"Wrote the format of {safe(found.name)} to {safe(str(out))}.")


@group_format.command("import")
@click.argument("group_name", metavar="GROUP")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@one_line_errors
def format_import(group_name: str, file: Path) -> None:
    """Take a format file into the group, all or nothing; its agreements, rules and roster stay as they are."""
    text = _read_format_file(file)
    with group_named(group_name) as (workspace, found):
        profile = format_from_toml(text, found.profile, file_name=file.name)
        saved = workspace.save_group(replace(found, profile=profile))
        click.echo(f"{safe(saved.name)} now has the format of {safe(file.name)}: {safe(saved.profile.format.describe())}.")


def _read_format_file(file: Path) -> str:
    data = read_file_to_import(file, MAX_FORMAT_FILE_BYTES, kind="format file")
    if data is None:
        raise CircleError(f"{file.name} is larger than a format file may be (64 KiB); nothing was imported.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CircleError(f"{file.name} line {line}: this is not UTF-8 text; nothing was imported.") from None
