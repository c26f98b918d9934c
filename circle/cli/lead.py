"""`circle lead`: a lead's key, bundles of counts from facilitators, and the report across groups."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from circle.cli.support import (
    one_line_errors,
    parse_day,
    read_new_passphrase,
    read_passphrase,
    safe,
    unlocked_workspace,
)
from circle.domain.passphrase import strength
from circle.lead.folder import LeadFolder, LeadKeyExists, NoLeadKey, NothingImported
from circle.files import write_private_file
from circle.paths import locations
from circle.workspace import check_lead_key, lead_bundle_path

LEAD_PASSPHRASE_VARIABLE = "CIRCLE_LEAD_PASSPHRASE"
NEW_LEAD_PASSPHRASE_VARIABLE = "CIRCLE_NEW_LEAD_PASSPHRASE"
PERIODS = ("week", "month", "quarter")
FORMATS = ("table", "csv", "json", "markdown")


@click.group()
def lead() -> None:
    """For group leads: counts across groups, never names or words."""


def _lead_passphrase(prompt: str = "Lead passphrase") -> str:
    return read_passphrase(prompt, variable=LEAD_PASSPHRASE_VARIABLE, what="lead passphrase")


def _folder() -> LeadFolder:
    return LeadFolder(locations())


@lead.command("init")
@one_line_errors
def lead_init() -> None:
    """Make your lead key: a key pair whose private half only your lead passphrase opens."""
    folder = _folder()
    if folder.has_key:
        raise LeadKeyExists()
    passphrase = read_new_passphrase(
        "Choose a lead passphrase", variable=LEAD_PASSPHRASE_VARIABLE, what="lead passphrase"
    )
    text = folder.create_key(passphrase)
    click.echo(f"Lead key created. {strength(passphrase).hint}")
    click.echo("Give this key to the facilitators whose groups you look after; it is not secret:")
    click.echo(text)


@lead.command("key")
@one_line_errors
def lead_key() -> None:
    """Print your lead key again (no passphrase needed)."""
    click.echo(_folder().public_key_text())


@lead.command("passphrase")
@one_line_errors
def lead_passphrase() -> None:
    """Change your lead passphrase, which makes a new lead key (CIRCLE_LEAD_PASSPHRASE is the current one,
    CIRCLE_NEW_LEAD_PASSPHRASE the new, in scripts)."""
    folder = _folder()
    if not folder.has_key:
        raise NoLeadKey()
    store = folder.unlock(_lead_passphrase("Current lead passphrase"))
    chosen = read_new_passphrase(
        "New lead passphrase", variable=NEW_LEAD_PASSPHRASE_VARIABLE, what="new lead passphrase"
    )
    text = store.change_passphrase(chosen)
    click.echo(f"Lead passphrase changed, and with it your lead key. {strength(chosen).hint}")
    click.echo("Facilitators must export to this new key; bundles sealed to the old one will no longer import:")
    click.echo(text)


@lead.command("export")
@click.option("--to", "to", required=True, metavar="KEY", help="The lead's key, as 'circle lead key' prints it.")
@click.option("--group", "group_names", multiple=True, metavar="NAME", help="Only this group (repeatable).")
@click.option("--out", "out", type=click.Path(path_type=Path), help="The file to write, or a folder to write it in.")
@one_line_errors
def lead_export(to: str, group_names: tuple[str, ...], out: Path | None) -> None:
    """Write your groups' counts (all of them by default), sealed to a lead's key."""
    check_lead_key(to)  # a mistyped key or folder is refused before the passphrase is asked for
    target = lead_bundle_path(out, datetime.now().astimezone())
    with unlocked_workspace() as workspace:
        ids = list(dict.fromkeys(workspace.find_group(name).id for name in group_names)) or None
        data = workspace.export_for_lead(to, ids)
        count = len(ids) if ids else len(workspace.groups())
        write_private_file(target, data)
    click.echo(f"Counts of {count} group{'s' if count != 1 else ''} for the lead written to {safe(str(target))}.")
    click.echo("Each group's counts are signed; the lead can check a group's key with you: circle lead fingerprint NAME")


@lead.command("fingerprint")
@click.argument("name")
@one_line_errors
def lead_fingerprint(name: str) -> None:
    """Print the fingerprint of the key that signs a group's bundles, for you to read to its lead."""
    with unlocked_workspace() as workspace:
        group = workspace.find_group(name)
        click.echo(f"{safe(group.name)}: {workspace.lead_fingerprint(group.id)}")


