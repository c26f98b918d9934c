"""Name a new group and choose the template it starts from."""

from __future__ import annotations

from collections.abc import Iterable

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, OptionList
from textual.widgets.option_list import Option

from circle.domain.templates import DEFAULT_TEMPLATE, TEMPLATES
from circle.domain.templates import Template
from circle.language import _


class GroupForm(Vertical):
    class Submitted(Message):
        def __init__(self, name: str, template_key: str) -> None:
            super().__init__()
            self.name = name
            self.template_key = template_key

    def compose(self) -> ComposeResult:
        yield Label(_("Group name"))
        yield Input(placeholder=_("e.g. Tuesday Evening Support"), id="group-name")
        yield Label(_("Start from"))
        yield OptionList(
            *(Option(f"{t.title}\n  {t.description}", id=t.key) for t in TEMPLATES.values()),
            id="group-template",
        )
        yield Button(_("Create group"), id="group-create", variant="primary")

    def on_mount(self) -> None:
        options = self.query_one("#group-template", OptionList)
        options.highlighted = options.get_option_index(DEFAULT_TEMPLATE)

    @on(Input.Submitted, "#group-name")
    def _next_field(self) -> None:
        self.query_one("#group-template", OptionList).focus()

    @on(OptionList.OptionSelected, "#group-template")
    @on(Button.Pressed, "#group-create")
    def submit(self) -> None:
        name = self.query_one("#group-name", Input).value
        options = self.query_one("#group-template", OptionList)
        index = options.highlighted if options.highlighted is not None else 0
        key = options.get_option_at_index(index).id or DEFAULT_TEMPLATE
        if not name.strip():
            self.notify(_("Give the group a name first."), severity="error")
            self.query_one("#group-name", Input).focus()
            return
        self.post_message(self.Submitted(name, key))

    def show_templates(self, templates: Iterable[Template]) -> None:
        """List these templates (written in the group's language) in place of the ones listed; the highlighted
        one stays."""
        options = self.query_one("#group-template", OptionList)
        index = options.highlighted
        options.clear_options()
        options.add_options([Option(f"{t.title}\n  {t.description}", id=t.key) for t in templates])
        options.highlighted = index
