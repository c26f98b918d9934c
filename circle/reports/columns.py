"""The columns of a trend report, shared by a facilitator's `circle trends` and a lead's `circle lead report`."""

from __future__ import annotations

from circle.reports.render import Column, Kind

GROUP = Column("group", "group", Kind.TEXT)
PERIOD = Column("period", "period", Kind.TEXT)
DAYS = (Column("first_day", "from", Kind.TEXT), Column("last_day", "to", Kind.TEXT))

HELD = (Column("held", "held"), Column("cancelled", "cancelled"))
MEAN = Column("mean_attendance", "mean", Kind.LEVEL)
MEDIAN = Column("median_attendance", "median", Kind.LEVEL)
NEWCOMERS = Column("newcomers", "new")
RETURN_RATE = Column("return_rate", "return rate", Kind.RATE)
RETENTION = Column("retention", "retention", Kind.RATE)
DROPPED_OFF = Column("dropped_off", "dropped off")
GUESTS = Column("guests", "guests")
# The pulse as the mean answer on its scale of 1 to 5, and how many hands that mean is of.
PULSE = (Column("pulse_mean", "pulse", Kind.LEVEL), Column("pulse_answered", "answered"))

# Every count behind the rates too: what a spreadsheet, or the facilitator's own table, gets.
COUNTS = (
    *HELD,
    MEAN,
    MEDIAN,
    NEWCOMERS,
    Column("returned", "returned"),
    Column("eligible", "eligible"),
    RETURN_RATE,
    Column("stayed", "stayed"),
    Column("active", "active"),
    RETENTION,
    DROPPED_OFF,
    GUESTS,
    *PULSE,
)
# The rates without their parts: a lead's table across many groups.
HEADLINES = (*HELD, MEAN, MEDIAN, NEWCOMERS, RETURN_RATE, RETENTION, DROPPED_OFF, GUESTS, *PULSE)