@lead.command("import")
@click.argument("paths", metavar="FILE|FOLDER...", nargs=-1, required=True, type=click.Path(path_type=Path))
@one_line_errors
def lead_import(paths: tuple[Path, ...]) -> None:
    """Take in lead bundles: each FILE, and every *.circlelead directly inside each FOLDER."""
    folder = _folder()
    if not folder.has_key:
        raise NoLeadKey()
    result = folder.unlock(_lead_passphrase()).import_paths(paths)
    for problem in result.problems:
        click.echo(f"circle: {safe(problem)}", err=True)
    click.echo(result.summary())
    if result.problems:
        sys.exit(1)


@lead.command("trust")
@click.argument("name")
@click.argument("path", metavar="FILE", type=click.Path(path_type=Path))
@click.option("--fingerprint", "typed", metavar="DIGITS", help="The fingerprint its facilitator read you (else asked).")
@one_line_errors
def lead_trust(name: str, path: Path, typed: str | None) -> None:
    """Take a group from FILE although it is signed by a new key, once its facilitator has read you the key's
    fingerprint ('circle lead fingerprint NAME' on their laptop)."""
    from circle.lead.folder import FingerprintsDiffer

    folder = _folder()
    if not folder.has_key:
        raise NoLeadKey()
    store = folder.unlock(_lead_passphrase())
    group, kept = store.signed_in(path, name)
    shown = safe(group.group.name)
    click.echo(f"In that file, {shown} is signed by the key {store.fingerprint_of(group)}.")
    if kept is not None and kept.signer is not None:
        click.echo(f"Until now its bundles were signed by {store.fingerprint_of(kept)}.")
    if typed is None:
        typed = click.prompt(f"Type the fingerprint its facilitator reads you from 'circle lead fingerprint {shown}'")
    if not store.same_key(typed, group):
        raise FingerprintsDiffer()
    store.trust(group)
    click.echo(f"Trusted: {shown} is kept from that file, and its bundles are checked against this key from now on.")


@lead.command("forget")
@click.argument("name")
@one_line_errors
def lead_forget(name: str) -> None:
    """Drop a group from your imported counts, by its name or its label in the report; its next bundle is taken
    in as new (to undo a wrong bundle)."""
    folder = _folder()
    if not folder.has_key:
        raise NoLeadKey()
    if not folder.has_imported:
        raise NothingImported()
    folder.unlock(_lead_passphrase()).forget(name)
    click.echo("Forgot that group's counts and the key it was pinned to; its next bundle is taken in as new.")


@lead.command("report")
@click.option("--group", "group_names", multiple=True, metavar="NAME", help="Only this group (repeatable).")
@click.option("--since", metavar="DATE", help="From this day (YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Up to this day (YYYY-MM-DD).")
@click.option("--by", "by", type=click.Choice(PERIODS), default="month", show_default=True)
@click.option("--format", "form", type=click.Choice(FORMATS), default="table", show_default=True)
@one_line_errors
def lead_report_command(group_names: tuple[str, ...], since: str | None, until: str | None, by: str, form: str) -> None:
    """Your groups side by side: a summary of each over the range, then every period (small counts as <3)."""
    from circle.domain.trends.lead_report import groups_named, lead_report
    from circle.domain.trends.periods import Period
    from circle.reports.lead_report import render_lead_report
    from circle.reports.render import Format

    first, last = parse_day(since, "--since"), parse_day(until, "--until")
    folder = _folder()
    if not folder.has_key:
        raise NoLeadKey()
    if not folder.has_imported:
        raise NothingImported()
    kept = folder.unlock(_lead_passphrase()).kept()
    if not kept:
        raise NothingImported()
    chosen = groups_named(kept, group_names) if group_names else None
    report = lead_report(kept, group_ids=chosen, by=Period(by), since=first, until=last)
    click.echo(render_lead_report(report, Format(form)))
