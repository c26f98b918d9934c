"""Lead bundles: a facilitator's groups as counts, sealed to a group lead's public key.

One of the Workspace's services.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from circle.domain.errors import CircleError, InvalidInput
from circle.language import N_, _
from circle.workspace.service import Service, WorkspaceContext
from circle.workspace.trends import Trends


class NoGroupsToExport(CircleError):
    message = N_("You hold no groups yet; there is nothing to send a lead.")


def lead_bundle_file_name(moment: datetime) -> str:
    from circle.vault.lead_bundle import BUNDLE_SUFFIX  # the lead format loads with the first export, not at start

    # No group name in the file name: it sits in a shared folder. The random part keeps two exports apart.
    return f"circle-lead-{moment.astimezone():%Y-%m-%d}-{secrets.token_hex(3)}{BUNDLE_SUFFIX}"


def lead_bundle_path(out: Path | None, moment: datetime) -> Path:
    """Where an export goes: the current folder, a folder named by `out`, or the file `out` names."""
    from circle.vault.lead_bundle import BUNDLE_SUFFIX

    name = lead_bundle_file_name(moment)
    if out is None:
        return Path(name)
    if out.is_dir():
        return out / name
    if out.suffix != BUNDLE_SUFFIX:
        # A mistyped folder must not become a file that no import would ever pick up.
        raise InvalidInput(
            _("There is no folder at {path}; to write a file, give it a name ending in {suffix}.").format(
                path=out, suffix=BUNDLE_SUFFIX
            )
        )
    return out


def check_lead_key(text: str) -> bytes:
    """The public key in a typed lead key, or LeadKeyMistyped: checked before any passphrase is asked."""
    from circle.vault.lead_key import parse_key_text

    return parse_key_text(text)


class LeadExport(Service):
    """Export the counts of this facilitator's groups for a lead."""

    def __init__(self, context: WorkspaceContext, trends: Trends) -> None:
        super().__init__(context)
        self._trends = trends

    def export_for_lead(self, public_key_text: str, group_ids: Iterable[str] | None) -> bytes:
        """The chosen groups (all of this facilitator's by default) by month, each signed with its group's own
        signing key (made the first time it is needed), sealed to the lead.

        Counts only, suppressed by each group's own threshold: docs/FORMAT.md section 13.4 lists all it holds.
        """
        from circle.domain.trends.compute import trends_of
        from circle.domain.trends.lead_bundle import (
            GroupStatement,
            SignedStatement,
            bundle_to_json,
            group_for_lead,
            statement_to_json,
        )
        from circle.domain.trends.periods import Period
        from circle.vault.group_signing import sign, signer_public_key
        from circle.vault.lead_bundle import seal_lead_bundle
        from circle.vault.lead_key import fingerprint

        recipient = check_lead_key(public_key_text)
        chosen = self._trends.chosen(group_ids)
        if not chosen:
            raise NoGroupsToExport()
        today = self._context.today()
        months = trends_of(self._trends.histories(chosen), by=Period.MONTH, today=today).groups
        made_at, for_lead = self._context.clock.now(), fingerprint(recipient).hex()
        signed = []
        for group_id in chosen:
            group = self._context.group(group_id)
            threshold = group.rules.small_count_threshold
            counts = group_for_lead(group_id, group.name, threshold, months.get(group_id), today)
            statement = statement_to_json(GroupStatement(made_at, for_lead, counts))
            seed = self._context.signing_key(group_id).seed
            signed.append(SignedStatement(statement, signer_public_key(seed), sign(seed, statement)))
        return seal_lead_bundle(bundle_to_json(signed), recipient)

    def fingerprint(self, group_id: str) -> str:
        """The fingerprint of the key this group's bundles are signed with, for its facilitator to read to a lead."""
        from circle.vault.group_signing import fingerprint_text, signer_public_key

        return fingerprint_text(signer_public_key(self._context.signing_key(group_id).seed))
