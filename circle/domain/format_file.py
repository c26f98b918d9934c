"""A group's format as a small TOML file to share: parts, prompts, topics and schedule (docs/FORMAT.md, section 14).

The file mirrors the profile's own JSON (GroupProfile.to_dict): the format's members at the top, each part a
`[[part]]` table, the schedule a `[schedule]` table. Reading it back goes through the model's own checks; a
value they refuse is found again in the file so that the one line of refusal names its line.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from typing import Any, NoReturn

from circle.domain.errors import CircleError, InvalidInput
from circle.domain.group import GroupProfile, Phase, PhaseKind
from circle.domain.schedule import Schedule
from circle.domain.toml_text import key_value, line_of
from circle.language import N_, _

VERSION = 1
MAX_FORMAT_FILE_BYTES = 64 * 1024
PARTS = "part"  # the array of tables holding the format's `phases`
SCHEDULE = "schedule"
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column \d+\)$|\s*\(at end of document\)$")


class FormatFileRefused(InvalidInput):
    """A format file that cannot be taken in whole; nothing of it is."""


def format_to_toml(profile: GroupProfile) -> str:
    """The shareable part of a profile as TOML; agreements, crisis resources and rules are the group's own."""
    fmt = profile.to_dict()["format"]
    lines = [
        "# A circle meeting format, to import with: circle group format import GROUP FILE",
        key_value("version", VERSION),
    ]
    lines += [_member(key, item) for key, item in fmt.items() if key != "phases" and item is not None]
    for part in fmt["phases"]:
        lines += ["", f"[[{PARTS}]]", *(key_value(key, item) for key, item in part.items() if item is not None)]
    schedule = profile.schedule.to_dict(every_member=True)
    lines += ["", f"[{SCHEDULE}]", *(key_value(key, item) for key, item in schedule.items() if item is not None)]
    return "\n".join(lines) + "\n"


def _member(key: str, item: Any) -> str:
    """A top-level member; a list of texts (topics) one to a line, so that a file is easy to edit by hand."""
    if isinstance(item, list) and item and all(isinstance(each, str) for each in item):
        return "\n".join([f"{key} = [", *(f"  {key_value('x', each)[4:]}," for each in item), "]"])
    return key_value(key, item)


def format_from_toml(text: str, current: GroupProfile, *, file_name: str) -> GroupProfile:
    """`current` with the file's format and schedule, or FormatFileRefused naming the file, the line and why."""
    refuse = _Refuser(text, file_name)
    document = _parsed(text, refuse)
    _check_version(document, refuse)
    known = current.to_dict()
    fmt_known = {key: item for key, item in known["format"].items() if key != "phases"}
    _no_strangers(document, {"version", PARTS, SCHEDULE, *fmt_known}, refuse, table=None)

    parts = document.get(PARTS)
    if not isinstance(parts, list) or not parts or not all(isinstance(part, dict) for part in parts):
        refuse(_("a format needs its parts, each a [[part]] table"), None, None, None)
    scalars = {key: item for key, item in document.items() if key in fmt_known}

    def profile_with(fmt_scalars: dict[str, Any], phases: list[Any], schedule: dict[str, Any]) -> None:
        GroupProfile.from_dict({**known, "format": {**fmt_known, **fmt_scalars, "phases": phases},
                                "schedule": schedule})

    # Each piece alone, beside pieces known to be good, so that a refusal is the piece's own.
    good_phases, good_schedule = known["format"]["phases"], Schedule(weekday=0).to_dict(every_member=True)
    good_part = {**Phase(PhaseKind.CHECK_IN, 10).to_dict(), "title": "", "turn_minutes": None}
    _check_piece(scalars, fmt_known, lambda candidate: profile_with(candidate, good_phases, good_schedule),
                 refuse, table=None, index=None)
    for index, part in enumerate(parts):
        _no_strangers(part, set(good_part), refuse, table=PARTS, index=index)
        _check_piece(part, good_part, lambda candidate: profile_with(scalars, [candidate], good_schedule),
                     refuse, table=PARTS, index=index)
    schedule = document.get(SCHEDULE, {})
    if not isinstance(schedule, dict):
        refuse(_("the schedule is a [schedule] table"), None, "schedule", None)
    _no_strangers(schedule, set(good_schedule), refuse, table=SCHEDULE)
    _check_piece(schedule, good_schedule, lambda candidate: profile_with(scalars, good_phases, candidate),
                 refuse, table=SCHEDULE, index=None)
    try:
        return GroupProfile.from_dict({**known, "format": {**fmt_known, **scalars, "phases": parts},
                                       "schedule": schedule})
    except CircleError as problem:  # the pieces together: the parts' order, how many there are
        refuse(str(problem), PARTS, None, None)


