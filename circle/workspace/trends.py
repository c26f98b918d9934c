"""Trends of the groups this facilitator holds: counts for everyone, names of who stopped coming for them alone."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from circle.domain.clock import Clock, SystemClock, today
from circle.domain.trends.periods import Period
from circle.store.repository import Repository

if TYPE_CHECKING:
    from circle.domain.trends.compute import TrendReport
    from circle.paths import Locations
    from circle.store.sealing import GroupSealer


class TrendsAhead:
    """Every group's trends, worked out on a thread of their own while a passphrase is being checked.

    The key derivation takes about a third of a second and leaves Python free meanwhile, and trends need
    no key: they are counts from plain columns. So `circle trends` starts this before unlocking, and the
    unlocked workspace keeps only the groups its facilitator holds; nothing is shown before that.
    """

    def __init__(self, where: Locations, *, by: Period, since: date | None, until: date | None) -> None:
        self.asked = (Period(by), since, until, today(SystemClock()))
        self._report: TrendReport | None = None
        # A daemon: a wrong passphrase ends the command at once, without waiting for counts nobody will see.
        self._thread = threading.Thread(target=self._work, args=(where,), daemon=True)
        self._thread.start()

    def _work(self, where: Locations) -> None:
        from circle.domain.trends.compute import compute_trends
        from circle.store.db import open_database
        from circle.store.trend_facts import attendance_facts, meeting_facts

        by, since, until, on = self.asked
        try:
            conn = open_database(where.vault_file, read_only=True)  # a connection of this thread's own
            try:
                repository = Repository(conn, where.vault_file)
                meetings, attendance = meeting_facts(repository, None), attendance_facts(repository, None)
            finally:
                conn.close()
            self._report = compute_trends(meetings, attendance, by=by, since=since, until=until, today=on)
        except Exception:  # noqa: BLE001 - the workspace then computes the report itself, and reports any problem
            self._report = None

    def report(self, by: Period, since: date | None, until: date | None, on: date) -> TrendReport | None:
        """The report, if it answers exactly this question; None if not, or if it could not be made."""
        if self.asked != (by, since, until, on):
            return None
        self._thread.join()
        return self._report


class TrendsReader:
    """Mixed into Workspace. Counts come from plain columns; only names of people who dropped off are opened."""

    _repo: Repository
    _sealers: dict[str, GroupSealer]
    clock: Clock

    if TYPE_CHECKING:  # provided by FacilitatorKeys

        def _sealer(self, group_id: str) -> GroupSealer: ...
        def _require_unlocked(self) -> None: ...

    def trends(
        self,
        group_ids: Iterable[str] | None = None,
        *,
        by: Period = Period.WEEK,
        since: date | None = None,
        until: date | None = None,
        ahead: TrendsAhead | None = None,
    ) -> TrendReport:
        """Trends of the chosen groups (all of this facilitator's by default) for meetings from since to until.

        Every meeting up to today is read, whatever the range: whether a newcomer came back is judged
        from the weeks after `until` too. `ahead`, started before unlocking, saves computing it again.
        """
        from circle.domain.trends.compute import compute_trends

        chosen, on = self._chosen(group_ids), today(self.clock)
        done = ahead.report(Period(by), since, until, on) if ahead is not None else None
        if done is not None:
            mine = set(chosen)
            return replace(done, groups={gid: trends for gid, trends in done.groups.items() if gid in mine})
        meetings, attendance = self.trend_facts(chosen)
        return compute_trends(meetings, attendance, by=by, since=since, until=until, today=on)

    def trend_facts(self, group_ids: list[str]) -> tuple[list, list]:
        """The chosen groups' meetings and attendance, as compute_trends takes them.

        Reading is vault I/O, for the thread that owns the connection; computing from them is pure
        and may run anywhere, so the app does it off the event loop.
        """
        from circle.store.trend_facts import attendance_facts, meeting_facts

        chosen = self._chosen(group_ids)
        return meeting_facts(self._repo, chosen), attendance_facts(self._repo, chosen)

    def dropped_off_names(self, group_id: str, *, since: date | None = None, until: date | None = None) -> list[str]:
        """Who stopped coming, so the group's own facilitators can reach out; [] when the rules keep no names."""
        from circle.domain.trends.compute import dropped_off
        from circle.store.trend_facts import attendance_facts, meeting_facts

        sealer = self._sealer(group_id)
        if not self._repo.group(sealer).rules.keeps_names:
            return []
        ids = dropped_off(
            meeting_facts(self._repo, [group_id]), attendance_facts(self._repo, [group_id]), since=since, until=until
        ).get(group_id, ())
        if not ids:
            return []
        names = {member.id: member.name for member in self._repo.members(sealer)}
        return sorted((names[member] for member in ids if member in names), key=str.casefold)

    def small_count_thresholds(self, group_ids: Iterable[str] | None = None) -> Mapping[str, int]:
        """Each group's threshold below which a lead sees "<K" instead of a count."""
        return {
            group_id: self._repo.group(self._sealer(group_id)).rules.small_count_threshold
            for group_id in self._chosen(group_ids)
        }

    def _chosen(self, group_ids: Iterable[str] | None) -> list[str]:
        self._require_unlocked()
        if group_ids is None:
            return list(self._sealers)
        chosen = list(dict.fromkeys(group_ids))
        for group_id in chosen:
            self._sealer(group_id)  # UnknownGroup for a group this facilitator does not hold
        return chosen
