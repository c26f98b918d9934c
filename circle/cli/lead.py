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
from circle.files import write_private_file
from circle.language import _, ngettext
from circle.lead.folder import LeadFolder, LeadKeyExists, NoLeadKey, NothingImported
from circle.paths import locations
from circle.workspace import check_lead_key, lead_bundle_path

LEAD_PASSPHRASE_VARIABLE = "CIRCLE_LEAD_PASSPHRASE"
NEW_LEAD_PASSPHRASE_VARIABLE = "CIRCLE_NEW_LEAD_PASSPHRASE"
PERIODS = ("week", "month", "quarter")
FORMATS = ("table", "csv", "json", "markdown")


@click.group(help=_("For group leads: counts across groups, never names or words."))
def lead() -> None:
    pass


def _lead_passphrase(prompt: str | None = None) -> str:
    return read_passphrase(prompt or _("Lead passphrase"), variable=LEAD_PASSPHRASE_VARIABLE, what="lead passphrase")


def _folder() -> LeadFolder:
    return LeadFolder(locations())


@lead.command("init", help=_("Make your lead key: a key pair whose private half only your lead passphrase opens."))
@one_line_errors
def lead_init() -> None:
    folder = _folder()
    if folder.has_key:
        raise LeadKeyExists()
    passphrase = read_new_passphrase(
        _("Choose a lead passphrase"), variable=LEAD_PASSPHRASE_VARIABLE, what="lead passphrase"
    )
    text = folder.create_key(passphrase)
    click.echo(_("Lead key created. {hint}").format(hint=strength(passphrase).hint))
    click.echo(_("Give this key to the facilitators whose groups you look after; it is not secret:"))
    click.echo(text)


@lead.command("key", help=_("Print your lead key again (no passphrase needed)."))
@one_line_errors
def lead_key() -> None:
    click.echo(_folder().public_key_text())


@lead.command("passphrase", help=_(
    "Change your lead passphrase, which makes a new lead key (CIRCLE_LEAD_PASSPHRASE is the current one, "
    "CIRCLE_NEW_LEAD_PASSPHRASE the new, in scripts)."
))
@one_line_errors
def lead_passphrase() -> None:
    folder = _folder()
    if not folder.has_key:
        raise NoLeadKey()
    store = folder.unlock(_lead_passphrase(_("Current lead passphrase")))
    chosen = read_new_passphrase(
        _("New lead passphrase"), variable=NEW_LEAD_PASSPHRASE_VARIABLE, what="new lead passphrase"
    )
    text = store.change_passphrase(chosen)
    click.echo(_("Lead passphrase changed, and with it your lead key. {hint}").format(hint=strength(chosen).hint))
    click.echo(_("Facilitators must export to this new key; bundles sealed to the old one will no longer import:"))
    click.echo(text)


@lead.command("export", help=_("Write your groups' counts (all of them by default), sealed to a lead's key."))
@click.option("--to", "to", required=True, metavar="KEY", help=_("The lead's key, as 'circle lead key' prints it."))
@click.option("--group", "group_names", multiple=True, metavar="NAME", help=_("Only this group (repeatable)."))
@click.option("--out", "out", type=click.Path(path_type=Path), help=_("The file to write, or a folder to write it in."))
@one_line_errors
def lead_export(to: str, group_names: tuple[str, ...], out: Path | None) -> None:
    check_lead_key(to)  # a mistyped key or folder is refused before the passphrase is asked for
    target = lead_bundle_path(out, datetime.now().astimezone())
    with unlocked_workspace() as workspace:
        ids = list(dict.fromkeys(workspace.find_group(name).id for name in group_names)) or None
        data = workspace.export_for_lead(to, ids)
        count = len(ids) if ids else len(workspace.groups())
        write_private_file(target, data)
    click.echo(ngettext(
        "Counts of {count} group for the lead written to {file}.",
        "Counts of {count} groups for the lead written to {file}.", count,
    ).format(count=count, file=safe(str(target))))
    click.echo(_("Each group's counts are signed; the lead can check a group's key with you: circle lead fingerprint NAME"))


