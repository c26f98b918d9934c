"""First run: a passphrase, a first group from a template, its agreements and rules, then members."""

from __future__ import annotations

from functools import partial

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, ContentSwitcher, Input, Label, Static

from circle.domain.errors import CircleError
from circle.domain.group import Group
from circle.domain.passphrase import check_new_passphrase, strength
from circle.domain.templates import templates_in
from circle.language import N_, _, current
from circle.ui.screens.base import FAILED, CircleScreen
from circle.ui.screens.derived import KeyDerived, PassphraseRefused, derive, finish
from circle.ui.widgets.footer import Footer
from circle.ui.widgets.group.agreements import AgreementsEditor
from circle.ui.widgets.group.editor import with_profile
from circle.ui.widgets.group.form import GroupForm
from circle.ui.widgets.group.messages import MemberAddRequested, ProfileEdited, RulesChosen
from circle.ui.widgets.group.roster import RosterEditor
from circle.ui.widgets.group.rules import RulesEditor
from circle.workspace import NewFacilitator, OpenedKey

STEPS = {
    "step-passphrase": N_("Your passphrase"),
    "step-group": N_("Your first group"),
    "step-agreements": N_("Its agreements"),
    "step-rules": N_("Its confidentiality rules"),
    "step-members": N_("Members (optional)"),
}

PASSPHRASE_INTRO = N_(
    "circle keeps attendance and notes encrypted on this laptop, and your passphrase is the only way in. "
    "It cannot be recovered: if it is lost, so is everything in this vault. "
    "Write it down and keep it somewhere safe, away from this laptop."
)
NEUTRAL_HINT = N_("Use at least 8 characters. A few unrelated words are strong and easy to type.")


