"""Trends of the groups this facilitator holds: counts for everyone, names of who stopped coming for them alone."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from circle.domain.clock import SystemClock, today
from circle.domain.trends.periods import Period
from circle.store.repository import Repository

from circle.workspace.service import Service

if TYPE_CHECKING:
    from circle.domain.trends.compute import Attendance, MeetingFacts, TrendReport
    from circle.paths import Locations


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


class Trends(Service):
    """Counts come from plain columns; only names of people who dropped off are opened."""

    def trend_facts(self, group_ids: list[str]) -> tuple[list[MeetingFacts], list[Attendance]]:
        """The meetings and attendance of these groups as `compute_trends` takes them: counts and dates only."""
        from circle.store.trend_facts import attendance_facts, meeting_facts

        for group_id in group_ids:
            self._context.sealer(group_id)  # UnknownGroup for a group this facilitator does not hold
        repo = self._context.repo
        return meeting_facts(repo, group_ids), attendance_facts(repo, group_ids)

    def trends(
        self,
        group_ids: Iterable[str] | None,
        *,
        by: Period,
        since: date | None,
        until: date | None,
        ahead: TrendsAhead | None,
    ) -> TrendReport:
        """Trends of the chosen groups (all of this facilitator's by default) for meetings from since to until.

        Every meeting up to today is read, whatever the range: whether a newcomer came back is judged
        from the weeks after `until` too. `ahead`, started before unlocking, saves computing it again.
        """
        from circle.domain.trends.compute import compute_trends

        chosen, on = self.chosen(group_ids), self._context.today()
        done = ahead.report(Period(by), since, until, on) if ahead is not None else None
        if done is not None:
            mine = set(chosen)
            return replace(done, groups={gid: trends for gid, trends in done.groups.items() if gid in mine})
        meetings, attendance = self.trend_facts(chosen)
        return compute_trends(meetings, attendance, by=by, since=since, until=until, today=on)

    def dropped_off_names(self, group_id: str, *, since: date | None, until: date | None) -> list[str]:
        """Who stopped coming, so the group's own facilitators can reach out; [] when the rules keep no names."""
        from circle.domain.trends.compute import dropped_off

        sealer = self._context.sealer(group_id)
        repo = self._context.repo
        if not repo.group(sealer).rules.keeps_names:
            return []
        ids = dropped_off(*self.trend_facts([group_id]), since=since, until=until).get(group_id, ())
        if not ids:
            return []
        names = {member.id: member.name for member in repo.members(sealer)}
        return sorted((names[member] for member in ids if member in names), key=str.casefold)

    def chosen(self, group_ids: Iterable[str] | None) -> list[str]:
        """The groups asked for, each once, or all of this facilitator's; UnknownGroup for one they do not hold."""
        held = self._context.keyring.group_ids()
        if group_ids is None:
            return held
        chosen = list(dict.fromkeys(group_ids))
        for group_id in chosen:
            self._context.sealer(group_id)
        return chosen
