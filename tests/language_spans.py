"""Bracketed stretches that run over more than one line: a question of several lines, or a label a narrow field
wraps onto its next row. `tests.language_probe` reads a screen line by line, so these are taken out first."""

from __future__ import annotations

import re

_SPAN = re.compile(r"⟦[^⟦⟧]*⟧")


def without_bracketed_spans(text: str) -> str:
    """`text` without each whole bracketed stretch, innermost first, never across another opening bracket."""
    while True:
        shorter = _SPAN.sub("", text)
        if shorter == text:
            return text
        text = shorter