class FirstRunScreen(CircleScreen):
    AUTO_FOCUS = "#handle"

    def __init__(self) -> None:
        super().__init__()
        self.group: Group | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="step-title", classes="title")
        with ContentSwitcher(initial="step-passphrase", id="steps"):
            with VerticalScroll(id="step-passphrase", classes="step"):
                yield Static(_(PASSPHRASE_INTRO), classes="lead")
                with Horizontal(classes="field"):
                    yield Label(_("Your name (as others see it)"), classes="field-label")
                    yield Input(_("Facilitator"), id="handle", compact=True)
                with Horizontal(classes="field"):
                    yield Label(_("Passphrase"), classes="field-label")
                    yield Input(password=True, id="passphrase", compact=True)
                with Horizontal(classes="field"):
                    yield Label(_("The same passphrase again"), classes="field-label")
                    yield Input(password=True, id="passphrase-again", compact=True)
                yield Static(_(NEUTRAL_HINT), id="strength", classes="hint")
                yield Static("", id="passphrase-message", classes="message")
                yield Button(_("Create my vault"), id="create-vault", variant="primary", compact=True)
            with Vertical(id="step-group", classes="step"):
                yield GroupForm()
            yield Vertical(id="step-agreements", classes="step")
            yield Vertical(id="step-rules", classes="step")
            with Vertical(id="step-members", classes="step"):
                yield Static(
                    _("Add members now, or later from the group's roster. Press the button when you are done."),
                    classes="lead",
                )
                yield Vertical(id="members-slot")
                yield Button(_("Finish"), id="finish", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        # The first group is made in the facilitator's language: its templates are listed in it.
        self.query_one(GroupForm).show_templates(templates_in(current()).values())
        self._show("step-passphrase")

    def _show(self, step: str) -> None:
        self.query_one("#steps", ContentSwitcher).current = step
        number = list(STEPS).index(step) + 1
        title = _("Welcome to circle · step {number} of {count}: {step}").format(
            number=number, count=len(STEPS), step=_(STEPS[step])
        )
        self.query_one("#step-title", Static).update(Content(title))

    # step 1 ---------------------------------------------------------------------
    @on(Input.Changed, "#passphrase")
    def _rate(self, event: Input.Changed) -> None:
        self.query_one("#strength", Static).update(strength(event.value).hint if event.value else _(NEUTRAL_HINT))

    @on(Input.Submitted, "#handle, #passphrase")
    def _to_next_field(self) -> None:
        self.focus_next()

    @on(Input.Submitted, "#passphrase-again")
    @on(Button.Pressed, "#create-vault")
    def _create_vault(self) -> None:
        passphrase = self.query_one("#passphrase", Input).value
        try:
            check_new_passphrase(passphrase, self.query_one("#passphrase-again", Input).value)
        except CircleError as error:
            self.query_one("#passphrase-message", Static).update(Content(str(error)))
            return
        self.query_one("#create-vault", Button).disabled = True
        self.query_one("#passphrase-message", Static).update(_("Creating your vault…"))
        try:
            new = self.workspace.begin_create_facilitator(self.query_one("#handle", Input).value)
        except CircleError as error:
            self._vault_failed(str(error))
            return
        self._create_facilitator(new, passphrase)

    @work(thread=True, exclusive=True, group="first-run", description="derive a key")
    def _create_facilitator(self, new: NewFacilitator, passphrase: str) -> None:
        derive(self, new, partial(new.make, passphrase))

    def on_key_derived(self, derived: KeyDerived) -> None:
        assert isinstance(derived.made, OpenedKey)
        stored = partial(self.workspace.finish_create_facilitator, derived.made)
        finish(stored, lambda _: self._vault_created(), self._vault_failed)

    def on_passphrase_refused(self, refused: PassphraseRefused) -> None:
        self._vault_failed(refused.reason)

    def _vault_failed(self, reason: str) -> None:
        self.query_one("#passphrase-message", Static).update(Content(reason))
        self.query_one("#create-vault", Button).disabled = False

    def _vault_created(self) -> None:
        for field_id in ("#passphrase", "#passphrase-again"):
            self.query_one(field_id, Input).value = ""
        self._show("step-group")
        self.query_one("#group-name", Input).focus()

    # steps 2 to 5 ---------------------------------------------------------------
    @on(GroupForm.Submitted)
    async def _create_group(self, event: GroupForm.Submitted) -> None:
        group = self.attempt(self.workspace.create_group, event.name, event.template_key)
        if group is FAILED:
            return
        self.group = group
        await self._on_to("step-agreements", AgreementsEditor(self.group), "#agreements-text")

    @on(ProfileEdited)
    async def _save_agreements(self, event: ProfileEdited) -> None:
        assert self.group is not None
        saved = self.attempt(self.workspace.save_group, with_profile(self.group, **event.parts))
        if saved is FAILED:
            return
        self.group = saved
        await self._on_to("step-rules", RulesEditor(self.group), "#rules-names")

    async def _on_to(self, step: str, editor: Widget, first_field: str) -> None:
        """The next step: its editor, made for the group as it is now, with the cursor in its first field."""
        await self.query_one(f"#{step}").mount(editor)
        self._show(step)
        self.query_one(first_field).focus()

    @on(RulesChosen)
    async def _save_rules(self, event: RulesChosen) -> None:
        assert self.group is not None
        if self.attempt(self.workspace.change_rules, self.group.id, event.rules) is FAILED:
            return  # a new group has nothing kept to remove, so this saves without asking
        self.group = self.workspace.group(self.group.id)
        roster = RosterEditor([], keeps_names=self.group.rules.keeps_names)
        await self.query_one("#members-slot").mount(roster)
        self._show("step-members")
        fields = self.query("#roster-name")
        (fields.first() if fields else self.query_one("#finish")).focus()

    @on(MemberAddRequested)
    def _add_member(self, event: MemberAddRequested) -> None:
        assert self.group is not None
        self.add_to_roster(self.group.id, event.typed_name)

    @on(Button.Pressed, "#finish")
    def _finish(self) -> None:
        self.app.show_home()  # type: ignore[attr-defined]
