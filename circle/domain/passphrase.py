"""Passphrase rules and a plain strength hint. A lost passphrase cannot be recovered."""

from __future__ import annotations

from dataclasses import dataclass

from circle.domain.errors import InvalidInput
from circle.language import _

MIN_LENGTH = 8


@dataclass(frozen=True)
class Strength:
    score: int  # 0 (too short) to 3 (strong)
    hint: str  # in the facilitator's language


def long_enough(passphrase: str) -> bool:
    """The one length rule for a new passphrase. Spaces at either end do not count: eight spaces,
    or a short word padded with them, would pass a plain length check and guard nothing."""
    return len(passphrase.strip()) >= MIN_LENGTH


def strength(passphrase: str) -> Strength:
    if not long_enough(passphrase):
        too_short = _("Too short: use at least {count} characters, not counting spaces at either end.")
        return Strength(0, too_short.format(count=MIN_LENGTH))
    words = len(passphrase.split())
    kinds = sum(
        any(test(char) for char in passphrase)
        for test in (str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum())
    )
    if len(passphrase) >= 20 or (words >= 4 and len(passphrase) >= 16):
        return Strength(3, _("Strong. Keep it somewhere safe: it cannot be recovered."))
    if len(passphrase) >= 12 and (words >= 3 or kinds >= 3):
        return Strength(2, _("Fair. Four or more unrelated words would be stronger."))
    return Strength(1, _("Weak. Try four or more unrelated words."))


def check_new_passphrase(passphrase: str, repeated: str) -> None:
    if passphrase != repeated:
        raise InvalidInput(_("The two passphrases are not the same."))
    if not long_enough(passphrase):
        needs = _("A passphrase needs at least {count} characters, not counting spaces at either end.")
        raise InvalidInput(needs.format(count=MIN_LENGTH))
