"""A group lead's own folder: their key, and the counts imported from facilitators' lead bundles.

`<data>/lead/` (0700) holds `lead.key` and `groups.sealed` (docs/FORMAT.md section 13), both 0600. The
store is rewritten whole through a new file that is synced and then renamed over the old one, so a
crash or a full disk leaves the previous store exactly as it was. One import at a time: an advisory
lock beside them.

A new lead passphrase is a new key pair. The new key file is written first as `lead.key.new`, then the
store sealed under the new key, then the new key file over `lead.key`: a change cut short is finished
by the next unlock with the new passphrase, and until the store is replaced the old passphrase still works.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from circle.domain.errors import CircleError, InvalidInput
from circle.domain.text import sanitise_line
from circle.domain.trends.lead_bundle import (
    KeptGroup,
    LeadPayloadUnreadable,
    MergeCounts,
    ReceivedGroup,
    store_from_json,
    store_to_json,
)
from circle.domain.trends.lead_merge import merge_groups, trusted
from circle.domain.trends.lead_report import one_group_named
from circle.files import ensure_private_dir, replace_atomically, write_private_file
from circle.language import N_, _, ngettext
from circle.lead.received import Arrivals, bundle_bytes, received_groups
from circle.paths import Locations
from circle.store.errors import VaultInUse
from circle.store.lock import VaultLock
from circle.vault import lead_key
from circle.vault.errors import LeadBundleForAnotherLead, LeadStoreDamaged
from circle.vault.group_signing import fingerprint_text, same_fingerprint
from circle.vault.keyring import KdfParams
from circle.vault.lead_bundle import BUNDLE_SUFFIX
from circle.vault.lead_store import open_store, seal_store


class NoLeadKey(CircleError):
    message = N_("There is no lead key here yet; run 'circle lead init' first.")


class LeadKeyExists(CircleError):
    message = N_("There is already a lead key here; nothing was changed ('circle lead key' prints it).")


class NothingImported(CircleError):
    message = N_("Nothing imported yet; run 'circle lead import FILE|FOLDER' first.")


class LeadStoreBusy(CircleError):
    message = N_("Another circle is importing into your lead store; try again when it is done.")


class FingerprintsDiffer(InvalidInput):
    message = N_("That is not the fingerprint of the key that signed it; nothing was changed.")


class NotInThatBundle(InvalidInput):
    message = N_("That bundle holds no group of that name; nothing was changed.")


def _bundles(count: int) -> str:
    return ngettext("{count} bundle", "{count} bundles", count).format(count=count)


@dataclass(frozen=True)
class LeadImport:
    """What one import did: bundles read, what happened to the groups they hold, and what was refused."""

    read: int
    counts: MergeCounts
    for_another_lead: int  # in a folder: skipped, since a shared folder holds bundles for several leads
    problems: tuple[str, ...]  # one line each: a file that could not be imported, and why

    def summary(self) -> str:
        counts = self.counts
        line = _("Read {bundles}: {groups} added, {updated} updated, {up_to_date} already up to date.").format(
            bundles=_bundles(self.read),
            groups=ngettext("{count} group", "{count} groups", counts.added).format(count=counts.added),
            updated=counts.updated, up_to_date=counts.up_to_date,
        )
        if self.for_another_lead:
            line += " " + _("Skipped {bundles} for another lead's key.").format(bundles=_bundles(self.for_another_lead))
        return line


class LeadFolder:
    """The lead's key file and store, before the passphrase."""

    def __init__(self, where: Locations) -> None:
        self.where = where

    @property
    def has_key(self) -> bool:
        return self.where.lead_key_file.exists()

    @property
    def has_imported(self) -> bool:
        return self.where.lead_store_file.exists()

    def create_key(self, passphrase: str, *, kdf: KdfParams | None = None) -> str:
        """A new key pair, its private half sealed under the passphrase; returns the public key as text."""
        if self.has_key:
            raise LeadKeyExists()
        data = lead_key.new_key_file(passphrase, kdf=kdf)
        ensure_private_dir(self.where.lead_dir)
        try:
            write_private_file(self.where.lead_key_file, data)
        except CircleError:
            raise LeadKeyExists() from None  # made meanwhile by another circle: theirs is kept
        return lead_key.key_text(lead_key.key_file_public_key(data))

    def _key_file(self) -> bytes:
        try:
            return self.where.lead_key_file.read_bytes()
        except FileNotFoundError:
            raise NoLeadKey() from None

    def public_key_text(self) -> str:
        return lead_key.key_text(lead_key.key_file_public_key(self._key_file()))

    @property
    def _next_key_file(self) -> Path:
        return self.where.lead_dir / "lead.key.new"

    def unlock(self, passphrase: str) -> LeadStore:
        finished = self._finish_a_key_change(passphrase)
        if finished is not None:
            return finished
        return LeadStore(self, lead_key.open_key_file(self._key_file(), passphrase))

    def _finish_a_key_change(self, passphrase: str) -> LeadStore | None:
        """The store, if a change of passphrase to this one was cut short after the store was sealed anew."""
        try:
            data = self._next_key_file.read_bytes()
            store = LeadStore(self, lead_key.open_key_file(data, passphrase))
            store.kept()  # the store must already open with the new key, or the change did not get that far
        except (OSError, CircleError):
            return None
        self._install_key(data)
        return store

    def _install_key(self, data: bytes) -> None:
        replace_atomically(self.where.lead_key_file, data)
        self._next_key_file.unlink(missing_ok=True)


