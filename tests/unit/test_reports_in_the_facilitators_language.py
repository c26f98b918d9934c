"""A report's column titles are said in the facilitator's language for people (a table, Markdown); CSV and JSON keep
their keys, the same in every language, for the spreadsheets and scripts that read them."""

from __future__ import annotations



from circle.reports.columns import GROUP, HELD, PERIOD, RETURN_RATE
from circle.reports.render import Format, render

COLUMNS = (GROUP, PERIOD, *HELD, RETURN_RATE)
ROWS = [{"group": "Tuesday [b]Support[/b]", "period": "2026-02", "held": 4, "cancelled": 1, "return_rate": 0.5}]


def test_in_spanish_a_tables_headings_are_spanish_and_its_cells_are_as_they_were(in_spanish: None) -> None:
    heading, _rule, row = render(ROWS, COLUMNS, Format.TABLE).splitlines()
    assert heading.split() == ["grupo", "periodo", "celebrada", "cancelada", "vuelven"]
    assert row.split() == ["Tuesday", "[b]Support[/b]", "2026-02", "4", "1", "50%"]


def test_in_spanish_markdown_headings_are_spanish(in_spanish: None) -> None:
    assert render(ROWS, COLUMNS, Format.MARKDOWN).splitlines()[0] == (
        "| grupo | periodo | celebrada | cancelada | vuelven |"
    )


def test_in_any_language_csv_and_json_keep_their_keys(in_spanish: None) -> None:
    assert render(ROWS, COLUMNS, Format.CSV).splitlines()[0] == "group,period,held,cancelled,return_rate"
    assert '"return_rate": 0.5' in render(ROWS, COLUMNS, Format.JSON)


def test_in_english_the_headings_are_as_they_always_were() -> None:
    assert render(ROWS, COLUMNS, Format.TABLE).splitlines()[0].split() == [
        "group", "period", "held", "cancelled", "return", "rate"
    ]
