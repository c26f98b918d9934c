"""Lead bundles: a facilitator's groups as counts, sealed to a group lead's public key.

Part of the Workspace facade (mixed into `circle.workspace.Workspace`).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from circle.domain.clock import Clock, today
from circle.domain.errors import CircleError
from circle.store.repository import Repository

if TYPE_CHECKING:
    from circle.domain.group import Group


class NoGroupsToExport(CircleError):
    message = "You hold no groups yet; there is nothing to send a lead."


def lead_bundle_file_name(moment: datetime) -> str:
    from circle.vault.lead_bundle import BUNDLE_SUFFIX  # the lead format loads with the first export, not at start

    # No group name in the file name: it sits in a shared folder. The random part keeps two exports apart.
    return f"circle-lead-{moment.astimezone():%Y-%m-%d}-{secrets.token_hex(3)}{BUNDLE_SUFFIX}"


def check_lead_key(text: str) -> bytes:
    """The public key in a typed lead key, or LeadKeyMistyped: checked before any passphrase is asked."""
    from circle.vault.lead_key import parse_key_text

    return parse_key_text(text)


class LeadExport:
    """Export the counts of this facilitator's groups for a lead."""

    _repo: Repository
    clock: Clock

    if TYPE_CHECKING:  # provided by TrendsReader and Workspace

        def _chosen(self, group_ids: Iterable[str] | None) -> list[str]: ...
        def group(self, group_id: str) -> Group: ...

    def export_for_lead(self, public_key_text: str, group_ids: Iterable[str] | None = None) -> bytes:
        """The chosen groups (all of this facilitator's by default) by week, month and quarter, sealed to the lead.

        Counts only, suppressed by each group's own threshold: docs/FORMAT.md section 13.4 lists all it holds.
        """
        from circle.domain.trends.lead_bundle import LeadBundle, bundle_to_json, group_for_lead
        from circle.domain.trends.periods import Period
        from circle.domain.trends.compute import compute_trends
        from circle.store.trend_facts import attendance_facts, meeting_facts
        from circle.vault.lead_bundle import seal_lead_bundle

        recipient = check_lead_key(public_key_text)
        chosen = self._chosen(group_ids)
        if not chosen:
            raise NoGroupsToExport()
        meetings = meeting_facts(self._repo, chosen)
        attendance = attendance_facts(self._repo, chosen)
        on = today(self.clock)
        reports = {by: compute_trends(meetings, attendance, by=by, today=on).groups for by in Period}
        groups = []
        for group_id in chosen:
            group = self.group(group_id)
            trends = {by: reports[by].get(group_id) for by in Period}
            groups.append(group_for_lead(group_id, group.name, group.rules.small_count_threshold, trends))
        bundle = LeadBundle(made_at=self.clock.now(), groups=tuple(groups))
        return seal_lead_bundle(bundle_to_json(bundle), recipient)