class LeadStore:
    """The lead's store, opened with their private key: import bundles into it, read what it keeps."""

    def __init__(self, folder: LeadFolder, private_key: bytes) -> None:
        self._folder = folder
        self._private_key = private_key

    @property
    def _file(self) -> Path:
        return self._folder.where.lead_store_file

    def kept(self) -> dict[str, KeptGroup]:
        """Every group imported so far ({} before the first import)."""
        try:
            data = self._file.read_bytes()
        except FileNotFoundError:
            return {}
        try:
            return store_from_json(open_store(data, self._private_key))
        except (LeadStoreDamaged, LeadPayloadUnreadable):
            raise LeadStoreDamaged(str(self._file)) from None

    def import_paths(self, paths: Sequence[Path]) -> LeadImport:
        """Take in every bundle named, and every *.circlelead directly inside each folder named.

        What can be read is imported even when some files cannot; each of those is one line in `problems`.
        """
        arrived = Arrivals()
        for path in paths:
            if not path.is_dir():
                self._read(path, arrived, in_folder=False)
                continue
            try:
                found = sorted(each for each in path.iterdir() if each.suffix == BUNDLE_SUFFIX and each.is_file())
            except OSError as error:
                arrived.problems.append(_("{path}: The folder could not be read ({reason}).").format(
                    path=path, reason=error.strerror or _("unknown")
                ))
                continue
            for each in found:
                self._read(each, arrived, in_folder=True)
        with self._locked():
            before = self.kept()
            merged = merge_groups(before, arrived.groups)
            if merged.kept != before:
                self._save(merged.kept)
        for aside in merged.set_aside:
            arrived.set_aside(aside)
        names = Counter(entry.group.name.casefold() for entry in merged.kept.values())
        for key in merged.kept.keys() - before.keys():
            if names[merged.kept[key].group.name.casefold()] > 1:  # a new group under a name already kept
                arrived.same_name(key, merged.kept[key].group.name)
        return LeadImport(arrived.bundles, merged.counts, arrived.for_another_lead, tuple(arrived.problems))

    def _read(self, path: Path, arrived: Arrivals, *, in_folder: bool) -> None:
        try:
            arrived.add(path, received_groups(bundle_bytes(path), self._private_key))
        except LeadBundleForAnotherLead as refused:
            if in_folder:
                arrived.for_another_lead += 1
            else:
                arrived.problems.append(f"{path}: {refused}")
        except CircleError as refused:  # damaged, too new, not a bundle, unreadable, missing
            arrived.problems.append(f"{path}: {refused}")

    def forget(self, name: str) -> None:
        """Drop the kept group of this name or report label (any case), pin and all, so that its next bundle is
        taken in as new; SeveralLeadGroups rather than dropping two."""
        with self._locked():
            kept = self.kept()
            chosen = one_group_named(kept, name)
            self._save({key: entry for key, entry in kept.items() if key != chosen})

    def signed_in(self, path: Path, name: str) -> tuple[ReceivedGroup, KeptGroup | None]:
        """The group of this name (any case) in the bundle at `path`, and what the store keeps of it."""
        wanted = sanitise_line(name)
        groups = received_groups(bundle_bytes(path), self._private_key)
        found = [group for group in groups if group.group.name == wanted] or [
            group for group in groups if group.group.name.casefold() == wanted.casefold()
        ]
        if len(found) != 1:
            raise NotInThatBundle()
        return found[0], self.kept().get(found[0].group.id)

    @staticmethod
    def fingerprint_of(group: ReceivedGroup | KeptGroup) -> str:
        return fingerprint_text(group.signer) if group.signer is not None else "no key yet"

    @staticmethod
    def same_key(typed: str, group: ReceivedGroup) -> bool:
        """Whether the fingerprint a lead typed, however spaced, is that of the key that signed `group`."""
        return same_fingerprint(typed, group.signer)

    def trust(self, group: ReceivedGroup) -> None:
        """Pin the group to the key that signed `group`, and keep it from that bundle."""
        with self._locked():
            self._save(trusted(self.kept(), group))

    def _save(self, kept: dict[str, KeptGroup]) -> None:
        data = seal_store(store_to_json(kept), self._private_key)
        try:
            replace_atomically(self._file, data)
        except OSError as error:
            raise CircleError(
                _("The imported bundles could not be saved ({reason}); your store is as it was.").format(
                    reason=error.strerror or type(error).__name__
                )
            ) from None

    def change_passphrase(self, new: str, *, kdf: KdfParams | None = None) -> str:
        """A new key pair under the new passphrase, and the store sealed under it; returns the new public key as
        text. Bundles sealed to the old key no longer import: facilitators must export to the new one."""
        folder = self._folder
        data, private = lead_key.new_key_pair(new, kdf=kdf or lead_key.key_file_kdf(folder._key_file()))
        try:
            with self._locked():
                kept = self.kept() if folder.has_imported else None
                replace_atomically(folder._next_key_file, data)
                if kept is not None:
                    replace_atomically(self._file, seal_store(store_to_json(kept), private))
                folder._install_key(data)
        except OSError as error:
            raise CircleError(
                _(
                    "The new lead key could not be saved ({reason}); if your old lead passphrase no longer opens"
                    " your store, the new one does."
                ).format(reason=error.strerror or type(error).__name__)
            ) from None
        self._private_key = private
        return lead_key.key_text(lead_key.key_file_public_key(data))

    def _locked(self) -> _Lock:
        return _Lock(self._folder.where.lead_dir / "lead.lock")


class _Lock:
    def __init__(self, path: Path) -> None:
        self._lock = VaultLock(path)

    def __enter__(self) -> None:
        try:
            self._lock.acquire()
        except VaultInUse:
            raise LeadStoreBusy() from None

    def __exit__(self, *_: object) -> None:
        self._lock.release()


__all__ = ["LeadFolder", "LeadImport", "LeadStore", "NoLeadKey", "NothingImported"]
