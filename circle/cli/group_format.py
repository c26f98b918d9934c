"""`circle group show` and `circle group format export|import`: a group's format, said in words or shared as TOML."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import click
from babel.numbers import format_decimal

from circle.cli.support import group_named, one_line_errors, safe
from circle.domain.errors import CircleError
from circle.domain.format_file import (
    MAX_FORMAT_FILE_BYTES,
    format_from_toml,
    format_to_toml,
)
from circle.domain.group import Group
from circle.files import read_file_to_import, write_private_file
from circle.language import LANGUAGES, _, current
from circle.language.days import day_in
from circle.workspace import GroupOverview


def show_lines(group: Group, overview: GroupOverview | None) -> list[str]:
    """The group's format, prompts, topics and schedule, each piece of the group's own text made safe to print."""
    meeting = group.profile.format
    spoken = group.profile.language
    lines = [
        safe(group.name),
        _("Language: {language}").format(language=LANGUAGES.get(spoken, spoken)),
        _("Format ({minutes} min):").format(minutes=meeting.planned_minutes),
    ]
    for number, phase in enumerate(meeting.phases, 1):
        turn = meeting.turn_minutes(phase)
        said = {"number": number, "part": safe(phase.name_in(_)), "minutes": phase.minutes}
        if turn is None:
            lines.append(_("  {number}. {part} {minutes} min").format(**said))
        else:
            turn_said = format_decimal(turn, locale=current())  # "1.5", "1,5"
            lines.append(_("  {number}. {part} {minutes} min, turns of {turn} min").format(**said, turn=turn_said))
    topics = len(meeting.topics)
    lines += [
        _("Round order: {order}").format(order=meeting.round_order),
        _("Check-in prompt: {prompt}").format(prompt=safe(meeting.check_in_prompt)),
        _("Closing prompt: {prompt}").format(prompt=safe(meeting.closing_prompt)),
        _("Topics ({count}):").format(count=topics) if topics else _("Topics: none"),
        *(f"  - {safe(topic)}" for topic in meeting.topics),
        _("Schedule: {schedule}").format(schedule=group.profile.schedule.describe(_, current())),
        _("Next meeting: {when}").format(when=_next(overview)),
    ]
    return lines


def _next(overview: GroupOverview | None) -> str:
    if overview is None or overview.next_meeting_on is None:
        return _("not set")
    starts = overview.next_starts_at
    when = ""
    if starts is not None:
        when = _("{day} at {time}").format(day=day_in(current(), starts.date(), "EEE dd MMM yyyy"), time=f"{starts:%H:%M}")
    if overview.next_cancelled is not None:
        cancelled = day_in(current(), overview.next_cancelled.held_on, "dd MMM")
        when = _("{when} (the meeting of {day} is cancelled)").format(when=when, day=cancelled)
    return when


@click.command(
    "show", help=_("The group's language, format, round order, prompts, topics, schedule and next meeting.")
)
@click.argument("group_name", metavar="GROUP")
@one_line_errors
def group_show(group_name: str) -> None:
    with group_named(group_name) as (workspace, found):
        overview = next((each for each in workspace.groups() if each.id == found.id), None)
        click.echo("\n".join(show_lines(found, overview)))


@click.group("format", help=_("Share a group's format (parts, prompts, topics, schedule) as a small TOML file."))
def group_format() -> None:
    pass


@group_format.command("export", help=_("Write the group's format as TOML, to standard output or a new file."))
@click.argument("group_name", metavar="GROUP")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), help=_("Write to this new file."))
@one_line_errors
def format_export(group_name: str, out: Path | None) -> None:
    with group_named(group_name) as (_workspace, found):
        text = format_to_toml(found.profile)
    if out is None:
        sys.stdout.write(text)
        return
    write_private_file(out, text.encode("utf-8"))
    click.echo(_("Wrote the format of {name} to {file}.").format(name=safe(found.name), file=safe(str(out))))


@group_format.command(
    "import", help=_("Take a format file into the group, all or nothing; its agreements, rules and roster stay as they are.")
)
@click.argument("group_name", metavar="GROUP")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@one_line_errors
def format_import(group_name: str, file: Path) -> None:
    text = _read_format_file(file)
    with group_named(group_name) as (workspace, found):
        profile = format_from_toml(text, found.profile, file_name=file.name)
        saved = workspace.save_group(replace(found, profile=profile))
        click.echo(_("{name} now has the format of {file}: {format}.").format(
            name=safe(saved.name), file=safe(file.name), format=safe(saved.profile.format.describe(_))
        ))


def _read_format_file(file: Path) -> str:
    data = read_file_to_import(file, MAX_FORMAT_FILE_BYTES, kind="format file")
    if data is None:
        raise CircleError(
            _("{file} is larger than a format file may be (64 KiB); nothing was imported.").format(file=file.name)
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CircleError(
            _("{file} line {line}: this is not UTF-8 text; nothing was imported.").format(file=file.name, line=line)
        ) from None
