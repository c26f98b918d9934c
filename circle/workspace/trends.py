"""Trends of the groups this facilitator holds: counts for everyone, names of who stopped coming for them alone."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress
from datetime import date
from typing import TYPE_CHECKING

from circle.domain.errors import CircleError
from circle.workspace.service import MEETINGS, NO_ROWS, Service

if TYPE_CHECKING:
    from circle.domain.trends.compute import Attendance, MeetingFacts, TrendReport
    from circle.domain.trends.history import History
    from circle.domain.trends.periods import Period
    from circle.store.trend_facts import SealedFacts
    from circle.store.trend_history import SealedHistory


def load_counting() -> None:
    """Load what reading each group's kept counts needs; a command does it while the key is derived, which leaves
    Python free. Counting from the meetings, when nothing is kept, loads the engine itself."""
    from circle.domain.trends import collector, period_counts, series  # noqa: F401
    from circle.store import trend_history  # noqa: F401


class Trends(Service):
    """Counts come from the sealed summaries and attendance, opened with the keys this facilitator holds."""

    def sealed_facts(self, group_ids: list[str], *, kept: bool = True) -> SealedFacts:
        """What trends read from the vault, not yet opened: opening it is pure work, for any thread.
        Each group's kept history stands in for its meetings while it is theirs; `kept=False`: never."""
        from circle.store.trend_facts import read_sealed

        # UnknownGroup for a group this facilitator does not hold
        sealers = [self._context.sealer(group_id, reads=MEETINGS) for group_id in group_ids]
        return read_sealed(self._context.repo, sealers, kept=kept)

    def trend_facts(self, group_ids: list[str]) -> tuple[list[MeetingFacts], list[Attendance]]:
        """The meetings and attendance of these groups as `compute_trends` takes them: counts and dates only."""
        return self.sealed_facts(group_ids, kept=False).opened()

    def histories(self, group_ids: list[str]) -> dict[str, History]:
        """Each group's history, as `trends_of` takes them; those worked out from meetings are kept for next time."""
        sealed = self.sealed_facts(group_ids)
        made = sealed.histories()
        if self._context.keyring.can_write:  # sealing them is work: only where they can be kept
            self._keep(sealed.to_keep(made))
        return made

    def keep_histories(self, histories: Iterable[SealedHistory]) -> None:
        """Keep each history worked out from the meetings read, unless they have changed since (or nothing may be
        written here: a read-only view, beside a running circle)."""
        if self._context.keyring.can_write:
            self._keep(histories)

    def _keep(self, histories: Iterable[SealedHistory]) -> None:
        from circle.store.trend_facts import keep

        # Only quicker next time: trends counted are never lost to a history that could not be kept (a full disk,
        # a vault moved away), and one not kept now is worked out again when next asked for.
        with suppress(CircleError):
            keep(self._context.repo, histories)

    def trends(
        self,
        group_ids: Iterable[str] | None,
        *,
        by: Period,
        since: date | None,
        until: date | None,
    ) -> TrendReport:
        """Trends of the chosen groups (all of this facilitator's by default) for meetings from since to until.

        Every meeting up to today is read, whatever the range: whether a newcomer came back is judged
        from the weeks after `until` too.
        """
        from circle.domain.trends.compute import trends_of

        chosen, on = self.chosen(group_ids), self._context.today()
        return trends_of(self.histories(chosen), by=by, since=since, until=until, today=on)

    def period_trends(
        self, group_ids: Iterable[str] | None, *, by: Period | str, since: date | None, until: date | None
    ) -> TrendReport:
        """`trends` with the periods alone (each group's `meetings` empty): over a range of whole periods, from each
        group's kept counts while they are those of its meetings now, opening no history; else from its history."""
        from circle.domain.trends.collector import collector_paused
        from circle.domain.trends.period_counts import trends_from_counts, whole_periods
        from circle.domain.trends.periods import Period
        from circle.domain.trends.series import GroupTrends, TrendReport
        from circle.store.trend_history import read_period_counts

        by, chosen, on = Period(by), self.chosen(group_ids), self._context.today()
        found: dict[str, GroupTrends] = {}
        rest = []
        whole = whole_periods(by, since, until)
        with collector_paused():
            for group_id in chosen:
                sealer = self._context.sealer(group_id, reads=NO_ROWS)
                kept = read_period_counts(self._context.repo, sealer, by) if whole else None
                if kept is None:
                    rest.append(group_id)
                elif periods := trends_from_counts(kept, by, since, until, on):
                    found[group_id] = GroupTrends(group_id, (), periods)
        if rest:
            from circle.domain.trends.compute import trends_of

            counted = trends_of(self.histories(rest), by=by, since=since, until=until, today=on, meetings=False)
            found.update(counted.groups)
        return TrendReport(by=by, since=since, until=until, today=on, groups=dict(sorted(found.items())))

    def dropped_off_names(self, group_id: str, *, since: date | None, until: date | None) -> list[str]:
        """Who stopped coming, so the group's own facilitators can reach out; [] when the rules keep no names."""
        from circle.domain.names_apart import told_apart
        from circle.domain.trends.compute import dropped_off_of

        sealer = self._context.sealer(group_id)
        repo = self._context.repo
        if not repo.group(sealer).rules.keeps_names:
            return []
        made = self.histories([group_id])
        ids = dropped_off_of(made, since=since, until=until, here_now=self._here_tonight(group_id)).get(group_id, ())
        if not ids:
            return []
        # Someone marked as no longer coming has said so: nobody needs reminding to reach out.
        names = {member.id: member.shown for member in told_apart(repo.members(sealer)) if not member.retired}
        return sorted((names[member] for member in ids if member in names), key=str.casefold)

    def _here_tonight(self, group_id: str) -> frozenset[str]:
        """Everyone marked here, even late or since gone, at the group's meeting still open.

        Its attendance is only in its log until it closes; read, never written: trends open no meeting.
        """
        from circle.domain.ids import new_id
        from circle.domain.session import LiveSession

        session_id = self._context.log.open_sessions().get(group_id)
        if session_id is None:
            return frozenset()
        events = self._context.log.events(self._context.sealer(group_id), session_id)
        return LiveSession(self._context.clock, new_id, events).state.attended

    def chosen(self, group_ids: Iterable[str] | None) -> list[str]:
        """The groups asked for, each once, or all of this facilitator's; UnknownGroup for one they do not hold."""
        held = self._context.keyring.group_ids()
        if group_ids is None:
            return held
        chosen = list(dict.fromkeys(group_ids))
        for group_id in chosen:
            self._context.sealer(group_id, reads=NO_ROWS)
        return chosen
