"""One group: its roster, format, agreements, rules and crisis resources."""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Footer, TabbedContent, TabPane

from circle.domain.errors import CircleError
from circle.domain.retention import RetentionPlan
from circle.domain.rules import ConfidentialityRules
from circle.ui.screens.base import CircleScreen
from circle.ui.screens.dialogs import Confirm
from circle.ui.screens.keys_help import GROUP_KEYS
from circle.ui.widgets.agreements_editor import AgreementsEditor
from circle.ui.widgets.crisis_editor import CrisisEditor
from circle.ui.widgets.format_editor import FormatEditor
from circle.ui.widgets.group_header import GroupHeader
from circle.ui.widgets.messages import MemberAddRequested, ProfileEdited, RulesChosen
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

    @on(ProfileEdited)
    def save(self, event: ProfileEdited) -> None:
        edited = replace(self.group, profile=replace(self.group.profile, **event.parts))  # type: ignore[arg-type]
        try:
            self.group = self.workspace.save_group(edited)
        except CircleError as error:
            self.say(str(error), error=True)
            return
        self.query_one(GroupHeader).show(self.group)
        self.say("Saved.")

    @on(RulesChosen)
    def change_rules(self, event: RulesChosen) -> None:
        """New rules apply to what is already kept; anything they would remove is shown first."""
        try:
            plan = self.workspace.plan_rules(self.group.id, event.rules)
        except CircleError as error:
            self.say(str(error), error=True)
            return
        if not plan.changes_anything:
            self.call_later(self._keep_rules, event.rules)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.call_later(self._keep_rules, event.rules)
            else:
                self.say("The rules were not changed; nothing was removed.")

        self.app.push_screen(Confirm(removal_question(plan)), answered)

    async def _keep_rules(self, rules: ConfidentialityRules) -> None:
        try:
            plan = self.workspace.change_rules(self.group.id, rules)
        except CircleError as error:
            self.say(str(error), error=True)
            return
        self.group = self.workspace.group(self.group.id)
        if plan.touches_people:
            # The roster itself changed (initials, or no names at all): build the tabs again from the vault.
            self.first_tab = "rules"
            await self.recompose()
        self.say("Rules saved and applied to everything already kept." if plan.removes_anything else "Rules saved.")

    @on(MemberAddRequested)
    def add_member(self, event: MemberAddRequested) -> None:
        self.add_to_roster(self.group.id, event.typed_name)


def removal_question(plan: RetentionPlan) -> Content:
    lines = "\n".join(f"  • {line}" for line in plan.lines)
    return Content(
        f"Saving these rules changes what is already kept:\n\n{lines}\n\n"
        "This cannot be undone. Save the rules?"
    )