class _Refuser:
    """Raises FormatFileRefused: '<file> line 7: a phase lasts 1 to 240 minutes'."""

    def __init__(self, text: str, file_name: str) -> None:
        self.text, self.file_name = text, file_name

    def __call__(self, why: str, table: str | None, key: str | None, index: int | None, *,
                 line: int | None = None) -> NoReturn:
        if line is None and (table is not None or key is not None):
            line = line_of(self.text, table, index, key)
        why = why.rstrip(".")
        why = why[:1].lower() + why[1:]
        if line:
            said = _("{file} line {line}: {why}; nothing was imported.").format(file=self.file_name, line=line, why=why)
        else:
            said = _("{file}: {why}; nothing was imported.").format(file=self.file_name, why=why)
        raise FormatFileRefused(said)


# Far beyond any honest file, and short enough that the TOML reader, whose work on one long dotted key grows
# with the square of its length, is done in a moment.
MAX_LINE = 4096
MAX_KEY_DOTS = 8


def _parsed(text: str, refuse: _Refuser) -> dict[str, Any]:
    text = text.removeprefix("\ufeff")  # the byte-order mark some editors put first
    for number, line in enumerate(text.splitlines(), 1):
        if len(line) > MAX_LINE:
            refuse(_("a line longer than {most} characters").format(most=MAX_LINE), None, None, None, line=number)
        key = line.split("=", 1)[0] if "=" in line else line
        if key.count(".") > MAX_KEY_DOTS:
            refuse(_("a key of more parts than any circle writes"), None, None, None, line=number)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as problem:
        said = str(problem)
        found = _TOML_POSITION.search(said)
        line = int(found.group(1)) if found and found.group(1) else None
        # The TOML reader's own words, in English: they name what it expected, never the file's text.
        detail = said[: found.start()] if found else said
        refuse(_("this is not TOML ({detail})").format(detail=detail), None, None, None, line=line)
    except RecursionError:  # arrays nested a thousand deep; a number too long to read is a line too long
        refuse(_("a value nested too deep to read"), None, None, None)


def _check_version(document: dict[str, Any], refuse: _Refuser) -> None:
    version = document.get("version")
    if version is None:
        refuse(_("no version; a format file says version = {version}").format(version=VERSION), None, None, None,
               line=1)
    if type(version) is not int or version != VERSION:
        if type(version) is int and 0 <= version < 1000:
            said = _("version {found} that circle cannot read; it reads version = {version}").format(
                found=version, version=VERSION
            )
        else:
            said = _("a version that circle cannot read; it reads version = {version}").format(version=VERSION)
        refuse(said, None, "version", None)


def _no_strangers(table_items: dict[str, Any], allowed: set[str], refuse: _Refuser, *, table: str | None,
                  index: int | None = None) -> None:
    """A key circle does not know may be a typo of one it does: refused, not ignored. It is not repeated in
    the message, which holds no text of the file's own."""
    for key in table_items:
        if key not in allowed:
            refuse(_("a key circle does not know here"), table, key, index)


def _check_piece(piece: dict[str, Any], good: dict[str, Any], build: Callable[[dict[str, Any]], None],
                 refuse: _Refuser, *, table: str | None, index: int | None) -> None:
    """Build with `piece`; if the model refuses it, find the key to blame: the last in the file whose good value,
    put in its place, changes the refusal or makes it go (the last: of `kind` and a `turn_minutes` that kind
    cannot have, the turn)."""
    for key, item in piece.items():
        if key in good and good[key] is not None and not _same_kind(item, good[key]):
            refuse(_(_KINDS[type(good[key])]).format(key=key), table, key, index)
    try:
        build(piece)
        return
    except CircleError as problem:
        refused = problem
    for key in reversed(piece):
        if key in good:
            try:
                build({**piece, key: good[key]})
            except CircleError as other:
                if str(other) == str(refused):
                    continue
            refuse(_for_a_person(refused, key), table, key, index)
    refuse(_for_a_person(refused, None), table, None, index)


# What a key holds, as the whole refusal of a value of another kind.
_KINDS = {
    int: N_("{key} should be a whole number"),
    float: N_("{key} should be a number"),
    str: N_("{key} should be text in quotes"),
    list: N_("{key} should be a list"),
    bool: N_("{key} should be true or false"),
}


def _same_kind(item: Any, good: Any) -> bool:
    """A whole number will do where a number is wanted; true is not a number, nor a number text."""
    if type(good) is float:
        return type(item) in (int, float)
    return type(item) is type(good)


def _for_a_person(refused: CircleError, key: str | None) -> str:
    """The model's own words; but where it only says it could not read a value (one missing, or of the wrong
    kind, which it turned away as a whole), which key."""
    cause = refused.__cause__
    if isinstance(cause, KeyError) and cause.args and isinstance(cause.args[0], str):
        return _("{key} is missing").format(key=cause.args[0])  # the model's own name for it, not the file's text
    if isinstance(cause, (KeyError, ValueError, TypeError, OverflowError)):
        return _("{key} is not a value circle can use here").format(key=key) if key else _("a value circle cannot use")
    return str(refused)
