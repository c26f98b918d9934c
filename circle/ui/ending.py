"""How circle's apps end on a bug: one line for the shell, never Textual's traceback with its local values."""

from __future__ import annotations

from textual.app import App

from circle.language import _


class EndsInOneLine(App[None]):
    """Mixed into circle's apps, before `App`. `stopped_by` is the line the launcher prints after the app ends."""

    stopped_by: str | None = None

    def _fatal_error(self) -> None:
        """A bug ends the app with one line; Textual's traceback would print local values: names and keys.

        The exception is still kept for the test harness to raise. TEXTUAL=debug shows the full traceback.
        """
        if "debug" in self.features:
            super()._fatal_error()
            return
        kind = type(self._exception).__name__ if self._exception is not None else "error"
        self.stopped_by = _("an unexpected problem stopped circle ({kind}); everything saved before it is kept.").format(
            kind=kind
        )
        self._close_messages_no_wait()