@lead.command("fingerprint", help=_("Print the fingerprint of the key that signs a group's bundles, for you to read to its lead."))
@click.argument("name")
@one_line_errors
def lead_fingerprint(name: str) -> None:
    with unlocked_workspace() as workspace:
        group = workspace.find_group(name)
        click.echo(f"{safe(group.name)}: {workspace.lead_fingerprint(group.id)}")


@lead.command("import", help=_("Take in lead bundles: each FILE, and every *.circlelead directly inside each FOLDER."))
@click.argument("paths", metavar="FILE|FOLDER...", nargs=-1, required=True, type=click.Path(path_type=Path))
@one_line_errors
def lead_import(paths: tuple[Path, ...]) -> None:
    folder = _folder()
    if not folder.has_key:
        raise NoLeadKey()
    result = folder.unlock(_lead_passphrase()).import_paths(paths)
    for problem in result.problems:
        click.echo(f"circle: {safe(problem)}", err=True)
    click.echo(result.summary())
    if result.problems:
        sys.exit(1)


@lead.command("trust", help=_(
    "Take a group from FILE although it is signed by a new key, once its facilitator has read you the key's "
    "fingerprint ('circle lead fingerprint NAME' on their laptop)."
))
@click.argument("name")
@click.argument("path", metavar="FILE", type=click.Path(path_type=Path))
@click.option("--fingerprint", "typed", metavar="DIGITS", help=_("The fingerprint its facilitator read you (else asked)."))
@one_line_errors
def lead_trust(name: str, path: Path, typed: str | None) -> None:
    from circle.lead.folder import FingerprintsDiffer

    folder = _folder()
    if not folder.has_key:
        raise NoLeadKey()
    store = folder.unlock(_lead_passphrase())
    group, kept = store.signed_in(path, name)
    shown = safe(group.group.name)
    click.echo(_("In that file, {name} is signed by the key {fingerprint}.").format(
        name=shown, fingerprint=store.fingerprint_of(group)
    ))
    if kept is not None and kept.signer is not None:
        click.echo(_("Until now its bundles were signed by {fingerprint}.").format(fingerprint=store.fingerprint_of(kept)))
    if typed is None:
        typed = click.prompt(
            _("Type the fingerprint its facilitator reads you from 'circle lead fingerprint {name}'").format(name=shown)
        )
    if not store.same_key(typed, group):
        raise FingerprintsDiffer()
    store.trust(group)
    click.echo(_("Trusted: {name} is kept from that file, and its bundles are checked against this key from now on.").format(
        name=shown
    ))


@lead.command("forget", help=_(
    "Drop a group from your imported counts, by its name or its label in the report; its next bundle is taken "
    "in as new (to undo a wrong bundle)."
))
@click.argument("name")
@one_line_errors
def lead_forget(name: str) -> None:
    folder = _folder()
    if not folder.has_key:
        raise NoLeadKey()
    if not folder.has_imported:
        raise NothingImported()
    folder.unlock(_lead_passphrase()).forget(name)
    click.echo(_("Forgot that group's counts and the key it was pinned to; its next bundle is taken in as new."))


@lead.command("report", help=_(
    "Your groups side by side: a summary of each over the range, then every period (small counts as <3)."
))
@click.option("--group", "group_names", multiple=True, metavar="NAME", help=_("Only this group (repeatable)."))
@click.option("--since", metavar="DATE", help=_("From this day (YYYY-MM-DD)."))
@click.option("--until", metavar="DATE", help=_("Up to this day (YYYY-MM-DD)."))
@click.option("--by", "by", type=click.Choice(PERIODS), default="month", show_default=True,
              help=_("One row per week, month or quarter."))
@click.option("--format", "form", type=click.Choice(FORMATS), default="table", show_default=True,
              help=_("How the report is written."))
@one_line_errors
def lead_report_command(group_names: tuple[str, ...], since: str | None, until: str | None, by: str, form: str) -> None:
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
