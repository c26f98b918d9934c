"""A DataTable whose column labels are plain text: circle's own words, never markup.

Textual reads a label given as a string as Rich markup, with emoji codes, and that loads Rich's table of emoji
names (~1.4 MB) for the first one, for labels that have neither.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text, TextType
from textual.widgets import DataTable
from textual.widgets._data_table import CellType, ColumnKey


class PlainTable(DataTable[CellType]):
    def add_column(self, label: TextType, **options: Any) -> ColumnKey:
        return super().add_column(Text(label) if isinstance(label, str) else label, **options)
