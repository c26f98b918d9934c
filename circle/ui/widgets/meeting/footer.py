"""The meeting's footer, which keeps its keys in place when only whether one works changes.

Textual's footer builds all its keys again whenever the screen's keys change, and the new keys need a
new layout of the whole screen. During a round, the keys on offer differ only in whether "+1 min"
works (in a turn, or between turns), so here the same keys are kept and that one is dimmed or not.
"""

from __future__ import annotations

from textual.screen import Screen
from circle.ui.widgets.footer import Footer  # lets go of the keys it stops showing

# Not exported by Textual: tests/app/test_meeting_footer_in_app.py pins it.
from textual.widgets._footer import FooterKey


class MeetingFooter(Footer):
    def bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen and self._dim_in_place(screen):
            return
        super().bindings_changed(screen)

    def _dim_in_place(self, screen: Screen[object]) -> bool:
        """Dim or light the keys already shown, if the same keys are still shown; False to rebuild."""
        wanted: dict[str, bool] = {}
        for _, binding, enabled, _tooltip in screen.active_bindings.values():
            if binding.show:
                wanted.setdefault(binding.action, enabled)
        keys = list(self.query_children(FooterKey))
        if not keys or [key.action for key in keys] != list(wanted):
            return False
        for key in keys:
            # The key's own flag decides whether a click works; the class only how it looks. Both, or a key lit
            # again would answer a click with the bell (tests/app/test_meeting_footer_in_app.py pins the flag).
            key._disabled = not wanted[key.action]  # noqa: SLF001
            if key.has_class("-disabled") is not key._disabled:  # noqa: SLF001
                # Restyled at once: nothing in the footer is animated, and looking for what to animate costs more.
                key.set_class(key._disabled, "-disabled", update=False)  # noqa: SLF001
                key.update_node_styles(animate=False)
        return True
