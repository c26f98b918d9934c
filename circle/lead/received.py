"""Reading one bundle file as a lead: open it, check every group's signature and statement, and date.

A bundle is taken whole or not at all: one group whose signature does not check, or whose statement is for
another lead or dated later than now, refuses the file. Which key a group is pinned to is the merge's
question (circle.domain.trends.lead_bundle.merge_groups), not this one.
"""

from __future__ import annotations

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
from circle.files import NotARegularFile, read_at_most
from circle.vault.group_signing import signed_by
from circle.vault.lead_bundle import open_lead_bundle
from circle.vault.lead_key import fingerprint
from circle.vault.recipients import public_key

# A century of months for each of 20 groups is about 8 MB; a wrong or hostile file is not read past this.
MAX_BUNDLE_BYTES = 16 * 1024 * 1024


class SignatureBroken(CircleError):
    message = "A group in it is not signed by the key it names; it may have been forged, and nothing was taken from it."


class ForAnotherLeadInside(CircleError):
    message = "A group in it was signed for another lead; nothing was taken from it."


class MadeInTheFuture(CircleError):
    message = "It says it was made later than now; nothing was taken from it."


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
        raise CircleError("No file or folder there.") from None
    except NotARegularFile:
        raise CircleError("That is not a file circle could have written.") from None
    except OSError as error:
        raise CircleError(f"It could not be read ({error.strerror or type(error).__name__}).") from None
    if data is None:
        raise CircleError(f"That file is larger than a lead bundle can be ({MAX_BUNDLE_BYTES // 2**20} MiB).")
    return data
