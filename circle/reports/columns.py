"""The columns of a trend report, shared by a facilitator's `circle trends` and a lead's `circle lead report`.

A column's key names it in CSV and JSON, in every language; its title is for people, in the facilitator's.
"""

from __future__ import annotations

from circle.language import N_
from circle.reports.render import Column, Kind

GROUP = Column("group", N_("group"), Kind.TEXT)
PERIOD = Column("period", N_("period"), Kind.TEXT)
DAYS = (Column("first_day", N_("from"), Kind.TEXT), Column("last_day", N_("to"), Kind.TEXT))

HELD = (Column("held", N_("held")), Column("cancelled", N_("cancelled")))
MEAN = Column("mean_attendance", N_("mean"), Kind.LEVEL)
MEDIAN = Column("median_attendance", N_("median"), Kind.LEVEL)
NEWCOMERS = Column("newcomers", N_("new"))
RETURN_RATE = Column("return_rate", N_("return rate"), Kind.RATE)
RETENTION = Column("retention", N_("retention"), Kind.RATE)
DROPPED_OFF = Column("dropped_off", N_("dropped off"))
GUESTS = Column("guests", N_("guests"))
# The pulse as the mean answer on its scale of 1 to 5, and how many hands that mean is of.
PULSE = (Column("pulse_mean", N_("pulse"), Kind.LEVEL), Column("pulse_answered", N_("answered")))

# Every count behind the rates too: what a spreadsheet, or the facilitator's own table, gets.
COUNTS = (
    *HELD,
    MEAN,
    MEDIAN,
    NEWCOMERS,
    Column("returned", N_("returned")),
    Column("eligible", N_("eligible")),
    RETURN_RATE,
    Column("stayed", N_("stayed")),
    Column("active", N_("active")),
    RETENTION,
    DROPPED_OFF,
    GUESTS,
    *PULSE,
)
# The rates without their parts: a lead's table across many groups.
HEADLINES = (*HELD, MEAN, MEDIAN, NEWCOMERS, RETURN_RATE, RETENTION, DROPPED_OFF, GUESTS, *PULSE)
