"""One group: its roster, format, agreements, rules and crisis resources."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, TabbedContent, TabPane

from circle.domain.errors import CircleError
from circle.ui.screens.base import CircleScreen
from circle.ui.screens.keys_help import GROUP_KEYS
from circle.ui.widgets.agreements_editor import AgreementsEditor
from circle.ui.widgets.crisis_editor import CrisisEditor
from circle.ui.widgets.format_editor import FormatEditor
from circle.ui.widgets.group_header import GroupHeader
from circle.ui.widgets.messages import GroupEdited, MemberAddRequested
from circle.ui.widgets.roster_editor import RosterEditor
from circle.ui.widgets.rules_editor import RulesEditor

TABS = ("roster", "format", "agreements", "rules", "crisis")


class GroupScreen(CircleScreen):
    KEYS_TITLE = "Keys in a group's settings"
    KEYS_HELP = GROUP_KEYS
    BINDINGS = [
        Binding("escape", "back", "Groups"),
        *(Binding(f"f{index}", f"tab('{tab}')", tab.title(), show=False) for index, tab in enumerate(TABS, 1)),
    ]

    def __init__(self, group_id: str, *, tab: str = "roster") -> None:
        super().__init__()
        self.group = self.workspace.group(group_id)
        self.first_tab = tab

    def compose(self) -> ComposeResult:
        group = self.group
        yield GroupHeader(group, id="group-header")
        with TabbedContent(initial=self.first_tab):
            with TabPane("Roster", id="roster"):
                yield RosterEditor(
                    self.workspace.members(group.id) if group.rules.keeps_names else [],
                    keeps_names=group.rules.keeps_names,
                )
            with TabPane("Format", id="format"):
                yield FormatEditor(group)
            with TabPane("Agreements", id="agreements"):
                yield AgreementsEditor(group)
            with TabPane("Rules", id="rules"):
                yield RulesEditor(group)
            with TabPane("Crisis", id="crisis"):
                yield CrisisEditor(group)
        yield Footer()

    def action_back(self) -> None:
        self.dismiss()

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    @on(GroupEdited)
    def save(self, event: GroupEdited) -> None:
        try:
            self.group = self.workspace.save_group(event.group)
        except CircleError as error:
            self.say(str(error), error=True)
            return
        self.query_one(GroupHeader).show(self.group)
        self.say("Saved.")

    @on(MemberAddRequested)
    def add_member(self, event: MemberAddRequested) -> None:
        self.add_to_roster(self.group.id, event.typed_name)
