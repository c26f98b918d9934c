"""A lead's key: a short public line that catches typos, and a private half only their passphrase opens."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

import pytest

from circle.lead.folder import LeadFolder, LeadKeyExists, NoLeadKey
from circle.paths import locations
from circle.vault import lead_key
from circle.vault.errors import LeadKeyDamaged, LeadKeyMistyped, LeadKeyTooNew, WrongLeadPassphrase
from circle.vault.keyring import FLOOR_KDF
from circle.vault.recipients import new_private_key, public_key
from tests.damage import flip

PASSPHRASE = "lanterns over the harbour"
ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"


@pytest.fixture(scope="module")
def key_file() -> bytes:
    return lead_key.new_key_file(PASSPHRASE, kdf=FLOOR_KDF)


def test_a_public_key_reads_back_from_its_text_however_it_was_pasted():
    key = public_key(new_private_key())
    text = lead_key.key_text(key)
    assert text.startswith("circle-lead-") and len(text) == len("circle-lead-") + 55
    assert set(text[len("circle-lead-") :]) <= set(ALPHABET)
    for pasted in (text, text.upper(), f"  {text}\n", text[:30] + "\n" + text[30:]):
        assert lead_key.parse_key_text(pasted) == key


def test_any_single_letter_mistyped_in_a_key_is_refused_in_one_line():
    text = lead_key.key_text(public_key(new_private_key()))
    start = len("circle-lead-")
    for index in range(start, len(text)):
        for letter in "a7":
            typo = text[:index] + (letter if text[index] != letter else "b") + text[index + 1 :]
            with pytest.raises(LeadKeyMistyped) as refused:
                lead_key.parse_key_text(typo)
            assert "\n" not in str(refused.value) and typo not in str(refused.value)


def test_a_key_file_keeps_the_public_key_in_clear_and_the_private_key_for_the_passphrase(key_file: bytes):
    public = lead_key.key_file_public_key(key_file)
    private = lead_key.open_key_file(key_file, PASSPHRASE)
    assert public_key(private) == public
    assert private not in key_file


def test_a_wrong_passphrase_is_one_plain_line_that_holds_no_passphrase(key_file: bytes):
    with pytest.raises(WrongLeadPassphrase) as refused:
        lead_key.open_key_file(key_file, PASSPHRASE + " ")
    assert str(refused.value) == "That passphrase does not open your lead key."


def test_every_byte_of_a_key_file_flipped_is_refused_as_damaged_or_too_new(key_file: bytes):
    version_at = len(lead_key.MAGIC)
    for index in range(len(key_file)):
        for mask in (0x01, 0x80):  # the version byte becomes 0 (damaged) or 0x81 (from a newer circle)
            expected = LeadKeyTooNew if (index, mask) == (version_at, 0x80) else LeadKeyDamaged
            with pytest.raises(expected):
                lead_key.open_key_file(flip(key_file, index, mask), PASSPHRASE)


def test_every_truncation_of_a_key_file_is_refused_as_damaged(key_file: bytes):
    for length in range(len(key_file)):
        with pytest.raises(LeadKeyDamaged):
            lead_key.key_file_public_key(key_file[:length])


def test_a_changed_header_with_its_digest_recomputed_does_not_open_and_never_hangs(key_file: bytes):
    header_end = len(key_file) - 32 - 61
    header = key_file[18:header_end]
    body = key_file[:18] + header.replace(b'"memory_kib":19456', b'"memory_kib":4194304') + key_file[header_end:-32]
    with pytest.raises(LeadKeyDamaged):
        lead_key.open_key_file(body + hashlib.sha256(body).digest(), PASSPHRASE)


def test_a_lead_key_is_made_once_in_a_private_folder_and_printed_again_without_a_passphrase(tmp_path: Path):
    folder = LeadFolder(locations(tmp_path / "lead-home"))
    with pytest.raises(NoLeadKey):
        folder.public_key_text()
    text = folder.create_key(PASSPHRASE, kdf=FLOOR_KDF)
    where = folder.where
    assert stat.S_IMODE(where.lead_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(where.lead_key_file.stat().st_mode) == 0o600
    assert folder.public_key_text() == text
    before = where.lead_key_file.read_bytes()
    with pytest.raises(LeadKeyExists):
        folder.create_key("another passphrase entirely", kdf=FLOOR_KDF)
    assert where.lead_key_file.read_bytes() == before
    with pytest.raises(WrongLeadPassphrase):
        folder.unlock("not it at all")
    assert folder.unlock(PASSPHRASE).kept() == {}
