"""A new group from a template, as a dialog over home, in the language the group will meet in."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Select, Static

from circle.domain.errors import CircleError
from circle.domain.templates import templates_in
from circle.language import N_, _, current
from circle.ui.language import SaysKeysInTheFacilitatorsLanguage
from circle.ui.widgets.language_choice import LanguageChoice
from circle.ui.widgets.group.form import GroupForm


class NewGroupScreen(SaysKeysInTheFacilitatorsLanguage, ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]
    AUTO_FOCUS = "#group-name"
    DEFAULT_CSS = """
    NewGroupScreen #group-language-row { height: 1; }
    NewGroupScreen #group-language-row Label { width: auto; margin-right: 1; }
    NewGroupScreen #group-language { width: 20; }
    """

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(_("New group"), classes="title")
            with Horizontal(id="group-language-row"):
                yield Label(_("The group meets in"))
                yield LanguageChoice(current(), id="group-language")
            yield GroupForm()

    def on_mount(self) -> None:
        self.query_one(GroupForm).show_templates(templates_in(self.language).values())

    @property
    def language(self) -> str:
        chosen = self.query_one("#group-language", Select).value
        return chosen if isinstance(chosen, str) else current()

    @on(Select.Changed, "#group-language")
    def _templates_in_the_chosen_language(self) -> None:
        self.query_one(GroupForm).show_templates(templates_in(self.language).values())

    @on(GroupForm.Submitted)
    def create(self, event: GroupForm.Submitted) -> None:
        try:
            group = self.app.workspace.create_group(  # type: ignore[attr-defined]
                event.name, event.template_key, self.language
            )
        except CircleError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.dismiss(group.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
