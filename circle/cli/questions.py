"""Asking before a command deletes something: at a terminal, in the facilitator's language.

click's own question is English whatever the language ("[y/N]", answered "y"), so a Spanish facilitator read
"¿Borrar…? [y/N]" and had to know to type y. Here the choices are the language's own words ("[s/N]", "s" or
"sí"), and English's y and n are still taken, for whoever is used to them. A script must say --yes.
"""

from __future__ import annotations

import sys
import unicodedata

import click

from circle.domain.errors import CircleError
from circle.language import N_, _

YES, NO = N_("yes"), N_("no")


def confirmed(yes: bool, question: str, from_a_script: str) -> None:
    """Asked at a terminal unless --yes; a script must say --yes (`from_a_script` says so, in one sentence).
    Anything but yes ends the command with click's "Aborted!", and nothing done."""
    if yes:
        return
    if not sys.stdin.isatty():
        raise CircleError(from_a_script)
    if not answered_yes(question):
        raise click.Abort()


def answered_yes(question: str) -> bool:
    """The question, with the language's first letters of yes and no after it; Enter alone is no."""
    yes, no = _(YES), _(NO)
    takes_yes = {_plain(word) for word in (yes, yes[:1], "y", "yes")}
    takes_no = {_plain(word) for word in ("", no, no[:1], "n", "no")}
    while True:
        answer = _plain(click.prompt(
            f"{question} [{yes[:1].lower()}/{no[:1].upper()}]", default="", show_default=False
        ))
        if answer in takes_yes:
            return True
        if answer in takes_no:
            return False
        click.echo(_("Error: invalid input"), err=True)


def _plain(word: str) -> str:
    """As typed in haste: "Sí", "si" and "sí" are one answer."""
    apart = unicodedata.normalize("NFKD", word.strip())
    return "".join(mark for mark in apart if not unicodedata.combining(mark)).casefold()
