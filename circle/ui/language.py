"""The app's side of languages: key names in the footer and the palette are said in the facilitator's language.

Bindings are fixed when a screen's class is made, in English (marked with `N_`); they are translated as they are
shown, so the same classes serve every language.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from textual.binding import ActiveBinding, Binding

from circle.language import N_, _


def _said(words: str) -> str:
    return _(words) if words else ""


@lru_cache(maxsize=512)
def _binding_in(binding: Binding, description: str, tooltip: str) -> Binding:
    # Keyed by the words themselves, not the language's code: two catalogs may share a code (a test's made-up
    # language reads as "es"), and a binding must never keep another catalog's words.
    return replace(binding, description=description, tooltip=tooltip)


class SaysKeysInTheFacilitatorsLanguage:
    """Mixed into a screen before Textual's Screen: every footer and key list reads the translated names."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        shown = super().active_bindings  # type: ignore[misc]
        return {
            key: active._replace(
                binding=_binding_in(active.binding, _said(active.binding.description), _said(active.binding.tooltip)),
                tooltip=_said(active.tooltip),
            )
            for key, active in shown.items()
        }


# Textual's own words that circle shows: the footer's palette key and the palette's commands and prompts. Marked
# here so the catalog holds them; the footer and the palette translate them as they show them.
TEXTUALS_WORDS = (
    N_("palette"),
    N_("Open the command palette"),
    N_("Search for commands…"),
    N_("Search for themes…"),
    N_("No matches found"),
    N_("Exit the command palette"),
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit"),
    N_("Quit the application as soon as possible"),
)
