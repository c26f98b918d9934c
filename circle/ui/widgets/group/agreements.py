"""Edit what is read aloud at the opening: agreements, limits of confidentiality, mandated reporting."""

from __future__ import annotations


from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Input, Label, TextArea

from circle.domain.errors import CircleError
from circle.domain.group import Agreements
from circle.language import N_, _
from circle.ui.widgets.group.editor import GroupEditor


class AgreementsEditor(GroupEditor):
    BINDINGS = [Binding("ctrl+s", "save", N_("Save agreements"))]

    def compose(self) -> ComposeResult:
        agreements = self.group.profile.agreements
        yield Label(_("Agreements, read aloud at every opening"))
        yield TextArea(agreements.text, id="agreements-text", soft_wrap=True)
        yield Label(_("Limits of confidentiality"))
        yield TextArea(agreements.confidentiality_limits, id="agreements-limits", soft_wrap=True)
        yield Label(_("Mandated-reporter statement (leave empty if your group has none)"))
        yield Input(agreements.mandated_reporter, id="agreements-reporter")
        yield Button(_("Save agreements"), id="agreements-save", variant="primary")

    @on(Button.Pressed, "#agreements-save")
    def action_save(self) -> None:
        try:
            agreements = Agreements(
                text=self.query_one("#agreements-text", TextArea).text,
                confidentiality_limits=self.query_one("#agreements-limits", TextArea).text,
                mandated_reporter=self.query_one("#agreements-reporter", Input).value,
            )
        except CircleError as error:
            self.show_problem(error)
            return
        if not agreements.text:
            self.show_problem(_("The agreements cannot be empty."))
            return
        self.keep(agreements=agreements)
