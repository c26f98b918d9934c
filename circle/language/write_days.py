"""Write each language's names of days, months and quarters from Babel's CLDR data: `make i18n` runs it.

    python -m circle.language.write_days

circle reads the written tables (circle/language/days.py) rather than Babel at run time. A test holds the
committed tables to what this writes, so a Babel upgrade that renames a month is noticed.
"""

from __future__ import annotations

import json

from babel import Locale

from circle.language import LANGUAGES
from circle.language.days import COUNTS, FILE, LOCALE_DIR, WIDTHS


def table(code: str) -> str:
    """The file's text for language `code`: CLDR's format names, Monday first, January first, Q1 first."""
    locale = Locale.parse(code)
    kinds = {"weekdays": locale.days, "months": locale.months, "quarters": locale.quarters}
    # Babel numbers weekdays from 0 (Monday), months and quarters from 1.
    first = {"weekdays": 0, "months": 1, "quarters": 1}
    names = {
        kind: {width: [kinds[kind]["format"][width][first[kind] + index] for index in range(count)] for width in WIDTHS}
        for kind, count in COUNTS.items()
    }
    return json.dumps(names, ensure_ascii=False, indent=1) + "\n"


def main() -> None:
    for code in LANGUAGES:
        path = LOCALE_DIR / code / FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(table(code), encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
