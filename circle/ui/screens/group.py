"""One group: its roster, format, schedule, agreements, rules, crisis resources and facilitators."""

from __future__ import annotations

from functools import partial

from textual import on, work
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import TabbedContent, TabPane

from circle.domain.clock import today
from circle.domain.errors import CircleError
from circle.domain.retention import RetentionPlan
from circle.domain.rules import ConfidentialityRules
from circle.language import N_, _
from circle.ui.screens.base import FAILED, CircleScreen
from circle.ui.screens.derived import KeyDerived, PassphraseRefused, derive, finish
from circle.ui.screens.dialogs import Ask, Choose, Confirm
from circle.ui.screens.roster_questions import (
    delete_group_question,
    erase_confirmation,
    merge_confirmation,
    merge_question,
    rename_question,
)
from circle.ui.keys import Key
from circle.ui.text import one_line, plain
from circle.ui.widgets.footer import Footer
from circle.ui.widgets.group.agreements import AgreementsEditor
from circle.ui.widgets.group.crisis import CrisisEditor
from circle.ui.widgets.group.facilitators import FacilitatorsPanel
from circle.ui.widgets.group.format import FormatEditor
from circle.ui.widgets.group.editor import with_profile
from circle.ui.widgets.group.header import GroupHeader
from circle.ui.widgets.group.messages import (
    CofacilitatorAddRequested,
    FacilitatorGiveRequested,
    FacilitatorRemoveRequested,
    MemberAddRequested,
    MemberCareRequested,
    ProfileEdited,
    RulesChosen,
)
from circle.ui.widgets.group.roster import RosterEditor
from circle.ui.widgets.group.rules import RulesEditor
from circle.ui.widgets.group.schedule import ScheduleEditor
from circle.domain.group import Member
from circle.ui.screens.group_tabs import TAB_TITLES, TABS, tab_key
from circle.workspace import FacilitatorEntry, NewFacilitator, OpenedKey


