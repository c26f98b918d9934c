"""Reading bundle files as a lead: open each, check every group's signature, statement and date, and keep
what arrived until the store takes it in.

A file that fails a check is refused whole: one group whose signature does not check, or whose statement is
for another lead or dated later than now, refuses the file. Which key a group is pinned to is the merge's
question (circle.domain.trends.lead_merge.merge_groups), not this one.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from circle.domain.clock import CLOCK_SLACK
from circle.domain.errors import CircleError
from circle.domain.trends.lead_bundle import (
    LeadPayloadUnreadable,
    ReceivedGroup,
    bundle_from_json,
    statement_from_json,
)
from circle.domain.trends.lead_merge import SetAside, SetAsideWhy
from circle.files import NotARegularFile, read_at_most
from circle.language import N_, _
from circle.vault.group_signing import fingerprint_text, signed_by
from circle.vault.lead_bundle import open_lead_bundle
from circle.vault.lead_key import fingerprint
from circle.vault.recipients import public_key

# A century of months for each of 20 groups is about 8 MB; a wrong or hostile file is not read past this.
MAX_BUNDLE_BYTES = 16 * 1024 * 1024


class SignatureBroken(CircleError):
    message = N_("A group in it is not signed by the key it names; it may have been forged, and nothing was taken from it.")


class ForAnotherLeadInside(CircleError):
    message = N_("A group in it was signed for another lead; nothing was taken from it.")


class MadeInTheFuture(CircleError):
    message = N_("It says it was made later than now; nothing was taken from it.")


def received_groups(data: bytes, private_key: bytes, *, now: datetime | None = None) -> list[ReceivedGroup]:
    """Every group of a bundle, each signature checked, or the one error that refuses the whole file."""
    ours = fingerprint(public_key(private_key)).hex()
    latest = (now or datetime.now(UTC)) + CLOCK_SLACK
    received = []
    for signed in bundle_from_json(open_lead_bundle(data, private_key)):
        if not signed_by(signed.signer, signed.signature, signed.statement):
            raise SignatureBroken()
        statement = statement_from_json(signed.statement)
        if statement.for_lead != ours:  # signed for one lead, then sealed to another
            raise ForAnotherLeadInside()
        if statement.made_at > latest:  # it would win over every real bundle after it, for ever
            raise MadeInTheFuture()
        received.append(ReceivedGroup(statement.made_at, statement.group, signed.signer))
    if len({each.group.id for each in received}) != len(received):  # one group twice
        raise LeadPayloadUnreadable()
    return received


def bundle_bytes(path: Path) -> bytes:
    """A bundle file's bytes, read only from a regular file and never past the limit."""
    try:
        data = read_at_most(path, MAX_BUNDLE_BYTES)
    except FileNotFoundError:
        raise CircleError(_("No file or folder there.")) from None
    except NotARegularFile:
        raise CircleError(_("That is not a file circle could have written.")) from None
    except OSError as error:
        raise CircleError(_("It could not be read ({reason}).").format(reason=error.strerror or type(error).__name__)) from None
    if data is None:
        raise CircleError(
            _("That file is larger than a lead bundle can be ({size} MiB).").format(size=MAX_BUNDLE_BYTES // 2**20)
        )
    return data


@dataclass
class Arrivals:
    """What an import has read so far: for each group and each key that signed it, only its latest statement,
    so that a folder of many bundles costs the memory of its distinct groups, not of every file."""

    bundles: int = 0
    for_another_lead: int = 0
    problems: list[str] = field(default_factory=list)
    _latest: dict[tuple[str, bytes], tuple[Path, ReceivedGroup]] = field(default_factory=dict)

    def add(self, path: Path, groups: list[ReceivedGroup]) -> None:
        self.bundles += 1
        for group in groups:
            key = (group.group.id, group.signer)
            if key not in self._latest or group.made_at > self._latest[key][1].made_at:
                self._latest[key] = (path, group)

    @property
    def groups(self) -> list[ReceivedGroup]:
        return [group for _path, group in self._latest.values()]

    def same_name(self, group_id: str, name: str) -> None:
        """A group new to the store under the name of one it has: a forger may hope it passes for the real one."""
        label = f"{name} ({group_id[:6]})"
        self.problems.append(
            _('"{name}" is a new group with the same name as one you have; the report shows it as "{label}".'
              " If you do not know it, run: {command}").format(
                name=name, label=label, command=f"circle lead forget {shlex.quote(label)}"
            )
        )

    def set_aside(self, aside: SetAside) -> None:
        group = aside.group
        path = self._latest[group.group.id, group.signer][0]
        self.problems.append(f"{path}: {_why(aside.why, group)}{_trust_hint(aside.why, group, path)}")


def _why(why: SetAsideWhy, group: ReceivedGroup) -> str:
    name, key = group.group.name, fingerprint_text(group.signer)
    if why is SetAsideWhy.RETIRED_KEY:
        said = _('"{name}" is signed by a key it no longer uses ({key}): a laptop that missed its change, or someone'
                 " it was taken from. Nothing of it was taken.")
    elif why is SetAsideWhy.TWO_KEYS:
        said = _('"{name}" comes signed by two different keys in these files ({key} in this one), so neither was taken.')
    else:
        said = _('"{name}" is signed by a different key than before ({key}), so nothing of it was taken.')
    return said.format(name=name, key=key)


def _trust_hint(why: SetAsideWhy, group: ReceivedGroup, path: Path) -> str:
    if why is SetAsideWhy.RETIRED_KEY:
        return ""
    # Quoted for a shell: a name or a file name may hold anything, and this line is made to be pasted.
    command = f"circle lead trust {shlex.quote(group.group.name)} {shlex.quote(str(path))}"
    return " " + _("If its facilitator reads you this key's fingerprint, run: {command}").format(command=command)

