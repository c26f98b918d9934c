"""How the fuzz tests run and what they check: settings, clean text, and refusals in one plain line.

Every fuzz test takes its settings from `fuzz()`, so one variable makes the whole folder run longer:
`CIRCLE_FUZZ_EXAMPLES=5000 pytest tests/fuzz` runs every test with 5000 examples.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, settings

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"


def fuzz(examples: int) -> settings:
    """`examples` in the quick run, or CIRCLE_FUZZ_EXAMPLES for a long one. Nothing is written to disk."""
    wanted = os.environ.get("CIRCLE_FUZZ_EXAMPLES", "").strip()
    return settings(
        max_examples=int(wanted) if wanted.isdigit() and int(wanted) > 0 else examples,
        deadline=None,  # real crypto and SQLite: some examples are slow, none should be flaky
        database=None,  # nothing left next to the project
        # Whole meetings and files are big inputs by design.
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
            HealthCheck.filter_too_much,
        ],
    )


def _steers_nothing(text: str) -> bool:
    """No control character but newline and tab, no bidi control, no lone surrogate."""
    if set(text) & set(BIDI_CONTROLS):
        return False
    return all(unicodedata.category(char) not in ("Cc", "Cs") or char in "\n\t" for char in text)


def is_clean(text: str) -> bool:
    """Text as circle keeps it: nothing that steers a terminal, in composed form."""
    return _steers_nothing(text) and unicodedata.is_normalized("NFC", text)


def is_clean_line(text: str) -> bool:
    """Clean, with no newline or tab either, and no space at either end."""
    return is_clean(text) and "\n" not in text and "\t" not in text and text == text.strip()


def is_one_plain_line(message: str) -> bool:
    """What a refusal may say: one line that steers nothing, not a whole page.

    Not necessarily in composed form: a message may quote a repr(), whose escapes can sit next to a mark.
    """
    one_line = "\n" not in message and "\t" not in message and message == message.strip()
    return bool(message) and one_line and _steers_nothing(message) and len(message) < 1000


def raises_only(documented: type[BaseException] | tuple[type[BaseException], ...], call: Callable[[], Any]) -> Any:
    """The call's result, or None if it raised the documented error with a one-line message.

    Any other exception propagates, so hypothesis reports it with the input that caused it.
    """
    try:
        return call()
    except documented as error:
        assert is_one_plain_line(str(error)), f"not one plain line: {str(error)!r}"
        return None