class GroupScreen(CircleScreen):
    KEYS_TITLE = N_("Keys in a group's settings")
    KEYS_HELP = (
        "tab('roster')",
        "meetings",
        ("Tab", N_("the next field")),
        # The facilitators' and the editors' own keys: they work where those have the focus.
        ("a", N_("add a co-facilitator, who types their own passphrase (Facilitators)")),
        ("g", N_("give this group to a facilitator of your other groups, passphrase as it is (Facilitators)")),
        ("Delete", N_("remove the highlighted facilitator, after asking (Facilitators)")),
        ("Ctrl+S", N_("save what you changed in this tab")),
        # The format's parts: they act on the part whose field has the focus.
        ("Ctrl+N", N_("add a part below the one with the focus, its kind chosen first (Format)")),
        ("Ctrl+R", N_("remove the part with the focus (Format)")),
        ("Ctrl+↑ Ctrl+↓", N_("move the part with the focus up or down (Format)")),
        # The roster's own keys: they act on the highlighted member while the list has the focus.
        ("r", N_("rename the highlighted member (Roster)")),
        ("n", N_("mark the highlighted member as no longer coming, or coming again (Roster)")),
        ("m", N_("merge another entry for the same person into the highlighted one (Roster)")),
        ("e", N_("erase the highlighted member now, on their request, after asking (Roster)")),
        "back",
        ("Ctrl+L", N_("lock circle; unlocking comes back here, unsaved changes and all")),
        "delete_group",
    )
    BINDINGS = [
        Key("escape", "back", N_("Groups"), help=N_("back to your groups")),
        # One row in `?` for the seven: F1 names them all.
        Key("f1", "tab('roster')", TAB_TITLES["roster"], show=False, help_key=f"F1 … {tab_key(TABS[-1])}",
            help=N_("roster, format, when it meets, agreements, rules, crisis resources, facilitators")),
        *(Key(f"f{index}", f"tab('{tab}')", TAB_TITLES[tab], show=False) for index, tab in enumerate(TABS[1:], 2)),
        # Priority: it works from any field of the group's tabs, and only asks for the name first.
        Key("ctrl+d", "delete_group", N_("Delete group"), show=False, priority=True,
            help=N_("delete this whole group, after typing its name")),
        Key("f8", "meetings", N_("Meetings"),
            help=N_("the group's meetings: cancel a date, discard one, correct who came")),
    ]

    def __init__(self, group_id: str, *, tab: str = "roster") -> None:
        super().__init__()
        self.group = self.workspace.group(group_id)
        self.first_tab = tab

    def compose(self) -> ComposeResult:
        group = self.group
        yield GroupHeader(group, id="group-header")
        with TabbedContent(initial=self.first_tab):
            with TabPane(_(TAB_TITLES["roster"]), id="roster"):
                yield RosterEditor(
                    self.workspace.members(group.id) if group.rules.keeps_names else [],
                    keeps_names=group.rules.keeps_names,
                )
            with TabPane(_(TAB_TITLES["format"]), id="format"):
                yield FormatEditor(group)
            with TabPane(_(TAB_TITLES["when"]), id="when"):
                yield ScheduleEditor(group, today=today(self.workspace.clock))
            with TabPane(_(TAB_TITLES["agreements"]), id="agreements"):
                yield AgreementsEditor(group)
            with TabPane(_(TAB_TITLES["rules"]), id="rules"):
                yield RulesEditor(group)
            with TabPane(_(TAB_TITLES["crisis"]), id="crisis"):
                yield CrisisEditor(group)
            with TabPane(_(TAB_TITLES["facilitators"]), id="facilitators"):
                yield FacilitatorsPanel(self.workspace.facilitators(group.id))
        yield Footer()

    def action_back(self) -> None:
        self.dismiss()

    def action_meetings(self) -> None:
        from circle.ui.screens.meetings import MeetingsScreen

        self.app.push_screen(MeetingsScreen(self.group.id))

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        if tab == "facilitators":
            # Its keys act on the list, so start there: they show in the footer at once.
            self.query_one(FacilitatorsPanel).focus_list()
        elif tab == "when":
            self.query_one(ScheduleEditor).focus_first()  # a key away from changing how often it meets

    def vault_locked(self) -> None:
        self.query_one(FacilitatorsPanel).clear_passphrase()  # nothing typed waits under the lock

    def vault_unlocked(self) -> bool:
        try:
            self._show_facilitators()  # an addition that finished while circle was locked shows now
        except CircleError:
            return False  # the group no longer opens for whoever unlocked
        return True

    @on(ProfileEdited)
    def save(self, event: ProfileEdited) -> None:
        saved = self.attempt(self.workspace.save_group, with_profile(self.group, **event.parts))
        if saved is FAILED:
            return
        self.group = saved
        self.query_one(GroupHeader).show(self.group)
        self.say(_("Saved."))

    @on(RulesChosen)
    def change_rules(self, event: RulesChosen) -> None:
        """New rules apply to what is already kept; anything they would remove is shown first."""
        plan = self.attempt(self.workspace.plan_rules, self.group.id, event.rules)
        if plan is FAILED:
            return
        if not plan.changes_anything:
            self.call_later(self._keep_rules, event.rules)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.call_later(self._keep_rules, event.rules)
            else:
                self.say(_("The rules were not changed; nothing was removed."))

        self.app.push_screen(Confirm(removal_question(plan)), answered)

    async def _keep_rules(self, rules: ConfidentialityRules) -> None:
        plan = self.attempt(self.workspace.change_rules, self.group.id, rules)
        if plan is FAILED:
            return
        self.group = self.workspace.group(self.group.id)
        if plan.touches_people:
            # The roster itself changed (initials, or no names at all): build the tabs again from the vault.
            self.first_tab = "rules"
            await self.recompose()
        if plan.removes_anything:
            self.say(_("Rules saved and applied to everything already kept."))
        else:
            self.say(_("Rules saved."))

    @on(MemberAddRequested)
    def add_member(self, event: MemberAddRequested) -> None:
        self.add_to_roster(self.group.id, event.typed_name)

    # caring for the roster -----------------------------------------------------------
    def _show_roster(self, message: str, *, highlight: str | None = None) -> None:
        self.query_one(RosterEditor).show(self.workspace.members(self.group.id), highlight=highlight)
        self.say(message)

    @on(MemberCareRequested)
    def care_for_member(self, event: MemberCareRequested) -> None:
        member = event.member
        if event.action == "rename":
            self.app.push_screen(Ask(rename_question(member), value=member.name), partial(self._rename, member))
        elif event.action == "retire":
            self._retire(member)
        elif event.action == "merge":
            others = [(plain(other.shown), other.id) for other in self.workspace.members(self.group.id)
                      if other.id != member.id]
            if not others:
                self.say(_("Nobody else is on the roster to merge."))
                return
            self.app.push_screen(Choose(merge_question(member).plain, others), partial(self._confirm_merge, member))
        elif event.action == "erase":
            notes = sum(note.member_id == member.id for note in self.workspace.notes(self.group.id))
            self.app.push_screen(Confirm(erase_confirmation(member, notes)), partial(self._erase, member))

    def _rename(self, member: Member, typed: str | None) -> None:
        if not typed:
            return
        renamed = self.attempt(self.workspace.rename_member, self.group.id, member.id, typed)
        if renamed is not FAILED:
            self._show_roster(_("Renamed to {name}.").format(name=renamed.shown), highlight=member.id)

    def _retire(self, member: Member) -> None:
        changed = self.attempt(self.workspace.retire_member, self.group.id, member.id, retired=not member.retired)
        if changed is FAILED:
            return
        said = (
            _("{name} is no longer offered at meetings; past attendance stays.") if changed.retired
            else _("{name} is coming again.")
        )
        self._show_roster(said.format(name=changed.shown), highlight=member.id)

    def _confirm_merge(self, keep: Member, other_id: str | None) -> None:
        other = next((member for member in self.workspace.members(self.group.id) if member.id == other_id), None)
        if other is None:
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                self.say(_("Nothing was merged."))
                return
            merged = self.attempt(self.workspace.merge_members, self.group.id, keep.id, other.id)
            if merged is not FAILED:
                self._show_roster(_("Merged into {name}.").format(name=merged.shown), highlight=keep.id)

        self.app.push_screen(Confirm(merge_confirmation(keep, other)), answered)

    def _erase(self, member: Member, yes: bool | None) -> None:
        if not yes:
            self.say(_("Nobody was erased."))
            return
        if self.attempt(self.workspace.erase_member, self.group.id, member.id) is not FAILED:
            self._show_roster(_("Erased. Their attendance stays only as counts."))

    def action_delete_group(self) -> None:
        def typed(name: str | None) -> None:
            if name is None:
                return
            if self.attempt(self.workspace.delete_group, self.group.id, name) is FAILED:
                return
            self.say(_("Deleted {group}.").format(group=self.group.name))
            self.dismiss()

        self.app.push_screen(Ask(delete_group_question(self.group.name), placeholder=_("The group's name")), typed)

    # facilitators -------------------------------------------------------------------
    def _show_facilitators(self) -> None:
        self.query_one(FacilitatorsPanel).show(self.workspace.facilitators(self.group.id))

    @on(CofacilitatorAddRequested)
    def add_cofacilitator(self, event: CofacilitatorAddRequested) -> None:
        try:
            someone = self.workspace.begin_add_cofacilitator(self.group.id, event.handle)
        except CircleError as error:
            self._not_added(str(error))
        else:
            self._add_cofacilitator(someone, event.passphrase)

    @work(thread=True, exclusive=True, group="facilitators", description="derive a key")
    def _add_cofacilitator(self, someone: NewFacilitator, passphrase: str) -> None:
        """A key slot sealed under their passphrase: the KDF runs once per facilitator, off the screen's thread."""
        derive(self, someone, partial(someone.make, passphrase))

    def on_key_derived(self, derived: KeyDerived) -> None:
        assert isinstance(derived.asked, NewFacilitator) and isinstance(derived.made, OpenedKey)
        stored = partial(self.workspace.finish_add_cofacilitator, derived.asked, derived.made)
        finish(stored, self._added, self._not_added)

    def on_passphrase_refused(self, refused: PassphraseRefused) -> None:
        self._not_added(refused.reason)

    def _not_added(self, reason: str) -> None:
        self.query_one(FacilitatorsPanel).refused(reason)

    def _added(self, entry: FacilitatorEntry) -> None:
        if not self.workspace.is_unlocked:
            return  # locked meanwhile: no name on the lock screen; unlocking shows the list
        self.query_one(FacilitatorsPanel).added(self.workspace.facilitators(self.group.id), entry)
        self.say(_("{name} can now open {group} with their own passphrase.").format(
            name=entry.handle, group=self.group.name))

    @on(FacilitatorRemoveRequested)
    def confirm_removal(self, event: FacilitatorRemoveRequested) -> None:
        leaving = event.facilitator
        if leaving.is_you:
            # Said before asking anything: the workspace would refuse after a "yes".
            self.say(_("You cannot remove yourself; another facilitator of the group can."), error=True)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._remove(leaving)
            else:
                self.say(_("Nobody was removed."))

        self.app.push_screen(Confirm(removal_of(leaving.handle, self.group.name)), answered)

    @on(FacilitatorGiveRequested)
    def choose_whom_to_give(self) -> None:
        others = self.workspace.others_to_give(self.group.id)
        if not others:
            self.say(_("Nobody else facilitates your other groups; add someone new with a."))
            return
        choices = [(plain(entry.handle), entry.id) for entry in others]
        question = _("Who else should open this group? (Their passphrase stays as it is.)")
        self.app.push_screen(Choose(question, choices), self._give)

    def _give(self, facilitator_id: str | None) -> None:
        if facilitator_id is None:
            return
        given = self.attempt(self.workspace.give_group, self.group.id, facilitator_id)
        if given is FAILED:
            return
        self._show_facilitators()
        self.say(_("{name} can now open {group} too, with the passphrase they have.").format(
            name=given.handle, group=self.group.name))

    def _remove(self, leaving: FacilitatorEntry) -> None:
        """Quick: no KDF, only the group's own rows sealed again, so it runs here."""
        if self.attempt(self.workspace.remove_facilitator, self.group.id, leaving.id) is FAILED:
            return
        self._show_facilitators()
        self.say(_("{name} was removed. {group} has a new key.").format(name=leaving.handle, group=self.group.name))


def removal_question(plan: RetentionPlan) -> Content:
    lines = "\n".join(f"  • {line}" for line in plan.lines)
    return Content(
        _("Saving these rules changes what is already kept:\n\n{lines}\n\nThis cannot be undone. Save the rules?")
        .format(lines=lines)
    )


def removal_of(handle: str, group_name: str) -> Content:
    # Content, not markup: the names are shown as they were typed.
    return Content(
        _(
            "Remove {name} from {group}? The group's key will be changed, and {name}'s passphrase"
            " will open nothing written from now on."
        ).format(name=one_line(handle).plain, group=one_line(group_name).plain)
    )
